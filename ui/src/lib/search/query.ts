import type { SearchQuery } from '../ipc';

/** A search as the user types it: relevance order, the first page, no filters yet. */
export function typedQuery(text: string): SearchQuery {
  return {
    text,
    as_you_type: true,
    kind: null,
    language: null,
    tag: null,
    publisher: null,
    year: null,
    has_attachment: null,
    bookmarked: false,
    unread: false,
    sort: 'relevance',
    limit: 20,
    offset: 0,
  };
}

/** Worth searching: at least two letters or digits (one letter matches half the library). */
export function worthSearching(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2;
}
