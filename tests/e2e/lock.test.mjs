// Encrypted personal data in the real window (#18 items 1-3): a note and a collection written,
// the data encrypted from Settings (the forgotten-passphrase warning on screen before), after
// which no file of the data folder holds them in the clear. "Lock" leaves only the unlock
// prompt: the window's text, its title and every command hold no title, note or collection; a
// wrong passphrase is refused in words and changes no file; the right one brings everything back.
// Started again (in French) the app opens on the prompt, and the passphrase opens the library.
// Then it locks by itself: asked by `peerlib lock`, when logind says the laptop goes to sleep
// (on a stand-in system bus the test runs), when the screen saver starts (on the session bus),
// and after the idle time chosen in Settings with no key press or click (its minute shortened to
// seconds in this debug build, PEERLIB_TEST_MINUTE_MS), but not while a document is read, its
// keys pressed in the reader's frame, which the page never sees.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Session, startDriver, until, freshDataDir, invoke, type, windowNames } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const DOC = 'c19rm-guide-ru';
const MARKERS = ['markernote3318', 'markercollection3319'];
const PASS = 'a passphrase for the border';
/** The idle lock's minute, shortened for the test (PEERLIB_TEST_MINUTE_MS). */
const MINUTE = 10_000;
/** Every file under `dir` with its bytes. */
function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push([p, readFileSync(p)]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

const markerIn = (dir) => files(dir).flatMap(([p, b]) => MARKERS.filter((m) => b.includes(Buffer.from(m))).map((m) => `${m} in ${p}`));
const rows = "return document.querySelectorAll('li.doc-row').length";
const unlockShown = "return document.querySelector('[data-testid=unlock]') !== null";

/** A bus of the test's own to stand in for the system bus (logind's signals are sent on it). */
async function standInSystemBus() {
  const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise((resolve, reject) => {
    daemon.stdout.once('data', (d) => resolve(String(d).trim()));
    daemon.once('error', reject);
  });
  return { daemon, address };
}

/** Give the window titled "Peer Library" the keyboard (real X focus), once it is so titled. */
async function focusWindow() {
  const named = () => {
    try {
      return execFileSync('xdotool', ['search', '--name', '^Peer Library$'], { encoding: 'utf8' }).trim().split('\n')[0] || null;
    } catch {
      return null; // none yet: xdotool exits 1
    }
  };
  const win = await until(named, 'the window titled "Peer Library"');
  execFileSync('xdotool', ['windowfocus', '--sync', win]);
}

async function unlockWith(s, pass) {
  await type(s, '[data-testid=unlock-passphrase]', pass);
  await s.click('[data-testid="unlock-submit"]');
  await until(async () => (await s.execute(rows)) > 0 || null, 'the library after unlocking', 60000);
}

describe('encrypted personal data, locked and unlocked', { timeout: 420000 }, () => {
  let driver, bus;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    bus = await standInSystemBus();
    process.env.DBUS_SYSTEM_BUS_ADDRESS = bus.address;
    // The idle lock's minute lasts MINUTE ms in these apps (debug builds only: src-tauri/lib.rs).
    process.env.PEERLIB_TEST_MINUTE_MS = String(MINUTE);
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    bus?.daemon.kill();
    delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
    delete process.env.PEERLIB_TEST_MINUTE_MS;
  });

  it('encrypts from Settings, locks to a prompt that shows nothing, and opens only with the passphrase', async () => {
    const data = freshDataDir();
    const a = await Session.start(driver.base, APP, ['--data-dir', data, '--lang', 'en']);
    let title;
    try {
      await until(async () => (await a.execute(rows)) > 0 || null, 'the starter library');
      title = await a.execute("return document.querySelector('li.doc-row')?.textContent ?? ''");
      await a.executeAsync(invoke('note_set', { id: DOC, text: `${MARKERS[0]} met the ministry` }));
      const c = await a.executeAsync(invoke('collection_create', { name: MARKERS[1] }));
      await a.executeAsync(invoke('collection_item_set', { id: c, document: DOC, on: true }));
      assert.ok(markerIn(data).length > 0, 'the markers are in the data folder to be found before');
      assert.equal(await a.execute("return document.querySelector('[data-testid=lock-now]')"), null, 'no Lock while nothing is encrypted');

      await a.click('[data-testid="open-settings"]');
      await until(async () => (await a.execute("return document.querySelector('[data-testid=encryption-on]') !== null")) || null, 'the encryption section');
      const warning = await a.text('[data-testid=encryption-forgotten]');
      assert.match(warning, /nobody can recover your personal data/);
      assert.match(warning, /can be synced again/);
      await type(a, '[data-testid=encryption-new]', PASS);
      await type(a, '[data-testid=encryption-again]', PASS + ' typo');
      await a.click('[data-testid="encryption-on"]');
      const mismatch = await until(async () => (await a.execute("return document.querySelector('[data-testid=encryption-result]')?.textContent ?? null")) || null, 'the mismatch');
      assert.match(mismatch, /differ/);
      await type(a, '[data-testid=encryption-new]', PASS);
      await type(a, '[data-testid=encryption-again]', PASS);
      await a.execute("document.querySelector('[data-testid=encryption-on]').scrollIntoView({ block: 'center' }); return true;");
      await a.screenshot('encryption-settings-en');
      await a.click('[data-testid="encryption-on"]');
      const done = await until(async () => {
        const t = await a.execute("return document.querySelector('[data-testid=encryption-result]')?.textContent ?? null");
        return t && t.includes('encrypted') ? t : null;
      }, 'the encryption', 60000);
      assert.match(done, /Your personal data is encrypted/);
      assert.deepEqual(markerIn(data), [], 'no marker readable in any file of the data folder');
      assert.ok(existsSync(join(data, 'user.encryption')));

      // The library too: its titles no longer readable in the folder, nor its attachments' bytes.
      const shownTitle = 'INPUD annual report 2020';
      assert.ok(title.includes(shownTitle), `the starter library's first line: ${title}`);
      const inLibrary = () => files(data).filter(([p, b]) => !p.includes('/attachments/') && b.includes(Buffer.from(shownTitle))).map(([p]) => p);
      assert.ok(inLibrary().length > 0, `the title "${shownTitle}" is in content.db to be found before`);
      const plainAttachments = () => readdirSync(join(data, 'attachments')).filter((n) => /^[0-9a-f]{64}$/.test(n));
      assert.ok(plainAttachments().length > 0, 'the starter attachments are held');
      const deck = readFileSync(join(data, 'attachments', plainAttachments()[0]));
      const slice = deck.subarray(Math.floor(deck.length / 2), Math.floor(deck.length / 2) + 64);
      assert.match(await a.text('[data-testid=library-encryption-state]'), /is not encrypted/);
      await a.click('[data-testid="library-encryption"]');
      await until(async () => {
        const t = await a.execute("return document.querySelector('[data-testid=encryption-result]')?.textContent ?? null");
        return t && t.includes('library is encrypted') ? t : null;
      }, 'the library encrypted', 60000);
      assert.match(await a.text('[data-testid=library-encryption-state]'), /is encrypted too/);
      await a.screenshot('library-encryption-en');
      assert.deepEqual(inLibrary(), [], 'the title readable in a file of the library');
      assert.deepEqual(plainAttachments(), [], 'an attachment under its public hash');
      assert.deepEqual(files(data).filter(([, b]) => b.includes(slice)).map(([p]) => p), [], "an attachment's bytes readable in a file");

      // A wrong current passphrase in Settings: refused, counted as at the prompt, and the wait
      // it puts on the next check said there (the button would otherwise seem stuck).
      await type(a, '[data-testid=encryption-current]', 'a guess at the passphrase');
      await type(a, '[data-testid=encryption-new]', `${PASS} anew`);
      await type(a, '[data-testid=encryption-again]', `${PASS} anew`);
      await a.click('[data-testid="encryption-change"]');
      const refusal = await until(async () => (await a.execute("return document.querySelector('[data-testid=encryption-result]')?.textContent ?? null")) || null, 'the refusal in Settings');
      assert.equal(refusal, 'That is not the passphrase. Nothing was changed; try again.');
      const settingsWait = await until(async () => (await a.execute("return document.querySelector('[data-testid=encryption-wait]')?.textContent ?? null")) || null, 'the wait said in Settings');
      assert.equal(settingsWait, 'Wrong passphrases were typed: the next one is checked after 1 second.');
      await a.execute("document.querySelector('[data-testid=encryption-wait]').scrollIntoView({ block: 'center' }); return true;");
      await a.screenshot('encryption-wait-en');
      // Counted down: gone once the second has passed.
      await until(async () => (await a.execute("return document.querySelector('[data-testid=encryption-wait]') === null")) || null, 'the wait counted down');

      // Lock: only the prompt, in the neutral name; nothing personal or from the library. The
      // copies of attachments handed to other programs (which tell what was read) go too, and so
      // does a download a sync cut short (kept plain to be resumed).
      mkdirSync(join(data, 'attachments', 'open'), { recursive: true });
      writeFileSync(join(data, 'attachments', 'open', `${'a'.repeat(64)}.pdf`), 'an opened copy');
      const partial = join(data, 'attachments', `${'b'.repeat(64)}.part`);
      writeFileSync(partial, 'the first half of a deck');
      await until(async () => (await a.execute("return document.querySelector('[data-testid=lock-now]') !== null")) || null, 'the Lock button');
      await a.click('[data-testid="lock-now"]');
      await until(async () => (await a.execute(unlockShown)) || null, 'the unlock prompt');
      assert.ok(!existsSync(join(data, 'attachments', 'open')), 'the opened copies are gone');
      assert.ok(!existsSync(partial), 'the download cut short is gone');
      const text = await a.execute('return document.body.innerText');
      for (const m of [...MARKERS, title.trim().slice(0, 20)]) assert.ok(!text.includes(m), `${m} on the locked window: ${text}`);
      assert.equal(await a.cmd('GET', '/title'), 'Library', 'the locked page names nothing');
      // The native title too, as a taskbar or a window switcher shows it (read from the X server).
      await until(() => (windowNames().includes('Library') && !windowNames().some((n) => n.includes('Peer Library'))) || null, 'the window titled "Library"');
      const refused = await a.executeAsync(invoke('collections_list', {}));
      assert.equal(refused.error?.code, 'locked', JSON.stringify(refused));
      await a.screenshot('locked-en');

      // A wrong passphrase: said, and no file changed but the count of wrong passphrases, kept
      // for the next unlock to say (peerlib_store::tries).
      const record = join(data, 'user.wrong-passphrases');
      const kept = ([p]) => !p.endsWith('.lock') && p !== record;
      const before = files(data).filter(kept);
      await type(a, '[data-testid=unlock-passphrase]', 'not the passphrase at all');
      await a.click('[data-testid="unlock-submit"]');
      const wrong = await until(async () => (await a.execute("return document.querySelector('[data-testid=unlock-error]')?.textContent ?? null")) || null, 'the refusal');
      assert.match(wrong, /That is not the passphrase. Nothing was changed/);
      assert.deepEqual(files(data).filter(kept), before, 'a wrong passphrase changed nothing');
      assert.match(readFileSync(record, 'utf8'), /^2 \d+\n$/, "this wrong passphrase counted after Settings', and nothing else kept");
      // The next try waits two seconds, and the prompt says so rather than seem stuck (then
      // counts it down).
      const waits = await until(async () => (await a.execute("return document.querySelector('[data-testid=unlock-wait]')?.textContent ?? null")) || null, 'the wait said');
      assert.match(waits, /^Wrong passphrases were typed: the next one is checked after (2 seconds|1 second)\.$/);
      assert.ok(await a.execute(unlockShown), 'still locked');

      await type(a, '[data-testid=unlock-passphrase]', PASS);
      await a.click('[data-testid="unlock-submit"]');
      await until(async () => (await a.execute(rows)) > 0 || null, 'the library after unlocking', 60000);
      // Said once unlocked: someone may have tried while the laptop was out of the user's hands.
      const tried = await until(async () => (await a.execute("return document.querySelector('[data-testid=wrong-passphrases]')?.textContent ?? null")) || null, 'the wrong passphrase said');
      assert.match(tried, /^Since your personal data was last unlocked, a wrong passphrase was typed 2 times, the last time on .+ 20\d\d.+\. If that was not you, someone may have tried to open it\.$/);
      assert.ok(!existsSync(record), 'the count goes once said');
      await a.screenshot('wrong-passphrases-en');
      await a.click('[data-testid=recovery] button');
      const personal = await a.executeAsync(invoke('personal_get', { id: DOC }));
      assert.ok(personal.note?.includes(MARKERS[0]), JSON.stringify(personal));
      // With the library encrypted, the reader says what "Open" does: a readable copy for the
      // other program, removed on lock and quit (#18 item 7).
      await a.click('li[data-doc-id="c19rm-guide-en"] button.doc-title');
      const said = await until(async () => (await a.execute("const n = document.querySelector('[data-testid=open-copy]'); if (!n) return null; n.scrollIntoView({ block: 'center' }); return n.textContent;")) || null, 'the note beside Open');
      assert.match(said, /readable copy for the other program, removed when you lock or quit/);
      await a.screenshot('reader-open-copy-en');
    } finally {
      await a.close();
    }

    // Started again: the prompt first (in French), then the library with the passphrase.
    const b = await Session.start(driver.base, APP, ['--data-dir', data, '--lang', 'fr']);
    try {
      await until(async () => (await b.execute(unlockShown)) || null, 'the prompt at start');
      assert.match(await b.text('h1'), /Verrouillé/);
      assert.equal(await b.execute(rows), 0, 'no list behind the prompt');
      await b.click('[data-testid="unlock-forgot"]');
      assert.match(await b.text('[data-testid=unlock-forgot-text]'), /Personne ne peut la retrouver/);
      await b.screenshot('locked-start-fr');
      await unlockWith(b, PASS);
      const cols = await b.executeAsync(invoke('collections_list', {}));
      assert.equal(cols[0]?.name, MARKERS[1]);
      assert.deepEqual(markerIn(data), [], 'still nothing in the clear after a run unlocked');
      assert.ok((await b.execute(rows)) > 0, 'the encrypted library opened with the passphrase');

      // `peerlib lock` from a terminal.
      const said = execFileSync(process.env.PEERLIB_BINARY, ['--data-dir', data, 'lock'], { env: { ...process.env, LANG: 'en_US.UTF-8' } }).toString();
      assert.match(said, /The app is locked/);
      await until(async () => (await b.execute(unlockShown)) || null, 'locked by peerlib lock');
      await unlockWith(b, PASS);

      // The laptop about to sleep (logind, on the system bus).
      execFileSync('dbus-send', [`--bus=${bus.address}`, '--type=signal', '/org/freedesktop/login1', 'org.freedesktop.login1.Manager.PrepareForSleep', 'boolean:true']);
      // Timed out once (2026-12-07, in a full run only; passed alone and in every run since).
      // What the app and the window held then is kept, to tell a lost signal (not locked) from
      // a prompt not shown (locked).
      await until(async () => (await b.execute(unlockShown)) || null, 'locked before sleep').catch(async (e) => {
        const shot = await b.screenshot('lock-sleep-not-shown').catch(() => 'none');
        const status = await b.executeAsync(invoke('lock_status', {})).catch((x) => String(x));
        const page = await b.execute('return document.body.innerText.slice(0, 300)').catch(() => '?');
        throw new Error(`${e.message}; lock_status: ${JSON.stringify(status)}; screenshot: ${shot}; the page: ${JSON.stringify(page)}`);
      });
      await unlockWith(b, PASS);

      // The screen saver starting (the session bus); its end does not lock.
      execFileSync('dbus-send', ['--session', '--type=signal', '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:false']);
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(!(await b.execute(unlockShown)), 'the screen saver ending locks nothing');
      execFileSync('dbus-send', ['--session', '--type=signal', '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:true']);
      await until(async () => (await b.execute(unlockShown)) || null, 'locked with the screen saver');
      await unlockWith(b, PASS);

      // A document open, the keyboard in its frame (real X focus and keys, through XTEST).
      const readInFrame = async () => {
        await until(async () => (await b.execute("return document.querySelector('li.doc-row[data-doc-id] .doc-title') !== null")) || null, 'the list');
        await b.click('li.doc-row[data-doc-id] .doc-title');
        // Seen once (2026-12-06, in a full run only): the click landed and the reader did not
        // open. What the window showed then is kept, to tell why if it comes back.
        await until(async () => (await b.execute("return document.querySelector('iframe.doc-frame') !== null")) || null, 'the document in the reader').catch(async (e) => {
          const shot = await b.screenshot('lock-reader-not-opened').catch(() => 'none');
          const page = await b.execute("return document.querySelector('.app')?.innerText.slice(0, 400) ?? document.body.innerText.slice(0, 400)").catch(() => '?');
          throw new Error(`${e.message}; screenshot: ${shot}; the page: ${JSON.stringify(page)}`);
        });
        await focusWindow();
        await b.click('iframe.doc-frame');
        assert.ok(await b.execute('return document.hasFocus()'), 'the window has the focus');
        assert.equal(await b.execute('return document.activeElement?.tagName'), 'IFRAME', 'the keyboard is in the frame');
      };
      // Ctrl+L there: the frame's keys never reach the page, so the shell takes it from the
      // webview (background/lock_key.rs).
      await readInFrame();
      execFileSync('xdotool', ['key', 'ctrl+l']);
      await until(async () => (await b.execute(unlockShown)) || null, 'locked by Ctrl+L typed in the frame');
      await unlockWith(b, PASS);

      // Idle for the minute chosen in Settings: locked by itself.
      await b.click('[data-testid="open-settings"]');
      await until(async () => (await b.execute("return document.querySelector('[data-testid=lock-idle]') !== null")) || null, 'the idle time in Settings');
      await b.execute("const s = document.querySelector('[data-testid=lock-idle]'); s.value = '1'; s.dispatchEvent(new Event('change', { bubbles: true })); return true;");
      await until(async () => (await b.executeAsync(invoke('settings_get', {}))).lock_idle_minutes === 1 || null, 'the idle time saved');

      // Reading a document past that minute: the keys pressed in its frame never reach the page,
      // but the desktop's idle time (the X server's, here) says someone is there: not locked.
      await b.click('[data-testid="close-settings"]');
      await readInFrame();
      const reading = Date.now();
      // (Three minutes: the page's own count starts at the last click in it, shortly before.)
      while (Date.now() - reading < 3 * MINUTE) {
        execFileSync('xdotool', ['key', 'Down']); // real input, through the XTEST extension
        await new Promise((r) => setTimeout(r, MINUTE / 5));
        assert.ok(!(await b.execute(unlockShown)), `not locked while reading (${Math.round((Date.now() - reading) / 1000)} s)`);
      }
      // Then away: locked by itself.
      await until(async () => (await b.execute(unlockShown)) || null, 'locked after a minute idle', 4 * MINUTE);
    } finally {
      await b.close();
    }
  });

  // "Remove encryption" clicked, then a lock (Ctrl+L) while the data is being made plain: the
  // prompt is shown at once; once the data is plain it says that nothing was locked, and why,
  // and opens the library only when asked (someone who saw "Locked" and walked away does not
  // leave the library on screen). Before 2026-12-07 the prompt stayed, answered by any
  // passphrase, and the user was never told that the data was plain (tests/app/state.rs tests
  // the shell's side).
  it('a lock during a decryption shows the prompt, which then says that nothing was locked', async () => {
    const data = freshDataDir();
    // The starter library, made by the command line, and large attachments, so that making the
    // library plain again lasts seconds (about 1.4 s per 8 MiB in this debug build): long
    // enough to lock during it.
    execFileSync(process.env.PEERLIB_BINARY, ['--data-dir', data, 'list'], { stdio: 'ignore' });
    const big = [];
    for (let i = 0; i < 5; i++) {
      const bytes = randomBytes(8 << 20);
      const name = createHash('sha256').update(bytes).digest('hex');
      writeFileSync(join(data, 'attachments', name), bytes);
      big.push([name, bytes]);
    }
    execFileSync(process.env.PEERLIB_BINARY, ['--data-dir', data, 'encrypt', '--all'], { input: `${PASS}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
    assert.ok(big.every(([n]) => !existsSync(join(data, 'attachments', n))), 'the attachments are sealed');
    const s = await Session.start(driver.base, APP, ['--data-dir', data, '--lang', 'en']);
    try {
      await until(async () => (await s.execute(unlockShown)) || null, 'the prompt at start');
      await unlockWith(s, PASS);
      await s.click('[data-testid="open-settings"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=encryption-off]') !== null")) || null, 'Remove encryption in Settings');
      await type(s, '[data-testid=encryption-current]', PASS);
      await s.click('[data-testid="encryption-off"]');
      // The attachments are being made plain (each written as `<sha256>.part`, then renamed).
      const unsealing = () => readdirSync(join(data, 'attachments')).some((n) => n.endsWith('.part')) || null;
      await until(unsealing, 'the decryption under way', 60000, 20);
      await focusWindow();
      execFileSync('xdotool', ['key', 'ctrl+l']);
      await until(async () => (await s.execute("return document.querySelector('[data-testid=unlock-passphrase]') !== null")) || null, 'the prompt, shown at once', 10000, 20);
      await s.screenshot('lock-during-decryption-en');
      // A passphrase typed meanwhile (a wrong one) waits for the lock, then opens nothing: plain
      // data needs none, and the prompt says so rather than let any passphrase seem to unlock.
      await type(s, '[data-testid=unlock-passphrase]', 'not the passphrase at all');
      await s.click('[data-testid="unlock-submit"]');
      // Once the data is plain: said, with no passphrase asked, and no title on screen.
      const said = await until(async () => (await s.execute("return document.querySelector('[data-testid=nothing-locked-text]')?.textContent ?? null")) || null, 'nothing locked, said', 120000);
      assert.equal(said, 'Your personal data was being decrypted when the lock was asked for, and it is no longer encrypted: there was nothing to lock. To protect it again, turn encryption on in Settings.');
      assert.equal(await s.execute("return document.querySelector('[data-testid=unlock-passphrase]')"), null, 'no passphrase asked');
      await new Promise((r) => setTimeout(r, 1000)); // the unlock typed above answers too
      assert.equal(await s.execute(rows), 0, 'no list on screen until asked');
      assert.ok(await s.execute("return document.querySelector('[data-testid=nothing-locked]') !== null"), 'still said');
      assert.equal(await s.execute("return document.activeElement?.dataset.testid ?? null"), 'nothing-locked-open', 'the way on has the keyboard');
      const status = await s.executeAsync(invoke('lock_status', {}));
      assert.deepEqual([status.encrypted, status.locked, status.library, status.nothing_locked], [false, false, false, 'decrypted'], JSON.stringify(status));
      assert.ok(!existsSync(join(data, 'user.encryption')), 'the folder no longer says it is encrypted');
      for (const [n, bytes] of big) assert.ok(readFileSync(join(data, 'attachments', n)).equals(bytes), `attachment ${n} plain again, whole`);
      // Neutral until the library is asked for, as while locked: whoever passes sees no name.
      assert.ok(windowNames().includes('Library') && !windowNames().some((n) => n.includes('Peer Library')), `the window titled "Library": ${windowNames()}`);
      await s.screenshot('lock-during-decryption-said-en');
      await s.click('[data-testid="nothing-locked-open"]');
      await until(async () => (await s.execute(rows)) > 0 || null, 'the library, once asked');
      assert.equal((await s.executeAsync(invoke('lock_status', {}))).nothing_locked, null, 'said once');
      // Nothing locked, so no Lock is offered, and the window names the app again.
      assert.equal(await s.execute("return document.querySelector('[data-testid=lock-now]')"), null);
      await until(() => windowNames().includes('Peer Library') || null, 'the window titled "Peer Library" again');
    } finally {
      await s.close();
    }
  });
});
