// A worker thread does not inherit tsx from the bench: register it, then run the TypeScript driver.
import { register } from "tsx/esm/api";

register();
await import("./http-driver.ts");
