//! One build for every network (#19 item 6), as real processes: the built-in network by default;
//! the machine's network set by an administrator's file; another joined from an invitation file
//! or link (the library then follows it: the old network's documents leave, the user's note
//! stays); left again. Bad invitations are refused in the user's language and change nothing.

use crate::common::{captive_portal, dir_arg, peerlib, start, Network};

fn text(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// `peerlib` with the given environment, in `lang`, the machine's network file at `system`.
fn run(args: &[&str], system: &std::path::Path, lang: &str) -> std::process::Output {
    peerlib(args, &[("PEERLIB_SYSTEM_NETWORK", system.to_str().unwrap()), ("LANG", lang)])
}

/// An invitation to `net` served at `addr`, named `name`.
fn invitation(net: &Network, addr: &str, name: &str) -> String {
    std::fs::read_to_string(net.network_toml(addr)).unwrap().replace("Test network", name)
}

#[test]
fn the_machines_network_then_a_joined_one_then_back_and_the_note_stays() {
    let (a, b) = (Network::with_reports(2), Network::new());
    b.write_doc("b0", "Déclaration commune", "Réduction des risques.");
    b.publish();
    let (sa, sb) = (start(&a.out()), start(&b.out()));
    let tmp = tempfile::tempdir().unwrap();
    let data = dir_arg(&tmp.path().join("data"));
    let missing = tmp.path().join("no-system-file");

    // Nothing set: the network built in.
    let shown = run(&["--data-dir", &data, "network"], &missing, "en_US.UTF-8");
    assert!(shown.status.success(), "{}", text(&shown));
    assert!(text(&shown).contains("Network: INPUD") && text(&shown).contains("Built into this copy"), "{}", text(&shown));

    // The administrator's file for the machine: followed, and synced from.
    let system = tmp.path().join("system-network.toml");
    std::fs::write(&system, invitation(&a, &sa.addr, "Réseau régional")).unwrap();
    let shown = run(&["--data-dir", &data, "network", "show"], &system, "fr_FR.UTF-8");
    assert!(text(&shown).contains("Réseau : Réseau régional") && text(&shown).contains("par son administrateur"), "{}", text(&shown));
    let synced = run(&["--data-dir", &data, "sync"], &system, "en_US.UTF-8");
    assert!(synced.status.success(), "{}", text(&synced));
    let listed = text(&run(&["--data-dir", &data, "list"], &system, "en_US.UTF-8"));
    assert!(listed.contains("Report 0") && listed.contains("Report 1"), "{listed}");
    let (user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(tmp.path().join("data")), 0).unwrap();
    user.set_note("r0", "marker-note-3310", 1).unwrap();
    drop(user);

    // An invitation file to another network: joined, and the library follows it.
    let file = tmp.path().join("b.peerlib-network");
    std::fs::write(&file, invitation(&b, &sb.addr, "Red nacional")).unwrap();
    // Without --yes: shown, with what joining does, and nothing changes.
    let asked = run(&["--data-dir", &data, "network", "join", &dir_arg(&file)], &system, "es_ES.UTF-8");
    assert!(!asked.status.success(), "{}", text(&asked));
    assert!(text(&asked).contains("Red: Red nacional") && text(&asked).contains(&sb.addr) && text(&asked).contains("Aún no se ha unido") && text(&asked).contains("--yes"), "{}", text(&asked));
    assert!(!tmp.path().join("data/network.toml").exists(), "joined without --yes");
    let joined = run(&["--data-dir", &data, "network", "join", "--yes", &dir_arg(&file)], &system, "es_ES.UTF-8");
    assert!(joined.status.success(), "{}", text(&joined));
    assert!(text(&joined).contains("Se unió a la red") && text(&joined).contains("Red: Red nacional"), "{}", text(&joined));
    assert!(run(&["--data-dir", &data, "sync"], &system, "en_US.UTF-8").status.success());
    let listed = text(&run(&["--data-dir", &data, "list"], &system, "en_US.UTF-8"));
    assert!(listed.contains("Déclaration commune") && !listed.contains("Report 0"), "the old network's documents left the library: {listed}");
    let (user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(tmp.path().join("data")), 0).unwrap();
    assert_eq!(user.note("r0").unwrap().as_deref(), Some("marker-note-3310"), "the note stays");
    drop(user);
    assert!(text(&run(&["--data-dir", &data, "network"], &system, "en_US.UTF-8")).contains("Joined from an invitation"));

    // A run for which PEERLIB_NETWORK names another network (a one-off) syncs that one and takes
    // nothing from the joined network's documents; the next ordinary run follows the joined one
    // alone again (the one-off network's documents leave).
    let one_off = a.network_toml(&sa.addr);
    let env = [("PEERLIB_SYSTEM_NETWORK", system.to_str().unwrap()), ("PEERLIB_NETWORK", one_off.as_str()), ("LANG", "en_US.UTF-8")];
    let synced = peerlib(&["--data-dir", &data, "sync"], &env);
    assert!(synced.status.success(), "{}", text(&synced));
    assert!(text(&peerlib(&["--data-dir", &data, "list"], &env)).contains("Déclaration commune"), "the joined network's documents stay during a one-off run");
    let listed = text(&run(&["--data-dir", &data, "list"], &system, "en_US.UTF-8"));
    assert!(listed.contains("Déclaration commune") && !listed.contains("Report 0"), "and after it: {listed}");

    // Left: the machine's network again, and its documents come back with a sync.
    let left = run(&["--data-dir", &data, "network", "leave"], &system, "ru_RU.UTF-8");
    assert!(left.status.success() && text(&left).contains("Вы вышли из сети") && text(&left).contains("Сеть: Réseau régional"), "{}", text(&left));
    let listed = text(&run(&["--data-dir", &data, "list"], &system, "en_US.UTF-8"));
    assert!(!listed.contains("Report 0") && !listed.contains("Déclaration commune"), "until it syncs, neither network's documents: {listed}");
    assert!(run(&["--data-dir", &data, "sync"], &system, "en_US.UTF-8").status.success());
    assert!(text(&run(&["--data-dir", &data, "list"], &system, "en_US.UTF-8")).contains("Report 0"));

    // An invitation by link (served like the feed itself).
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("join.peerlib-network"), invitation(&b, &sb.addr, "Red por enlace")).unwrap();
    let served = start(&site);
    let link = format!("http://{}/join.peerlib-network", served.addr);
    // Shown first, with its fingerprint; the host then serves another invitation, which the
    // run with --yes --expect refuses; the one shown is joined.
    let shown = run(&["--data-dir", &data, "network", "join", &link], &system, "en_US.UTF-8");
    assert!(!shown.status.success() && text(&shown).contains("Network: Red por enlace"), "{}", text(&shown));
    let said = text(&shown);
    let fingerprint = said.split("--expect ").nth(1).and_then(|t| t.split_whitespace().next()).unwrap_or_else(|| panic!("no fingerprint: {said}")).to_string();
    assert_eq!(fingerprint.len(), 64, "the whole SHA-256, which the host cannot match with another invitation: {said}");
    let shown_text = std::fs::read_to_string(site.join("join.peerlib-network")).unwrap();
    std::fs::write(site.join("join.peerlib-network"), invitation(&a, &sa.addr, "Red cambiada")).unwrap();
    let switched = run(&["--data-dir", &data, "network", "join", "--yes", "--expect", &fingerprint, &link], &system, "en_US.UTF-8");
    assert!(!switched.status.success() && text(&switched).contains("not the one shown before"), "{}", text(&switched));
    assert!(!text(&switched).contains("Red cambiada") && !tmp.path().join("data/network.toml").exists(), "nothing joined: {}", text(&switched));
    std::fs::write(site.join("join.peerlib-network"), shown_text).unwrap();
    let by_link = run(&["--data-dir", &data, "network", "join", "--yes", "--expect", &fingerprint, &link], &system, "en_US.UTF-8");
    assert!(by_link.status.success() && text(&by_link).contains("Network: Red por enlace"), "{}", text(&by_link));
}


