import { cpus } from "node:os";
import { runBurst, runQuiet, runThroughput } from "./github.js";

/**
 * npm run bench [-- quiet|burst|throughput ...]: starts the real server
 * against local fakes and prints what it measured. Everything stays on
 * 127.0.0.1 and every loop is bounded.
 */
const chosen = new Set(process.argv.slice(2));
const wants = (name: string) => chosen.size === 0 || chosen.has(name);

console.log(`frontdesk bench on ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
const report = (lines: string[]) => console.log(lines.join("\n"));
if (wants("quiet")) report(await runQuiet(50, 30));
if (wants("throughput")) report(await runThroughput(3000));
if (wants("burst")) report(await runBurst(50, 150));
