import type { ShareWhat } from '../ipc';

/** What the share dialog does: save a bundle of `what` (`name`: the collection's or the
 *  document's, null for the whole library), or import one (`path` null: ask for it). The nearby
 *  dialog shares with laptops nearby, or gets the library from one. */
export type Task =
  | { kind: 'share'; what: ShareWhat; name: string | null }
  | { kind: 'import'; path: string | null }
  | { kind: 'nearby-share' }
  | { kind: 'nearby-get' };
