//! `peerlib sync`, `peerlib status` and `peerlib feeds`: the sync crate from a terminal, a
//! systemd timer or cron (docs/scheduling.md). Exit status 0 when every feed synced or was
//! already up to date, 1 otherwise, with one localised line per feed.

use clap::ArgMatches;
use peerlib_feed::network::Network;
use peerlib_l10n::{Localizer, Value};
use peerlib_store::paths::DataDir;
use peerlib_sync::{Cancel, SourceOutcome, SourceReport, SyncError, SyncLog, SyncOptions};

fn error_text(e: &SyncError, l: &Localizer) -> String {
    l.tr(&e.code().message_id())
}

pub fn network(dir: &DataDir, l: &Localizer) -> Result<Network, String> {
    crate::network::followed(dir, l).map(|(n, _)| n)
}

/// Unix seconds as a date and time in UTC, the same in every language (ISO 8601).
pub(crate) fn when(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default()
}

/// Whether `from` is a sharing laptop's address on the room's network: http(s), an IP address
/// (not a name) that `is_room_address` accepts.
fn nearby_address(from: &str) -> bool {
    let Ok(url) = peerlib_sync::origin::base_url(from) else { return false };
    let host = url.host_str().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
    host.parse::<std::net::IpAddr>().is_ok_and(peerlib_serve::nearby::is_room_address)
}

/// The proxy a command connects through: `--proxy`, else the one saved in Settings (user.db),
/// else none here (the HTTP client then takes the environment's).
pub(crate) fn proxy(m: &ArgMatches, dir: &DataDir) -> Option<String> {
    let saved = || peerlib_store::UserStore::open_in(dir, chrono::Utc::now().timestamp()).ok().and_then(|(u, _)| u.settings().ok());
    m.get_one::<String>("proxy").cloned().or_else(|| saved().and_then(|s| s.proxy))
}

pub fn sync(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(dir, l)?;
    let proxy = proxy(m, dir);
    // A laptop nearby is asked directly, past any proxy: only at an address of the room's
    // network, as the window allows, never a name or an address on the internet (which would see
    // this laptop's own address).
    if let Some(from) = m.get_one::<String>("from") {
        if !nearby_address(from) {
            return Err(l.tr("cli-sync-from-room-only"));
        }
    }
    let options = SyncOptions {
        allow_mass_delete: m.get_flag("allow-mass-delete"),
        attachment_budget: m.get_one::<u64>("attachment-budget").map(|mb| mb * 1_000_000),
        proxy,
        from: m.get_one::<String>("from").cloned(),
        ..Default::default()
    };
    let json = m.get_flag("json");
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().worker_threads(2).build().map_err(|_| l.tr("error-internal"))?;
    let cancel = Cancel::new();
    let attempt = rt.block_on(async {
        let on_ctrl_c = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                on_ctrl_c.cancel();
            }
        });
        peerlib_sync::sync(dir, &network, &options, &cancel, &|_| {}).await
    });
    let attempt = attempt.map_err(|e| error_text(&e, l))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&attempt).map_err(|_| l.tr("error-internal"))?);
    } else {
        for s in &attempt.sources {
            println!("{}", source_line(s, l));
        }
    }
    if attempt.ok() {
        Ok(())
    } else {
        // Each failure was printed on its line; nothing more to say.
        Err(String::new())
    }
}

pub fn source_line(s: &SourceReport, l: &Localizer) -> String {
    let title = Value::from(s.title.clone());
    let mut line = match s.outcome {
        SourceOutcome::Updated => l.tr_args(
            "cli-sync-updated",
            &[("title", title), ("added", Value::from(s.added)), ("changed", Value::from(s.changed)), ("removed", Value::from(s.removed))],
        ),
        SourceOutcome::UpToDate => l.tr_args("cli-sync-up-to-date", &[("title", title)]),
        SourceOutcome::Waiting => l.tr_args("cli-sync-waiting", &[("title", title), ("time", Value::from(when(s.retry_at.unwrap_or(0))))]),
        SourceOutcome::Failed | SourceOutcome::Held | SourceOutcome::Cancelled => {
            let message = l.tr(&s.code.unwrap_or(peerlib_code::ErrorCode::Internal).message_id());
            l.tr_args("cli-sync-failed", &[("title", title), ("message", Value::from(message))])
        }
    };
    if s.stale {
        line.push('\n');
        line.push_str(&l.tr("cli-sync-stale"));
    }
    if s.files_missing > 0 {
        line.push('\n');
        line.push_str(&l.tr_args("cli-sync-files-missing", &[("count", Value::from(s.files_missing))]));
    }
    line
}

