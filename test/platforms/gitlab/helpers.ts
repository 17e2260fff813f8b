import type { AddressInfo } from "node:net";
import { createServer } from "../../../src/server.js";
import type { Log } from "../../../src/desk/port.js";
import type { RequestHandler } from "../../../src/server.js";
import { readFixture } from "../../helpers/fixtures.js";

export { readFixture };

/** A self-managed instance: every call must go here, strict nock fails anything else. */
export const GITLAB = "https://gitlab.example.test";
export const API = `${GITLAB}/api/v4`;
export const TOKEN = "glpat-test-token";
export const SECRET = "hook-secret";
export const PROJECT_ID = 42;
export const PROJECT_PATH = "acme/site";
export const SELF = { id: 999, username: "frontdesk-bot" };
export const CONFIG = readFixture("spec-example.yml");
export const THURSDAY_10_BERLIN = new Date("2026-11-26T09:00:00Z");
export const CONFIG_FILE = `/projects/acme%2Fsite/repository/files/.gitlab%2Ffrontdesk.yml/raw`;

/** The operator allows the agency's defaults and its project for project work, which the tests use. */
export const ENV = {
  GITLAB_URL: `${GITLAB}/`,
  GITLAB_TOKEN: TOKEN,
  GITLAB_WEBHOOK_SECRET: SECRET,
  FRONTDESK_SHARED_CONFIG: "acme-agency/defaults",
  FRONTDESK_PROJECT_TARGETS: "acme-agency/projects",
};

/** Where frontdesk asks which project an id is (its path and default branch come from there, not the payload). */
export const PROJECT_API = `/projects/${PROJECT_ID}`;

/** A project as `GET /projects/:id` shows it. */
export function restProject(path = PROJECT_PATH, id = PROJECT_ID, defaultBranch = "main") {
  const namespace = path.split("/").slice(0, -1).join("/");
  return {
    id,
    name: path.split("/").at(-1),
    path: path.split("/").at(-1),
    path_with_namespace: path,
    default_branch: defaultBranch,
    web_url: `${GITLAB}/${path}`,
    namespace: { id: 3, name: namespace, path: namespace.split("/").at(-1), kind: "group", full_path: namespace },
  };
}

/** Roster logins with their GitLab ids. */
export const IDS: Record<string, number> = { alice: 11, ann: 12, bob: 21, carol: 23, dave: 31, lena: 7, "client-joe": 101 };

export function user(username: string) {
  return { id: IDS[username] ?? 500, name: username, username, avatar_url: null };
}

export interface HookOptions {
  iid?: number;
  title?: string;
  description?: string;
  action?: "open" | "reopen" | "update";
  author?: string;
  by?: { id: number; username: string };
  labels?: string[];
  assignees?: string[];
  createdAt?: string;
  timeEstimate?: number;
  type?: string;
}

/** An Issue Hook shaped like GitLab's documented payload (test/fixtures/gitlab/issue-hook.json). */
export function issueHook(options: HookOptions = {}): Record<string, any> {
  const payload = JSON.parse(readFixture("gitlab/issue-hook.json")) as Record<string, any>;
  const author = user(options.author ?? "client-joe");
  payload.user = { ...payload.user, ...(options.by ?? author), name: (options.by ?? author).username };
  const attributes = payload.object_attributes;
  Object.assign(attributes, {
    iid: options.iid ?? 7,
    id: 90000 + (options.iid ?? 7),
    title: options.title ?? attributes.title,
    description: options.description ?? attributes.description,
    action: options.action ?? "open",
    author_id: author.id,
    created_at: options.createdAt ?? attributes.created_at,
    time_estimate: options.timeEstimate ?? 0,
    type: options.type ?? "Issue",
    assignee_ids: (options.assignees ?? []).map((login) => user(login).id),
  });
  payload.labels = (options.labels ?? []).map((title, id) => ({ id, title, color: "#ededed", project_id: PROJECT_ID, type: "ProjectLabel" }));
  attributes.labels = payload.labels;
  payload.assignees = (options.assignees ?? []).map(user);
  return payload;
}

/** A Push Hook to `ref` that touched the given files. */
export function pushHook(files: { added?: string[]; modified?: string[]; removed?: string[] }, options: { ref?: string; project?: string; total?: number } = {}) {
  const payload = JSON.parse(readFixture("gitlab/push-hook.json")) as Record<string, any>;
  payload.ref = options.ref ?? "refs/heads/main";
  if (options.project) payload.project.path_with_namespace = options.project;
  payload.commits = [{ ...payload.commits[0], added: [], modified: [], removed: [], ...files }];
  payload.total_commits_count = options.total ?? 1;
  return payload;
}

