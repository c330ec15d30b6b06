//! The background loop (peerlib_sync::schedule) with the app's real runner: a sync is
//! [`super::run`], reachability is a TCP connect to the feed's host (no HTTP). Started once from
//! setup; the loop's handle is kept by `background` for the tray and for quitting.

use crate::background::{BackgroundLoop, INTERVAL_ENV};
use crate::state::{unix_now, AppState};
use peerlib_sync::schedule::{self, Config, Outcome, Runner};
use std::time::Duration;
use tauri::{AppHandle, Manager};
use tokio::sync::{mpsc, oneshot};

struct AppRunner {
    app: AppHandle,
}

impl Runner for AppRunner {
    fn sync(&self, asked: bool) -> impl std::future::Future<Output = Outcome> + Send + 'static {
        let app = self.app.clone();
        async move {
            match super::run(&app, false, !asked, None).await {
                Ok(attempt) => Outcome::of(&attempt),
                Err(code) => Outcome::not_run(code),
            }
        }
    }

    fn scheduled(&self, next: Option<Duration>) {
        let state = self.app.state::<AppState>();
        let at = next.map(|d| unix_now() + d.as_secs() as i64);
        let before = state.next_sync();
        state.set_next_sync(at);
        // Said to the window at once when it changed (the loop also plans anew at each check
        // for the network), as `session::status` says it (none while the network's settings
        // are unusable): after a sync of its own ("Sync now") the plan changes only once the
        // loop hears of it, after the window has read the status.
        if before != at {
            crate::events::emit(&self.app, crate::events::SyncPlanned { next_sync: state.network().ok().and(at) });
        }
    }

    fn reachable(&self) -> impl std::future::Future<Output = bool> + Send + 'static {
        let state = self.app.state::<AppState>();
        // Locked, nothing is asked: no sync runs, and the settings that name the proxy are shut.
        let target = match (state.settings_to_connect(), state.network()) {
            (Ok(settings), Ok(network)) => probe_target(settings.proxy.as_deref(), |k| std::env::var(k).ok(), &network.feed_url),
            _ => None,
        };
        async move {
            let Some(target) = target else { return false };
            matches!(tokio::time::timeout(Duration::from_secs(3), tokio::net::TcpStream::connect(target)).await, Ok(Ok(_)))
        }
    }

    fn cancel(&self) {
        self.app.state::<AppState>().cancel_sync();
    }
}

/// Where the loop asks whether the network is back after an offline sync: the first address a
/// sync would connect to. With a proxy (the one saved in Settings, else the environment's, as the
/// HTTP client takes it) that is the proxy: asking the feed's host directly would look its name
/// up in the clear and connect past the proxy, and a proxy that is down (Tor stopped) is what
/// made the sync offline. Until 2026-12-07 the feed's host was always asked. `host:port`, or
/// None when the address cannot be read.
pub fn probe_target(proxy: Option<&str>, env: impl Fn(&str) -> Option<String>, feed_url: &str) -> Option<String> {
    let from_env = || ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"].into_iter().find_map(|k| env(k).filter(|v| !v.trim().is_empty()));
    let first = proxy.map(str::to_string).or_else(from_env).unwrap_or_else(|| feed_url.to_string());
    let url = url::Url::parse(&first).ok()?;
    let port = url.port_or_known_default().or(match url.scheme() {
        "socks5" | "socks5h" => Some(1080),
        _ => None,
    })?;
    let host = url.host_str()?;
    Some(format!("{host}:{port}"))
}

/// Start the loop. Called once from setup.
pub fn start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let minutes = state.settings().sync_interval_minutes.to_string();
    let interval = schedule::interval(std::env::var(INTERVAL_ENV).ok().as_deref(), Some(&minutes));
    let (tx, rx) = mpsc::channel(16);
    let (done_tx, done_rx) = oneshot::channel();
    let runner = AppRunner { app: app.clone() };
    tauri::async_runtime::spawn(async move {
        schedule::run(Config::with_interval(interval), rx, runner, jitter).await;
        let _ = done_tx.send(());
    });
    app.manage(BackgroundLoop::new(tx, done_rx));
}

/// A number in 0..1 from the clock's nanoseconds: enough to spread a room of laptops apart.
fn jitter() -> f64 {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    (n % 1_000_000) as f64 / 1_000_000.0
}

#[cfg(test)]
mod tests {
    use super::probe_target;

    /// The loop's "is the network back?" never goes past the proxy (found by a review on
    /// 2026-12-07: it connected to the feed's host directly, its name looked up in the clear,
    /// also with Tor set as the proxy).
    #[test]
    fn the_network_is_asked_for_through_the_proxy_when_there_is_one() {
        let none = |_: &str| None;
        let feed = "https://feed.example/library/";
        assert_eq!(probe_target(None, none, feed).as_deref(), Some("feed.example:443"));
        assert_eq!(probe_target(Some("socks5h://127.0.0.1:9050"), none, feed).as_deref(), Some("127.0.0.1:9050"));
        assert_eq!(probe_target(Some("socks5://proxy.lan"), none, feed).as_deref(), Some("proxy.lan:1080"));
        assert_eq!(probe_target(Some("http://10.0.0.1:3128"), none, feed).as_deref(), Some("10.0.0.1:3128"));
        let env = |k: &str| (k == "HTTPS_PROXY").then(|| "http://office-proxy:8080".to_string());
        assert_eq!(probe_target(None, env, feed).as_deref(), Some("office-proxy:8080"), "the environment's, as the HTTP client takes it");
        assert_eq!(probe_target(Some("socks5h://127.0.0.1:9050"), env, feed).as_deref(), Some("127.0.0.1:9050"), "Settings first");
        assert_eq!(probe_target(None, none, "http://127.0.0.1:8080/feed/").as_deref(), Some("127.0.0.1:8080"));
    }
}
