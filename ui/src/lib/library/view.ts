// What the library shows: a view from the sidebar (everything, new since the last sync,
// bookmarked, unread, or one collection) narrowed by the filter bar. Pure functions, so the
// mapping to the commands' queries is unit-tested.
import type { Kind, LibraryQuery, LibrarySort, SearchQuery, Sort } from '../ipc';

export type View =
  | { kind: 'all' }
  | { kind: 'new' }
  | { kind: 'bookmarked' }
  | { kind: 'unread' }
  | { kind: 'collection'; id: number };

export interface Filters {
  kind: Kind | null;
  language: string | null;
  tag: string | null;
  publisher: string | null;
  year: number | null;
  /** Library order; search results follow `searchSort`. */
  sort: LibrarySort;
  searchSort: Sort;
}

export const noFilters = (): Filters => ({
  kind: null,
  language: null,
  tag: null,
  publisher: null,
  year: null,
  sort: 'newest',
  searchSort: 'relevance',
});

/** True when a filter (not the order) narrows the list. */
export function filtering(f: Filters): boolean {
  return f.kind !== null || f.language !== null || f.tag !== null || f.publisher !== null || f.year !== null;
}

/** The filter fields the library and search queries share. */
function narrowing(view: View, f: Filters) {
  return {
    kind: f.kind,
    language: f.language,
    tag: f.tag,
    publisher: f.publisher,
    year: f.year,
    has_attachment: null,
    bookmarked: view.kind === 'bookmarked',
    unread: view.kind === 'unread',
  };
}

/** The library's lines for `view`; `limit` asks for the first lines only (the first screenful,
 *  drawn while the whole list is on its way). */
export function libraryQuery(view: View, f: Filters, limit: number | null = null): LibraryQuery {
  return { ...narrowing(view, f), new_only: view.kind === 'new', sort: f.sort, limit };
}

/** The search for `text` with the same filters (a search covers the whole library, or the
 *  bookmarked or unread part of it). */
export function searchQuery(text: string, view: View, f: Filters, asYouType = true): SearchQuery {
  return { text, as_you_type: asYouType, ...narrowing(view, f), sort: f.searchSort, limit: 20, offset: 0 };
}

export function sameView(a: View, b: View): boolean {
  return a.kind === b.kind && (a.kind !== 'collection' || (b.kind === 'collection' && a.id === b.id));
}
