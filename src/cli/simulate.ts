import { parseArgs } from "node:util";
import { parseConfigText } from "../config/parse.js";
import type { Ticket } from "../core/types.js";
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from "./io.js";
import { formatSimulation, simulate, toJson, type Load } from "./simulate-report.js";

/** `frontdesk simulate --help`. */
export const SIMULATE_USAGE = `Usage: frontdesk simulate --config <file> --title "..." [options]

Prints, step by step, what frontdesk would do with a new issue and why:
intake, and the project-work step when the team opened it with an estimate
above the threshold. Runs the server's workflow against an issue tracker in
memory. Touches no network.

Options:
  --config <file>        the frontdesk.yml to use (required)
  --title <text>         the issue's title (required)
  --body <text>          the issue's body
  --body-file <file>     read the body from a file
  --labels a,b           labels already on the issue
  --author <login>       who opened it (default client)
  --assignees a,b        assignees already on the issue
  --number <n>           the issue number (ties between people rotate by it; default 1)
  --platform <name>      github (default) or gitlab
  --at <ISO time>        when it was opened (default now)
  --open-tickets <file>  JSON {"login": open tickets in the repository}, or per
                         repository: {"bob": {"here": 1, "acme/shop": 3}}
  --json                 print the plan as JSON
`;

const OPTIONS = {
  config: { type: "string" },
  title: { type: "string" },
  body: { type: "string" },
  "body-file": { type: "string" },
  labels: { type: "string" },
  author: { type: "string" },
  assignees: { type: "string" },
  number: { type: "string" },
  platform: { type: "string" },
  at: { type: "string" },
  "open-tickets": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

class UsageError extends Error {}

/** `frontdesk simulate`: what the server would do with an issue described on the command line. */
export async function runSimulate(args: readonly string[], io: CliIo): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; args: string[] }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    io.stderr(`frontdesk simulate: ${(error as Error).message}\n\n${SIMULATE_USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.stdout(SIMULATE_USAGE);
    return EXIT_OK;
  }
  try {
    if (!values.config) throw new UsageError("--config is required");
    if (values.title === undefined) throw new UsageError("--title is required");
    const parsed = parseConfigText(await read(io, values.config), values.config);
    if (!parsed.ok) {
      for (const error of parsed.errors) io.stdout(`${error.format()}\n`);
      io.stderr("frontdesk simulate: the configuration is invalid; frontdesk would only label new issues support\n");
      return EXIT_INVALID;
    }
    const at = values.at === undefined ? io.now() : new Date(values.at);
    if (Number.isNaN(at.getTime())) throw new UsageError(`--at ${values.at} is not an ISO time`);
    const platform = values.platform ?? "github";
    if (platform !== "github" && platform !== "gitlab") throw new UsageError(`--platform must be github or gitlab, not ${platform}`);
    const number = Number(values.number ?? 1);
    if (!Number.isInteger(number) || number < 1) throw new UsageError(`--number ${values.number} is not an issue number`);
    const ticket: Ticket = {
      platform,
      repo: "simulated/repository",
      number,
      title: values.title,
      body: values["body-file"] ? await read(io, values["body-file"]) : (values.body ?? ""),
      author: { login: values.author ?? "client", isBot: (values.author ?? "").endsWith("[bot]") },
      labels: splitList(values.labels),
      assignees: splitList(values.assignees),
      state: "open",
      isPullRequest: false,
      createdAt: at,
    };
    const openTickets = values["open-tickets"] ? readOpenTickets(await read(io, values["open-tickets"])) : { here: {}, elsewhere: {} };
    const simulation = await simulate(parsed.config, ticket, openTickets, at);
    io.stdout(values.json ? `${JSON.stringify(toJson(simulation), null, 2)}\n` : formatSimulation(simulation));
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`frontdesk simulate: ${error.message}\n`);
    return EXIT_USAGE;
  }
}

async function read(io: CliIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
}

/** `{"alice": 2}` (this repository), or `{"bob": {"here": 1, "acme/shop": 3}}` (and other clients'). */
function readOpenTickets(text: string): Load {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--open-tickets must be a JSON object like {"alice": 2}');
  }
  if (!isObject(value)) throw new UsageError('--open-tickets must be a JSON object like {"alice": 2}');
  const here: Record<string, number> = {};
  const elsewhere: Record<string, Record<string, number>> = {};
  const count = (login: string, number: unknown) => {
    if (typeof number !== "number" || number < 0) throw new UsageError(`--open-tickets: ${login} needs a number, or an object of numbers per repository`);
    return number;
  };
  for (const [login, counts] of Object.entries(value)) {
    const key = login.toLowerCase();
    if (!isObject(counts)) {
      here[key] = count(login, counts);
      continue;
    }
    for (const [repo, number] of Object.entries(counts)) {
      if (repo === "here") here[key] = count(login, number);
      else (elsewhere[key] ??= {})[repo] = count(login, number);
    }
  }
  return { here, elsewhere };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
