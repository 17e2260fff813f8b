import type { CliIo } from "../../src/cli/io.js";

/** An in-memory {@link CliIo}: files from a map, output collected as text. */
export interface MemoryIo extends CliIo {
  out: string;
  err: string;
}

/** Files not in `files` reject like Node does, with code ENOENT. */
export function createMemoryIo(files: Record<string, string> = {}, now = new Date("2026-11-26T09:00:00Z")): MemoryIo {
  const io: MemoryIo = {
    out: "",
    err: "",
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
    readFile: async (path) => {
      if (Object.hasOwn(files, path)) return files[path] as string;
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
    },
    now: () => now,
  };
  return io;
}