#[test]
fn a_bad_invitation_is_refused_in_the_users_language_and_changes_nothing() {
    let net = Network::with_reports(1);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let d = dir_arg(&data);
    let missing = tmp.path().join("no-system-file");
    // Joined to a good network first: a refused invitation must leave it exactly as it is.
    let good = tmp.path().join("good.peerlib-network");
    let good_text = invitation(&net, "127.0.0.1:9", "Good network");
    std::fs::write(&good, &good_text).unwrap();
    assert!(run(&["--data-dir", &d, "network", "join", "--yes", &dir_arg(&good)], &missing, "en_US.UTF-8").status.success());
    let before = std::fs::read(data.join("network.toml")).unwrap();

    let key_line = good_text.lines().find(|l| l.starts_with("public_key")).unwrap().to_string();
    let cases: Vec<(&str, String)> = vec![
        ("plain http to another host", good_text.replace("http://127.0.0.1:9/", "http://feed.example/")),
        ("no key", good_text.split("[[keys]]").next().unwrap().to_string()),
        ("a key id that is not the key's", good_text.replacen("id = \"", "id = \"00", 1)),
        ("a key that is not a key", good_text.replace(&key_line, "public_key = \"RWQnot-a-key\"")),
        ("not TOML at all", "<html>You are invited!</html>".to_string()),
        ("a field it does not know", format!("{good_text}\nupdate_url = \"https://evil.example/\"\n")),
        ("too large", format!("{good_text}\n#{}\n", "x".repeat(20_000))),
    ];
    for (what, bad) in cases {
        let file = tmp.path().join("bad.peerlib-network");
        std::fs::write(&file, bad).unwrap();
        let o = run(&["--data-dir", &d, "network", "join", "--yes", &dir_arg(&file)], &missing, "fr_FR.UTF-8");
        assert!(!o.status.success(), "{what}: accepted: {}", text(&o));
        assert!(text(&o).contains("n’est pas valide") && text(&o).contains("Rien n’a été modifié"), "{what}: {}", text(&o));
        assert_eq!(std::fs::read(data.join("network.toml")).unwrap(), before, "{what}: the joined network changed");
    }
    // A link to somewhere that is not https, and a captive portal where the invitation should be.
    let o = run(&["--data-dir", &d, "network", "join", "--yes", "http://feed.example/join.peerlib-network"], &missing, "en_US.UTF-8");
    assert!(!o.status.success(), "{}", text(&o));
    let portal = captive_portal();
    let o = run(&["--data-dir", &d, "network", "join", "--yes", &format!("http://{portal}/join.peerlib-network")], &missing, "en_US.UTF-8");
    assert!(!o.status.success() && text(&o).contains("This network needs you to sign in"), "{}", text(&o));
    assert_eq!(std::fs::read(data.join("network.toml")).unwrap(), before);
    // A broken machine-wide file is said, not skipped (after leaving the joined network).
    assert!(run(&["--data-dir", &d, "network", "leave"], &missing, "en_US.UTF-8").status.success());
    let broken = tmp.path().join("broken-system.toml");
    std::fs::write(&broken, "name = ").unwrap();
    let o = run(&["--data-dir", &d, "list"], &broken, "en_US.UTF-8");
    assert!(!o.status.success(), "a broken machine-wide network was skipped: {}", text(&o));
}

