import { describe, expect, it } from "vitest";
import { readAckRecord } from "../../src/core/ack-record.js";
import { createDraft } from "../../src/core/draft.js";

describe("createDraft", () => {
  it("records only real differences, by the names the ticket uses", () => {
    const draft = createDraft({ labels: ["Support", "bug"], assignees: ["Alice"] });
    draft.addLabel("support");
    draft.addLabel("project-work");
    draft.removeLabel("SUPPORT");
    draft.removeLabel("missing");
    draft.assign("alice");
    draft.assign("lena");
    draft.unassign("ALICE");
    expect(draft.changes).toEqual({ addLabels: ["project-work"], removeLabels: ["Support"], assign: ["lena"], unassign: ["Alice"], comments: [] });
  });

  it("forgets a change that a later step undoes", () => {
    const draft = createDraft({ labels: ["support"], assignees: ["carol"] });
    draft.removeLabel("support");
    draft.addLabel("support");
    draft.addLabel("project-work");
    draft.removeLabel("project-work");
    draft.unassign("carol");
    draft.assign("carol");
    draft.assign("lena");
    draft.unassign("lena");
    expect(draft.changes).toEqual({ addLabels: [], removeLabels: [], assign: [], unassign: [], comments: [] });
    expect(draft.labels).toEqual(["support"]);
    expect(draft.assignees).toEqual(["carol"]);
  });
});

describe("readAckRecord", () => {
  it("keeps what it knows and drops what a person garbled", () => {
    expect(
      readAckRecord({ urgency: "task", due: "2026-11-27T09:00:00.000Z", contact: "alice", project: "yes", override: "maybe", estimate: 5, extra: 1 }),
    ).toEqual({ urgency: "task", due: "2026-11-27T09:00:00.000Z", contact: "alice" });
  });

  it.each([[{ due: "2026-11-27T09:00:00.000Z" }], [{ urgency: "task" }], [{ urgency: "task", due: "tomorrow" }]])("refuses %j", (data) => {
    expect(readAckRecord(data)).toBeUndefined();
  });
});
