// Installed as a user would (#19 item 3): the .deb `make dist` built goes into a copy of a clean
// Debian 12 root (tests/dist/root.sh, debootstrap, cached outside the clone) and is installed
// with apt, which resolves its dependencies from the Debian registry. Then, as a fresh user with
// an empty home folder: the installed app starts under Xvfb and shows the starter library (driven
// through WebDriver: tauri-driver and WebKitWebDriver run inside the root, installed after the
// package so they cannot supply a library it forgot to depend on); a note is written; the
// installed `peerlib list` lists the library; the package is removed and the user's data folder
// is still there; reinstalled, the note is there. Then a signed update (this package relabelled
// 9.9.9, signed with the test release key `make dist` built it to trust, kept outside the clone) is
// installed from a file by the installed `peerlib update --from`, through apt, after an altered
// copy of it was refused with nothing changed; the note is still there.
//
// Needs root (chroot, mount). Run by `make test-dist`: DIST is the folder holding the .deb, DEBIAN_ROOT the
// cached root, APT_ARCHIVES a folder outside the clone that keeps the downloaded packages,
// RELEASE_KEY the secret half of the release key the package was built to trust.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, freePort, until, sleep, SHOTS } from '../e2e/webdriver.mjs';

const DEB = process.env.DIST && readdirSync(process.env.DIST).filter((f) => f.endsWith('.deb')).map((f) => join(process.env.DIST, f))[0];
const CACHE = process.env.DEBIAN_ROOT;
const ARCHIVES = process.env.APT_ARCHIVES;
const DOC = 'c19rm-guide-ru';
const invoke = (cmd, args) => `const done = arguments[arguments.length - 1];
  window.__TAURI_INTERNALS__.invoke(${JSON.stringify(cmd)}, ${JSON.stringify(args)}).then(done, (e) => done({ error: e }));`;

const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });

