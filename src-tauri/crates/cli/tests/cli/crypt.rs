//! `peerlib encrypt`, `decrypt` and `passphrase`, and every other command asking for the
//! passphrase, as real processes (#18 items 1 and 8): nothing personal readable in any file of
//! the data folder; no passphrase or a wrong one refused in the user's language with nothing
//! changed; the right one opens everything.

use crate::common::{dir_arg, with_input};
use peerlib_store::crypt::{self, Keyring};
use peerlib_store::paths::DataDir;
use peerlib_store::UserStore;
use std::path::Path;
use std::process::Output;

const MARKERS: [&str; 2] = ["markernote6602", "markercollection6603"];

fn all_bytes(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![];
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn marker_in(root: &Path) -> Option<String> {
    all_bytes(root).into_iter().find_map(|(name, bytes)| MARKERS.iter().find(|m| bytes.windows(m.len()).any(|w| w == m.as_bytes())).map(|m| format!("{m} in {name}")))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn encrypted_personal_data_is_asked_for_by_every_command_and_readable_nowhere() {
    let a = tempfile::tempdir().unwrap();
    let da = dir_arg(a.path());
    let (user, _) = UserStore::open_in(&DataDir::new(a.path()), 0).unwrap();
    user.set_note("r1", &format!("{} before the raid", MARKERS[0]), 1).unwrap();
    user.create_collection(MARKERS[1], 2).unwrap();
    drop(user);
    assert!(marker_in(a.path()).is_some(), "the markers are there to be found before");

    let short = with_input(&["--data-dir", &da, "encrypt"], "short\n", "en_US.UTF-8");
    assert!(!short.status.success() && stderr(&short).contains("at least 8 characters"), "{short:?}");
    assert!(!crypt::is_encrypted(&DataDir::new(a.path())));
    let enc = with_input(&["--data-dir", &da, "encrypt"], "our long passphrase\n", "en_US.UTF-8");
    assert!(enc.status.success(), "{enc:?}");
    // Said before the passphrase was chosen (#18 item 2).
    assert!(stderr(&enc).contains("nobody can recover your notes") && stderr(&enc).contains("can be synced again"), "{enc:?}");
    assert_eq!(marker_in(a.path()), None);
    let again = with_input(&["--data-dir", &da, "encrypt"], "our long passphrase\n", "es_ES.UTF-8");
    assert!(stderr(&again).contains("ya están cifrados"), "{again:?}");

    // No passphrase (a timer, an empty standard input), a wrong one: refused, nothing changed.
    let before = all_bytes(a.path());
    let none = with_input(&["--data-dir", &da, "list"], "", "fr_FR.UTF-8");
    assert!(!none.status.success() && stderr(&none).contains("sont chiffrées. Saisissez leur phrase secrète"), "{none:?}");
    let wrong = with_input(&["--data-dir", &da, "status"], "our wrong passphrase\n", "ru_RU.UTF-8");
    assert!(!wrong.status.success() && stderr(&wrong).contains("Эта парольная фраза не открывает"), "{wrong:?}");
    // Nothing changed but the count of wrong passphrases, which the next run goes on from.
    let record = "user.wrong-passphrases";
    let counted = |b: Vec<(String, Vec<u8>)>| b.into_iter().filter(|(name, _)| !name.ends_with(record)).collect::<Vec<_>>();
    assert!(counted(all_bytes(a.path())) == counted(before), "no file changed");
    assert_eq!(std::fs::read_to_string(a.path().join(record)).unwrap().split_whitespace().next(), Some("1"), "the wrong passphrase counted");
    assert!(!stderr(&wrong).contains("hmac"), "SQLCipher's own log stays quiet: {}", stderr(&wrong));

    // The right one: the command runs, and says that a wrong one was typed; a personal export
    // asks for it, then for the export's.
    let listed = with_input(&["--data-dir", &da, "list"], "our long passphrase\n", "en_US.UTF-8");
    assert!(listed.status.success(), "{listed:?}");
    assert!(stderr(&listed).contains("a wrong passphrase was typed once, on 20") && stderr(&listed).contains("someone may have tried"), "{listed:?}");
    assert!(!a.path().join(record).exists(), "said once");
    let again = with_input(&["--data-dir", &da, "list"], "our long passphrase\n", "en_US.UTF-8");
    assert!(again.status.success() && !stderr(&again).contains("wrong passphrase"), "{again:?}");
    let out = tempfile::tempdir().unwrap();
    let file = dir_arg(&out.path().join("me.peerlib-personal"));
    let export = with_input(&["--data-dir", &da, "personal", "export", &file], "our long passphrase\nthe export's passphrase\n", "en_US.UTF-8");
    assert!(export.status.success(), "{export:?}");

    // A new passphrase: the old one opens nothing, the new one everything.
    let wrong_old = with_input(&["--data-dir", &da, "passphrase"], "not the passphrase\nnew passphrase here\n", "en_US.UTF-8");
    assert!(!wrong_old.status.success(), "{wrong_old:?}");
    // A wrong passphrase to `peerlib passphrase` counts too, and the next run, in Spanish, waits
    // for it and says so.
    let changed = with_input(&["--data-dir", &da, "passphrase"], "our long passphrase\nnew passphrase here\n", "es_ES.UTF-8");
    assert!(changed.status.success(), "{changed:?}");
    assert!(stderr(&changed).contains("se escribió una vez una frase de contraseña incorrecta"), "{changed:?}");
    assert_eq!(marker_in(a.path()), None);
    for wrong in 1..=2 {
        assert!(!with_input(&["--data-dir", &da, "list"], "our long passphrase\n", "en_US.UTF-8").status.success(), "{wrong}");
    }
    let opened = with_input(&["--data-dir", &da, "list"], "new passphrase here\n", "ru_RU.UTF-8");
    assert!(opened.status.success(), "{opened:?}");
    assert!(stderr(&opened).contains("неверную парольную фразу вводили 2 раза"), "{opened:?}");
    assert!(stderr(&opened).contains("фраза будет проверена через 2 с"), "the wait said: {opened:?}");

    // Decrypted: plain again, every note there, and no passphrase asked.
    let dec = with_input(&["--data-dir", &da, "decrypt"], "new passphrase here\n", "en_US.UTF-8");
    assert!(dec.status.success(), "{dec:?}");
    assert!(with_input(&["--data-dir", &da, "list"], "", "en_US.UTF-8").status.success());
    let (user, _) = UserStore::open_in(&DataDir::new(a.path()), 0).unwrap();
    assert!(user.note("r1").unwrap().unwrap().contains(MARKERS[0]));
    let not = with_input(&["--data-dir", &da, "decrypt"], "new passphrase here\n", "en_US.UTF-8");
    assert!(stderr(&not).contains("is not encrypted"), "{not:?}");
}

#[test]
fn encryption_waits_for_the_app_to_quit_and_erase_needs_no_passphrase() {
    let a = tempfile::tempdir().unwrap();
    let da = dir_arg(a.path());
    let dir = DataDir::new(a.path());
    let (user, _) = UserStore::open_in(&dir, 0).unwrap();
    user.set_note("r1", MARKERS[0], 1).unwrap();
    drop(user);
    // The app holds the folder (its shared hold on user.lock): nothing is rewritten under it.
    let app = crypt::InUse::shared(&dir).expect("file locks on this system");
    let refused = with_input(&["--data-dir", &da, "encrypt"], "our long passphrase\n", "en_US.UTF-8");
    assert!(!refused.status.success() && stderr(&refused).contains("Peer Library is open on this laptop"), "{refused:?}");
    assert!(!crypt::is_encrypted(&dir));
    drop(app);
    assert!(with_input(&["--data-dir", &da, "encrypt"], "our long passphrase\n", "en_US.UTF-8").status.success());
    assert!(UserStore::open_in(&dir.with_keyring(Keyring::new(&dir, "our long passphrase")), 0).is_ok());

    // Erased in a hurry: no passphrase asked, nothing of the encrypted files left.
    let erased = with_input(&["--data-dir", &da, "erase", "--personal"], "", "en_US.UTF-8");
    assert!(erased.status.success(), "{erased:?}");
    assert!(!crypt::is_encrypted(&dir));
    assert!(!a.path().join("user.encryption").exists());
    assert!(with_input(&["--data-dir", &da, "list"], "", "en_US.UTF-8").status.success(), "starts as new, asks for nothing");
}

#[test]
fn erasing_encrypted_personal_data_without_its_passphrase_unfollows_its_feeds_too() {
    use crate::common::{peerlib, Synced};
    let synced = Synced::new(2);
    let env = [("PEERLIB_NETWORK", synced.toml.as_str())];
    let (a, da) = (&synced.dir, synced.arg());
    let followed = format!("http://{}/markerfeed8841.xml", synced.server.addr);
    assert!(peerlib(&["--data-dir", &da, "feeds", "add", &followed], &env).status.success());
    let anywhere = |m: &str| all_bytes(a.path()).into_iter().any(|(_, b)| b.windows(m.len()).any(|w| w == m.as_bytes()));
    assert!(anywhere("markerfeed8841"), "the library lists the feed followed (it syncs without a passphrase)");
    assert!(with_input(&["--data-dir", &da, "encrypt"], "our long passphrase\n", "en_US.UTF-8").status.success());

    // Erased in a hurry, no passphrase: the feed is unfollowed in the library too.
    let erased = peerlib(&["--data-dir", &da, "erase", "--personal"], &env);
    assert!(erased.status.success(), "{erased:?}");
    assert!(!anywhere("markerfeed8841"), "the followed feed's address is left in a file");
    let listed = peerlib(&["--data-dir", &da, "list", "--json"], &env);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&listed.stdout).unwrap().as_array().unwrap().len(), 2, "the network's documents stay");
}

