// Signed updates in the real window (#19 items 4, 5 and 7): Settings shows the version; "Check
// for updates" finds the release `peerlib release` signed into the network's feed folder (served
// by `peerlib serve` on 127.0.0.1), shows "Version 9.0.0 is ready to install" with its notes in
// the interface language, and "Install and restart" hands the verified package to the system's
// installer and starts the app again. On another laptop an older update file from a USB stick is
// refused in words; a good one is accepted, and the next start says it is ready. "Check for
// updates" clicked while `peerlib update` updates the same data folder waits for it, and so does
// one clicked while the background's daily check downloads.
//
// Debug builds only: the release key is the test's (PEERLIB_TEST_RELEASE_KEY), the app counts as
// installed from a .deb (PEERLIB_TEST_PLATFORM), the installer is a script that copies what it is
// given (PEERLIB_TEST_INSTALLER), and the file dialog's choice is PEERLIB_TEST_FILE_CHOICE.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, clickAndAwaitRestart, killPids, startDriver, until, freshDataDir, sleep, peerlibInput } from './webdriver.mjs';
import { publisher, serve, networkToml } from './feed.mjs';

const APP = process.env.APP_BINARY;
const PEERLIB = process.env.PEERLIB_BINARY;
const text = (id) => `return document.querySelector('[data-testid=${id}]')?.textContent ?? null`;

/** A disk image's bytes for a release of `version`: not a real one (the installer is a script). */
const dmgBytes = (version) => Buffer.concat([Buffer.alloc(100000, 'dmg'), Buffer.from(version)]);

/** A release of `version` signed with the key in `keys`, written into `site`, with a .deb and a
 *  macOS disk image; the .deb's bytes. */
function release(keys, site, version) {
  const pkg = join(keys, `peer-library_${version}_amd64.deb`);
  writeFileSync(pkg, Buffer.concat([Buffer.alloc(200000, version), Buffer.from(version)]));
  const dmg = join(keys, `peer-library_${version}_aarch64.dmg`);
  writeFileSync(dmg, dmgBytes(version));
  for (const [lang, notes] of [['en', 'Faster search.'], ['fr', 'Recherche plus rapide.'], ['ru', 'Быстрее поиск.']]) writeFileSync(join(keys, `notes.${lang}`), notes);
  const notes = ['en', 'fr', 'ru'].flatMap((l) => ['--notes', `${l}=${join(keys, `notes.${l}`)}`]);
  execFileSync(PEERLIB, ['release', site, '--version', version, ...notes, '--package', `linux-x86_64-deb=${pkg}`, '--package', `macos-aarch64-dmg=${dmg}`, '--released', '2026-12-01', '--secret-key', join(keys, 'release.key')]);
  return readFileSync(pkg);
}

async function openSettings(s) {
  await until(async () => (await s.execute("return document.querySelector('[data-testid=open-settings]') !== null")) || null, 'the window');
  await s.click('[data-testid="open-settings"]');
  await until(async () => (await s.execute(text('app-version'))) || null, 'the settings');
}

/** A go-between to the host at `hostUrl` that hands its answers on 16 KiB at a time (a socket may
 *  read 64 KiB at once), one piece every `pieceMs`, and notes each path asked for (`asked`);
 *  network.toml naming it, written into `folder`. */
async function slowRelay(hostUrl, pieceMs, folder) {
  const asked = [];
  const relay = net.createServer((down) => {
    const up = net.connect(new URL(hostUrl).port, '127.0.0.1');
    down.on('data', (d) => asked.push(...[...String(d).matchAll(/^GET (\S+) HTTP/gm)].map((m) => m[1])));
    down.pipe(up);
    up.on('data', async (chunk) => {
      up.pause();
      for (let at = 0; at < chunk.length; at += 16384) {
        await new Promise((resolve) => down.write(chunk.subarray(at, at + 16384), resolve));
        await sleep(pieceMs);
      }
      up.resume();
    });
    up.on('end', () => down.end());
    for (const side of [up, down]) side.on('error', () => { up.destroy(); down.destroy(); });
  });
  await new Promise((resolve) => relay.listen(0, '127.0.0.1', resolve));
  mkdirSync(folder, { recursive: true });
  const toml = join(folder, 'network.toml');
  writeFileSync(toml, readFileSync(process.env.PEERLIB_NETWORK, 'utf8').replace(hostUrl, `http://127.0.0.1:${relay.address().port}`));
  return { relay, toml, asked };
}

