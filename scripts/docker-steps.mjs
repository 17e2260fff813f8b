#!/usr/bin/env node
// Carries out the Dockerfile's steps without Docker, so that they are tested
// where images cannot be built (npm test runs this through
// test/production/package.test.ts):
//
//   node scripts/docker-steps.mjs [--keep]
//
// Each stage gets a directory of its own in a temporary directory, standing
// for the image's `/`. COPY copies from the working tree (less what
// .dockerignore leaves out) or from an earlier stage, RUN runs in the stage's
// WORKDIR with its ENV, and at the end CMD is started as the image would start
// it (NODE_ENV=production from the Dockerfile, on a free port) and the
// HEALTHCHECK's own command is run until it passes. Then SIGTERM, as
// `docker stop` sends it, must end the server with exit code 0.
//
// Differences from `docker build`: the base image is this machine's Node, not
// node:22-slim; USER is not switched to; `npm cache clean` is skipped (it
// would empty this machine's npm cache, which npm ci uses with
// --prefer-offline here).
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The Dockerfile as a list of instructions: `{ keyword, args }`, continuation lines joined, comments dropped. */
export function parseDockerfile(text) {
  const joined = text.replace(/\\\r?\n/gu, " ");
  return joined
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/u);
      return { keyword: keyword.toUpperCase(), args: line.slice(keyword.length).trim(), words: rest };
    });
}

/** .dockerignore's patterns as a test of a path relative to the context (the patterns this project uses: names and `*` globs). */
export function dockerignore(text) {
  const patterns = text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((pattern) => new RegExp(`^${pattern.replace(/\/$/u, "").replace(/[.+^${}()|[\]\\]/gu, "\\$&").replace(/\*/gu, "[^/]*")}(/.*)?$`, "u"));
  return (path) => patterns.some((pattern) => pattern.test(path));
}

/**
 * Runs the Dockerfile's steps in a temporary directory; resolves with what
 * the check saw. Throws when a step fails, with its output.
 */
export async function runDockerSteps({ root = ROOT, log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const work = mkdtempSync(join(tmpdir(), "frontdesk-docker-"));
  const ignored = dockerignore(existsSync(join(root, ".dockerignore")) ? readFileSync(join(root, ".dockerignore"), "utf8") : "");
  const stages = new Map();
  let stage;
  const timings = [];
  for (const { keyword, args, words } of parseDockerfile(readFileSync(join(root, "Dockerfile"), "utf8"))) {
    const started = Date.now();
    switch (keyword) {
      case "FROM": {
        const name = /\bAS\s+(\S+)/iu.exec(args)?.[1] ?? `stage-${stages.size}`;
        stage = { name, root: join(work, name), cwd: "/", env: {}, user: "root" };
        mkdirSync(stage.root, { recursive: true });
        stages.set(name, stage);
        break;
      }
      case "WORKDIR":
        stage.cwd = args;
        mkdirSync(inStage(stage, args), { recursive: true });
        break;
      case "ENV":
        for (const [, key, value] of args.matchAll(/(\w+)=("[^"]*"|\S+)/gu)) stage.env[key] = value.replace(/^"|"$/gu, "");
        break;
      case "COPY":
        copy(stage, words, { root, stages, ignored });
        break;
      case "RUN":
        for (const command of args.split(/\s*&&\s*/u)) {
          if (/^npm cache clean\b/u.test(command)) continue;
          await run(command, inStage(stage, stage.cwd), stageEnv(stage));
        }
        break;
      case "USER":
        stage.user = args;
        break;
      case "HEALTHCHECK":
        stage.healthcheck = JSON.parse(args.slice(args.indexOf("CMD") + 3).trim());
        break;
      case "CMD":
        stage.cmd = JSON.parse(args);
        break;
      case "EXPOSE":
        break;
      default:
        throw new Error(`Dockerfile: ${keyword} is not an instruction scripts/docker-steps.mjs knows`);
    }
    timings.push({ step: `${keyword} ${args}`.slice(0, 70), ms: Date.now() - started });
    if (keyword === "RUN") log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${stage.name}: RUN ${args}`);
  }
  const final = stage;
  if (!final.cmd || !final.healthcheck) throw new Error("Dockerfile: the last stage needs a CMD and a HEALTHCHECK");
  const result = await startAndCheck(final);
  return { work, build: [...stages.values()][0].root, app: inStage(final, final.cwd), user: final.user, timings, ...result };
}

function inStage(stage, path) {
  return join(stage.root, path.startsWith("/") ? path : join(stage.cwd, path));
}

function stageEnv(stage) {
  // PATH and HOME from here (the base image has its own); npm from its cache first, as a CI machine would.
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", npm_config_prefer_offline: "true", npm_config_update_notifier: "false", ...stage.env };
}

function copy(stage, words, { root, stages, ignored }) {
  const from = words[0]?.startsWith("--from=") ? stages.get(words.shift().slice("--from=".length)) : undefined;
  const destination = words.pop();
  for (const source of words) {
    const path = from ? inStage(from, source) : join(root, source);
    if (!from && ignored(relative(root, path))) continue;
    const target = destination.endsWith("/") && !source.endsWith("/") ? join(inStage(stage, destination), basename(source)) : inStage(stage, destination);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(path, target, { recursive: true, filter: (file) => from !== undefined || !ignored(relative(root, file)) });
  }
}

function run(command, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`RUN ${command}: exit code ${code}\n${output}`))));
  });
}

/** CMD as the container would run it, the HEALTHCHECK's command until it passes, then SIGTERM. */
async function startAndCheck(stage) {
  const port = await freePort();
  const env = { ...stageEnv(stage), PORT: String(port), HOST: "127.0.0.1" };
  const cwd = inStage(stage, stage.cwd);
  const [command, ...args] = stage.cmd;
  const started = Date.now();
  const server = spawn(command === "node" ? process.execPath : command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => server.once("exit", (code, signal) => resolve({ code, signal })));
  try {
    const [checkCommand, ...checkArgs] = stage.healthcheck;
    for (let attempt = 0; ; attempt++) {
      if (server.exitCode !== null) throw new Error(`CMD ${stage.cmd.join(" ")} ended:\n${output}`);
      const check = spawn(checkCommand === "node" ? process.execPath : checkCommand, checkArgs, { cwd, env, stdio: "ignore" });
      const code = await new Promise((resolve) => check.once("exit", resolve));
      if (code === 0) break;
      if (attempt > 200) throw new Error(`the HEALTHCHECK never passed:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const healthyMs = Date.now() - started;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const result = { healthyMs, health: { status: health.status, body: await health.json() } };
    server.kill("SIGTERM");
    const exit = await exited;
    return { ...result, exit, output };
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  try {
    const result = await runDockerSteps();
    console.log(`healthy after ${result.healthyMs} ms: ${JSON.stringify(result.health.body)}; exit after SIGTERM: ${JSON.stringify(result.exit)}`);
    console.log(`all steps in ${((Date.now() - started) / 1000).toFixed(1)} s, in ${result.work}`);
    if (!process.argv.includes("--keep")) rmSync(result.work, { recursive: true, force: true });
    if (result.health.status !== 200 || result.exit.code !== 0) process.exitCode = 1;
  } catch (error) {
    console.error(`docker steps: ${error.message}`);
    process.exitCode = 1;
  }
}
