import { clientName, findAcknowledgement, mention } from "./ack-record.js";
import { createDraft } from "./draft.js";
import type { Changes } from "./plan.js";
import type { ProjectInput, ProjectResult, Trigger } from "./plan-project.js";
import { planReply, wasRefusedRecently } from "./plan-reply.js";
import { neutralizeQuote } from "./quote.js";
import { findContact } from "./team.js";

/**
 * The client side: one polite answer that mentions the contact, and nothing
 * else; at most one per person, ticket and hour, so that nobody can spend
 * the installation's writes or notify the contact over and over.
 */
export function planRefusal(input: ProjectInput, trigger: Extract<Trigger, { kind: "comment" }>): ProjectResult {
  const { config, ticket } = input;
  const lines = [...trigger.parsed.commands, ...trigger.parsed.malformed].map((line) => line.text);
  if (lines.length === 0) return { kind: "skip", reason: "no commands" };
  if (wasRefusedRecently(input.comments, trigger.author, input.now)) return { kind: "skip", reason: `${trigger.author} was refused within the hour` };
  const contact = findAcknowledgement(input.comments)?.record.contact ?? findContact(config, ticket.assignees) ?? config.team.contacts[0];
  const command = lines.length === 1 ? neutralizeQuote(lines[0] ?? "") : "";
  const reply = planReply(
    config,
    input.comments,
    trigger.commentId,
    [{ key: "refused", vars: { command, contact: mention(config, contact), client: clientName(config, ticket) } }],
    trigger.author,
  );
  if (!reply) return { kind: "skip", reason: "already answered" };
  const plan = createDraft(ticket).changes;
  answer(plan, trigger, reply);
  return { kind: "plan", plan: { changes: plan, board: [], reasons: [`refused: ${trigger.author} is the client side, not in the roster`] } };
}

/** frontdesk's answer to a command goes where the command was: an internal note is answered internally. */
export function answer(changes: Changes, trigger: Extract<Trigger, { kind: "comment" }>, reply: string): void {
  if (trigger.internal) (changes.internalComments ??= []).push(reply);
  else changes.comments.push(reply);
}
