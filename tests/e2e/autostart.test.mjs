// Issue #8: "start in the background at login" (tauri-plugin-autostart). With HOME pointed at a
// scratch folder, turning the setting on in the window writes the XDG autostart entry that starts
// the app hidden (--background); turning it off removes it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, startDriver, until, freshDataDir } from './webdriver.mjs';

const APP = process.env.APP_BINARY;

describe('start at login', { timeout: 120000 }, () => {
  let driver;
  const home = mkdtempSync(join(tmpdir(), 'peerlib-home-'));
  const autostart = join(home, '.config', 'autostart');
  const entries = () => (existsSync(autostart) ? readdirSync(autostart).filter((f) => f.endsWith('.desktop')) : []);
  before(async () => {
    process.env.HOME = home;
    driver = await startDriver();
  });
  after(async () => driver && (await driver.stop()));

  it('the setting writes and removes the login entry, which starts the app in the background', async () => {
    const s = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'en']);
    try {
      await s.click('[data-testid=open-settings]');
      await until(async () => (await s.execute("return !!document.querySelector('[data-testid=autostart]')")), 'the settings');
      assert.deepEqual(entries(), [], 'nothing before the user asks');
      await s.click('[data-testid=autostart]');
      const [file] = await until(async () => (entries().length === 1 ? entries() : null), 'the autostart entry');
      const text = readFileSync(join(autostart, file), 'utf8');
      assert.match(text, /^Exec=.*peer-library.*--background/m, `it starts the app hidden: ${text}`);
      assert.equal(await s.execute("return document.querySelector('[data-testid=autostart]').checked"), true);
      await s.click('[data-testid=autostart]');
      await until(async () => entries().length === 0, 'the entry to be removed');
    } finally {
      await s.close();
    }
  });
});
