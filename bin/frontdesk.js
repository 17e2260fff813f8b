#!/usr/bin/env node
// The frontdesk command line. Plain JavaScript so that it runs without a build:
// tsx compiles the TypeScript sources on the fly. Do not add logic here.
import { register } from "tsx/esm/api";

register();
const { runCli, createNodeIo } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
