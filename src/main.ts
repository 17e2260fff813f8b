import { createFrontdesk } from "./frontdesk.js";
import { loadEnvFile } from "./runtime/env-file.js";
import { exitOnSignals, failStart } from "./runtime/lifecycle.js";
import { readServerSettings, SettingsError } from "./runtime/settings.js";

// The entry point (npm start, node dist/main.js). Do not add logic here: the
// wiring is createFrontdesk's (src/frontdesk.ts), starting and stopping the
// process runtime/lifecycle.ts's. The environment wins over .env.
try {
  loadEnvFile();
  const settings = readServerSettings(process.env, process.stdout.isTTY === true);
  const frontdesk = await createFrontdesk(process.env);
  exitOnSignals({ timeoutMs: settings.shutdownTimeoutMs, log: frontdesk.log, drain: frontdesk.shutdown, exit: (code) => process.exit(code) });
  await frontdesk.listen(settings.port, settings.host);
} catch (error) {
  process.exit(failStart(error, (caught) => caught instanceof SettingsError));
}