/// A joined network whose file stops reading (edited by hand, damaged on disk) is said to be the
/// joined one, with how to leave it, and leaving it works: the built-in network is followed again
/// and the user's note stays. Until 2026-12-07 the window could not leave it (it asked for the
/// joined network's name first) and the message said to reinstall.
#[test]
fn a_joined_network_that_no_longer_reads_is_said_and_can_be_left() {
    let net = Network::with_reports(1);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let d = dir_arg(&data);
    let missing = tmp.path().join("no-system-file");
    let file = tmp.path().join("n.peerlib-network");
    std::fs::write(&file, invitation(&net, "127.0.0.1:9", "Red nacional")).unwrap();
    assert!(run(&["--data-dir", &d, "network", "join", "--yes", &dir_arg(&file)], &missing, "en_US.UTF-8").status.success());
    let (user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(data.clone()), 0).unwrap();
    user.set_note("r0", "marker-note-4471", 1).unwrap();
    drop(user);
    let joined = std::fs::read_to_string(data.join("network.toml")).unwrap();
    std::fs::write(data.join("network.toml"), &joined[..joined.len() / 2]).unwrap();

    for args in [&["--data-dir", &d, "network"][..], &["--data-dir", &d, "sync"][..]] {
        let o = run(args, &missing, "es_ES.UTF-8");
        assert!(!o.status.success(), "{args:?}: {}", text(&o));
        assert!(text(&o).contains("No se pudo leer la configuración de la red") && text(&o).contains("`peerlib network leave` la deja"), "{args:?}: {}", text(&o));
    }
    // A broken machine-wide file is not the user's to leave: no such line.
    let broken = tmp.path().join("broken-system.toml");
    std::fs::write(&broken, "name = ").unwrap();
    let left = run(&["--data-dir", &d, "network", "leave"], &broken, "en_US.UTF-8");
    assert!(!left.status.success() && text(&left).contains("Left the network you joined") && !text(&left).contains("network leave"), "{}", text(&left));

    let shown = run(&["--data-dir", &d, "network"], &missing, "en_US.UTF-8");
    assert!(shown.status.success() && text(&shown).contains("Network: INPUD"), "{}", text(&shown));
    // A link to nothing in its place is not taken for no file (the built-in network followed
    // without a word): said, and left like a file.
    std::os::unix::fs::symlink(tmp.path().join("gone.toml"), data.join("network.toml")).unwrap();
    let o = run(&["--data-dir", &d, "network"], &missing, "en_US.UTF-8");
    assert!(!o.status.success() && text(&o).contains("`peerlib network leave` leaves it"), "{}", text(&o));
    assert!(run(&["--data-dir", &d, "network", "leave"], &missing, "en_US.UTF-8").status.success());
    assert!(std::fs::symlink_metadata(data.join("network.toml")).is_err(), "the link left");
    let (user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(data), 0).unwrap();
    assert_eq!(user.note("r0").unwrap().as_deref(), Some("marker-note-4471"), "the note stays");
}

