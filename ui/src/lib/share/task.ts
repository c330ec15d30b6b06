import type { ShareWhat } from '../ipc';

/** What the share dialog does: save a bundle of `what` (`name`: the collection's or the
 *  document's, null for the whole library), or import one (`path` null: ask for it). */
export type Task = { kind: 'share'; what: ShareWhat; name: string | null } | { kind: 'import'; path: string | null };
