//! Lock encrypted personal data when the desktop says so (#18 item 3): the laptop about to sleep
//! (logind's `PrepareForSleep(true)` on the system bus), the session locked (logind's `Lock` on a
//! session, as `loginctl lock-session` sends it), or the screen saver turning on
//! (`ActiveChanged(true)` of org.freedesktop.ScreenSaver or org.gnome.ScreenSaver on the session
//! bus), on Linux and the BSDs. On Windows and macOS peerlib-lockwatch says when the laptop sleeps
//! or the session locks (its documentation: how), and the app locks the same way.
//!
//! Sleep waits for the lock: the app holds logind's delay lock on sleep (`Inhibit("sleep", …,
//! "delay")`, as desktops do to lock the screen first), locks on `PrepareForSleep(true)` (the
//! window's page reloaded onto the prompt, at most a second waited for that), and only then lets
//! it go, so the laptop does not sleep with the passphrase's keys in memory and the library on
//! screen. logind waits at most its `InhibitDelayMaxSec` (5 s by default). A new delay lock is
//! taken when the laptop wakes (`PrepareForSleep(false)`). It goes by the neutral name
//! ("Library") in `systemd-inhibit --list`, which shows the program's name beside it anyway.
//!
//! Signals are matched by interface and member, not by sender: a program that fakes one can only
//! make the app lock, which is always safe, and cancel a panic erase's countdown (the user's own
//! programs, which could end the app anyway). A faked `PrepareForSleep(true)` does not make it let
//! go of its delay lock: that waits until logind itself says it is preparing for sleep (its
//! `PreparingForSleep` property). Without a bus (a container, a bare X server) there is nothing to
//! listen to and "Lock" and the idle time remain.

use tauri::AppHandle;

/// Who holds the delay lock on sleep and why, as `systemd-inhibit --list` shows them.
#[derive(Clone)]
pub struct Inhibitor {
    pub who: String,
    pub why: String,
}

#[cfg(all(unix, not(target_os = "macos")))]
pub fn start(app: &AppHandle) {
    use tauri::Manager;
    let inhibitor = {
        let state = app.state::<crate::state::AppState>();
        let l10n = state.l10n();
        Inhibitor { who: l10n.tr("discreet-title"), why: l10n.tr("sleep-inhibit-why") }
    };
    for bus in [Bus::System, Bus::Session] {
        let app = app.clone();
        let inhibitor = match bus {
            Bus::System => Some(inhibitor.clone()),
            Bus::Session => None,
        };
        tauri::async_runtime::spawn(async move {
            let conn = match bus {
                Bus::System => zbus::Connection::system().await,
                Bus::Session => zbus::Connection::session().await,
            };
            if let Ok(conn) = conn {
                let _ = watch(&conn, bus.signals(), inhibitor.as_ref(), || lock_and_wait(app.clone())).await;
            }
        });
    }
}

/// Windows and macOS tell the app through peerlib-lockwatch: a hidden window's messages, and
/// NSWorkspace's and the distributed notifications. The watcher lives as long as the app.
#[cfg(any(windows, target_os = "macos"))]
pub fn start(app: &AppHandle) {
    let app = app.clone();
    let started = peerlib_lockwatch::start(move |_| {
        let lock = lock_and_wait(app.clone());
        // Windows: on the watcher's own thread, and the laptop sleeps once it returns (Windows
        // waits about two seconds): the lock is done first, as with logind's delay lock.
        #[cfg(windows)]
        tauri::async_runtime::block_on(lock);
        // macOS: on the main thread, which the page's reload onto the prompt needs.
        #[cfg(target_os = "macos")]
        tauri::async_runtime::spawn(lock);
    });
    if let Ok(watcher) = started {
        std::mem::forget(watcher);
    }
}

#[cfg(not(any(unix, windows)))]
pub fn start(_app: &AppHandle) {}

/// Lock, and once locked wait until the page has reloaded onto the prompt (nothing of the library
/// left in it or on screen), at most a second. A panic erase's countdown under way is cancelled:
/// behind the desktop's lock screen, or asleep, nobody could reach its Cancel. It is not shown
/// again over the prompt (as it is after the app's own lock), and a countdown started before now
/// cannot erase, also where the page is not reloaded (data not encrypted, the app already locked)
/// or the lock waits for a sync to stop (`erase_now`).
async fn lock_and_wait(app: AppHandle) {
    use std::sync::atomic::Ordering::SeqCst;
    use tauri::Manager;
    let state = app.state::<crate::state::AppState>();
    state.desktop_locked_at.store(crate::state::unix_now_ms(), SeqCst);
    state.erase_asked.store(false, SeqCst);
    let mut shown = std::pin::pin!(state.prompt_shown.notified());
    shown.as_mut().enable();
    let was_locked = state.is_locked();
    let handle = app.clone();
    let _ = tauri::async_runtime::spawn_blocking(move || crate::commands::lock::lock_app(&handle)).await;
    if !was_locked && state.is_locked() {
        let _ = tokio::time::timeout(std::time::Duration::from_secs(1), shown).await;
    }
}

