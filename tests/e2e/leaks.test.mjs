// Nothing leaks sideways (#18 item 7): a title, a note, a collection's name, a search and a
// followed feed's address, each holding a marker word, go through the real app (a sync that
// fails on that feed, the search typed in the window, the document opened) and then through
// `peerlib sync`, `status` and `search` on the same data folder. Afterwards no marker is in
// anything the app or `peerlib` printed to its logs (standard error; the app's standard output
// too), nor in any file they wrote outside the two databases, their backups and the attachments:
// the sync log, the webview's storage and caches, every other file under the app's XDG folders,
// which the test points at a fresh folder. (The databases hold these words by design; #18 item 1
// is what would protect them.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { networkToml, publisher, serve } from './feed.mjs';
import { Session, freePort, startDriver, until, invoke } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const PEERLIB = process.env.PEERLIB_BINARY;
const MARKERS = {
  title: 'markertitle5501',
  note: 'markernote5502',
  collection: 'markercollection5503',
  query: 'markerquery5504',
  feed: 'markerfeed5505',
};
const XDG = ['XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME'];
/** A command's answer, which must not be an error. */
async function call(s, cmd, args) {
  const r = await s.executeAsync(invoke(cmd, args));
  assert.ok(!(r && typeof r === 'object' && 'error' in r), `${cmd}: ${JSON.stringify(r)}`);
  return r;
}

/** Waits until no sync is running; the status then. */
const idle = (s, what) => until(async () => {
  const st = await call(s, 'sync_status', {});
  return st.running ? null : st;
}, what, 60000);

/** Every file under `dir` (links not followed), as [path relative to `dir`, bytes]. */
function filesUnder(dir, top = dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) return filesUnder(p, top);
    return st.isFile() ? [[relative(top, p), readFileSync(p)]] : [];
  });
}

/** The data folder's files that hold the library and the personal data by design. */
const isStore = (rel) => /^(content|user)\.db(-wal|-shm|-journal)?$/.test(rel) || rel.startsWith('backups/') || rel.startsWith('attachments/');

function markersIn(what, bytes) {
  return Object.values(MARKERS).filter((m) => bytes.includes(Buffer.from(m))).map((m) => `${m} in ${what}`);
}

