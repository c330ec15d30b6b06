//! OS notifications. "N new documents" can be clicked: on Linux and the BSDs it goes through
//! notify-rust (the freedesktop notification service on the session bus) with a default action,
//! and a click opens the "new since the last sync" view; elsewhere tauri-plugin-notification
//! shows it, without a click callback. Every notification this run asked for is recorded in the
//! state (`notifications_list`, for tests and a later "what's new").

use crate::state::AppState;
use peerlib_l10n::Value;
use tauri::{AppHandle, Manager};

/// "N new documents", clickable where the desktop reports clicks; in discreet mode (#18) "New
/// items" from "Library", with no count.
pub fn new_documents(app: &AppHandle, added: u64) {
    let state = app.state::<AppState>();
    let (title, body) = new_documents_text(&state.l10n(), added, state.discreet());
    let open = state.l10n().tr("notify-open-new");
    state.record_notification(&body);
    let handle = app.clone();
    let shown = show_clickable(&title, &title, &body, &open, move || super::window::open_new_view(&handle));
    if !shown {
        plugin_show(app, &title, &body);
    }
}

/// The title (also the sender's name) and the body of "N new documents".
pub fn new_documents_text(l: &peerlib_l10n::Localizer, added: u64, discreet: bool) -> (String, String) {
    if discreet {
        (l.tr("discreet-title"), l.tr("notify-new-items"))
    } else {
        (l.tr("app-title"), l.tr_args("notify-new-documents", &[("count", Value::from(added))]))
    }
}

/// A notification that only tells something. On Linux it goes through the notification service
/// directly, as "N new documents" does, so that the sender's name is the one chosen here
/// (neutral in discreet mode) rather than the program's.
pub fn plain(app: &AppHandle, body: &str) {
    let state = app.state::<AppState>();
    state.record_notification(body);
    let title = state.l10n().tr(state.name_id());
    let open = state.l10n().tr("tray-open-discreet");
    if !show_clickable(&title, &title, body, &open, || {}) {
        plugin_show(app, &title, body);
    }
}

fn plugin_show(app: &AppHandle, title: &str, body: &str) {
    use tauri_plugin_notification::NotificationExt;
    let _ = app.notification().builder().title(title).body(body).show();
}

/// Show a notification; `on_click` runs (on a background thread) if the user clicks it.
/// Returns false when no notification service answered (the desktop has none).
#[cfg(all(unix, not(target_os = "macos")))]
pub fn show_clickable(app_name: &str, title: &str, body: &str, open_label: &str, on_click: impl FnOnce() + Send + 'static) -> bool {
    let mut n = notify_rust::Notification::new();
    n.appname(app_name).summary(title).body(body).action("default", open_label);
    match n.show() {
        Ok(handle) => {
            std::thread::spawn(move || {
                handle.wait_for_action(|action| {
                    if action == "default" {
                        on_click();
                    }
                });
            });
            true
        }
        Err(_) => false,
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn show_clickable(_app_name: &str, _title: &str, _body: &str, _open_label: &str, _on_click: impl FnOnce() + Send + 'static) -> bool {
    false
}
