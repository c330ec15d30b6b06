// Issue #19's start-up figure (benches/dist.sh runs it): the installed app (the program its .deb
// installs) from launch to the starter library's rows drawn, against `make run`'s debug build on
// the same data folder and against the minimal Tauri app installed the same way (its first text).
// Eleven alternating starts of each, the first dropped, the median of the other ten.
import { startDriver } from '../tests/e2e/webdriver.mjs';
import { APP_ROWS, firstText, median } from './launch.mjs';

const { APP_BINARY, DEBUG_BINARY, MINIMAL_BINARY, BENCH_DATA_DIR } = process.env;

const driver = await startDriver();
try {
  const args = ['--data-dir', BENCH_DATA_DIR, '--lang', 'en'];
  // The starter library imported once, so that every measured start opens the same library.
  await firstText(driver, APP_BINARY, args, APP_ROWS);
  const [installed, debug, minimal] = [[], [], []];
  for (let i = 0; i < 11; i++) {
    const m = await firstText(driver, MINIMAL_BINARY, [], "return !!document.getElementById('first')?.textContent");
    const a = await firstText(driver, APP_BINARY, args, APP_ROWS);
    const d = await firstText(driver, DEBUG_BINARY, args, APP_ROWS);
    if (i > 0) {
      minimal.push(m);
      installed.push(a);
      debug.push(d);
    }
  }
  const [a, d, m] = [median(installed), median(debug), median(minimal)];
  console.log(`| installed app to the starter library on screen (median of 10) | ${a.toFixed(0)} ms | make run's debug build ${d.toFixed(0)} ms | ${(a / d).toFixed(2)}x |`);
  console.log(`| installed app to the starter library on screen (median of 10) | ${a.toFixed(0)} ms | minimal Tauri app installed the same way, first text ${m.toFixed(0)} ms | ${(a / m).toFixed(2)}x |`);
  console.log(`<!-- installed ${installed.map((v) => v.toFixed(0)).join(', ')}; debug ${debug.map((v) => v.toFixed(0)).join(', ')}; minimal ${minimal.map((v) => v.toFixed(0)).join(', ')} -->`);
} finally {
  await driver.stop();
}
