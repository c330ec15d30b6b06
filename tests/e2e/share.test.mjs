// Passing the library on in the real window (#20): on one laptop, a collection is shared to a
// file; on a second app with a fresh data folder and no server left (offline), the file is
// imported, shown first (from which publisher, what it adds), applied, and its document and
// attachment are there: the attachment's bytes saved from the second laptop are the publisher's.
// The native file dialog cannot be driven by WebDriver: debug builds take the chosen file from
// PEERLIB_TEST_FILE_CHOICE (src-tauri/commands/share.rs).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkToml, publisher, serve } from './feed.mjs';
import { ROOT, Session, startDriver, until, freshDataDir } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const ROWS = "return [...document.querySelectorAll('li.doc-row')].map((r) => r.dataset.docId)";
const PDF = join(ROOT, 'src-tauri/crates/sync/tests/fixtures/three-pages.pdf');

describe('a collection shared to a file and imported on another laptop', { timeout: 300000 }, () => {
  let driver, server, feed, bundle, home;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    feed = publisher();
    feed.write('a', 'Déclaration commune');
    feed.write('bb', 'Rapport annuel');
    mkdirSync(join(feed.dir, 'src', 'files'));
    copyFileSync(PDF, join(feed.dir, 'src', 'files', 'guide.pdf'));
    writeFileSync(
      join(feed.dir, 'src', 'guide.md'),
      '+++\ntitle = "Guide de consultation"\nkind = "guide"\nlanguage = "fr"\npublished = 2026-10-01\nattachments = [ { path = "files/guide.pdf", title = "Guide (PDF)" } ]\n+++\nUn guide.\n',
    );
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    process.env.PEERLIB_NETWORK = networkToml(feed, server.url);
    bundle = join(freshDataDir(), 'meeting.peerlib');
    process.env.PEERLIB_TEST_FILE_CHOICE = bundle;
    // Saved copies of attachments go to HOME's Downloads: a home of the test's own.
    home = freshDataDir();
    process.env.HOME = home;
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
  });

  it('shares a collection, then imports it offline into a fresh app, where its attachment opens', async () => {
    const a = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'en']);
    try {
      await until(async () => (await a.text('[data-testid="sync-text"]')).length > 0 || null, 'the window');
      await a.click('[data-testid="sync-now"]');
      await until(async () => ((await a.execute(ROWS)).length === 3 ? true : null), 'three documents after the sync');
      // A collection holding the guide, made as a person would: named in the sidebar, ticked
      // in the reader.
      await a.execute("const i = document.querySelector('#new-collection'); i.value = 'Meeting with the ministry'; i.dispatchEvent(new Event('input', { bubbles: true }));");
      await a.click('form.new-collection button[type=submit]');
      await until(async () => (await a.execute("return document.querySelector('[data-collection]') !== null")) || null, 'the collection in the sidebar');
      await a.click('[data-view="all"]');
      await until(async () => ((await a.execute(ROWS)).includes('guide') ? true : null), 'the library');
      await a.click('li.doc-row[data-doc-id="guide"] .doc-title');
      await until(async () => (await a.execute("return document.querySelector('input[type=checkbox][data-collection]') !== null")) || null, 'the reader');
      await a.click('input[type=checkbox][data-collection]');
      await until(async () => (await a.execute("return document.querySelector('input[type=checkbox][data-collection]').checked")) || null, 'ticked');
      await a.click('nav.sidebar button[data-collection]');
      await a.click('[data-testid="share-collection"]');
      await until(async () => ((await a.execute("return document.querySelector('[data-testid=share-dialog]')?.dataset.step")) === 'ready' ? true : null), 'the size of the file');
      const size = await a.text('[data-testid="share-size"]');
      assert.match(size, /^1 document and 1 attachment: 0\.1 MB\.$/, size);
      await a.screenshot('share-collection-en');
      await a.click('[data-testid="share-save"]');
      await until(async () => ((await a.execute("return document.querySelector('[data-testid=share-dialog]')?.dataset.step")) === 'saved' ? true : null), 'the file saved');
      assert.ok((await a.text('[data-testid="share-saved"]')).includes(bundle));
      assert.ok(existsSync(bundle), 'the bundle is where it was saved');
      const bytes = readFileSync(bundle);
      for (const secret of ['Meeting with the ministry']) assert.ok(!bytes.includes(Buffer.from(secret)), `${secret} is not in the file`);
    } finally {
      await a.close();
    }

    // The second laptop: no server any more.
    server.child.kill();
    server = null;
    const b = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'fr']);
    try {
      await until(async () => (await b.text('[data-testid="sync-text"]')).length > 0 || null, 'the window');
      assert.equal((await b.execute(ROWS)).length, 0, 'a fresh library of this network is empty');
      await b.click('[data-testid="import-file"]');
      await until(async () => ((await b.execute("return document.querySelector('[data-testid=share-dialog]')?.dataset.step")) === 'preview' ? true : null), 'the file checked and shown');
      const shown = await b.execute("return [...document.querySelectorAll('[data-testid=import-preview] li[data-add]')].map((l) => [l.dataset.add, l.dataset.update, l.dataset.remove, l.textContent])");
      assert.equal(shown.length, 1, JSON.stringify(shown));
      assert.deepEqual(shown[0].slice(0, 3), ['1', '0', '0'], JSON.stringify(shown));
      assert.match(shown[0][3], /signature vérifiée\. Nouveaux : 1 ;/, shown[0][3]);
      await b.screenshot('import-preview-fr');
      await b.click('[data-testid="import-apply"]');
      await until(async () => ((await b.execute("return document.querySelector('[data-testid=share-dialog]')?.dataset.step")) === 'done' ? true : null), 'the import done');
      await b.click('[data-testid="import-show-new"]');
      await until(async () => (JSON.stringify(await b.execute(ROWS)) === '["guide"]' ? true : null), 'the guide, new, in the list');
      await b.click('li.doc-row[data-doc-id="guide"] .doc-title');
      await until(async () => (await b.execute("return document.querySelector('[data-testid=save-copy]') !== null && !document.querySelector('[data-testid=save-copy]').disabled")) || null, 'the attachment held offline');
      await b.click('[data-testid="save-copy"]');
      await until(async () => (await b.execute("return document.querySelector('[data-testid=saved-to]') !== null")) || null, 'the copy saved');
      // Downloads when the desktop names one, else the home folder (commands/library.rs).
      const saved = [join(home, 'Downloads', 'Guide (PDF).pdf'), join(home, 'Guide (PDF).pdf')].find((p) => existsSync(p));
      assert.ok(saved, `a copy saved under ${home}`);
      assert.deepEqual(readFileSync(saved), readFileSync(PDF), 'the publisher’s bytes');
    } finally {
      await b.close();
    }
  });
});

