import { describe, expect, it } from "vitest";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, readServerSettings, readShutdownTimeout, SettingsError } from "../../src/runtime/settings.js";

describe("readServerSettings", () => {
  it("defaults: port 3000 on every interface, info, JSON (readable lines on a terminal), 25 s to shut down", () => {
    expect(readServerSettings({})).toEqual({ port: 3000, logLevel: "info", logFormat: "json", shutdownTimeoutMs: DEFAULT_SHUTDOWN_TIMEOUT_MS });
    expect(readServerSettings({}, true).logFormat).toBe("pretty");
    expect(readServerSettings({ LOG_FORMAT: "json" }, true).logFormat).toBe("json");
  });

  it("reads every variable", () => {
    const env = { PORT: "4100", HOST: "127.0.0.1", LOG_LEVEL: "DEBUG", LOG_FORMAT: "pretty", SHUTDOWN_TIMEOUT: "1m30s" };
    expect(readServerSettings(env)).toEqual({ port: 4100, host: "127.0.0.1", logLevel: "debug", logFormat: "pretty", shutdownTimeoutMs: 90_000 });
    expect(readServerSettings({ PORT: "0" }).port).toBe(0);
  });

  it.each<[Record<string, string>, string]>([
    [{ PORT: "abc" }, 'PORT="abc" is not a port: use a number from 0 to 65535 (0: any free port)'],
    [{ PORT: "70000" }, 'PORT="70000" is not a port: use a number from 0 to 65535 (0: any free port)'],
    [{ PORT: "-1" }, 'PORT="-1" is not a port: use a number from 0 to 65535 (0: any free port)'],
    [{ LOG_LEVEL: "verbose" }, 'LOG_LEVEL="verbose" is not one of fatal, error, warn, info, debug, trace, silent'],
    [{ LOG_FORMAT: "xml" }, 'LOG_FORMAT="xml" is not one of json, pretty'],
    [{ SHUTDOWN_TIMEOUT: "25 seconds" }, 'SHUTDOWN_TIMEOUT="25 seconds" is not a duration: use seconds (25) or a duration (25s, 1m30s)'],
  ])("refuses %j with one line naming the variable", (env, message) => {
    expect(() => readServerSettings(env)).toThrow(new SettingsError(message));
  });
});

describe("readShutdownTimeout", () => {
  it.each([
    [undefined, 25_000],
    ["", 25_000],
    ["0", 0],
    ["10", 10_000],
    ["25s", 25_000],
    ["2m", 120_000],
    ["1h", 3_600_000],
  ])("%j is %d ms", (value, ms) => {
    expect(readShutdownTimeout(value)).toBe(ms);
  });
});
