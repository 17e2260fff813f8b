#!/usr/bin/env node
// npm start: compiles src/ when dist/ is missing or older than src/ (a fresh
// clone, a changed file), then runs dist/main.js in this same process, so
// that SIGTERM and SIGINT reach the server itself and nothing is left behind.
// In production run `node dist/main.js` (the Docker image does).
import module from "node:module";
import { BuildError, ensureBuilt } from "./build.mjs";

// Node 22 and later keep V8's compiled code between starts (in the system's temporary directory); Node 20 has no such cache.
module.enableCompileCache?.();

try {
  await ensureBuilt();
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  process.stderr.write(`frontdesk: cannot start: ${error.message}\n`);
  process.exit(1);
}
await import("../dist/main.js");
