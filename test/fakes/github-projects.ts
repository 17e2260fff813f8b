import { Kind, valueFromASTUntyped, type FieldNode } from "graphql";

/**
 * The fake GitHub's Projects v2 boards: what frontdesk asks of them (a
 * board and its fields by owner and number, an issue's items, adding an
 * item, setting field values, deleting an item), kept in memory so that an
 * outside test can look at a board as a person would.
 */

export interface FakeField {
  id: string;
  name: string;
  dataType: "SINGLE_SELECT" | "DATE" | "TEXT" | "NUMBER";
  options?: { id: string; name: string }[];
}

interface FakeItem {
  id: string;
  contentId: string;
  values: Map<string, { singleSelectOptionId?: string; date?: string; text?: string }>;
}

interface FakeBoard {
  id: string;
  login: string;
  number: number;
  fields: FakeField[];
  items: Map<string, FakeItem>;
}

type Variables = Record<string, unknown> | undefined;
type Answer = { data: unknown } | { error: string };

let nextItem = 1;

export class FakeProjects {
  readonly #boards: FakeBoard[] = [];

  /** A board of an organisation (or user) with these fields; a Status field is a single select like any other. */
  addBoard(login: string, number: number, fields: FakeField[]): void {
    this.#boards.push({ id: `PVT_${login}_${number}`, login: login.toLowerCase(), number, fields, items: new Map() });
  }

  /** The board's items as a person sees them: the issue (node id) and each field's shown value by field name. */
  items(login: string, number: number): { contentId: string; fields: Record<string, string> }[] {
    const board = this.#boards.find((candidate) => candidate.login === login.toLowerCase() && candidate.number === number);
    return [...(board?.items.values() ?? [])].map((item) => ({ contentId: item.contentId, fields: shown(board!, item) }));
  }

  /** One top-level GraphQL field of frontdesk's board documents, or undefined when it is not a board field. */
  execute(field: FieldNode, variables: Variables): Answer | undefined {
    const args = argumentsOf(field, variables);
    const input = (args.input ?? {}) as Record<string, unknown>;
    switch (field.name.value) {
      case "organization":
      case "user": {
        const inner = field.selectionSet?.selections.find((node): node is FieldNode => node.kind === Kind.FIELD && node.name.value === "projectV2");
        // A user's node id (the people lookup) is no board question.
        if (!inner) return undefined;
        const number = Number(argumentsOf(inner, variables).number);
        const board = this.#boards.find((candidate) => candidate.login === String(args.login).toLowerCase() && candidate.number === number);
        if (!board) return { error: `Could not resolve to a ProjectV2 with the number ${number}.` };
        return { data: { projectV2: { id: board.id, fields: { nodes: board.fields } } } };
      }
      case "node": {
        const items = this.#boards.flatMap((board) => [...board.items.values()].filter((item) => item.contentId === args.id).map((item) => ({ id: item.id, project: { id: board.id } })));
        return { data: { projectItems: { nodes: items } } };
      }
      case "addProjectV2ItemById": {
        const board = this.#board(input.projectId);
        if (!board) return { error: `Could not resolve to a node with the global id of '${String(input.projectId)}'` };
        const existing = [...board.items.values()].find((item) => item.contentId === input.contentId);
        const item = existing ?? { id: `PVTI_${nextItem++}`, contentId: String(input.contentId), values: new Map() };
        board.items.set(item.id, item);
        const status = shown(board, item).Status;
        return { data: { item: { id: item.id, status: status ? { name: status } : null } } };
      }
      case "updateProjectV2ItemFieldValue": {
        const item = this.#board(input.projectId)?.items.get(String(input.itemId));
        if (!item) return { error: `Could not resolve to a node with the global id of '${String(input.itemId)}'` };
        item.values.set(String(input.fieldId), input.value as FakeItem["values"] extends Map<string, infer V> ? V : never);
        return { data: { projectV2Item: { id: item.id } } };
      }
      case "deleteProjectV2Item": {
        const board = this.#board(input.projectId);
        board?.items.delete(String(input.itemId));
        return { data: { deletedItemId: input.itemId } };
      }
      default:
        return undefined;
    }
  }

  #board(id: unknown): FakeBoard | undefined {
    return this.#boards.find((board) => board.id === id);
  }
}

function argumentsOf(field: FieldNode, variables: Variables): Record<string, unknown> {
  return Object.fromEntries((field.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, variables)]));
}

function shown(board: FakeBoard, item: FakeItem): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [fieldId, value] of item.values) {
    const field = board.fields.find((candidate) => candidate.id === fieldId);
    if (!field) continue;
    const option = field.options?.find((candidate) => candidate.id === value.singleSelectOptionId);
    fields[field.name] = option?.name ?? value.date ?? value.text ?? "";
  }
  return fields;
}