export interface RestIssueOptions {
  iid: number;
  title?: string;
  description?: string;
  author?: string;
  labels?: string[];
  assignees?: string[];
  notes?: number;
  createdAt?: string;
}

/** An issue as `GET /projects/:id/issues` lists it. */
export function restIssue(options: RestIssueOptions) {
  return {
    id: 90000 + options.iid,
    iid: options.iid,
    project_id: PROJECT_ID,
    title: options.title ?? `Issue ${options.iid}`,
    description: options.description ?? null,
    state: "opened",
    created_at: options.createdAt ?? "2026-11-26T09:00:00.000Z",
    labels: options.labels ?? [],
    author: user(options.author ?? "client-joe"),
    assignees: (options.assignees ?? []).map(user),
    user_notes_count: options.notes ?? 0,
    web_url: `${GITLAB}/acme/site/-/issues/${options.iid}`,
  };
}

/** A note as `GET .../notes` lists it. */
export function restNote(id: number, author: { id: number; username: string }, body: string, system = false) {
  return { id, body, author: { ...author, name: author.username }, created_at: "2026-11-26T09:00:01.000Z", system, noteable_type: "Issue", noteable_iid: 7 };
}

export interface LogLine {
  level: keyof Log;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is told, to assert on warnings. */
export function captureLog(): Log & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof Log) =>
    (obj: object | string, msg?: string): void => {
      if (typeof obj === "string") lines.push({ level, fields: {}, message: obj });
      else lines.push({ level, fields: obj as Record<string, unknown>, message: msg ?? "" });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** The real server (src/server.ts) with one handler, on a free port. */
export async function startServer(handler: RequestHandler) {
  const server = createServer({ handlers: [handler], platforms: { github: false, gitlab: true }, onError: () => undefined });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/gitlab/webhooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let deliveries = 0;

/** POSTs a hook the way GitLab does: token, event name, event UUID and idempotency key. */
export async function deliver(url: string, event: string, payload: object, headers: Record<string, string> = {}) {
  deliveries++;
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-gitlab-event": event,
      "x-gitlab-token": SECRET,
      "x-gitlab-event-uuid": `event-${deliveries}`,
      "idempotency-key": `key-${deliveries}`,
      "x-gitlab-instance": GITLAB,
      ...headers,
    },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A Note Hook on issue 7, shaped like GitLab's documented payload (test/fixtures/gitlab/note-hook.json). */
export function noteHook(note: string, options: { by?: string; id?: number; noteableType?: string } = {}): Record<string, any> {
  const payload = JSON.parse(readFixture("gitlab/note-hook.json")) as Record<string, any>;
  const by = user(options.by ?? "ann");
  payload.user = { ...payload.user, ...by, name: by.username };
  Object.assign(payload.object_attributes, {
    note,
    description: note,
    id: options.id ?? 1241,
    author_id: by.id,
    noteable_type: options.noteableType ?? "Issue",
  });
  return payload;
}

/** An Issue Hook `update` that changed the time estimate or the labels, by `by`. */
export function updateHook(
  change: { timeEstimate?: [number, number]; labels?: [string[], string[]] },
  by = "ann",
  issue: HookOptions = {},
): Record<string, any> {
  const labels = change.labels?.[1] ?? issue.labels ?? ["support", "urgency: emergency", "function: development"];
  const payload = issueHook({ title: "Website is down!", ...issue, labels, action: "update", by: user(by) });
  payload.object_attributes.author_id = IDS["client-joe"];
  payload.changes = {
    updated_at: { previous: "2026-11-26 09:00:02 UTC", current: "2026-11-26 10:00:00 UTC" },
    ...(change.timeEstimate && { time_estimate: { previous: change.timeEstimate[0], current: change.timeEstimate[1] } }),
    ...(change.labels && {
      labels: {
        previous: change.labels[0].map((title, id) => ({ id, title })),
        current: change.labels[1].map((title, id) => ({ id, title })),
      },
    }),
  };
  if (change.timeEstimate) payload.object_attributes.time_estimate = change.timeEstimate[1];
  return payload;
}