describe('signed updates', { timeout: 300000 }, () => {
  let driver, server, work, installed, pkg, oldFile, chosen;
  before(async () => {
    assert.ok(APP && existsSync(APP), `APP_BINARY must name the built app (got ${APP})`);
    const feed = publisher();
    feed.write('r1', 'Rapport');
    feed.publish();
    work = join(feed.dir, 'work');
    mkdirSync(work);
    execFileSync(PEERLIB, ['keygen', '--secret-key', join(work, 'release.key'), '--public-key', join(work, 'release.pub')]);
    // An older release, saved as a USB stick's file, then the new one on the host.
    const old = join(feed.dir, 'old-site');
    release(work, old, '0.0.5');
    const oldDir = join(old, 'updates');
    oldFile = join(work, 'old.peerlib-update');
    execFileSync('python3', ['-c', `import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w')\nfor n in sys.argv[3:]: z.write(sys.argv[2]+'/'+n, n)`, oldFile, oldDir, 'update.json', 'update.json.minisig', 'peer-library_0.0.5_amd64.deb']);
    pkg = release(work, join(feed.dir, 'site'), '9.0.0');
    server = await serve(join(feed.dir, 'site'));
    installed = join(work, 'installed.deb');
    const script = join(work, 'installer.sh');
    writeFileSync(script, `#!/bin/sh\ncp "$1" '${installed}'\n`);
    chmodSync(script, 0o755);
    Object.assign(process.env, {
      PEERLIB_NETWORK: networkToml(feed, server.url),
      PEERLIB_TEST_RELEASE_KEY: readFileSync(join(work, 'release.pub'), 'utf8').split('\n')[1].trim(),
      PEERLIB_TEST_PLATFORM: 'linux-x86_64-deb',
      PEERLIB_TEST_INSTALLER: script,
      // The file "chosen" in the dialog: each test copies the one it means there.
      PEERLIB_TEST_FILE_CHOICE: (chosen = join(work, 'chosen.peerlib-update')),
    });
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
    for (const k of ['PEERLIB_NETWORK', 'PEERLIB_TEST_RELEASE_KEY', 'PEERLIB_TEST_PLATFORM', 'PEERLIB_TEST_INSTALLER', 'PEERLIB_TEST_FILE_CHOICE']) delete process.env[k];
  });

  it('finds the signed release, shows its notes in French, installs it and restarts', async () => {
    const dir = freshDataDir();
    const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'fr']);
    let restarted = [];
    try {
      await openSettings(s);
      assert.equal(await s.execute(text('app-version')), 'Peer Library 0.1.0');
      await s.click('[data-testid="update-check"]');
      const ready = await until(async () => (await s.execute(text('update-ready'))) || null, 'the update found');
      assert.match(ready, /La version 9\.0\.0 est prête à être installée\./, ready);
      assert.equal(await s.execute(text('update-notes')), 'Recherche plus rapide.');
      await s.execute("document.querySelector('[data-testid=update-ready]').scrollIntoView()");
      await s.screenshot('update-ready-fr');
      restarted = await clickAndAwaitRestart(s, dir, '[data-testid="update-install"]');
      assert.ok(readFileSync(installed).equals(pkg), 'the package handed to the installer, byte for byte');
    } finally {
      await s.close().catch(() => {});
      killPids(restarted);
    }
  });

  it('on macOS opens the disk image for the person to finish, and keeps the window and the update', async () => {
    // What installing from a disk image is there: it opens in the Finder and the app is dragged
    // into Applications. Until 2026-12-07 the app then removed the image and restarted itself,
    // the old version, as if installed.
    await driver.stop();
    process.env.PEERLIB_TEST_PLATFORM = 'macos-aarch64-dmg';
    driver = await startDriver();
    const dir = freshDataDir();
    rmSync(installed, { force: true });
    const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'en']);
    try {
      await openSettings(s);
      await s.click('[data-testid="update-check"]');
      await until(async () => (await s.execute(text('update-ready'))) || null, 'the update found');
      assert.equal(await s.execute(text('update-install')), 'Open the new version');
      assert.match(await s.execute(text('update-install-hint')), /drag the app there into Applications/);
      // A mark in the page, gone if the app restarted or the page was reloaded.
      await s.execute('window.peerlibTestMark = 1');
      await s.click('[data-testid="update-install"]');
      const said = await until(async () => (await s.execute(text('update-result'))) || null, 'the next step said');
      assert.match(said, /The new version is open in the Finder\./, said);
      assert.ok(readFileSync(installed).equals(dmgBytes('9.0.0')), 'the disk image handed to the system, byte for byte');
      assert.equal(await s.execute('return window.peerlibTestMark ?? null'), 1, 'the window stays: no restart');
      assert.ok(await s.execute(text('update-ready')), 'still waiting until the new version runs');
      assert.ok(existsSync(join(dir, 'updates', 'peer-library_9.0.0_aarch64.dmg')), 'the disk image is kept');
      await s.execute("document.querySelector('[data-testid=update-result]').scrollIntoView()");
      await s.screenshot('update-by-hand-en');
    } finally {
      await s.close();
      await driver.stop();
      process.env.PEERLIB_TEST_PLATFORM = 'linux-x86_64-deb';
      driver = await startDriver();
    }
  });

  it('refuses an older update file in words, accepts the good one, and says it at the next start', async () => {
    const dir = freshDataDir();
    copyFileSync(oldFile, chosen);
    let s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'es']);
    try {
      await openSettings(s);
      await s.click('[data-testid="update-from-file"]');
      const refused = await until(async () => (await s.execute(text('update-result'))) || null, 'the refusal');
      assert.match(refused, /no es más reciente que su versión/, refused);
      assert.equal(await s.execute(text('update-ready')), null, 'nothing waits to be installed');
      await s.screenshot('update-refused-es');
    } finally {
      await s.close();
    }
    // The good file: saved from the host with the command line, as someone with internet would.
    const good = join(work, 'good.peerlib-update');
    execFileSync(PEERLIB, ['--data-dir', freshDataDir(), 'update', '--save', good]);
    copyFileSync(good, chosen);
    s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'ru']);
    try {
      await openSettings(s);
      await s.click('[data-testid="update-from-file"]');
      const ready = await until(async () => (await s.execute(text('update-ready'))) || null, 'the update from the file');
      assert.match(ready, /Версия 9\.0\.0 готова к установке/, ready);
      assert.equal(await s.execute(text('update-notes')), 'Быстрее поиск.');
    } finally {
      await s.close();
    }
    // Double-clicked on another laptop: the file among the arguments is checked and shown.
    const other = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'fr', good]);
    try {
      const ready = await until(async () => (await other.execute(text('update-ready'))) || null, 'the double-clicked update');
      assert.match(ready, /La version 9\.0\.0 est prête/, ready);
    } finally {
      await other.close();
    }
    await sleep(500);
    s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'en']);
    try {
      const banner = await until(async () => (await s.execute(text('update-banner'))) || null, 'the banner at the next start');
      assert.match(banner, /Version 9\.0\.0 is ready to install\./, banner);
      await s.screenshot('update-banner-en');
    } finally {
      await s.close();
    }
  });

  it("waits for peerlib's update of the same data folder before its own check", async () => {
    // `peerlib update` beside the window, through a go-between that hands the host's answers on
    // 16 KiB every 100 ms, with an installer that takes three seconds (as apt may): it holds the
    // update folder's turn (update::Turn) for about five seconds. "Check for updates" clicked
    // meanwhile waits for it, then finds the release; neither writes the folder under the other
    // (until 2026-12-07 they wrote one part file at once, and one was refused as a full disk).
    const { relay, toml: slowToml } = await slowRelay(server.url, 100, join(work, 'slow'));
    const cliInstalled = join(work, 'installed-by-peerlib.deb');
    const cliInstaller = join(work, 'slow-installer.sh');
    writeFileSync(cliInstaller, `#!/bin/sh\nsleep 3\ncp "$1" '${cliInstalled}'\n`);
    chmodSync(cliInstaller, 0o755);
    const dir = freshDataDir();
    const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'en']);
    let cli;
    try {
      await openSettings(s);
      const env = { ...process.env, PEERLIB_NETWORK: slowToml, PEERLIB_TEST_INSTALLER: cliInstaller, LANG: 'en_US.UTF-8' };
      cli = spawn(PEERLIB, ['--data-dir', dir, 'update'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      cli.stdin.end(peerlibInput());
      let said = '';
      for (const out of [cli.stdout, cli.stderr]) out.on('data', (d) => (said += d));
      const ended = new Promise((resolve) => cli.on('exit', (code) => resolve(code)));
      // The package on its way, slowly: peerlib holds the turn.
      await until(() => (existsSync(join(dir, 'updates')) && readdirSync(join(dir, 'updates')).some((n) => n.endsWith('.part'))) || null, "peerlib's download under way");
      await s.click('[data-testid="update-check"]');
      // The two met: the click came while peerlib's update was still under way.
      assert.ok(cli.exitCode === null && !existsSync(cliInstalled), "peerlib's update had ended before the click");
      const ready = await until(async () => (await s.execute(text('update-ready'))) || (await s.execute(text('update-result'))) || null, "the window's check", 60000);
      assert.match(ready, /Version 9\.0\.0 is ready to install\./, ready);
      // Installed under peerlib's turn: the window's check, fast on its own, ended after it.
      assert.ok(existsSync(cliInstalled), "the window's check ended before peerlib's update had");
      assert.equal(await ended, 0, said);
      assert.ok(readFileSync(cliInstalled).equals(pkg), 'peerlib installed the released package, byte for byte');
      await s.execute("document.querySelector('[data-testid=update-ready]').scrollIntoView()");
      await s.screenshot('update-after-peerlib-en');
    } finally {
      cli?.kill();
      relay.close();
      await s.close();
    }
  });

  it('finds it in the background at most once a day, and never when turned off', async () => {
    // A driver whose apps sync in the background every five seconds.
    await driver.stop();
    process.env.PEERLIB_SYNC_INTERVAL = '5';
    driver = await startDriver();
    const on = freshDataDir();
    const off = freshDataDir();
    // Turned off at once (before the first background sync, five seconds in): never checked.
    const b = await Session.start(driver.base, APP, ['--data-dir', off, '--lang', 'en']);
    try {
      const settings = await b.executeAsync(`const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('settings_get').then(done, (e) => done({ error: e }));`);
      const saved = await b.executeAsync(`const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('settings_set', { settings: { ...arguments[0], check_updates: false } }).then(() => done(true), (e) => done({ error: e }));`, [settings]);
      assert.equal(saved, true, JSON.stringify(saved));
      await sleep(12000);
      const synced = await b.executeAsync(`const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke('sync_status').then(done, (e) => done({ error: e }));`);
      assert.ok(synced.last_attempt, 'a background sync ran');
      assert.ok(!existsSync(join(off, 'updates')), 'checked although the user turned it off');
      assert.equal(await b.execute(text('update-banner')), null);
    } finally {
      await b.close();
    }
    const a = await Session.start(driver.base, APP, ['--data-dir', on, '--lang', 'en']);
    try {
      const banner = await until(async () => (await a.execute(text('update-banner'))) || null, 'the banner after a background sync', 60000);
      assert.match(banner, /Version 9\.0\.0 is ready to install\./, banner);
      await a.screenshot('update-background-en');
      const checked = join(on, 'updates', 'checked');
      const first = readFileSync(checked, 'utf8');
      const mtime = statSync(checked).mtimeMs;
      // Three more background syncs: no second check the same day.
      await sleep(16000);
      assert.equal(readFileSync(checked, 'utf8'), first);
      assert.equal(statSync(checked).mtimeMs, mtime, 'checked again the same day');
    } finally {
      await a.close();
      delete process.env.PEERLIB_SYNC_INTERVAL;
    }
  });

  it("a click on Check for updates during the background's own download waits for it", async () => {
    // The daily check, five seconds in, downloads through a go-between slow enough (16 KiB every
    // 400 ms: the 200 KB package takes about five seconds) for the click to come while it holds
    // the update folder's turn (update::Turn, taken without waiting by the background). The
    // click waits for it and finds the package there: it is fetched once, and nothing is said
    // but "ready" (when the turn is made a no-op both download into one part file, and one is
    // refused as a full disk).
    const { relay, toml, asked } = await slowRelay(server.url, 400, join(work, 'slower'));
    const network = process.env.PEERLIB_NETWORK;
    await driver.stop();
    Object.assign(process.env, { PEERLIB_SYNC_INTERVAL: '5', PEERLIB_NETWORK: toml });
    driver = await startDriver();
    const dir = freshDataDir();
    const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'en']);
    try {
      await openSettings(s);
      const downloading = () => (existsSync(join(dir, 'updates')) && readdirSync(join(dir, 'updates')).some((n) => n.endsWith('.part'))) || null;
      await until(downloading, "the background's download under way", 60000, 20);
      await s.click('[data-testid="update-check"]');
      // The two met: the click came while the background's download was still under way.
      assert.ok(downloading(), "the background's download had ended before the click");
      const ready = await until(async () => (await s.execute(text('update-ready'))) || (await s.execute(text('update-result'))) || null, "the click's check", 60000);
      assert.match(ready, /Version 9\.0\.0 is ready to install\./, ready);
      // The background's own find is announced too, in the library (Settings already says it).
      await s.click('[data-testid="close-settings"]');
      const banner = await until(async () => (await s.execute(text('update-banner'))) || null, "the background's banner");
      assert.match(banner, /Version 9\.0\.0 is ready to install\./, banner);
      const packages = asked.filter((p) => p.endsWith('.deb'));
      assert.deepEqual(packages, ['/updates/peer-library_9.0.0_amd64.deb'], `the package asked for once: ${asked}`);
      assert.ok(asked.filter((p) => p.endsWith('update.json')).length >= 2, `both looked at the release: ${asked}`);
      const kept = readdirSync(join(dir, 'updates')).filter((n) => n.endsWith('.deb'));
      assert.equal(kept.length, 1, `${kept}`);
      assert.ok(readFileSync(join(dir, 'updates', kept[0])).equals(pkg), 'the released package, byte for byte');
      await s.screenshot('update-click-during-background-en');
    } finally {
      await s.close();
      relay.close();
      await driver.stop();
      process.env.PEERLIB_NETWORK = network;
      delete process.env.PEERLIB_SYNC_INTERVAL;
      driver = await startDriver();
    }
  });
});
