import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDockerSteps } from "../../scripts/docker-steps.mjs";
import { ROOT } from "./process.js";

/**
 * The two ways frontdesk leaves this checkout: the Docker image (its steps
 * carried out by scripts/docker-steps.mjs, as no image can be built here) and
 * the npm package a client's pipeline installs to validate its configuration.
 * npm installs from its cache first (--prefer-offline).
 */

const temporary: string[] = [];
afterAll(() => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
}, 120_000);

function npm(args: string[], cwd: string) {
  const result = spawnSync("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")}: exit code ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe("the Dockerfile's steps", () => {
  it("build, install only what runs, start with NODE_ENV=production, pass the HEALTHCHECK and exit 0 on SIGTERM", async () => {
    const result = await runDockerSteps({ log: () => undefined });
    temporary.push(result.work);
    expect(result.health).toEqual({ status: 200, body: { status: "ok", github: false, gitlab: false, pending: 0 } });
    expect(result.exit, result.output).toEqual({ code: 0, signal: null });
    expect(result.user).toBe("node");
    // The image holds the compiled server and the production dependencies, no sources and no compilers.
    expect(existsSync(join(result.app, "dist", "main.js"))).toBe(true);
    for (const absent of ["src", "test", "node_modules/typescript", "node_modules/tsx", "node_modules/vitest", "node_modules/@octokit/rest"]) {
      expect(existsSync(join(result.app, absent)), absent).toBe(false);
    }
    expect(result.output).toContain('"msg":"frontdesk listening on port');
  }, 300_000);
});

describe("the npm package", () => {
  it("packed and installed into an empty directory, validates a configuration, and exits 1 with file:line:col on a broken one", () => {
    const packed = mkdtempSync(join(tmpdir(), "frontdesk-pack-"));
    temporary.push(packed);
    const [tarball] = JSON.parse(npm(["pack", "--json", "--pack-destination", packed], ROOT)) as { filename: string; files: { path: string }[] }[];
    const files = tarball!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(["bin/frontdesk.js", "dist/cli/main.js", "dist/main.js", "LICENSE", "README.md", "package.json"]));
    expect(files.filter((path) => /^(src|test|bench)\//u.test(path))).toEqual([]);

    const project = mkdtempSync(join(tmpdir(), "frontdesk-client-"));
    temporary.push(project);
    npm(["install", join(packed, tarball!.filename)], project);
    expect(existsSync(join(project, "node_modules", "typescript"))).toBe(false);
    mkdirSync(join(project, ".github"));
    const validate = () => spawnSync("npx", ["--no-install", "frontdesk", "validate", ".github/frontdesk.yml"], { cwd: project, encoding: "utf8" });

    writeFileSync(join(project, ".github", "frontdesk.yml"), "client: ACME GmbH\nteam:\n  contacts: [alice]\n");
    const valid = validate();
    expect([valid.status, valid.stderr]).toEqual([0, ""]);

    writeFileSync(join(project, ".github", "frontdesk.yml"), "client: ACME GmbH\nteam:\n  contcts: [alice]\n");
    const broken = validate();
    expect(broken.status).toBe(1);
    expect(`${broken.stdout}${broken.stderr}`).toMatch(/^\.github\/frontdesk\.yml:3:3: team\.contcts: /mu);
    expect(readFileSync(join(project, "node_modules", "frontdesk", "package.json"), "utf8")).not.toContain('"private"');
  }, 120_000);
});
