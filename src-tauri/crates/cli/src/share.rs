//! `peerlib export`, `peerlib import` and `peerlib inventory`: the library carried from laptop
//! to laptop in a bundle file (#20, docs/sharing.md), through the sync crate's bundle.rs.

use crate::sync::{network, source_line};
use clap::ArgMatches;
use peerlib_l10n::{Localizer, Value};
use peerlib_serve::nearby;
use peerlib_store::paths::DataDir;
use peerlib_store::UserStore;
use peerlib_sync::bundle::{self, Inventory, Selection};
use peerlib_sync::{Cancel, SyncError, SyncOptions};
use std::io::Write;
use std::path::PathBuf;

fn error_text(e: &SyncError, l: &Localizer) -> String {
    l.tr(&e.code().message_id())
}

pub fn inventory(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(dir, l)?;
    let file = m.get_one::<PathBuf>("file").expect("required by clap");
    let (store, _) = peerlib_sync::open_library(dir, &network).map_err(|e| error_text(&e, l))?;
    let inv = bundle::inventory(&store).map_err(|e| error_text(&e, l))?;
    let json = serde_json::to_vec_pretty(&inv).map_err(|_| l.tr("error-internal"))?;
    bundle::write_atomically(file, |f| std::io::Write::write_all(f, &json)).map_err(|_| l.tr("error-disk"))?;
    let documents: usize = inv.feeds.iter().map(|f| f.documents.len()).sum();
    println!("{}", l.tr_args("cli-inventory-written", &[("file", Value::from(file.display().to_string())), ("documents", Value::from(documents))]));
    Ok(())
}

pub fn export(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(dir, l)?;
    let file = m.get_one::<PathBuf>("file").expect("required by clap");
    let (store, _) = peerlib_sync::open_library(dir, &network).map_err(|e| error_text(&e, l))?;
    let selection = if let Some(name) = m.get_one::<String>("collection") {
        let (user, _) = UserStore::open_in(dir, chrono::Utc::now().timestamp()).map_err(|e| l.tr(&e.code().message_id()))?;
        let collections = user.collections().map_err(|e| l.tr(&e.code().message_id()))?;
        let c = collections
            .into_iter()
            .find(|c| c.name == *name)
            .ok_or_else(|| l.tr_args("cli-export-no-collection", &[("name", Value::from(name.clone()))]))?;
        Selection::Documents(c.documents)
    } else if let Some(ids) = m.get_many::<String>("document") {
        let ids: Vec<String> = ids.cloned().collect();
        for id in &ids {
            if store.document(id).is_err() {
                return Err(l.tr_args("cli-not-found", &[("id", Value::from(id.clone()))]));
            }
        }
        Selection::Documents(ids)
    } else {
        Selection::Library
    };
    let inventory = match m.get_one::<PathBuf>("for") {
        Some(p) => Some(Inventory::read(p).map_err(|e| error_text(&e, l))?),
        None => None,
    };
    let plan = bundle::plan_export(dir, &store, &selection, inventory.as_ref()).map_err(|e| error_text(&e, l))?;
    drop(store);
    let mb = |b: u64| format!("{:.1}", b as f64 / 1_000_000.0);
    eprintln!("{}", l.tr_args("cli-export-planned", &[("documents", Value::from(plan.documents)), ("files", Value::from(plan.files)), ("size", Value::from(mb(plan.bytes)))]));
    bundle::write_export(dir, &plan, file, &|_, _| {}).map_err(|e| error_text(&e, l))?;
    println!("{}", l.tr_args("cli-export-written", &[("file", Value::from(file.display().to_string()))]));
    Ok(())
}

pub fn import(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(dir, l)?;
    let file = m.get_one::<PathBuf>("file").expect("required by clap");
    let options = SyncOptions { allow_mass_delete: m.get_flag("allow-mass-delete"), ..Default::default() };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().worker_threads(2).build().map_err(|_| l.tr("error-internal"))?;
    let cancel = Cancel::new();
    let report = rt.block_on(bundle::import(dir, &network, file, &options, &cancel, &|_| {})).map_err(|e| error_text(&e, l))?;
    if m.get_flag("json") {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|_| l.tr("error-internal"))?);
    } else {
        for s in &report.sources {
            println!("{}", source_line(s, l));
        }
        for url in &report.not_followed {
            println!("{}", l.tr_args("cli-import-not-followed", &[("url", Value::from(url.clone()))]));
        }
    }
    Ok(())
}

