import { createFrontdesk } from "./frontdesk.js";

// The entry point. Do not add logic here: the wiring is createFrontdesk's (src/frontdesk.ts).
const env = process.env;
const frontdesk = await createFrontdesk(env);
await frontdesk.listen(Number(env.PORT || 3000), env.HOST || undefined);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void frontdesk.close().finally(() => process.exit(0)));
}
