// The library keeps itself current (issue #8): the real app with PEERLIB_SYNC_INTERVAL=5 follows
// a feed on 127.0.0.1; a document published while it runs appears in the window with no user
// action, and "1 new document" is asked of the OS exactly once (none for the first import).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { networkToml, publisher, serve } from './feed.mjs';
import { NOTIFIED, Session, startDriver, until, freshDataDir, sleep } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const ROWS = "return document.querySelectorAll('li.doc-row').length";

describe('background sync', { timeout: 180000 }, () => {
  let driver, server, feed;
  before(async () => {
    feed = publisher();
    feed.write('a', 'Déclaration commune');
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    process.env.PEERLIB_NETWORK = networkToml(feed, server.url);
    process.env.PEERLIB_SYNC_INTERVAL = '5';
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
  });

  it('a document published while the app runs appears by itself, with one notification', async () => {
    const s = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'ru']);
    try {
      await until(async () => ((await s.execute(ROWS)) === 1 ? true : null), 'the first background sync', 30000);
      assert.deepEqual(await s.executeAsync(NOTIFIED), [], 'no notification for the first import');
      feed.write('bb', 'Rapport annuel');
      feed.publish();
      await until(async () => ((await s.execute(ROWS)) === 2 ? true : null), 'the new document, with no user action', 30000);
      await sleep(12000); // two more intervals: nothing new, so no more notifications
      const sent = await s.executeAsync(NOTIFIED);
      assert.deepEqual(sent, ['1 новый документ в вашей библиотеке'], 'exactly one, in Russian with its plural');
      // The "new since the last sync" view (where a click on that notification leads) holds it.
      await s.click('.view-button[data-view=new]');
      const fresh = await until(async () => {
        const ids = await s.execute("return [...document.querySelectorAll('li.doc-row')].map((r) => r.dataset.docId)");
        return ids.length === 1 ? ids : null;
      }, 'the new view');
      assert.deepEqual(fresh, ['bb'], 'only what the last sync brought');
      assert.match(await s.text('.view-button[data-view=new]'), /\(1\)/, 'the sidebar counts it');
      await s.screenshot('background-ru');
    } finally {
      await s.close();
    }
  });

  it('a second launch hands over to the running app and exits (single instance)', async () => {
    const dataDir = freshDataDir();
    const s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'en']);
    try {
      await until(async () => ((await s.execute(ROWS)) >= 1 ? true : null), 'the first instance');
      const second = spawn(APP, ['--data-dir', dataDir, '--lang', 'en'], { stdio: 'ignore' });
      const code = await new Promise((resolve) => {
        const timer = setTimeout(() => { second.kill('SIGKILL'); resolve('still running after 20 s'); }, 20000);
        second.on('exit', (c) => { clearTimeout(timer); resolve(c); });
      });
      assert.equal(code, 0, 'the second launch exits at once, leaving the first in charge');
      assert.ok((await s.execute(ROWS)) >= 1, 'the first instance is still there, answering');
    } finally {
      await s.close();
    }
  });
});
