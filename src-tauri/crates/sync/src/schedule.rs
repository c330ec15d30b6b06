//! The one background loop that keeps the library current (issue #8): a sync shortly after
//! start, then every interval; at once on "Sync now"; soon after the network comes back (a cheap
//! reachability check, not a sync); after a failure, backoff with jitter that honours
//! Retry-After. Missed ticks (a laptop asleep for hours) are skipped, not queued: the next sync
//! is always computed from when the last one ended. Stopping cancels a running sync and waits a
//! bounded time for it.
//!
//! The loop knows nothing of Tauri: it drives a [`Runner`], so its logic is tested under tokio's
//! paused clock (tests/sync/schedule.rs) and the shell supplies the real one (src-tauri/session/).

use crate::log::Attempt;
use peerlib_code::ErrorCode;
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
    /// A sync the loop did not start (the window's "Sync now") has ended so: the next is planned
    /// from it, as from one of the loop's own, so that a sync asked for a minute before a planned
    /// one is not followed by another a minute later (nor the first one after start by the
    /// loop's, 5 s in).
    Synced(Outcome),
    /// Quit: cancel a running sync, wait at most `Config::stop_grace`, end.
    Stop,
}

/// How a sync ended, as far as the loop cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outcome {
    pub ok: bool,
    /// The feed could not be reached (so the loop watches for the network to come back).
    pub offline: bool,
    /// How long every feed's server asked us to wait (the shortest of them), if every one did.
    pub retry_after: Option<Duration>,
}

impl Outcome {
    /// The outcome of a sync that ran: every source ended well or not; a source that could not
    /// reach its server makes the loop watch for the network; a wait only when every feed's server
    /// asked for one (each feed's own wait is kept by the sync, per feed).
    pub fn of(attempt: &Attempt) -> Outcome {
        Outcome {
            ok: attempt.ok(),
            offline: attempt.sources.iter().any(|s| s.code == Some(ErrorCode::Offline)),
            // Each feed's wait is kept by the sync itself, which leaves that feed alone until
            // then: the loop waits only when every feed asked it to, and then the shortest.
            retry_after: match attempt.sources.iter().map(|s| s.wait).collect::<Option<Vec<_>>>() {
                Some(waits) => waits.into_iter().min(),
                None => None,
            },
        }
    }

    /// The outcome of a sync that could not run. Another sync (the window's, or `peerlib sync`
    /// from a timer) holding the library is not a failure of ours.
    pub fn not_run(code: ErrorCode) -> Outcome {
        match code {
            ErrorCode::Busy => Outcome { ok: true, ..Default::default() },
            _ => Outcome::default(),
        }
    }
}

/// What the loop drives.
pub trait Runner {
    /// Run one sync to its end; `asked` when the user asked for it ("Sync now"), else a
    /// background sync (which leaves alone the feeds whose server asked us to wait).
    fn sync(&self, asked: bool) -> impl Future<Output = Outcome> + Send + 'static;
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
        // Paused, the next sync wakes nothing: only the check for the network while offline
        // (until 2026-12-07 a paused loop past its next sync's time woke at once, again and
        // again, while offline).
        let wake = match (paused, offline) {
            (true, true) => next_reach,
            (false, true) => next_reach.min(next),
            (_, false) => next,
        };
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
            Some(Some(Signal::Synced(outcome))) => {
                last_end = Instant::now();
                next = plan_after(outcome, &config, &mut failures, &mut offline, &mut next_reach, &mut jitter);
                continue;
            }
            Some(Some(Signal::SyncNow)) => true,
            None => false,
        };
        let now = Instant::now();
        if !manual && offline && now >= next_reach && (paused || now < next) {
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
            let sync = runner.sync(manual);
            tokio::pin!(sync);
            let outcome = loop {
                tokio::select! {
                    o = &mut sync => break Some(o),
                    s = signals.recv() => match s {
                        None | Some(Signal::Stop) => break None,
                        Some(Signal::Pause(p)) => paused = p,
                        Some(Signal::Interval(d)) => config.interval = d,
                        // One is running: not queued. Another's end cannot come now (the
                        // library takes one sync at a time).
                        Some(Signal::SyncNow) | Some(Signal::Synced(_)) => {}
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
        next = plan_after(outcome, &config, &mut failures, &mut offline, &mut next_reach, &mut jitter);
    }
}

/// A sync has just ended (the loop's own, or one it was told of): when the next one is due.
/// Failures in a row, whether the network was out of reach, and when to check for it again are
/// kept up to date.
fn plan_after(outcome: Outcome, config: &Config, failures: &mut u32, offline: &mut bool, next_reach: &mut Instant, jitter: &mut impl FnMut() -> f64) -> Instant {
    if outcome.ok {
        *failures = 0;
        *offline = false;
        Instant::now() + config.interval.max(outcome.retry_after.unwrap_or_default())
    } else {
        *failures += 1;
        *offline = outcome.offline;
        *next_reach = Instant::now() + config.reach_every;
        Instant::now() + backoff(*failures, outcome.retry_after, jitter())
    }
}

/// Stop the loop and wait for it, at most `grace` (the app quits either way).
pub async fn stop(tx: &mpsc::Sender<Signal>, done: impl Future<Output = ()>, grace: Duration) -> bool {
    let _ = tx.send(Signal::Stop).await;
    timeout(grace, done).await.is_ok()
}

pub const BACKOFF_CAP: Duration = Duration::from_secs(6 * 3600);

/// How long to wait after `failures` consecutive failures: 1 minute doubled each time, capped at
/// 6 hours, with "equal jitter" (half fixed, half random, `jitter` in 0..1) so that a room of
/// laptops coming back online do not all retry at once; never less than the server asked.
pub fn backoff(failures: u32, asked: Option<Duration>, jitter: f64) -> Duration {
    if failures == 0 {
        return asked.unwrap_or(Duration::ZERO);
    }
    let exp = Duration::from_secs(60).saturating_mul(1u32 << failures.saturating_sub(1).min(20)).min(BACKOFF_CAP);
    let d = exp / 2 + exp.mul_f64(jitter.clamp(0.0, 1.0) / 2.0);
    d.max(asked.unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped_at_six_hours() {
        assert_eq!(backoff(0, None, 0.5), Duration::ZERO);
        assert_eq!(backoff(1, None, 0.0), Duration::from_secs(30));
        assert_eq!(backoff(1, None, 1.0), Duration::from_secs(60));
        assert_eq!(backoff(3, None, 1.0), Duration::from_secs(240));
        assert_eq!(backoff(40, None, 1.0), BACKOFF_CAP);
        assert!(backoff(40, None, 0.0) >= BACKOFF_CAP / 2);
        assert_eq!(backoff(1, Some(Duration::from_secs(3600)), 0.3), Duration::from_secs(3600), "a server's Retry-After wins");
    }
}
