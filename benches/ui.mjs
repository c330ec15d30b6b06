// Issue #7's window figures, in the real app (debug build) under Xvfb with 10,000 documents:
//  1. scrolling the whole library drops no more frames than scrolling a static list of the same
//     length in the same webview: both scrolled by the same step each animation frame;
//  2. results follow a keystroke within one search plus one frame: the time from an input event
//     to the frame that shows its results, against the same search through the same IPC, timed
//     in the same page, plus one 60 Hz frame (16.7 ms; stricter than this webview's own frame
//     under Xvfb, which draws in software).
// Prints Markdown rows for docs/benchmarks.md.
//
//   bash benches/ui.sh          (builds, publishes and syncs the 10,000 documents, then runs this)
import { Session, startDriver, until } from '../tests/e2e/webdriver.mjs';

const APP = process.env.APP_BINARY;
const DATA = process.env.BENCH_DATA_DIR;
const QUERIES = ['harm', 'harm reduction', 'santé', 'drogues', 'reducción', 'salud', 'наркотики', 'снижение вреда', 'community', 'rights',
  'dru', 'comm', 'serv', 'pol', 'нар', 'сооб', 'redu', 'san', 'pers', 'netw'];

const pct = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor((v.length * p) / 100))];

const driver = await startDriver();
const s = await Session.start(driver.base, APP, ['--data-dir', DATA, '--lang', 'en']);
try {
  await s.cmd('POST', '/timeouts', { script: 600000 });
  const shown = await until(async () => {
    const n = await s.execute("return document.querySelector('[data-testid=library-count]')?.textContent");
    return n && /\d{4}/.test(n.replace(/\D/g, '')) ? n : null;
  }, 'the library of 10,000', 120000);

  // 1. Scrolling the whole list, against a static list of the same length and row height.
  await s.execute("const b = document.querySelector('#search'); b.value = ''; b.dispatchEvent(new Event('input', { bubbles: true }));");
  await until(async () => !!(await s.execute("return document.querySelector('[data-testid=library-scroller]')")), 'the list');
  const SCROLL = `const done = arguments[arguments.length - 1];
    const el = arguments[0] === 'static' ? window.__static : document.querySelector('[data-testid=library-scroller]');
    el.scrollTop = 0;
    const gaps = [];
    let last = null;
    const step = (now) => {
      if (last !== null) gaps.push(now - last);
      last = now;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1 || gaps.length >= 400) done(gaps);
      else { el.scrollTop += 336; requestAnimationFrame(step); }
    };
    requestAnimationFrame(step);`;
  const rows = await s.execute("return document.querySelector('.vlist-inner').style.height");
  await s.execute(`const n = parseInt(${JSON.stringify(rows)}) / 84;
    const list = document.querySelector('[data-testid=library-scroller]');
    const box = list.getBoundingClientRect();
    const el = document.createElement('div');
    el.className = 'vlist';
    Object.assign(el.style, { position: 'fixed', left: box.left + 'px', top: box.top + 'px', width: box.width + 'px', height: box.height + 'px', zIndex: 5 });
    const ul = document.createElement('ul');
    ul.style.listStyle = 'none'; ul.style.margin = '0'; ul.style.padding = '0';
    const row = document.querySelector('li.doc-row');
    for (let i = 0; i < n; i++) {
      const li = document.createElement('li');
      li.className = 'doc-row';
      li.style.position = 'static';
      li.style.height = '84px';
      li.innerHTML = row.innerHTML;
      ul.appendChild(li);
    }
    el.appendChild(ul);
    document.body.appendChild(el);
    window.__static = el;`);
  const ours = [];
  const stat = [];
  for (let round = 0; round < 3; round++) {
    stat.push(await s.executeAsync(SCROLL, ['static']));
    ours.push(await s.executeAsync(SCROLL, ['ours']));
  }
  await s.execute('window.__static.remove()');
  // This webview's frame: the static list's median frame interval (Xvfb draws in software, far
  // from 60 Hz). A dropped frame is an interval over 1.5 frames.
  const frame = pct(stat.flat(), 50);
  const dropped = (gaps) => gaps.filter((g) => g > 1.5 * frame).length;
  const sum = (v) => v.reduce((a, b) => a + b, 0);
  const oursDropped = sum(ours.map(dropped));
  const statDropped = sum(stat.map(dropped));
  const oursFrames = sum(ours.map((g) => g.length));
  const statFrames = sum(stat.map((g) => g.length));

  // 2. Keystroke to results.
  const keystroke = [];
  const direct = [];
  for (let round = 0; round < 3; round++) {
    for (const q of QUERIES) {
      const r = await s.executeAsync(`const done = arguments[arguments.length - 1];
        const q = ${JSON.stringify(q)};
        const query = { text: q, as_you_type: true, kind: null, language: null, tag: null, publisher: null, year: null,
          has_attachment: null, bookmarked: false, unread: false, sort: 'relevance', limit: 20, offset: 0 };
        const box = document.querySelector('#search');
        const clear = () => { box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true })); };
        clear();
        requestAnimationFrame(() => requestAnimationFrame(async () => {
          // The same search, straight through the IPC (the baseline's "one search").
          const t = performance.now();
          const res = await window.__TAURI_INTERNALS__.invoke('library_search', { query });
          const search = performance.now() - t;
          const want = res.hits[0]?.id ?? null;
          clear();
          requestAnimationFrame(() => requestAnimationFrame(() => {
            const t0 = performance.now();
            box.value = q;
            box.dispatchEvent(new Event('input', { bubbles: true }));
            const check = (now) => {
              const first = document.querySelector('.search-hit')?.dataset.docId ?? null;
              const none = !!document.querySelector('[data-testid=search-none]');
              if ((want && first === want) || (!want && none)) done({ search, latency: now - t0 });
              else if (now - t0 > 5000) done({ search, latency: null });
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }));
        }));`);
      if (round > 0 && r.latency !== null) {
        keystroke.push(r.latency);
        direct.push(r.search);
      }
    }
  }

  const k50 = pct(keystroke, 50), k95 = pct(keystroke, 95), d50 = pct(direct, 50), d95 = pct(direct, 95);
  const f = frame.toFixed(1);
  console.log(`Library shown: ${shown}; ${keystroke.length} keystrokes measured (rounds 2–3 of 3).`);
  console.log('| figure | Peer Library | baseline (same run, same webview) | ratio | target |');
  console.log('|---|---|---|---|---|');
  console.log(`| keystroke to results, median | ${k50.toFixed(1)} ms | one search ${d50.toFixed(1)} ms + one frame 16.7 ms | ${(k50 / (d50 + 16.7)).toFixed(2)}x | ≤ 1x |`);
  console.log(`| keystroke to results, p95 | ${k95.toFixed(1)} ms | one search ${d95.toFixed(1)} ms + one frame 16.7 ms | ${(k95 / (d95 + 16.7)).toFixed(2)}x | ≤ 1x |`);
  console.log(`| median frame while scrolling | ${pct(ours.flat(), 50).toFixed(1)} ms | static list ${f} ms | ${(pct(ours.flat(), 50) / frame).toFixed(2)}x | — |`);
  console.log(`| frames dropped scrolling the whole list (3 passes) | ${oursDropped} of ${oursFrames} | static list of the same rows: ${statDropped} of ${statFrames} | ${statDropped ? (oursDropped / statDropped).toFixed(2) + 'x' : oursDropped === 0 ? 'both 0' : 'static dropped none'} | ≤ 1x |`);
} finally {
  await s.close();
  await driver.stop();
}
