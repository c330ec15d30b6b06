// Where the first window's time goes (issue #7's first figure, benches/window.mjs): starts the app
// N times (default 6, the first dropped) and prints, per start and as medians, in milliseconds:
// when the page's navigation began after the launch request (`page`), and after that page start
// the UI's User Timing marks: its script running (`ui`), the first lines in hand (`lines`), the
// frame after them (`shown`), and when the harness saw the rows (`seen`). ALL_MARKS=1 adds every
// other mark the page set (marks added while looking for where time goes).
//   BENCH_ONLY=startup bash benches/ui.sh
import { startDriver } from '../tests/e2e/webdriver.mjs';
import { APP_ROWS, launchUntil, median } from './launch.mjs';

const APP = process.env.APP_BINARY;
const DATA = process.env.BENCH_DATA_DIR;
const N = Number(process.env.N ?? 6);

async function start(driver) {
  const wall = Date.now();
  const s = await launchUntil(driver, APP, ['--data-dir', DATA, '--lang', 'en'], APP_ROWS);
  try {
    await s.execute("performance.mark('seen')");
    const t = await s.execute(`return { origin: performance.timeOrigin,
      marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])) }`);
    const m = t.marks;
    return { page: t.origin - wall, ui: m['ui-start'], ...(process.env.ALL_MARKS ? m : {}), lines: m['first-lines'], shown: m['first-lines-shown'], seen: m.seen };
  } finally {
    await s.close();
  }
}

const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));
const driver = await startDriver();
try {
  const runs = [];
  for (let i = 0; i < N; i++) {
    const r = await start(driver);
    console.log(`start ${i + 1}${i === 0 ? ' (dropped)' : ''}: ${JSON.stringify(round(r))}`);
    if (i > 0) runs.push(r);
  }
  const of = (k) => median(runs.map((r) => r[k]));
  console.log(`median: ${JSON.stringify(round(Object.fromEntries(Object.keys(runs[0]).map((k) => [k, of(k)]))))}`);
} finally {
  await driver.stop();
}
