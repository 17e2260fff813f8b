/**
 * Merges a configuration with the files it extends, as SPEC section 3 says:
 * what a file sets replaces what it inherits, key by key; a list replaces the
 * inherited list whole (a client's roster never mixes with the agency's).
 */

/**
 * Deep-merges configurations, later ones overriding earlier ones. Plain
 * objects merge key by key; lists, scalars and null replace; `undefined` and
 * `null` items (files that do not exist) are skipped. The result shares no
 * objects or lists with the inputs, and keys such as `__proto__` stay plain
 * data (so validation reports them) instead of reaching a prototype.
 */
export function mergeConfigs(configs: readonly unknown[]): unknown {
  let result: unknown = undefined;
  for (const config of configs) {
    if (config === undefined || config === null) continue;
    result = mergeValues(result, config);
  }
  return result;
}

function mergeValues(base: unknown, override: unknown): unknown {
  if (!isPlainObject(override)) return cloneValue(override);
  const target: Record<string, unknown> = isPlainObject(base) ? (cloneValue(base) as Record<string, unknown>) : {};
  for (const key of Object.keys(override)) {
    const inherited = Object.hasOwn(target, key) ? target[key] : undefined;
    defineData(target, key, mergeValues(inherited, override[key]));
  }
  return target;
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
