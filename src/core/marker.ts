import type { Comment } from "./types.js";

/**
 * frontdesk keeps no state of its own: what it decided lives on the issue, in
 * a hidden HTML comment inside frontdesk's own comment. A restart loses nothing
 * and the marker tells a triaged issue from an untriaged one.
 */

/** Where frontdesk puts its marker: the last line of its own comment. */
const TRAILING_MARKER = /<!-- frontdesk:([a-z-]+) (\{[^\n]*?\}) -->\s*$/u;

export interface AckRecord {
  urgency: string;
  function?: string;
  contact?: string;
  implementer?: string;
  /** ISO time the first response is due. */
  due: string;
  /** The estimate recorded from `/estimate` or a size label a person added (`2d`), and where it came from. */
  estimate?: string;
  estimateFrom?: "command" | "label" | "form";
  /** The last `/project` or `/support`: it wins over the estimate until the next estimate. */
  override?: "project" | "support";
  /** True while the ticket is project work. */
  project?: boolean;
  /** Who took project work over in the support-team model, so that `/support` can hand it back. */
  handoff?: string;
  /** `wall`: promised on the wall clock (a level with hours: always, outside business hours); reminders run on it too. */
  clock?: "wall";
  /** Who was on call when it arrived, and was assigned for it. */
  onCall?: string;
}

export interface Marker<T = Record<string, unknown>> {
  kind: string;
  data: T;
}

export function writeMarker(kind: string, data: object): string {
  // "-->" inside JSON would end the HTML comment early.
  return `<!-- frontdesk:${kind} ${JSON.stringify(data).replaceAll("-->", "--\\u003e")} -->`;
}

/** `body` with its marker replaced by one of `kind` holding `data` (appended when it has none). */
export function replaceMarker(body: string, kind: string, data: object): string {
  const marker = writeMarker(kind, data);
  return TRAILING_MARKER.test(body) ? body.replace(TRAILING_MARKER, () => marker) : `${body}\n\n${marker}`;
}

/**
 * The marker on the last line of `body`, where frontdesk writes it. A marker
 * anywhere else is not frontdesk's: its own comments end with their marker,
 * and text it quotes from a person is neutralised before it is written.
 */
export function readMarker(body: string): Marker | undefined {
  const match = TRAILING_MARKER.exec(body);
  if (!match) return undefined;
  try {
    const data: unknown = JSON.parse(match[2] ?? "");
    return data && typeof data === "object" ? { kind: match[1] ?? "", data: data as Record<string, unknown> } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * frontdesk's own comment of a kind: written by frontdesk's own identity
 * (never another bot, never a person) and carrying the marker where frontdesk
 * puts it. Anyone can write a marker into a comment; only these count.
 */
export function findOwnComment(comments: readonly Comment[], kind: string): { comment: Comment; marker: Marker } | undefined {
  for (const comment of comments) {
    if (comment.author.isSelf !== true) continue;
    const marker = readMarker(comment.body);
    if (marker?.kind === kind) return { comment, marker };
  }
  return undefined;
}
