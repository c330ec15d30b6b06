//! The Peer Library desktop shell. It owns the window and wires the library crates to the UI; it
//! holds no domain logic (design.md): each command calls one library function.

pub mod background;
pub mod commands;
pub mod error;
pub mod events;
pub mod media;
pub mod render;
pub mod session;
pub mod state;

use peerlib_l10n::Localizer;
use peerlib_store::paths::{resolve_data_dir, DataDir, DATA_DIR_ENV};
use state::AppState;
use std::path::PathBuf;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

/// Options from the command line: `--data-dir DIR` and `--lang TAG` (both also `--x=value`).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    pub data_dir: Option<PathBuf>,
    pub lang: Option<String>,
    /// Start in the tray, without showing the window (autostart at login).
    pub background: bool,
    /// A Peer Library file to open (double-clicked: an invitation, a bundle, an update).
    pub open: Option<PathBuf>,
    /// Ask the running app to lock its encrypted personal data (`peerlib lock`), then end. With
    /// no app running, end at once with `NOT_RUNNING`.
    pub lock: bool,
}

/// The exit status of `peer-library --lock` when no app was running to lock.
pub const NOT_RUNNING: i32 = 3;

/// The extensions of the files the app opens when they are double-clicked.
pub const OPENED_EXTENSIONS: [&str; 3] = ["peerlib-network", "peerlib", "peerlib-update"];

impl LaunchOptions {
    /// Parse the app's arguments. Unknown arguments are ignored: desktop launchers and test
    /// drivers add their own.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Self {
        let mut opts = LaunchOptions::default();
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            let (key, inline) = match a.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (a, None),
            };
            match key.as_str() {
                "--data-dir" => opts.data_dir = inline.or_else(|| args.next()).map(PathBuf::from),
                "--lang" => opts.lang = inline.or_else(|| args.next()),
                "--background" => opts.background = true,
                "--lock" => opts.lock = true,
                _ if !key.starts_with('-') && opts.open.is_none() && inline.is_none() => {
                    let path = PathBuf::from(&key);
                    if path.extension().is_some_and(|e| OPENED_EXTENSIONS.iter().any(|x| e == *x)) {
                        opts.open = Some(path);
                    }
                }
                _ => {}
            }
        }
        opts
    }

    /// The program's arguments (its own path first) without the file it was asked to open.
    pub fn without_opened(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
        let args: Vec<_> = args.into_iter().collect();
        let open = LaunchOptions::parse(args.iter().skip(1).map(|a| a.to_string_lossy().into_owned())).open;
        let mut seen = false;
        args.into_iter()
            .enumerate()
            .filter(|(i, a)| {
                let drop = *i > 0 && !seen && open.as_deref() == Some(std::path::Path::new(a));
                seen |= drop;
                !drop
            })
            .map(|(_, a)| a)
            .collect()
    }

    /// The data folder: the flag, then PEERLIB_DATA_DIR, then the OS application-data folder.
    pub fn data_dir(&self) -> Option<DataDir> {
        let env = std::env::var(DATA_DIR_ENV).ok();
        resolve_data_dir(self.data_dir.as_deref(), env.as_deref()).map(DataDir::new)
    }
}

/// The app's configuration as built in (tauri.conf.json), its CSP included. A debug build run by
/// the XSS test may switch the CSP off (peerlib_feed::html::test_layer_off); a release build cannot.
fn context() -> tauri::Context<tauri::Wry> {
    #[allow(unused_mut)]
    let mut ctx = tauri::generate_context!();
    #[cfg(debug_assertions)]
    if peerlib_feed::html::test_layer_off("csp") {
        let security = &mut ctx.config_mut().app.security;
        security.csp = None;
        security.dev_csp = None;
    }
    ctx
}

