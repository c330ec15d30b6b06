// Discreet mode (issue #18 item 4) in the real window: turned on in Settings, the header, the
// native window title (read from the X server, as a window list or a screen reader sees it) and
// the "new documents" notification name nothing and count nothing; sharing with people nearby
// offers no announcement; after a restart it is discreet from the first frame. Turned off again,
// the app's name comes back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { networkToml, publisher, serve } from './feed.mjs';
import { NOTIFIED, Session, startDriver, until, freshDataDir, windowNames } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const ROWS = "return document.querySelectorAll('li.doc-row').length";

describe('discreet mode', { timeout: 240000 }, () => {
  let driver, server, feed;
  before(async () => {
    feed = publisher();
    feed.write('a', 'Déclaration commune');
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    process.env.PEERLIB_NETWORK = networkToml(feed, server.url);
    process.env.PEERLIB_TEST_SHARE_ADDR = '127.0.0.1:0';
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
  });

  it('names nothing in the title, the header and notifications, from the first frame after a restart', async () => {
    const dataDir = freshDataDir();
    let s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'fr']);
    try {
      await until(async () => (await s.text('[data-testid="sync-text"]')).length > 0 || null, 'the window');
      await s.click('[data-testid="sync-now"]');
      await until(async () => ((await s.execute(ROWS)) === 1 ? true : null), 'the first sync');
      assert.ok(windowNames().includes('Peer Library'), `the app's name before: ${windowNames()}`);

      await s.click('[data-testid="open-settings"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=discreet]') !== null")) || null, 'the settings');
      await s.click('[data-testid="discreet"]');
      await until(async () => ((await s.text('[data-testid="brand"]')) === 'Bibliothèque' ? true : null), 'the neutral name in the header');
      await until(async () => (windowNames().includes('Bibliothèque') ? true : null), 'the neutral window title');
      assert.ok(!windowNames().some((n) => n.includes('Peer Library')), `no window is named after the app: ${windowNames()}`);
      await s.screenshot('discreet-settings-fr');

      feed.write('bb', 'Rapport annuel');
      feed.publish();
      await s.click('[data-testid="close-settings"]');
      await s.click('[data-testid="sync-now"]');
      await until(async () => ((await s.execute(ROWS)) === 2 ? true : null), 'the new document');
      const sent = await until(async () => {
        const n = await s.executeAsync(NOTIFIED);
        return n.length ? n : null;
      }, 'the notification');
      assert.deepEqual(sent, ['Nouveaux éléments'], 'no count, no title, no name');

      await s.click('[data-testid="nearby-share"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=nearby-dialog]')?.dataset.step")) === 'choose' || null, 'the sharing panel');
      assert.equal(await s.execute("return document.querySelector('[data-testid=nearby-announce]')"), null, 'no announcement offered');
      assert.match(await s.text('[data-testid="nearby-discreet"]'), /mode discret est activé/);
      await s.screenshot('discreet-nearby-fr');
      await s.click('[data-testid="nearby-close"]');
      // Getting from a laptop nearby asks nothing of the network: the form is there at once.
      await s.click('[data-testid="nearby-get-open"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=nearby-dialog]')?.dataset.step")) === 'found' || null, 'the form');
      assert.equal(await s.execute("return document.querySelector('[data-testid=nearby-look]')"), null, 'no looking in discreet mode');
      await s.click('[data-testid="nearby-close"]');
    } finally {
      await s.close();
    }

    s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'en']);
    try {
      // The header's first text is already the neutral one (the shell says so before any script).
      assert.equal(await s.execute('return window.__PEERLIB_DISCREET__'), true);
      await until(async () => ((await s.text('[data-testid="brand"]')) === 'Library' ? true : null), 'the neutral name after a restart');
      assert.ok(windowNames().includes('Library') && !windowNames().some((n) => n.includes('Peer Library')), `${windowNames()}`);
      await s.screenshot('discreet-en');
      await s.click('[data-testid="open-settings"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=discreet]') !== null")) || null, 'the settings');
      await s.click('[data-testid="discreet"]');
      await until(async () => ((await s.text('[data-testid="brand"]')) === 'Peer Library' ? true : null), "the app's name back in the header");
      await until(async () => (windowNames().includes('Peer Library') ? true : null), "the app's name back in the title");
    } finally {
      await s.close();
    }
  });
});
