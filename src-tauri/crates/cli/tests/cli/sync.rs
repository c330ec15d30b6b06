//! `peerlib sync`, `status` and `feeds` as real processes, against `peerlib serve` on
//! 127.0.0.1: the network's feed named by PEERLIB_NETWORK, in the user's language.

use crate::common::{dir_arg, peerlib, start, Network};

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn sync_status_and_feeds_from_the_command_line() {
    let net = Network::with_reports(3);
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let data = tempfile::tempdir().unwrap();
    let d = dir_arg(data.path());
    let env = [("PEERLIB_NETWORK", toml.as_str())];

    let first = peerlib(&["--data-dir", &d, "sync", "--json"], &env);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let a = json(&first);
    assert_eq!(a["sources"][0]["outcome"], "updated");
    assert_eq!(a["sources"][0]["added"], 3);
    assert_eq!(a["sources"][0]["seq"], 1);

    let again = peerlib(&["--data-dir", &d, "sync"], &env);
    assert!(again.status.success());
    assert_eq!(String::from_utf8_lossy(&again.stdout).trim(), "Test network: up to date.");

    let list = json(&peerlib(&["--data-dir", &d, "list", "--json"], &env));
    assert_eq!(list.as_array().unwrap().len(), 3, "a data folder of another network gets no starter library");
    assert!(list.as_array().unwrap().iter().all(|d| d["provenance"] == "network"), "--json says where each came from: {list}");

    // A feed that is not there: a clear line in French, a failing exit status, nothing lost.
    let missing = format!("http://{}/nowhere.xml", server.addr);
    let add = peerlib(&["--lang", "fr", "--data-dir", &d, "feeds", "add", &missing], &env);
    assert!(add.status.success());
    assert!(String::from_utf8_lossy(&add.stdout).contains("Vous suivez maintenant"));
    let failed = peerlib(&["--lang", "fr", "--data-dir", &d, "sync"], &env);
    assert!(!failed.status.success(), "a feed failed: non-zero exit");
    let out = String::from_utf8_lossy(&failed.stdout);
    assert!(out.contains("Test network : à jour."), "{out}");
    assert!(out.contains("Le flux est introuvable"), "{out}");
    assert_eq!(json(&peerlib(&["--data-dir", &d, "list", "--json"], &env)).as_array().unwrap().len(), 3);

    let status = json(&peerlib(&["--data-dir", &d, "status", "--json"], &env));
    assert!(status["last_success"].is_i64());
    assert_eq!(status["failures_in_a_row"], 1);
    assert_eq!(status["feeds"].as_array().unwrap().len(), 2);
    assert_eq!(status["attempts"].as_array().unwrap().len(), 3);
    // The sync log names the failed feed only by its keyed name (#18 item 7); status says which
    // it was from the library.
    let log = std::fs::read_to_string(data.path().join("sync-log.json")).unwrap();
    assert!(!log.contains("nowhere.xml") && !log.contains(&server.addr), "the sync log names the feed: {log}");
    let last = &status["attempts"][2]["sources"];
    assert_eq!((last[1]["url"].as_str(), last[1]["outcome"].as_str()), (Some(missing.as_str()), Some("failed")), "{status}");
    let text = String::from_utf8(peerlib(&["--lang", "ru", "--data-dir", &d, "status"], &env).stdout).unwrap();
    assert!(text.contains("Последняя успешная синхронизация"), "{text}");
    assert!(text.contains("3 документа"), "Russian plural for 3: {text}");
    let host = server.addr.split(':').next().unwrap();
    assert!(text.contains("Последняя синхронизация,") && text.contains(&format!("\n  {host}: ")), "the failed feed, named by its title (its host): {text}");

    let feeds = json(&peerlib(&["--data-dir", &d, "feeds", "list", "--json"], &env));
    assert_eq!(feeds[1]["verified"], false);
    let rm = peerlib(&["--data-dir", &d, "feeds", "remove", &missing], &env);
    assert!(rm.status.success());
    let not = peerlib(&["--data-dir", &d, "feeds", "remove", &missing], &env);
    assert!(!not.status.success());
    assert!(String::from_utf8_lossy(&not.stderr).contains("You do not follow that feed"));
    let bad = peerlib(&["--data-dir", &d, "feeds", "add", "ftp://example.org/feed"], &env);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("must start with https://"));
}

