import { describe, expect, it } from 'vitest';
import { SearchRunner } from './runner.svelte';
import type { SearchQuery, SearchResults } from '../ipc';

const query = (text: string, over: Partial<SearchQuery> = {}): SearchQuery => ({
  text, as_you_type: true, kind: null, language: null, tag: null, publisher: null, year: null,
  has_attachment: null, bookmarked: false, unread: false, sort: 'relevance', limit: 20, offset: 0, ...over,
});
const answer = (text: string): SearchResults => ({ hits: [{ id: text } as SearchResults['hits'][number]], more: false });

/** A search whose answers the test releases one by one, recording what was asked. */
function controlled() {
  const asked: string[] = [];
  const waiting: { text: string; resolve: (r: SearchResults) => void; reject: (e: unknown) => void }[] = [];
  const search = (q: SearchQuery) =>
    new Promise<SearchResults>((resolve, reject) => {
      asked.push(q.text);
      waiting.push({ text: q.text, resolve, reject });
    });
  const settle = async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); };
  const release = async () => {
    const w = waiting.shift()!;
    w.resolve(answer(w.text));
    await settle();
  };
  const fail = async () => {
    waiting.shift()!.reject({ code: 'internal', message: 'broken' });
    await settle();
  };
  return { asked, search, release, fail };
}

describe('SearchRunner', () => {
  it('sends a query once, however often it is asked', async () => {
    const c = controlled();
    const r = new SearchRunner(c.search);
    r.ask(query('harm'));
    r.ask(query('harm'));
    await c.release();
    r.ask(query('harm'));
    expect(c.asked).toEqual(['harm']);
    expect(r.answered).toBe('harm');
    // The same text with another filter is another search.
    r.ask(query('harm', { language: 'ru' }));
    expect(c.asked).toEqual(['harm', 'harm']);
  });

  it('runs one search at a time, and only the newest query waits', async () => {
    const c = controlled();
    const r = new SearchRunner(c.search);
    r.ask(query('ha'));
    r.ask(query('har'));
    r.ask(query('harm'));
    expect(c.asked).toEqual(['ha']);
    await c.release(); // "ha" answers; "harm" is sent, "har" never is
    expect(c.asked).toEqual(['ha', 'harm']);
    expect(r.answered).toBe('ha');
    await c.release();
    expect(r.answered).toBe('harm');
    expect(r.results?.hits[0].id).toBe('harm');
  });

  it('never shows an older answer over a newer one', async () => {
    const c = controlled();
    const r = new SearchRunner(c.search);
    r.ask(query('ha'));
    r.ask(query('harm'));
    r.reset(); // left search while "ha" ran
    await c.release();
    expect(r.results).toBeNull();
    expect(c.asked).toEqual(['ha']); // the waiting "harm" was dropped too
  });

  it('says a failure, and a later answer replaces it', async () => {
    const c = controlled();
    const r = new SearchRunner(c.search);
    r.ask(query('harm'));
    await c.fail();
    expect(r.failure?.code).toBe('internal');
    r.ask(query('harm reduction'));
    await c.release();
    expect(r.failure).toBeNull();
    expect(r.answered).toBe('harm reduction');
  });

  it('after a reset, the same query is searched again', async () => {
    const c = controlled();
    const r = new SearchRunner(c.search);
    r.ask(query('harm'));
    await c.release();
    r.reset();
    expect(r.answered).toBe('');
    r.ask(query('harm'));
    expect(c.asked).toEqual(['harm', 'harm']);
  });
});
