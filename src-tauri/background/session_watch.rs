//! Lock encrypted personal data when the desktop says so (#18 item 3): the laptop about to sleep
//! (logind's `PrepareForSleep(true)` on the system bus), the session locked (logind's `Lock` on a
//! session, as `loginctl lock-session` sends it), or the screen saver turning on
//! (`ActiveChanged(true)` of org.freedesktop.ScreenSaver or org.gnome.ScreenSaver on the session
//! bus). Linux and the BSDs only; elsewhere the OS does not tell us here (docs/security.md).
//!
//! Signals are matched by interface and member, not by sender: a program that fakes one can only
//! make the app lock, which is always safe. Without a bus (a container, a bare X server) there is
//! nothing to listen to and "Lock" and the idle time remain.

use tauri::AppHandle;

#[cfg(all(unix, not(target_os = "macos")))]
pub fn start(app: &AppHandle) {
    let system = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Ok(conn) = zbus::Connection::system().await {
            let _ = listen(system, conn, &[("org.freedesktop.login1.Manager", "PrepareForSleep"), ("org.freedesktop.login1.Session", "Lock")]).await;
        }
    });
    let session = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Ok(conn) = zbus::Connection::session().await {
            let _ = listen(session, conn, &[("org.freedesktop.ScreenSaver", "ActiveChanged"), ("org.gnome.ScreenSaver", "ActiveChanged")]).await;
        }
    });
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn start(_app: &AppHandle) {}

/// Lock on each of these signals whose boolean argument, if it has one, is true.
#[cfg(all(unix, not(target_os = "macos")))]
async fn listen(app: AppHandle, conn: zbus::Connection, signals: &[(&'static str, &'static str)]) -> zbus::Result<()> {
    use futures_util::stream::{select_all, StreamExt};
    let mut streams = vec![];
    for (interface, member) in signals {
        let rule = zbus::MatchRule::builder().msg_type(zbus::message::Type::Signal).interface(*interface)?.member(*member)?.build();
        streams.push(zbus::MessageStream::for_match_rule(rule, &conn, None).await?);
    }
    let mut all = select_all(streams);
    while let Some(msg) = all.next().await {
        let Ok(msg) = msg else { continue };
        // `Lock` has no argument; the others say whether they begin (true) or end (false).
        let begins = msg.body().deserialize::<bool>().unwrap_or(true);
        if begins {
            let app = app.clone();
            std::thread::spawn(move || crate::commands::lock::lock_app(&app));
        }
    }
    Ok(())
}