/// `peerlib` reads website feeds in a child of its own (itself, started with the extraction's
/// flag): a good feed's item is listed; a feed of `<media:group>` nested 20,000 deep, which
/// overflowed feed-rs's stack and aborted `peerlib sync` until 2026-12-07, fails its own line
/// in the user's language, and the exit is a failure, not a crash.
#[test]
fn website_feeds_are_read_in_a_child_and_a_hostile_one_fails_only_itself() {
    let net = Network::with_reports(1);
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("news.rss"), r#"<rss version="2.0"><channel><title>Harm Reduction News</title><item><title>Naloxone in every kit</title><guid>n1</guid><description>Peer-led.</description></item></channel></rss>"#).unwrap();
    let deep = format!(r#"<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Deep</title><item><title>i</title>{}"#, "<media:group>".repeat(20_000));
    std::fs::write(site.path().join("deep.rss"), deep).unwrap();
    let websites = start(site.path());
    let data = tempfile::tempdir().unwrap();
    let d = dir_arg(data.path());
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    for feed in ["news.rss", "deep.rss"] {
        assert!(peerlib(&["--data-dir", &d, "feeds", "add", &format!("http://{}/{feed}", websites.addr)], &env).status.success());
    }
    let synced = peerlib(&["--lang", "fr", "--data-dir", &d, "sync", "--json"], &env);
    assert_eq!(synced.status.code(), Some(1), "a feed failed, and nothing crashed: {synced:?}");
    let a = json(&synced);
    let line = |name: &str| a["sources"].as_array().unwrap().iter().find(|s| s["url"].as_str().unwrap().ends_with(name)).unwrap().clone();
    assert_eq!((line("news.rss")["outcome"].as_str(), line("news.rss")["added"].as_u64()), (Some("updated"), Some(1)), "{a}");
    assert_eq!((line("deep.rss")["outcome"].as_str(), line("deep.rss")["code"].as_str()), (Some("failed"), Some("unreadable-feed")), "{a}");
    let list = json(&peerlib(&["--data-dir", &d, "list", "--json"], &env));
    assert!(list.as_array().unwrap().iter().any(|d| d["title"] == "Naloxone in every kit"), "{list}");
    let said = String::from_utf8_lossy(&peerlib(&["--lang", "fr", "--data-dir", &d, "sync"], &env).stdout).into_owned();
    assert!(said.contains("Ce flux n’a pas pu être lu"), "{said}");
}

#[test]
fn a_broken_network_file_is_reported_not_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let toml = tmp.path().join("network.toml");
    std::fs::write(&toml, "name = \"X\"\nfeed_url = \"http://plain.example/\"\n").unwrap();
    let out = peerlib(&["--data-dir", &dir_arg(tmp.path()), "sync"], &[("PEERLIB_NETWORK", toml.to_str().unwrap())]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("The network settings could not be read"));
}

/// `--from` is asked directly, past any proxy: a name or an address outside the room's network
/// would see this laptop's own address. Refused before anything is asked, in the user's language;
/// a room's address is taken (here one where nothing listens, which then fails to connect).
#[test]
fn sync_from_takes_only_an_address_of_the_rooms_network() {
    let net = Network::with_reports(1);
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let data = tempfile::tempdir().unwrap();
    let d = dir_arg(data.path());
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    for (lang, from, said) in [
        ("en", "http://nearby.invalid:8765/ABCD2345/", "never a name or an address on the internet"),
        ("fr", "http://203.0.113.5:8765/ABCD2345/", "jamais un nom ni une adresse sur Internet"),
        ("es", "https://[2001:db8::5]:8765/ABCD2345/", "nunca un nombre ni una dirección en internet"),
    ] {
        let out = peerlib(&["--lang", lang, "--data-dir", &d, "sync", "--from", from], &env);
        assert!(!out.status.success(), "{from}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{from}: {err}");
    }
    assert!(!data.path().join("sync-log.json").exists(), "no sync was attempted");
    let near = peerlib(&["--data-dir", &d, "sync", "--from", "http://127.0.0.1:1/ABCD2345/"], &env);
    assert!(!near.status.success(), "nothing listens there");
    assert!(!String::from_utf8_lossy(&near.stderr).contains("never a name"), "a room's address is taken: {}", String::from_utf8_lossy(&near.stderr));
}

