// Layers that hold alone (#17): hostile bodies, hundreds of them from public XSS corpora
// (tests/e2e/xss/corpus.py says which), are synced from a website feed and opened one by one in
// the real window's reader, five ways (each run on a library and a recorder of its own, two runs at
// a time):
//   1. as shipped: the sanitiser at sync, the reader's sandboxed frame, the app's CSP;
//   2. the sanitiser switched off (bodies stored as sent): the sandbox and the CSP alone;
//   3. the CSP switched off: the sanitiser and the sandbox alone;
//   4. the sandbox switched off (scripts allowed in the frame): the sanitiser and the CSP alone;
//   5. the canary: all three off. It must see scripts run, or the other runs prove nothing.
// The switches exist only in debug builds (peerlib_feed::html::test_layer_off, PEERLIB_TEST_LAYERS_OFF).
// Every body starts with a tripwire script that turns alert, confirm, prompt and print into a
// request, and every remote address in a payload points at a recorder on 127.0.0.1; the recorder
// counts every connection. Runs 1-4: no connection at all. Run 5: at least LIVE_AT_LEAST bodies
// reach the recorder (a payload that needs a click, or that only a sanitiser ever sees, does not),
// the plainest of our own among them. Each frame is watched until its load event and 50 ms more
// (400 ms and 50 more when no load event is seen: each run prints how many). The canary goes first,
// beside another run, so it is as loaded as the runs it vouches for.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkToml, publisher } from './feed.mjs';
import { ROOT, SHOTS, Session, freePort, freshDataDir, sleep, startDriver, until } from './webdriver.mjs';

const APP = process.env.APP_BINARY;
const PEERLIB = process.env.PEERLIB_BINARY;
const LIVE_AT_LEAST = 180;
const run = promisify(execFile);
const MUST_FIRE = ['<img src=x onerror=alert(1)>', '<svg onload=(alert)(1)>', '<script>alert(1)</script>', '<body onload=confirm(1)>',
  '<details open ontoggle=(alert)(1)>', '<video src=x onerror=alert(1)></video>', "<iframe srcdoc=\"<script>fetch('//canary.example/')</script>\"></iframe>"];

const corpus = JSON.parse(execFileSync('python3', [join(ROOT, 'tests/e2e/xss/corpus.py')], { maxBuffer: 64 << 20 }).toString());

/** An HTTP server on 127.0.0.1 that records every connection and every request's path. */
function recorder() {
  const paths = [];
  let connections = 0;
  const server = createServer((req, res) => {
    paths.push(req.url);
    res.writeHead(204).end();
  });
  server.on('connection', () => connections++);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        paths,
        connections: () => connections,
        reset() { paths.length = 0; connections = 0; },
        origin: `http://127.0.0.1:${server.address().port}`,
      })));
}

/** Payload `i` as stored in the feed: the tripwire first, every remote host sent to the recorder. */
function body(i, payload, rec) {
  const hit = `${rec}/hit/${i}`;
  const tripwire = `<script>(function(){var r=function(){(new Image).src='${hit}'};window.alert=window.confirm=window.prompt=window.print=r})()</script>`;
  const aimed = payload.replace(/(?:https?:)?\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}|localhost)(?::\d+)?/gi, hit);
  return tripwire + aimed;
}

const xml = (s) =>
  s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const title = (i) => `xss-${String(i).padStart(4, '0')}`;

