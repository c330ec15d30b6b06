import { describe, expect, it } from 'vitest';
import { isAlarm, progressMessage, syncView } from './status';
import type { Attempt, SourceReport, SyncStatus } from '../ipc';

const source = (over: Partial<SourceReport>): SourceReport => ({
  source: '', url: 'https://feed.example/', title: 'INPUD', verified: true, outcome: 'up-to-date', added: 0, changed: 0, removed: 0,
  files: 0, bytes: 0, files_missing: 0, files_over_budget: 0, stale: false, seq: 3, code: null, detail: null, retry_at: null, ...over,
});
const attempt = (...sources: SourceReport[]): Attempt => ({ started_at: 100, finished_at: 110, sources });
const status = (last: Attempt | null, lastSuccess: number | null): SyncStatus => ({ running: false, last_success: lastSuccess, last_attempt: last, failures: 0, next_sync: null, documents: 7 });

describe('syncView', () => {
  it('shows progress while running', () => {
    expect(syncView(null, true, null)).toEqual({ kind: 'running', progress: null });
  });
  it('names the first failure, and a held mass delete', () => {
    expect(syncView(status(attempt(source({ outcome: 'failed', code: 'signature' })), 50), false, null)).toEqual({ kind: 'failed', code: 'signature', held: false, stale: false });
    expect(syncView(status(attempt(source({ outcome: 'held', code: 'mass-delete' })), 50), false, null)).toMatchObject({ held: true });
  });
  it('being offline or behind a sign-in page is said calmly, with the last update', () => {
    const offline = syncView(status(attempt(source({ outcome: 'failed', code: 'offline' })), 50), false, null);
    expect(offline).toEqual({ kind: 'unreachable', code: 'offline', at: 50, stale: false });
    expect(isAlarm(offline)).toBe(false);
    const first = syncView(status(attempt(source({ outcome: 'failed', code: 'sign-in' })), null), false, null);
    expect(first).toEqual({ kind: 'unreachable', code: 'sign-in', at: null, stale: false });
    expect(isAlarm(first)).toBe(false);
  });
  it('a refused update and a feed past its expiry are alarms, whatever the server answered', () => {
    expect(isAlarm(syncView(status(attempt(source({ outcome: 'failed', code: 'rollback' })), 50), false, null))).toBe(true);
    const staleOffline = syncView(status(attempt(source({ outcome: 'failed', code: 'offline', stale: true })), 50), false, null);
    expect(staleOffline).toEqual({ kind: 'unreachable', code: 'offline', at: 50, stale: true });
    expect(isAlarm(staleOffline)).toBe(true);
    expect(isAlarm(syncView(status(attempt(source({ outcome: 'up-to-date', stale: true })), 110), false, null))).toBe(true);
    expect(isAlarm(syncView(status(attempt(source({ outcome: 'up-to-date' })), 110), false, null))).toBe(false);
  });
  it('reports success, new documents and a stale feed', () => {
    const v = syncView(status(attempt(source({ outcome: 'updated', added: 3, stale: true }), source({ added: 1 })), 110), false, null);
    expect(v).toEqual({ kind: 'ok', at: 110, stale: true, added: 4 });
  });
  it('knows a library that was never synced', () => {
    expect(syncView(status(null, null), false, null)).toEqual({ kind: 'never' });
  });
  it('waiting for a server is not a failure', () => {
    expect(syncView(status(attempt(source({ outcome: 'waiting' })), 110), false, null).kind).toBe('ok');
  });
});

describe('progressMessage', () => {
  it('maps phases to messages', () => {
    expect(progressMessage(null).id).toBe('sync-running');
    expect(progressMessage({ phase: 'documents', source: 's', done: 5, total: 9, bytes: 4096 })).toEqual({ id: 'sync-progress-documents', done: 5, total: 9 });
  });
});
