// Issue #7's first figure: with 10,000 documents, the window shows the library within 1.5 times
// the time a minimal Tauri window (examples/minimal_window.rs: same Tauri, same build) takes to
// show its first text. Each start is timed from the WebDriver request that launches the binary to
// the first moment the page has the text (polled as fast as WebDriver answers) and has drawn the
// frame after it; eleven alternating starts of each, the first of each dropped (cold caches),
// median of the other ten (starts vary by a few hundred milliseconds on a shared machine).
//   run by benches/ui.sh (BENCH_ONLY=window for this figure alone)
import { startDriver } from '../tests/e2e/webdriver.mjs';
import { APP_ROWS, firstText, median } from './launch.mjs';

const APP = process.env.APP_BINARY;
const MINIMAL = process.env.MINIMAL_BINARY;
const DATA = process.env.BENCH_DATA_DIR;
const N = Number(process.env.PEERLIB_BENCH_DOCS || 10000).toLocaleString('en');

const driver = await startDriver();
try {
  const app = [];
  const minimal = [];
  for (let i = 0; i < 11; i++) {
    const m = await firstText(driver, MINIMAL, [], "return !!document.getElementById('first')?.textContent");
    const a = await firstText(driver, APP, ['--data-dir', DATA, '--lang', 'en'], APP_ROWS);
    if (i > 0) {
      minimal.push(m);
      app.push(a);
    }
  }
  const [ma, mm] = [median(app), median(minimal)];
  console.log(`| window shows the library of ${N} (median of 10 starts) | ${ma.toFixed(0)} ms | minimal Tauri window's first text ${mm.toFixed(0)} ms | ${(ma / mm).toFixed(2)}x | ≤ 1.5x |`);
  console.log(`<!-- app ${app.map((v) => v.toFixed(0)).join(', ')}; minimal ${minimal.map((v) => v.toFixed(0)).join(', ')} -->`);
} finally {
  await driver.stop();
}
