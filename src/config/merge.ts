/**
 * Merges a configuration with the files it extends. What a file sets
 * replaces what it inherits, key by key; a list replaces the inherited list
 * whole; and the mappings in {@link REPLACED_WHOLE} replace the inherited
 * mapping whole, since their entries only make sense together: a client's
 * roster never mixes with the agency's, and a client's urgency levels keep
 * the client's order.
 */

/**
 * Mappings a file sets as a whole. The team (an agency's `development:
 * [dev-pool]` must not join a client's roster), the urgency levels (their
 * order is their rank), the routing keywords (they name the team's
 * functions) and the size labels (a project's own scale).
 */
export const REPLACED_WHOLE: readonly (readonly string[])[] = [
  ["team"],
  ["urgency", "levels"],
  ["routing", "keywords"],
  ["project_work", "sizes"],
];

/**
 * Deep-merges configurations, later ones overriding earlier ones. Plain
 * objects merge key by key, except at {@link REPLACED_WHOLE}; lists,
 * scalars and null replace; `undefined` and `null` items (files that do not
 * exist) are skipped. The result shares no objects or lists with the
 * inputs, and keys such as `__proto__` stay plain data (so validation
 * reports them) instead of reaching a prototype.
 */
export function mergeConfigs(configs: readonly unknown[]): unknown {
  let result: unknown = undefined;
  for (const config of configs) {
    if (config === undefined || config === null) continue;
    result = mergeValues(result, config, []);
  }
  return result;
}

/** The part of `path` that a file sets as a whole, if `path` lies in one of {@link REPLACED_WHOLE}. */
export function findWholePrefix(path: readonly (string | number)[]): readonly string[] | undefined {
  return REPLACED_WHOLE.find((prefix) => prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment));
}

function mergeValues(base: unknown, override: unknown, path: readonly string[]): unknown {
  if (!isPlainObject(override) || isReplacedWhole(path)) return cloneValue(override);
  const target: Record<string, unknown> = isPlainObject(base) ? (cloneValue(base) as Record<string, unknown>) : {};
  for (const key of Object.keys(override)) {
    const inherited = Object.hasOwn(target, key) ? target[key] : undefined;
    defineData(target, key, mergeValues(inherited, override[key], [...path, key]));
  }
  return target;
}

/** Whether `path` is itself one of {@link REPLACED_WHOLE}. */
function isReplacedWhole(path: readonly string[]): boolean {
  return findWholePrefix(path)?.length === path.length;
}

function cloneValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) defineData(copy, key, cloneValue(value[key]));
  return copy;
}

/** Like `target[key] = value`, but `__proto__` becomes an own property, never the prototype. */
function defineData(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
