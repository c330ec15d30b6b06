//! How long the desktop has had no keyboard or pointer input, where the OS says (#18 item 3).
//! The window's idle lock counts its own key presses and pointer events, but a document in the
//! reader is drawn in a sandboxed frame whose events never reach the page: scrolling a long
//! report would count as idle and lock the app under its reader. So before the idle lock fires
//! with a document open and the window focused, it asks this (`idle_time`): input to the desktop
//! then is most likely input into the document. (Not always: docs/security.md says when not.)
//!
//! - X11 (and Xvfb): the MIT-SCREEN-SAVER extension's time since the last input, through x11rb
//!   (the X protocol in Rust: no libXss, which stock systems have only as libXss.so.1).
//! - GNOME on Wayland: Mutter's IdleMonitor on the session bus.
//! - Windows: GetLastInputInfo; macOS: CGEventSourceSecondsSinceLastEventType.
//! - Elsewhere (other Wayland desktops): unknown, and the window's own events decide alone.

use std::time::Duration;

/// The desktop's time since the last input, or None when it cannot be had within a second or two
/// (the idle lock then goes by the window's own events: it never waits on the desktop).
pub async fn system_idle() -> Option<Duration> {
    tokio::time::timeout(Duration::from_secs(2), imp::system_idle()).await.ok().flatten()
}

#[cfg(all(unix, not(target_os = "macos")))]
mod imp {
    use std::time::Duration;

    pub async fn system_idle() -> Option<Duration> {
        let wayland = std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty());
        if !wayland && std::env::var_os("DISPLAY").is_some_and(|v| !v.is_empty()) {
            if let Some(idle) = tauri::async_runtime::spawn_blocking(x11).await.ok().flatten() {
                return Some(idle);
            }
        }
        tokio::time::timeout(Duration::from_secs(1), mutter()).await.ok().flatten()
    }

    /// The X server's time since the last input to any of its clients.
    fn x11() -> Option<Duration> {
        use x11rb::protocol::screensaver::ConnectionExt as _;
        let (conn, screen) = x11rb::connect(None).ok()?;
        let root = x11rb::connection::Connection::setup(&conn).roots.get(screen)?.root;
        let info = conn.screensaver_query_info(root).ok()?.reply().ok()?;
        Some(Duration::from_millis(info.ms_since_user_input.into()))
    }

    /// GNOME's compositor's time since the last input (Wayland sessions).
    async fn mutter() -> Option<Duration> {
        let conn = zbus::Connection::session().await.ok()?;
        let reply = conn
            .call_method(
                Some("org.gnome.Mutter.IdleMonitor"),
                "/org/gnome/Mutter/IdleMonitor/Core",
                Some("org.gnome.Mutter.IdleMonitor"),
                "GetIdletime",
                &(),
            )
            .await
            .ok()?;
        Some(Duration::from_millis(reply.body().deserialize::<u64>().ok()?))
    }
}

#[cfg(windows)]
mod imp {
    use std::time::Duration;

    #[repr(C)]
    struct LastInputInfo {
        cb_size: u32,
        dw_time: u32,
    }

    #[link(name = "user32")]
    extern "system" {
        fn GetLastInputInfo(plii: *mut LastInputInfo) -> i32;
    }
    #[link(name = "kernel32")]
    extern "system" {
        fn GetTickCount() -> u32;
    }

    pub async fn system_idle() -> Option<Duration> {
        let mut info = LastInputInfo { cb_size: std::mem::size_of::<LastInputInfo>() as u32, dw_time: 0 };
        // SAFETY: `info` is a LASTINPUTINFO with its size set, as the call requires.
        if unsafe { GetLastInputInfo(&mut info) } == 0 {
            return None;
        }
        // SAFETY: no arguments. Both counts wrap after 49.7 days; the difference does not.
        let now = unsafe { GetTickCount() };
        Some(Duration::from_millis(now.wrapping_sub(info.dw_time).into()))
    }
}

#[cfg(target_os = "macos")]
mod imp {
    use std::time::Duration;

    #[link(name = "CoreGraphics", kind = "framework")]
    extern "C" {
        fn CGEventSourceSecondsSinceLastEventType(state: i32, event_type: u32) -> f64;
    }
    /// kCGEventSourceStateCombinedSessionState, kCGAnyInputEventType.
    const COMBINED_SESSION: i32 = 0;
    const ANY_INPUT: u32 = !0;

    pub async fn system_idle() -> Option<Duration> {
        // SAFETY: two plain values in, a number of seconds out.
        let secs = unsafe { CGEventSourceSecondsSinceLastEventType(COMBINED_SESSION, ANY_INPUT) };
        Duration::try_from_secs_f64(secs).ok()
    }
}
