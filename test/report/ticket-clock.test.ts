import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { ticketClock } from "../../src/report/ticket-facts.js";
import { specConfig } from "../helpers/core.js";

const base = specConfig();
const config = specConfig({ urgency: { ...base.urgency, levels: { ...base.urgency.levels, emergency: { ...base.urgency.levels.emergency!, hours: "always" } } } } as Partial<ConfigInput>);
const SATURDAY_2AM = new Date("2026-11-28T01:00:00Z");
const THURSDAY_10AM = new Date("2026-11-26T09:00:00Z");

describe("the clock a ticket's response time is counted on in the report", () => {
  it("follows the acknowledgement's record", () => {
    expect(ticketClock(config, { urgency: "emergency", due: "x", clock: "wall" }, "emergency", SATURDAY_2AM)).toBe("wall");
    expect(ticketClock(config, { urgency: "emergency", due: "x" }, "emergency", SATURDAY_2AM)).toBe("business");
  });

  it("without a record, decides as intake would: an always level outside business hours runs on the wall clock", () => {
    expect(ticketClock(config, undefined, "emergency", SATURDAY_2AM)).toBe("wall");
    expect(ticketClock(config, undefined, "emergency", THURSDAY_10AM)).toBe("business");
    expect(ticketClock(config, undefined, "task", SATURDAY_2AM)).toBe("business");
  });
});
