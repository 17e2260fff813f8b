import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { planIntake } from "../../src/core/plan-intake.js";
import { ticket } from "../helpers/core.js";

/** The README's worked examples of emergencies around the clock are what frontdesk does. */

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const SATURDAY_2AM = new Date("2026-11-28T01:00:00Z");

function example(heading: string) {
  const start = README.indexOf(heading);
  const yaml = /```yaml\n([\s\S]*?)```/u.exec(README.slice(start))?.[1] ?? "";
  return configSchema.parse(parse(yaml));
}

function intake(config: ReturnType<typeof example>, title: string) {
  const result = planIntake({ config, ticket: ticket({ title, createdAt: SATURDAY_2AM }), comments: [], openTickets: {}, clockStart: SATURDAY_2AM, now: SATURDAY_2AM });
  if (result.kind !== "triage") throw new Error(result.reason);
  return result;
}

describe("README: emergencies around the clock", () => {
  it("English: carol on call, promised 03:00 that night; a task on Monday 17:00", () => {
    const config = example("Worked example (English):");
    const emergency = intake(config, "Website is down");
    expect(emergency.changes.assign).toContain("carol");
    expect(emergency.changes.comments[0]).toContain("Sat, 28 Nov 2026, 03:00 CET");
    expect(intake(config, "Please change the footer").decisions.due.toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });

  it("German: bernd's week, but bernd is away, so carla; promised 03:00 MEZ", () => {
    const config = example("Beispiel (Deutsch):");
    const emergency = intake(config, "Website nicht erreichbar");
    expect(emergency.reasons).toContain("on call: carla (rotation since 2026-11-23 09:00; passed over bernd (away))");
    expect(emergency.changes.assign).toContain("carla");
    expect(emergency.changes.comments[0]).toContain("Sa., 28. Nov. 2026, 03:00 MEZ");
    expect(intake(config, "Bitte Impressum ändern").decisions.due.toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });
});