/// `peerlib share`: this laptop's copy of the network's signed feed, read-only over HTTP on the
/// room's network under a short code, announced by multicast DNS unless `--no-announce`, for
/// `--minutes` (60 unless said) or until Ctrl-C (peerlib-serve's `nearby`: only the signed files
/// in a folder of their own, GET and HEAD only, bounded connections). The folder is removed when
/// sharing ends, and what was taken is said (never by whom).
pub fn share(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(dir, l)?;
    let addr = *m.get_one::<std::net::SocketAddr>("addr").expect("has a default");
    let minutes = *m.get_one::<u64>("minutes").expect("has a default");
    let (store, _) = peerlib_sync::open_library(dir, &network).map_err(|e| error_text(&e, l))?;
    let folder = nearby::lay_out(dir, &store, &network.feed_url).map_err(|e| error_text(&e, l))?;
    drop(store);
    let (documents, files) = (folder.documents, folder.files);
    // Discreet mode never announces, as in the window: `--no-announce` is then implied.
    let discreet = discreet(dir);
    let announce = !m.get_flag("no-announce") && !discreet;
    let runtime = tokio::runtime::Runtime::new().map_err(|_| l.tr("error-internal"))?;
    let taken = runtime.block_on(async {
        let sharing = nearby::start(folder, addr, false, peerlib_serve::Limits::from_env(), announce).await?;
        let urls = sharing.urls();
        let url = urls.first().cloned().unwrap_or_else(|| nearby::url(sharing.bound, &sharing.code));
        println!(
            "{}",
            l.tr_args(
                "cli-share-listening",
                &[("url", Value::from(url)), ("code", Value::from(nearby::shown(&sharing.code))), ("documents", Value::from(documents)), ("files", Value::from(files))]
            )
        );
        for other in urls.iter().skip(1) {
            println!("{}", l.tr_args("cli-share-also", &[("url", Value::from(other.clone()))]));
        }
        if let Some(name) = &sharing.announced {
            println!("{}", l.tr_args("cli-share-announced", &[("name", Value::from(name.clone()))]));
        } else if discreet && !m.get_flag("no-announce") {
            println!("{}", l.tr("cli-share-discreet"));
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(minutes * 60)) => {}
            _ = tokio::signal::ctrl_c() => {}
            _ = ended() => {}
        }
        Ok::<_, std::io::Error>(sharing.stop().await)
    });
    drop(runtime);
    let taken = taken.map_err(|_| l.tr_args("cli-serve-cannot-listen", &[("addr", Value::from(addr.to_string()))]))?;
    // Whoever started it may have stopped reading (a closed pipe): not worth a panic.
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        l.tr_args("cli-share-ended", &[("laptops", Value::from(taken.laptops)), ("documents", Value::from(taken.documents)), ("files", Value::from(taken.files))])
    );
    Ok(())
}

/// SIGTERM (a service manager, `kill`) or SIGHUP (the terminal closed) ends sharing as Ctrl-C
/// does: the folder removed, the announcement withdrawn.
#[cfg(unix)]
async fn ended() {
    use tokio::signal::unix::{signal, SignalKind};
    match (signal(SignalKind::terminate()), signal(SignalKind::hangup())) {
        (Ok(mut term), Ok(mut hup)) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
        }
        _ => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn ended() {
    std::future::pending().await
}

/// Whether discreet mode is on in `dir`'s settings (none yet, or unreadable: off, as the window
/// starts). A data folder not made yet is not made for this.
fn discreet(dir: &DataDir) -> bool {
    dir.user_db().exists()
        && UserStore::open_in(dir, chrono::Utc::now().timestamp()).ok().and_then(|(u, _)| u.settings().ok()).is_some_and(|s| s.discreet)
}

/// `peerlib nearby`: the sharings announced on the room's networks, listened for a few seconds.
/// Not in discreet mode, which never listens for them (as the window does not): it says so.
pub fn nearby(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    if discreet(dir) {
        // With --json, an empty list on standard output, and the reason beside it.
        if m.get_flag("json") {
            println!("[]");
            eprintln!("{}", l.tr("cli-nearby-discreet"));
        } else {
            println!("{}", l.tr("cli-nearby-discreet"));
        }
        return Ok(());
    }
    let seconds = *m.get_one::<u64>("seconds").expect("has a default");
    let found = nearby::browse(std::time::Duration::from_secs(seconds));
    if m.get_flag("json") {
        println!("{}", serde_json::to_string_pretty(&found).map_err(|_| l.tr("error-internal"))?);
        return Ok(());
    }
    if found.is_empty() {
        println!("{}", l.tr("cli-nearby-none"));
    }
    for f in found {
        println!("{}", l.tr_args("cli-nearby-found", &[("name", Value::from(f.name)), ("address", Value::from(f.address.to_string()))]));
    }
    Ok(())
}
