import { describe, expect, it } from "vitest";
import { BackgroundWork } from "../../src/runtime/background.js";
import { LogContext, type LogFields } from "../../src/runtime/log-context.js";

/** What a shutdown needs from the queue: what is left, by delivery, and each task's fields on its log lines. */

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("BackgroundWork at shutdown", () => {
  it("lists what is running and what waits, with the delivery's fields", async () => {
    const work = new BackgroundWork(() => undefined, { concurrency: 1, settleMs: 0 });
    const first = gate();
    work.start("github issues d-1", () => first.promise, "normal", "lane", "lane", { delivery: "d-1", repo: "acme/site", issue: 1 });
    work.start("github issues d-2", async () => undefined, "normal", "lane", "lane", { delivery: "d-2", repo: "acme/site", issue: 2 });
    await settle();
    expect(work.unfinished()).toEqual([
      { label: "github issues d-1", fields: { delivery: "d-1", repo: "acme/site", issue: 1 }, running: true },
      { label: "github issues d-2", fields: { delivery: "d-2", repo: "acme/site", issue: 2 }, running: false },
    ]);
    first.open();
    await work.idle();
    expect(work.unfinished()).toEqual([]);
  });

  it("runs each task in its fields' log context, and hands them to the failure's line", async () => {
    const context = new LogContext();
    const failures: { label: string; fields: LogFields }[] = [];
    const work = new BackgroundWork((_error, label, fields) => void failures.push({ label, fields }), { settleMs: 0, context });
    const seen: LogFields[] = [];
    work.start("a", async () => void seen.push(context.fields()), "normal", "lane", "lane", { delivery: "d-a", issue: 1 });
    work.start("b", async () => {
      await settle();
      seen.push(context.fields());
      throw new Error("fails");
    }, "normal", "lane", "lane", { delivery: "d-b", issue: 2 });
    await work.idle();
    expect(seen).toEqual([{ delivery: "d-a", issue: 1 }, { delivery: "d-b", issue: 2 }]);
    expect(failures).toEqual([{ label: "b", fields: { delivery: "d-b", issue: 2 } }]);
    expect(context.fields()).toEqual({});
  });
});
