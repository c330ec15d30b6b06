//! The tray icon: its state (idle, syncing, error) and its menu (Open, Sync now, Pause sync,
//! Lock now, Erase my personal data, Quit), relabelled when the interface language, discreet mode
//! or the lock changes. Xvfb and some desktops have no tray host: then nothing shows it, and the
//! window stays the way to reach the app (tests/e2e/tray.test.mjs brings a stand-in panel).

use crate::state::AppState;
use peerlib_sync::schedule::Signal;
use std::sync::Mutex;
use tauri::image::Image;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TrayState {
    Idle,
    Syncing,
    Error,
}

/// The tray and the menu items that are relabelled when the language changes.
pub struct Tray {
    icon: TrayIcon,
    pause: CheckMenuItem<tauri::Wry>,
    /// "Open Peer Library", or "Open" in discreet mode.
    open: MenuItem<tauri::Wry>,
    /// "Erase my personal data…": enabled when panic erase is turned on in Settings, and kept
    /// so once locked (`panic_erase`).
    erase: MenuItem<tauri::Wry>,
    /// Whether panic erase was on when the settings were last readable: while locked they are
    /// not (they are inside the encrypted data), and the erase stays offered as it was before
    /// the lock. An app started locked has not read them yet: greyed until the first unlock
    /// (the unlock prompt's "Forgot the passphrase?" offers the erase meanwhile).
    panic_erase: bool,
    /// "Lock now": enabled only while encrypted personal data is unlocked (#18).
    lock: MenuItem<tauri::Wry>,
    labels: Vec<(MenuItem<tauri::Wry>, &'static str)>,
}

/// Show the tray's state (icon and tooltip), if there is a tray.
pub fn set(app: &AppHandle, state: TrayState) {
    let Some(tray) = app.try_state::<Mutex<Tray>>() else { return };
    let st = app.state::<AppState>();
    let (bytes, tip): (&[u8], &str) = match state {
        TrayState::Idle => (include_bytes!("../../resources/icons/tray-idle.png"), "tray-tooltip-idle"),
        TrayState::Syncing => (include_bytes!("../../resources/icons/tray-syncing.png"), "tray-tooltip-syncing"),
        TrayState::Error => (include_bytes!("../../resources/icons/tray-error.png"), "tray-tooltip-error"),
    };
    let tray = tray.lock().unwrap_or_else(|p| p.into_inner());
    // Discreet mode (#18): one neutral icon whatever the state, and a tooltip with nothing in it.
    let discreet = st.discreet();
    if let Ok(img) = Image::from_bytes(if discreet { super::window::DISCREET_ICON } else { bytes }) {
        let _ = tray.icon.set_icon(Some(img));
    }
    let _ = tray.icon.set_tooltip(if discreet { None } else { Some(st.l10n().tr(tip)) });
}

/// The label of the tray's "Open" item: it names the app unless in discreet mode.
fn open_label(state: &AppState) -> &'static str {
    if state.discreet() {
        "tray-open-discreet"
    } else {
        "tray-open"
    }
}

/// True when the desktop shows our tray icon (so closing the window can hide it there).
pub fn exists(app: &AppHandle) -> bool {
    app.try_state::<Mutex<Tray>>().is_some()
}

/// Build the tray, if the desktop has a tray host. Called once from setup.
pub fn install(app: &AppHandle) {
    // The tray item's title, which a panel shows on hover and a screen reader says, is GLib's
    // application name on Linux (libayatana-appindicator falls back to it, and the tray gives no
    // way to set it): otherwise the program's file name, "peer-library", even in discreet mode
    // or locked. GLib takes it once per run, so it is the neutral name in every mode, in the
    // language the app started in (an app started locked has not read the saved language); the
    // menu's "Open Peer Library" names the app when not discreet.
    #[cfg(all(unix, not(target_os = "macos")))]
    gtk::glib::set_application_name(&app.state::<AppState>().l10n().tr("discreet-title"));
    match build(app) {
        Ok(tray) => {
            app.manage(Mutex::new(tray));
        }
        Err(e) => eprintln!("no tray icon (the window stays the way to reach the app): {e}"),
    }
}

