import { describe, expect, it } from "vitest";
import { GITHUB_LIMITS, GITLAB_NOTE_LIMITS, GITLAB_REQUEST_LIMITS } from "../../src/runtime/limits.js";
import type { PacerLimits } from "../../src/runtime/pacer.js";

/**
 * The limits are constants; what they must satisfy is that reaching one is a
 * wait in frontdesk, never a refusal from the platform, and that each kind of
 * work still has room (docs/gitlab-limits.md; GitHub's secondary limits).
 */
const LANES: { name: string; limits: PacerLimits; platformPerMinute: number; platformPerHour: number | undefined }[] = [
  { name: "GitHub content-creating requests", limits: GITHUB_LIMITS, platformPerMinute: 80, platformPerHour: 500 },
  { name: "GitLab API requests", limits: GITLAB_REQUEST_LIMITS, platformPerMinute: 2_000, platformPerHour: undefined },
  { name: "GitLab note creation", limits: GITLAB_NOTE_LIMITS, platformPerMinute: 300, platformPerHour: undefined },
];

describe.each(LANES)("$name", ({ limits, platformPerMinute, platformPerHour }) => {
  it("stays at or below what the platform allows", () => {
    expect(limits.writesPerMinute).toBeLessThanOrEqual(platformPerMinute);
    if (platformPerHour !== undefined) expect(limits.writesPerHour).toBeLessThanOrEqual(platformPerHour);
  });

  it("leaves background work room in both windows after the reserves", () => {
    const held = limits.reserve + limits.backgroundReserve;
    expect(limits.reserve).toBeGreaterThan(0);
    expect(limits.backgroundReserve).toBeGreaterThan(0);
    expect(limits.writesPerMinute - held).toBeGreaterThan(0);
    expect(limits.writesPerHour - held).toBeGreaterThan(0);
  });

  it("allows at least one call in flight, and an hour of at least a minute's writes", () => {
    expect(limits.concurrent).toBeGreaterThanOrEqual(1);
    expect(limits.writesPerHour).toBeGreaterThanOrEqual(limits.writesPerMinute);
  });
});

describe("GitLab's lanes", () => {
  it.each([
    { name: "requests", limits: GITLAB_REQUEST_LIMITS },
    { name: "notes", limits: GITLAB_NOTE_LIMITS },
  ])("$name: the hourly limit, which GitLab does not have, never binds before the minute's", ({ limits }) => {
    expect(limits.writesPerHour).toBeGreaterThanOrEqual(limits.writesPerMinute * 60);
  });

  it("the notes lane does not limit concurrency: more places than an hour's notes", () => {
    // A note holds its place here while it queues in the requests lane.
    expect(GITLAB_NOTE_LIMITS.concurrent).toBeGreaterThan(GITLAB_NOTE_LIMITS.writesPerHour);
  });
});
