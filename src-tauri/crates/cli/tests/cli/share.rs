//! `peerlib export`, `import`, `inventory`, `share` and `sync --from` as real processes (#20):
//! bundles between two data folders, and a laptop getting the library from a nearby laptop over
//! a network of two hosts made by the test (`ip netns` and a veth pair).

use crate::common::{dir_arg, peerlib, start, Network};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "stdout: {}\nstderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn ids(d: &str, env: &[(&str, &str)]) -> Vec<String> {
    let mut v: Vec<String> = json(&peerlib(&["--data-dir", d, "list", "--json"], env)).as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

#[test]
fn a_bundle_carries_the_library_and_a_collection_between_two_data_folders() {
    let net = Network::with_reports(3);
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    let (a, b, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (da, db) = (dir_arg(a.path()), dir_arg(b.path()));
    ok(&peerlib(&["--data-dir", &da, "sync"], &env));

    let file = dir_arg(&out.path().join("library.peerlib"));
    let exported = peerlib(&["--data-dir", &da, "export", &file], &env);
    ok(&exported);
    assert!(String::from_utf8_lossy(&exported.stderr).contains("3 documents and 0 attachments"), "{}", String::from_utf8_lossy(&exported.stderr));
    let imported = json(&peerlib(&["--data-dir", &db, "import", &file, "--json"], &env));
    assert_eq!(imported["sources"][0]["added"], 3, "{imported}");
    assert_eq!(ids(&db, &env), ids(&da, &env));
    assert_eq!(ok(&peerlib(&["--data-dir", &db, "import", &file], &env)).trim(), "Test network: up to date.");

    // A collection: only its documents, and never the collection's name or a note.
    let (user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(a.path()), 0).unwrap();
    let c = user.create_collection("Meeting with the ministry", 0).unwrap();
    user.add_to_collection(c, "r1").unwrap();
    user.set_note("r1", "private-marker-note", 0).unwrap();
    drop(user);
    let part = out.path().join("meeting.peerlib");
    ok(&peerlib(&["--data-dir", &da, "export", &dir_arg(&part), "--collection", "Meeting with the ministry"], &env));
    let bytes = std::fs::read(&part).unwrap();
    for secret in ["Meeting with the ministry", "private-marker-note"] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret} is in the bundle");
    }
    let c = tempfile::tempdir().unwrap();
    let dc = dir_arg(c.path());
    ok(&peerlib(&["--data-dir", &dc, "import", &dir_arg(&part)], &env));
    assert_eq!(ids(&dc, &env), vec!["r1"]);

    // Wrong input: a clear line in the user's language, a failing exit status.
    let none = peerlib(&["--lang", "fr", "--data-dir", &da, "export", &file, "--collection", "Nope"], &env);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("Il n’y a pas de collection nommée « Nope »"), "{}", String::from_utf8_lossy(&none.stderr));
    let note = out.path().join("note.txt");
    std::fs::write(&note, "not a bundle").unwrap();
    let refused = peerlib(&["--lang", "es", "--data-dir", &db, "import", &dir_arg(&note)], &env);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no es un paquete de Peer Library"), "{}", String::from_utf8_lossy(&refused.stderr));

    // Only what is missing: an inventory, one changed document, a bundle for it.
    let inv = dir_arg(&out.path().join("inventory.json"));
    ok(&peerlib(&["--data-dir", &db, "inventory", &inv], &env));
    net.write_doc("r2", "Report 2", "Changed.");
    net.publish();
    ok(&peerlib(&["--data-dir", &da, "sync"], &env));
    let inc = dir_arg(&out.path().join("update.peerlib"));
    let made = peerlib(&["--data-dir", &da, "export", &inc, "--for", &inv], &env);
    ok(&made);
    assert!(String::from_utf8_lossy(&made.stderr).contains("1 documents"), "{}", String::from_utf8_lossy(&made.stderr));
    let r = json(&peerlib(&["--data-dir", &db, "import", &inc, "--json"], &env));
    assert_eq!((r["sources"][0]["changed"].as_u64(), r["sources"][0]["seq"].as_i64()), (Some(1), Some(2)), "{r}");
}

/// Commands run as root in network namespaces; removed when dropped.
struct Netns {
    names: Vec<String>,
}

impl Drop for Netns {
    fn drop(&mut self) {
        for n in &self.names {
            let _ = Command::new("ip").args(["netns", "del", n]).status();
        }
    }
}

fn sh(args: &[&str]) {
    let s = Command::new(args[0]).args(&args[1..]).status().unwrap();
    assert!(s.success(), "{args:?}");
}

