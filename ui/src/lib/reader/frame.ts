// The document inside the reader's iframe. The body was sanitised at ingest; the iframe has an
// empty `sandbox` (no scripts, an opaque origin) and inherits the app's CSP, so even HTML that
// slipped past the sanitiser can neither run nor reach the network.
import type { Document } from '../ipc';

const STYLE = `
  :root { color-scheme: light dark; }
  body { font: 17px/1.6 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; margin: 0 auto;
         padding: 8px 20px 40px; max-width: 42rem; color: #1d2433; background: #fff; }
  h1, h2, h3 { line-height: 1.25; }
  a { color: #0b5c87; }
  img { max-width: 100%; height: auto; }
  @media (prefers-color-scheme: dark) {
    body { color: #e6e9ef; background: #161b22; } a { color: #7cc4ef; }
  }
`;

/** Images downloaded at sync time are stored as `peerlib-media:<sha256>`; `media` gives the
 *  address this platform's webview loads them from. */
export function readerDocument(doc: Pick<Document, 'language' | 'body_html'>, media: (sha256: string) => string): string {
  const lang = doc.language.replace(/[^A-Za-z0-9-]/g, '');
  const body = doc.body_html.replace(/ src="peerlib-media:([0-9a-f]{64})"/g, (_, sha: string) => ` src="${media(sha)}"`);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The reader frame's `sandbox`: empty, so no script runs and the frame has no origin. Only the
 *  end-to-end XSS test's canary run (a debug build started with the sandbox switched off, see
 *  tests/e2e/xss.test.mjs) lets scripts run, to show that a script would have been seen. */
export function frameSandbox(): string {
  return (globalThis as { __PEERLIB_TEST_UNSANDBOXED_FRAME__?: boolean }).__PEERLIB_TEST_UNSANDBOXED_FRAME__ === true ? 'allow-scripts' : '';
}
