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
