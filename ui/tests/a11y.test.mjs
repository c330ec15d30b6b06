// Browser tests of the built UI (issue #7): Debian's Chromium driven by playwright-core, the
// shell's IPC played by fixtures (mock-ipc.js), and an axe-core audit of every view, in light and
// dark, in English and Russian: no serious or critical violation (WCAG 2.2 A and AA rules).
// Keyboard: "/" focuses search, the list's rows move with the arrow keys, and focus is visible.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const DIST = resolve(import.meta.dirname, '../dist');
const MOCK = readFileSync(join(import.meta.dirname, 'mock-ipc.js'), 'utf8');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

/** The views, each reached from the library as a user would. */
const VIEWS = {
  library: async () => {},
  new: async (p) => p.click('.view-button[data-view=new]'),
  search: async (p) => { await p.keyboard.press('/'); await p.keyboard.type('harm reduction'); await p.waitForSelector('.search-hit'); },
  reader: async (p) => { await p.click('li.doc-row[data-index="0"] .doc-title'); await p.waitForSelector('#reader-title'); await p.waitForSelector('.attachment'); },
  collection: async (p) => { await p.click('.view-button[data-collection="1"]'); await p.waitForSelector('.collection-item'); },
  settings: async (p) => { await p.click('[data-testid=open-settings]'); await p.waitForSelector('[data-testid=content-languages] li'); },
};

