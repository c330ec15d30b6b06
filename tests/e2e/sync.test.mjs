// Syncing from the window (issue #5's progress events, #7's sync status): the real app follows a
// network whose signed feed `peerlib serve` publishes on 127.0.0.1 (PEERLIB_NETWORK). "Sync now"
// brings new documents into the open window; a server that is gone is said in the user's
// language, and nothing already there is lost.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { networkToml, publisher, serve } from './feed.mjs';
import { Session, startDriver, until, freshDataDir } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const ROWS = "return document.querySelectorAll('tr.doc-row').length";

describe('sync from the window', { timeout: 180000 }, () => {
  let driver, server, feed;
  before(async () => {
    feed = publisher();
    feed.write('a', 'Déclaration commune');
    feed.write('bb', 'Rapport annuel');
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    process.env.PEERLIB_NETWORK = networkToml(feed, server.url); // the app inherits it through tauri-driver
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
  });

  it('Sync now brings new documents into the open window, and an offline server is explained', async () => {
    const s = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'fr']);
    try {
      await until(async () => (await s.text('[data-testid="sync-text"]')).includes('Pas encore synchronisée') || null, 'the never-synced state');
      assert.equal(await s.execute(ROWS), 0, 'another network: no starter library');
      await s.click('[data-testid="sync-now"]');
      await until(async () => ((await s.execute(ROWS)) === 2 ? true : null), 'the two documents to appear');
      await until(async () => (await s.text('[data-testid="sync-text"]')).startsWith('À jour') || null, 'the up-to-date state');
      await s.screenshot('sync-fr');

      feed.write('ccc', 'Guide de consultation');
      feed.publish();
      await s.click('[data-testid="sync-now"]');
      await until(async () => ((await s.execute(ROWS)) === 3 ? true : null), 'the new document to appear without a restart');

      server.child.kill();
      await new Promise((r) => server.child.once('exit', r));
      await s.click('[data-testid="sync-now"]');
      const text = await until(async () => {
        const t = await s.text('[data-testid="sync-text"]');
        return t.includes('Pas de connexion') ? t : null;
      }, 'the offline message');
      assert.match(text, /continuer à lire/);
      assert.equal(await s.execute('return document.querySelector(".syncbar").dataset.state'), 'failed');
      assert.equal(await s.execute(ROWS), 3, 'nothing already there is lost');
      await s.screenshot('sync-offline-fr');
    } finally {
      await s.close();
    }
  });
});