pub fn run() {
    render::choose();
    let opts = LaunchOptions::parse(std::env::args().skip(1));
    // Tauri restarts the program (after an update, a join) with the arguments of this Env: the
    // file this launch opened is not among them, so a restart does not offer it again.
    let mut env = tauri::Env::default();
    env.args_os = LaunchOptions::without_opened(std::mem::take(&mut env.args_os));
    let handler = commands_handler();
    tauri::Builder::default()
        .manage(env)
        // First: a second launch hands its arguments here and exits; we show the window.
        // A file double-clicked while the app runs arrives the same way, and is offered.
        .plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            let asked = LaunchOptions::parse(args.into_iter().skip(1));
            // `peerlib lock`: locked, and the window is not brought forward.
            if asked.lock {
                let app = app.clone();
                std::thread::spawn(move || {
                    let _ = commands::lock::lock_app(&app);
                });
                return;
            }
            background::window::show(app);
            if let Some(path) = asked.open {
                let path = std::path::Path::new(&cwd).join(path);
                events::emit(app, events::OpenFile { path: path.display().to_string() });
            }
        }))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_autostart::init(tauri_plugin_autostart::MacosLauncher::LaunchAgent, Some(vec!["--background"])))
        .register_uri_scheme_protocol(media::SCHEME, |ctx, request| {
            let state = ctx.app_handle().state::<AppState>();
            media::respond(&state, request.uri().path())
        })
        .setup(move |app| {
            // Asked to lock, and no app ran to be asked (it would have taken the request):
            // nothing to do, and no window.
            if opts.lock {
                std::process::exit(NOT_RUNNING);
            }
            let l10n = Localizer::for_user(opts.lang.as_deref());
            let dir = match opts.data_dir() {
                Some(d) => d,
                None => DataDir::new(app.path().app_data_dir()?),
            };
            let state = AppState::open(dir, l10n);
            // The language chosen in Settings, unless --lang asks for another one for this run
            // (with encrypted personal data, once it is unlocked: commands/lock.rs).
            state.set_language_from_launch(opts.lang.is_some());
            state.apply_saved_language();
            let discreet = state.discreet();
            let title = state.l10n().tr(state.name_id());
            // The interface language, known before the page's first line of script runs, so the
            // first frame is in it (app_info, asked for later, says the same and more).
            #[allow(unused_mut)]
            // Locked (#18): the page starts on the unlock prompt and loads nothing else.
            let locked = state.is_locked();
            let mut boot = format!("window.__PEERLIB_LOCALE__ = {}; window.__PEERLIB_DISCREET__ = {discreet}; window.__PEERLIB_LOCKED__ = {locked};", serde_json::to_string(state.l10n().locale())?);
            if let Some(path) = opts.open.as_ref().and_then(|p| std::path::absolute(p).ok()) {
                boot.push_str(&format!("window.__PEERLIB_OPEN__ = {};", serde_json::to_string(&path.display().to_string())?));
            }
            // The XSS test's sandbox switch (debug builds only; see peerlib_feed::html::test_layer_off).
            #[cfg(debug_assertions)]
            if peerlib_feed::html::test_layer_off("sandbox") {
                boot.push_str("window.__PEERLIB_TEST_UNSANDBOXED_FRAME__ = true;");
            }
            // The lock test's minute (debug builds only): PEERLIB_TEST_MINUTE_MS milliseconds count
            // as the idle lock's minute, so the test waits seconds, not minutes.
            #[cfg(debug_assertions)]
            if let Some(ms) = std::env::var("PEERLIB_TEST_MINUTE_MS").ok().and_then(|v| v.parse::<u32>().ok()).filter(|ms| *ms > 0) {
                boot.push_str(&format!("window.__PEERLIB_TEST_MINUTE_MS__ = {ms};"));
            }
            // The panic erase's countdown, longer for a test that acts while one runs (debug
            // builds only): it must not reach zero on a slow machine.
            #[cfg(debug_assertions)]
            if let Some(s) = std::env::var("PEERLIB_TEST_ERASE_SECONDS").ok().and_then(|v| v.parse::<u32>().ok()).filter(|s| *s > 0) {
                boot.push_str(&format!("window.__PEERLIB_TEST_ERASE_SECONDS__ = {s};"));
            }
            app.manage(state);
            // The library's first view is built while the webview starts (a few hundred
            // milliseconds), so the window's first `library_page` finds it built (the store keeps
            // the last view's order until anything is written). Not when starting hidden at login: the
            // window may not open for hours, and a sync may change the library first.
            if !opts.background && !locked {
                let handle = app.handle().clone();
                std::thread::spawn(move || {
                    let _ = commands::library::library_lines(&handle.state::<AppState>(), &Default::default(), 0, 0);
                });
            }
            let mut window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title(title)
                .initialization_script(boot)
                .inner_size(1180.0, 760.0)
                .min_inner_size(640.0, 480.0)
                .visible(!opts.background);
            // Discreet mode (#18): the neutral icon from the first frame, not the app's own.
            if discreet {
                window = window.icon(tauri::image::Image::from_bytes(background::window::DISCREET_ICON)?)?;
            }
            let window = window.build()?;
            background::lock_key::install(&window);
            session::schedule::start(app.handle());
            background::tray::install(app.handle());
            background::session_watch::start(app.handle());
            Ok(())
        })
        .on_window_event(background::window::on_event)
        .invoke_handler(move |invoke| {
            // Locked (#18): only what the unlock prompt needs is answered; every other command
            // says `locked`, whatever it would read (commands/lock.rs, ANSWERED_LOCKED).
            let cmd = invoke.message.command();
            if !commands::lock::ANSWERED_LOCKED.contains(&cmd) {
                if let Some(state) = invoke.message.webview().try_state::<AppState>() {
                    if state.is_locked() {
                        invoke.resolver.reject(state.error(peerlib_code::ErrorCode::Locked));
                        return true;
                    }
                }
            }
            handler(invoke)
        })
        .run(context())
        .expect("Peer Library could not start its window");
}

