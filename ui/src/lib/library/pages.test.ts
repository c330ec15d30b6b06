import { describe, expect, it } from 'vitest';
import type { LibraryEntry } from '../ipc';
import { pagesFor, withPages } from './pages';

const line = (id: string) => ({ id }) as LibraryEntry;

describe('the list a page at a time', () => {
  it('asks for the pages that hold the lines in view', () => {
    expect(pagesFor(0, 0, 50)).toEqual([]);
    expect(pagesFor(0, 1, 50)).toEqual([0]);
    expect(pagesFor(40, 60, 50)).toEqual([0, 1]);
    expect(pagesFor(100, 150, 50)).toEqual([2]);
    expect(pagesFor(-5, 10, 50)).toEqual([0]);
  });

  it('puts pages in place and keeps the lines already there', () => {
    const first = withPages(120, 7, null, [{ total: 120, offset: 0, order: 7, entries: [line('a'), line('b')] }]);
    expect(first.total).toBe(120);
    expect(first.rows.length).toBe(120);
    expect(first.rows[1]?.id).toBe('b');
    expect(first.rows[2]).toBeUndefined();
    const more = withPages(120, 7, first, [{ total: 120, offset: 100, order: 7, entries: [line('x')] }]);
    expect(more.rows[0]?.id).toBe('a');
    expect(more.rows[100]?.id).toBe('x');
    expect(first.rows[100], 'the list before is not changed').toBeUndefined();
  });

  it('starts again when the count or the order changed, and keeps nothing past the end', () => {
    const before = withPages(3, 1, null, [{ total: 3, offset: 0, order: 1, entries: [line('a'), line('b'), line('c')] }]);
    const after = withPages(2, 1, before, [{ total: 2, offset: 1, order: 1, entries: [line('q'), line('r')] }]);
    expect(after.rows).toEqual([undefined, line('q')]);
    const reordered = withPages(3, 2, before, [{ total: 3, offset: 2, order: 2, entries: [line('z')] }]);
    expect(reordered.rows).toEqual([undefined, undefined, line('z')]);
    expect(reordered.order).toBe(2);
  });
});
