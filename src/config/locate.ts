import { isAlias, isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import type { PathSegment, SourcePosition } from "./errors.js";

/**
 * Finds where a key path is written in a YAML text, so that an error found
 * in a parsed (or merged) object can point at its line and column.
 */

/** Whether an error is about the key itself (an unknown key) or about its value. */
export type LocateTarget = "key" | "value";

/**
 * Returns the position of `path` in a file; when the path is not in the file
 * (a missing key, or a key from an inherited file) the nearest ancestor that is.
 * With `needle`, the position of that text inside the value where it is
 * written there (a placeholder in a message), else of the value.
 */
export type PathLocator = (path: readonly PathSegment[], target?: LocateTarget, needle?: string) => SourcePosition | undefined;

interface Found {
  key: Node | undefined;
  value: Node | undefined;
  complete: boolean;
}

/**
 * Builds a locator over a document that has already been parsed with
 * `lineCounter`; with the document's `text`, it can also find text inside a
 * value.
 */
export function createDocumentLocator(doc: Document, lineCounter: LineCounter, text?: string): PathLocator {
  const toPosition = (node: Node | undefined): SourcePosition | undefined => {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset);
  };
  return (path, target = "value", needle) => {
    const found = walkDocument(doc, path);
    if (found.complete && target === "value" && found.value !== undefined && isPointable(found.value)) {
      const range = found.value.range;
      const offset = needle && text !== undefined && range ? text.indexOf(needle, range[0]) : -1;
      if (range && offset >= 0 && offset < range[1]) return lineCounter.linePos(offset);
      return toPosition(found.value);
    }
    return toPosition(found.key ?? found.value) ?? { line: 1, col: 1 };
  };
}

/** Builds a locator from raw YAML text; it tolerates text with syntax errors as far as it can. */
export function createLocator(text: string): PathLocator {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return createDocumentLocator(doc, lineCounter, text);
}

/**
 * The 1-based line and column of `path` in `text` (`["team", "contacts", 0]`),
 * or of its nearest ancestor present in the text.
 */
export function locatePath(
  text: string,
  path: readonly PathSegment[],
  target: LocateTarget = "value",
): SourcePosition | undefined {
  return createLocator(text)(path, target);
}

/** Follows `path` down mappings and lists as far as the document has it. */
function walkDocument(doc: Document, path: readonly PathSegment[]): Found {
  let value = resolve(doc, doc.contents ?? undefined);
  let key: Node | undefined;
  for (const segment of path) {
    if (isMap(value)) {
      const pair = value.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return { key, value, complete: false };
      key = pair.key as Node;
      value = resolve(doc, (pair.value ?? undefined) as Node | undefined);
    } else if (isSeq(value)) {
      const item = value.items[Number(segment)] as Node | undefined;
      if (item === undefined) return { key, value, complete: false };
      key = undefined;
      value = resolve(doc, item);
    } else {
      return { key, value, complete: false };
    }
  }
  return { key, value, complete: true };
}

function resolve(doc: Document, node: Node | undefined): Node | undefined {
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? node) : node;
}

/**
 * A value worth pointing at: a written scalar (a block scalar `|` too) or a flow collection (`[a, b]`).
 * A block mapping starts on the line after its key, and an empty value has no
 * text of its own, so for those the key is the better place.
 */
function isPointable(node: Node): boolean {
  if (isScalar(node)) return node.value !== null || (node.source ?? "") !== "";
  return isCollection(node) && node.flow === true;
}
