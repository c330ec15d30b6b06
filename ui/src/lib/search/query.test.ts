import { describe, expect, it } from 'vitest';
import { worthSearching } from './query';
import { noFilters, searchQuery } from '../library/view';

describe('search queries', () => {
  it('are as-you-type, by relevance, one page', () => {
    const q = searchQuery('sante ment', { kind: 'all' }, noFilters());
    expect(q).toMatchObject({ text: 'sante ment', as_you_type: true, sort: 'relevance', limit: 20, offset: 0, bookmarked: false });
  });

  it('wait for two letters, in any script', () => {
    expect(worthSearching('a')).toBe(false);
    expect(worthSearching(' " ( ')).toBe(false);
    expect(worthSearching('сн')).toBe(true);
    expect(worthSearching('30')).toBe(true);
  });
});
