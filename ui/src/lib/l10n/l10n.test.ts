import { describe, expect, it } from 'vitest';
import { available, buildBundle, l10n, parseDate, pseudo, PSEUDO, setLocale, t } from './index.svelte';

describe('l10n', () => {
  it('ships the four locales from resources/l10n', () => {
    expect(available).toEqual(['en', 'es', 'fr', 'ru']);
  });

  it('formats Russian plurals with CLDR one/few/many', () => {
    setLocale('ru');
    expect(t('library-count', { count: 1 })).toBe('1 документ');
    expect(t('library-count', { count: 3 })).toBe('3 документа');
    expect(t('library-count', { count: 5 })).toBe('5 документов');
  });

  it('falls back to English for an unknown locale and shows an unknown id as itself', () => {
    setLocale('de');
    expect(l10n.locale).toBe('en');
    expect(t('library-heading')).toBe('Library');
    expect(t('no-such-id')).toBe('no-such-id');
  });

  it('formats dates for the locale, never shifting a bare date to the day before', () => {
    const date = parseDate('2021-06-10')!;
    setLocale('fr');
    expect(t('reader-published', { date })).toBe('Publié le 10 juin 2021');
    setLocale('en');
    expect(t('library-date', { date })).toBe('Jun 10, 2021');
    expect(parseDate('not a date')).toBeUndefined();
    expect(parseDate(null)).toBeUndefined();
  });

  it('every locale bundle parses without errors', () => {
    for (const loc of available) {
      const bundle = buildBundle(loc);
      expect(bundle.hasMessage('app-title'), `${loc} has app-title`).toBe(true);
    }
  });

  it('has a pseudo-locale: accented, longer, variables untouched', () => {
    expect(pseudo('Settings')).toBe('[Šééţţîîñĝš]');
    setLocale(PSEUDO);
    expect(l10n.locale).toBe(PSEUDO);
    const count = t('library-count', { count: 12 });
    expect(count).toContain('12');
    expect(count).not.toContain('documents');
    expect(count.length).toBeGreaterThan('12 documents'.length * 1.3);
    setLocale('en');
  });
});
