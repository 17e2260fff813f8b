import type { ConfigSource } from "./config-loader.js";

/**
 * Which projects inherit which files (`_extends`), learnt while loading
 * configurations, so that a push to an agency's shared file clears every
 * project built on it, not just the project pushed to. Bounded: when it
 * grows too large it starts over, and the cache's time limit covers what it
 * forgot.
 */
export class ConfigDependents {
  /** source project -> file -> projects that inherit it (all lower-cased but the file). */
  readonly #sources = new Map<string, Map<string, Set<string>>>();
  readonly #maxProjects: number;

  constructor(maxProjects = 5_000) {
    this.#maxProjects = maxProjects;
  }

  /** Remember that `project`'s configuration was built from these files. */
  record(project: string, sources: readonly ConfigSource[]): void {
    if (sources.length === 0) return;
    if (this.#sources.size >= this.#maxProjects) this.#sources.clear();
    for (const source of sources) {
      const key = source.project.toLowerCase();
      let files = this.#sources.get(key);
      if (!files) this.#sources.set(key, (files = new Map()));
      let dependents = files.get(source.file);
      if (!dependents) files.set(source.file, (dependents = new Set()));
      dependents.add(project.toLowerCase());
    }
  }

  /** Whether another project's configuration was built from this file. */
  isInherited(project: string, file: string): boolean {
    return this.#sources.get(project.toLowerCase())?.has(file) ?? false;
  }

  /**
   * The projects whose configuration changes when these files of `project`
   * change (`"all"`: the files are not known), `project` itself first.
   */
  affectedBy(project: string, files: readonly string[] | "all"): string[] {
    const affected = new Set([project.toLowerCase()]);
    const sources = this.#sources.get(project.toLowerCase());
    for (const [file, dependents] of sources ?? []) {
      if (files !== "all" && !files.includes(file)) continue;
      for (const dependent of dependents) affected.add(dependent);
    }
    return [...affected];
  }
}
