// Nothing leaves the laptop while it reads (#17 "zero requests while reading", #18 item 7): a
// document whose body names a remote server in every way a page can load something (images,
// srcset, styles, @import and fonts, media, frames, objects, prefetch and preload hints, a
// refresh, a background, a form) is synced and opened in the real window. A recorder on
// 127.0.0.1 stands in for that server and counts every connection made to it: none, ever, during
// the sync or the reading. (The sync refuses its address, which is not the feed's own, and the
// sanitiser and the reader's frame stop the rest.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkToml, publisher, serve } from './feed.mjs';
import { Session, sleep, startDriver, until, freshDataDir } from './webdriver.mjs';

const APP = process.env.APP_BINARY;

/** A TCP server on 127.0.0.1 that counts connections and says nothing. */
function recorder() {
  const seen = [];
  const server = createServer((sock) => {
    seen.push(Date.now());
    sock.destroy();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, seen, origin: `127.0.0.1:${server.address().port}` })));
}

/** A body that asks for `origin` in every way HTML and CSS can. */
function hostileBody(origin) {
  const u = (p) => `https://${origin}/${p}`;
  return `<p>Offline reading must stay offline.</p>
<img src="${u('img.png')}" alt="remote image"><img srcset="${u('a.png')} 1x, ${u('b.png')} 2x" src="${u('c.png')}">
<picture><source srcset="${u('d.webp')}"><img src="${u('e.png')}"></picture>
<link rel="stylesheet" href="${u('s.css')}"><link rel="prefetch" href="${u('p')}"><link rel="preload" href="${u('f.woff2')}" as="font">
<link rel="dns-prefetch" href="//${origin}"><link rel="preconnect" href="${u('')}">
<style>@import url("${u('i.css')}"); @font-face { font-family: x; src: url("${u('x.woff2')}"); } p { background: url("${u('bg.png')}"); font-family: x; }</style>
<p style="background-image:url('${u('inline.png')}')">styled</p>
<video src="${u('v.mp4')}" poster="${u('poster.png')}" autoplay></video><audio src="${u('a.mp3')}" autoplay></audio>
<iframe src="${u('frame.html')}"></iframe><object data="${u('o.swf')}"></object><embed src="${u('e.swf')}">
<svg><image href="${u('svg.png')}"/></svg><table background="${u('t.png')}"><tr><td background="${u('td.png')}">cell</td></tr></table>
<meta http-equiv="refresh" content="0;url=${u('refresh')}">
<form action="${u('form')}"><input type="image" src="${u('input.png')}"></form>
<a href="${u('link')}">a link is followed only when clicked</a>`;
}

describe('privacy: reading makes no request', { timeout: 180000 }, () => {
  let driver, server, feed, rec;
  before(async () => {
    rec = await recorder();
    feed = publisher();
    writeFileSync(join(feed.dir, 'src', 'remote.md'), `+++\ntitle = "Remote references"\nkind = "statement"\nlanguage = "en"\npublished = 2026-11-09\n+++\n${hostileBody(rec.origin)}\n`);
    feed.publish();
    server = await serve(join(feed.dir, 'site'));
    process.env.PEERLIB_NETWORK = networkToml(feed, server.url);
    driver = await startDriver();
  });
  after(async () => {
    await driver?.stop();
    server?.child.kill();
    rec?.server.close();
  });

  it('a document naming a remote server in every way is synced and read with no connection to it', async () => {
    const s = await Session.start(driver.base, APP, ['--data-dir', freshDataDir(), '--lang', 'en']);
    try {
      // The background loop's first sync (a few seconds after start) brings it.
      await until(async () => ((await s.execute("return document.querySelectorAll('li.doc-row').length")) === 1 ? true : null), 'the document synced', 60000);
      await s.click('li.doc-row .doc-title');
      await until(async () => ((await s.text('#reader-title')) === 'Remote references' ? true : null), 'the document open');
      // The reader's sandboxed frame holds the body (its document is not readable from the page:
      // no same origin), and no remote address is left in it.
      const srcdoc = await until(async () => (await s.execute("return document.querySelector('iframe.doc-frame')?.getAttribute('srcdoc') || ''")).includes('Offline reading must stay offline') ? await s.execute("return document.querySelector('iframe.doc-frame').getAttribute('srcdoc')") : null, 'the body shown');
      // A link stays a link (followed only if clicked, in the system browser); nothing else names it.
      assert.ok(!srcdoc.replace(/<a [^>]*>/g, '').includes(rec.origin), `no reference to the remote server is stored or shown: ${srcdoc}`);
      await sleep(2000);
      await s.screenshot('privacy-reader-en');
      assert.equal(rec.seen.length, 0, `no connection to the remote server, during the sync or the reading (${rec.seen.length} made)`);
    } finally {
      await s.close();
    }
  });
});
