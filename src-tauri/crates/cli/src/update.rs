//! `peerlib release` (the maintainers: sign an update into the feed folder) and `peerlib update`
//! (a laptop: check the network's host, save the update to a file for a USB stick, or install it
//! from the network or from such a file), #19; peerlib-sync's update.rs checks everything.

use clap::ArgMatches;
use peerlib_l10n::{Localizer, Value};
use peerlib_store::paths::DataDir;
use peerlib_sync::update::{self, Offer, UpdateError};
use peerlib_sync::Cancel;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn said(e: &UpdateError, l: &Localizer) -> String {
    l.tr(&e.code().message_id())
}

/// `peerlib release OUT --version V --notes en=FILE … --package SYSTEM=FILE … --secret-key K`.
pub fn release(m: &ArgMatches, l: &Localizer) -> Result<(), String> {
    let out = m.get_one::<PathBuf>("out").expect("required");
    let key_path = m.get_one::<PathBuf>("secret-key").expect("required");
    let key = std::fs::read_to_string(key_path).map_err(|_| l.tr_args("cli-publish-no-key", &[("path", Value::from(key_path.display().to_string()))]))?;
    let pairs = |id: &str| -> Result<Vec<(String, PathBuf)>, String> {
        m.get_many::<String>(id)
            .into_iter()
            .flatten()
            .map(|p| p.split_once('=').map(|(k, v)| (k.to_string(), PathBuf::from(v))).ok_or_else(|| l.tr_args("cli-release-pair", &[("value", Value::from(p.clone()))])))
            .collect()
    };
    let mut notes = BTreeMap::new();
    for (lang, path) in pairs("notes")? {
        let text = std::fs::read_to_string(&path).map_err(|_| l.tr_args("cli-release-unreadable", &[("path", Value::from(path.display().to_string()))]))?;
        notes.insert(lang, text.trim().to_string());
    }
    let packages = pairs("package")?;
    let version = m.get_one::<String>("version").expect("required");
    let released = m.get_one::<String>("released").cloned().unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%d").to_string());
    match peerlib_feed::release::write_release(out, version, &released, notes, &packages, &key) {
        Ok(r) => {
            println!("{}", l.tr_args("cli-release-done", &[("version", Value::from(r.version)), ("packages", Value::from(r.packages.len()))]));
            Ok(())
        }
        Err(e) => Err(l.tr_args("cli-release-failed", &[("detail", Value::from(e.to_string()))])),
    }
}

/// The data folder's update folder to this run (update::Turn); while another has it (the window,
/// another `peerlib update`), the user is told what is waited for.
fn turn(dir: &DataDir, l: &Localizer) -> Result<update::Turn, String> {
    if let Some(turn) = update::Turn::try_take(dir.root()).map_err(|_| l.tr("error-disk"))? {
        return Ok(turn);
    }
    eprintln!("{}", l.tr("cli-update-waiting"));
    update::Turn::take(dir.root()).map_err(|_| l.tr("error-disk"))
}

/// `peerlib update [--check | --save FILE | --from FILE]`.
pub fn update(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let keys = update::release_keys();
    let installed = update::installed_version();
    let platform = update::platform();
    if let Some(file) = m.get_one::<PathBuf>("from") {
        // Checked whole (signature, version, package) before the system's installer sees it.
        let platform = platform.ok_or_else(|| said(&UpdateError::NotInstalled, l))?;
        let _turn = turn(dir, l)?;
        let (offer, package) = update::open_file(file, dir.root(), &keys, installed, &platform).map_err(|e| said(&e, l))?;
        return install(&offer, &package, &platform, dir, l);
    }
    let network = crate::sync::network(dir, l)?;
    let proxy = crate::sync::proxy(m, dir);
    let http = update::http_for(&network.feed_url, proxy.as_deref()).map_err(|e| l.tr(&e.code().message_id()))?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().worker_threads(2).build().map_err(|_| l.tr("error-internal"))?;
    let cancel = Cancel::new();
    // Saving for another laptop works on any copy; installing needs a package kind.
    let wanted = match (&platform, m.get_one::<String>("system")) {
        (_, Some(s)) => s.clone(),
        (Some(p), None) => p.clone(),
        (None, None) => return Err(said(&UpdateError::NotInstalled, l)),
    };
    let offer = rt.block_on(update::check(&http, &network.feed_url, &keys, installed, &wanted, &cancel)).map_err(|e| said(&e, l))?;
    let Some(offer) = offer else {
        println!("{}", l.tr_args("cli-update-none", &[("version", Value::from(installed))]));
        return Ok(());
    };
    println!("{}", l.tr_args("cli-update-available", &[("version", Value::from(offer.version.clone()))]));
    println!("{}", offer.notes_in(l.locale()));
    if m.get_flag("check") {
        return Ok(());
    }
    // A newer version already waiting (the window took it from a USB stick) is not replaced by
    // the host's older one. An update saved for another laptop (of this system or another) is
    // downloaded into a folder of its own: what waits here stays as it is.
    let aside = match m.get_one::<PathBuf>("save") {
        Some(_) => Some(tempfile::tempdir().map_err(|_| l.tr("error-disk"))?),
        None => None,
    };
    let into = aside.as_ref().map_or(dir.root(), |a| a.path());
    // The data folder's update folder to this run until it has installed and cleared (a folder
    // of its own for --save needs none); what waits there is looked at once the turn is had.
    let _turn = match aside {
        Some(_) => None,
        None => {
            let turn = turn(dir, l)?;
            if let Some(waiting) = update::superseded(dir.root(), &offer, &keys, installed, &wanted) {
                return Err(said(&UpdateError::OlderThanWaiting { offered: offer.version.clone(), waiting }, l));
            }
            Some(turn)
        }
    };
    let package = rt.block_on(update::download(&http, &network.feed_url, &offer, into, &cancel)).map_err(|e| said(&e, l))?;
    if let Some(out) = m.get_one::<PathBuf>("save") {
        update::save_file(&offer, &package, out).map_err(|e| said(&e, l))?;
        println!("{}", l.tr_args("cli-update-saved", &[("version", Value::from(offer.version.clone())), ("path", Value::from(out.display().to_string()))]));
        return Ok(());
    }
    install(&offer, &package, &wanted, dir, l)
}

fn install(offer: &Offer, package: &std::path::Path, platform: &str, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    println!("{}", l.tr_args("cli-update-installing", &[("version", Value::from(offer.version.clone()))]));
    update::install(package, platform, &offer.package).map_err(|e| said(&e, l))?;
    if update::finished_by_hand(platform) {
        // macOS: the disk image is open in the Finder; kept until the new version runs.
        println!("{}", l.tr_args("cli-update-by-hand", &[("version", Value::from(offer.version.clone()))]));
        return Ok(());
    }
    update::clear(dir.root());
    println!("{}", l.tr_args("cli-update-installed", &[("version", Value::from(offer.version.clone()))]));
    Ok(())
}
