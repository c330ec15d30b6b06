//! `peerlib release` and `peerlib update` as real processes against `peerlib serve` on
//! 127.0.0.1 (#19 items 4 and 5): a signed release is found, its notes shown in the user's
//! language, saved to a file for a USB stick and installed from it on another data folder; and
//! every bad update (truncated, altered, signed by another key, older, not JSON, a captive
//! portal's page, an older file on a USB stick) is refused in the user's language with the
//! installer never run and the library's files unchanged.
//!
//! The system's installer (apt through pkexec) is replaced by a script that copies the package
//! it is given (`PEERLIB_TEST_INSTALLER`, read by debug builds only): what reaches it is exactly
//! what the real one would install.

use crate::common::{captive_portal, dir_arg, peerlib, start, Network};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

struct Release {
    net: Network,
    keys: tempfile::TempDir,
    /// The release key's public line (what the app would ship).
    public: String,
}

impl Release {
    fn new() -> Release {
        let net = Network::with_reports(1);
        let keys = tempfile::tempdir().unwrap();
        let k = peerlib(&["keygen", "--secret-key", &dir_arg(&keys.path().join("release.key")), "--public-key", &dir_arg(&keys.path().join("release.pub"))], &[]);
        assert!(k.status.success());
        let public = std::fs::read_to_string(keys.path().join("release.pub")).unwrap().lines().nth(1).unwrap().trim().to_string();
        for (lang, text) in [("en", "Faster search and a fixed reader."), ("fr", "Recherche plus rapide et lecteur corrigé.")] {
            std::fs::write(keys.path().join(format!("notes.{lang}")), text).unwrap();
        }
        Release { net, keys, public }
    }

    /// A package of `version` with recognisable bytes.
    fn package(&self, version: &str) -> PathBuf {
        let p = self.keys.path().join(format!("peer-library_{version}_amd64.deb"));
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).chain(version.bytes()).collect();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// `peerlib release` into the feed folder, signed with `key` (the release key unless another).
    fn release(&self, version: &str, key: &Path) -> std::process::Output {
        let pkg = self.package(version);
        let notes = |l: &str| format!("{l}={}", dir_arg(&self.keys.path().join(format!("notes.{l}"))));
        peerlib(
            &["release", &dir_arg(&self.net.out()), "--version", version, "--notes", &notes("en"), "--notes", &notes("fr"), "--package", &format!("linux-x86_64-deb={}", dir_arg(&pkg)), "--released", "2026-12-01", "--secret-key", &dir_arg(key)],
            &[],
        )
    }

    fn key(&self) -> PathBuf {
        self.keys.path().join("release.key")
    }
}

/// The environment of a laptop following the test network, trusting the test release key, with
/// the installer replaced by a copy into `installed`.
fn laptop(toml: &str, public: &str, installed: &Path, script_dir: &Path) -> Vec<(String, String)> {
    let script = script_dir.join("installer.sh");
    std::fs::write(&script, format!("#!/bin/sh\ncp \"$1\" '{}'\n", installed.display())).unwrap();
    std::process::Command::new("chmod").args(["+x", script.to_str().unwrap()]).status().unwrap();
    vec![
        ("PEERLIB_NETWORK".into(), toml.into()),
        ("PEERLIB_TEST_RELEASE_KEY".into(), public.into()),
        ("PEERLIB_TEST_PLATFORM".into(), "linux-x86_64-deb".into()),
        ("PEERLIB_TEST_INSTALLER".into(), dir_arg(&script)),
    ]
}

fn run(args: &[&str], env: &[(String, String)], lang: &str) -> std::process::Output {
    let mut all: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    all.push(("LANG", lang));
    peerlib(args, &all)
}

fn text(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The library's own files (the databases), by name, with their bytes.
fn library_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir).unwrap().flatten().filter(|e| e.path().is_file()).map(|e| (e.file_name().to_string_lossy().to_string(), std::fs::read(e.path()).unwrap())).collect();
    v.sort();
    v
}

