import type { Config } from "../config/schema.js";
import { readMarker, writeMarker } from "./marker.js";
import { messageFor, type MessageKey, type MessageVars } from "./messages.js";
import type { Comment } from "./types.js";

/**
 * frontdesk's answer to a comment with commands: one comment per command
 * comment, however often its webhook arrives. The answer names the comment it
 * answers in its marker, which is how a second delivery knows it was answered.
 */

export const REPLY_MARKER = "reply";

/** One line of a reply: a message and its values. */
export interface ReplyLine {
  key: Extract<MessageKey, "malformed" | "unavailable" | "refused">;
  vars: MessageVars;
}

/** How long a person who was refused hears nothing more on the same ticket. */
export const REFUSAL_QUIET_MS = 60 * 60 * 1000;

/** True when frontdesk has already answered the comment `commentId`. */
export function hasReplied(comments: readonly Comment[], commentId: number): boolean {
  return comments.some((comment) => comment.author.isSelf === true && replyTarget(comment.body) === commentId);
}

/**
 * True when frontdesk refused `login` on this ticket within the last hour: a
 * person gets at most one refusal per ticket and hour, so that nobody can
 * spend the installation's writes or notify the contact over and over.
 */
export function wasRefusedRecently(comments: readonly Comment[], login: string, now: Date): boolean {
  const since = now.getTime() - REFUSAL_QUIET_MS;
  return comments.some((comment) => {
    if (comment.author.isSelf !== true || comment.createdAt.getTime() <= since) return false;
    const marker = readMarker(comment.body);
    const refused = marker?.kind === REPLY_MARKER ? marker.data.refused : undefined;
    return typeof refused === "string" && refused.toLowerCase() === login.toLowerCase();
  });
}

/** The id of the comment that `body`, one of frontdesk's replies, answers; undefined for any other comment. */
export function replyTarget(body: string): number | undefined {
  const marker = readMarker(body);
  return marker?.kind === REPLY_MARKER && typeof marker.data.to === "number" ? marker.data.to : undefined;
}

/**
 * The reply to `commentId`, one line per message; undefined when there is
 * nothing to say or it was said. A refusal names whom it refused in its
 * marker, for {@link wasRefusedRecently}.
 */
export function planReply(
  config: Config,
  comments: readonly Comment[],
  commentId: number,
  lines: readonly ReplyLine[],
  refused?: string,
): string | undefined {
  if (lines.length === 0 || hasReplied(comments, commentId)) return undefined;
  const text = lines.map((line) => messageFor(line.key, config, line.vars)).join("\n");
  return `${text}\n\n${writeMarker(REPLY_MARKER, refused === undefined ? { to: commentId } : { to: commentId, refused })}`;
}
