// Issue #7's journey and #6's screenshots, through the real app under Xvfb.
//
// The journey: first run, search, open a guide, switch it to Russian, bookmark it, add a note,
// put it in a new collection, restart the app, and find all of it still there; filters narrow
// the list. The screenshots: every view (library, the share dialog, new since last sync, search,
// reader, collection, settings with the sync status) in en, fr, es, ru and the pseudo-locale, under
// target/e2e/; in the pseudo-locale, any interface text that is not transformed is a string that
// does not go through Fluent, and fails the test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Session, startDriver, until, freshDataDir, type, firstSyncAnswered } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const GUIDE_GROUP_RU = 'c19rm-guide-ru';

/** The sync bar as it is drawn: its height, whether its message is cut, and "Show all". */
const BAR = "const b = document.querySelector('.syncbar'); const t = b?.querySelector('[data-testid=sync-text]'); return { state: b?.dataset.state ?? null, height: b?.getBoundingClientRect().height ?? null, cut: t ? t.scrollWidth > t.clientWidth + 1 : null, more: document.querySelector('[data-testid=sync-more]')?.getAttribute('aria-expanded') ?? null }";

const ROWS = "return [...document.querySelectorAll('li.doc-row')].map((r) => ({ id: r.dataset.docId, kind: r.dataset.kind, read: r.dataset.read === 'true' }))";

/** Choose an option of a <select>, as the keyboard or mouse would, with its change event. */
/** Picks an option as a person would: once it is there (a filter's values arrive with the
 *  sidebar, after the first lines are drawn). */
async function choose(s, css, value) {
  const sel = JSON.stringify(css);
  const val = JSON.stringify(value);
  await until(async () => s.execute(`return [...(document.querySelector(${sel})?.options ?? [])].some((o) => o.value === ${val})`), `the option ${value} in ${css}`);
  await s.execute(`const el = document.querySelector(${sel}); el.value = ${val}; el.dispatchEvent(new Event('change', { bubbles: true }));`);
}

/** Interface text left untransformed in the pseudo-locale: every visible text node with two or
 *  more Latin letters, outside document content (which carries its own lang) and outside what
 *  the user or the network wrote (titles, publishers, addresses, paths, collection names). */
const UNTRANSLATED = `
const skip = 'input, textarea, select option, code, time, abbr, .publishers, .feed-title, .feed-url, .network-name, .collection-name, .att-title, .link, [lang]:not(html), [data-testid=sync-text]';
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  const text = node.textContent.trim();
  if ((text.match(/[A-Za-z]/g) || []).length < 2) continue;
  const el = node.parentElement;
  if (!el || el.closest(skip) || !el.getClientRects().length) continue;
  if (!/[\\[\\]àéîöüýÀÉÎÖÜÝçÇñÑšŠţŢĝĜļĻŕŔžŽďĎķĶŵŴĥĤ]/.test(text)) out.push(text);
}
return out;`;