#[test]
fn a_laptop_gets_the_library_from_a_nearby_laptop_and_asks_nothing_of_any_other_address() {
    // Two hosts on one link: A (10.231.N.1) shares, B (10.231.N.2) syncs from it. B's default
    // route goes to A, so an address B should never ask would reach the link, and strace shows
    // every connect B makes.
    assert!(
        Command::new("id").arg("-u").output().unwrap().stdout.starts_with(b"0"),
        "this test makes network namespaces: run the tests as root (make test does, in CI)"
    );
    let pid = std::process::id();
    let n = pid % 200 + 20;
    let (ns_a, ns_b) = (format!("plA{pid}"), format!("plB{pid}"));
    let (va, vb) = (format!("pla{}", pid % 100_000), format!("plb{}", pid % 100_000));
    let _guard = Netns { names: vec![ns_a.clone(), ns_b.clone()] };
    let (ip_a, ip_b) = (format!("10.231.{n}.1"), format!("10.231.{n}.2"));
    sh(&["ip", "netns", "add", &ns_a]);
    sh(&["ip", "netns", "add", &ns_b]);
    sh(&["ip", "link", "add", &va, "type", "veth", "peer", "name", &vb]);
    sh(&["ip", "link", "set", &va, "netns", &ns_a]);
    sh(&["ip", "link", "set", &vb, "netns", &ns_b]);
    sh(&["ip", "-n", &ns_a, "addr", "add", &format!("{ip_a}/24"), "dev", &va]);
    sh(&["ip", "-n", &ns_b, "addr", "add", &format!("{ip_b}/24"), "dev", &vb]);
    // The same link also numbered as a university's or a venue's network numbers its laptops,
    // with public addresses (TEST-NET-1).
    sh(&["ip", "-n", &ns_a, "addr", "add", "192.0.2.1/24", "dev", &va]);
    sh(&["ip", "-n", &ns_b, "addr", "add", "192.0.2.2/24", "dev", &vb]);
    for (ns, dev) in [(&ns_a, &va), (&ns_b, &vb)] {
        sh(&["ip", "-n", ns, "link", "set", dev, "up"]);
        sh(&["ip", "-n", ns, "link", "set", "lo", "up"]);
    }
    sh(&["ip", "-n", &ns_b, "route", "add", "default", "via", &ip_a]);
    // B also holds an address of no network A is on (as a host on the internet would be), and A
    // can answer it.
    sh(&["ip", "-n", &ns_b, "addr", "add", "198.51.100.2/32", "dev", &vb]);
    sh(&["ip", "-n", &ns_a, "route", "add", "198.51.100.2/32", "dev", &va]);

    let net = Network::with_reports(3);
    let home = start(&net.out());
    let toml = net.network_toml(&home.addr);
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (da, db) = (dir_arg(a.path()), dir_arg(b.path()));
    ok(&peerlib(&["--data-dir", &da, "sync"], &env));

    let bin = env!("CARGO_BIN_EXE_peerlib");
    let addr = format!("{ip_a}:8765");
    let mut share = Command::new("ip")
        .args(["netns", "exec", &ns_a, bin, "--data-dir", &da, "share", "--addr", &addr])
        .env("PEERLIB_NETWORK", &toml)
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(share.stdout.take().unwrap());
    let (mut line, mut announced) = (String::new(), String::new());
    out.read_line(&mut line).unwrap();
    out.read_line(&mut announced).unwrap();
    assert!(line.contains(&format!("http://{addr}/")) && line.contains("3 documents"), "{line}");
    // The address with its code: http://IP:PORT/CODE/, the code shown as ABCD-EFGH.
    let from = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    let code = from.trim_end_matches('/').rsplit('/').next().unwrap().to_string();
    assert_eq!(code.len(), 8, "{line}");
    assert!(line.contains(&format!("{}-{}", &code[..4], &code[4..])), "{line}");
    assert!(announced.contains("“Library "), "{announced}");
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let share = Kill(share);

    // B finds A on the link by multicast DNS: a neutral name and the address, never the code.
    let found = Command::new("ip").args(["netns", "exec", &ns_b, bin, "--data-dir", &db, "nearby", "--seconds", "3"]).env("LANG", "en_US.UTF-8").output().unwrap();
    let found = ok(&found);
    let name = announced.split('“').nth(1).unwrap().split('”').next().unwrap();
    assert!(found.contains(&format!("{name}: {addr} (ask for its code)")), "{found}");
    // The whole record as B received it: no TXT entry, a host name drawn like the instance's,
    // and the code nowhere in it.
    let record = Command::new("ip").args(["netns", "exec", &ns_b, bin, "--data-dir", &db, "nearby", "--seconds", "3", "--json"]).output().unwrap();
    let record = ok(&record);
    let r: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(r.as_array().unwrap().len(), 1, "{record}");
    assert_eq!(r[0]["name"], name, "{record}");
    assert_eq!(r[0]["properties"], serde_json::json!([]), "{record}");
    let host = r[0]["host"].as_str().unwrap();
    assert!(host.starts_with("library-") && host.ends_with(".local.") && host[8..12].bytes().all(|b| b.is_ascii_digit()), "{record}");
    assert!(!record.contains(&code), "the code is never announced: {record}");

    let trace = b.path().join("connect.trace");
    let synced = Command::new("ip")
        .args(["netns", "exec", &ns_b, "strace", "-f", "-qq", "-e", "trace=connect", "-o", trace.to_str().unwrap(), bin, "--data-dir", &db, "sync", "--from", &from, "--json"])
        .env("PEERLIB_NETWORK", &toml)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    let r = json(&synced);
    assert_eq!(r["sources"].as_array().unwrap().len(), 1, "the network's feed only: {r}");
    assert_eq!((r["sources"][0]["added"].as_u64(), r["sources"][0]["seq"].as_i64()), (Some(3), Some(1)), "{r}");
    assert_eq!(ids(&db, &env), ids(&da, &env));
    let connects: Vec<String> = std::fs::read_to_string(&trace).unwrap().lines().filter(|l| l.contains("connect(") && l.contains("AF_INET")).map(str::to_string).collect();
    assert!(!connects.is_empty(), "strace saw the connections");
    for c in &connects {
        assert!(c.contains(&format!("sin_port=htons(8765), sin_addr=inet_addr(\"{ip_a}\")")), "B asked another address: {c}");
    }

    // B's next sync from the network's home continues from there as usual.
    assert_eq!(ok(&peerlib(&["--data-dir", &db, "sync"], &env)).trim(), "Test network: up to date.");

    // The sharing laptop answers nothing but the signed feed's files, read-only.
    let curl = |args: &[&str]| -> String {
        let o = Command::new("ip").args(["netns", "exec", &ns_b, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--path-as-is"]).args(args).output().unwrap();
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    assert_eq!(curl(&[&format!("{from}manifest.json")]), "200");
    // From an address that is not the room's, the connection is closed unanswered, code or not
    // (until 2026-12-07 a scanner on the internet could reach a sharing on a public address).
    assert_eq!(curl(&["--interface", "198.51.100.2", &format!("{from}manifest.json")]), "000");
    // Without the code, or with another, there is nothing there.
    let wrong = if code.starts_with('A') { "BBBBBBBB" } else { "AAAAAAAA" };
    for url in [format!("http://{addr}/manifest.json"), format!("http://{addr}/{wrong}/manifest.json"), format!("http://{addr}/{code}X/manifest.json"), format!("http://{addr}/{code}")] {
        assert_eq!(curl(&[&url]), "404", "{url}");
    }
    for path in ["user.db", "content.db", "../user.db", "..%2fuser.db", "../../../etc/passwd", "sync-log.json"] {
        let code = curl(&[&format!("{from}{path}")]);
        assert!(code == "404" || code == "400", "{path}: {code}");
    }
    assert_eq!(curl(&["-X", "POST", "--data", "x", &format!("{from}manifest.json")]), "405");
    assert_eq!(curl(&["-X", "PUT", "--data", "x", &format!("{from}documents/x.json")]), "405");

    // A tampered file served by A: refused by a new laptop, whose library stays empty.
    let folder = std::fs::read_dir(a.path()).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("share-")).unwrap();
    let doc = std::fs::read_dir(folder.join("documents")).unwrap().next().unwrap().unwrap().path();
    let mut bytes = std::fs::read(&doc).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 1;
    std::fs::write(&doc, bytes).unwrap();
    let c = tempfile::tempdir().unwrap();
    let dc = dir_arg(c.path());
    let refused = Command::new("ip").args(["netns", "exec", &ns_b, bin, "--data-dir", &dc, "sync", "--from", &from, "--json"]).env("PEERLIB_NETWORK", &toml).output().unwrap();
    assert!(!refused.status.success());
    assert_eq!(json(&refused)["sources"][0]["code"], "tampered");
    assert!(ids(&dc, &env).is_empty());
    // A laptop that is not there: refused as unreachable, and the sync log names neither its
    // address nor the code.
    let gone = Command::new("ip").args(["netns", "exec", &ns_b, bin, "--data-dir", &dc, "sync", "--from", &format!("http://{ip_a}:1/{code}/"), "--json"]).env("PEERLIB_NETWORK", &toml).output().unwrap();
    assert!(!gone.status.success());
    let log = std::fs::read_to_string(c.path().join("sync-log.json")).unwrap();
    assert!(!log.contains(&ip_a) && !log.contains(&code), "the sync log names the nearby laptop: {log}");

    // Ctrl-C ends sharing, says what was taken and removes the folder it served. One address made
    // every request (B's sync, curl, the new data folder's refused sync): one laptop, which took
    // the 3 documents twice.
    let mut share = share;
    sh(&["kill", "-INT", &share.0.id().to_string()]);
    assert!(share.0.wait().unwrap().success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert!(rest.contains("Sharing has ended. 1 laptop took the library: 6 documents and 0 attachments sent."), "{rest}");
    assert!(!folder.exists(), "the shared folder is removed when sharing ends");

    // Not announced in discreet mode (set on A as the window's Settings set it), without being
    // asked not to: it says so, B finds nothing, yet the address still works. Until 2026-12-07
    // `peerlib share` announced itself in discreet mode.
    let discreet = |path: &std::path::Path| {
        let (mut user, _) = peerlib_store::UserStore::open_in(&peerlib_store::paths::DataDir::new(path), 0).unwrap();
        user.set_settings(&peerlib_store::Settings { discreet: true, ..user.settings().unwrap() }).unwrap();
    };
    // Shared on every address of A this time: the private one first, then the public one.
    discreet(a.path());
    let mut quiet = Command::new("ip")
        .args(["netns", "exec", &ns_a, bin, "--data-dir", &da, "share", "--addr", "0.0.0.0:8765"])
        .env("PEERLIB_NETWORK", &toml)
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut line, mut also, mut said) = (String::new(), String::new(), String::new());
    let mut quiet_out = BufReader::new(quiet.stdout.take().unwrap());
    quiet_out.read_line(&mut line).unwrap();
    quiet_out.read_line(&mut also).unwrap();
    quiet_out.read_line(&mut said).unwrap();
    let quiet = Kill(quiet);
    assert!(line.contains(&format!("http://{addr}/")), "{line}");
    assert!(said.starts_with("Not announced on this network: discreet mode is on."), "{said}");
    // A public address on the room's own network is a room's: the address shown is taken (until
    // 2026-12-07 `peerlib share` showed it and `sync --from` refused it), while one on another
    // network, which B's default route would reach, is still refused before anything is asked.
    let quiet_code = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().trim_end_matches('/').rsplit('/').next().unwrap().to_string();
    let public = format!("http://192.0.2.1:8765/{quiet_code}/");
    assert_eq!(also.trim(), format!("Also at {public}"));
    let d = tempfile::tempdir().unwrap();
    let dd = dir_arg(d.path());
    let r = json(&Command::new("ip").args(["netns", "exec", &ns_b, bin, "--data-dir", &dd, "sync", "--from", &public, "--json"]).env("PEERLIB_NETWORK", &toml).output().unwrap());
    assert_eq!(r["sources"][0]["added"].as_u64(), Some(3), "{r}");
    let elsewhere = Command::new("ip")
        .args(["netns", "exec", &ns_b, bin, "--data-dir", &dd, "sync", "--from", &format!("http://198.51.100.1:8765/{quiet_code}/")])
        .env("PEERLIB_NETWORK", &toml)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(!elsewhere.status.success());
    assert!(String::from_utf8_lossy(&elsewhere.stderr).contains("--from takes a laptop nearby only"), "{elsewhere:?}");
    let found = ok(&Command::new("ip").args(["netns", "exec", &ns_b, bin, "--data-dir", &db, "nearby", "--seconds", "3"]).env("LANG", "en_US.UTF-8").output().unwrap());
    assert!(found.contains("No laptop on this network announces"), "{found}");
    // Nor does discreet mode listen for announcements: B in discreet mode says so instead.
    discreet(b.path());
    let found = ok(&Command::new("ip").args(["netns", "exec", &ns_b, bin, "--data-dir", &db, "nearby", "--seconds", "3"]).env("LANG", "en_US.UTF-8").output().unwrap());
    assert!(found.starts_with("Discreet mode is on: this laptop does not listen"), "{found}");
    let from = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap();
    assert_eq!(curl(&[&format!("{from}manifest.json")]), "200");
    // SIGTERM (a service manager, a logout) ends it as Ctrl-C does: the folder goes.
    let folder = std::fs::read_dir(a.path()).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with("share-")).unwrap();
    let mut quiet = quiet;
    sh(&["kill", "-TERM", &quiet.0.id().to_string()]);
    assert!(quiet.0.wait().unwrap().success());
    assert!(!folder.exists(), "the shared folder is removed on SIGTERM");
}
