import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Tests pass the clock in; a stray timer must not keep a run alive.
    testTimeout: 20_000,
    pool: "forks",
  },
});
