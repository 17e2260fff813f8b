import nock from "nock";
import { afterEach, beforeEach, expect } from "vitest";

/**
 * Strict HTTP mocking: no real network, every request must match a mock and
 * every mock must be used, or the test fails.
 */
export function useStrictNock(): void {
  const unmatched: string[] = [];
  const onNoMatch = (request: { method?: string; path?: string; href?: string; hostname?: string; host?: string }) => {
    // Loopback requests are the test talking to its own server, allowed above.
    const host = request.hostname ?? request.host ?? "";
    if (/^(127\.0\.0\.1|localhost)(:\d+)?$/u.test(host)) return;
    unmatched.push(`${request.method ?? "?"} ${request.href ?? request.path ?? "?"}`);
  };
  beforeEach(() => {
    unmatched.length = 0;
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/u);
    nock.emitter.on("no match", onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", onNoMatch);
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(unmatched, "requests that matched no mock").toEqual([]);
    expect(pending, "mocks that were never called").toEqual([]);
  });
}
