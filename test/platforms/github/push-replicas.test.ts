import { describe, expect, it } from "vitest";
import { createGitHubApp } from "../../../src/platforms/github/app.js";
import { fixedIdentity } from "../../../src/platforms/github/identity.js";
import { KeyedLock } from "../../../src/runtime/keyed-lock.js";
import { RedisBroadcast } from "../../../src/runtime/redis/broadcast.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { APP_LOGIN, createBareProbot, pushPayload } from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { useTestRedis } from "../../helpers/redis-server.js";

useStrictNock();

/** A push that one replica receives clears the configuration on the others, through Redis pub/sub. */
const redis = useTestRedis();

function replica(name: string) {
  const [commands, subscriber] = [redis.connect(), redis.connect()];
  const deps = { cache: new RepoCache(), locks: new KeyedLock(), now: () => new Date(), identity: fixedIdentity(APP_LOGIN), broadcast: new RedisBroadcast(commands, subscriber, name) };
  const probot = createBareProbot();
  void probot.load(createGitHubApp(deps));
  return { deps, probot };
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("a configuration push with several replicas", () => {
  it("clears the repository's configuration on every replica, and an inherited file's on every repository of the owner", async () => {
    const [a, b] = [replica("a"), replica("b")];
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const repo of ["acme/site", "acme/shop", "globex/site"]) await b.deps.cache.get(repo, "config", async () => `config of ${repo}`);

    // Removing the file: nothing to check, only to clear.
    await a.probot.receive({ id: "push-1", name: "push", payload: pushPayload({ removed: [".github/frontdesk.yml"] }) } as never);
    await until(() => b.deps.cache.peek("acme/site", "config") === undefined);
    expect(b.deps.cache.peek("acme/site", "config")).toBeUndefined();
    expect(b.deps.cache.peek("acme/shop", "config")).toBe("config of acme/shop");

    // Another frontdesk.yml (one that others may inherit): every repository of the owner, and only of the owner.
    await a.probot.receive({ id: "push-2", name: "push", payload: pushPayload({ removed: ["shared/frontdesk.yml"] }) } as never);
    await until(() => b.deps.cache.peek("acme/shop", "config") === undefined);
    expect(b.deps.cache.peek("acme/shop", "config")).toBeUndefined();
    expect(b.deps.cache.peek("globex/site", "config")).toBe("config of globex/site");
  });
});
