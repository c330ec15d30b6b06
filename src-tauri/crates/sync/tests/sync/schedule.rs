//! The background loop's logic under tokio's paused clock: time only moves when every task
//! waits, so hours pass in microseconds and every sync's moment is exact.

use peerlib_sync::schedule::{interval, run, Config, Outcome, Runner, Signal};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{advance, sleep, Instant};

/// A plan the loop announced: when, and the next sync's time since start (None: paused).
type Plan = (u64, Option<u64>);

/// Records when each sync and reachability check happened; answers from scripted queues.
#[derive(Clone)]
struct Script {
    start: Instant,
    syncs: Arc<Mutex<Vec<Duration>>>,
    checks: Arc<Mutex<Vec<Duration>>>,
    outcomes: Arc<Mutex<VecDeque<Outcome>>>,
    reachable: Arc<Mutex<VecDeque<bool>>>,
    sync_takes: Duration,
    cancelled: Arc<Mutex<bool>>,
    /// Every plan the loop announced: (when, the next sync's time since start, or None if paused).
    plans: Arc<Mutex<Vec<Plan>>>,
}

impl Script {
    fn new(outcomes: Vec<Outcome>) -> Script {
        Script {
            start: Instant::now(),
            syncs: Default::default(),
            checks: Default::default(),
            outcomes: Arc::new(Mutex::new(outcomes.into())),
            reachable: Default::default(),
            sync_takes: Duration::from_secs(1),
            cancelled: Default::default(),
            plans: Default::default(),
        }
    }
    fn syncs(&self) -> Vec<u64> {
        self.syncs.lock().unwrap().iter().map(|d| d.as_secs()).collect()
    }
}

impl Runner for Script {
    fn sync(&self, _asked: bool) -> impl std::future::Future<Output = Outcome> + Send + 'static {
        let s = self.clone();
        async move {
            s.syncs.lock().unwrap().push(s.start.elapsed());
            sleep(s.sync_takes).await;
            s.outcomes.lock().unwrap().pop_front().unwrap_or(OK)
        }
    }
    fn reachable(&self) -> impl std::future::Future<Output = bool> + Send + 'static {
        let s = self.clone();
        async move {
            s.checks.lock().unwrap().push(s.start.elapsed());
            s.reachable.lock().unwrap().pop_front().unwrap_or(false)
        }
    }
    fn cancel(&self) {
        *self.cancelled.lock().unwrap() = true;
    }
    fn scheduled(&self, next: Option<Duration>) {
        let now = self.start.elapsed();
        let mut plans = self.plans.lock().unwrap();
        plans.push((now.as_secs(), next.map(|d| (now + d).as_secs())));
        // A loop that plans without waiting never lets the paused clock move: it ends here,
        // and the test's checks say so, rather than hang.
        assert!(plans.len() < 10_000, "the loop plans again and again without waiting");
    }
}

const OK: Outcome = Outcome { ok: true, offline: false, retry_after: None };
const OFFLINE: Outcome = Outcome { ok: false, offline: true, retry_after: None };

fn config(minutes: u64) -> Config {
    Config {
        first_delay: Duration::from_secs(5),
        interval: Duration::from_secs(minutes * 60),
        reach_every: Duration::from_secs(30),
        back_delay: Duration::from_secs(3),
        stop_grace: Duration::from_secs(3),
    }
}

fn spawn(cfg: Config, script: &Script) -> (mpsc::Sender<Signal>, tokio::task::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel(8);
    let s = script.clone();
    (tx, tokio::spawn(run(cfg, rx, s, || 1.0)))
}

#[tokio::test(start_paused = true)]
async fn a_sync_soon_after_start_then_every_interval() {
    let script = Script::new(vec![]);
    let (tx, done) = spawn(config(30), &script);
    sleep(Duration::from_secs(3 * 3600)).await;
    // 5 s after start, then 30 min after each one ended (each takes 1 s).
    assert_eq!(script.syncs(), [5, 1806, 3607, 5408, 7209, 9010]);
    // Each plan it announced (what the window shows as the next sync) was when it then synced.
    let plans = script.plans.lock().unwrap().clone();
    let announced: Vec<u64> = plans.iter().filter_map(|p| p.1).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    assert_eq!(announced, [5, 1806, 3607, 5408, 7209, 9010, 10811]);
    tx.send(Signal::Stop).await.unwrap();
    done.await.unwrap();
}