/// The two buses and the signals that lock on each.
#[derive(Clone, Copy)]
pub enum Bus {
    System,
    Session,
}

impl Bus {
    pub fn signals(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Bus::System => &[(LOGIN_MANAGER, "PrepareForSleep"), ("org.freedesktop.login1.Session", "Lock")],
            Bus::Session => &[("org.freedesktop.ScreenSaver", "ActiveChanged"), ("org.gnome.ScreenSaver", "ActiveChanged")],
        }
    }
}

const LOGIN_MANAGER: &str = "org.freedesktop.login1.Manager";

/// Lock (`lock`, awaited) on each of `signals` whose boolean argument, if it has one, is true.
/// With an `inhibitor`, hold logind's delay lock on sleep meanwhile: let go once the lock is done
/// on `PrepareForSleep(true)`, taken again on `PrepareForSleep(false)`. Returns when the bus goes.
#[cfg(all(unix, not(target_os = "macos")))]
pub async fn watch<F, Fut>(conn: &zbus::Connection, signals: &[(&'static str, &'static str)], inhibitor: Option<&Inhibitor>, lock: F) -> zbus::Result<()>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    use futures_util::stream::{select_all, StreamExt};
    let mut streams = vec![];
    for (interface, member) in signals {
        let rule = zbus::MatchRule::builder().msg_type(zbus::message::Type::Signal).interface(*interface)?.member(*member)?.build();
        streams.push(zbus::MessageStream::for_match_rule(rule, conn, None).await?);
    }
    // Taken once the signals are listened to: a sleep announced from then on is seen.
    let mut held = match inhibitor {
        Some(i) => delay_sleep(conn, i).await,
        None => None,
    };
    let mut all = select_all(streams);
    while let Some(msg) = all.next().await {
        let Ok(msg) = msg else { continue };
        let sleep = msg.header().member().is_some_and(|m| m.as_str() == "PrepareForSleep");
        // `Lock` has no argument; the others say whether they begin (true) or end (false).
        let begins = msg.body().deserialize::<bool>().unwrap_or(true);
        if begins {
            lock().await;
            // Locked: the laptop may sleep now, if it is logind that says so.
            if sleep && held.is_some() && preparing_for_sleep(conn).await != Some(false) {
                drop(held.take());
            }
        } else if let (true, Some(i)) = (sleep, inhibitor) {
            if held.is_none() {
                held = delay_sleep(conn, i).await;
            }
        }
    }
    Ok(())
}

/// logind's `PreparingForSleep`: true between its `PrepareForSleep(true)` and the sleep. None
/// when it cannot be asked within 2 s.
#[cfg(all(unix, not(target_os = "macos")))]
async fn preparing_for_sleep(conn: &zbus::Connection) -> Option<bool> {
    let ask = conn.call_method(Some("org.freedesktop.login1"), "/org/freedesktop/login1", Some("org.freedesktop.DBus.Properties"), "Get", &(LOGIN_MANAGER, "PreparingForSleep"));
    let reply = tokio::time::timeout(std::time::Duration::from_secs(2), ask).await.ok()?.ok()?;
    bool::try_from(reply.body().deserialize::<zbus::zvariant::OwnedValue>().ok()?).ok()
}

/// logind's delay lock on sleep, held while the descriptor is open; None without logind, when
/// it refuses, or when it does not answer within 2 s (the signals wait meanwhile). The
/// descriptor kept is zvariant's close-on-exec duplicate, so a program the app starts does not
/// hold the lock on after the app lets go (tests/app/background.rs starts one). The one zbus
/// received (without MSG_CMSG_CLOEXEC) is inheritable until the reply is dropped at the end of
/// this function: a program started by another thread in that moment keeps the lock until it
/// exits, and logind waits its `InhibitDelayMaxSec` at most.
#[cfg(all(unix, not(target_os = "macos")))]
async fn delay_sleep(conn: &zbus::Connection, inhibitor: &Inhibitor) -> Option<zbus::zvariant::OwnedFd> {
    let args = ("sleep", inhibitor.who.as_str(), inhibitor.why.as_str(), "delay");
    let ask = conn.call_method(Some("org.freedesktop.login1"), "/org/freedesktop/login1", Some(LOGIN_MANAGER), "Inhibit", &args);
    let reply = tokio::time::timeout(std::time::Duration::from_secs(2), ask).await.ok()?.ok()?;
    reply.body().deserialize::<zbus::zvariant::OwnedFd>().ok()
}
