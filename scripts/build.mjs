#!/usr/bin/env node
// Compiles src/ to dist/ with TypeScript's own compiler (tsconfig.build.json).
//
//   node scripts/build.mjs            type-check and compile (npm run build)
//   node scripts/build.mjs --changed  compile without the type check, and only when src/
//                                     changed since the last build (prepare: npm ci, npm pack;
//                                     npm test checks the types)
//
// `npm start` and the `frontdesk` command call ensureBuilt() first, so a fresh
// clone and a changed src/ run what src/ says. Where there is no src/ (the
// packed package, the Docker image's last stage) there is nothing to build.
//
// dist/ is written so that a process starting at the same moment never reads
// half a file: tsc writes into a directory of its own, and each file is then
// renamed into dist/ (a rename replaces a file at once). Builds of several
// processes take turns through a lock directory.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** What the output depends on besides src/. */
const INPUTS = ["tsconfig.json", "tsconfig.build.json"];
const STAMP = ".source-hash";
/** How long a build waits for another process's build before it takes the lock anyway. */
const LOCK_WAIT_MS = 120_000;

/** A build failed: tsc's own output has been written to stderr already. */
export class BuildError extends Error {
  name = "BuildError";
}

/** A hash of everything the build reads from the project: src/ and the tsconfig files. */
export function sourceHash(root = ROOT) {
  const hash = createHash("sha256");
  const files = [...listFiles(join(root, "src")), ...INPUTS.map((name) => join(root, name)).filter((path) => existsSync(path))];
  for (const file of files.sort()) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Whether dist/ was built from src/ as it is now (true where there is no src/: nothing to build from). */
export function isBuilt(root = ROOT) {
  if (!existsSync(join(root, "src"))) return existsSync(join(root, "dist", "main.js"));
  try {
    return readFileSync(join(root, "dist", STAMP), "utf8").trim() === sourceHash(root);
  } catch {
    return false;
  }
}

/**
 * Builds dist/ unless it was built from the sources as they are; without type
 * checking (fast, like running the sources), which npm test and npm run build do.
 *
 * @returns whether it built.
 * @throws BuildError when tsc failed (its messages are on stderr), or dist/ is missing where there is no src/ to build it from.
 */
export async function ensureBuilt({ root = ROOT, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (!existsSync(join(root, "src"))) {
    if (existsSync(join(root, "dist", "main.js"))) return false;
    throw new BuildError(`${join(root, "dist")} is missing and there is no src/ to build it from`);
  }
  if (isBuilt(root)) return false;
  return withLock(root, async () => {
    // Another process may have built it while this one waited.
    if (isBuilt(root)) return false;
    const started = Date.now();
    log(`frontdesk: ${existsSync(join(root, "dist", STAMP)) ? "src/ changed since the last build" : "no build yet"}: compiling src/ to dist/ ...`);
    await compile(root, { check: false });
    log(`frontdesk: compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  });
}

/** Compiles src/ into dist/ (see the file's comment); `check: false` skips the type check. */
export async function build({ root = ROOT, check = true } = {}) {
  if (!existsSync(join(root, "src"))) return false;
  await withLock(root, () => compile(root, { check }));
  return true;
}

async function compile(root, { check }) {
  removeAbandoned(root);
  const hash = sourceHash(root);
  const out = join(root, `.dist-${process.pid}-${Date.now()}`);
  try {
    const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
    const args = [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", out, ...(check ? [] : ["--noCheck"])];
    const status = await run(process.execPath, args, root, [out, join(root, ".dist-lock")]);
    if (status !== 0) throw new BuildError(`tsc failed (exit code ${status}): see its messages above`);
    replaceDist(root, out, hash);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Runs tsc and resolves with its exit code. A SIGTERM or SIGINT meanwhile
 * stops tsc too and ends this process as the signal would have: stopping
 * `npm start` while it compiles leaves no compiler running.
 */
function run(command, args, cwd, leftovers) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
    const stop = (signal) => {
      child.kill(signal);
      child.once("exit", () => {
        for (const path of leftovers) rmSync(path, { recursive: true, force: true });
        process.kill(process.pid, signal);
      });
      process.removeListener("SIGTERM", stop);
      process.removeListener("SIGINT", stop);
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    child.once("error", (error) => reject(new BuildError(`tsc did not run: ${error.message}`)));
    child.once("exit", (code) => {
      process.removeListener("SIGTERM", stop);
      process.removeListener("SIGINT", stop);
      resolve(code ?? 1);
    });
  });
}

/** Moves the new build into dist/ file by file, removes what the build no longer has, writes the stamp last. */
function replaceDist(root, out, hash) {
  const dist = join(root, "dist");
  const fresh = new Set();
  for (const file of listFiles(out)) {
    const target = join(dist, relative(out, file));
    mkdirSync(dirname(target), { recursive: true });
    renameSync(file, target);
    fresh.add(target);
  }
  for (const file of listFiles(dist)) {
    if (!fresh.has(file) && !file.endsWith(STAMP)) rmSync(file, { force: true });
  }
  const stamp = join(dist, `${STAMP}.${process.pid}`);
  writeFileSync(stamp, `${hash}\n`);
  renameSync(stamp, join(dist, STAMP));
}

/** Output directories of builds whose process is gone (killed while compiling). */
function removeAbandoned(root) {
  for (const name of readdirSync(root)) {
    const match = /^\.dist-(\d+)-\d+$/u.exec(name);
    if (match && !isRunning(Number(match[1]))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Runs `action` while holding `.dist-lock/` (mkdir is atomic), which names
 * the process holding it. The lock of a process that is gone is taken over,
 * and so is one held longer than any build takes.
 */
async function withLock(root, action) {
  const lock = join(root, ".dist-lock");
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      if (!isHeld(lock) || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Whether the process that made `lock` is still running (a lock just made, without its pid yet, counts as held). */
function isHeld(lock) {
  let pid;
  try {
    pid = Number(readFileSync(join(lock, "pid"), "utf8"));
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs < 5_000;
    } catch {
      return false;
    }
  }
  return isRunning(pid);
}

function listFiles(directory) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    // Without src/ (npm ci before the sources are copied, as the Dockerfile does) there is nothing to build.
    if (!existsSync(join(ROOT, "src"))) process.stderr.write("frontdesk build: no src/: nothing to build\n");
    else if (process.argv.includes("--changed")) await ensureBuilt();
    else await build();
  } catch (error) {
    process.stderr.write(`frontdesk build: ${error.message}\n`);
    process.exitCode = 1;
  }
}
