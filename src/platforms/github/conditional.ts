import type { KeptState } from "../../runtime/kept-state.js";

/**
 * Conditional requests: GitHub answers `If-None-Match` with the ETag of the
 * last answer by `304 Not Modified` when nothing changed, and a 304 to an
 * authorised request does not count against the rate limit. What the last
 * answer said is kept (runtime/kept-state.ts), so a 304 costs nothing and
 * tells everything.
 */

/** The part of Octokit used here: a request that may carry headers. */
export interface Requester {
  request(route: string, parameters: Record<string, unknown>): Promise<{ data: unknown; headers: Record<string, string | number | undefined> }>;
}

/** Whether a failed request was a 304 (Octokit throws it as an error). */
export function isNotModified(error: unknown): boolean {
  return (error as { status?: unknown } | undefined)?.status === 304;
}

/** The request with the given ETag, or `undefined` when GitHub answered 304. */
export async function requestIfChanged(
  octokit: Requester,
  route: string,
  parameters: Record<string, unknown>,
  etag: string | undefined,
): Promise<{ data: unknown; etag?: string; next: boolean } | undefined> {
  try {
    const { data, headers } = await octokit.request(route, etag ? { ...parameters, headers: { "if-none-match": etag } } : parameters);
    const tag = typeof headers.etag === "string" ? headers.etag : undefined;
    return { data, ...(tag ? { etag: tag } : {}), next: hasNextPage(headers.link) };
  } catch (error) {
    if (etag && isNotModified(error)) return undefined;
    throw error;
  }
}

/** The parameters of a page: the first without `page`, as Octokit asks for it. */
export function withPage(parameters: Record<string, unknown>, page: number): Record<string, unknown> {
  return page > 1 ? { ...parameters, page } : parameters;
}

export function hasNextPage(link: unknown): boolean {
  return typeof link === "string" && /rel="next"/u.test(link);
}

interface KeptPages<T> {
  pages: { etag?: string; items: T[]; next: boolean }[];
}

/**
 * Every page of a listing, each asked for with the ETag it had last time:
 * an unchanged listing costs only 304s. `pick` keeps the little that is
 * needed of each page (a repository object is kilobytes; its name is not).
 */
export async function listIfChanged<T>(
  octokit: Requester,
  route: string,
  parameters: Record<string, unknown>,
  kept: KeptState,
  key: string,
  pick: (data: unknown) => T[],
): Promise<T[]> {
  const before = await kept.read<KeptPages<T>>(key);
  const pages: KeptPages<T>["pages"] = [];
  let changed = false;
  for (let page = 1; page <= 100; page++) {
    const known = before?.pages[page - 1];
    const answer = await requestIfChanged(octokit, route, withPage(parameters, page), known?.etag);
    if (answer) changed = true;
    const current = answer ? { ...(answer.etag ? { etag: answer.etag } : {}), items: pick(answer.data), next: answer.next } : known!;
    pages.push(current);
    if (!current.next) break;
  }
  if (changed || pages.length !== before?.pages.length) await kept.write(key, { pages } satisfies KeptPages<T>);
  return pages.flatMap((page) => page.items);
}
