#!/usr/bin/env node
// The frontdesk command line: runs the compiled CLI (dist/cli/main.js). In a
// checkout of the sources, src/ is compiled first when it changed since the
// last build. Do not add logic here.
import { existsSync } from "node:fs";

if (existsSync(new URL("../src/", import.meta.url)) && existsSync(new URL("../scripts/build.mjs", import.meta.url))) {
  const { BuildError, ensureBuilt } = await import("../scripts/build.mjs");
  try {
    await ensureBuilt();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`frontdesk: ${error.message}\n`);
    process.exit(1);
  }
}
const { runCli, createNodeIo } = await import("../dist/cli/main.js");
process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
