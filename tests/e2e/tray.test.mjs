// The tray as a desktop's panel sees it (#18 items 3-5). Xvfb has no panel, so tray-host.py
// stands in for one on the test's session bus: the app's tray icon registers with it as with
// GNOME's or KDE's, and the test reads the item's properties and its menu and clicks the menu's
// items over D-Bus, as a panel does. Personal data encrypted beforehand (`peerlib encrypt`), the
// app started in French: locked, the tray names nothing and offers neither Lock nor Erase;
// unlocked it names the app and offers Lock; in discreet mode with panic erase on it names
// nothing and offers Erase; its "Lock now" locks the window, after which it still names nothing,
// shows no title and no note or collection written while unlocked, and still offers Erase, whose countdown then opens over the unlock prompt and can be cancelled,
// nothing erased. The item's title (what a panel shows on hover) is the neutral name throughout.
// A countdown under way when the app's own lock reloads the page starts again over the prompt,
// and once cancelled is not shown again; one under way when the desktop locks (the screen saver)
// is cancelled. Its "Quit" ends the app. Then, following a network's feed with a background sync every six
// seconds: its "Pause" holds the background syncs back, and its "Sync now" syncs all the same.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { networkToml, publisher, serve } from './feed.mjs';
import { Session, appsOn, sleep, startDriver, takesFocus, until, freshDataDir, invoke, type } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const PASS = 'a passphrase for the tray';
/** A document of the starter library. */
const DOC = 'c19rm-guide-ru';
const FR = { title: 'Bibliothèque', open: 'Ouvrir Peer Library', openDiscreet: 'Ouvrir', lock: 'Verrouiller maintenant', erase: 'Effacer mes données personnelles…', quit: 'Quitter', sync: 'Synchroniser', pause: 'Suspendre la synchronisation en arrière-plan' };

