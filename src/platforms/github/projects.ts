import type { BoardAction } from "../../core/plan-project.js";
import type { Log } from "../../desk/port.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import type { GitHubOctokit } from "./octokit.js";

/**
 * Projects v2 boards over GitHub's GraphQL API. A board is resolved from its
 * URL once (its id and its fields with their options) and kept in the cache,
 * so adding a ticket costs only the mutations: the item, then its Status and
 * fields in one document. A board that fails
 * is logged for the team with the repository and the board's URL; the client
 * never sees it, and the rest of the step still happens.
 */

const BOARD_FIELDS = `
fragment FrontdeskBoard on ProjectV2 {
  id
  fields(first: 50) {
    nodes {
      ... on ProjectV2Field {
        id
        name
        dataType
      }
      ... on ProjectV2SingleSelectField {
        id
        name
        dataType
        options {
          id
          name
        }
      }
    }
  }
}`;

/** The documents frontdesk sends, exported so that a test checks each against GitHub's schema. */
export const BOARD_DOCUMENTS = {
  organizationBoard: `query FrontdeskOrganizationBoard($login: String!, $number: Int!) {
  owner: organization(login: $login) {
    projectV2(number: $number) {
      ...FrontdeskBoard
    }
  }
}
${BOARD_FIELDS}`,
  userBoard: `query FrontdeskUserBoard($login: String!, $number: Int!) {
  owner: user(login: $login) {
    projectV2(number: $number) {
      ...FrontdeskBoard
    }
  }
}
${BOARD_FIELDS}`,
  issueItems: `query FrontdeskIssueBoardItems($issueId: ID!) {
  node(id: $issueId) {
    ... on Issue {
      projectItems(first: 100) {
        nodes {
          id
          project {
            id
          }
        }
      }
    }
  }
}`,
  addItem: `mutation FrontdeskAddBoardItem($projectId: ID!, $contentId: ID!) {
  addProjectV2ItemById(input: { projectId: $projectId, contentId: $contentId }) {
    item {
      id
      status: fieldValueByName(name: "Status") {
        ... on ProjectV2ItemFieldSingleSelectValue {
          name
        }
      }
    }
  }
}`,
  deleteItem: `mutation FrontdeskRemoveBoardItem($projectId: ID!, $itemId: ID!) {
  deleteProjectV2Item(input: { projectId: $projectId, itemId: $itemId }) {
    deletedItemId
  }
}`,
} as const;

/** The owner and number a board URL names. */
export interface BoardAddress {
  owner: "organization" | "user";
  login: string;
  number: number;
}

/** A field of a board as frontdesk needs it: single select (with options), date or text. */
export interface BoardFieldInfo {
  id: string;
  name: string;
  dataType: string;
  options?: { id: string; name: string }[];
}

/** A board as frontdesk needs it: its id and its fields (Status among them). */
export interface ResolvedBoard {
  id: string;
  fields: BoardFieldInfo[];
}

/** One field value to set: which field, and the GraphQL input value. */
interface FieldValue {
  fieldId: string;
  value: { singleSelectOptionId: string } | { date: string } | { text: string };
}

/**
 * One mutation that sets several fields of an item, so that a ticket's
 * fields cost one write however many there are. Exported so that a test
 * checks it against GitHub's schema.
 */
export function setFieldsDocument(count: number): string {
  const variables = Array.from({ length: count }, (_, index) => `$field${index}: ID!, $value${index}: ProjectV2FieldValue!`).join(", ");
  const updates = Array.from(
    { length: count },
    (_, index) => `  set${index}: updateProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $field${index}, value: $value${index} }) {
    projectV2Item {
      id
    }
  }`,
  ).join("\n");
  return `mutation FrontdeskSetBoardFields($projectId: ID!, $itemId: ID!, ${variables}) {\n${updates}\n}`;
}

/** A board that cannot be used as configured: not found, or no such Status. */
export class BoardError extends Error {
  override readonly name = "BoardError";
}

const BOARD_URL = /^https?:\/\/[^/\s]+\/(orgs|users)\/([A-Za-z0-9-]+)\/projects\/(\d+)\/?$/u;

/** Where a Projects v2 URL points: `https://github.com/orgs/acme/projects/7`. */
export function parseBoardUrl(url: string): BoardAddress | undefined {
  const match = BOARD_URL.exec(url.trim());
  if (!match) return undefined;
  return { owner: match[1] === "orgs" ? "organization" : "user", login: match[2] ?? "", number: Number(match[3]) };
}

type GraphQL = GitHubOctokit["graphql"];

/** An issue's item on a board: [item id, project id]. */
type BoardItem = [itemId: string, projectId: string];

interface BoardQuery {
  owner: { projectV2: { id: string; fields: { nodes: (Partial<BoardFieldInfo> | null)[] } } | null } | null;
}

interface ItemsQuery {
  node: { projectItems?: { nodes: ({ id: string; project: { id: string } } | null)[] } } | null;
}

interface AddItem {
  addProjectV2ItemById: { item: { id: string; status: { name?: string | null } | null } | null };
}

/** The boards of one repository's tickets, with one installation's client. */
export class ProjectBoards {
  constructor(
    private readonly graphql: GraphQL,
    /** Resolved boards by URL; shared by every event so that a board is resolved once. */
    private readonly cache: RepoCache,
    private readonly log: Log,
    private readonly repo: string,
  ) {}

