import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { SettingsError } from "./settings.js";

/**
 * `.env` in the working directory, read by Node's own `process.loadEnvFile`:
 * a variable already in the environment keeps its value, so what the
 * operator exports (or systemd, Docker and the platform set) wins over the file.
 *
 * @returns the file read, or undefined when there is none.
 * @throws SettingsError when the file exists but cannot be read.
 */
export function loadEnvFile(path = ".env", load: (path: string) => void = (file) => process.loadEnvFile(file)): string | undefined {
  const file = resolve(path);
  if (!existsSync(file)) return undefined;
  try {
    load(file);
  } catch (error) {
    throw new SettingsError(`${path} cannot be read: ${(error as Error).message}`);
  }
  return file;
}
