//! Keeping the library current without the user thinking of it (issue #8): the scheduler loop
//! with the app's real runner, the tray icon (idle, syncing, error; Open, Sync now, Pause sync,
//! Quit), closing the window to the tray, and "N new documents" notifications.

use crate::commands::sync as syncing;
use crate::scheduler::{self, Config, Outcome, Runner, Signal};
use crate::state::{unix_now, AppState};
use peerlib_l10n::Value;
use std::sync::Mutex;
use std::time::Duration;
use tauri::image::Image;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Emitter, Manager, WindowEvent};
use tokio::sync::mpsc;

/// Settings in user.db (values "on" / "off", minutes).
pub const SETTING_INTERVAL: &str = "sync_interval_minutes";
pub const SETTING_NOTIFY: &str = "notifications";
pub const SETTING_KEEP: &str = "keep_in_background";
pub const SETTING_BUDGET: &str = "attachment_budget_mb";
pub const SETTING_LANGUAGE: &str = "interface_language";
const SETTING_TOLD: &str = "told_background";
/// The environment variable that overrides the interval, in seconds.
pub const INTERVAL_ENV: &str = "PEERLIB_SYNC_INTERVAL";

/// What the shell keeps for the background: the loop's mailbox and the tray.
pub struct Background {
    tx: mpsc::Sender<Signal>,
    /// The tray menu's items with their message ids, relabelled when the language changes.
    labels: Mutex<Vec<(MenuItem<tauri::Wry>, &'static str)>>,
    done: Mutex<Option<tokio::sync::oneshot::Receiver<()>>>,
    tray: Mutex<Option<TrayIcon>>,
    pause_item: Mutex<Option<CheckMenuItem<tauri::Wry>>>,
}

impl Background {
    pub fn signal(&self, s: Signal) {
        let _ = self.tx.try_send(s);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TrayState {
    Idle,
    Syncing,
    Error,
}

/// Show the tray's state (icon and tooltip), if there is a tray.
pub fn set_tray(app: &AppHandle, state: TrayState) {
    let Some(bg) = app.try_state::<Background>() else { return };
    let st = app.state::<AppState>();
    let (bytes, tip): (&[u8], &str) = match state {
        TrayState::Idle => (include_bytes!("../resources/icons/tray-idle.png"), "tray-tooltip-idle"),
        TrayState::Syncing => (include_bytes!("../resources/icons/tray-syncing.png"), "tray-tooltip-syncing"),
        TrayState::Error => (include_bytes!("../resources/icons/tray-error.png"), "tray-tooltip-error"),
    };
    let guard = bg.tray.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(tray) = guard.as_ref() {
        if let Ok(img) = Image::from_bytes(bytes) {
            let _ = tray.set_icon(Some(img));
        }
        let _ = tray.set_tooltip(Some(st.l10n().tr(tip)));
    }
}

/// The app's runner for the scheduler: a real sync through the shell, a TCP connect for
/// reachability.
struct AppRunner {
    app: AppHandle,
}

impl Runner for AppRunner {
    fn sync(&self) -> impl std::future::Future<Output = Outcome> + Send + 'static {
        let app = self.app.clone();
        async move {
            match syncing::run(&app, false).await {
                Ok(attempt) => {
                    let now = unix_now();
                    let wait = attempt.sources.iter().filter_map(|s| s.retry_at).map(|t| (t - now).max(0) as u64).max();
                    Outcome {
                        ok: attempt.ok(),
                        offline: attempt.sources.iter().any(|s| s.code.as_deref() == Some("offline")),
                        retry_after: wait.map(Duration::from_secs),
                    }
                }
                // Another sync (the window's) is running: not a failure of ours.
                Err(e) if e.code == "busy" => Outcome { ok: true, ..Default::default() },
                Err(_) => Outcome::default(),
            }
        }
    }

    fn scheduled(&self, next: Option<Duration>) {
        self.app.state::<AppState>().set_next_sync(next.map(|d| unix_now() + d.as_secs() as i64));
    }

    fn reachable(&self) -> impl std::future::Future<Output = bool> + Send + 'static {
        let target = self
            .app
            .state::<AppState>()
            .network()
            .ok()
            .and_then(|n| url::Url::parse(&n.feed_url).ok())
            .and_then(|u| Some(format!("{}:{}", u.host_str()?, u.port_or_known_default()?)));
        async move {
            let Some(target) = target else { return false };
            matches!(tokio::time::timeout(Duration::from_secs(3), tokio::net::TcpStream::connect(target)).await, Ok(Ok(_)))
        }
    }

    fn cancel(&self) {
        self.app.state::<AppState>().cancel_sync();
    }
}

/// Start the loop and the tray. Called once from setup.
pub fn start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let setting = state.with_user(|u| u.setting(SETTING_INTERVAL)).ok().flatten();
    let interval = scheduler::interval(std::env::var(INTERVAL_ENV).ok().as_deref(), setting.as_deref());
    let (tx, rx) = mpsc::channel(16);
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    let runner = AppRunner { app: app.clone() };
    tauri::async_runtime::spawn(async move {
        scheduler::run(Config::with_interval(interval), rx, runner, jitter).await;
        let _ = done_tx.send(());
    });
    let tray = build_tray(app).map_err(|e| eprintln!("no tray icon (the window stays the way to reach the app): {e}")).ok();
    let (tray, pause_item, labels) = match tray {
        Some((t, p, l)) => (Some(t), Some(p), l),
        None => (None, None, vec![]),
    };
    app.manage(Background {
        tx,
        labels: Mutex::new(labels),
        done: Mutex::new(Some(done_rx)),
        tray: Mutex::new(tray),
        pause_item: Mutex::new(pause_item),
    });
}