  /**
   * Applies the board actions for the issue `contentId` (its node id). Each
   * action stands alone: one that fails is logged and the others still run.
   * Never throws.
   */
  async apply(contentId: string, actions: readonly BoardAction[]): Promise<void> {
    if (actions.length === 0) return;
    // Removing needs the issue's items; read them once, alongside resolving the boards.
    const items = actions.some((action) => action.kind === "remove")
      ? this.#listItems(contentId).then((value) => ({ value }), (error: unknown) => ({ error }))
      : undefined;
    await Promise.all(
      actions.map(async (action) => {
        try {
          const board = await this.resolve(action.board);
          if (action.kind === "add") await this.#add(board, contentId, action);
          else await this.#remove(board, await items);
        } catch (error) {
          this.#fail(action, error);
        }
      }),
    );
  }

  /** The board behind a URL, from the cache or from one query. */
  resolve(url: string): Promise<ResolvedBoard> {
    return this.cache.get(url, "board", async () => {
      const address = parseBoardUrl(url);
      if (!address) throw new BoardError("not a Projects v2 URL");
      const document = address.owner === "organization" ? BOARD_DOCUMENTS.organizationBoard : BOARD_DOCUMENTS.userBoard;
      const data = await this.graphql<BoardQuery>(document, { login: address.login, number: address.number });
      const project = data.owner?.projectV2;
      if (!project) throw new BoardError("project not found, or the app has no access to it");
      const fields = project.fields.nodes.flatMap((field) =>
        field?.id && field.name && field.dataType ? [{ id: field.id, name: field.name, dataType: field.dataType, ...(field.options ? { options: field.options } : {}) }] : [],
      );
      return { id: project.id, fields };
    });
  }

  /**
   * Adds the item, then sets its Status (unless a person placed it already)
   * and the fields the board has, all in one more mutation: two writes at
   * most. A field the board lacks is left alone; a value no option matches
   * is logged, and the other fields are still set.
   */
  async #add(board: ResolvedBoard, contentId: string, action: Extract<BoardAction, { kind: "add" }>): Promise<void> {
    const data = await this.graphql<AddItem>(BOARD_DOCUMENTS.addItem, { projectId: board.id, contentId });
    const item = data.addProjectV2ItemById.item;
    if (!item) return;
    const values: FieldValue[] = [];
    // An item that already has a Status was placed by a person: leave it there.
    if (action.status !== undefined && !item.status?.name) values.push(this.#statusValue(board, action.status));
    for (const field of action.fields ?? []) {
      const value = this.#fieldValue(board, field.name, field.values);
      if (value) values.push(value);
    }
    if (values.length === 0) return;
    const variables: Record<string, unknown> = { projectId: board.id, itemId: item.id };
    values.forEach((value, index) => Object.assign(variables, { [`field${index}`]: value.fieldId, [`value${index}`]: value.value }));
    await this.graphql(setFieldsDocument(values.length), variables);
  }

  #statusValue(board: ResolvedBoard, status: string): FieldValue {
    const field = board.fields.find((candidate) => candidate.name === "Status" && candidate.dataType === "SINGLE_SELECT");
    if (!field) throw new BoardError('the board has no single-select field named "Status"');
    const option = field.options?.find((candidate) => candidate.name.toLowerCase() === status.toLowerCase());
    if (!option) {
      const names = (field.options ?? []).map((candidate) => `"${candidate.name}"`).join(", ");
      throw new BoardError(`the board's Status has no option "${status}" (it has ${names || "none"})`);
    }
    return { fieldId: field.id, value: { singleSelectOptionId: option.id } };
  }

  /** The value for a field the board has, by its type; undefined when it has no such field or no matching option. */
  #fieldValue(board: ResolvedBoard, name: string, values: readonly string[]): FieldValue | undefined {
    const field = board.fields.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    const first = values[0];
    if (!field || first === undefined) return undefined;
    if (field.dataType === "DATE") return { fieldId: field.id, value: { date: first } };
    if (field.dataType === "TEXT") return { fieldId: field.id, value: { text: first } };
    if (field.dataType !== "SINGLE_SELECT") return undefined;
    const wanted = values.map((value) => value.toLowerCase());
    const option = field.options?.find((candidate) => wanted.includes(candidate.name.toLowerCase()));
    if (option) return { fieldId: field.id, value: { singleSelectOptionId: option.id } };
    this.log.warn({ repo: this.repo, field: field.name }, `Projects v2: the board's ${field.name} has no option for this ticket; left empty`);
    return undefined;
  }

  async #remove(board: ResolvedBoard, items: { value: BoardItem[] } | { error: unknown } | undefined): Promise<void> {
    if (!items) return;
    if ("error" in items) throw items.error;
    const onBoard = items.value.filter(([, projectId]) => projectId === board.id);
    await Promise.all(onBoard.map(([itemId]) => this.graphql(BOARD_DOCUMENTS.deleteItem, { projectId: board.id, itemId })));
  }

  /** The issue's items on every board. */
  async #listItems(contentId: string): Promise<BoardItem[]> {
    const data = await this.graphql<ItemsQuery>(BOARD_DOCUMENTS.issueItems, { issueId: contentId });
    return (data.node?.projectItems?.nodes ?? []).flatMap((node) => (node ? [[node.id, node.project.id] as BoardItem] : []));
  }

  #fail(action: BoardAction, error: unknown): void {
    // The board may have been deleted, renamed or re-permissioned: resolve it afresh next time.
    this.cache.clear(action.board);
    const verb = action.kind === "add" ? "could not add the issue to" : "could not remove the issue from";
    this.log.error(
      { repo: this.repo, project: action.board, err: error instanceof Error ? error.message : String(error) },
      `Projects v2: ${verb} the board`,
    );
  }
}
