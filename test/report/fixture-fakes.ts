import type { FakeGitHub } from "../fakes/github-api.js";
import type { FakeGitLab } from "../fakes/gitlab-api.js";
import type { FixtureRepo } from "./fixture.js";

/** A fixture repository in the fake GitHub, as frontdesk and the people would have left it. */
export function loadIntoGitHub(github: FakeGitHub, fixture: FixtureRepo, installation: number): void {
  const repo = github.addRepo(fixture.repo, installation, fixture.config);
  for (const issue of fixture.issues) {
    repo.openIssue({
      number: issue.number,
      title: issue.title,
      author: issue.author ?? "client-joe",
      labels: issue.labels ?? [],
      createdAt: issue.at,
      assignees: issue.assignees ?? [],
      ...(issue.closedAt ? { closedAt: issue.closedAt } : {}),
      ...(issue.pullRequest ? { pullRequest: true } : {}),
    });
    for (const comment of issue.comments ?? []) {
      repo.addComment(issue.number, { login: comment.by, bot: comment.self === true, body: comment.body, createdAt: comment.at });
    }
  }
}

/** A fixture repository as a project of the fake GitLab (it has no pull requests among its issues). */
export function loadIntoGitLab(gitlab: FakeGitLab, fixture: FixtureRepo): void {
  const project = gitlab.addProject(fixture.repo, fixture.config);
  for (const issue of fixture.issues) {
    if (issue.pullRequest) continue;
    gitlab.state.openIssue(project, {
      iid: issue.number,
      title: issue.title,
      author: issue.author ?? "client-joe",
      labels: issue.labels ?? [],
      createdAt: new Date(issue.at),
      assignees: issue.assignees ?? [],
      ...(issue.closedAt ? { closedAt: new Date(issue.closedAt) } : {}),
    });
    for (const comment of issue.comments ?? []) {
      gitlab.state.addNote(project, issue.number, { ...(comment.self ? {} : { author: comment.by }), body: comment.body, createdAt: new Date(comment.at) });
    }
  }
}