function atom(site, rec) {
  const t0 = Date.parse('2026-10-01T00:00:00Z');
  const entries = corpus.map(({ source, payload }, i) => `<entry><title>${title(i)}</title><id>urn:peerlib-xss:${i}</id>
<updated>${new Date(t0 + i * 60000).toISOString()}</updated><link href="${site}/item/${i}"/><author><name>${xml(source)}</name></author>
<content type="html">${xml(body(i, payload, rec))}</content></entry>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile bodies</title><id>urn:peerlib-xss</id>
<updated>2026-11-01T00:00:00Z</updated><link href="${site}/"/>${entries.join('\n')}</feed>`;
}

/** Open every payload's document in the reader and come back, in the page, as a person clicking
 *  would: the list row, the reader's frame loaded, Back. Resolves with how many were opened and
 *  the frames' `sandbox` attributes seen. */
const READ_ALL = `
const done = arguments[arguments.length - 1];
const wait = (test, ms) => new Promise((ok, fail) => { const end = Date.now() + ms;
  (function poll() { const v = test(); if (v) return ok(v); if (Date.now() > end) return fail(new Error('timeout')); setTimeout(poll, 5); })(); });
(async () => {
  let opened = 0, late = 0; const sandboxes = new Set(); const failed = [];
  const scroller = () => document.querySelector('[data-testid="library-scroller"]');
  const total = Number(document.querySelector('li.doc-row')?.getAttribute('aria-setsize') || 0);
  for (let i = 0; i < total; i++) {
    await wait(() => scroller(), 10000);
    scroller().scrollTop = i * 84; scroller().dispatchEvent(new Event('scroll'));
    const row = await wait(() => document.querySelector('li.doc-row[data-index="' + i + '"] .doc-title'), 5000);
    const name = row.textContent.trim();
    if (!name.startsWith('xss-')) continue;
    row.click();
    try {
      const frame = await wait(() => document.querySelector('#reader-title')?.textContent.trim() === name && document.querySelector('iframe.doc-frame'), 5000);
      sandboxes.add(frame.getAttribute('sandbox'));
      await new Promise((ok) => {
        let loaded = false;
        frame.addEventListener('load', () => { loaded = true; ok(); }, { once: true });
        setTimeout(() => { if (!loaded) late++; ok(); }, 400);
      });
      await new Promise((ok) => setTimeout(ok, 50));
      opened++;
    } catch (e) { failed.push(name); }
    document.querySelector('button.back')?.click();
  }
  done({ opened, late, failed, sandboxes: [...sandboxes] });
})().catch((e) => done({ error: String(e) }));`;

/** The five runs: name, the layers switched off (PEERLIB_TEST_LAYERS_OFF), what is left on. */
const RUNS = [
  // The canary first: it runs beside another run, as loaded as the runs it vouches for.
  ['canary', 'sanitizer,csp,sandbox', 'nothing'],
  ['shipped', '', 'sanitiser, sandbox and CSP'],
  ['no-sanitizer', 'sanitizer', 'the sandbox and the CSP alone'],
  ['no-csp', 'csp', 'the sanitiser and the sandbox alone'],
  ['no-sandbox', 'sandbox', 'the sanitiser and the CSP alone'],
];

// Two runs at a time: each has a library synced for it, whose bodies aim at a recorder of its
// own, and an app on a D-Bus session of its own (one instance runs per session).
describe('XSS: each layer of the reader holds alone', { timeout: 1800000, concurrency: 2 }, () => {
  let site, dead;
  const runs = {};
  const feeds = {};
  before(async () => {
    site = createServer((req, res) => {
      const feed = feeds[req.url.match(/^\/feed\/([a-z-]+)\.xml$/)?.[1]];
      if (feed) return res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(feed);
      res.writeHead(404).end();
    });
    await new Promise((r) => site.listen(0, '127.0.0.1', r));
    const siteUrl = `http://127.0.0.1:${site.address().port}`;
    // The network's feed is a closed port: these libraries hold only the hostile feed.
    dead = await freePort();
    const network = networkToml(publisher(), `http://127.0.0.1:${dead}`);
    for (const [mode, off] of RUNS) {
      const rec = await recorder();
      feeds[mode] = atom(siteUrl, rec.origin);
      const dir = freshDataDir();
      // At sync only the sanitizer switch counts: the others are the reader's.
      const env = { ...process.env, PEERLIB_NETWORK: network, PEERLIB_TEST_LAYERS_OFF: off };
      // (Not execFileSync: the feed's server is in this process and must go on answering.)
      await run(PEERLIB, ['feeds', 'add', `${siteUrl}/feed/${mode}.xml`, '--data-dir', dir], { env });
      // The network's feed cannot be reached, so the sync ends in an error; the website feed is synced.
      await run(PEERLIB, ['sync', '--data-dir', dir], { env }).catch(() => {});
      const listed = JSON.parse((await run(PEERLIB, ['list', '--json', '--data-dir', dir], { env, maxBuffer: 64 << 20 })).stdout);
      assert.equal(listed.filter((d) => d.title.startsWith('xss-')).length, corpus.length, `every hostile body synced into the ${mode} library`);
      assert.equal(rec.connections(), 0, `the ${mode} library's sync made no connection to the recorder`);
      runs[mode] = { rec, dir, off };
    }
  });
  after(() => {
    site?.close();
    for (const { rec } of Object.values(runs)) rec.server.close();
  });

  async function readAll(mode) {
    const { rec, dir, off } = runs[mode];
    const env = { ...process.env, PEERLIB_NETWORK: networkToml(publisher(), `http://127.0.0.1:${dead}`), PEERLIB_TEST_LAYERS_OFF: off };
    const driver = await startDriver({ ownBus: true, env });
    rec.reset();
    try {
      const s = await Session.start(driver.base, APP, ['--data-dir', dir, '--lang', 'en']);
      try {
        // The whole list, not its first page: the window shows the first rows before the rest arrive.
        await until(async () => (Number(await s.execute("return document.querySelector('li.doc-row')?.getAttribute('aria-setsize') || 0")) >= corpus.length ? true : null), 'the whole library listed', 60000);
        await s.cmd('POST', '/timeouts', { script: 1500000 });
        const result = await s.executeAsync(READ_ALL);
        assert.ok(!result.error, `reading went through: ${result.error}`);
        await sleep(2000); // what a frame asked for last
        await s.screenshot(`xss-${mode}`);
        return result;
      } finally {
        await s.close();
      }
    } finally {
      await driver.stop();
    }
  }

  const hitIds = (rec) => new Set(rec.paths.map((p) => p.match(/^\/hit\/(\d+)/)?.[1]).filter(Boolean).map(Number));
  const describeHits = (rec) => [...hitIds(rec)].slice(0, 20).map((i) => `${title(i)} (${corpus[i].source}): ${corpus[i].payload}`).join('\n');

  it('canary: with every layer off the same bodies do reach the recorder', async () => {
    const r = await readAll('canary');
    const { rec } = runs.canary;
    assert.equal(r.opened, corpus.length, 'every hostile document was read');
    assert.deepEqual(r.sandboxes, ['allow-scripts'], 'the canary run lets scripts run');
    const live = hitIds(rec);
    console.log(`xss: canary: ${r.late} of ${r.opened} frames gave no load event within 400 ms`);
    const bySource = {};
    for (const i of live) bySource[corpus[i].source] = (bySource[corpus[i].source] || 0) + 1;
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'xss-live.json'), JSON.stringify({ total: corpus.length, live: live.size, bySource, notLive: corpus.filter((_, i) => !live.has(i)) }, null, 1));
    console.log(`xss: ${live.size} of ${corpus.length} bodies reach the recorder with every layer off (${JSON.stringify(bySource)})`);
    assert.ok(live.size >= LIVE_AT_LEAST, `at least ${LIVE_AT_LEAST} bodies are live with every layer off (${live.size})`);
    // The plainest ways in, each of which any engine runs: seen, or the recorder sees nothing.
    for (const p of MUST_FIRE) {
      const i = corpus.findIndex((c) => c.payload === p);
      assert.ok(i >= 0 && live.has(i), `the canary sees ${p}`);
    }
  });

  for (const [mode, off, why] of RUNS.filter(([mode]) => mode !== 'canary')) {
    it(`${mode}: ${why} stop every script and every request`, async () => {
      const r = await readAll(mode);
      const { rec } = runs[mode];
      console.log(`xss: ${mode}: ${r.late} of ${r.opened} frames gave no load event within 400 ms`);
      assert.deepEqual(r.failed, [], 'every hostile document opened');
      assert.equal(r.opened, corpus.length, 'every hostile document was read');
      assert.deepEqual(r.sandboxes, [off === 'sandbox' ? 'allow-scripts' : ''], 'the reader frame is sandboxed as this run asks');
      assert.equal(rec.connections(), 0, `no connection from the reader (${rec.connections()} made); hits:\n${describeHits(rec)}`);
    });
  }
});
