import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { onCallAt } from "../../src/core/on-call.js";
import { specConfig } from "../helpers/core.js";

/** bob and carol a week each, handing over Monday 09:00 Berlin time; bob's first week starts Monday 2 Nov 2026. */
function withOnCall(onCall: Record<string, unknown>, away: Record<string, string[]> = {}) {
  const base = specConfig();
  return specConfig({ team: { ...base.team, away, on_call: onCall } } as Partial<ConfigInput>);
}
const rotation = withOnCall({ rotation: ["bob", "carol"], handover: "mon 09:00", from: "2026-11-02" });

describe("onCallAt", () => {
  it.each([
    ["bob's first week", "2026-11-02T08:00:00Z", "bob"],
    ["still bob one minute before the handover (Mon 08:59 local)", "2026-11-09T07:59:00Z", "bob"],
    ["carol from the handover on (Mon 09:00 local)", "2026-11-09T08:00:00Z", "carol"],
    ["carol on the Saturday night of her week", "2026-11-14T01:00:00Z", "carol"],
    ["bob again the week after", "2026-11-16T08:00:00Z", "bob"],
  ])("%s", (_name, at, login) => {
    expect(onCallAt(rotation, new Date(at)).login).toBe(login);
  });

  it("hands over at 09:00 local time across a clock change (CET begins Sunday 29 March 2026)", () => {
    const spring = withOnCall({ rotation: ["bob", "carol"], handover: "mon 09:00", from: "2026-03-23" });
    // Monday 30 March, 08:59 CEST is 06:59Z: still bob; 09:00 CEST is 07:00Z: carol.
    expect(onCallAt(spring, new Date("2026-03-30T06:59:00Z")).login).toBe("bob");
    expect(onCallAt(spring, new Date("2026-03-30T07:00:00Z")).login).toBe("carol");
    // The night of the change itself, Sunday 02:30 CEST, is still bob's.
    expect(onCallAt(spring, new Date("2026-03-29T00:30:00Z")).login).toBe("bob");
  });

  it("passes over someone away that day to the next in the rotation, and says so", () => {
    const config = withOnCall({ rotation: ["bob", "carol"], from: "2026-11-02" }, { carol: ["2026-11-14"] });
    expect(onCallAt(config, new Date("2026-11-14T01:00:00Z"))).toEqual({ login: "bob", why: "rotation since 2026-11-09 09:00; passed over carol (away)" });
    const everyone = withOnCall({ rotation: ["bob"], from: "2026-11-02" }, { bob: ["2026-11-14"] });
    expect(onCallAt(everyone, new Date("2026-11-14T01:00:00Z")).login).toBeUndefined();
  });

  it("lets an explicit shift win over the rotation, unless its person is away", () => {
    const config = withOnCall({ rotation: ["bob", "carol"], from: "2026-11-02", shifts: [{ login: "dave", from: "2026-11-13 18:00", to: "2026-11-16 09:00" }] });
    expect(onCallAt(config, new Date("2026-11-14T01:00:00Z"))).toEqual({ login: "dave", why: "shift until 2026-11-16 09:00" });
    expect(onCallAt(config, new Date("2026-11-16T08:00:00Z")).login).toBe("bob");
    const away = withOnCall({ rotation: ["bob", "carol"], from: "2026-11-02", shifts: [{ login: "dave", from: "2026-11-13 18:00", to: "2026-11-16 09:00" }] }, { dave: ["2026-11-14"] });
    expect(onCallAt(away, new Date("2026-11-14T01:00:00Z"))).toEqual({ login: "carol", why: "rotation since 2026-11-09 09:00; passed over dave (away)" });
  });

  it.each([
    ["wed", "2026-11-04"],
    ["thu", "2026-11-05"],
    ["fri", "2026-11-06"],
    ["sat", "2026-11-07"],
    ["sun", "2026-11-08"],
    ["mon", "2026-11-09"],
    ["tue", "2026-11-10"],
  ])("starts the rotation at the first %s handover on or after a Wednesday's from: %s", (day, date) => {
    const config = withOnCall({ rotation: ["bob", "carol"], handover: `${day} 09:00`, from: "2026-11-04" });
    // 09:00 in Berlin is 08:00Z in November: bob from the first handover on, carol (the week before) one minute earlier.
    expect(onCallAt(config, new Date(`${date}T08:00:00Z`))).toEqual({ login: "bob", why: `rotation since ${date} 09:00` });
    expect(onCallAt(config, new Date(`${date}T07:59:00Z`)).login).toBe("carol");
  });

  it("names nobody without a schedule", () => {
    expect(onCallAt(specConfig(), new Date("2026-11-14T01:00:00Z"))).toEqual({ why: "team.on_call is not set" });
  });
});
