//! `peerlib network [show]`, `peerlib network join [--yes] FILE|URL` and `peerlib network leave`
//! (#19 item 6): which network this data folder follows and where that was said; joining another
//! from an invitation (checked as strictly as network.toml, shown, and joined with --yes) or
//! leaving it for the machine's or the built-in network. The library follows at its next open:
//! the old network's documents leave it, the user's notes stay.

use clap::ArgMatches;
use peerlib_feed::network::{Network, NetworkSource};
use peerlib_l10n::{Localizer, Value};
use peerlib_store::paths::DataDir;

fn print(network: &Network, source: Option<NetworkSource>, l: &Localizer) {
    println!("{}", l.tr_args("cli-network-name", &[("name", Value::from(network.name.clone()))]));
    println!("{}", l.tr_args("cli-network-feed", &[("url", Value::from(network.feed_url.clone()))]));
    let keys: Vec<&str> = network.keys.iter().map(|k| k.id()).collect();
    println!("{}", l.tr_args("cli-network-keys", &[("keys", Value::from(keys.join(", ")))]));
    if let Some(s) = source {
        println!("{}", l.tr(&format!("cli-network-source-{}", s.as_str())));
    }
}

/// The network this data folder follows and where it was named; when its file is not valid, the
/// error says so, and that `peerlib network leave` leaves a joined one.
pub fn followed(dir: &DataDir, l: &Localizer) -> Result<(Network, NetworkSource), String> {
    let (source, network) = Network::followed_in(dir.root());
    network.map(|n| (n, source)).map_err(|e| {
        let said = l.tr_args("cli-network-invalid", &[("detail", Value::from(e.to_string()))]);
        if source == NetworkSource::Joined && Network::can_leave(dir.root()) {
            format!("{said}\n{}", l.tr("cli-network-invalid-joined"))
        } else {
            said
        }
    })
}

pub fn run(m: &ArgMatches, dir: &DataDir, l: &Localizer) -> Result<(), String> {
    let invalid = |e: peerlib_feed::network::NetworkError| l.tr_args("cli-invitation-invalid", &[("detail", Value::from(e.to_string()))]);
    match m.subcommand() {
        Some(("join", sub)) => {
            let from = sub.get_one::<String>("invitation").expect("required by clap");
            let text = if from.starts_with("https://") || from.starts_with("http://") {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|_| l.tr("error-internal"))?;
                // As a sync goes: never past the proxy saved in Settings (until 2026-12-07 only
                // `--proxy` was taken).
                let proxy = crate::sync::proxy(sub, dir);
                rt.block_on(peerlib_sync::invitation::fetch(from, proxy.as_deref(), &peerlib_sync::Cancel::new())).map_err(|e| l.tr(&e.code().message_id()))?
            } else {
                Network::read_invitation(std::path::Path::new(from))
                    .map_err(|_| l.tr_args("cli-release-unreadable", &[("path", Value::from(from.clone()))]))?
                    .ok_or_else(|| l.tr("error-invitation"))?
            };
            // Shown first, as the window does: joined only when asked again with --yes (a link
            // from a message may name a network other than the one its sender said).
            // A link is fetched again by the run with --yes: its fingerprint, shown here and
            // given back with --expect, holds the host to what it served the first time.
            let digest = peerlib_feed::sha256_hex(text.trim_start_matches('\u{feff}').as_bytes());
            if !sub.get_flag("yes") {
                let network = Network::parse_invitation(&text).map_err(invalid)?;
                print(&network, None, l);
                return Err(l.tr_args("cli-network-join-ask", &[("digest", Value::from(digest))]));
            }
            if sub.get_one::<String>("expect").is_some_and(|e| !e.trim().eq_ignore_ascii_case(&digest)) {
                return Err(l.tr_args("cli-network-join-changed", &[("digest", Value::from(digest))]));
            }
            let network = Network::join(dir.root(), &text).map_err(invalid)?;
            println!("{}", l.tr("cli-network-joined"));
            print(&network, None, l);
            Ok(())
        }
        Some(("leave", _)) => {
            let left = Network::leave(dir.root()).map_err(|_| l.tr("error-disk"))?;
            println!("{}", l.tr(if left { "cli-network-left" } else { "cli-network-not-joined" }));
            let (network, source) = followed(dir, l)?;
            print(&network, Some(source), l);
            Ok(())
        }
        _ => {
            let (network, source) = followed(dir, l)?;
            print(&network, Some(source), l);
            Ok(())
        }
    }
}
