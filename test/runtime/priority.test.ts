import { describe, expect, it } from "vitest";
import type { Priority } from "../../src/runtime/pacer.js";
import { currentPriority, withPriority } from "../../src/runtime/priority.js";

/** The next turn of the event loop, so that a check runs after other work interleaved. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("withPriority and currentPriority", () => {
  it("is normal outside any withPriority", () => {
    expect(currentPriority()).toBe("normal");
  });

  it.each<Priority>(["urgent", "normal", "background"])("carries %s through awaits, timers and nested calls", async (priority) => {
    const seen: Priority[] = [];
    const deep = async () => {
      await nextTurn();
      seen.push(currentPriority());
    };
    await withPriority(priority, async () => {
      seen.push(currentPriority());
      await Promise.resolve();
      seen.push(currentPriority());
      await deep();
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          seen.push(currentPriority());
          resolve();
        }, 0),
      );
    });
    expect(seen).toEqual([priority, priority, priority, priority]);
  });

  it("returns the task's value and passes its failure on", async () => {
    expect(await withPriority("urgent", async () => 42)).toBe(42);
    await expect(withPriority("urgent", async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
  });

  it("nests: the inner priority holds inside and the outer one is back after it", async () => {
    const seen: string[] = [];
    await withPriority("background", async () => {
      seen.push(`outer ${currentPriority()}`);
      await withPriority("urgent", async () => {
        await nextTurn();
        seen.push(`inner ${currentPriority()}`);
      });
      seen.push(`after ${currentPriority()}`);
    });
    seen.push(`outside ${currentPriority()}`);
    expect(seen).toEqual(["outer background", "inner urgent", "after background", "outside normal"]);
  });

  it("keeps the priorities of work running side by side apart", async () => {
    const seen: string[] = [];
    const work = (priority: Priority) =>
      withPriority(priority, async () => {
        for (let step = 0; step < 3; step++) {
          await nextTurn();
          seen.push(`${priority} ${currentPriority()}`);
        }
      });
    await Promise.all([work("urgent"), work("background")]);
    expect(seen).toEqual([
      "urgent urgent",
      "background background",
      "urgent urgent",
      "background background",
      "urgent urgent",
      "background background",
    ]);
    expect(currentPriority()).toBe("normal");
  });

  it("does not reach work started before it, outside it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const outside = (async () => {
      await gate;
      return currentPriority();
    })();
    await withPriority("urgent", async () => release());
    expect(await outside).toBe("normal");
  });
});
