import type { z } from "zod";
import type { PathSegment } from "./errors.js";

/**
 * Reads the keys a strict object allows straight from the zod schema, so that
 * suggestions never drift from the schema (no second list of keys).
 */

type AnySchema = z.core.$ZodType;

/** Wrappers that change defaults or optionality but not the shape inside. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** Peels optional/default/prefault/... wrappers and pipes (input side) off a schema. */
export function unwrapSchema(schema: AnySchema): AnySchema {
  let current = schema;
  for (let depth = 0; depth < 32; depth++) {
    const def = current._zod.def;
    if (WRAPPERS.has(def.type)) current = (def as { innerType: AnySchema } & typeof def).innerType;
    else if (def.type === "pipe") current = (def as z.core.$ZodPipeDef).in;
    else if (def.type === "lazy") current = (def as z.core.$ZodLazyDef).getter();
    else return current;
  }
  return current;
}

/** The schema that validates the value at `path` inside `schema`, or undefined if the path leaves the schema. */
export function findSchemaAt(schema: AnySchema, path: readonly PathSegment[]): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const node = unwrapSchema(current);
    const def = node._zod.def;
    if (def.type === "object") {
      current = typeof segment === "string" ? (def as z.core.$ZodObjectDef).shape[segment] : undefined;
    } else if (def.type === "record") {
      current = (def as z.core.$ZodRecordDef).valueType;
    } else if (def.type === "array") {
      current = typeof segment === "number" ? (def as z.core.$ZodArrayDef).element : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * The keys allowed in the object at `path` (for example `["team"]` gives
 * contacts, functions, ...), in schema order; undefined when the value there is
 * not an object with fixed keys (a record takes any key).
 */
export function listKnownKeys(schema: AnySchema, path: readonly PathSegment[]): string[] | undefined {
  const target = findSchemaAt(schema, path);
  if (target === undefined) return undefined;
  const def = unwrapSchema(target)._zod.def;
  return def.type === "object" ? Object.keys((def as z.core.$ZodObjectDef).shape) : undefined;
}

/**
 * Every key path of fixed-key objects in the schema, dotted (`team.contacts`),
 * descending into record values with `*` (`urgency.levels.*.label`).
 */
export function listKeyPaths(schema: AnySchema, prefix = ""): string[] {
  const def = unwrapSchema(schema)._zod.def;
  if (def.type === "record") return listKeyPaths((def as z.core.$ZodRecordDef).valueType, `${prefix}.*`);
  if (def.type !== "object") return [];
  const paths: string[] = [];
  for (const [key, child] of Object.entries((def as z.core.$ZodObjectDef).shape)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    paths.push(path, ...listKeyPaths(child, path));
  }
  return paths;
}
