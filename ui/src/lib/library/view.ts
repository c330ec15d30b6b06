// What the library shows: a view from the sidebar (everything, new since the last sync,
// bookmarked, unread, or one collection) narrowed by the filter bar. Pure functions, so the
// mapping to the commands' queries is unit-tested.
import type { Filters as QueryFilters, LibraryQuery, LibrarySort, SearchQuery, Sort } from '../ipc';

export type View =
  | { kind: 'all' }
  | { kind: 'new' }
  | { kind: 'bookmarked' }
  | { kind: 'unread' }
  | { kind: 'collection'; id: number };

/** The filter bar's state: the document filters it offers, typed by the commands' own `Filters`
 *  (store/src/model.rs), and the two orders (search results follow `searchSort`). */
export type Filters = Pick<QueryFilters, 'kind' | 'language' | 'tag' | 'publisher' | 'year'> & {
  sort: LibrarySort;
  searchSort: Sort;
};

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

/** The filters the library and search queries share, for `view`. */
function narrowing(view: View, f: Filters): QueryFilters {
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
