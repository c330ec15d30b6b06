// "Take my data with me" in the real window (#18 item 6): on one laptop a note and a collection
// are exported from Settings, sealed with a passphrase; the file holds neither in the clear. On a
// second app with a fresh data folder and a note of its own, a wrong passphrase is refused in
// words and changes nothing; the right one brings the note and the collection, and its own note
// is still there. The native file dialog cannot be driven by WebDriver: debug builds take the
// chosen file from PEERLIB_TEST_FILE_CHOICE (src-tauri/commands/share.rs).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Session, startDriver, takesFocus, until, freshDataDir, invoke, type } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const DOC = 'c19rm-guide-ru';
async function openSettings(s) {
  await until(async () => (await s.execute("return document.querySelectorAll('li.doc-row').length")) > 0 || null, 'the starter library');
  await s.click('[data-testid="open-settings"]');
  await until(async () => (await s.execute("return document.querySelector('[data-testid=personal-pass]') !== null")) || null, 'the settings');
}

const result = "return document.querySelector('[data-testid=personal-result]')?.textContent ?? null";

describe('personal data taken to another laptop', { timeout: 240000 }, () => {
  let driver, file;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    file = join(freshDataDir(), 'me.peerlib-personal');
    process.env.PEERLIB_TEST_FILE_CHOICE = file;
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    delete process.env.PEERLIB_TEST_FILE_CHOICE;
  });

  it('exports a note and a collection sealed, and imports them into a second app', async () => {
    const a = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'en']);
    try {
      await openSettings(a);
      await a.executeAsync(invoke('note_set', { id: DOC, text: 'marker-note-4410 for the ministry' }));
      const c = await a.executeAsync(invoke('collection_create', { name: 'marker-collection-9920' }));
      await a.executeAsync(invoke('collection_item_set', { id: c, document: DOC, on: true }));
      await type(a, '[data-testid=personal-pass]', 'the passphrase we agreed');
      await type(a, '[data-testid=personal-pass-again]', 'the passphrase we agreed');
      await a.screenshot('personal-export-en');
      await a.click('[data-testid="personal-export"]');
      const said = await until(async () => (await a.execute(result)) || null, 'the export');
      assert.ok(said.includes(file), said);
      const bytes = readFileSync(file);
      for (const marker of ['marker-note-4410', 'marker-collection-9920', DOC]) assert.ok(!bytes.includes(Buffer.from(marker)), `${marker} is in the file in the clear`);
    } finally {
      await a.close();
    }

    const b = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'ru']);
    try {
      await openSettings(b);
      await b.executeAsync(invoke('note_set', { id: DOC, text: 'моя заметка' }));
      await type(b, '[data-testid=personal-pass]', 'the passphrase we forgot');
      await b.click('[data-testid="personal-import"]');
      const refused = await until(async () => (await b.execute(result)) || null, 'the refusal');
      assert.match(refused, /^Эта парольная фраза не открывает файл/, refused);
      assert.deepEqual(await b.executeAsync(invoke('collections_list', {})), [], 'nothing arrived');

      await type(b, '[data-testid=personal-pass]', 'the passphrase we agreed');
      await b.click('[data-testid="personal-import"]');
      const arrived = await until(async () => {
        const t = await b.execute(result);
        return t && t.startsWith('Получено') ? t : null;
      }, 'the import');
      assert.match(arrived, /^Получено заметок: 0 \(рядом с вашими сохранено: 1\)/, arrived);
      await b.screenshot('personal-import-ru');
      const p = await b.executeAsync(invoke('personal_get', { id: DOC }));
      assert.equal(p.note, 'моя заметка\n\n———\n\nmarker-note-4410 for the ministry', 'both notes kept');
      const cols = await b.executeAsync(invoke('collections_list', {}));
      assert.deepEqual(cols.map((x) => [x.name, x.documents]), [['marker-collection-9920', [DOC]]]);
    } finally {
      await b.close();
    }
  });

  it('panic erase: cancelled in its countdown nothing goes; the desktop locked during it nothing goes; let run, no marker is left and the app starts as new', async () => {
    const dataDir = freshDataDir();
    const s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'es']);
    const everything = (dir) => readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? everything(p) : [readFileSync(p)];
    });
    const anywhere = (marker) => everything(dataDir).some((b) => b.includes(Buffer.from(marker)));
    try {
      await openSettings(s);
      await s.executeAsync(invoke('note_set', { id: DOC, text: 'marker-note-6120' }));
      await s.executeAsync(invoke('collection_create', { name: 'marker-collection-6121' }));
      assert.equal(await s.execute("return document.querySelector('[data-testid=erase-open]')"), null, 'not offered until turned on');
      await s.click('[data-testid="panic-erase"]');
      // Offered once the window has read the settings (again after an unlock, in the encrypted run).
      const eraseOffered = () => until(async () => (await s.execute("return document.querySelector('[data-testid=erase-open]') !== null")) || null, 'the erase button');
      await eraseOffered();

      assert.equal(await takesFocus(s, '#search'), true, 'the search box takes the focus before the countdown');
      await s.click('[data-testid="erase-open"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=erase-dialog]')?.dataset.seconds")) === '4' || null, 'the countdown running');
      assert.equal(await s.execute('return document.activeElement?.dataset.testid'), 'erase-cancel', 'Cancel has the focus');
      // The window behind the countdown cannot be used meanwhile (Tab or a click would reach it
      // past the backdrop otherwise): its search box takes no focus.
      assert.equal(await takesFocus(s, '#search'), false, 'the library behind the countdown takes no focus');
      await s.screenshot('erase-countdown-es');
      await s.click('[data-testid="erase-cancel"]');
      await new Promise((r) => setTimeout(r, 6000));
      assert.equal((await s.executeAsync(invoke('personal_get', { id: DOC }))).note, 'marker-note-6120', 'cancelled: nothing erased');
      // On disk in the clear, so that the check after the erase can fail; when the suite runs
      // on encrypted personal data (make test-e2e-encrypted) it must not be readable even now.
      if (process.env.PEERLIB_E2E_PASSPHRASE) assert.ok(!anywhere('marker-note-6120'), 'the note is readable on disk though encrypted');
      else assert.ok(anywhere('marker-note-6120'), 'the note is still on disk');

      // A lock the desktop makes during the countdown (here the screen saver starting; sleep or
      // its lock screen alike) cancels it, also where the page is not reloaded (this data is not
      // encrypted): the countdown reaches its end, and the shell refuses the erase, said.
      await eraseOffered();
      await s.click('[data-testid="erase-open"]');
      await until(async () => (await s.executeAsync(invoke('erase_asked', {}))) === true || null, 'the countdown under way');
      execFileSync('dbus-send', ['--session', '--type=signal', '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:true']);
      if (process.env.PEERLIB_E2E_PASSPHRASE) {
        // Encrypted (make test-e2e-encrypted): locked, the countdown is not shown over the prompt.
        await until(async () => (await s.execute("return document.querySelector('[data-testid=unlock]') !== null")) || null, 'the prompt');
        await new Promise((r) => setTimeout(r, 6000));
        assert.equal(await s.execute("return document.querySelector('[data-testid=erase-dialog]') === null"), true, 'no countdown over the prompt');
        await type(s, '[data-testid=unlock-passphrase]', process.env.PEERLIB_E2E_PASSPHRASE);
        await s.click('[data-testid="unlock-submit"]');
        await until(async () => (await s.execute("return document.querySelectorAll('li.doc-row').length > 0")) || null, 'the library after unlocking', 60000);
      } else {
        await until(async () => (await s.execute("return document.querySelector('[data-testid=erase-refused]') !== null")) || null, 'the erase refused at the countdown\'s end', 15000);
        await s.screenshot('erase-refused-es');
        await s.click('[data-testid="erase-cancel"]');
      }
      assert.equal((await s.executeAsync(invoke('personal_get', { id: DOC }))).note, 'marker-note-6120', 'the desktop locked: nothing erased');

      await eraseOffered();
      await s.click('[data-testid="erase-open"]');
      // The page reloads once the erase is done: the countdown dialog is gone and the window starts over.
      await until(async () => {
        const r = await s.execute("return document.querySelector('[data-testid=erase-dialog]') === null && document.querySelectorAll('li.doc-row').length > 0");
        return r || null;
      }, 'the window after the erase', 20000);
      assert.equal((await s.executeAsync(invoke('personal_get', { id: DOC }))).note, null, 'the note is gone');
      assert.deepEqual(await s.executeAsync(invoke('collections_list', {})), [], 'the collection is gone');
      assert.equal((await s.executeAsync(invoke('settings_get', {}))).panic_erase, false, 'settings start as new');
      for (const m of ['marker-note-6120', 'marker-collection-6121']) assert.ok(!anywhere(m), `${m} is still in a file of the data folder`);
    } finally {
      await s.close();
    }
  });
});
