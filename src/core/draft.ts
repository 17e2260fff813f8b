import { emptyChanges, type Changes } from "./plan.js";
import { hasLabel, sameLabel } from "./text-match.js";
import type { Ticket } from "./types.js";

/**
 * The labels and assignees a ticket should end up with, built step by step
 * from the ticket as it is. Each step records only a real difference, so a
 * ticket that already is as it should be yields empty changes, and a label
 * added by one step and removed by a later one is never touched at all.
 */
export interface Draft {
  readonly changes: Changes;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  addLabel(label: string): void;
  removeLabel(label: string): void;
  assign(login: string): void;
  unassign(login: string): void;
  isAssigned(login: string): boolean;
}

/** A draft that starts from the ticket as it is, with no changes yet. */
export function createDraft(ticket: Pick<Ticket, "labels" | "assignees">): Draft {
  const changes = emptyChanges();
  const labels = [...ticket.labels];
  const assignees = [...ticket.assignees];
  const sameLogin = (a: string) => (b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    changes,
    labels,
    assignees,
    addLabel(label) {
      if (hasLabel(labels, label)) return;
      labels.push(label);
      const undone = changes.removeLabels.findIndex((name) => sameLabel(name, label));
      if (undone >= 0) changes.removeLabels.splice(undone, 1);
      else changes.addLabels.push(label);
    },
    removeLabel(label) {
      const index = labels.findIndex((name) => sameLabel(name, label));
      if (index < 0) return;
      // The name as the ticket has it: removing a label is by its exact name.
      const [present = label] = labels.splice(index, 1);
      const undone = changes.addLabels.findIndex((name) => sameLabel(name, label));
      if (undone >= 0) changes.addLabels.splice(undone, 1);
      else changes.removeLabels.push(present);
    },
    assign(login) {
      if (assignees.some(sameLogin(login))) return;
      assignees.push(login);
      const undone = changes.unassign.findIndex(sameLogin(login));
      if (undone >= 0) changes.unassign.splice(undone, 1);
      else changes.assign.push(login);
    },
    unassign(login) {
      const index = assignees.findIndex(sameLogin(login));
      if (index < 0) return;
      const [present = login] = assignees.splice(index, 1);
      const undone = changes.assign.findIndex(sameLogin(login));
      if (undone >= 0) changes.assign.splice(undone, 1);
      else changes.unassign.push(present);
    },
    isAssigned(login) {
      return assignees.some(sameLogin(login));
    },
  };
}
