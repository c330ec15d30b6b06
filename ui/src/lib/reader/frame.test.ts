import { describe, expect, it } from 'vitest';
import { readerDocument } from './frame';

describe('readerDocument', () => {
  it('wraps the sanitised body in a full document with the content language', () => {
    const html = readerDocument({ language: 'ru', body_html: '<p>Снижение вреда</p>' });
    expect(html).toMatch(/^<!doctype html><html lang="ru">/);
    expect(html).toContain('<p>Снижение вреда</p>');
  });

  it('cannot be broken out of through the language attribute', () => {
    const html = readerDocument({ language: 'en"><script>x</script>', body_html: '' });
    expect(html).not.toContain('<script>');
  });
});
