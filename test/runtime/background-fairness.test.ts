import { describe, expect, it } from "vitest";
import { BackgroundWork, type BackgroundOptions } from "../../src/runtime/background.js";
import type { Priority } from "../../src/runtime/pacer.js";
import { ManualClock } from "../helpers/manual-clock.js";

/**
 * One tenant (a GitHub installation, a GitLab top-level group) cannot starve
 * the others: queued work is bounded per tenant and in total, and a quiet
 * tenant's emergency is admitted while another tenant floods.
 */

/** Work that stays pending until the test lets it all finish. */
function setUp(options: Partial<BackgroundOptions>) {
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  const work = new BackgroundWork(() => undefined, { clock: new ManualClock(), settleMs: 0, ...options });
  const deliver = (tenant: string, priority: Priority = "normal", lane = tenant) =>
    work.start(`${tenant} ${priority}`, () => held, priority, lane, tenant);
  const finish = async () => {
    open();
    await work.idle();
  };
  return { work, deliver, finish };
}

describe("BackgroundWork between tenants", () => {
  it("refuses a tenant's work beyond its own limit, while other tenants are still admitted", async () => {
    const { work, deliver, finish } = setUp({ tenantLimit: 2, limit: 100, urgentReserve: 10 });
    expect([deliver("github:1"), deliver("github:1")]).toEqual([true, true]);
    expect(deliver("github:1")).toBe(false);
    // Its own emergencies too: the reserve is for tenants below their limit.
    expect(deliver("github:1", "urgent")).toBe(false);
    expect(deliver("github:2")).toBe(true);
    expect(work.pendingOf("github:1")).toBe(2);
    expect(work.pendingOf("github:2")).toBe(1);
    expect(work.pending).toBe(3);
    await finish();
    // Finished work gives the tenant its room back.
    expect(work.pendingOf("github:1")).toBe(0);
    expect(deliver("github:1")).toBe(true);
    await work.idle();
  });

  it("counts tenants, not lanes: groups sharing one GitLab lane each have their own limit", async () => {
    const { work, deliver, finish } = setUp({ tenantLimit: 1, limit: 100 });
    expect(deliver("gitlab-group-a", "normal", "gitlab")).toBe(true);
    expect(deliver("gitlab-group-a", "normal", "gitlab")).toBe(false);
    expect(deliver("gitlab-group-b", "normal", "gitlab")).toBe(true);
    // Without a tenant, the lane is the tenant.
    expect(work.start("lane only", () => Promise.resolve(), "normal", "github:7")).toBe(true);
    expect(work.pendingOf("github:7")).toBe(1);
    await finish();
  });

  it("refuses work beyond the total limit, urgent work beyond the total and its reserve", async () => {
    const { work, deliver, finish } = setUp({ tenantLimit: 100, limit: 3, urgentReserve: 1 });
    expect(["github:1", "github:2", "github:3"].map((tenant) => deliver(tenant))).toEqual([true, true, true]);
    expect(deliver("github:4")).toBe(false);
    expect(deliver("github:4", "background")).toBe(false);
    expect(deliver("github:4", "urgent")).toBe(true);
    expect(deliver("github:5", "urgent")).toBe(false);
    expect(work.pending).toBe(4);
    await finish();
  });

  it("admits a quiet tenant's emergency while another tenant is at its limit and the total is full", async () => {
    const { work, deliver, finish } = setUp({ tenantLimit: 3, limit: 5, urgentReserve: 2 });
    // The flood: one installation up to its limit, the others fill the rest.
    for (let index = 0; index < 3; index++) expect(deliver("github:flood")).toBe(true);
    expect(deliver("github:flood")).toBe(false);
    expect([deliver("github:busy"), deliver("github:busy")]).toEqual([true, true]);
    expect(work.pending).toBe(5);
    expect(deliver("github:quiet")).toBe(false);
    expect(deliver("github:quiet", "urgent")).toBe(true);
    // The flooding tenant cannot take the reserve for itself.
    expect(deliver("github:flood", "urgent")).toBe(false);
    expect(deliver("github:other-quiet", "urgent")).toBe(true);
    expect(work.pending).toBe(7);
    await finish();
  });

  it("starts a quiet tenant's emergency at once, however much the flooding tenant has queued", async () => {
    const { work, deliver, finish } = setUp({ tenantLimit: 50, limit: 50, urgentReserve: 5, concurrency: 2 });
    for (let index = 0; index < 50; index++) deliver("github:flood");
    const started: string[] = [];
    work.start("emergency", async () => void started.push("emergency"), "urgent", "github:quiet");
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.resolve();
    expect(started).toEqual(["emergency"]);
    await finish();
  });
});
