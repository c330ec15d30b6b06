// Shared by the start-up benches (window.mjs, startup.mjs): launch a binary through tauri-driver
// and poll its page, as fast as WebDriver answers, until `check` (a script) returns true.
import { Session } from '../tests/e2e/webdriver.mjs';

/** The app's check: the library's first rows are in the page (not rows still on their way). */
export const APP_ROWS = "return document.querySelectorAll('li.doc-row[data-doc-id]').length > 0";

/** The started session once `check` holds (the caller closes it). */
export async function launchUntil(driver, binary, args, check) {
  const t0 = performance.now();
  const s = await Session.start(driver.base, binary, args);
  try {
    for (;;) {
      try {
        if (await s.execute(check)) return s;
      } catch {
        /* the page is not there yet */
      }
      if (performance.now() - t0 > 120000) throw new Error(`${binary}: check not met after 120 s`);
    }
  } catch (e) {
    await s.close();
    throw e;
  }
}

/** The median (the upper one for an even count). */
export const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Milliseconds from launching `binary` to `check` holding and the frame after it drawn. */
export async function firstText(driver, binary, args, check) {
  const t0 = performance.now();
  const s = await launchUntil(driver, binary, args, check);
  try {
    // Then the frame that shows it: the next animation frame, and the task after it.
    await s.execute('return new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(true))))');
    return performance.now() - t0;
  } finally {
    await s.close();
  }
}
