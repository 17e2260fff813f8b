import { Kind, parse, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode } from "graphql";
import type { FakeProjects } from "./github-projects.js";
import type { FakeRepo } from "./github-state.js";

/**
 * The fake GitHub's GraphQL endpoint: just the operations frontdesk sends
 * for issues (labels and assignees), people's node ids and Projects v2
 * boards, executed against the same in-memory repositories as the REST routes.
 */

export const issueNodeId = (repo: string, number: number) => `I_${repo}|${number}`;
export const labelNodeId = (repo: string, name: string) => `LA_${repo}|${name.toLowerCase()}`;

export function isMutation(query: string): boolean {
  const operation = parse(query).definitions.find((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
  return operation?.operation === "mutation";
}

export function executeGraphQL(
  body: { query: string; variables?: Record<string, unknown> },
  repo: (fullName: string) => FakeRepo | undefined,
  projects?: FakeProjects,
): [number, unknown] {
  const operation = parse(body.query).definitions.find((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return [400, { message: "no operation" }];
  const data: Record<string, unknown> = {};
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const field = selection as FieldNode;
    const args = Object.fromEntries((field.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, body.variables)]));
    const alias = field.alias?.value ?? field.name.value;
    const board = projects?.execute(field, body.variables);
    if (board && "error" in board) return [200, { data: { ...data, [alias]: null }, errors: [{ type: "NOT_FOUND", path: [alias], message: board.error }] }];
    if (board) {
      data[alias] = board.data;
      continue;
    }
    const input = (args.input ?? {}) as Record<string, string | string[]>;
    const target = String(input.labelableId ?? input.assignableId ?? "");
    const [, fullName, number] = /^I_(.+)\|(\d+)$/u.exec(target) ?? [];
    const issue = fullName ? repo(fullName)?.issues.get(Number(number)) : undefined;
    switch (field.name.value) {
      case "user":
        data[alias] = { id: `U_${String(args.login)}` };
        break;
      case "addLabelsToLabelable":
      case "removeLabelsFromLabelable": {
        if (!issue || !fullName) return [200, { data: null, errors: [{ message: `Could not resolve to a node with the global id of '${target}'` }] }];
        const names = (input.labelIds as string[]).map((id) => repo(fullName)!.labels.get(id.split("|")[1] ?? "")?.name ?? "");
        if (field.name.value === "addLabelsToLabelable") {
          for (const name of names) if (!issue.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) issue.labels.push({ name });
        } else {
          issue.labels = issue.labels.filter((label) => !names.some((name) => name.toLowerCase() === label.name.toLowerCase()));
        }
        repo(fullName)!.touched(issue.number);
        data[alias] = { clientMutationId: null };
        break;
      }
      case "addAssigneesToAssignable":
      case "removeAssigneesFromAssignable": {
        if (!issue) return [200, { data: null, errors: [{ message: `Could not resolve to a node with the global id of '${target}'` }] }];
        const logins = (input.assigneeIds as string[]).map((id) => id.replace(/^U_/u, ""));
        if (field.name.value === "addAssigneesToAssignable") {
          for (const login of logins) if (!issue.assignees.some((user) => user.login === login)) issue.assignees.push({ login, type: "User" });
        } else {
          issue.assignees = issue.assignees.filter((user) => !logins.includes(user.login));
        }
        if (fullName) repo(fullName)?.touched(issue.number);
        data[alias] = { clientMutationId: null };
        break;
      }
      default:
        return [200, { data: null, errors: [{ message: `the fake GitHub has no field ${field.name.value}` }] }];
    }
  }
  return [200, { data }];
}