/// A number in 0..1 from the clock's nanoseconds: enough to spread a room of laptops apart.
fn jitter() -> f64 {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    (n % 1_000_000) as f64 / 1_000_000.0
}

type Tray = (TrayIcon, CheckMenuItem<tauri::Wry>, Vec<(MenuItem<tauri::Wry>, &'static str)>);

fn build_tray(app: &AppHandle) -> tauri::Result<Tray> {
    let state = app.state::<AppState>();
    let l = state.l10n();
    let open = MenuItem::with_id(app, "open", l.tr("tray-open"), true, None::<&str>)?;
    let sync = MenuItem::with_id(app, "sync", l.tr("tray-sync-now"), true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(app, "pause", l.tr("tray-pause"), true, false, None::<&str>)?;
    let quit_item = MenuItem::with_id(app, "quit", l.tr("tray-quit"), true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &sync, &pause, &PredefinedMenuItem::separator(app)?, &quit_item])?;
    let tray = TrayIconBuilder::with_id("main")
        .icon(Image::from_bytes(include_bytes!("../resources/icons/tray-idle.png"))?)
        .tooltip(l.tr("tray-tooltip-idle"))
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => show_window(app),
            "sync" => app.state::<Background>().signal(Signal::SyncNow),
            "pause" => {
                let bg = app.state::<Background>();
                let paused = bg.pause_item.lock().unwrap_or_else(|p| p.into_inner()).as_ref().and_then(|i| i.is_checked().ok()).unwrap_or(false);
                bg.signal(Signal::Pause(paused));
            }
            "quit" => quit(app),
            _ => {}
        })
        .build(app)?;
    let labels = vec![(open, "tray-open"), (sync, "tray-sync-now"), (quit_item, "tray-quit")];
    Ok((tray, pause, labels))
}

/// Relabel the tray and the window title in the current interface language.
pub fn relabel(app: &AppHandle) {
    let state = app.state::<AppState>();
    let l = state.l10n();
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&l.tr("app-title"));
    }
    let Some(bg) = app.try_state::<Background>() else { return };
    for (item, id) in bg.labels.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        let _ = item.set_text(l.tr(id));
    }
    if let Some(p) = bg.pause_item.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
        let _ = p.set_text(l.tr("tray-pause"));
    }
    drop(l);
    let failing = peerlib_sync::SyncLog::read(&state.dir).attempts.last().is_some_and(|a| !a.ok());
    set_tray(app, if state.sync_running() { TrayState::Syncing } else if failing { TrayState::Error } else { TrayState::Idle });
}

pub fn show_window(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Quit: stop the loop (cancelling a running sync, bounded), then exit.
pub fn quit(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Some(bg) = app.try_state::<Background>() {
            let done = bg.done.lock().unwrap_or_else(|p| p.into_inner()).take();
            let tx = bg.tx.clone();
            if let Some(done) = done {
                scheduler::stop(&tx, async { let _ = done.await; }, Duration::from_secs(4)).await;
            }
        }
        app.exit(0);
    });
}

/// Closing the window keeps the app syncing in the tray when that setting is on (the default)
/// and there is a tray to come back from; the first time, the user is told.
pub fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle();
    let has_tray = app.try_state::<Background>().is_some_and(|b| b.tray.lock().unwrap_or_else(|p| p.into_inner()).is_some());
    let state = app.state::<AppState>();
    let keep = state.with_user(|u| u.setting(SETTING_KEEP)).ok().flatten().as_deref() != Some("off");
    if !(keep && has_tray) {
        quit(app);
        api.prevent_close();
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    let told = state.with_user(|u| u.setting(SETTING_TOLD)).ok().flatten().is_some();
    if !told {
        let text = state.l10n().tr("notify-background");
        notify(app, &text);
        let _ = state.with_user(|u| u.set_setting(SETTING_TOLD, "yes"));
    }
}

/// After a sync: "N new documents", unless it was the library's first sync, nothing is new, or
/// the user turned notifications off.
pub fn after_sync(app: &AppHandle, attempt: &peerlib_sync::Attempt, had_synced_before: bool) {
    set_tray(app, if attempt.ok() { TrayState::Idle } else { TrayState::Error });
    let added = attempt.added();
    let state = app.state::<AppState>();
    let on = state.with_user(|u| u.setting(SETTING_NOTIFY)).ok().flatten().as_deref() != Some("off");
    if added == 0 || !had_synced_before || !on {
        return;
    }
    let body = state.l10n().tr_args("notify-new-documents", &[("count", Value::from(added))]);
    // Clicking it opens the "new since the last sync" view (where the desktop reports clicks).
    let title = state.l10n().tr("app-title");
    let open = state.l10n().tr("notify-open-new");
    state.record_notification(&body);
    let handle = app.clone();
    let shown = crate::notify::show_clickable(&title, &title, &body, &open, move || open_new_view(&handle));
    if !shown {
        plugin_notify(app, &title, &body);
    }
}

/// Bring the window back on the "new since the last sync" view (a notification was clicked).
pub fn open_new_view(app: &AppHandle) {
    show_window(app);
    let _ = app.emit("show-view", "new");
}

fn notify(app: &AppHandle, body: &str) {
    let state = app.state::<AppState>();
    state.record_notification(body);
    let title = state.l10n().tr("app-title");
    plugin_notify(app, &title, body);
}

fn plugin_notify(app: &AppHandle, title: &str, body: &str) {
    use tauri_plugin_notification::NotificationExt;
    let _ = app.notification().builder().title(title).body(body).show();
}
