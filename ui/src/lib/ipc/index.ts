// The only module that talks to the Rust side (style.md principle 9). Every command is wrapped
// here with its generated types, and every failure becomes an `IpcError` with a closed `code`.
import { convertFileSrc, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { AppInfo } from './bindings/AppInfo';
import type { Document } from './bindings/Document';
import type { LibraryEntry } from './bindings/LibraryEntry';
import type { SearchQuery } from './bindings/SearchQuery';
import type { Personal } from './bindings/Personal';
import type { SearchResults } from './bindings/SearchResults';
import type { SyncStatus } from './bindings/SyncStatus';
import type { SyncFinished } from './bindings/SyncFinished';
import type { SyncPlanned } from './bindings/SyncPlanned';
import type { Progress } from './bindings/Progress';
import type { Subscription } from './bindings/Subscription';
import type { Settings } from './bindings/Settings';
import type { SettingsView } from './bindings/SettingsView';
import type { ErrorCode } from './bindings/ErrorCode';
import type { EventName } from './bindings/EventName';
import type { ShowView } from './bindings/ShowView';
import type { LibraryQuery } from './bindings/LibraryQuery';
import type { LibraryFacets } from './bindings/LibraryFacets';
import type { LibraryPage } from './bindings/LibraryPage';
import type { Collection } from './bindings/Collection';
import type { ShareWhat } from './bindings/ShareWhat';
import type { ShareSize } from './bindings/ShareSize';
import type { ShareProgress } from './bindings/ShareProgress';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ImportDone } from './bindings/ImportDone';
import type { Preview } from './bindings/Preview';
import type { NearbyShared } from './bindings/NearbyShared';
import type { NearbyTaken } from './bindings/NearbyTaken';
import type { NearbyFound } from './bindings/NearbyFound';
import type { PersonalImported } from './bindings/PersonalImported';
import type { Erase } from './bindings/Erase';
import type { UpdateStatus } from './bindings/UpdateStatus';
import type { UpdateReady } from './bindings/UpdateReady';
import type { NetworkInfo } from './bindings/NetworkInfo';
import type { NetworkShown } from './bindings/NetworkShown';
import type { Invitation } from './bindings/Invitation';
import type { OpenFile } from './bindings/OpenFile';
import type { LockStatus } from './bindings/LockStatus';
import type { NothingLocked } from './bindings/NothingLocked';

export type { AppInfo, Document, LibraryEntry, Personal, SearchQuery, SearchResults, SyncStatus, SyncFinished, Progress, Subscription };
export type { Settings, SettingsView, LibraryQuery, LibraryFacets, LibraryPage, Collection, ErrorCode, EventName, ShowView };
export type { ShareWhat, ShareSize, ShareProgress, ImportDone, Preview, NearbyShared, NearbyTaken, NearbyFound, PersonalImported };
export type { UpdateStatus, UpdateReady, NetworkInfo, NetworkShown, Invitation, LockStatus, NothingLocked };
export type { LibrarySort } from './bindings/LibrarySort';
export type { Sort } from './bindings/Sort';
export type { Recovery } from './bindings/Recovery';
export type { Attempt } from './bindings/Attempt';
export type { SourceReport } from './bindings/SourceReport';
export type { SearchHit } from './bindings/SearchHit';
export type { SnippetPart } from './bindings/SnippetPart';
export type { Kind } from './bindings/Kind';
export type { Filters } from './bindings/Filters';
export type { Attachment } from './bindings/Attachment';
export type { Translation } from './bindings/Translation';
export type { TextState } from './bindings/TextState';

/** An error from a command: `code` is from the closed set the Rust side generates; `message` is
 *  already localised. */
export class IpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}

