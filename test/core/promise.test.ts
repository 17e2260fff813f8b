import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { promisedDue, recordedPromise } from "../../src/core/promise.js";
import { specConfig } from "../helpers/core.js";

const base = specConfig();
const always = specConfig({ urgency: { ...base.urgency, levels: { ...base.urgency.levels, emergency: { ...base.urgency.levels.emergency!, hours: "always" } } } } as Partial<ConfigInput>);
/** Saturday 28 Nov 2026, 02:00 in Berlin. */
const SATURDAY_2AM = new Date("2026-11-28T01:00:00Z");
/** Thursday 26 Nov 2026, 10:00 in Berlin. */
const THURSDAY_10AM = new Date("2026-11-26T09:00:00Z");

describe("promisedDue: the due time and the clock, decided together", () => {
  it("runs an always level outside business hours on the wall clock", () => {
    expect(promisedDue(always, "emergency", SATURDAY_2AM)).toEqual({ due: new Date("2026-11-28T02:00:00Z"), clock: "wall" });
  });

  it("runs an always level inside business hours, and any other level, on business hours", () => {
    expect(promisedDue(always, "emergency", THURSDAY_10AM)).toEqual({ due: new Date("2026-11-26T10:00:00Z"), clock: "business" });
    // Monday 09:00 Berlin + 1 business day.
    expect(promisedDue(always, "task", SATURDAY_2AM)).toEqual({ due: new Date("2026-11-30T16:00:00Z"), clock: "business" });
    expect(promisedDue(base, "emergency", SATURDAY_2AM)).toEqual({ due: new Date("2026-11-30T09:00:00Z"), clock: "business" });
  });

  it("promises a day for a level the configuration no longer has", () => {
    expect(promisedDue(base, "gone", THURSDAY_10AM)).toEqual({ due: new Date("2026-11-27T09:00:00Z"), clock: "business" });
  });
});

describe("recordedPromise: the record's promise, else intake's", () => {
  it("follows a readable record", () => {
    expect(recordedPromise(always, { urgency: "emergency", due: "2026-12-01T00:00:00Z" }, "emergency", SATURDAY_2AM)).toEqual({ due: new Date("2026-12-01T00:00:00Z"), clock: "business" });
    expect(recordedPromise(base, { urgency: "emergency", due: "2026-12-01T00:00:00Z", clock: "wall" }, "emergency", THURSDAY_10AM).clock).toBe("wall");
  });

  it("without one, makes intake's promise", () => {
    expect(recordedPromise(always, undefined, "emergency", SATURDAY_2AM)).toEqual(promisedDue(always, "emergency", SATURDAY_2AM));
  });
});
