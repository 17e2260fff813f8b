import type { Comment } from "./types.js";

/**
 * frontdesk keeps no state of its own: what it decided lives on the issue, in
 * a hidden HTML comment inside frontdesk's own comment. A restart loses nothing
 * and the marker tells a triaged issue from an untriaged one.
 */

const MARKER = /<!-- frontdesk:([a-z-]+) (\{[^\n]*?\}) -->/u;

export interface AckRecord {
  urgency: string;
  function?: string;
  contact?: string;
  implementer?: string;
  /** ISO time the first response is due. */
  due: string;
}

export interface Marker<T = Record<string, unknown>> {
  kind: string;
  data: T;
}

export function writeMarker(kind: string, data: object): string {
  // "-->" inside JSON would end the HTML comment early.
  return `<!-- frontdesk:${kind} ${JSON.stringify(data).replaceAll("-->", "--\\u003e")} -->`;
}

export function readMarker(body: string): Marker | undefined {
  const match = MARKER.exec(body);
  if (!match) return undefined;
  try {
    const data: unknown = JSON.parse(match[2] ?? "");
    return data && typeof data === "object" ? { kind: match[1] ?? "", data: data as Record<string, unknown> } : undefined;
  } catch {
    return undefined;
  }
}

/** frontdesk's own comment of a kind: written by a bot and carrying the marker. */
export function findOwnComment(comments: readonly Comment[], kind: string): { comment: Comment; marker: Marker } | undefined {
  for (const comment of comments) {
    if (!comment.author.isBot) continue;
    const marker = readMarker(comment.body);
    if (marker?.kind === kind) return { comment, marker };
  }
  return undefined;
}
