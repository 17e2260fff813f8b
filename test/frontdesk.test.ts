import { afterEach, describe, expect, it } from "vitest";
import { createFrontdesk, createSweeps, type Frontdesk } from "../src/frontdesk.js";
import { createLog } from "../src/runtime/log.js";
import { useStrictNock } from "./helpers/nock-strict.js";

useStrictNock();

const started: Frontdesk[] = [];
afterEach(async () => {
  for (const frontdesk of started.splice(0)) await frontdesk.close();
});

/** frontdesk from `env` on a free loopback port, with its log lines as messages. */
async function start(env: NodeJS.ProcessEnv) {
  const lines: string[] = [];
  const log = createLog({ level: "info" }, { write: (line: string) => void lines.push((JSON.parse(line) as { msg: string }).msg) });
  const frontdesk = await createFrontdesk(env, { log, now: () => new Date("2026-11-26T09:00:00Z") });
  started.push(frontdesk);
  const port = await frontdesk.listen(0, "127.0.0.1");
  return { frontdesk, port, url: `http://127.0.0.1:${port}`, lines };
}

describe("createFrontdesk", () => {
  it("without a platform's variables serves /healthz and says what to set", async () => {
    const { url, port, lines, frontdesk } = await start({});
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", github: false, gitlab: false, pending: 0 });
    expect(frontdesk.handlers).toEqual([]);
    expect(lines).toEqual([
      "GitHub is not served: set APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET (and GHE_HOST for GitHub Enterprise Server)",
      "GitLab is not served: set GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET (and GITLAB_URL when self-managed)",
      `frontdesk listening on port ${port}`,
    ]);
    expect((await fetch(`${url}/api/gitlab/webhooks`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("with GitLab's variables serves the GitLab endpoint and refuses a wrong token", async () => {
    const env = { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: "glpat-test", GITLAB_WEBHOOK_SECRET: "right-secret" };
    const { url, lines } = await start(env);
    expect(lines).toContain("GitLab served at POST /api/gitlab/webhooks");
    expect(lines.some((line) => line.startsWith("GitLab is not served"))).toBe(false);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ github: false, gitlab: true });
    const response = await fetch(`${url}/api/gitlab/webhooks`, {
      method: "POST",
      body: JSON.stringify({ object_kind: "issue" }),
      headers: { "content-type": "application/json", "x-gitlab-event": "Issue Hook", "x-gitlab-token": "wrong-secret" },
    });
    expect(response.status).toBe(401);
  });

  it("closes: the server stops listening", async () => {
    const { frontdesk } = await start({});
    await frontdesk.close();
    expect(frontdesk.server.listening).toBe(false);
  });
});

describe("createSweeps", () => {
  /** The warnings a sweep's wiring logs; Probot's logger must not be built without GitHub. */
  function options() {
    const warnings: string[] = [];
    const quiet = () => undefined;
    const log = { debug: quiet, info: quiet, error: quiet, warn: (obj: object | string, msg?: string) => void warnings.push(msg ?? String(obj)) };
    const probotLog = () => {
      throw new Error("Probot's logger is built only when GitHub is swept");
    };
    return { warnings, log, probotLog };
  }

  it("builds no sweep without credentials, and says why GitLab is not swept without GITLAB_PROJECTS", () => {
    expect(createSweeps({}, options())).toEqual([]);
    const withToken = options();
    expect(createSweeps({ GITLAB_TOKEN: "glpat-test" }, withToken)).toEqual([]);
    expect(withToken.warnings).toEqual(["GitLab is not swept: frontdesk sweep knows GitLab projects only from GITLAB_PROJECTS"]);
  });

  it("builds the GitLab sweep from GITLAB_TOKEN and GITLAB_PROJECTS", () => {
    const env = { GITLAB_TOKEN: "glpat-test", GITLAB_PROJECTS: "acme/site" };
    const built = options();
    expect(createSweeps(env, built).map((sweep) => sweep.platform)).toEqual(["gitlab"]);
    expect(built.warnings).toEqual([]);
  });
});