/// A sync the window ran ("Sync now" runs it directly, to answer `busy` at once) is told to the
/// loop, which plans from it as from its own: none 5 s after start when the user synced at once,
/// none a minute after one the user asked for a minute before the planned one, and a failure
/// backs off as the loop's own would. Until 2026-12-07 the loop's plan went on regardless.
#[tokio::test(start_paused = true)]
async fn a_sync_the_window_ran_moves_the_next_one() {
    let script = Script::new(vec![]);
    let (tx, done) = spawn(config(30), &script);
    sleep(Duration::from_secs(2)).await;
    tx.send(Signal::Synced(OK)).await.unwrap();
    sleep(Duration::from_secs(1)).await;
    let plans = script.plans.lock().unwrap().clone();
    assert_eq!(plans.last(), Some(&(2, Some(1802))), "the next 30 min after the window's: {plans:?}");
    // 29 minutes on, just before the plan, the user syncs again: the plan moves again.
    sleep(Duration::from_secs(29 * 60 - 3)).await;
    tx.send(Signal::Synced(OK)).await.unwrap();
    sleep(Duration::from_secs(40 * 60)).await;
    assert_eq!(script.syncs(), [3540], "only the loop's own, 30 min after the window's second");
    // A failure of the window's: backed off as one of the loop's (60 s with jitter 1.0).
    let before = script.syncs().len();
    tx.send(Signal::Synced(Outcome { ok: false, offline: false, retry_after: None })).await.unwrap();
    sleep(Duration::from_secs(61)).await;
    assert_eq!(script.syncs().len(), before + 1, "tried again a minute after the window's failure");
    tx.send(Signal::Stop).await.unwrap();
    done.await.unwrap();
}

