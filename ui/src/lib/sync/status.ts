// What the sync bar says, decided from the sync log and the live progress, apart from the markup
// so that it is tested as a function.
import type { Attempt, Progress, SourceReport, SyncStatus } from '../ipc';

export type SyncView =
  | { kind: 'running'; progress: Progress | null }
  /** A refused update or a fault on this laptop: needs someone's attention (alarm colour). */
  | { kind: 'failed'; code: string; held: boolean; stale: boolean }
  /** The feed could not be reached (offline, a sign-in page, a slow server): normal at a
   *  conference, said calmly with when the library was last brought up to date (#17 item 2). */
  | { kind: 'unreachable'; code: string; at: number | null; stale: boolean }
  | { kind: 'ok'; at: number; stale: boolean; added: number }
  | { kind: 'never' };

/** Codes that mean an update was refused or this laptop has a problem: the alarm colour. Every
 *  other failure is the network being the network. */
const NEEDS_ACTION = new Set([
  'signature', 'tampered', 'rollback', 'publisher', 'mass-delete', 'bad-key',
  'database', 'newer-database', 'disk', 'network-config', 'internal',
]);

/** Whether the view calls for the alarm colour: a refused update, or a feed past its expiry. */
export function isAlarm(v: SyncView): boolean {
  return v.kind === 'failed' || ((v.kind === 'ok' || v.kind === 'unreachable') && v.stale);
}

/** The first feed of an attempt that did not end well, if any. */
export function firstFailure(a: Attempt | null): SourceReport | null {
  return a?.sources.find((s) => s.outcome === 'failed' || s.outcome === 'held' || s.outcome === 'cancelled') ?? null;
}

export function syncView(status: SyncStatus | null, running: boolean, progress: Progress | null): SyncView {
  if (running || status?.running) return { kind: 'running', progress };
  const last = status?.last_attempt ?? null;
  const failed = firstFailure(last);
  const stale = last?.sources.some((s) => s.stale) ?? false;
  if (failed) {
    const code = failed.code ?? 'internal';
    if (failed.outcome === 'held' || NEEDS_ACTION.has(code)) return { kind: 'failed', code, held: failed.outcome === 'held', stale };
    return { kind: 'unreachable', code, at: status?.last_success ?? null, stale };
  }
  if (status?.last_success != null && last) {
    return {
      kind: 'ok',
      at: status.last_success,
      stale,
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
