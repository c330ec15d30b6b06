import { describe, expect, it } from 'vitest';
import { frameSandbox, readerDocument } from './frame';

const media = (sha: string) => `peerlib-media://localhost/${sha}`;

describe('readerDocument', () => {
  it('wraps the sanitised body in a full document with the content language', () => {
    const html = readerDocument({ language: 'ru', body_html: '<p>Снижение вреда</p>' }, media);
    expect(html).toMatch(/^<!doctype html><html lang="ru">/);
    expect(html).toContain('<p>Снижение вреда</p>');
  });

  it('cannot be broken out of through the language attribute', () => {
    const html = readerDocument({ language: 'en"><script>x</script>', body_html: '' }, media);
    expect(html).not.toContain('<script>');
  });

  it('points local images at the media scheme and leaves remote ones for the CSP to block', () => {
    const sha = 'ab'.repeat(32);
    const html = readerDocument({ language: 'en', body_html: `<img src="peerlib-media:${sha}" alt="c"><img src="https://x.example/a.png">` }, media);
    expect(html).toContain(`<img src="peerlib-media://localhost/${sha}" alt="c">`);
    expect(html).toContain('<img src="https://x.example/a.png">');
    expect(readerDocument({ language: 'en', body_html: '<img src="peerlib-media:../../etc">' }, media)).toContain('src="peerlib-media:../../etc"');
  });
});

describe('frameSandbox', () => {
  it('is empty (no scripts, no origin) unless the XSS test canary asked for scripts', () => {
    expect(frameSandbox()).toBe('');
    (globalThis as { __PEERLIB_TEST_UNSANDBOXED_FRAME__?: unknown }).__PEERLIB_TEST_UNSANDBOXED_FRAME__ = 'yes';
    expect(frameSandbox(), 'only the exact flag the debug shell sets').toBe('');
    delete (globalThis as { __PEERLIB_TEST_UNSANDBOXED_FRAME__?: unknown }).__PEERLIB_TEST_UNSANDBOXED_FRAME__;
  });
});