#[test]
fn a_signed_release_is_found_saved_to_a_file_and_installed_from_it_on_another_laptop() {
    let r = Release::new();
    let out = r.release("9.0.0", &r.key());
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Version 9.0.0 signed with 1 installers"), "{}", text(&out));
    // The next publish of the feed keeps the release beside it.
    r.net.write_doc("r9", "Later report", "Published after the release.");
    r.net.publish();
    assert!(r.net.out().join("updates/update.json").is_file(), "a publish removed the release");
    let server = start(&r.net.out());
    let toml = r.net.network_toml(&server.addr);
    let (a, b, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let installed = work.path().join("installed.deb");
    let env = laptop(&toml, &r.public, &installed, work.path());

    // Found, with the notes in the user's language (English when there are none in it).
    let check = run(&["--data-dir", &dir_arg(a.path()), "update", "--check"], &env, "en_US.UTF-8");
    assert!(check.status.success(), "{}", text(&check));
    assert!(text(&check).contains("Version 9.0.0 is ready to install.") && text(&check).contains("Faster search and a fixed reader."), "{}", text(&check));
    let fr = run(&["--data-dir", &dir_arg(a.path()), "update", "--check"], &env, "fr_FR.UTF-8");
    assert!(text(&fr).contains("La version 9.0.0 est prête") && text(&fr).contains("Recherche plus rapide"), "{}", text(&fr));
    let ru = run(&["--data-dir", &dir_arg(a.path()), "update", "--check"], &env, "ru_RU.UTF-8");
    assert!(text(&ru).contains("Faster search"), "{}", text(&ru));
    assert!(!installed.exists(), "a check installs nothing");

    // Saved for a USB stick, then installed from it on a laptop that never reaches the host.
    let usb = work.path().join("peer-library-9.0.0.peerlib-update");
    let save = run(&["--data-dir", &dir_arg(a.path()), "update", "--save", &dir_arg(&usb)], &env, "en_US.UTF-8");
    assert!(save.status.success(), "{}", text(&save));
    assert!(!installed.exists());
    drop(server);
    let from = run(&["--data-dir", &dir_arg(b.path()), "update", "--from", &dir_arg(&usb)], &env, "en_US.UTF-8");
    assert!(from.status.success(), "{}", text(&from));
    assert!(text(&from).contains("Version 9.0.0 is installed."), "{}", text(&from));
    assert_eq!(std::fs::read(&installed).unwrap(), std::fs::read(r.package("9.0.0")).unwrap(), "the installer got the released package, byte for byte");
    // What waited in the data folder is gone once installed.
    assert!(!b.path().join("updates").join("peer-library_9.0.0_amd64.deb").exists());

    // And over the network, on the first laptop.
    std::fs::remove_file(&installed).unwrap();
    let server = start(&r.net.out());
    let env = laptop(&r.net.network_toml(&server.addr), &r.public, &installed, work.path());
    let net = run(&["--data-dir", &dir_arg(a.path()), "update"], &env, "en_US.UTF-8");
    assert!(net.status.success(), "{}", text(&net));
    assert_eq!(std::fs::read(&installed).unwrap(), std::fs::read(r.package("9.0.0")).unwrap());
}

/// A go-between on 127.0.0.1 for the server at `to` that passes its answers on slowly (16 KiB
/// every 100 ms), so that a download takes a couple of seconds.
fn slowly(to: &str) -> String {
    use std::net::{Shutdown, TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let to = to.to_string();
    std::thread::spawn(move || {
        for down in listener.incoming().flatten() {
            let to = to.clone();
            std::thread::spawn(move || {
                let Ok(up) = TcpStream::connect(&to) else { return };
                let (mut asked, mut ask) = (down.try_clone().unwrap(), up.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut asked, &mut ask);
                    let _ = ask.shutdown(Shutdown::Write);
                });
                let (mut answer, mut answered) = (up, down);
                let mut buf = vec![0u8; 16 * 1024];
                while let Ok(n @ 1..) = answer.read(&mut buf) {
                    if answered.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                let _ = answered.shutdown(Shutdown::Write);
            });
        }
    });
    addr
}

/// Two updates of one data folder at once (the window's and `peerlib update`, or the daily check
/// and a click on "Check for updates"): one waits for the other's turn of the update folder
/// (update::Turn) and both install the released package. Until 2026-12-07 both wrote the same
/// part file at once, and one cleared the folder under the other: a download refused as damaged.
#[test]
fn two_updates_of_one_data_folder_at_once_take_turns() {
    let r = Release::new();
    assert!(r.release("9.0.0", &r.key()).status.success());
    let server = start(&r.net.out());
    let toml = r.net.network_toml(&slowly(&server.addr));
    let (data, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let d = dir_arg(data.path());
    let installs: Vec<PathBuf> = (0..2).map(|i| work.path().join(format!("installed-{i}.deb"))).collect();
    let runs: Vec<_> = installs
        .iter()
        .enumerate()
        .map(|(i, installed)| {
            let scripts = work.path().join(format!("scripts-{i}"));
            std::fs::create_dir_all(&scripts).unwrap();
            let env = laptop(&toml, &r.public, installed, &scripts);
            // An installer that takes a moment, as apt does: a clear by the other run meanwhile
            // would take the package from under it.
            std::fs::write(scripts.join("installer.sh"), format!("#!/bin/sh\nsleep 1\ncp \"$1\" '{}'\n", installed.display())).unwrap();
            let d = d.clone();
            std::thread::spawn(move || run(&["--data-dir", &d, "update"], &env, "en_US.UTF-8"))
        })
        .collect();
    let mut waited = 0;
    for (run, installed) in runs.into_iter().zip(&installs) {
        let o = run.join().unwrap();
        assert!(o.status.success(), "{}", text(&o));
        assert_eq!(std::fs::read(installed).unwrap(), std::fs::read(r.package("9.0.0")).unwrap(), "the released package, byte for byte");
        waited += usize::from(text(&o).contains("Another update of this data folder is under way"));
    }
    assert_eq!(waited, 1, "the two runs met: one waited for the other");
}

/// A zip holding exactly these entries (an update file as an attacker might make one).
fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn zip_entry(path: &Path, name: &str) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    z.by_name(name).unwrap().read_to_end(&mut out).unwrap();
    out
}


#[test]
fn every_bad_update_is_refused_in_the_users_language_and_changes_nothing() {
    let r = Release::new();
    assert!(r.release("9.0.0", &r.key()).status.success());
    let server = start(&r.net.out());
    let toml = r.net.network_toml(&server.addr);
    let (data, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let installed = work.path().join("installed.deb");
    let env = laptop(&toml, &r.public, &installed, work.path());
    let d = dir_arg(data.path());
    // A good file to take apart, and the library as it is before any of it.
    let (scratch, good) = (tempfile::tempdir().unwrap(), work.path().join("good.peerlib-update"));
    assert!(run(&["--data-dir", &dir_arg(scratch.path()), "update", "--save", &dir_arg(&good)], &env, "en_US.UTF-8").status.success());
    assert!(run(&["--data-dir", &d, "list"], &env, "en_US.UTF-8").status.success());
    let before = library_files(data.path());
    let manifest = zip_entry(&good, "update.json");
    let signature = zip_entry(&good, "update.json.minisig");
    let package = zip_entry(&good, "peer-library_9.0.0_amd64.deb");

    let refused = |args: Vec<String>, env: &[(String, String)], lang: &str, expect: &str| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args, env, lang);
        assert!(!o.status.success(), "{args:?} was accepted: {}", text(&o));
        assert!(text(&o).contains(expect), "{args:?}: expected {expect:?} in {}", text(&o));
        assert!(!installed.exists(), "{args:?} reached the installer");
        assert_eq!(library_files(data.path()), before, "{args:?} changed the library's files");
        let waiting: Vec<_> = std::fs::read_dir(data.path().join("updates")).map(|d| d.flatten().map(|e| e.file_name()).filter(|n| n != "checked" && n != ".turn" && !n.to_string_lossy().ends_with(".part")).collect()).unwrap_or_default();
        // (A download cut short keeps its part, to be resumed and checked again; `.turn` is the
        // update folder's lock, update::Turn.)
        assert!(waiting.is_empty(), "{args:?} left {waiting:?} waiting to be installed");
    };
    let from = |f: &Path| vec!["--data-dir".to_string(), d.clone(), "update".into(), "--from".into(), dir_arg(f)];
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<String>>();

    // A truncated file (cut mid-package), and a file whose package was cut but whose zip is whole.
    let bytes = std::fs::read(&good).unwrap();
    let cut = work.path().join("cut.peerlib-update");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    refused(from(&cut), &env, "fr_FR.UTF-8", "Ce fichier n’est pas une mise à jour de Peer Library");
    let short = work.path().join("short.peerlib-update");
    zip_of(&short, &[("update.json", &manifest), ("update.json.minisig", &signature), ("peer-library_9.0.0_amd64.deb", &package[..package.len() - 1000])]);
    refused(from(&short), &env, "es_ES.UTF-8", "El instalador de la actualización está dañado");
    // The package altered, its size kept.
    let mut altered_pkg = package.clone();
    altered_pkg[1234] ^= 0x40;
    let altered = work.path().join("altered.peerlib-update");
    zip_of(&altered, &[("update.json", &manifest), ("update.json.minisig", &signature), ("peer-library_9.0.0_amd64.deb", &altered_pkg)]);
    refused(from(&altered), &env, "en_US.UTF-8", "damaged or incomplete");
    // The manifest edited to name the altered package's hash: its signature no longer holds.
    let edited_manifest = String::from_utf8(manifest.clone()).unwrap().replace(&peerlib_feed::sha256_hex(&package), &peerlib_feed::sha256_hex(&altered_pkg));
    let edited = work.path().join("edited.peerlib-update");
    zip_of(&edited, &[("update.json", edited_manifest.as_bytes()), ("update.json.minisig", &signature), ("peer-library_9.0.0_amd64.deb", &altered_pkg)]);
    refused(from(&edited), &env, "ru_RU.UTF-8", "не подписано ключом выпусков");
    // Signed by another key (a whole valid release, from someone else).
    let other = tempfile::tempdir().unwrap();
    assert!(peerlib(&["keygen", "--secret-key", &dir_arg(&other.path().join("o.key")), "--public-key", &dir_arg(&other.path().join("o.pub"))], &[]).status.success());
    let forged = Release { net: Network::with_reports(1), keys: tempfile::tempdir().unwrap(), public: String::new() };
    for l in ["en", "fr"] {
        std::fs::write(forged.keys.path().join(format!("notes.{l}")), "x").unwrap();
    }
    assert!(forged.release("9.0.0", &other.path().join("o.key")).status.success());
    let forged_file = work.path().join("forged.peerlib-update");
    let fdir = forged.net.out().join("updates");
    zip_of(&forged_file, &[("update.json", &std::fs::read(fdir.join("update.json")).unwrap()), ("update.json.minisig", &std::fs::read(fdir.join("update.json.minisig")).unwrap()), ("peer-library_9.0.0_amd64.deb", &std::fs::read(fdir.join("peer-library_9.0.0_amd64.deb")).unwrap())]);
    refused(from(&forged_file), &env, "en_US.UTF-8", "not signed by Peer Library's release key");
    // A manifest that is not JSON, signed with the release key itself.
    let junk = b"version = 9.0.0\n".to_vec();
    let junk_sig = peerlib_feed::publish::sign_bytes(&junk, &std::fs::read_to_string(r.key()).unwrap(), "junk").unwrap();
    let junk_file = work.path().join("junk.peerlib-update");
    zip_of(&junk_file, &[("update.json", &junk), ("update.json.minisig", junk_sig.as_bytes()), ("peer-library_9.0.0_amd64.deb", &package)]);
    refused(from(&junk_file), &env, "en_US.UTF-8", "This is not a Peer Library update");
    // An older (and an equal) version on a USB stick, validly signed.
    for old in ["0.0.9", env!("CARGO_PKG_VERSION")] {
        let again = Release { net: Network::with_reports(1), keys: tempfile::tempdir().unwrap(), public: String::new() };
        for l in ["en", "fr"] {
            std::fs::write(again.keys.path().join(format!("notes.{l}")), "old").unwrap();
        }
        assert!(again.release(old, &r.key()).status.success());
        let odir = again.net.out().join("updates");
        let name = format!("peer-library_{old}_amd64.deb");
        let old_file = work.path().join(format!("{old}.peerlib-update"));
        zip_of(&old_file, &[("update.json", &std::fs::read(odir.join("update.json")).unwrap()), ("update.json.minisig", &std::fs::read(odir.join("update.json.minisig")).unwrap()), (&name, &std::fs::read(odir.join(&name)).unwrap())]);
        refused(from(&old_file), &env, "fr_FR.UTF-8", "n’est pas plus récente que votre version");
        // Served by the network's host, an older release is simply not offered.
        let s = start(&again.net.out());
        let o = run(&["--data-dir", &d, "update", "--check"], &laptop(&again.net.network_toml(&s.addr), &r.public, &installed, work.path()), "en_US.UTF-8");
        assert!(o.status.success() && text(&o).contains("is the newest version"), "{}", text(&o));
    }
    // This version with build metadata added, validly signed: no newer, since semantic
    // versioning's precedence ignores build metadata (until 2026-12-07 the app took it for newer,
    // as the semver crate's ordering does); and `peerlib release` makes no such release.
    let same = format!("{}+build.7", env!("CARGO_PKG_VERSION"));
    let meta_manifest = String::from_utf8(manifest.clone()).unwrap().replace("\"9.0.0\"", &format!("\"{same}\""));
    assert!(meta_manifest.contains(&same));
    let meta_sig = peerlib_feed::publish::sign_bytes(meta_manifest.as_bytes(), &std::fs::read_to_string(r.key()).unwrap(), "meta").unwrap();
    let meta_file = work.path().join("meta.peerlib-update");
    zip_of(&meta_file, &[("update.json", meta_manifest.as_bytes()), ("update.json.minisig", meta_sig.as_bytes()), ("peer-library_9.0.0_amd64.deb", &package)]);
    refused(from(&meta_file), &env, "en_US.UTF-8", "This is not a Peer Library update");
    let release_meta = r.release("9.1.0+build.7", &r.key());
    assert!(!release_meta.status.success() && text(&release_meta).contains("without build metadata"), "{}", text(&release_meta));
    // The host's package truncated after the release was signed: the download is refused.
    std::fs::write(r.net.out().join("updates/peer-library_9.0.0_amd64.deb"), &package[..package.len() / 3]).unwrap();
    let _ = std::fs::remove_dir_all(data.path().join("updates"));
    refused(args(&["--data-dir", &d, "update"]), &env, "en_US.UTF-8", "damaged or incomplete");
    // A captive portal where the host should be.
    let portal = captive_portal();
    let portal_env = laptop(&r.net.network_toml(&portal), &r.public, &installed, work.path());
    refused(args(&["--data-dir", &d, "update", "--check"]), &portal_env, "en_US.UTF-8", "This network needs you to sign in");
}

