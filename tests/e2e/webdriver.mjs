// A minimal W3C WebDriver client for tauri-driver (which forwards to WebKitWebDriver). Plain
// fetch, no dependencies: the protocol is JSON over HTTP on loopback.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'target', 'e2e');

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** A script for `executeAsync`: the notifications the app asked the OS to show, newest last. */
export const NOTIFIED = `const done = arguments[arguments.length - 1];
  window.__TAURI_INTERNALS__.invoke('notifications_list').then(done, (e) => done({ error: e }));`;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The names of every window the X server knows (what a taskbar or a window switcher lists). */
export function windowNames() {
  const tree = execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });
  return [...tree.matchAll(/^\s+0x[0-9a-f]+ "([^"]*)"/gm)].map((m) => m[1]);
}

/** A script for `Session.executeAsync` that calls one of the app's commands and hands back its
 *  answer, or `{ error }` when it is refused. */
export const invoke = (cmd, args) => `const done = arguments[arguments.length - 1];
  window.__TAURI_INTERNALS__.invoke(${JSON.stringify(cmd)}, ${JSON.stringify(args)}).then(done, (e) => done({ error: e }));`;

/** Type `text` into the field `css` (cleared first), as the keyboard would, and wait until the
 *  page holds it. */
export async function type(s, css, text) {
  const el = await s.find(css);
  await s.cmd('POST', `/element/${el}/clear`, {});
  await s.cmd('POST', `/element/${el}/value`, { text });
  await until(async () => (await s.execute(`return document.querySelector(${JSON.stringify(css)}).value`)) === text, `${css} to hold the text`);
}

/** Wait until the first sync has its answer (the built-in network's host, unreachable in tests,
 *  fails it), however long the machine's resolver takes to give up. The sync bar then grows by
 *  the failure's lines and pushes the whole page down: a click aimed before that lands on
 *  whatever moved under it. A machine whose resolver took seconds to fail the name missed the
 *  search hit of views.test.mjs this way on 2026-12-07. */
export function firstSyncAnswered(s, ms = 90000) {
  const state = "return document.querySelector('.syncbar')?.dataset.state";
  return until(async () => ['ok', 'unreachable', 'failed'].includes(await s.execute(state)), 'the first sync to have its answer', ms);
}

/** Whether the element `css` can take the keyboard's focus now: not when it, or a part of the
 *  page around it, is inert. The focus goes back where it was (nowhere, if it was nowhere). */
export function takesFocus(s, css) {
  return s.execute(
    `const el = document.querySelector(arguments[0]);
     const was = document.activeElement;
     el.focus();
     const took = document.activeElement === el;
     if (took && was && was !== document.body) was.focus();
     else if (took) el.blur();
     return took;`,
    [css],
  );
}

/** Poll `fn` every `step` ms until it returns a truthy value, or fail after `ms` with `what`. */
export async function until(fn, what, ms = 30000, step = 200) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(step);
  }
  throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

/** Start tauri-driver on free loopback ports; stop() ends it. With `ownBus`, it and the apps it
 *  starts get a D-Bus session of their own: the app lets one instance run per session (a second
 *  one hands over to the first), so two laptops side by side need two buses. With `capture`,
 *  everything the driver and the apps it starts print is also kept, in `output()`. The driver,
 *  and the apps it starts, run in `env` (this process's environment unless given). */