/// Every registered command (the list `names.rs` and the capability grant must agree with).
fn commands_handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
            commands::app::app_info,
            commands::app::app_quit,
            commands::library::library_page,
            commands::library::document_get,
            commands::library::library_search,
            commands::library::library_facets,
            commands::personal::read_set,
            commands::personal::collections_list,
            commands::personal::collection_create,
            commands::personal::collection_rename,
            commands::personal::collection_delete,
            commands::personal::collection_item_set,
            commands::personal::collection_reorder,
            commands::personal::collection_entries,
            commands::personal::personal_get,
            commands::personal::bookmark_set,
            commands::personal::note_set,
            commands::library::attachment_open,
            commands::library::attachment_save,
            commands::sync::sync_now,
            commands::sync::sync_cancel,
            commands::sync::sync_status,
            commands::sync::feeds_list,
            commands::sync::feed_add,
            commands::sync::feed_remove,
            commands::sync::notifications_list,
            commands::settings::settings_get,
            commands::settings::settings_set,
            commands::share::share_size,
            commands::share::share_save,
            commands::share::import_choose,
            commands::share::import_preview,
            commands::share::import_apply,
            commands::nearby::nearby_share_start,
            commands::nearby::nearby_share_status,
            commands::nearby::nearby_share_stop,
            commands::nearby::nearby_find,
            commands::nearby::nearby_get,
            commands::personal::personal_export,
            commands::personal::personal_import,
            commands::personal::erase_now,
            commands::personal::erase_asked,
            commands::lock::lock_status,
            commands::lock::unlock,
            commands::lock::lock_now,
            commands::lock::nothing_locked_seen,
            commands::lock::idle_time,
            commands::lock::encryption_set,
            commands::lock::library_encryption_set,
            commands::network::network_get,
            commands::network::network_join,
            commands::network::network_leave,
            commands::network::network_preview,
            commands::network::network_preview_file,
            commands::network::network_restart,
            commands::update::update_check,
            commands::update::update_from_file,
            commands::update::update_install,
            commands::update::update_status,
    ]
}