/// A newer version waiting to be installed (as the window keeps one from a USB stick) is not
/// replaced by the host's older release: `peerlib update` refuses it in words and installs
/// nothing, and `peerlib update --save` still saves the host's release for another laptop, the
/// newer one still waiting. (Until 2026-12-07 the older one replaced it and was installed.)
#[test]
fn an_older_release_never_replaces_a_newer_one_waiting() {
    let r = Release::new();
    assert!(r.release("9.0.0", &r.key()).status.success());
    let (data, work) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let waiting = data.path().join("updates");
    std::fs::create_dir_all(&waiting).unwrap();
    for f in ["update.json", "update.json.minisig", "peer-library_9.0.0_amd64.deb"] {
        std::fs::copy(r.net.out().join("updates").join(f), waiting.join(f)).unwrap();
    }
    let older = Release { net: Network::with_reports(1), keys: tempfile::tempdir().unwrap(), public: String::new() };
    for l in ["en", "fr"] {
        std::fs::write(older.keys.path().join(format!("notes.{l}")), "older").unwrap();
    }
    assert!(older.release("5.0.0", &r.key()).status.success());
    let server = start(&older.net.out());
    let installed = work.path().join("installed.deb");
    let env = laptop(&older.net.network_toml(&server.addr), &r.public, &installed, work.path());
    let d = dir_arg(data.path());
    let still_waiting = || std::fs::read_to_string(waiting.join("update.json")).unwrap().contains("\"9.0.0\"") && waiting.join("peer-library_9.0.0_amd64.deb").exists();

    let o = run(&["--data-dir", &d, "update"], &env, "en_US.UTF-8");
    assert!(!o.status.success() && text(&o).contains("A newer version already waits to be installed"), "{}", text(&o));
    assert!(!installed.exists(), "nothing installed");
    assert!(still_waiting());
    let out = work.path().join("for-another-laptop.peerlib-update");
    let o = run(&["--data-dir", &d, "update", "--save", &dir_arg(&out)], &env, "en_US.UTF-8");
    assert!(o.status.success(), "{}", text(&o));
    assert!(zip_entry(&out, "update.json").windows(7).any(|w| w == b"\"5.0.0\""), "the host's release saved");
    assert!(still_waiting(), "the newer one still waits");
}

#[test]
fn the_version_is_the_workspaces_one() {
    let out = peerlib(&["--version"], &[]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("peerlib {}", env!("CARGO_PKG_VERSION")));
    // The installers take their version from Cargo.toml: tauri.conf.json must not name another.
    let conf = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../tauri.conf.json")).unwrap();
    assert!(!conf.contains("\"version\""), "tauri.conf.json names a version of its own");
}