/** Map whatever a command rejected with onto an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new IpcError(code as ErrorCode, message);
  }
  return new IpcError('internal', '');
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export const ipc = {
  appInfo: () => call<AppInfo>('app_info'),
  appQuit: () => call<void>('app_quit'),
  libraryPage: (query: LibraryQuery, offset: number, limit: number) => call<LibraryPage>('library_page', { query, offset, limit }),
  libraryFacets: () => call<LibraryFacets>('library_facets'),
  documentGet: (id: string) => call<Document>('document_get', { id }),
  search: (query: SearchQuery) => call<SearchResults>('library_search', { query }),
  personalGet: (id: string) => call<Personal>('personal_get', { id }),
  bookmarkSet: (id: string, on: boolean) => call<void>('bookmark_set', { id, on }),
  noteSet: (id: string, text: string) => call<void>('note_set', { id, text }),
  readSet: (id: string, read: boolean) => call<void>('read_set', { id, read }),
  collectionsList: () => call<Collection[]>('collections_list'),
  collectionCreate: (name: string) => call<number>('collection_create', { name }),
  collectionRename: (id: number, name: string) => call<void>('collection_rename', { id, name }),
  collectionDelete: (id: number) => call<void>('collection_delete', { id }),
  collectionItemSet: (id: number, document: string, on: boolean) => call<void>('collection_item_set', { id, document, on }),
  collectionReorder: (id: number, order: string[]) => call<void>('collection_reorder', { id, order }),
  collectionEntries: (id: number) => call<LibraryEntry[]>('collection_entries', { id }),
  attachmentOpen: (sha256: string) => call<void>('attachment_open', { sha256 }),
  attachmentSave: (sha256: string) => call<string>('attachment_save', { sha256 }),
  syncNow: (allowMassDelete = false) => call<void>('sync_now', { allowMassDelete }),
  syncCancel: () => call<boolean>('sync_cancel'),
  syncStatus: () => call<SyncStatus>('sync_status'),
  feedsList: () => call<Subscription[]>('feeds_list'),
  feedAdd: (url: string, publicKey: string | null) => call<boolean>('feed_add', { url, publicKey }),
  feedRemove: (url: string) => call<number>('feed_remove', { url }),
  /** The notifications this run asked the OS to show, newest last (the e2e tests read them). */
  notificationsList: () => call<string[]>('notifications_list'),
  settingsGet: () => call<SettingsView>('settings_get'),
  settingsSet: (settings: SettingsView) => call<void>('settings_set', { settings }),
  /** A bundle's size before it is made (#20). */
  shareSize: (what: ShareWhat) => call<ShareSize>('share_size', { what }),
  /** Save a bundle where the user chooses: the path, or null when the dialog was cancelled. */
  shareSave: (what: ShareWhat) => call<string | null>('share_save', { what }),
  /** A bundle file chosen in the system's dialog, or null. */
  importChoose: () => call<string | null>('import_choose'),
  /** What importing a bundle would do, checked whole; nothing is written. */
  importPreview: (path: string) => call<Preview>('import_preview', { path }),
  importApply: (path: string) => call<ImportDone>('import_apply', { path }),
  /** Share with laptops nearby for at most `minutes`, announced on the network when `announce`. */
  nearbyShareStart: (minutes: number, announce: boolean) => call<NearbyShared>('nearby_share_start', { minutes, announce }),
  /** What the laptops nearby took so far; null once sharing has stopped. */
  nearbyShareStatus: () => call<NearbyTaken | null>('nearby_share_status'),
  nearbyShareStop: () => call<NearbyTaken | null>('nearby_share_stop'),
  /** The laptops announcing a sharing on this laptop's networks (takes three seconds). */
  nearbyFind: () => call<NearbyFound[]>('nearby_find'),
  /** Sync from a laptop nearby; returns at once, then `sync-progress` and `sync-finished`. */
  nearbyGet: (address: string, code: string) => call<void>('nearby_get', { address, code }),
  /** Seal the personal data with a passphrase and save it where the user chooses (#18): the
   *  path, or null when the dialog was cancelled. */
  personalExport: (passphrase: string) => call<string | null>('personal_export', { passphrase }),
  /** Choose a personal-data file and merge it in: what arrived, or null when cancelled. */
  personalImport: (passphrase: string) => call<PersonalImported | null>('personal_import', { passphrase }),
  /** Panic erase (#18), after the window's countdown: 'personal' or 'all'. */
  eraseNow: (what: Erase, since: number) => call<void>('erase_now', { what, since }),
  /** Whether a panic erase's countdown is under way (`set` omitted); it opened (true, at
   *  `since` by Date.now()) or was cancelled (false). What it was before. */
  eraseAsked: (set?: boolean, since?: number) => call<boolean>('erase_asked', { set: set ?? null, since: since ?? null }),
  /** Whether the personal data is encrypted, and locked (#18). */
  lockStatus: () => call<LockStatus>('lock_status'),
  /** Unlock with the passphrase (a wrong one waits longer each time, and erases nothing). */
  unlock: (passphrase: string) => call<LockStatus>('unlock', { passphrase }),
  /** "Lock now": the window shows only the unlock prompt until the passphrase is given again. */
  lockNow: () => call<LockStatus>('lock_now'),
  /** "Open the library" on the prompt of a lock that gave way (`nothing_locked`): the tray, the
   *  title and notifications name the app again (unless in discreet mode). */
  nothingLockedSeen: () => call<void>('nothing_locked_seen'),
  /** Milliseconds since the desktop's last input, where the OS says (null elsewhere). */
  idleTime: () => call<number | null>('idle_time'),
  /** Encrypt (current null), change the passphrase (both), or decrypt (next null). */
  encryptionSet: (current: string | null, next: string | null) => call<LockStatus>('encryption_set', { current, new: next }),
  libraryEncryptionSet: (on: boolean) => call<LockStatus>('library_encryption_set', { on }),
  /** The version running and a verified newer one waiting to be installed (#19). */
  updateStatus: () => call<UpdateStatus>('update_status'),
  /** "Check for updates": asks the network's host now and downloads a newer version. */
  updateCheck: () => call<UpdateStatus>('update_check'),
  /** "Install an update from a file…" (a USB stick): `path` opened or dropped, else chosen in the
   *  dialog; checked, then waiting to be installed. */
  updateFromFile: (path: string | null = null) => call<UpdateStatus>('update_from_file', { path }),
  /** Install the waiting version and restart into it. */
  /** True when the person finishes the update (macOS: the disk image opened in the Finder). */
  updateInstall: () => call<boolean>('update_install'),
  /** The network this run follows and who named it, what the settings say now if that differs,
   *  which settings are not valid, and whether a joined network can be left (#19). */
  networkGet: () => call<NetworkShown>('network_get'),
  /** Restart, to follow the network the settings name now. */
  networkRestart: () => call<void>('network_restart'),
  /** An invitation pasted (its text or an https link), checked; nothing is joined. */
  networkPreview: (invitation: string) => call<Invitation>('network_preview', { invitation }),
  /** An invitation file dropped on the window (`path`) or chosen in the dialog; null: cancelled. */
  networkPreviewFile: (path: string | null) => call<Invitation | null>('network_preview_file', { path }),
  /** Join the network of a checked invitation; the app restarts to follow it. */
  networkJoin: (invitation: string) => call<boolean>('network_join', { invitation }),
  /** Leave the joined network (also one whose file no longer reads); the app restarts. */
  networkLeave: () => call<boolean>('network_leave'),
};