/** tray-host.py on this process's session bus; `ask` sends a command and returns its answer. */
function trayHost() {
  const proc = spawn('/usr/bin/python3', [join(import.meta.dirname, 'tray-host.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const seen = [];
  createInterface({ input: proc.stdout }).on('line', (l) => seen.push(JSON.parse(l)));
  let read = 0;
  let asked = 0;
  /** The next line (after those already taken) for which `pred` holds. */
  const next = (pred, what, ms) =>
    until(async () => {
      while (read < seen.length) {
        const o = seen[read++];
        if (pred(o)) return o;
      }
      return null;
    }, what, ms);
  return {
    proc,
    next,
    ask: async (cmd) => {
      const n = String(++asked);
      proc.stdin.write(`${n} ${cmd}\n`);
      const o = await next((o) => o.answer === n, `the tray host's answer to ${cmd}`, 10000);
      if ('error' in o) throw new Error(`tray host, ${cmd}: ${o.error || 'failed'}`);
      return o;
    },
  };
}

describe('the tray, as a panel shows it', { timeout: 240000 }, () => {
  let driver, host;
  /** The menu once `want` holds for it (the tray is relabelled a moment after a change). */
  const menu = (want, what) =>
    until(async () => {
      const m = await host.ask('menu');
      m.entry = (label) => m.menu.find((e) => e.label === label);
      return want(m) ? m : null;
    }, what);
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    host = trayHost();
    await host.next((o) => o.ready, 'the stand-in panel to own its name', 10000);
    // The erase's countdown is 60 s here: the test locks while one runs, and it must not reach
    // zero on a slow machine.
    driver = await startDriver({ env: { ...process.env, PEERLIB_TEST_ERASE_SECONDS: '60' } });
  });
  after(async () => {
    await driver?.stop();
    host?.proc.kill();
  });

  it('names nothing while locked or discreet, locks the window, and offers the erase over the prompt', async () => {
    const dataDir = freshDataDir();
    execFileSync(process.env.PEERLIB_BINARY, ['--data-dir', dataDir, 'encrypt'], { input: `${PASS}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
    const s = await Session.start(driver.base, APP, ['--data-dir', dataDir, '--lang', 'fr']);
    try {
      await host.next((o) => o.registered, 'the tray icon to register with the panel', 30000);
      const prompt = "return document.querySelector('[data-testid=unlock]') !== null";
      await until(async () => (await s.execute(prompt)) || null, 'the unlock prompt');
      /** Personal things written once unlocked (a note, a collection) and a document's title:
       *  the tray never shows them. */
      const secrets = ['markernote5521', 'markercollection5522'];
      /** Nothing the panel can show or say names the app or holds a secret. */
      const namesNothing = (m, when) => {
        const shown = [...m.menu.map((e) => e.label), ...Object.values(m.item).map(String)];
        for (const v of shown) {
          assert.ok(!/peer/i.test(v), `${when}: the tray names the app: ${v}`);
          for (const secret of secrets) assert.ok(!v.includes(secret), `${when}: the tray shows ${secret}: ${v}`);
        }
        assert.equal(m.item.Title, FR.title, `${when}: the item's title`);
      };

      // Started locked: neutral, and neither Lock (nothing unlocked) nor Erase (its opt-in is
      // inside the encrypted data, not read yet).
      let m = await menu((m) => m.menu.length > 0, 'the menu');
      namesNothing(m, 'started locked');
      assert.ok(m.entry(FR.openDiscreet), `the neutral "Open": ${JSON.stringify(m.menu)}`);
      assert.equal(m.entry(FR.lock)?.enabled, false, 'Lock while locked');
      assert.equal(m.entry(FR.erase)?.enabled, false, 'Erase before the settings were read');

      await type(s, '[data-testid=unlock-passphrase]', PASS);
      await s.click('[data-testid="unlock-submit"]');
      await until(async () => (await s.execute("return document.querySelector('.app') !== null")) || null, 'the library after unlocking', 60000);
      // Each item is relabelled in turn: the menu is read until it is the unlocked one whole.
      m = await menu((m) => m.entry(FR.open) !== undefined && m.entry(FR.lock)?.enabled === true, 'the menu naming the app, Lock offered, once unlocked');
      assert.equal(m.entry(FR.erase).enabled, false, 'Erase while panic erase is off');
      assert.equal(m.item.Title, FR.title, 'the title stays neutral (GLib takes it once per run)');

      await s.executeAsync(invoke('note_set', { id: DOC, text: `${secrets[0]} met the ministry` }));
      assert.ok(!(await s.executeAsync(invoke('collection_create', { name: secrets[1] }))).error);
      secrets.push(await until(async () => (await s.execute("return document.querySelector('li.doc-row .doc-title')?.textContent ?? null")) || null, 'a title in the list'));
      const settings = await s.executeAsync(invoke('settings_get', {}));
      assert.ok(!settings.error, JSON.stringify(settings));
      const saved = await s.executeAsync(invoke('settings_set', { settings: { ...settings, discreet: true, panic_erase: true } }));
      assert.equal(saved, null, JSON.stringify(saved));
      m = await menu((m) => m.entry(FR.openDiscreet) !== undefined && m.entry(FR.erase)?.enabled, 'the discreet menu, Erase offered');
      namesNothing(m, 'discreet');

      // The tray's "Lock now" locks the window.
      await host.ask(`click ${FR.lock}`);
      await until(async () => (await s.execute(prompt)) || null, 'the unlock prompt after the tray locked', 30000);
      m = await menu((m) => m.entry(FR.lock)?.enabled === false, 'Lock greyed once locked');
      namesNothing(m, 'locked');
      assert.equal(m.entry(FR.erase).enabled, true, 'Erase still offered while locked: it was on before the lock');
      assert.equal(await takesFocus(s, '[data-testid=unlock-passphrase]'), true, 'the prompt takes the focus');

      // Its "Erase" opens the countdown over the prompt, clicked once, at once (the prompt has
      // just been drawn: a click before it listens is asked for once it does); cancelled,
      // nothing is erased.
      await host.ask(`click ${FR.erase}`);
      await until(async () => (await s.execute("return document.querySelector('[data-testid=erase-dialog]') !== null")) || null, 'the countdown over the prompt');
      await s.screenshot('tray-erase-over-the-prompt-fr');
      // The prompt behind it cannot be used meanwhile: an unlock there would leave the countdown
      // under way, to be shown again from its start over the library.
      assert.equal(await takesFocus(s, '[data-testid=unlock-passphrase]'), false, 'the prompt behind the countdown takes no focus');
      await s.click('[data-testid="erase-cancel"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=erase-dialog]') === null")) || null, 'the countdown gone');
      assert.equal(await s.execute(prompt), true, 'still on the prompt');
      await until(async () => (await s.execute('return document.activeElement?.dataset.testid')) === 'unlock-passphrase' || null, 'the passphrase field to have the keyboard again', 5000);
      await type(s, '[data-testid=unlock-passphrase]', PASS);
      await s.click('[data-testid="unlock-submit"]');
      await until(async () => (await s.execute("return document.querySelector('.app') !== null")) || null, 'the library after unlocking again', 60000);
      let after = await s.executeAsync(invoke('settings_get', {}));
      assert.equal(after.panic_erase, true, 'the settings are all there: nothing was erased');

      // A countdown under way when the app's own lock comes (here the tray's) is not lost with
      // the page the lock reloads: it starts again, from the start, over the prompt. Opened from
      // the window's header, so the countdown itself says it is under way (the tray's click
      // would say so too). Cancelled there, it is not shown again once unlocked.
      const dialog = "return document.querySelector('[data-testid=erase-dialog]') !== null";
      const secondsLeft = "return Number(document.querySelector('[data-testid=erase-dialog]')?.dataset.seconds ?? 0)";
      // The header offers the erase once the unlocked window has read the settings, a moment
      // after the window itself is there.
      const eraseOffered = async (what) => until(async () => (await s.execute("return document.querySelector('[data-testid=erase-open]') !== null")) || null, what);
      await eraseOffered('the erase offered in the header after unlocking');
      await s.click('[data-testid="erase-open"]');
      await until(async () => (await s.execute(dialog)) || null, 'the countdown in the library window');
      // Counted down a few seconds first, so that "again from the start" can be told from "went on".
      await until(async () => ((await s.execute(secondsLeft)) <= 55 ? true : null), 'the countdown at 55 s', 15000);
      await host.ask(`click ${FR.lock}`);
      await until(async () => (await s.execute(prompt)) || null, 'the prompt after a lock during the countdown', 30000);
      await until(async () => (await s.execute(dialog)) || null, 'the countdown again over the prompt');
      assert.ok((await s.execute(secondsLeft)) >= 57, 'the countdown starts again from the start over the prompt');
      await s.click('[data-testid="erase-cancel"]');
      await until(async () => (await s.execute("return document.querySelector('[data-testid=erase-dialog]') === null")) || null, 'the countdown gone');
      // The page says so once its mark of the countdown has landed: after the dialog is gone.
      await until(async () => ((await s.executeAsync(invoke('erase_asked', {}))) === false ? true : null), 'cancelled: no countdown under way');
      await type(s, '[data-testid=unlock-passphrase]', PASS);
      await s.click('[data-testid="unlock-submit"]');
      await until(async () => (await s.execute("return document.querySelector('li.doc-row') !== null")) || null, 'the library after unlocking a third time', 60000);
      after = await s.executeAsync(invoke('settings_get', {}));
      assert.equal(after.panic_erase, true, 'nothing was erased');
      await sleep(1500);
      assert.equal(await s.execute(dialog), false, 'a cancelled countdown is not shown again');

      // A lock the desktop makes (here the screen saver starting) cancels a countdown under way:
      // behind the desktop's lock screen nobody could reach its Cancel.
      await eraseOffered('the erase offered in the header after unlocking a third time');
      await s.click('[data-testid="erase-open"]');
      await until(async () => (await s.execute(dialog)) || null, 'a countdown in the library window again');
      await until(async () => (await s.executeAsync(invoke('erase_asked', {}))) === true || null, 'the countdown under way');
      execFileSync('dbus-send', ['--session', '--type=signal', '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:true']);
      await until(async () => (await s.execute(prompt)) || null, 'the prompt after the screen saver started', 30000);
      await sleep(1500);
      assert.equal(await s.execute(dialog), false, 'no countdown over the prompt after the desktop locked');
      assert.equal(await s.executeAsync(invoke('erase_asked', {})), false, 'the countdown was cancelled');
      await type(s, '[data-testid=unlock-passphrase]', PASS);
      await s.click('[data-testid="unlock-submit"]');
      await until(async () => (await s.execute("return document.querySelector('li.doc-row') !== null")) || null, 'the library after unlocking a fourth time', 60000);
      assert.equal((await s.executeAsync(invoke('settings_get', {}))).panic_erase, true, 'nothing was erased');

      // Escape over the countdown cancels the countdown alone: a dialog open behind it (here
      // "Share the library"), inert while it runs, stays open, whichever of the two came first.
      const shareStep = "return document.querySelector('[data-testid=share-dialog]')?.dataset.step ?? null";
      // Clicked from the page: a WebDriver click at the button's place here once opened no
      // dialog (1 run in 6, on 2026-12-07), the page just unlocked.
      const openShare = async (what) => {
        await s.execute("document.querySelector('[data-testid=share-library]').click()");
        await until(async () => ((await s.execute(shareStep)) === 'ready' ? true : null), what);
      };
      const countdown = async (what) => {
        await host.ask(`click ${FR.erase}`);
        await until(async () => (await s.execute(dialog)) || null, what);
      };
      const escapeTwice = async (order) => {
        await s.press('\uE00C');
        await until(async () => (await s.execute("return document.querySelector('[data-testid=erase-dialog]') === null")) || null, `${order}: the countdown cancelled by Escape`);
        assert.equal(await s.execute(shareStep), 'ready', `${order}: the dialog behind the countdown still open`);
        await until(async () => ((await s.executeAsync(invoke('erase_asked', {}))) === false ? true : null), `${order}: no countdown under way`);
        await s.press('\uE00C');
        await until(async () => ((await s.execute(shareStep)) === null ? true : null), `${order}: the share dialog closed by Escape once the countdown is gone`);
      };
      // The dialog first, then the countdown from the tray (the dialog's backdrop covers the header).
      await openShare('the share dialog ready');
      await countdown('the countdown over the share dialog');
      await escapeTwice('the dialog first');
      // The countdown first, then the dialog, as a shared file opened during it opens one.
      await countdown('the countdown again');
      await openShare('the share dialog ready under the countdown');
      await escapeTwice('the countdown first');

      // The tray's "Quit" ends the app (closing the window only hides it to the tray).
      assert.ok(appsOn(dataDir).length > 0);
      await host.ask(`click ${FR.quit}`);
      await until(() => appsOn(dataDir).length === 0 || null, 'the app gone after the tray\'s Quit', 15000);
    } finally {
      await s.close();
    }
  });
  it('pauses the background sync and syncs now when asked', async () => {
    const feed = publisher();
    feed.write('a', 'Déclaration commune');
    feed.publish();
    const server = await serve(join(feed.dir, 'site'));
    // A background sync every 6 s (the first 5 s after the start): unpaused, one would run
    // within the 8 s watched below, whenever the Pause lands.
    const synced = await startDriver({ env: { ...process.env, PEERLIB_NETWORK: networkToml(feed, server.url), PEERLIB_SYNC_INTERVAL: '6' } });
    const dataDir = freshDataDir();
    const s = await Session.start(synced.base, APP, ['--data-dir', dataDir, '--lang', 'fr']);
    const status = () => s.executeAsync(invoke('sync_status', {}));
    try {
      await host.next((o) => o.registered, 'the tray icon to register with the panel', 30000);
      await host.ask(`click ${FR.pause}`);
      await menu((m) => m.entry(FR.pause)?.toggle === 1, 'Pause checked');
      // Paused: no next sync, and once any sync under way has ended, none starts.
      const paused = await until(async () => {
        const st = await status();
        return st.next_sync === null && !st.running ? st : null;
      }, 'the loop paused, no sync running');
      await sleep(8000);
      assert.deepEqual((await status()).last_attempt, paused.last_attempt, 'no background sync while paused');
      await host.ask(`click ${FR.sync}`);
      const done = await until(async () => {
        const st = await status();
        return st.last_success && JSON.stringify(st.last_attempt) !== JSON.stringify(paused.last_attempt) ? st : null;
      }, 'the sync the tray asked for', 60000);
      assert.equal(done.next_sync, null, 'still paused after it');
      await until(async () => (await s.execute("return [...document.querySelectorAll('li.doc-row .doc-title')].some((t) => t.textContent.includes('Déclaration commune'))")) || null, 'the synced document in the list');
    } finally {
      await s.close();
      await synced.stop();
      server.child.kill();
    }
  });
});
