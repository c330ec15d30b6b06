// Issue #21 item 4: the memory of the app's processes against the library's size. Starts the app
// on the data folder benches/large.sh synced (BENCH_DATA_DIR), waits for the first rows, reads
// the resident memory of the app's process and of its web process (/proc/PID/status), then moves
// the list to 20 places spread over its whole length, waits each time for the rows there, and
// reads them again. Prints one Markdown table row.
//   run by benches/large.sh
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startDriver, Session, until } from '../tests/e2e/webdriver.mjs';
import { APP_ROWS } from './launch.mjs';

const APP = process.env.APP_BINARY;
const DATA = process.env.BENCH_DATA_DIR;
const N = Number(process.env.PEERLIB_BENCH_DOCS || 10000);

/** Resident memory of `pid` in MB: all of it, its peak, and the private part (not pages of
 *  files mapped, such as the program and its libraries). */
function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024, anon: kb('RssAnon') / 1024 };
}
const pids = (args) => {
  try {
    return execFileSync('pgrep', args, { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

const driver = await startDriver();
try {
  const s = await Session.start(driver.base, APP, ['--data-dir', DATA, '--lang', 'en']);
  try {
    await until(() => s.execute(APP_ROWS), 'the first rows', 120000);
    const [app] = pids(['-f', '-n', `^${APP} --data-dir ${DATA}`]);
    const [web] = pids(['-P', String(app), 'WebKitWebProces']);
    if (!app || !web) throw new Error(`processes not found: app ${app}, web ${web}`);
    const count = await s.execute("return document.querySelector('[data-testid=\"library-count\"]').textContent");
    const first = { app: rss(app), web: rss(web) };
    for (let i = 1; i <= 20; i++) {
      const at = Math.floor(((N - 1) * i) / 20);
      await s.execute(`const l = document.querySelector('[data-testid="library-scroller"]'); l.scrollTop = ${at} * 84; l.dispatchEvent(new Event('scroll'));`);
      await until(() => s.execute(`return !!document.querySelector('li.doc-row[data-index="${at}"][data-doc-id]')`), `line ${at}`, 60000);
    }
    const after = { app: rss(app), web: rss(web) };
    const mb = (v) => v.toFixed(0);
    console.log(
      `| ${N.toLocaleString('en')} (${count}) | ${mb(first.app.now)} MB (${mb(first.app.anon)} private) | ${mb(after.app.now)} MB (${mb(after.app.anon)} private; peak ${mb(after.app.peak)}) | ${mb(first.web.now)} MB (${mb(first.web.anon)} private) | ${mb(after.web.now)} MB (${mb(after.web.anon)} private; peak ${mb(after.web.peak)}) |`,
    );
  } finally {
    await s.close();
  }
} finally {
  await driver.stop();
}
