// The library list a page at a time (#21 item 4): the window holds how many lines the view has
// and the lines it has asked for, and asks for the pages of the lines coming into view, so a
// library of 100,000 documents costs the window what it shows.
import type { LibraryEntry, LibraryPage } from '../ipc';

/** Lines asked for in one call. */
export const PAGE = 50;

/** The lines of a view: `total` of them, of one build of its order, those not yet here
 *  `undefined`. */
export interface Lines {
  total: number;
  order: number;
  rows: (LibraryEntry | undefined)[];
}

/** The pages holding lines [start, end). */
export function pagesFor(start: number, end: number, size = PAGE): number[] {
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, start) / size); p * size < end; p++) out.push(p);
  return out;
}

/** `base`'s lines with `pages` put in place, as new arrays (the window redraws what changed);
 *  none of `base` when it is of another count or order. */
export function withPages(total: number, order: number, base: Lines | null, pages: LibraryPage[]): Lines {
  const same = base && base.total === total && base.order === order;
  const rows: (LibraryEntry | undefined)[] = same ? base.rows.slice() : new Array(total);
  for (const page of pages) {
    page.entries.forEach((e, i) => {
      if (page.offset + i < total) rows[page.offset + i] = e;
    });
  }
  return { total, order, rows };
}
