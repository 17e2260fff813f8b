/**
 * A plan is what frontdesk wants to change on a ticket, as data. Each platform
 * executor applies it; `frontdesk simulate` prints it. An empty plan means the
 * ticket already is as it should be.
 */
export interface Changes {
  addLabels: string[];
  removeLabels: string[];
  assign: string[];
  unassign: string[];
  /** New comments, in order; each carries frontdesk's hidden marker. */
  comments: string[];
  /**
   * New comments only the team sees (GitLab's internal notes), after
   * `comments`: frontdesk's answer to a command in an internal note. A
   * platform without internal comments must refuse them, never post them
   * where the client reads.
   */
  internalComments?: string[];
  /**
   * The ticket's state after the change (close or reopen it), part of every
   * platform's required surface: a command such as `/close` needs no more
   * than the core's table, the plan and the desk's executor.
   */
  state?: "open" | "closed";
}

/**
 * A field of a board item to fill when the board has a field of that name:
 * a single select takes the first option named like one of `values`, a date
 * field `values[0]` as YYYY-MM-DD, a text field `values[0]`.
 */
export interface BoardField {
  name: string;
  values: readonly string[];
}

/** A change to a Projects v2 board, applied where the platform has boards. */
export type BoardAction = { kind: "add"; board: string; status?: string; fields?: readonly BoardField[] } | { kind: "remove"; board: string };

/**
 * What frontdesk wants done for any trigger, as data: the changes, and for
 * the project step the rewritten record, board actions and a move. The desk
 * applies every plan the same way (desk/execute.ts).
 */
export interface Plan {
  changes: Changes;
  /**
   * Why, one decision a line, in the words `frontdesk simulate` prints and
   * the log's `reasons` carries: the same story in both places.
   */
  reasons: string[];
  /** frontdesk's acknowledgement rewritten with the ticket's new record. */
  ack?: { id: number; body: string };
  board?: readonly BoardAction[];
  /**
   * Board actions made after everything else, at background priority: the
   * support board of a new ticket, so that the client's answer never waits
   * for a board.
   */
  boardLater?: readonly BoardAction[];
  /** The project the issue moves into because this plan makes it project work (`project_work.move_to`). */
  move?: string;
}

export function emptyChanges(): Changes {
  return { addLabels: [], removeLabels: [], assign: [], unassign: [], comments: [] };
}

export function isEmpty(changes: Changes): boolean {
  return (
    changes.addLabels.length === 0 &&
    changes.removeLabels.length === 0 &&
    changes.assign.length === 0 &&
    changes.unassign.length === 0 &&
    changes.comments.length === 0 &&
    (changes.internalComments ?? []).length === 0 &&
    changes.state === undefined
  );
}