// Sharing with people nearby in the real window: laptop A shares (its address, a code, a QR
// code) while the network's server is gone; laptop B, on a fresh data folder, types the address
// with a wrong code (refused, nothing arrives), then the right one, and gets the library, checked
// with its own keys; A counts one laptop. Both share and sync on 127.0.0.1 only: debug builds
// take the address to share on from PEERLIB_TEST_SHARE_ADDR, and then never send multicast DNS
// (src-tauri/commands/nearby.rs).
describe('the library passed to a laptop nearby over the network', { timeout: 300000 }, () => {
  let driverA, driverB, server;
  const step = "return document.querySelector('[data-testid=nearby-dialog]')?.dataset.step";
  const type = (css, value) => `const i = document.querySelector('${css}'); i.value = ${JSON.stringify(value)}; i.dispatchEvent(new Event('input', { bubbles: true }));`;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    const feed = publisher();
    feed.write('a', 'Déclaration commune');
    feed.write('bb', 'Rapport annuel');
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    process.env.PEERLIB_NETWORK = networkToml(feed, server.url);
    process.env.PEERLIB_TEST_SHARE_ADDR = '127.0.0.1:0';
    driverA = await startDriver();
    driverB = await startDriver({ ownBus: true });
  });
  after(async () => {
    await driverA?.stop();
    await driverB?.stop();
    server?.child.kill();
    delete process.env.PEERLIB_TEST_SHARE_ADDR;
  });

  it('shares from one window and gets it in another, refusing a wrong code', async () => {
    const dataA = freshDataDir();
    const a = await Session.start(driverA.base, APP, ['--data-dir', dataA, '--lang', 'en']);
    let b;
    try {
      await until(async () => (await a.text('[data-testid="sync-text"]')).length > 0 || null, 'the window');
      await a.click('[data-testid="sync-now"]');
      await until(async () => ((await a.execute(ROWS)).length === 2 ? true : null), 'two documents after the sync');
      server.child.kill();
      server = null;

      await a.click('[data-testid="nearby-share"]');
      await until(async () => ((await a.execute(step)) === 'choose' ? true : null), 'the sharing panel');
      await a.click('[data-testid="nearby-start"]');
      await until(async () => ((await a.execute(step)) === 'sharing' ? true : null), 'sharing');
      const address = await a.text('[data-testid="nearby-addresses"] li');
      const code = await a.text('[data-testid="nearby-code"]');
      assert.match(address, /^127\.0\.0\.1:\d+$/, address);
      assert.match(code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/, code);
      assert.ok(await a.execute("return document.querySelectorAll('[data-testid=nearby-qr] rect').length > 100"), 'a QR code is drawn');
      assert.match(await a.text('[data-testid="nearby-taken"]'), /^No laptop has taken anything yet\.$/);
      await a.screenshot('nearby-share-en');

      b = await Session.start(driverB.base, APP, ['--data-dir', freshDataDir(), '--lang', 'es']);
      await until(async () => (await b.text('[data-testid="sync-text"]')).length > 0 || null, 'the second window');
      assert.equal((await b.execute(ROWS)).length, 0, 'a fresh library of this network is empty');
      await b.click('[data-testid="nearby-get-open"]');
      await until(async () => ((await b.execute(step)) === 'found' ? true : null), 'the panel to get from a laptop nearby');
      const wrong = code.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA';
      await b.execute(type('[data-testid=nearby-address]', address));
      await b.execute(type('[data-testid=nearby-code-input]', wrong));
      await b.click('[data-testid="nearby-get"]');
      await until(async () => ((await b.execute(step)) === 'got' ? true : null), 'the wrong code answered');
      assert.match(await b.text('[data-testid="nearby-refused"]'), /^Ese ordenador no comparte con este código\./, 'a wrong code is said as one');
      assert.equal((await b.execute(ROWS)).length, 0, 'nothing arrived with a wrong code');

      await b.click('[data-testid="nearby-close"]');
      await b.click('[data-testid="nearby-get-open"]');
      await until(async () => ((await b.execute(step)) === 'found' ? true : null), 'the panel again');
      await b.execute(type('[data-testid=nearby-address]', address));
      await b.execute(type('[data-testid=nearby-code-input]', code.toLowerCase()));
      await b.screenshot('nearby-get-es');
      await b.click('[data-testid="nearby-get"]');
      await until(async () => ((await b.execute(step)) === 'got' ? true : null), 'the library from the laptop nearby');
      assert.match(await b.text('[data-testid="nearby-got"]'), /^Llegaron 2 documentos nuevos/);
      await until(async () => ((await b.execute(ROWS)).length === 2 ? true : null), 'two documents in the second laptop');

      await until(async () => ((await a.execute("return document.querySelector('[data-testid=nearby-taken]')?.dataset.laptops")) === '1' ? true : null), 'one laptop counted');
      assert.match(await a.text('[data-testid="nearby-taken"]'), /^1 laptop took 2 documents and 0 attachments\.$/);
      await a.screenshot('nearby-taken-en');
      await a.click('[data-testid="nearby-stop"]');
      await until(async () => ((await a.execute(step)) === 'ended' ? true : null), 'sharing stopped');
      await assert.rejects(fetch(`http://${address}/${code.replace('-', '')}/manifest.json`), 'nothing answers once stopped');

      // Closing the panel stops sharing too, and its folder goes.
      await a.click('[data-testid="nearby-close"]');
      await a.click('[data-testid="nearby-share"]');
      await until(async () => ((await a.execute(step)) === 'choose' ? true : null), 'the sharing panel again');
      await a.click('[data-testid="nearby-start"]');
      await until(async () => ((await a.execute(step)) === 'sharing' ? true : null), 'sharing again');
      const again = `http://${await a.text('[data-testid="nearby-addresses"] li')}/${(await a.text('[data-testid="nearby-code"]')).replace('-', '')}/manifest.json`;
      assert.equal((await fetch(again)).status, 200, 'shared');
      assert.ok(readdirSync(dataA).some((f) => f.startsWith('share-')), 'the shared folder is there while sharing');
      await a.click('[data-testid="nearby-close"]');
      await until(async () => (await fetch(again).then(() => null, () => true)), 'nothing answers once the panel is closed');
      await until(async () => (!readdirSync(dataA).some((f) => f.startsWith('share-')) ? true : null), 'the shared folder removed');
    } finally {
      await b?.close();
      await a.close();
    }
  });
});
