import { describe, expect, it } from "vitest";
import { RedisLeases } from "../../../src/runtime/redis/lease.js";
import { useTestRedis } from "../../helpers/redis-server.js";

/** Two replicas' leases on one real Redis, each with its own connection. */
const redis = useTestRedis();

function replica(owner: string, ttlMs = 10_000) {
  const connection = redis.connect();
  // While Redis is stopped (the last test), reconnecting fails over and over: not worth a line each.
  connection.on("error", () => undefined);
  return { leases: new RedisLeases(connection, owner, { ttlMs, pollMs: 5 }), connection };
}

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe("RedisLeases", () => {
  it("runs two replicas' tasks for one issue one after another, with growing fencing tokens", async () => {
    const a = replica("a").leases;
    const b = replica("b").leases;
    const events: string[] = [];
    const first = gate();
    const tokens: number[] = [];
    const one = a.run("github:acme/site#7", async (hold) => {
      tokens.push(hold.token);
      events.push("a start");
      await first.opened;
      events.push("a end");
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const two = b.run("github:acme/site#7", async (hold) => {
      tokens.push(hold.token);
      events.push("b start");
    });
    // Another issue is not held up.
    await b.run("github:acme/site#8", async () => events.push("other issue"));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual(["a start", "other issue"]);
    first.open();
    await Promise.all([one, two]);
    expect(events).toEqual(["a start", "other issue", "a end", "b start"]);
    expect(tokens[1]!).toBeGreaterThan(tokens[0]!);
  });

  it("tryRun does not wait: the sweep of a second replica is skipped while the first holds the lease", async () => {
    const a = replica("a").leases;
    const b = replica("b").leases;
    const held = gate();
    const running = a.tryRun("sweep", () => held.opened.then(() => "swept"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await b.tryRun("sweep", async () => "twice")).toEqual({ ran: false });
    held.open();
    expect(await running).toEqual({ ran: true, value: "swept" });
    expect(await b.tryRun("sweep", async () => "next")).toEqual({ ran: true, value: "next" });
  });

  it("a replica that dies holding a lease loses it when its time runs out, and another takes it", async () => {
    const dying = replica("dying", 300);
    const never = dying.leases.run("gitlab:acme/shop#1", () => new Promise<never>(() => undefined));
    void never;
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The process is gone: no more renewals reach Redis.
    dying.connection.disconnect();
    const started = Date.now();
    const survivor = replica("survivor").leases;
    expect(await survivor.run("gitlab:acme/shop#1", async () => "taken over")).toBe("taken over");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a holder whose lease is gone learns it from its hold's signal", async () => {
    const { leases, connection } = replica("slow", 150);
    const aborted = await leases.run("sweep-lost", async (hold) => {
      await connection.del("frontdesk:lease:sweep-lost");
      await new Promise((resolve) => setTimeout(resolve, 200));
      return hold.signal.aborted;
    });
    expect(aborted).toBe(true);
  });

  it("a holder that cannot reach Redis for longer than the lease's time to live learns it from its hold's signal", async () => {
    const { leases } = replica("cut-off", 150);
    const seen = await leases.run("sweep-unreachable", async (hold) => {
      await redis.server().kill();
      try {
        // The renewals wait in the connection's queue meanwhile: none fails, none succeeds.
        const lostAfter = await new Promise<number>((resolve) => {
          const started = Date.now();
          hold.signal.addEventListener("abort", () => resolve(Date.now() - started));
          setTimeout(() => resolve(-1), 1_000);
        });
        return { lostAfter, reason: (hold.signal.reason as Error | undefined)?.name };
      } finally {
        await redis.server().restart();
      }
    });
    expect(seen.reason).toBe("LeaseLostError");
    expect(seen.lostAfter).toBeGreaterThanOrEqual(0);
    expect(seen.lostAfter).toBeLessThan(500);
  });
});
