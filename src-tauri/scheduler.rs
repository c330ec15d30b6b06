//! The one background loop that keeps the library current (issue #8): a sync shortly after
//! start, then every interval; at once on "Sync now"; soon after the network comes back (a cheap
//! reachability check, not a sync); after a failure, backoff with jitter that honours
//! Retry-After. Missed ticks (a laptop asleep for hours) are skipped, not queued: the next sync
//! is always computed from when the last one ended. Stopping cancels a running sync and waits a
//! bounded time for it.
//!
//! The loop knows nothing of Tauri: it drives a [`Runner`], so its logic is tested under tokio's
//! paused clock (tests/app/scheduler.rs) and the shell supplies the real one.

use std::future::Future;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{sleep_until, timeout, Instant};

/// What the loop can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// "Sync now" (tray or window).
    SyncNow,
    /// Stop or resume background syncs (a manual "Sync now" still works while paused).
    Pause(bool),
    /// A new interval (the setting changed).
    Interval(Duration),
    /// Quit: cancel a running sync, wait at most `Config::stop_grace`, end.
    Stop,
}

/// How a sync ended, as far as the loop cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    pub ok: bool,
    /// The feed could not be reached (so the loop watches for the network to come back).
    pub offline: bool,
    /// The longest wait a server asked for.
    pub retry_after: Option<Duration>,
}

/// What the loop drives.
pub trait Runner {
    /// Run one sync to its end.
    fn sync(&self) -> impl Future<Output = Outcome> + Send + 'static;
    /// Is the feed's server reachable? Cheap: a TCP connect, no HTTP.
    fn reachable(&self) -> impl Future<Output = bool> + Send + 'static;
    /// Ask the running sync to stop (it ends soon after, writing nothing half-done).
    fn cancel(&self);
    /// The loop's plan, each time it changes: the next sync this long from now, or None while
    /// paused (shown as "next sync at …").
    fn scheduled(&self, next: Option<Duration>);
}

#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The first sync, this long after start (the window first).
    pub first_delay: Duration,
    pub interval: Duration,
    /// While offline: how often to check whether the network is back.
    pub reach_every: Duration,
    /// After the network comes back: this long before syncing (let DHCP and DNS settle).
    pub back_delay: Duration,
    pub stop_grace: Duration,
}

impl Config {
    pub fn with_interval(interval: Duration) -> Config {
        Config {
            first_delay: Duration::from_secs(5),
            interval,
            reach_every: Duration::from_secs(30),
            back_delay: Duration::from_secs(3),
            stop_grace: Duration::from_secs(3),
        }
    }
}

/// The interval: PEERLIB_SYNC_INTERVAL (seconds; for tests and administrators) over the
/// setting (minutes) over 30 minutes. Never below 5 seconds.
pub fn interval(env: Option<&str>, setting_minutes: Option<&str>) -> Duration {
    let from_env = env.and_then(|s| s.trim().parse::<u64>().ok()).map(Duration::from_secs);
    let from_setting = setting_minutes.and_then(|s| s.trim().parse::<u64>().ok()).filter(|m| *m > 0).map(|m| Duration::from_secs(m * 60));
    from_env.or(from_setting).unwrap_or(Duration::from_secs(30 * 60)).max(Duration::from_secs(5))
}

/// Run the loop until `Stop` (or every sender is gone). `jitter` gives numbers in 0..1.
pub async fn run<R: Runner>(mut config: Config, mut signals: mpsc::Receiver<Signal>, runner: R, mut jitter: impl FnMut() -> f64) {
    let mut next = Instant::now() + config.first_delay;
    // When the last sync ended (start counts as one, for a new interval before any sync).
    let mut last_end = Instant::now() + config.first_delay - config.interval.min(config.first_delay);
    let mut paused = false;
    let mut failures = 0u32;
    let mut offline = false;
    let mut next_reach = Instant::now() + config.reach_every;
    loop {
        // What wakes us: the next sync (unless paused), a reachability check (only while
        // offline), or a signal.
        let wake = if offline { next_reach.min(next) } else { next };
        runner.scheduled((!paused).then(|| next.saturating_duration_since(Instant::now())));
        let due = tokio::select! {
            _ = sleep_until(wake), if !paused || offline => None,
            s = signals.recv() => Some(s),
        };
        let manual = match due {
            Some(None) | Some(Some(Signal::Stop)) => return,
            Some(Some(Signal::Pause(p))) => {
                paused = p;
                continue;
            }
            Some(Some(Signal::Interval(d))) => {
                config.interval = d;
                if failures == 0 && last_end + config.first_delay < next {
                    next = last_end + d;
                }
                continue;
            }
            Some(Some(Signal::SyncNow)) => true,
            None => false,
        };
        let now = Instant::now();
        if !manual && offline && now >= next_reach && now < next {
            next_reach = now + config.reach_every;
            if runner.reachable().await {
                // The network is back: sync soon, without waiting out the backoff.
                offline = false;
                next = Instant::now() + config.back_delay;
            }
            continue;
        }
        if !manual && (paused || Instant::now() < next) {
            continue;
        }
        // Sync, while still listening for Stop.
        let outcome = {
            let sync = runner.sync();
            tokio::pin!(sync);
            let outcome = loop {
                tokio::select! {
                    o = &mut sync => break Some(o),
                    s = signals.recv() => match s {
                        None | Some(Signal::Stop) => break None,
                        Some(Signal::Pause(p)) => paused = p,
                        Some(Signal::Interval(d)) => config.interval = d,
                        Some(Signal::SyncNow) => {} // one is running: not queued
                    },
                }
            };
            match outcome {
                Some(o) => o,
                None => {
                    // Quit during a sync: ask it to stop, give it a bounded time to log and
                    // release its lock, then end either way.
                    runner.cancel();
                    let _ = timeout(config.stop_grace, &mut sync).await;
                    return;
                }
            }
        };
        last_end = Instant::now();
        if outcome.ok {
            failures = 0;
            offline = false;
            next = Instant::now() + config.interval.max(outcome.retry_after.unwrap_or_default());
        } else {
            failures += 1;
            offline = outcome.offline;
            next_reach = Instant::now() + config.reach_every;
            next = Instant::now() + peerlib_sync::log::backoff(failures, outcome.retry_after, jitter());
        }
    }
}

/// Stop the loop and wait for it, at most `grace` (the app quits either way).
pub async fn stop(tx: &mpsc::Sender<Signal>, done: impl Future<Output = ()>, grace: Duration) -> bool {
    let _ = tx.send(Signal::Stop).await;
    timeout(grace, done).await.is_ok()
}
