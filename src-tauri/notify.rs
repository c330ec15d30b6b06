//! OS notifications that can be clicked. On Linux and the BSDs they go through notify-rust (the
//! freedesktop notification service on the session bus), with a default action: clicking the
//! notification calls `on_click` (the app opens its "new since the last sync" view). Elsewhere
//! tauri-plugin-notification shows them, without a click callback.

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
