// A network's signed feed for the end-to-end tests: made with `peerlib keygen` and `publish`,
// served by `peerlib serve` on 127.0.0.1, followed by the app through PEERLIB_NETWORK.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PEERLIB = process.env.PEERLIB_BINARY;

export function publisher() {
  const dir = mkdtempSync(join(tmpdir(), 'peerlib-feed-'));
  mkdirSync(join(dir, 'src'));
  execFileSync(PEERLIB, ['keygen', '--secret-key', join(dir, 'k'), '--public-key', join(dir, 'k.pub')]);
  return {
    dir,
    write(id, title) {
      writeFileSync(join(dir, 'src', `${id}.md`), `+++\ntitle = "${title}"\nkind = "statement"\nlanguage = "fr"\npublished = 2026-11-0${id.length % 9}\n+++\nRéduction des risques.\n`);
    },
    publish() {
      execFileSync(PEERLIB, ['publish', join(dir, 'src'), join(dir, 'site'), '--secret-key', join(dir, 'k')]);
    },
  };
}

export function serve(site) {
  const child = spawn(PEERLIB, ['serve', site, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    child.stdout.once('data', (d) => resolve({ child, url: String(d).match(/http:\/\/[0-9.:]+/)[0] }));
  });
}

/** network.toml pinning the publisher's key for the feed at `url`; returns its path. */
export function networkToml(feed, url) {
  const key = readFileSync(join(feed.dir, 'k.pub'), 'utf8').split('\n')[1].trim();
  const id = Buffer.from(key, 'base64').subarray(2, 10).reverse().toString('hex').toUpperCase();
  const toml = join(feed.dir, 'network.toml');
  writeFileSync(toml, `name = "Réseau test"\nfeed_url = "${url}/"\n[[keys]]\nid = "${id}"\npublic_key = "${key}"\ncomment = "e2e"\n`);
  return toml;
}
