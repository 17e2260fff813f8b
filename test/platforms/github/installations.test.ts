import nock from "nock";
import { describe, expect, it } from "vitest";
import { listInstallations } from "../../../src/platforms/github/installations.js";
import { LocalKeptState } from "../../../src/runtime/kept-state.js";
import { API, createBareProbot } from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

const REPOSITORY = { name: "site", full_name: "beta/site", owner: { login: "beta" }, archived: false, disabled: false, private: true };

describe("listInstallations: what the sweep and the report walk", () => {
  it("skips a suspended installation, yields one whose token fails as a failed listing, and goes on with the next", async () => {
    nock(API)
      .get("/app/installations")
      .query(true)
      .reply(200, [{ id: 1 }, { id: 2, suspended_at: "2026-11-01T00:00:00Z" }, { id: 3 }])
      .post("/app/installations/1/access_tokens")
      .reply(500, { message: "boom" })
      .post("/app/installations/3/access_tokens")
      .reply(201, { token: "t3", expires_at: "2099-01-01T00:00:00Z" })
      .get("/installation/repositories")
      .query(true)
      .reply(200, { total_count: 1, repositories: [REPOSITORY] });

    const walked = [];
    for await (const installation of listInstallations(createBareProbot(), new LocalKeptState())) walked.push(installation);

    expect(walked).toHaveLength(2);
    expect(walked[0]).toMatchObject({ failed: "installation 1" });
    expect(walked[1]).toMatchObject({ repositories: [{ name: "site", full_name: "beta/site", owner: { login: "beta" }, archived: false, disabled: false }] });
  });
});