describe('the .deb installed in a clean Debian 12', { timeout: 1800000 }, () => {
  let work, root, display, xvfb, uid, gid;
  const mounts = [];
  const inRoot = (args, opts) => sh('chroot', [root, ...args], opts);
  /** Run as the user, with a clean environment. */
  const asUser = (args, opts) => sh('chroot', [`--userspec=${uid}:${gid}`, root, 'env', '-i', 'HOME=/home/amina', 'USER=amina', 'PATH=/usr/local/bin:/usr/bin:/bin', 'LANG=C.UTF-8', ...args], opts);
  const apt = (...args) => inRoot(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-q', '-y', ...args], { maxBuffer: 64 << 20 });
  const bind = (from, to, ...extra) => {
    mkdirSync(to, { recursive: true });
    sh('mount', ['--rbind', from, to, ...extra]);
    sh('mount', ['--make-rslave', to]);
    mounts.push(to);
  };

  before(() => {
    assert.ok(DEB && existsSync(DEB), `DIST must hold the built .deb (got ${process.env.DIST})`);
    assert.ok(CACHE && existsSync(join(CACHE, '.complete')), `DEBIAN_ROOT must name a root made by tests/dist/root.sh (got ${CACHE})`);
    work = mkdtempSync('/var/tmp/peerlib-dist-');
    root = join(work, 'root');
    sh('cp', ['-a', CACHE, root]);
    copyFileSync(DEB, join(root, 'tmp', 'peer-library.deb'));
    copyFileSync('/etc/resolv.conf', join(root, 'etc', 'resolv.conf'));
    sh('mount', ['-t', 'proc', 'proc', join(root, 'proc')]);
    mounts.push(join(root, 'proc'));
    bind('/dev', join(root, 'dev'));
    bind('/sys', join(root, 'sys'));
    mkdirSync(join(ARCHIVES, 'partial'), { recursive: true });
    bind(ARCHIVES, join(root, 'var/cache/apt/archives'));
    inRoot(['useradd', '--create-home', '--shell', '/bin/sh', 'amina']);
    [uid, gid] = readFileSync(join(root, 'etc/passwd'), 'utf8').split('\n').find((l) => l.startsWith('amina:')).split(':').slice(2, 4);
  });

  after(() => {
    xvfb?.kill();
    for (const m of mounts.reverse()) {
      try {
        sh('umount', ['-R', m]);
      } catch {
        sh('umount', ['-R', '-l', m]);
      }
    }
    if (work && !process.env.KEEP_DIST_ROOT) rmSync(work, { recursive: true, force: true });
  });

  it('installs with apt, runs, keeps the user data on removal and finds it again', async () => {
    const fields = sh('dpkg-deb', ['-f', DEB, 'Package', 'Version', 'Depends']);
    assert.match(fields, /Package: peer-library/);
    assert.match(fields, /Depends: .*libwebkit2gtk-4\.1-0/, fields);

    // apt resolves every dependency from the registry; nothing is installed by hand before it.
    apt('install', '/tmp/peer-library.deb');
    const files = inRoot(['dpkg', '-L', 'peer-library']);
    for (const f of ['/usr/bin/peer-library', '/usr/bin/peerlib', '/usr/share/applications/Peer Library.desktop', '/usr/share/metainfo/org.peerlibrary.desktop.metainfo.xml', '/usr/share/icons/hicolor/32x32/apps/peer-library.png', '/usr/share/icons/hicolor/512x512/apps/peer-library.png', '/usr/share/mime/packages/peer-library.xml']) {
      assert.ok(files.split('\n').includes(f), `the package installs ${f}`);
    }
    const desktop = readFileSync(join(root, 'usr/share/applications/Peer Library.desktop'), 'utf8');
    for (const l of ['fr', 'es', 'ru']) assert.match(desktop, new RegExp(`^Comment\\[${l}\\]=`, 'm'), `a ${l} comment in the desktop entry`);
    assert.match(desktop, /^Exec=peer-library %f$/m, desktop);
    assert.match(desktop, /^MimeType=.*application\/x-peerlib-network;/m, desktop);
    // The types of the files it opens are known to the system once installed.
    assert.match(inRoot(['sh', '-c', 'grep -l peerlib-network /usr/share/mime/globs2 || true']), /globs2/, 'the invitation type is registered');
    // Every shared library the program needs came with the package's dependencies.
    const missing = inRoot(['sh', '-c', 'ldd /usr/bin/peer-library | grep "not found" || true']);
    assert.equal(missing.trim(), '', `libraries the package does not depend on: ${missing}`);
    const version = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/\[workspace\.package\]\s*version = "([^"]+)"/)[1];
    assert.equal(asUser(['peerlib', '--version']).trim(), `peerlib ${version}`, 'the installed command runs');

    // Test tools, after the package: WebKitWebDriver and tauri-driver, and an X server outside.
    apt('install', '--no-install-recommends', 'webkit2gtk-driver', 'dbus-bin');
    copyFileSync(sh('sh', ['-c', 'command -v tauri-driver']).trim(), join(root, 'usr/local/bin/tauri-driver'));
    sh('chmod', ['755', join(root, 'usr/local/bin/tauri-driver')]);
    display = 90 + Math.floor(Math.random() * 100);
    while (existsSync(`/tmp/.X11-unix/X${display}`)) display++;
    xvfb = spawn('Xvfb', [`:${display}`, '-ac', '-nolisten', 'tcp', '-screen', '0', '1400x900x24'], { stdio: 'ignore' });
    await until(() => existsSync(`/tmp/.X11-unix/X${display}`) || null, 'Xvfb');
    bind('/tmp/.X11-unix', join(root, 'tmp/.X11-unix'));

    const start = async () => {
      const port = await freePort();
      const native = await freePort();
      const env = ['HOME=/home/amina', 'USER=amina', 'PATH=/usr/local/bin:/usr/bin:/bin', 'LANG=C.UTF-8', `DISPLAY=:${display}`];
      const driver = spawn('chroot', [`--userspec=${uid}:${gid}`, root, 'env', '-i', ...env, 'dbus-run-session', '--', 'tauri-driver', '--port', String(port), '--native-port', String(native)], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
      const base = `http://127.0.0.1:${port}`;
      await until(async () => (await fetch(`${base}/status`)).ok, 'tauri-driver in the root', 30000);
      const s = await Session.start(base, '/usr/bin/peer-library', ['--lang', 'en']);
      return { s, stop: () => { try { process.kill(-driver.pid, 'SIGTERM'); } catch {} } };
    };
    const rows = "return [...document.querySelectorAll('li.doc-row')].map((r) => r.textContent).join('\\n')";

    let run = await start();
    try {
      const listed = await until(async () => {
        const t = await run.s.execute(rows);
        return t.includes('INPUD annual report 2020') ? t : null;
      }, 'the starter library in the installed app', 60000);
      assert.ok(listed.includes('C19RM'), listed);
      mkdirSync(SHOTS, { recursive: true });
      await sleep(500);
      sh('import', ['-display', `:${display}`, '-window', 'root', join(SHOTS, 'installed-deb-en.png')]);
      const noted = await run.s.executeAsync(invoke('note_set', { id: DOC, text: 'marker-note-6620 kept across a reinstall' }));
      assert.ok(!noted?.error, JSON.stringify(noted));
    } finally {
      await run.s.close();
      run.stop();
    }
    await sleep(1000);

    // The installed command, on the same data folder.
    const list = asUser(['peerlib', 'list']);
    assert.match(list, /INPUD annual report 2020/);

    // Removed: the program goes, the user's data stays.
    apt('remove', 'peer-library');
    assert.ok(!existsSync(join(root, 'usr/bin/peer-library')), 'the program is removed');
    const data = join(root, 'home/amina/.local/share/org.peerlibrary.desktop');
    assert.ok(existsSync(join(data, 'user.db')), 'the user data folder is still there');

    // Reinstalled: the note is there.
    apt('install', '/tmp/peer-library.deb');
    run = await start();
    try {
      await until(async () => (await run.s.execute(rows)).includes('INPUD annual report 2020') || null, 'the library after reinstalling', 60000);
      const personal = await run.s.executeAsync(invoke('personal_get', { id: DOC }));
      assert.equal(personal.note, 'marker-note-6620 kept across a reinstall');
    } finally {
      await run.s.close();
      run.stop();
    }
    await sleep(1000);

    // A signed update from a USB stick, installed by the installed command through apt (as root,
    // as an administrator would; the window's button asks pkexec for the same).
    const next = join(work, 'next');
    sh('dpkg-deb', ['-R', DEB, next]);
    sh('sed', ['-i', 's/^Version: .*/Version: 9.9.9/', join(next, 'DEBIAN/control')]);
    sh('dpkg-deb', ['--root-owner-group', '-b', next, join(root, 'tmp/peer-library_9.9.9_amd64.deb')]);
    copyFileSync(process.env.RELEASE_KEY, join(root, 'tmp/release.key'));
    writeFileSync(join(root, 'tmp/notes.en'), 'The next version.');
    inRoot(['peerlib', 'release', '/tmp/site', '--version', '9.9.9', '--notes', 'en=/tmp/notes.en', '--package', 'linux-x86_64-deb=/tmp/peer-library_9.9.9_amd64.deb', '--secret-key', '/tmp/release.key']);
    const zip = (out, pkg) => sh('python3', ['-c', 'import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w")\nz.write(sys.argv[2]+"/update.json","update.json")\nz.write(sys.argv[2]+"/update.json.minisig","update.json.minisig")\nz.write(sys.argv[3],"peer-library_9.9.9_amd64.deb")', out, join(root, 'tmp/site/updates'), pkg]);
    const altered = join(work, 'altered.deb');
    const bytes = readFileSync(join(root, 'tmp/site/updates/peer-library_9.9.9_amd64.deb'));
    bytes[bytes.length - 100] ^= 1;
    writeFileSync(altered, bytes);
    zip(join(root, 'tmp/altered.peerlib-update'), altered);
    zip(join(root, 'tmp/next.peerlib-update'), join(root, 'tmp/site/updates/peer-library_9.9.9_amd64.deb'));
    const installedVersion = () => inRoot(['dpkg-query', '-W', '-f', '${Version}', 'peer-library']).trim();
    const before = installedVersion();
    let refused = '';
    try {
      inRoot(['env', 'LANG=C.UTF-8', 'peerlib', '--data-dir', '/root/peerlib', 'update', '--from', '/tmp/altered.peerlib-update']);
    } catch (e) {
      refused = String(e.stderr);
    }
    assert.match(refused, /damaged or incomplete/, refused);
    assert.equal(installedVersion(), before, 'a refused update changed the installed version');
    const updated = inRoot(['env', 'LANG=C.UTF-8', 'DEBIAN_FRONTEND=noninteractive', 'peerlib', '--data-dir', '/root/peerlib', 'update', '--from', '/tmp/next.peerlib-update'], { maxBuffer: 64 << 20 });
    assert.match(updated, /Version 9\.9\.9 is installed/, updated);
    assert.equal(installedVersion(), '9.9.9');
    run = await start();
    try {
      await until(async () => (await run.s.execute(rows)).includes('INPUD annual report 2020') || null, 'the library after the update', 60000);
      const personal = await run.s.executeAsync(invoke('personal_get', { id: DOC }));
      assert.equal(personal.note, 'marker-note-6620 kept across a reinstall', 'the note survives the update');
    } finally {
      await run.s.close();
      run.stop();
    }
  });
});
