import type { FakeIssue } from "../fakes/github-state.js";
import { issuePayload } from "./github.js";
import { createAppKey } from "./spawn-server.js";

/** The server's environment against a fake GitHub at `host`; spec-example.yml's boards are the agency's, which the operator allows. */
export function fakeGitHubEnv(host: string, secret: string): Record<string, string> {
  return {
    APP_ID: "1",
    PRIVATE_KEY: createAppKey(),
    WEBHOOK_SECRET: secret,
    GHE_HOST: host,
    GHE_PROTOCOL: "http",
    FRONTDESK_PROJECT_TARGETS: "https://github.com/orgs/acme-agency",
  };
}

/** The `issues.opened` delivery of a fake repository's issue, from installation `installation`. */
export function openedDelivery(repo: string, installation: number, issue: FakeIssue) {
  const payload = issuePayload({ number: issue.number, title: issue.title, body: issue.body ?? undefined, author: issue.user.login, authorType: issue.user.type as "User", createdAt: issue.created_at });
  const [owner, name] = repo.split("/");
  payload.repository = { ...payload.repository, name, full_name: repo, owner: { ...payload.repository.owner, login: owner } };
  payload.installation = { id: installation };
  return payload;
}
