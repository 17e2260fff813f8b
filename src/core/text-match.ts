/**
 * Keyword matching for urgency, routing and hints: case-insensitive, whole
 * words or phrases, Unicode-aware. Keywords are escaped, never interpreted as
 * regular expressions, so a team lead cannot write a catastrophic pattern.
 *
 * A list is matched in chunks, each one regular expression of its keywords as
 * alternatives: compiling the Unicode word boundary costs close to a
 * millisecond per expression, so one expression per keyword made a
 * configuration with 10,000 keywords block the process for seconds per
 * ticket. Only when a chunk matches is it narrowed down, by halves, to the
 * first keyword in the list's order.
 */

/** Keywords per expression: larger ones compile disproportionately slower. */
const CHUNK = 256;

/** Expressions of the chunks of a list, for as long as the list (a loaded configuration's) lives. */
const chunksOf = new WeakMap<readonly string[], RegExp[]>();
/** Expressions of the parts a matching chunk is narrowed down to, by their keywords. */
const parts = new Map<string, RegExp>();

function escapeKeyword(keyword: string): string {
  return keyword
    .trim()
    .split(/\s+/u)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"))
    .join("\\s+");
}

/** Whether any of `keywords` occurs as a whole word or phrase: one expression, tried at every position. */
function toPattern(keywords: readonly string[]): RegExp {
  // A letter or digit on either side would make it part of a longer word.
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${keywords.map(escapeKeyword).join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

function partPattern(keywords: readonly string[]): RegExp {
  const key = keywords.join("\u0000");
  let pattern = parts.get(key);
  if (!pattern) {
    if (parts.size >= 2_000) parts.clear();
    parts.set(key, (pattern = toPattern(keywords)));
  }
  return pattern;
}

/** The first keyword found in the text as a whole word or phrase, if any. */
export function findKeyword(text: string, keywords: readonly string[]): string | undefined {
  let chunks = chunksOf.get(keywords);
  const usable = keywords.filter((keyword) => keyword.trim() !== "");
  if (!chunks) {
    chunks = [];
    for (let start = 0; start < usable.length; start += CHUNK) chunks.push(toPattern(usable.slice(start, start + CHUNK)));
    chunksOf.set(keywords, chunks);
  }
  for (const [index, pattern] of chunks.entries()) {
    if (!pattern.test(text)) continue;
    const chunk = usable.slice(index * CHUNK, (index + 1) * CHUNK);
    // Some keyword in [low, high) matches; the first one is wanted.
    let [low, high] = [0, chunk.length];
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (partPattern(chunk.slice(low, middle)).test(text)) high = middle;
      else low = middle;
    }
    return chunk[low];
  }
  return undefined;
}

/**
 * The value of an issue-form field: GitHub renders each field as a `### Name`
 * heading followed by the answer; "_No response_" means the field was empty.
 */
export function readFormField(body: string, names: readonly string[]): string | undefined {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const lines = body.split(/\r?\n/u);
  for (let index = 0; index < lines.length; index++) {
    const heading = readHeading(lines[index] ?? "");
    if (heading === undefined || !wanted.has(heading.toLowerCase())) continue;
    const value: string[] = [];
    for (let next = index + 1; next < lines.length && !/^#{1,6}\s/u.test(lines[next] ?? ""); next++) {
      value.push(lines[next] ?? "");
    }
    const answer = value.join("\n").trim();
    return answer === "" || answer === "_No response_" ? undefined : answer;
  }
  return undefined;
}

/**
 * The text of a Markdown heading line (`### Name ###` is `Name`), or
 * undefined. Written out rather than as one expression: the obvious
 * `^#{1,6}\s+(.+?)\s*#*\s*$` backtracks cubically, and a client's issue of
 * 8 KB ("# a", spaces, hashes, one letter) held the process for half a minute.
 */
function readHeading(line: string): string | undefined {
  // dotAll: "." must reach the end of any line, or a lone \r would make \s+ and .* backtrack against each other.
  const match = /^#{1,6}\s+(.*)$/su.exec(line);
  if (!match) return undefined;
  let text = (match[1] ?? "").trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  text = text.slice(0, end).trimEnd();
  return text === "" ? undefined : text;
}

// One collator for every comparison: `localeCompare` with options builds a
// new one per call, some 25 times slower, and a listing of many issues with
// many labels compares thousands of pairs per ticket.
const LABEL_COLLATOR = new Intl.Collator(undefined, { sensitivity: "accent" });

/** Case-insensitive label comparison, as GitHub and GitLab treat label names. */
export function sameLabel(a: string, b: string): boolean {
  return LABEL_COLLATOR.compare(a, b) === 0;
}

export function hasLabel(labels: readonly string[], label: string): boolean {
  return labels.some((existing) => sameLabel(existing, label));
}