describe('nothing leaks sideways', { timeout: 240000 }, () => {
  let driver, server, feed, home, saved;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    feed = publisher();
    feed.write('leak', `Statement ${MARKERS.title}`);
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    process.env.PEERLIB_NETWORK = networkToml(feed, server.url);
    // Everything the app keeps in the user's folders lands here: the data folder (the default
    // one, under XDG_DATA_HOME) and the webview's storage and caches.
    home = mkdtempSync(join(tmpdir(), 'peerlib-leaks-'));
    saved = Object.fromEntries([...XDG, 'PEERLIB_DATA_DIR'].map((k) => [k, process.env[k]]));
    for (const k of XDG) process.env[k] = join(home, k.toLowerCase());
    delete process.env.PEERLIB_DATA_DIR;
    driver = await startDriver({ capture: true });
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
    for (const [k, v] of Object.entries(saved ?? {})) v === undefined ? delete process.env[k] : (process.env[k] = v);
  });

  it('no marker in any log, printed message or file but the databases', async () => {
    // The app is started through a script that keeps everything it prints (WebKitWebDriver
    // does not pass the browser's output on).
    const printedFile = join(home, 'app-output.txt');
    const wrapper = join(home, 'peer-library.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho started >> '${printedFile}'\nexec '${APP}' "$@" >> '${printedFile}' 2>&1\n`);
    chmodSync(wrapper, 0o755);
    const s = await Session.start(driver.base, wrapper, ['--lang', 'en']);
    const dataDir = join(home, 'xdg_data_home', 'org.peerlibrary.desktop');
    // A port nothing listens on: the feed's sync fails, and a failure's detail names its address.
    const feedUrl = `http://127.0.0.1:${await freePort()}/${MARKERS.feed}/feed.xml`;
    try {
      const row = `li.doc-row[data-doc-id="leak"] .doc-title`;
      await until(async () => (await s.execute(`return document.querySelector(${JSON.stringify(row)})?.textContent ?? null`))?.includes(MARKERS.title) || null, 'the document synced', 60000);
      assert.equal(await call(s, 'feed_add', { url: feedUrl, publicKey: null }), true);
      await call(s, 'note_set', { id: 'leak', text: `${MARKERS.note} for the ministry` });
      const c = await call(s, 'collection_create', { name: MARKERS.collection });
      await call(s, 'collection_item_set', { id: c, document: 'leak', on: true });
      await idle(s, 'the first sync to end');
      await call(s, 'sync_now', { allowMassDelete: false });
      const st = await until(async () => {
        const x = await call(s, 'sync_status', {});
        return !x.running && x.last_attempt?.sources.some((r) => r.outcome === 'failed') ? x : null;
      }, 'the sync with the feed that fails', 60000);
      assert.equal(st.last_attempt.sources.length, 2, JSON.stringify(st.last_attempt));

      const box = await s.find('#search');
      await s.cmd('POST', `/element/${box}/value`, { text: MARKERS.query });
      await until(async () => (await s.execute("return !!document.querySelector('[data-testid=search-none]')")) || null, 'the search done');
      await s.execute("const b = document.querySelector('#search'); b.value = ''; b.dispatchEvent(new Event('input', { bubbles: true }));");
      await until(async () => (await s.execute(`return document.querySelector(${JSON.stringify(row)}) !== null`)) || null, 'the list back');
      await s.click(row);
      await until(async () => (await s.execute("return document.querySelector('#reader-title')?.textContent ?? ''")).includes(MARKERS.title) || null, 'the document open');
    } finally {
      await s.close();
    }
    await until(async () => spawnSync('pgrep', ['-f', APP]).status !== 0 || null, 'the app to quit', 20000);

    // The same data folder from the terminal: what `peerlib` prints to standard error (its
    // messages and errors) names nothing either. Standard output is what was asked for.
    const cli = (...args) => spawnSync(PEERLIB, ['--data-dir', dataDir, '--lang', 'en', ...args], { encoding: 'buffer' });
    const printed = [];
    for (const args of [['sync'], ['status'], ['search', MARKERS.query], ['search', MARKERS.title]]) {
      const r = cli(...args);
      assert.ok(r.status !== null, `peerlib ${args.join(' ')} ran`);
      printed.push([`peerlib ${args[0]}'s standard error`, r.stderr]);
    }
    const status = cli('status');
    assert.ok(status.stdout.includes(Buffer.from(MARKERS.feed)), 'peerlib status still lists the feed (from the library)');
    assert.ok(/did not complete/.test(status.stdout.toString()), `the failed sync is reported: ${status.stdout}`);

    const files = filesUnder(home).filter(([rel]) => rel !== 'app-output.txt');
    assert.ok(files.some(([rel]) => rel.endsWith('org.peerlibrary.desktop/sync-log.json')), `the sync log is where the test looks: ${files.map(([r]) => r)}`);
    assert.ok(files.some(([rel]) => rel.endsWith('org.peerlibrary.desktop/user.db')), 'the data folder is the default one');
    // Each marker is where it belongs (so the test can see them): the note, the collection and
    // the followed feed in user.db, the title in content.db (each file with its WAL).
    const db = (name) => Buffer.concat(files.filter(([rel]) => rel === `xdg_data_home/org.peerlibrary.desktop/${name}` || rel === `xdg_data_home/org.peerlibrary.desktop/${name}-wal`).map(([, b]) => b));
    for (const m of [MARKERS.note, MARKERS.collection, MARKERS.feed]) assert.ok(db('user.db').includes(Buffer.from(m)), `${m} in user.db`);
    assert.ok(db('content.db').includes(Buffer.from(MARKERS.title)), 'the title in content.db');

    const appPrinted = readFileSync(printedFile);
    assert.ok(appPrinted.toString().startsWith('started\n'), 'the app was started through the script that keeps its output');
    const found = [
      ...markersIn("the app's output", appPrinted),
      ...markersIn("the driver's output", driver.output()),
      ...printed.flatMap(([what, bytes]) => markersIn(what, bytes)),
      ...files.filter(([rel]) => !(rel.startsWith('xdg_data_home/org.peerlibrary.desktop/') && isStore(relative('xdg_data_home/org.peerlibrary.desktop', rel)))).flatMap(([rel, b]) => markersIn(rel, b)),
    ];
    assert.deepEqual(found, [], 'a marker written in the app was found outside its databases');
  });
});
