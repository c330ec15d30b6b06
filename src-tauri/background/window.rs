//! The main window beyond its page: showing it again, its title, and closing it to the tray.

use crate::events::{self, ShowView};
use crate::state::AppState;
use tauri::{AppHandle, Manager, WindowEvent};

/// A flag in user.db: the user has been told once that closing the window keeps the app running.
const TOLD_BACKGROUND: &str = "told_background";

pub fn show(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// The neutral icon of discreet mode (#18): a grey square with lines, like any notes app.
pub const DISCREET_ICON: &[u8] = include_bytes!("../../resources/icons/discreet.png");

/// The window's title in the current interface language, and its icon: both neutral in
/// discreet mode.
pub fn retitle(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let state = app.state::<AppState>();
        let id = state.name_id();
        let _ = w.set_title(&state.l10n().tr(id));
        let icon = if id == "discreet-title" { tauri::image::Image::from_bytes(DISCREET_ICON).ok() } else { app.default_window_icon().cloned() };
        if let Some(icon) = icon {
            let _ = w.set_icon(icon);
        }
    }
}

/// Bring the window back on the "new since the last sync" view (a notification was clicked).
pub fn open_new_view(app: &AppHandle) {
    show(app);
    events::emit(app, ShowView::New);
}

/// Closing the window keeps the app syncing in the tray when that setting is on (the default)
/// and there is a tray to come back from; the first time, the user is told.
pub fn on_event(window: &tauri::Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle();
    let state = app.state::<AppState>();
    let keep = state.settings().keep_in_background;
    api.prevent_close();
    if !(keep && super::tray::exists(app)) {
        super::quit(app);
        return;
    }
    let _ = window.hide();
    // Nobody can see the sharing panel any more: sharing stops with it.
    state.end_sharing();
    let told = state.with_user(|u| u.setting(TOLD_BACKGROUND)).ok().flatten().is_some();
    if !told {
        let told = if state.discreet() { "notify-background-discreet" } else { "notify-background" };
        super::notifications::plain(app, &state.l10n().tr(told));
        let _ = state.with_user(|u| u.set_setting(TOLD_BACKGROUND, "yes"));
    }
}