describe('the UI in a browser, IPC mocked', { timeout: 240000 }, () => {
  let server, base, browser;
  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'build the UI first (npm run build)');
    assert.ok(existsSync(CHROMIUM), `Chromium at ${CHROMIUM} (make installs Debian's chromium)`);
    server = createServer((req, res) => {
      const path = join(DIST, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      const file = path.startsWith(DIST) && existsSync(path) && !path.endsWith('/') ? path : join(DIST, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function page(locale, colorScheme) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme, locale });
    const p = await context.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.addInitScript(`window.__MOCK_LOCALE__ = ${JSON.stringify(locale)};\n${MOCK}`);
    await p.goto(base);
    await p.waitForSelector('li.doc-row');
    return { p, errors };
  }

  for (const [locale, scheme] of [['en', 'light'], ['en', 'dark'], ['ru', 'light'], ['ru', 'dark']]) {
    it(`every view passes axe in ${locale}, ${scheme}`, async () => {
      const { p, errors } = await page(locale, scheme);
      const found = {};
      for (const [name, reach] of Object.entries(VIEWS)) {
        await p.goto(base);
        await p.waitForSelector('li.doc-row');
        await reach(p);
        await p.waitForTimeout(150);
        await p.addScriptTag({ content: AXE });
        const { passed, serious, minor } = await p.evaluate(async () => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
          const describe = (v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`;
          return {
            passed: r.passes.length,
            serious: r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(describe),
            minor: r.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map(describe),
          };
        });
        assert.ok(passed > 15, `axe evaluated the ${name} view (${passed} rules passed)`);
        if (minor.length) console.log(`# ${name} ${locale} ${scheme}, moderate or minor: ${minor.join('; ')}`);
        if (serious.length) found[name] = serious;
        await p.screenshot({ path: resolve(import.meta.dirname, `../../target/e2e/a11y-${name}-${locale}-${scheme}.png`) });
      }
      assert.deepEqual(found, {}, 'serious or critical accessibility violations');
      assert.deepEqual(errors, [], 'no script errors');
      await p.context().close();
    });
  }

  it('a reload that fails is said above the open document, which stays open', async () => {
    const { p, errors } = await page('en', 'light');
    await p.click('li.doc-row[data-index="0"] .doc-title');
    await p.waitForSelector('#reader-title');
    await p.evaluate(() => {
      const storage = { code: 'storage', message: 'The library could not be read.' };
      window.__MOCK_FAIL__ = { library_page: storage, library_facets: storage };
    });
    // Adding the document to a collection reloads the list and the sidebar: both fail.
    await p.click('input[data-collection="1"]');
    await p.waitForSelector('[data-testid=reload-failure]');
    assert.equal(await p.textContent('[data-testid=reload-failure] p'), 'The library could not be read.');
    assert.equal(await p.locator('#reader-title').count(), 1, 'the reader is still open');
    await p.click('[data-testid=reload-failure] button');
    assert.equal(await p.locator('[data-testid=reload-failure]').count(), 0, 'Close dismisses the notice');
    assert.deepEqual(errors, [], 'no script errors');
    await p.context().close();
  });

  it('an attachment whose bytes are not an openable document shows its real type and can only be saved', async () => {
    const { p, errors } = await page('en', 'light');
    await p.click('li.doc-row[data-index="0"] .doc-title');
    await p.waitForSelector('.attachment');
    const rows = await p.locator('li.attachment').all();
    assert.equal(rows.length, 3);
    // The PDF that is a PDF: its type shown, Open offered.
    assert.equal(await rows[0].locator('[data-testid=real-type]').textContent(), 'PDF');
    assert.equal(await rows[0].getByRole('button', { name: 'Open' }).count(), 1);
    // "Agenda (PDF)" whose bytes are a web page: HTML shown, no Open, said why, Save kept.
    assert.equal(await rows[2].locator('[data-testid=real-type]').textContent(), 'HTML');
    assert.equal(await rows[2].getByRole('button', { name: 'Open' }).count(), 0, 'no Open for a file that is not an allowed document');
    assert.match(await rows[2].locator('[data-testid=save-only]').textContent(), /only save a copy/);
    assert.equal(await rows[2].locator('[data-testid=save-copy]').isEnabled(), true);
    assert.deepEqual(errors, [], 'no script errors');
    await p.context().close();
  });

  it('where each document came from is shown in the list, the search results and the reader', async () => {
    const { p, errors } = await page('en', 'light');
    // Row 1 is from an unverified website over http; row 0 is the network's and carries no mark.
    assert.equal(await p.textContent('li.doc-row[data-index="1"] .provenance'), 'Unverified website, not encrypted');
    assert.equal(await p.locator('li.doc-row[data-index="0"] .provenance').count(), 0);
    await p.fill('#search', 'harm reduction');
    await p.waitForSelector('.search-results[data-answered="harm reduction"] li.search-hit');
    assert.equal(await p.textContent('li.search-hit[data-doc-id="doc-1"] .provenance'), 'Unverified website, not encrypted');
    await p.click('li.search-hit[data-doc-id="doc-0"] .doc-title');
    await p.waitForSelector('[data-testid=provenance]');
    assert.equal(await p.textContent('[data-testid=provenance]'), 'From INPUD: verified with the network’s signature.');
    assert.deepEqual(errors, [], 'no script errors');
    await p.context().close();
  });

  it('a proxy the app cannot use is said in words and not saved; a good one is saved', async () => {
    const { p, errors } = await page('en', 'light');
    await p.click('[data-testid=open-settings]');
    await p.waitForSelector('[data-testid=proxy]');
    const saved = () => p.evaluate(() => window.__MOCK_CALLS__.filter((c) => c.cmd === 'settings_set').map((c) => c.args.settings.proxy));
    await p.fill('[data-testid=proxy]', '127.0.0.1:9050');
    await p.press('[data-testid=proxy]', 'Tab');
    await p.waitForSelector('[data-testid=proxy-error]');
    assert.match(await p.textContent('[data-testid=proxy-error]'), /This is not a proxy address the app can use/, 'said beside the field');
    assert.deepEqual(await saved(), [], 'nothing was saved');
    await p.fill('[data-testid=proxy]', 'socks5h://127.0.0.1:9050');
    await p.press('[data-testid=proxy]', 'Tab');
    await p.waitForFunction(() => window.__MOCK_CALLS__.some((c) => c.cmd === 'settings_set'));
    assert.deepEqual(await saved(), ['socks5h://127.0.0.1:9050']);
    assert.deepEqual(errors, [], 'no script errors');
    await p.context().close();
  });

  it('a keystroke sends its search once; a failed search is said, and the next answer replaces it', async () => {
    const { p, errors } = await page('en', 'light');
    const searches = () => p.evaluate(() => window.__MOCK_CALLS__.filter((c) => c.cmd === 'library_search').map((c) => c.args.query.text));
    await p.evaluate(() => { window.__MOCK_FAIL__ = { library_search: { code: 'internal', message: '' } }; });
    await p.fill('#search', 'harm');
    await p.waitForSelector('.search-results [role=alert]');
    assert.equal(await p.textContent('.search-results [role=alert]'), 'Something went wrong inside Peer Library. Try again; nothing in your library has been changed.');
    assert.deepEqual(await searches(), ['harm'], 'sent once, not again when the results view appears');
    await p.evaluate(() => { window.__MOCK_FAIL__ = {}; });
    await p.fill('#search', 'harm reduction');
    await p.waitForSelector('.search-results[data-answered="harm reduction"] li.search-hit');
    assert.equal(await p.locator('.search-results [role=alert]').count(), 0, 'the answer replaced the failure');
    assert.deepEqual(await searches(), ['harm', 'harm reduction']);
    assert.deepEqual(errors, [], 'no script errors');
    await p.context().close();
  });

  it('keyboard: "/" searches, arrows move through the virtualised list, focus is visible', async () => {
    const { p } = await page('en', 'light');
    const rendered = await p.locator('li.doc-row').count();
    assert.ok(rendered < 60, `only the rows in view are in the DOM (${rendered} of 300)`);
    await p.focus('li.doc-row[data-index="0"] .doc-title');
    for (let i = 0; i < 25; i++) await p.keyboard.press('ArrowDown');
    const focused = await p.evaluate(() => document.activeElement?.closest('li')?.dataset.index);
    assert.equal(focused, '25', 'ArrowDown moved focus 25 rows, scrolling as it went');
    await p.keyboard.press('End');
    assert.equal(await p.evaluate(() => document.activeElement?.closest('li')?.dataset.index), '299', 'End reaches the last of 300');
    const outline = await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused row shows where focus is');
    // Enter opens the document; back in the library, the list is where the reader left it.
    const before = await p.evaluate(() => document.querySelector('[data-testid=library-scroller]').scrollTop);
    assert.ok(before > 10000, `scrolled to the end (${before})`);
    await p.keyboard.press('Enter');
    await p.waitForSelector('#reader-title');
    await p.click('button.back');
    await p.waitForSelector('li.doc-row');
    const after = await p.evaluate(() => document.querySelector('[data-testid=library-scroller]').scrollTop);
    assert.equal(after, before, 'coming back from the reader keeps the place in the list');
    await p.keyboard.press('Home');
    await p.keyboard.press('/');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'search', '"/" focuses search');
    await p.context().close();
  });
});