describe('library, collections and every view in every locale', { timeout: 600000 }, () => {
  let driver;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    // Sharing with laptops nearby on 127.0.0.1 only, with no multicast DNS (commands/nearby.rs).
    process.env.PEERLIB_TEST_SHARE_ADDR = '127.0.0.1:0';
    driver = await startDriver();
  });
  after(async () => driver && (await driver.stop()));

  it('journey: search, open a guide, switch to Russian, bookmark, note, collect, restart, all still there', async () => {
    const dataDir = freshDataDir();
    let s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'en']);
    try {
      // The offer to join another network (the built-in one here, never synced) is on screen
      // with the first lines, and nothing moves once the sidebar is there: drawn after them, the
      // offer would push the sidebar down under a click about to land. Until 2026-12-07 the
      // offer mostly, not always, came first. Read in the page as it is at one moment.
      const layout = "return { rows: document.querySelectorAll('li.doc-row').length, offer: document.querySelector('[data-testid=join-offer]') !== null, unread: document.querySelector('.view-button[data-view=unread]')?.getBoundingClientRect().top ?? null }";
      const first = await until(async () => {
        const l = await s.execute(layout);
        return l.rows > 0 ? l : null;
      }, 'the first lines');
      assert.equal(first.offer, true, 'the offer to join drawn with the first lines');
      const sidebar = await until(async () => {
        const l = await s.execute(layout);
        return l.unread !== null ? l : null;
      }, 'the sidebar');
      await until(async () => (await s.execute(ROWS)).length === 4, 'the starter library');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal((await s.execute(layout)).unread, sidebar.unread, 'the sidebar where it was first drawn');
      await firstSyncAnswered(s);
      // The first sync's answer (here a failure, in three sentences) moves nothing either: the
      // sync bar stays one line high (SyncBar.svelte).
      assert.equal((await s.execute(layout)).unread, sidebar.unread, "the sidebar where it was before the first sync's answer");
      // Filters narrow the list; clearing them brings everything back.
      await choose(s, '[data-testid=filter-kind]', 'report');
      await until(async () => {
        const r = await s.execute(ROWS);
        return r.length === 1 && r[0].kind === 'report';
      }, 'only the report');
      await s.click('.clear-filters');
      await until(async () => (await s.execute(ROWS)).length === 4, 'all four again');

      // A collection for the meeting, made in the sidebar.
      await type(s, '#new-collection', 'HLM 2021 pack');
      await s.click('.new-collection button[type=submit]');
      const heading = await until(async () => (await s.execute("return document.querySelector('#collection-heading')?.textContent")) || null, 'the new, empty collection');
      assert.equal(heading, 'HLM 2021 pack');

      // Search, open the guide, switch it to Russian.
      await type(s, '#search', 'consultation guide');
      await until(async () => (await s.execute("return document.querySelector('.search-results')?.dataset.answered === 'consultation guide' && !!document.querySelector('.search-hit[data-doc-id=c19rm-guide-en]')")), 'the guide in the results');
      await s.click('.search-hit[data-doc-id=c19rm-guide-en] button.doc-title');
      await until(async () => !!(await s.text('#reader-title')), 'the reader');
      await s.click('.lang-switch[data-language="ru"]');
      await until(async () => (await s.execute("return document.querySelector('#reader-title')?.lang")) === 'ru', 'the Russian guide');

      // Bookmark, note, collection.
      await until(async () => !!(await s.execute("return document.querySelector('input[data-collection]')")), 'the collections in the reader');
      await s.click('button.bookmark');
      await until(async () => (await s.execute("return document.querySelector('button.bookmark').getAttribute('aria-pressed')")) === 'true', 'the bookmark');
      await s.click('input[data-collection]');
      await until(async () => (await s.execute("return document.querySelector('.view-button[data-collection] .n')?.textContent")) === '1', 'the collection counts it');
      await type(s, '#note', 'Bring the Russian deck to the side event.');
      await until(async () => (await s.execute("return document.querySelector('.note-state').dataset.state")) === 'saved', 'the note saved');
      // Back in the library, the guide is read (opened) and bookmarked.
      await s.click('.view-button[data-view=all]');
      const rows = await until(async () => {
        const r = await s.execute(ROWS);
        return r.length === 4 ? r : null;
      }, 'the library again');
      assert.ok(rows.find((r) => r.kind === 'guide').read, 'an opened document is read');
      assert.ok(!rows.find((r) => r.kind === 'report').read, 'the report was never opened');
    } finally {
      await s.close();
    }

    s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'en']);
    try {
      await until(async () => (await s.execute(ROWS)).length === 4, 'the library after a restart');
      await s.click('.view-button[data-view=unread]');
      await until(async () => {
        const r = await s.execute(ROWS);
        return r.length === 3 && !r.some((x) => x.kind === 'guide') ? r : null;
      }, 'the unread view without the guide');
      await s.click('.view-button[data-view=bookmarked]');
      const saved = await until(async () => {
        const r = await s.execute(ROWS);
        return r.length === 1 ? r : null;
      }, 'the bookmarked view');
      assert.equal(saved[0].kind, 'guide');
      await s.click('.view-button[data-collection]');
      const items = await until(async () => {
        const v = await s.execute("return [...document.querySelectorAll('.collection-item')].map((i) => i.dataset.docId)");
        return v.length ? v : null;
      }, 'the collection after a restart');
      assert.deepEqual(items, [GUIDE_GROUP_RU], 'the collection holds the Russian guide, as it was added');
      await s.click('.collection-item button.doc-title');
      const p = await until(async () => {
        const v = await s.execute("const n = document.querySelector('#note'); return n && n.value ? { note: n.value, bookmarked: document.querySelector('button.bookmark').getAttribute('aria-pressed') } : null");
        return v;
      }, 'the note after a restart');
      assert.deepEqual(p, { note: 'Bring the Russian deck to the side event.', bookmarked: 'true' });
    } finally {
      await s.close();
    }
  });

  for (const locale of ['en', 'fr', 'es', 'ru', 'en-XA']) {
    it(`every view in ${locale}, screenshotted${locale === 'en-XA' ? ', with no string outside Fluent' : ''}`, async () => {
      const dataDir = freshDataDir();
      const s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', locale]);
      const leftovers = {};
      const look = async (view) => {
        await s.screenshot(`${view}-${locale}`);
        if (locale === 'en-XA') {
          const left = await s.execute(UNTRANSLATED);
          if (left.length) leftovers[view] = left;
        }
      };
      try {
        await until(async () => (await s.execute(ROWS)).length === 4, 'the starter library');
        const barBefore = await s.execute(BAR);
        await firstSyncAnswered(s);
        // Whatever the answer says, the bar keeps its height; "Show all" is offered exactly when
        // its message is cut, and opens it on a click (the pseudo-locale's long failure).
        const bar = await s.execute(BAR);
        assert.equal(bar.height, barBefore.height, `the sync bar's height after the first sync's answer (${bar.state})`);
        assert.equal(bar.more !== null, bar.cut, `"Show all" offered when the message is cut: ${JSON.stringify(bar)}`);
        if (locale === 'en-XA' && bar.state !== 'ok') {
          assert.ok(bar.cut, 'the failure, long in the pseudo-locale, is cut to one line');
          await s.click('[data-testid=sync-more]');
          const opened = await until(async () => {
            const b = await s.execute(BAR);
            return b.more === 'true' && b.height > barBefore.height ? b : null;
          }, 'the whole message');
          assert.ok(!opened.cut, 'nothing of it cut once opened');
          await look('sync-open');
          await s.click('[data-testid=sync-more]');
          await until(async () => {
            const b = await s.execute(BAR);
            return b.more === 'false' && b.height === barBefore.height ? b : null;
          }, 'the bar one line high again');
        }
        const lang = await s.execute('return document.documentElement.lang');
        assert.equal(lang, locale, 'the window speaks the chosen language');
        // ... from its first frame: the shell names the language before the page's scripts run.
        assert.equal(await s.execute('return window.__PEERLIB_LOCALE__'), locale, 'the language given to the page at start');
        await look('library');
        // Sharing the starter library: the size said before anything is written.
        await s.click('[data-testid=share-library]');
        await until(async () => (await s.execute("return document.querySelector('[data-testid=share-dialog]')?.dataset.step")) === 'ready', 'the share dialog');
        assert.equal(await s.execute('return document.activeElement?.closest("[data-testid=share-dialog]") !== null'), true, 'the dialog takes the focus');
        await look('share');
        await s.click('[data-testid=share-close]');
        // Sharing with people nearby: the choice, then the address, the code and the QR code.
        const nearby = "return document.querySelector('[data-testid=nearby-dialog]')?.dataset.step";
        await s.click('[data-testid=nearby-share]');
        await until(async () => (await s.execute(nearby)) === 'choose', 'the nearby sharing panel');
        await look('nearby-choose');
        await s.click('[data-testid=nearby-start]');
        const started = await until(async () => {
          const st = await s.execute(nearby);
          return st === 'sharing' || st === 'failed' ? st : null;
        }, 'sharing to start');
        assert.equal(started, 'sharing', await s.execute("return document.querySelector('[data-testid=nearby-failure]')?.textContent"));
        await look('nearby-sharing');
        await s.click('[data-testid=nearby-stop]');
        await until(async () => (await s.execute(nearby)) === 'ended', 'sharing stopped');
        await s.click('[data-testid=nearby-close]');
        await s.click('[data-testid=nearby-get-open]');
        await until(async () => (await s.execute(nearby)) === 'found', 'the panel to get the library from a laptop nearby');
        await look('nearby-get');
        await s.click('[data-testid=nearby-close]');
        await s.click('.view-button[data-view=new]');
        await until(async () => !!(await s.execute("return document.querySelector('[data-testid=library-none]')")), 'the empty new view');
        await look('new');
        await type(s, '#new-collection', 'HLM 2021');
        await s.click('.new-collection button[type=submit]');
        await until(async () => !!(await s.execute("return document.querySelector('#collection-heading')")), 'the collection');
        await look('collection');
        await s.click('.view-button[data-view=all]');
        await type(s, '#search', 'harm reduction');
        // The results of the whole query, not of a keystroke before it that a click could race.
        await until(async () => (await s.execute("return document.querySelector('.search-results')?.dataset.answered === 'harm reduction' && document.querySelectorAll('.search-hit').length")) > 0, 'search results');
        await look('search');
        await s.click('.search-hit button.doc-title');
        await until(async () => !!(await s.execute("return document.querySelector('#reader-title') && document.querySelector('input[data-collection]')")), 'the reader');
        await look('reader');
        await s.click('[data-testid=open-settings]');
        await until(async () => !!(await s.execute("return document.querySelector('[data-testid=content-languages] li')")), 'the settings');
        await look('settings');
        assert.deepEqual(leftovers, {}, 'interface text that did not go through Fluent');
      } finally {
        await s.close();
      }
    });
  }
});
