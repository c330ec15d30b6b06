// Issue 6's checks on the code: every message id the Rust or UI code asks for exists in English
// (and so, by the parity test in the l10n crate, in every locale), and no message goes unused.
// Ids built at run time (`kind-${kind}`, `error-{code}`, `attachment-text-${state}`) are declared
// below as families: a family counts as used when its prefix appears in the code, and each of its
// members must be one the code can produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir, exts, out = []) {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'target', 'bindings'].includes(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, exts, out);
    else if (exts.some((e) => p.endsWith(e))) out.push(p);
  }
  return out;
}

const english = new Set(
  readdirSync(join(ROOT, 'resources/l10n/en'))
    .filter((f) => f.endsWith('.ftl'))
    .flatMap((f) => [...readFileSync(join(ROOT, 'resources/l10n/en', f), 'utf8').matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1])),
);
const code = [...files(join(ROOT, 'src-tauri'), ['.rs']), ...files(join(ROOT, 'ui/src'), ['.ts', '.svelte']), ...files(join(ROOT, 'resources/linux'), ['.py'])]
  .filter((p) => !p.endsWith('.test.ts') && !p.includes('/tests/'))
  // Only what ships: test modules (by convention at the end of a file) and comments do not count.
  .map((p) => ({ path: p, text: readFileSync(p, 'utf8').split('#[cfg(test)]')[0].replace(/^\s*\/\/.*$/gm, '') }));
const all = code.map((c) => c.text).join('\n');

/** The members of the generated `ErrorCode` union (ui/src/lib/ipc/bindings/ErrorCode.ts). */
function errorCodes() {
  const binding = readFileSync(join(ROOT, 'ui/src/lib/ipc/bindings/ErrorCode.ts'), 'utf8');
  const union = binding.match(/export type ErrorCode = ([^;]+);/);
  assert.ok(union, 'ErrorCode.ts declares the union');
  const codes = [...union[1].matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
  assert.ok(codes.length > 20 && codes.includes('internal'), `the binding lists the codes (${codes.length})`);
  return codes;
}

// Families of ids made at run time, with every member the code can produce.
const FAMILIES = {
  'kind-': ['statement', 'report', 'guide', 'news', 'event', 'video', 'publication'],
  // Every code of the Rust ErrorCode enum, read from its generated binding (one source).
  'error-': errorCodes(),
  'attachment-text-': ['no-text-layer', 'encrypted', 'not-its-type', 'unreadable', 'too-large', 'too-slow'],
  'sync-progress-': ['documents', 'attachments', 'applying'],
  // Provenance in the list and search (not the network's own), and in the reader (every one).
  'provenance-': ['library', 'website', 'website-http'],
  'reader-provenance-': ['network', 'library', 'website', 'website-http'],
  'language-name-': ['en', 'fr', 'es', 'ru'],
  // Who named the network followed (NetworkSource::as_str; the window's network section too).
  'cli-network-source-': ['environment', 'joined', 'system', 'shipped'],
  'network-source-': ['environment', 'joined', 'system', 'shipped'],
  // Which network settings are not valid (NetworkShown::invalid, the same names).
  'network-invalid-': ['environment', 'joined', 'system', 'shipped'],
};

test('every id the code asks for exists in English', () => {
  const asked = new Set();
  for (const { text } of code) {
    for (const m of text.matchAll(/\b(?:t|tr|tr_args)\(\s*['"`]([a-z][a-z0-9-]*)['"`]/g)) asked.add(m[1]);
    for (const m of text.matchAll(/Some\("((?:attachment-text|error|kind)-[a-z-]+)"\)/g)) asked.add(m[1]);
  }
  assert.ok(asked.size > 40, `the scan finds the app's ids (${asked.size})`);
  const missing = [...asked].filter((id) => !english.has(id));
  assert.deepEqual(missing, [], 'ids used in code but not defined in resources/l10n/en');
  for (const [prefix, members] of Object.entries(FAMILIES)) {
    for (const m of members) assert.ok(english.has(prefix + m), `${prefix}${m} is defined`);
  }
});

test('no message is unused', () => {
  const used = (id) => {
    if (new RegExp(`['"\`]${id}['"\`]`).test(all)) return true;
    const family = Object.keys(FAMILIES).find((p) => id.startsWith(p));
    return family !== undefined && FAMILIES[family].includes(id.slice(family.length)) && (all.includes(`"${family}{`) || all.includes(`\`${family}\${`) || all.includes(`"${family}"`));
  };
  const unused = [...english].filter((id) => !used(id));
  assert.deepEqual(unused, [], 'messages no code uses: remove them or use them');
});
