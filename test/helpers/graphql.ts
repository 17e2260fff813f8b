import { schema } from "@octokit/graphql-schema";
import { buildClientSchema, getVariableValues, parse, validate, type IntrospectionQuery, type OperationDefinitionNode } from "graphql";

/**
 * GitHub's public GraphQL schema, as published in @octokit/graphql-schema.
 * From its introspection result: the published SDL defines two fields twice,
 * which `buildSchema` rejects.
 */
const github = buildClientSchema(schema.json as IntrospectionQuery);

/**
 * Every problem GitHub would find with a request: the document against the
 * schema (fields, arguments, fragments, variable types), and the variables
 * against the types the document declares for them. Empty when it is valid.
 */
export function checkGraphQL(query: string, variables: Record<string, unknown> = {}): string[] {
  const document = parse(query);
  const errors = validate(github, document).map((error) => error.message);
  const operations = document.definitions.filter((node): node is OperationDefinitionNode => node.kind === "OperationDefinition");
  if (operations.length !== 1) errors.push(`expected one operation, found ${operations.length}`);
  for (const operation of operations) {
    const coerced = getVariableValues(github, operation.variableDefinitions ?? [], variables);
    errors.push(...(coerced.errors ?? []).map((error) => error.message));
  }
  return errors;
}

export interface GraphQLCall {
  operation: string;
  variables: Record<string, unknown>;
  query: string;
}

/**
 * A nock body matcher for one named operation (and, with `only`, those
 * variables): it records the call, so that a test can assert the documents
 * and variables sent and check them against the schema.
 */
export function graphqlOperation(name: string, calls: GraphQLCall[], only: Record<string, unknown> = {}) {
  return (body: { query?: string; variables?: Record<string, unknown> }) => {
    const operation = /\b(?:query|mutation)\s+(\w+)/u.exec(body.query ?? "")?.[1];
    if (operation !== name) return false;
    if (Object.entries(only).some(([key, value]) => body.variables?.[key] !== value)) return false;
    calls.push({ operation, variables: body.variables ?? {}, query: body.query ?? "" });
    return true;
  };
}
