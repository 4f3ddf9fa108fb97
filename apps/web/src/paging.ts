/**
 * Keyset paging for pages over the API's cursor lists. The API's cursors only go forward, so the cursors of the
 * pages before this one ride along in the address (`back`, dot-separated) and "Previous" goes back through them.
 * Cursors hold ids, dates and positions, never names or NHS numbers.
 */
export interface CursorPaging {
  cursor?: string;
  back: string[];
}

const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;
const MAX_BACK = 50;

/** The paging asked for in the address; a malformed cursor goes to the service, which refuses it as the API does. */
export function readPaging(query: Record<string, unknown>): CursorPaging {
  const cursor = typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : undefined;
  const back = typeof query.back === 'string' ? query.back.split('.').filter((c) => CURSOR.test(c)) : [];
  return { cursor, back: cursor ? back.slice(-MAX_BACK) : [] };
}

function href(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

interface PaginationLink {
  href: string;
  text: string;
  label: { text: string };
}

/**
 * Which page this is, and the NHS pagination component's `previous` and `next` for it (links that keep the page's
 * filters, labelled "Page n"); `pageLinks` is undefined when there is only one page (not `pagination`, which would hide the layout's macro of that name).
 */
export function cursorPagination(
  path: string,
  filters: Record<string, string | undefined>,
  paging: CursorPaging,
  nextCursor: string | null,
  words: { previous: string; next: string } = { previous: 'Previous', next: 'Next' },
): { pageNumber: number; pageLinks?: { previous?: PaginationLink; next?: PaginationLink } } {
  const pageNumber = paging.cursor ? paging.back.length + 2 : 1;
  const link = (text: string, page: number, params: Record<string, string | undefined>): PaginationLink => ({
    href: href(path, { ...filters, ...params }),
    text,
    label: { text: `Page ${page}` },
  });
  const previous = paging.cursor
    ? link(words.previous, pageNumber - 1, { cursor: paging.back.at(-1), back: paging.back.slice(0, -1).join('.') })
    : undefined;
  const next = nextCursor
    ? link(words.next, pageNumber + 1, { cursor: nextCursor, back: [...paging.back, ...(paging.cursor ? [paging.cursor] : [])].join('.') })
    : undefined;
  return { pageNumber, pageLinks: previous || next ? { previous, next } : undefined };
}