#[test]
fn the_whole_library_encrypted_from_the_command_line_is_read_synced_and_decrypted_only_with_the_passphrase() {
    use crate::common::{peerlib, start, Network};
    let net = Network::new();
    // An attachment's bytes name what it is about as plainly as a title does.
    let deck = |n: u32| format!("%PDF-1.4\n% markerattach9934 briefing {n}\n{}%%EOF\n", "x".repeat(150_000)).into_bytes();
    net.write_doc_with_file("m1", "Consultation markertitle9931", "The markerbody9932 paragraph.", &deck(1));
    net.publish();
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    let run = |args: &[&str], input: &str, lang: &str| crate::common::with_input_env(args, input, lang, &env);
    let a = tempfile::tempdir().unwrap();
    let da = dir_arg(a.path());
    assert!(peerlib(&["--data-dir", &da, "sync"], &env).status.success());
    let followed = format!("http://{}/markerfeed9933.xml", server.addr);
    assert!(peerlib(&["--data-dir", &da, "feeds", "add", &followed], &env).status.success());
    let markers = ["markertitle9931", "markerbody9932", "markerfeed9933", "markerattach9934"];
    let found = || all_bytes(a.path()).into_iter().find_map(|(name, b)| markers.iter().find(|m| b.windows(m.len()).any(|w| w == m.as_bytes())).map(|m| format!("{m} in {name}")));
    assert!(found().is_some(), "the library's title, body and followed feed are there to be found before");
    let attachment = a.path().join("attachments").join(peerlib_feed::sha256_hex(&deck(1)));
    assert_eq!(std::fs::read(&attachment).unwrap(), deck(1), "the attachment is held plain while the library is");

    let enc = run(&["--data-dir", &da, "encrypt", "--all"], "our long passphrase\n", "en_US.UTF-8");
    // Said as it is: the attachments are sealed with the library (until 2026-12-07 this message,
    // and Settings, said they were not).
    assert!(enc.status.success() && String::from_utf8_lossy(&enc.stdout).contains("The library is encrypted too, its attachments (PDFs, decks) and images included"), "{enc:?}");
    assert!(crypt::library_encrypted(&DataDir::new(a.path())));
    assert_eq!(found(), None);
    assert!(!attachment.exists(), "the attachment is sealed under another name");

    // Every command asks; without the passphrase nothing is read and nothing changes.
    let before = all_bytes(a.path());
    let none = run(&["--data-dir", &da, "list"], "", "es_ES.UTF-8");
    assert!(!none.status.success() && !String::from_utf8_lossy(&none.stdout).contains("markertitle9931"), "{none:?}");
    assert!(all_bytes(a.path()) == before, "no file changed");
    let listed = run(&["--data-dir", &da, "list"], "our long passphrase\n", "en_US.UTF-8");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Consultation markertitle9931"), "{listed:?}");
    let search = run(&["--data-dir", &da, "search", "markerbody9932"], "our long passphrase\n", "en_US.UTF-8");
    assert!(String::from_utf8_lossy(&search.stdout).contains("[m1]"), "{search:?}");
    // A sync writes to the encrypted library (its WAL) and still leaves nothing readable.
    net.write_doc_with_file("m2", "Second markertitle9931", "Another markerbody9932.", &deck(2));
    net.publish();
    let synced = run(&["--data-dir", &da, "sync"], "our long passphrase\n", "en_US.UTF-8");
    // (The followed feed's address answers 404: the sync says so, and its exit status does.)
    assert!(String::from_utf8_lossy(&synced.stdout).contains("Test network: 1 new"), "{synced:?}");
    assert_eq!(found(), None);
    let again = run(&["--data-dir", &da, "encrypt", "--all"], "our long passphrase\n", "en_US.UTF-8");
    assert!(!again.status.success(), "{again:?}");
    // Passed on by a bundle, the attachments are themselves again (a bundle is for another
    // laptop's library, and says so).
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("library.peerlib");
    let exported = run(&["--data-dir", &da, "export", &dir_arg(&bundle)], "our long passphrase\n", "en_US.UTF-8");
    assert!(exported.status.success() && stderr(&exported).contains("2 attachments"), "{exported:?}");
    let zip = std::fs::read(&bundle).unwrap();
    for n in [1, 2] {
        let d = deck(n);
        assert!(zip.windows(d.len()).any(|w| w == d), "attachment {n} whole in the bundle");
    }

    let dec = run(&["--data-dir", &da, "decrypt"], "our long passphrase\n", "en_US.UTF-8");
    assert!(dec.status.success() && String::from_utf8_lossy(&dec.stdout).contains("and the library are no longer encrypted"), "{dec:?}");
    let plain = run(&["--data-dir", &da, "list"], "", "en_US.UTF-8");
    assert!(String::from_utf8_lossy(&plain.stdout).contains("Second markertitle9931"), "{plain:?}");
    for n in [1, 2] {
        let path = a.path().join("attachments").join(peerlib_feed::sha256_hex(&deck(n)));
        assert_eq!(std::fs::read(&path).unwrap(), deck(n), "attachment {n} plain again, as it was");
    }
    assert!(!a.path().join("attachments/sealed").exists());
}
