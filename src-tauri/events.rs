//! Every event the shell sends to the window: its name and its payload type, both generated for
//! TypeScript (ui/src/lib/ipc/bindings: `EventName` and the payloads), so the window cannot
//! listen for a name the shell never sends or read a payload of another shape.
//!
//! To add an event: a variant of [`EventName`], a payload type with `#[ts(export)]` and an
//! `impl Event` naming the variant, then a listener in ui/src/lib/ipc/index.ts.

use crate::error::WireError;
use peerlib_sync::{Attempt, Progress};
use serde::Serialize;
use tauri::{AppHandle, Emitter};

/// The names on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum EventName {
    /// A sync's progress: [`Progress`].
    SyncProgress,
    /// A sync's end: [`SyncFinished`].
    SyncFinished,
    /// The shell asks the window to show a view: [`ShowView`].
    ShowView,
    /// A bundle being written: [`ShareProgress`].
    ShareProgress,
    /// A bundle being imported: [`ImportProgress`].
    ImportProgress,
    /// A newer version of the app found and verified: commands/update.rs's `UpdateReady`.
    UpdateReady,
    /// A Peer Library file opened while the app runs: [`OpenFile`].
    OpenFile,
    /// The background loop planned its next sync anew: [`SyncPlanned`].
    SyncPlanned,
}

impl EventName {
    pub fn as_str(self) -> &'static str {
        match self {
            EventName::SyncProgress => "sync-progress",
            EventName::SyncFinished => "sync-finished",
            EventName::ShowView => "show-view",
            EventName::ShareProgress => "share-progress",
            EventName::ImportProgress => "import-progress",
            EventName::UpdateReady => "update-ready",
            EventName::OpenFile => "open-file",
            EventName::SyncPlanned => "sync-planned",
        }
    }
}

/// A payload, and the one name it is sent under.
pub trait Event: Serialize + Clone {
    const NAME: EventName;
}

impl Event for Progress {
    const NAME: EventName = EventName::SyncProgress;
}

/// How a sync ended, sent as `sync-finished`: the attempt, or why none could be made.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SyncFinished {
    pub attempt: Option<Attempt>,
    pub error: Option<WireError>,
}

impl Event for SyncFinished {
    const NAME: EventName = EventName::SyncFinished;
}

/// The background loop's plan, each time it changes (a sync ended, the window's included; the
/// interval changed; paused): when the next sync is due, in seconds since 1970, or None while
/// paused. The sync bar says it ("Next sync at …") without asking again.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SyncPlanned {
    #[ts(type = "number | null")]
    pub next_sync: Option<i64>,
}

impl Event for SyncPlanned {
    const NAME: EventName = EventName::SyncPlanned;
}

/// A view the shell asks for (a "new documents" notification was clicked: `new`; the tray's
/// panic erase: `erase`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ShowView {
    New,
    /// The tray's "Erase my personal data" (#18): the window's countdown, which can be cancelled.
    Erase,
    /// The personal data was locked (the tray's "Lock now", the idle time): the unlock prompt.
    Locked,
    /// A lock found the personal data decrypted meanwhile (a decryption under way as it came):
    /// nothing is locked, and the prompt gives way to the library.
    Unlocked,
}

impl Event for ShowView {
    const NAME: EventName = EventName::ShowView;
}

/// A bundle being written: files and bytes written so far, of the totals.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ShareProgress {
    #[ts(type = "number")]
    pub files: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub total_files: u64,
    #[ts(type = "number")]
    pub total_bytes: u64,
}

impl Event for ShareProgress {
    const NAME: EventName = EventName::ShareProgress;
}

/// A bundle being imported: the same steps as a sync's.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportProgress(pub Progress);

impl Event for ImportProgress {
    const NAME: EventName = EventName::ImportProgress;
}

/// Send an event to the window (nothing happens when there is no window yet).
pub fn emit<E: Event>(app: &AppHandle, payload: E) {
    let _ = app.emit(E::NAME.as_str(), payload);
}

#[cfg(test)]
mod tests {
    use super::EventName;

    #[test]
    fn as_str_is_the_serde_wire_form() {
        for e in [EventName::SyncProgress, EventName::SyncFinished, EventName::ShowView, EventName::ShareProgress, EventName::ImportProgress, EventName::UpdateReady, EventName::OpenFile, EventName::SyncPlanned] {
            assert_eq!(serde_json::to_string(&e).unwrap(), format!("\"{}\"", e.as_str()), "{e:?}");
        }
    }
}

/// A Peer Library file the user opened (double-clicked) while the app was running: a second
/// launch hands its path over (single instance) and the window offers what it holds.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct OpenFile {
    pub path: String,
}

impl Event for OpenFile {
    const NAME: EventName = EventName::OpenFile;
}
