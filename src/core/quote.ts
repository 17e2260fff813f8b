/**
 * Text frontdesk quotes from a person (a refused or malformed command) goes
 * into frontdesk's own comment, which carries frontdesk's record. Quoted, it
 * must stay a quote: no HTML comment that could pass for frontdesk's marker,
 * no backtick that closes the code span around it, no mention that would
 * notify someone in frontdesk's voice, no link.
 */

const ZERO_WIDTH_SPACE = "\u200B";

/**
 * `text` made safe to quote in a code span or plain text: backticks become
 * `ˋ`, angle brackets `‹ ›` (so no `<!--`, no tag), a zero-width space
 * follows each `@` (no mention) and sits between `](` (no link), and line
 * breaks become spaces. What a person reads stays recognisable.
 */
export function neutralizeQuote(text: string): string {
  return text
    .replace(/\r\n?|\n/gu, " ")
    .replaceAll("`", "\u02CB")
    .replaceAll("<", "\u2039")
    .replaceAll(">", "\u203A")
    .replaceAll("@", `@${ZERO_WIDTH_SPACE}`)
    .replaceAll("](", `]${ZERO_WIDTH_SPACE}(`);
}