/** The interface language the shell chose, set before the page's scripts run (an initialization
 *  script), so the first frame is drawn in it; undefined outside the app. */
export const bootLocale: string | undefined = (() => {
  const v = (globalThis as { __PEERLIB_LOCALE__?: unknown }).__PEERLIB_LOCALE__;
  return typeof v === 'string' ? v : undefined;
})();

/** A Peer Library file the app was opened with (double-clicked: an invitation, a bundle or an
 *  update), set before the page's scripts run; undefined when none. */
export const bootOpen: string | undefined = (() => {
  const v = (globalThis as { __PEERLIB_OPEN__?: unknown }).__PEERLIB_OPEN__;
  return typeof v === 'string' ? v : undefined;
})();

/** Discreet mode (#18) as the shell saw it at start, set before the page's scripts run, so the
 *  first frame already shows the neutral name. */
export const bootDiscreet: boolean = (globalThis as { __PEERLIB_DISCREET__?: unknown }).__PEERLIB_DISCREET__ === true;

/** Encrypted personal data waiting for its passphrase when the app started (#18): the page
 *  starts on the unlock prompt (which asks again: a reload after an erase is no longer locked). */
export const bootLocked: boolean = (globalThis as { __PEERLIB_LOCKED__?: unknown }).__PEERLIB_LOCKED__ === true;

/** How long the idle lock's minute is: 60,000 ms, unless a debug build was started by the lock
 *  test with a shorter one (PEERLIB_TEST_MINUTE_MS, src-tauri/lib.rs). */
export const minuteMs: number = (() => {
  const v = (globalThis as { __PEERLIB_TEST_MINUTE_MS__?: unknown }).__PEERLIB_TEST_MINUTE_MS__;
  return typeof v === 'number' && v > 0 ? v : 60_000;
})();

/** The panic erase's countdown in seconds: 5, unless a debug build was started by a test with a
 *  longer one (PEERLIB_TEST_ERASE_SECONDS, src-tauri/lib.rs). */
export const eraseSeconds: number = (() => {
  const v = (globalThis as { __PEERLIB_TEST_ERASE_SECONDS__?: unknown }).__PEERLIB_TEST_ERASE_SECONDS__;
  return typeof v === 'number' && v > 0 ? v : 5;
})();

/** Listen for one of the shell's events by its generated name (src-tauri/events.rs). */
function on<T>(name: EventName, cb: (payload: T) => void): Promise<UnlistenFn> {
  return listen<T>(name, (e) => cb(e.payload));
}

/** The shell's events: progress while a sync runs, and its end. Each returns its unlisten. */
export const events = {
  syncProgress: (cb: (p: Progress) => void) => on<Progress>('sync-progress', cb),
  syncFinished: (cb: (f: SyncFinished) => void) => on<SyncFinished>('sync-finished', cb),
  /** The background loop's next sync, each time its plan changes. */
  syncPlanned: (cb: (p: SyncPlanned) => void) => on<SyncPlanned>('sync-planned', cb),
  /** The shell asks for a view (a "new documents" notification was clicked: 'new'). */
  showView: (cb: (view: ShowView) => void) => on<ShowView>('show-view', cb),
  shareProgress: (cb: (p: ShareProgress) => void) => on<ShareProgress>('share-progress', cb),
  importProgress: (cb: (p: ImportProgress) => void) => on<ImportProgress>('import-progress', cb),
  /** A Peer Library file opened while the app runs (double-clicked: a second launch hands it
   *  over). */
  openFile: (cb: (f: OpenFile) => void) => on<OpenFile>('open-file', cb),
  /** A newer version was found and verified in the background. */
  updateReady: (cb: (u: UpdateReady) => void) => on<UpdateReady>('update-ready', cb),
};

/** The address the webview loads a document's local image from (the shell's `peerlib-media`
 *  scheme; its form differs by platform, so it is made here, not stored). */
export function mediaUrl(sha256: string): string {
  return convertFileSrc(sha256, 'peerlib-media');
}