/// Paused after a sync that found no network: no sync, and the loop waits, checking for the
/// network every 30 s. Until 2026-12-07, once the failed sync's retry time had passed, it woke
/// again at once for ever (and the app sent the window a plan each time).
#[tokio::test(start_paused = true)]
async fn paused_while_offline_the_loop_waits_and_still_watches_for_the_network() {
    let script = Script::new(vec![OFFLINE]);
    let (tx, done) = spawn(config(30), &script);
    sleep(Duration::from_secs(10)).await;
    tx.send(Signal::Pause(true)).await.unwrap();
    // Well past the retry the failure asked for (60 s after it).
    sleep(Duration::from_secs(600)).await;
    assert_eq!(script.syncs(), [5], "paused: no sync");
    let checks = script.checks.lock().unwrap().len();
    assert!((18..=21).contains(&checks), "a check for the network every 30 s: {checks}");
    assert!(script.plans.lock().unwrap().len() < 50, "the loop waited between its plans");
    // The network back while paused: still no sync until resumed, then one soon.
    script.reachable.lock().unwrap().extend([true]);
    sleep(Duration::from_secs(60)).await;
    assert_eq!(script.syncs(), [5], "paused: no sync");
    tx.send(Signal::Pause(false)).await.unwrap();
    sleep(Duration::from_secs(10)).await;
    assert_eq!(script.syncs().len(), 2, "resumed: a sync soon");
    tx.send(Signal::Stop).await.unwrap();
    done.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn missed_ticks_are_skipped_not_queued() {
    let mut script = Script::new(vec![]);
    // A sync that takes 95 minutes (a huge first sync on a slow link) spans three ticks.
    script.sync_takes = Duration::from_secs(95 * 60);
    let (tx, done) = spawn(config(30), &script);
    sleep(Duration::from_secs(5 + 95 * 60 + 60)).await;
    assert_eq!(script.syncs(), [5], "no burst of syncs after a long one");
    sleep(Duration::from_secs(30 * 60)).await;
    assert_eq!(script.syncs().len(), 2, "the next comes one interval after it ended");
    tx.send(Signal::Stop).await.unwrap();
    done.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn failures_back_off_exponentially_with_retry_after_honoured() {
    let busy = Outcome { ok: false, offline: false, retry_after: Some(Duration::from_secs(900)) };
    let fail = Outcome { ok: false, offline: false, retry_after: None };
    let script = Script::new(vec![fail, fail, fail, busy, OK]);
    let (tx, done) = spawn(config(30), &script);
    sleep(Duration::from_secs(4 * 3600)).await;
    // jitter 1.0: 60 s, 120 s, 240 s after each failure (ended 1 s after it started); then the
    // server's 900 s (more than the 480 s backoff); then the interval again.
    assert_eq!(&script.syncs()[..6], [5, 66, 187, 428, 1329, 3130]);
    tx.send(Signal::Stop).await.unwrap();
    done.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn the_network_coming_back_syncs_soon_without_waiting_out_the_backoff() {
    let script = Script::new(vec![OFFLINE, OFFLINE, OFFLINE, OFFLINE, OK]);
    let (tx, done) = spawn(config(30), &script);
    sleep(Duration::from_secs(600)).await;
    let before = script.syncs().len();
    // Offline: checks every 30 s, each a cheap connect; the network returns at the next one.
    script.reachable.lock().unwrap().extend([true]);
    sleep(Duration::from_secs(40)).await;
    let checks = script.checks.lock().unwrap().len();
    assert!(checks >= 10, "reachability is checked while offline ({checks})");
    let syncs = script.syncs();
    assert_eq!(syncs.len(), before + 1, "one sync right after the network is back: {syncs:?}");
    let last_check = script.checks.lock().unwrap().last().unwrap().as_secs();
    assert_eq!(*syncs.last().unwrap(), last_check + 3, "3 s after the check that found it back");
    tx.send(Signal::Stop).await.unwrap();
    done.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn sync_now_pause_and_a_bounded_stop() {
    let mut script = Script::new(vec![]);
    script.sync_takes = Duration::from_secs(3600);
    let (tx, done) = spawn(config(30), &script);
    tx.send(Signal::Pause(true)).await.unwrap();
    sleep(Duration::from_secs(7200)).await;
    assert!(script.syncs().is_empty(), "paused: no background sync");
    assert_eq!(script.plans.lock().unwrap().last(), Some(&(0, None)), "paused: no next sync to show");
    tx.send(Signal::SyncNow).await.unwrap();
    sleep(Duration::from_secs(10)).await;
    assert_eq!(script.syncs(), [7200], "a manual sync runs while paused");
    tx.send(Signal::SyncNow).await.unwrap();
    sleep(Duration::from_secs(10)).await;
    assert_eq!(script.syncs().len(), 1, "a second one is not queued behind the running one");
    // Quit during the hour-long sync: cancelled, and the loop ends within the grace period.
    let t = Instant::now();
    tx.send(Signal::Stop).await.unwrap();
    done.await.unwrap();
    assert!(*script.cancelled.lock().unwrap());
    assert!(t.elapsed() <= Duration::from_secs(3), "{:?}", t.elapsed());
    advance(Duration::ZERO).await;
}

#[test]
fn the_interval_comes_from_the_environment_then_the_setting_then_30_minutes() {
    assert_eq!(interval(Some("5"), Some("60")), Duration::from_secs(5));
    assert_eq!(interval(None, Some("60")), Duration::from_secs(3600));
    assert_eq!(interval(None, None), Duration::from_secs(1800));
    assert_eq!(interval(Some("nope"), Some("0")), Duration::from_secs(1800));
    assert_eq!(interval(Some("1"), None), Duration::from_secs(5), "never below 5 s");
}

/// Issue #17 item 3: one feed's wait is that feed's; the loop does not hold back the others.
#[test]
fn one_feeds_wait_does_not_hold_back_the_loop() {
    use peerlib_sync::{Attempt, SourceOutcome, SourceReport};
    let report = |url: &str, outcome: SourceOutcome, wait: Option<u64>| {
        let mut r = SourceReport::new(url, url, true);
        r.outcome = outcome;
        r.wait = wait.map(Duration::from_secs);
        r
    };
    let one_waits = Attempt {
        started_at: 0,
        finished_at: 1,
        sources: vec![report("https://network.example/", SourceOutcome::UpToDate, None), report("https://blog.example/", SourceOutcome::Waiting, Some(7200))],
    };
    let o = Outcome::of(&one_waits);
    assert!(o.ok, "waiting as asked is not a failure");
    assert_eq!(o.retry_after, None, "the network's feed is synced at the next interval, whatever the blog asked");
    let all_wait = Attempt {
        started_at: 0,
        finished_at: 1,
        sources: vec![report("https://network.example/", SourceOutcome::Waiting, Some(600)), report("https://blog.example/", SourceOutcome::Waiting, Some(7200))],
    };
    assert_eq!(Outcome::of(&all_wait).retry_after, Some(Duration::from_secs(600)), "when every feed waits, the loop wakes for the first");
}
