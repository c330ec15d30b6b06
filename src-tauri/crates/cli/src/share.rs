//! `peerlib export`, `peerlib import` and `peerlib inventory`: the library carried from laptop
//! to laptop in a bundle file (#20, docs/sharing.md), through the sync crate's bundle.rs.

use crate::sync::{network, source_line};
use clap::ArgMatches;
use peerlib_l10n::{Localizer, Value};
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
    let network = network(l)?;
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
    let network = network(l)?;
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
    let network = network(l)?;
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
/// room's network, for `--minutes` (60 unless said) or until Ctrl-C. The feed is laid out in a folder of its
/// own (only the signed files: nothing personal, no other path) and served by `peerlib serve`'s
/// server (GET and HEAD only, paths outside the folder refused, bounded connections). The folder
/// is removed when sharing ends.
pub fn share(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let network = network(l)?;
    let addr = *m.get_one::<std::net::SocketAddr>("addr").expect("has a default");
    let minutes = *m.get_one::<u64>("minutes").expect("has a default");
    let (store, _) = peerlib_sync::open_library(dir, &network).map_err(|e| error_text(&e, l))?;
    // A folder left by a sharing that was killed (power lost, SIGKILL) goes now.
    for e in std::fs::read_dir(dir.root()).into_iter().flatten().flatten() {
        if e.file_name().to_string_lossy().starts_with("share-") && e.path().is_dir() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
    let folder = tempfile::Builder::new().prefix("share-").tempdir_in(dir.root()).map_err(|_| l.tr("error-disk"))?;
    let (documents, files) = bundle::lay_out_feed(dir, &store, &network.feed_url, folder.path()).map_err(|e| error_text(&e, l))?;
    drop(store);
    let runtime = tokio::runtime::Runtime::new().map_err(|_| l.tr("error-internal"))?;
    let ready = |bound: std::net::SocketAddr| {
        println!("{}", l.tr_args("cli-share-listening", &[("url", Value::from(format!("http://{bound}/"))), ("documents", Value::from(documents)), ("files", Value::from(files))]));
        let _ = std::io::Write::flush(&mut std::io::stdout());
    };
    let served = runtime.block_on(async {
        let server = crate::serve::serve(folder.path().to_path_buf(), addr, crate::serve::Limits::from_env(), ready);
        let until = tokio::time::sleep(std::time::Duration::from_secs(minutes * 60));
        tokio::select! {
            r = server => r,
            _ = until => Ok(()),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    });
    drop(runtime);
    drop(folder);
    served.map_err(|_| l.tr_args("cli-serve-cannot-listen", &[("addr", Value::from(addr.to_string()))]))?;
    // Whoever started it may have stopped reading (a closed pipe): not worth a panic.
    let _ = writeln!(std::io::stdout(), "{}", l.tr("cli-share-ended"));
    Ok(())
}
