/**
 * Keyword matching for urgency, routing and hints: case-insensitive, whole
 * words or phrases, Unicode-aware. Keywords are escaped, never interpreted as
 * regular expressions, so a team lead cannot write a catastrophic pattern.
 */

const cache = new Map<string, RegExp>();

function toPattern(keyword: string): RegExp {
  let pattern = cache.get(keyword);
  if (!pattern) {
    const words = keyword
      .trim()
      .split(/\s+/u)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
    // A letter or digit on either side would make it part of a longer word.
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join("\\s+")}(?![\\p{L}\\p{N}])`, "iu");
    if (cache.size > 10_000) cache.clear();
    cache.set(keyword, pattern);
  }
  return pattern;
}

/** The first keyword found in the text as a whole word or phrase, if any. */
export function findKeyword(text: string, keywords: readonly string[]): string | undefined {
  return keywords.find((keyword) => keyword.trim() !== "" && toPattern(keyword).test(text));
}

/**
 * The value of an issue-form field: GitHub renders each field as a `### Name`
 * heading followed by the answer; "_No response_" means the field was empty.
 */
export function readFormField(body: string, names: readonly string[]): string | undefined {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const lines = body.split(/\r?\n/u);
  for (let index = 0; index < lines.length; index++) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/u.exec(lines[index] ?? "");
    if (!heading || !wanted.has((heading[1] ?? "").toLowerCase())) continue;
    const value: string[] = [];
    for (let next = index + 1; next < lines.length && !/^#{1,6}\s/u.test(lines[next] ?? ""); next++) {
      value.push(lines[next] ?? "");
    }
    const answer = value.join("\n").trim();
    return answer === "" || answer === "_No response_" ? undefined : answer;
  }
  return undefined;
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