/// A link is fetched as a sync is: through the proxy saved in Settings (until 2026-12-07
/// `peerlib network join` took only `--proxy`, and went past a saved one, Tor included, straight
/// to the invitation's host). The proxy here is the test's listener, which records what it is
/// asked and refuses it.
#[test]
fn a_link_is_fetched_through_the_proxy_saved_in_settings() {
    use std::io::{Read, Write};
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let d = dir_arg(&data);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    {
        let (mut user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(&data), 0).unwrap();
        user.set_settings(&peerlib_store::Settings { proxy: Some(proxy), ..user.settings().unwrap() }).unwrap();
    }
    let asked = std::thread::spawn(move || {
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(30) {
            if let Ok((mut c, _)) = listener.accept() {
                c.set_nonblocking(false).unwrap();
                c.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
                let mut buf = [0u8; 2048];
                let n = c.read(&mut buf).unwrap_or(0);
                let _ = c.write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                return Some(String::from_utf8_lossy(&buf[..n]).to_string());
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    });
    let o = run(&["--data-dir", &d, "network", "join", "--yes", "https://invitations.example/join.peerlib-network"], &tmp.path().join("no-system-file"), "en_US.UTF-8");
    assert!(!o.status.success(), "{}", text(&o));
    let request = asked.join().unwrap().expect("the saved proxy was asked");
    assert!(request.starts_with("CONNECT invitations.example:443 "), "{request}");
    assert!(!data.join("network.toml").exists(), "nothing joined");
}