export async function startDriver({ ownBus = false, capture = false, env = process.env } = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  const args = ['--port', String(port), '--native-port', String(nativePort)];
  const stdio = ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'];
  const proc = ownBus
    ? spawn('dbus-run-session', ['--', 'tauri-driver', ...args], { stdio, env, detached: true })
    : spawn('tauri-driver', args, { stdio, env });
  const printed = [];
  for (const stream of capture ? [proc.stdout, proc.stderr] : []) {
    stream.on('data', (d) => {
      printed.push(d);
      process.stderr.write(d);
    });
  }
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/status`)).ok, 'tauri-driver to listen', 20000);
  const kill = () => (ownBus ? process.kill(-proc.pid, 'SIGTERM') : proc.kill('SIGTERM'));
  return {
    base,
    output: () => Buffer.concat(printed),
    stop: () => new Promise((r) => { proc.once('exit', r); try { kill(); } catch { r(); } setTimeout(r, 3000); }),
  };
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /** Start the app binary with `args` in a new session. With PEERLIB_E2E_PASSPHRASE set
   *  (`make test-e2e-encrypted`, #18), the data folder named by `--data-dir` has its personal
   *  data and its library encrypted first (`peerlib encrypt --all`) and the app is unlocked once
   *  it shows the prompt, so that every journey runs on an encrypted folder. */
  static async start(base, application, args) {
    const pass = process.env.PEERLIB_E2E_PASSPHRASE;
    if (pass) encryptFolderOf(args, pass);
    const caps = { 'tauri:options': { application, args } };
    const res = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: caps, firstMatch: [{}] } }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`session not created: ${JSON.stringify(body)}`);
    const session = new Session(base, body.value.sessionId);
    if (pass) await session.unlockIfAsked(pass);
    return session;
  }

  /** Type the passphrase if the page starts on the unlock prompt. */
  async unlockIfAsked(pass) {
    const where = await until(async () => (await this.execute("return document.querySelector('[data-testid=unlock]') ? 'prompt' : document.querySelector('.app') ? 'app' : null")) || null, 'the window or the unlock prompt', 60000);
    if (where !== 'prompt') return;
    const el = await this.find('[data-testid=unlock-passphrase]');
    await this.cmd('POST', `/element/${el}/value`, { text: pass });
    await this.click('[data-testid=unlock-submit]');
    await until(async () => (await this.execute("return document.querySelector('.app') !== null")) || null, 'the window after unlocking', 60000);
  }

  async cmd(method, path, payload) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(body.value)}`);
    return body.value;
  }

  /** Run a script in the page; `args` arrive as `arguments`. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Run an async script: it must call `arguments[arguments.length - 1](result)`. */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  async find(css) {
    const el = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return Object.values(el)[0];
  }

  async click(css) {
    const id = await this.find(css);
    await this.cmd('POST', `/element/${id}/click`, {});
  }

  /** Press and release one key where the keyboard's focus is; `key` is a WebDriver key
   *  (e.g. '\uE00C' for Escape). */
  async press(key) {
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }] }] });
  }

  async text(css) {
    const id = await this.find(css);
    return this.cmd('GET', `/element/${id}/text`);
  }

  /** Save what a person sees. Under X the whole screen is captured with ImageMagick, because
   * WebKit's WebDriver screenshot leaves sandboxed iframes (the reader) blank. */
  async screenshot(name) {
    mkdirSync(SHOTS, { recursive: true });
    const file = join(SHOTS, `${name}.png`);
    if (process.env.DISPLAY) {
      await sleep(300); // let the last paint land
      execFileSync('import', ['-window', 'root', file]);
    } else {
      writeFileSync(file, Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'));
    }
    return file;
  }

  /** End the session and the app. Closing the window only hides it to the tray (keep syncing in
   *  the background), so the app is asked to quit first, as the tray's Quit would. */
  async close() {
    try {
      await this.execute("window.__TAURI_INTERNALS__.invoke('app_quit'); return true;");
      await sleep(500);
    } catch {
      /* already gone */
    }
    try {
      await fetch(`${this.base}/session/${this.id}`, { method: 'DELETE' });
    } catch {
      /* the app may already be gone */
    }
  }
}

/** The data folder named in the app's arguments, its personal data encrypted with `pass` unless
 *  it is already (PEERLIB_BINARY's `encrypt`, the passphrase on its standard input). */
function encryptFolderOf(args, pass) {
  const i = args.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i < 0) return;
  const dir = args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
  if (existsSync(join(dir, 'user.encryption'))) return;
  execFileSync(process.env.PEERLIB_BINARY, ['--data-dir', dir, 'encrypt', '--all'], { input: `${pass}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
}

/** What `peerlib`, run by a journey on a folder `Session.start` encrypted, reads on its standard
 *  input: the passphrase, as an administrator's script would give it (nothing otherwise). */
export function peerlibInput() {
  const pass = process.env.PEERLIB_E2E_PASSPHRASE;
  return pass ? `${pass}\n` : '';
}

export function freshDataDir() {
  return mkdtempSync(join(tmpdir(), 'peerlib-e2e-'));
}

/** The app processes running on `dataDir` (one the app restarted is no child of tauri-driver's). */
export function appsOn(dataDir) {
  try {
    return execFileSync('pgrep', ['-f', '--', `--data-dir ${dataDir}`]).toString().trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Click `css` in `s`, which makes the app on `dataDir` restart (an update installed, a network
 *  joined): the new process's pids once the first one has ended and another runs. */
export async function clickAndAwaitRestart(s, dataDir, css) {
  const before = appsOn(dataDir);
  if (before.length !== 1) throw new Error(`expected one app on ${dataDir}, found ${before.length}`);
  // The app may end before the driver answers the click (it restarts at once): that answer is
  // then an error, and the restart below is what tells whether the click worked.
  await s.click(css).catch(() => {});
  return until(() => {
    const now = appsOn(dataDir);
    return now.length === 1 && now[0] !== before[0] ? now : null;
  }, 'the app restarted', 20000);
}

/** End processes by pid, those already gone included. */
export function killPids(pids) {
  for (const pid of pids) {
    try {
      process.kill(Number(pid));
    } catch {
      /* gone */
    }
  }
}
