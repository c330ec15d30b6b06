// Fluent in the UI: the same resources/l10n/<locale>/*.ftl files the Rust side reads, bundled at
// build time (no network, no file access at run time). `t()` is reactive: changing the locale
// re-renders every string.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

const sources = import.meta.glob('../../../../resources/l10n/*/*.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const FALLBACK = 'en';

/** The locales that ship, from the folders present. */
export const available: string[] = [
  ...new Set(Object.keys(sources).map((p) => p.split('/').at(-2)!)),
].sort();

/** The pseudo-locale (the shell offers it in development builds only): English with accented
 *  letters and doubled vowels, about 40% longer, bracketed so clipped text shows. */
export const PSEUDO = 'en-XA';

const ACCENTED: Record<string, string> = {
  a: 'àà', e: 'éé', i: 'îî', o: 'öö', u: 'üü', y: 'ýý', A: 'ÀÀ', E: 'ÉÉ', I: 'ÎÎ', O: 'ÖÖ', U: 'ÜÜ', Y: 'ÝÝ',
  c: 'ç', C: 'Ç', n: 'ñ', N: 'Ñ', s: 'š', S: 'Š', t: 'ţ', T: 'Ţ', g: 'ĝ', G: 'Ĝ', l: 'ļ', L: 'Ļ', r: 'ŕ', R: 'Ŕ',
  z: 'ž', Z: 'Ž', d: 'ď', D: 'Ď', k: 'ķ', K: 'Ķ', w: 'ŵ', W: 'Ŵ', h: 'ĥ', H: 'Ĥ',
};

/** The same transformation as the shell's (src-tauri/crates/l10n). */
export function pseudo(text: string): string {
  if (text.trim() === '') return text;
  return `[${[...text].map((c) => ACCENTED[c] ?? c).join('')}]`;
}

export function buildBundle(locale: string): FluentBundle {
  const isPseudo = locale === PSEUDO;
  const from = isPseudo ? FALLBACK : locale;
  // Isolation marks only matter for right-to-left scripts; none ships yet and they would leak
  // into accessible names and test selectors.
  const bundle = new FluentBundle(locale, { useIsolating: false, transform: isPseudo ? pseudo : undefined });
  for (const [path, text] of Object.entries(sources)) {
    if (path.split('/').at(-2) !== from) continue;
    const errors = bundle.addResource(new FluentResource(text));
    if (errors.length) console.error(`l10n: ${path}`, errors);
  }
  return bundle;
}

const bundles = new Map<string, FluentBundle>();
function bundleFor(locale: string): FluentBundle {
  let b = bundles.get(locale);
  if (!b) {
    b = buildBundle(locale);
    bundles.set(locale, b);
  }
  return b;
}

export const l10n = $state({ locale: FALLBACK });

export function setLocale(locale: string) {
  l10n.locale = available.includes(locale) || locale === PSEUDO ? locale : FALLBACK;
  document.documentElement.lang = l10n.locale;
}

/** Format message `id` in the current locale, falling back to English, then to the id itself. */
export function t(id: string, args?: Record<string, FluentVariable>): string {
  for (const loc of [l10n.locale, FALLBACK]) {
    const bundle = bundleFor(loc);
    const msg = bundle.getMessage(id);
    if (msg?.value) return bundle.formatPattern(msg.value, args);
  }
  return id;
}

/** A published date from the feed ("2021-06-10" or a full timestamp) as a Date, or undefined. */
export function parseDate(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  // A bare date is a calendar day, not midnight UTC: read it as local noon so no time zone
  // shifts it to the day before.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