pub fn status(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(dir, l)?;
    let (user, _) = peerlib_store::UserStore::open_in(dir, chrono::Utc::now().timestamp()).map_err(|e| error_text(&e.into(), l))?;
    let (store, _) = peerlib_sync::open_library_with(dir, &network, &user).map_err(|e| error_text(&e, l))?;
    let subs = store.subscriptions().map_err(|e| error_text(&e.into(), l))?;
    // The log names feeds only by a keyed name (log.rs): their addresses and titles are the
    // library's. A feed no longer followed keeps its name only.
    let names = peerlib_sync::LogNames::of(&user).map_err(|e| error_text(&e.into(), l))?;
    drop(user);
    let by_name: std::collections::HashMap<String, &peerlib_store::Subscription> = subs.iter().map(|s| (names.source(&s.url), s)).collect();
    let mut log = SyncLog::read(dir);
    for s in log.attempts.iter_mut().flat_map(|a| a.sources.iter_mut()) {
        match by_name.get(&s.source) {
            Some(sub) => (s.url, s.title) = (sub.url.clone(), sub.title.clone()),
            None => s.title = l.tr("cli-status-feed-gone"),
        }
    }
    if m.get_flag("json") {
        let v = serde_json::json!({
            "last_success": log.last_success().map(|a| a.finished_at),
            "failures_in_a_row": log.failures(),
            "feeds": subs,
            "attempts": log.attempts,
        });
        println!("{}", serde_json::to_string_pretty(&v).map_err(|_| l.tr("error-internal"))?);
        return Ok(());
    }
    match log.last_success() {
        Some(a) => println!("{}", l.tr_args("cli-status-last-success", &[("time", Value::from(when(a.finished_at)))])),
        None => println!("{}", l.tr("cli-status-never")),
    }
    // A feed past its expiry is said whatever the last sync's server answered (#17 item 2).
    let now = chrono::Utc::now().timestamp();
    for s in subs.iter().filter(|s| s.verified) {
        let Some(expired) = s.expires_at.as_deref().and_then(|e| chrono::DateTime::parse_from_rfc3339(e).ok()).filter(|e| e.timestamp() < now) else {
            continue;
        };
        let since = log.last_success().map(|a| when(a.finished_at)).unwrap_or_default();
        let args = [("title", Value::from(s.title.clone())), ("time", Value::from(since)), ("expired", Value::from(when(expired.timestamp())))];
        println!("{}", l.tr_args("cli-status-stale", &args));
    }
    if let Some(last) = log.attempts.last().filter(|a| !a.ok()) {
        println!("{}", l.tr_args("cli-status-last-attempt", &[("time", Value::from(when(last.finished_at)))]));
        for s in &last.sources {
            println!("  {}", source_line(s, l));
        }
    }
    print_feeds(&subs, l);
    Ok(())
}

fn print_feeds(subs: &[peerlib_store::Subscription], l: &Localizer) {
    for s in subs {
        let id = if s.verified { "cli-feeds-line-signed" } else { "cli-feeds-line-unverified" };
        println!(
            "{}",
            l.tr_args(id, &[("title", Value::from(s.title.clone())), ("url", Value::from(s.url.clone())), ("count", Value::from(s.documents))])
        );
    }
}

pub fn feeds(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(dir, l)?;
    let url_of = |sub: &ArgMatches| sub.get_one::<String>("url").expect("required by clap").clone();
    match m.subcommand() {
        Some(("add", sub)) => {
            let url = url_of(sub);
            let key = sub.get_one::<String>("public-key").map(String::as_str);
            let added = peerlib_sync::add_feed(dir, &network, &url, key).map_err(|e| error_text(&e, l))?;
            let id = if added { "cli-feeds-added" } else { "cli-feeds-already" };
            println!("{}", l.tr_args(id, &[("url", Value::from(url))]));
            Ok(())
        }
        Some(("remove", sub)) => {
            let url = url_of(sub);
            let removed = peerlib_sync::remove_feed(dir, &network, &url).map_err(|e| error_text(&e, l))?;
            println!("{}", l.tr_args("cli-feeds-removed", &[("url", Value::from(url)), ("count", Value::from(removed))]));
            Ok(())
        }
        Some(("list", sub)) => {
            let (store, _) = peerlib_sync::open_library(dir, &network).map_err(|e| error_text(&e, l))?;
            let subs = store.subscriptions().map_err(|e| error_text(&e.into(), l))?;
            if sub.get_flag("json") {
                println!("{}", serde_json::to_string_pretty(&subs).map_err(|_| l.tr("error-internal"))?);
            } else {
                print_feeds(&subs, l);
            }
            Ok(())
        }
        _ => unreachable!("clap requires a feeds subcommand"),
    }
}