/// Each request's line and User-Agent, as a proxy saw them.
type Seen = std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>;

/// A proxy on 127.0.0.1 that answers every request 502 and records its request line and
/// User-Agent.
fn recording_proxy() -> (String, Seen) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(vec![]));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let mut agent = String::new();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                if let Some(v) = h.strip_prefix("user-agent: ").or_else(|| h.strip_prefix("User-Agent: ")) {
                    agent = v.trim().to_string();
                }
            }
            log.lock().unwrap().push((line.trim().to_string(), agent));
            let mut w = stream;
            let _ = w.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (addr, seen)
}

/// Issue #17 item 6: the proxy the environment names is used, loopback included, and the
/// User-Agent says nothing of the app or its version.
#[test]
fn the_environments_proxy_is_used_and_the_user_agent_is_generic() {
    let net = Network::new();
    net.write_doc("r0", "Report", "Body.");
    net.publish();
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let (proxy, seen) = recording_proxy();
    let data = tempfile::tempdir().unwrap();
    let d = dir_arg(data.path());
    let proxy_url = format!("http://{proxy}");
    let via = [("PEERLIB_NETWORK", toml.as_str()), ("HTTP_PROXY", proxy_url.as_str()), ("http_proxy", proxy_url.as_str()), ("NO_PROXY", ""), ("no_proxy", "")];
    let out = peerlib(&["--data-dir", &d, "sync", "--json"], &via);
    let asked = seen.lock().unwrap().clone();
    let manifest = format!("GET http://{}/manifest.json HTTP/1.1", server.addr);
    assert!(asked.iter().any(|(l, _)| *l == manifest), "the request went through the proxy: {asked:?} ({})", String::from_utf8_lossy(&out.stdout));
    assert!(asked.iter().all(|(_, ua)| ua == "Mozilla/5.0"), "{asked:?}");

    // NO_PROXY naming the host: straight to the server, and the sync works.
    let before = seen.lock().unwrap().len();
    let direct = [("PEERLIB_NETWORK", toml.as_str()), ("HTTP_PROXY", proxy_url.as_str()), ("http_proxy", proxy_url.as_str()), ("NO_PROXY", "127.0.0.1"), ("no_proxy", "127.0.0.1")];
    let ok = peerlib(&["--data-dir", &d, "sync", "--json"], &direct);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert_eq!(json(&ok)["sources"][0]["outcome"], "updated");
    assert_eq!(seen.lock().unwrap().len(), before, "NO_PROXY is honoured");
}

/// #17 item 2: an expired feed is said by `peerlib status` however the server answers later (a
/// 304, or no server at all), with when the library was last brought up to date.
#[test]
fn status_says_a_feed_is_past_its_expiry_whatever_the_server_answers() {
    let net = Network::new();
    net.write_doc("r0", "Report", "Community-led harm reduction.");
    // Published 40 days ago for 30 days: expired ten days ago.
    let secret = std::fs::read_to_string(net.tmp.path().join("net.key")).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let opts = peerlib_feed::publish::PublishOptions { publisher: "Test network", expires_in_days: 30, now: now - 40 * 86_400 };
    peerlib_feed::publish::publish(&net.tmp.path().join("src"), &net.out(), &secret, &opts).unwrap();
    let server = start(&net.out());
    let toml = net.network_toml(&server.addr);
    let data = tempfile::tempdir().unwrap();
    let d = dir_arg(data.path());
    let env = [("PEERLIB_NETWORK", toml.as_str())];
    assert!(peerlib(&["--data-dir", &d, "sync"], &env).status.success());
    let again = String::from_utf8(peerlib(&["--data-dir", &d, "sync"], &env).stdout).unwrap();
    assert!(again.contains("up to date") && again.contains("has not renewed its feed in time"), "a 304 still says stale: {again}");
    drop(server);
    let status = String::from_utf8(peerlib(&["--data-dir", &d, "status"], &env).stdout).unwrap();
    assert!(status.contains("Test network has not been updated since"), "{status}");
    assert!(status.contains("its feed expired on"), "{status}");
}