fn build(app: &AppHandle) -> tauri::Result<Tray> {
    let state = app.state::<AppState>();
    let l = state.l10n();
    let open = MenuItem::with_id(app, "open", l.tr(open_label(&state)), true, None::<&str>)?;
    let sync = MenuItem::with_id(app, "sync", l.tr("tray-sync-now"), true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(app, "pause", l.tr("tray-pause"), true, false, None::<&str>)?;
    let quit_item = MenuItem::with_id(app, "quit", l.tr("tray-quit"), true, None::<&str>)?;
    let panic_erase = !state.is_locked() && state.settings().panic_erase;
    let erase = MenuItem::with_id(app, "erase", l.tr("tray-erase"), panic_erase, None::<&str>)?;
    let lock = MenuItem::with_id(app, "lock", l.tr("tray-lock"), state.is_encrypted() && !state.is_locked(), None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &sync, &pause, &PredefinedMenuItem::separator(app)?, &lock, &erase, &quit_item])?;
    let discreet = state.discreet();
    let mut builder = TrayIconBuilder::with_id("main")
        .icon(Image::from_bytes(if discreet { super::window::DISCREET_ICON } else { include_bytes!("../../resources/icons/tray-idle.png") })?)
        .menu(&menu);
    if !discreet {
        builder = builder.tooltip(l.tr("tray-tooltip-idle"));
    }
    let icon = builder
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => super::window::show(app),
            "sync" => super::signal(app, Signal::SyncNow),
            "pause" => {
                let paused = app
                    .try_state::<Mutex<Tray>>()
                    .and_then(|t| t.lock().unwrap_or_else(|p| p.into_inner()).pause.is_checked().ok())
                    .unwrap_or(false);
                super::signal(app, Signal::Pause(paused));
            }
            "quit" => super::quit(app),
            "lock" => {
                let app = app.clone();
                std::thread::spawn(move || {
                    let _ = crate::commands::lock::lock_app(&app);
                });
            }
            // Panic erase (#18): the window's countdown, which the user can still cancel.
            "erase" => {
                app.state::<AppState>().erase_asked.store(true, std::sync::atomic::Ordering::SeqCst);
                super::window::show(app);
                crate::events::emit(app, crate::events::ShowView::Erase);
            }
            _ => {}
        })
        .build(app)?;
    let labels = vec![(sync, "tray-sync-now"), (quit_item, "tray-quit"), (erase.clone(), "tray-erase"), (lock.clone(), "tray-lock")];
    Ok(Tray { icon, pause, open, erase, panic_erase, lock, labels })
}

/// Relabel the tray and the window title in the current interface language and mode (discreet
/// or not).
pub fn relabel(app: &AppHandle) {
    let state = app.state::<AppState>();
    super::window::retitle(app);
    if let Some(tray) = app.try_state::<Mutex<Tray>>() {
        let l = state.l10n();
        let mut tray = tray.lock().unwrap_or_else(|p| p.into_inner());
        // Read before asking whether locked: settings read as a lock lands are the defaults,
        // and are then not taken.
        let settings = state.settings();
        if !state.is_locked() {
            tray.panic_erase = settings.panic_erase;
        }
        for (item, id) in &tray.labels {
            let _ = item.set_text(l.tr(id));
        }
        let _ = tray.pause.set_text(l.tr("tray-pause"));
        let _ = tray.open.set_text(l.tr(open_label(&state)));
        let _ = tray.erase.set_enabled(tray.panic_erase);
        let _ = tray.lock.set_enabled(state.is_encrypted() && !state.is_locked());
    }
    let failing = peerlib_sync::SyncLog::read(&state.dir()).attempts.last().is_some_and(|a| !a.ok());
    set(app, if state.sync_running() { TrayState::Syncing } else if failing { TrayState::Error } else { TrayState::Idle });
}
