import type { GitLabApp } from "./app.js";

/**
 * GitLab has no installations to enumerate: the sweep covers the projects
 * frontdesk has heard from (any verified webhook names its project) and those
 * listed in GITLAB_PROJECTS. The set is kept in memory and bounded; a restart
 * forgets it until the next delivery, which GITLAB_PROJECTS covers. What a
 * webhook says is only a claim: the sweep asks the API for each id, and
 * sweeps it only when it lies in the scope of the secret that named it.
 */

/** A project as a webhook names it: its id, the path it claimed, and the scope of the secret it came with. */
export interface SeenProject {
  id: number;
  path_with_namespace: string;
  default_branch?: string | null;
  /** The namespace of the secret that admitted the delivery; undefined for a secret valid everywhere. */
  scope?: string;
}

/** The projects seen most recently, at most `maxEntries` (the oldest is forgotten first). */
export class SeenProjects {
  readonly #projects = new Map<number, SeenProject>();

  constructor(private readonly maxEntries = 1_000) {}

  record(project: SeenProject): void {
    this.#projects.delete(project.id);
    this.#projects.set(project.id, { id: project.id, path_with_namespace: project.path_with_namespace, default_branch: project.default_branch, scope: project.scope });
    if (this.#projects.size > this.maxEntries) {
      const oldest = this.#projects.keys().next();
      if (!oldest.done) this.#projects.delete(oldest.value);
    }
  }

  list(): SeenProject[] {
    return [...this.#projects.values()];
  }
}

/** The app, recording the project of every delivery it is handed (after the token was checked). */
export function recordSeenProjects(app: GitLabApp, seen: SeenProjects): GitLabApp {
  return (event, payload, log, delivery) => {
    const project = readProject(payload);
    if (project) seen.record({ ...project, scope: delivery?.scope });
    return app(event, payload, log, delivery);
  };
}

function readProject(payload: unknown): SeenProject | undefined {
  const project = (payload as { project?: Record<string, unknown> } | null)?.project;
  if (!project || typeof project.id !== "number" || typeof project.path_with_namespace !== "string") return undefined;
  const branch = project.default_branch;
  return { id: project.id, path_with_namespace: project.path_with_namespace, default_branch: typeof branch === "string" ? branch : null };
}

/** GITLAB_PROJECTS: comma-separated project paths (`group/project`) the sweep always covers. */
export function readGitLabProjects(env: NodeJS.ProcessEnv): string[] {
  return [...new Set((env.GITLAB_PROJECTS ?? "").split(",").map((path) => path.trim().replace(/^\/+|\/+$/gu, "")).filter(Boolean))];
}