/// A SOCKS5 proxy on 127.0.0.1 (RFC 1928, no authentication) that records what each client asks
/// to reach (a name when the client left resolving to the proxy, else an address) and relays.
fn socks5_proxy() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(vec![]));
    let log = seen.clone();
    std::thread::spawn(move || {
        for mut client in listener.incoming().flatten() {
            let log = log.clone();
            std::thread::spawn(move || -> std::io::Result<()> {
                let mut head = [0u8; 2];
                client.read_exact(&mut head)?;
                let mut methods = vec![0u8; head[1] as usize];
                client.read_exact(&mut methods)?;
                client.write_all(&[5, 0])?;
                let mut req = [0u8; 4];
                client.read_exact(&mut req)?;
                let target = match req[3] {
                    3 => {
                        let mut len = [0u8; 1];
                        client.read_exact(&mut len)?;
                        let mut name = vec![0u8; len[0] as usize];
                        client.read_exact(&mut name)?;
                        format!("name {}", String::from_utf8_lossy(&name))
                    }
                    1 => {
                        let mut ip = [0u8; 4];
                        client.read_exact(&mut ip)?;
                        format!("address {}", std::net::Ipv4Addr::from(ip))
                    }
                    _ => return Ok(()),
                };
                let mut port = [0u8; 2];
                client.read_exact(&mut port)?;
                let port = u16::from_be_bytes(port);
                log.lock().unwrap().push(target.clone());
                let host = target.split_once(' ').unwrap().1.to_string();
                let upstream = std::net::TcpStream::connect((host.as_str(), port))?;
                client.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0])?;
                let (mut a, mut b) = (client.try_clone()?, upstream.try_clone()?);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut a, &mut b);
                    let _ = b.shutdown(std::net::Shutdown::Write);
                });
                let (mut c, mut u) = (client, upstream);
                std::io::copy(&mut u, &mut c)?;
                Ok(())
            });
        }
    });
    (addr, seen)
}

/// #17 item 6: a proxy chosen in Settings (a SOCKS5 proxy such as Tor's, with the names resolved
/// by the proxy) carries every request of `peerlib sync`, and `--proxy` does the same for one run.
#[test]
fn the_proxy_in_settings_carries_the_sync_and_resolves_the_names() {
    let net = Network::new();
    net.write_doc("r0", "Report", "Body.");
    net.publish();
    let server = start(&net.out());
    let port = server.addr.rsplit_once(':').unwrap().1.to_string();
    // The feed by name, so that who resolves it shows.
    let toml = net.network_toml(&format!("localhost:{port}"));
    let (proxy, seen) = socks5_proxy();
    let data = tempfile::tempdir().unwrap();
    let d = dir_arg(data.path());
    let dir = peerlib_store::paths::DataDir::new(data.path());
    let (mut user, _) = peerlib_store::UserStore::open_in(&dir, 0).unwrap();
    user.set_settings(&peerlib_store::Settings { proxy: Some(format!("socks5h://{proxy}")), ..Default::default() }).unwrap();
    drop(user);
    let env = [("PEERLIB_NETWORK", toml.as_str()), ("HTTP_PROXY", ""), ("http_proxy", ""), ("ALL_PROXY", ""), ("all_proxy", "")];
    let out = peerlib(&["--data-dir", &d, "sync", "--json"], &env);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["sources"][0]["added"], 1);
    let asked = seen.lock().unwrap().clone();
    assert!(!asked.is_empty() && asked.iter().all(|t| t == "name localhost"), "every request went through the proxy, by name: {asked:?}");

    let bad = peerlib(&["--data-dir", &d, "sync", "--proxy", "ftp://nowhere"], &env);
    assert!(!bad.status.success(), "an unusable proxy is refused before anything is asked");
}
