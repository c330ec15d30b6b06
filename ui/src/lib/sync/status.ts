// What the sync bar says, decided from the sync log and the live progress, apart from the markup
// so that it is tested as a function.
import type { Attempt, Progress, SourceReport, SyncStatus } from '../ipc';

export type SyncView =
  | { kind: 'running'; progress: Progress | null }
  | { kind: 'failed'; code: string; held: boolean }
  | { kind: 'ok'; at: number; stale: boolean; added: number }
  | { kind: 'never' };

/** The first feed of an attempt that did not end well, if any. */
export function firstFailure(a: Attempt | null): SourceReport | null {
  return a?.sources.find((s) => s.outcome === 'failed' || s.outcome === 'held' || s.outcome === 'cancelled') ?? null;
}

export function syncView(status: SyncStatus | null, running: boolean, progress: Progress | null): SyncView {
  if (running || status?.running) return { kind: 'running', progress };
  const last = status?.last_attempt ?? null;
  const failed = firstFailure(last);
  if (failed) return { kind: 'failed', code: failed.code ?? 'internal', held: failed.outcome === 'held' };
  if (status?.last_success != null && last) {
    return {
      kind: 'ok',
      at: status.last_success,
      stale: last.sources.some((s) => s.stale),
      added: last.sources.reduce((n, s) => n + s.added, 0),
    };
  }
  return { kind: 'never' };
}

/** The message id for a running sync's progress. */
export function progressMessage(p: Progress | null): { id: string; done: number; total: number } {
  if (!p || p.phase === 'checking') return { id: 'sync-running', done: 0, total: 0 };
  return { id: `sync-progress-${p.phase}`, done: p.done, total: p.total };
}
