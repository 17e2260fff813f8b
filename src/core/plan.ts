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
    changes.comments.length === 0
  );
}
