/**
 * Labels and assignees of one issue in ONE GraphQL request. GitHub counts
 * content-creating requests (80 a minute, 500 an hour per installation), not
 * the changes inside them, so a ticket's labels and assignees cost one write
 * instead of two, and both stay additive: a label or assignee a person set a
 * moment earlier is never overwritten, as it would be by PATCHing the issue.
 */

export interface IssueMutation {
  issueId: string;
  addLabelIds: string[];
  removeLabelIds: string[];
  addAssigneeIds: string[];
  removeAssigneeIds: string[];
}

const PARTS = [
  { key: "addLabelIds", variable: "addLabels", field: "addLabelsToLabelable(input: {labelableId: $issue, labelIds: $addLabels})" },
  { key: "removeLabelIds", variable: "removeLabels", field: "removeLabelsFromLabelable(input: {labelableId: $issue, labelIds: $removeLabels})" },
  { key: "addAssigneeIds", variable: "addAssignees", field: "addAssigneesToAssignable(input: {assignableId: $issue, assigneeIds: $addAssignees})" },
  { key: "removeAssigneeIds", variable: "removeAssignees", field: "removeAssigneesFromAssignable(input: {assignableId: $issue, assigneeIds: $removeAssignees})" },
] as const;

/** The mutation document and its variables; undefined when there is nothing to change. */
export function buildIssueMutation(mutation: IssueMutation): { query: string; variables: Record<string, unknown> } | undefined {
  const parts = PARTS.filter((part) => mutation[part.key].length > 0);
  if (parts.length === 0) return undefined;
  const variables: Record<string, unknown> = { issue: mutation.issueId };
  for (const part of parts) variables[part.variable] = mutation[part.key];
  const declarations = ["$issue: ID!", ...parts.map((part) => `$${part.variable}: [ID!]!`)].join(", ");
  const fields = parts.map((part) => `  ${part.variable}: ${part.field} { clientMutationId }`).join("\n");
  return { query: `mutation FrontdeskIssue(${declarations}) {\n${fields}\n}`, variables };
}

/** `u0: user(login: $u0) { id } ...`: node ids of several logins in one read. */
export function buildUsersQuery(logins: readonly string[]): { query: string; variables: Record<string, string> } {
  const variables = Object.fromEntries(logins.map((login, index) => [`u${index}`, login]));
  const declarations = logins.map((_, index) => `$u${index}: String!`).join(", ");
  const fields = logins.map((_, index) => `  u${index}: user(login: $u${index}) { id }`).join("\n");
  return { query: `query FrontdeskUsers(${declarations}) {\n${fields}\n}`, variables };
}
