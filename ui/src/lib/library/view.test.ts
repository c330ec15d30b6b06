import { describe, expect, it } from 'vitest';
import { filtering, libraryQuery, noFilters, sameView, searchQuery } from './view';
import { scrollFor, visibleRange } from './virtual';

describe('library view', () => {
  it('maps the sidebar views onto the query', () => {
    const f = { ...noFilters(), kind: 'guide' as const, year: 2021 };
    expect(libraryQuery({ kind: 'new' }, f)).toMatchObject({ new_only: true, unread: false, kind: 'guide', year: 2021, sort: 'newest' });
    expect(libraryQuery({ kind: 'unread' }, noFilters())).toMatchObject({ unread: true, new_only: false, bookmarked: false });
    expect(searchQuery('harm', { kind: 'bookmarked' }, f)).toMatchObject({ text: 'harm', bookmarked: true, kind: 'guide', sort: 'relevance', as_you_type: true });
    expect(filtering(noFilters())).toBe(false);
    expect(filtering({ ...noFilters(), sort: 'title' })).toBe(false);
    expect(filtering(f)).toBe(true);
    expect(sameView({ kind: 'collection', id: 1 }, { kind: 'collection', id: 2 })).toBe(false);
    expect(sameView({ kind: 'all' }, { kind: 'all' })).toBe(true);
  });
});

describe('virtual list', () => {
  it('draws only the rows in view plus some either side', () => {
    expect(visibleRange(0, 600, 60, 10000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(60 * 5000, 600, 60, 10000, 5)).toEqual({ start: 4995, end: 5015 });
    expect(visibleRange(60 * 9990, 600, 60, 10000, 5)).toEqual({ start: 9985, end: 10000 });
    expect(visibleRange(0, 600, 60, 0)).toEqual({ start: 0, end: 0 });
  });
  it('scrolls just enough to show a focused row', () => {
    expect(scrollFor(20, 0, 600, 60)).toBe(20 * 60 + 60 - 600);
    expect(scrollFor(3, 600, 600, 60)).toBe(180);
    expect(scrollFor(12, 600, 600, 60)).toBe(600);
  });
});
