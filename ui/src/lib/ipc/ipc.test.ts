import { describe, expect, it } from 'vitest';
import { IpcError, toIpcError } from './index';

describe('toIpcError', () => {
  it('keeps the code and localised message of a wire error', () => {
    const e = toIpcError({ code: 'not-found', message: 'Ce document ne fait plus partie de la bibliothèque.' });
    expect(e).toBeInstanceOf(IpcError);
    expect(e.code).toBe('not-found');
    expect(e.message).toContain('bibliothèque');
  });

  it('turns anything else into an internal error, never leaking its text', () => {
    for (const weird of ['boom', null, 42, { code: 1 }, new Error('/home/olena/secret')]) {
      const e = toIpcError(weird);
      expect(e.code).toBe('internal');
      expect(e.message).toBe('');
    }
  });
});
