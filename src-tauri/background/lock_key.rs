//! Ctrl+L locks encrypted personal data wherever the keyboard focus is (#18). The page hears
//! its own keys (App.svelte), but not those typed while a document is read: the reader's frame
//! is sandboxed, runs no script of ours and is another origin, so its key events never reach
//! the page. On Linux and the BSDs the key is taken from the webview's GTK widget, before WebKit
//! hands it to any frame. Elsewhere only the page's shortcut runs (docs/security.md).

use tauri::WebviewWindow;

/// Watch the window's keys for Ctrl+L: the L key by its place on the keyboard, as the page's
/// `KeyL` (X keycode 46: Ctrl+Д on a Russian layout too), while the personal data is encrypted.
/// Any other key, or Ctrl+L with nothing to lock, goes on to the page as before.
#[cfg(any(target_os = "linux", target_os = "dragonfly", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd"))]
pub fn install(window: &WebviewWindow) {
    use crate::state::AppState;
    use gtk::prelude::WidgetExt;
    use tauri::Manager;
    const KEY_L: u16 = 46;
    let app = window.app_handle().clone();
    let _ = window.with_webview(move |webview| {
        webview.inner().connect_key_press_event(move |_, key| {
            let ctrl = key.state().contains(gtk::gdk::ModifierType::CONTROL_MASK);
            if !ctrl || key.hardware_keycode() != KEY_L || !app.state::<AppState>().is_encrypted() {
                return gtk::glib::Propagation::Proceed;
            }
            let app = app.clone();
            std::thread::spawn(move || {
                let _ = crate::commands::lock::lock_app(&app);
            });
            gtk::glib::Propagation::Stop
        });
    });
}

#[cfg(not(any(target_os = "linux", target_os = "dragonfly", target_os = "freebsd", target_os = "openbsd", target_os = "netbsd")))]
pub fn install(_window: &WebviewWindow) {}
