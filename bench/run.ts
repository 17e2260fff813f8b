import { cpus } from "node:os";
import { runFaults } from "./faults.js";
import { runFlood, runGitLabFlood } from "./flood.js";
import { runBurst, runQuiet, runThroughput } from "./github.js";
import { runGitLabFaults } from "./gitlab-faults.js";
import { runGitLabBurst, runGitLabQuiet, runGitLabThroughput } from "./gitlab.js";
import { runReplicas } from "./replicas.js";
import { runStartup } from "./startup.js";
import { runSweepCost } from "./sweep-cost.js";

/**
 * npm run bench [-- startup|quiet|burst|throughput|faults|flood|gitlab-quiet|gitlab-burst|gitlab-throughput|gitlab-faults|gitlab-flood|replicas|sweep-cost ...]:
 * starts the real server (compiled, as npm start runs it) against local fakes
 * and prints what it measured. Everything stays on 127.0.0.1 and every loop
 * is bounded.
 */
const chosen = new Set(process.argv.slice(2));
const wants = (name: string) => chosen.size === 0 || chosen.has(name);

console.log(`frontdesk bench on ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`);
const report = (lines: string[]) => console.log(lines.join("\n"));
if (wants("startup")) report(await runStartup(5));
if (wants("quiet")) report(await runQuiet(50, 30));
if (wants("throughput")) report(await runThroughput(3000));
if (wants("burst")) report(await runBurst(50, 150));
if (wants("faults")) report(await runFaults(60));
if (wants("flood")) report(await runFlood(50, 20_000));
if (wants("gitlab-quiet")) report(await runGitLabQuiet(50, 30));
if (wants("gitlab-throughput")) report(await runGitLabThroughput(3000));
if (wants("gitlab-burst")) report(await runGitLabBurst(50, 150));
if (wants("gitlab-faults")) report(await runGitLabFaults(60));
if (wants("gitlab-flood")) report(await runGitLabFlood(50, 20_000));
if (wants("replicas")) {
  // Beside the single process's burst (run here when it was not asked for).
  if (!wants("burst")) report(await runBurst(50, 150));
  report(await runReplicas(50, 150));
}
if (wants("sweep-cost")) report(await runSweepCost(50, 3_000, 200));
