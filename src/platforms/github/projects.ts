import type { BoardAction } from "../../core/plan-project.js";
import type { Log } from "../../desk/port.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import type { GitHubOctokit } from "./octokit.js";

/**
 * Projects v2 boards over GitHub's GraphQL API. A board is resolved from its
 * URL once (its id, its `Status` field and the field's options) and kept in
 * the cache, so moving a ticket costs only the mutations. A board that fails
 * is logged for the team with the repository and the board's URL; the client
 * never sees it, and the rest of the step still happens.
 */

const BOARD_FIELDS = `
fragment FrontdeskBoard on ProjectV2 {
  id
  field(name: "Status") {
    ... on ProjectV2SingleSelectField {
      id
      options {
        id
        name
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
  setStatus: `mutation FrontdeskSetBoardStatus($projectId: ID!, $itemId: ID!, $fieldId: ID!, $optionId: String!) {
  updateProjectV2ItemFieldValue(
    input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: { singleSelectOptionId: $optionId } }
  ) {
    projectV2Item {
      id
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

/** A board as frontdesk needs it: its id and the Status field's options. */
export interface ResolvedBoard {
  id: string;
  status?: { fieldId: string; options: { id: string; name: string }[] };
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
  owner: { projectV2: { id: string; field: { id?: string; options?: { id: string; name: string }[] } | null } | null } | null;
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
          if (action.kind === "add") await this.#add(board, contentId, action.status);
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
      const field = project.field;
      return field?.id && field.options
        ? { id: project.id, status: { fieldId: field.id, options: field.options } }
        : { id: project.id };
    });
  }

  async #add(board: ResolvedBoard, contentId: string, status: string | undefined): Promise<void> {
    const data = await this.graphql<AddItem>(BOARD_DOCUMENTS.addItem, { projectId: board.id, contentId });
    const item = data.addProjectV2ItemById.item;
    // An item that already has a Status was placed by a person: leave it there.
    if (status === undefined || !item || item.status?.name) return;
    if (!board.status) throw new BoardError('the board has no single-select field named "Status"');
    const option = board.status.options.find((candidate) => candidate.name.toLowerCase() === status.toLowerCase());
    if (!option) {
      const names = board.status.options.map((candidate) => `"${candidate.name}"`).join(", ");
      throw new BoardError(`the board's Status has no option "${status}" (it has ${names || "none"})`);
    }
    await this.graphql(BOARD_DOCUMENTS.setStatus, {
      projectId: board.id,
      itemId: item.id,
      fieldId: board.status.fieldId,
      optionId: option.id,
    });
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
