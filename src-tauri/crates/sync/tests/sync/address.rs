//! Where a sync may connect (#17 item 7): only public addresses, and each feed's own origin.
//! Reproduced before: an image URL made a GET to a loopback "router" page, and a website feed
//! redirecting to a loopback address was followed and stored. Here a second server on
//! 127.0.0.1 plays the router: it must never see a request.

use crate::common::{options, Fault, Publisher, Server, World};
use peerlib_sync::SyncOptions;
use std::time::Duration;

/// A world whose network feed is served at 127.0.0.1:A, and a "router" at 127.0.0.1:B.
async fn world_and_router() -> (World, Server, tempfile::TempDir) {
    let p = Publisher::new();
    p.write_doc("a", "Alpha", "First.", None);
    p.publish();
    let w = World::serve(p).await;
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("admin.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-router-image").unwrap();
    std::fs::write(root.path().join("feed.rss"), RSS).unwrap();
    let router = Server::start(root.path()).await;
    (w, router, root)
}

const RSS: &str = r#"<rss version="2.0"><channel><title>Router</title><item><title>Admin</title><guid>r1</guid><description>stored from the LAN</description></item></channel></rss>"#;

fn site(w: &World) -> std::path::PathBuf {
    let site = w.p.tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    site
}

fn loopback_images() -> SyncOptions {
    SyncOptions { images_over_loopback_http: true, ..options(Duration::from_secs(2)) }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_image_on_another_loopback_port_or_name_is_never_asked_and_leaves_no_address() {
    let (w, router, _root) = world_and_router().await;
    let port = router.addr.port();
    // Another port of the feed's own address, and a name that resolves to this computer (the
    // trailing dot keeps it from being recognised as "localhost" by name: only the resolver sees it).
    let rss = format!(
        r#"<rss version="2.0"><channel><title>Blog</title><item><title>Post</title><guid>p1</guid><description>&lt;img src="https://127.0.0.1:{port}/admin.png" alt="one"&gt;&lt;img src="https://localhost.:{port}/admin.png" alt="two"&gt;</description></item></channel></rss>"#
    );
    std::fs::write(site(&w).join("blog.rss"), rss).unwrap();
    let blog = w.server.url("site/blog.rss");
    peerlib_sync::add_feed(&w.dir, &w.network, &blog, None).unwrap();
    let a = w.sync_with(&loopback_images()).await.unwrap();
    assert!(a.ok(), "the feed itself syncs: {a:?}");
    assert!(router.requests().is_empty(), "the router saw no request: {:?}", router.requests());
    let (store, _) = peerlib_sync::open_library(&w.dir, &w.network).unwrap();
    let id = store.document_hashes(&blog).unwrap().into_keys().next().unwrap();
    let body = store.document(&id).unwrap().body_html;
    assert!(!body.contains(&port.to_string()), "no remote address stays in the stored body: {body}");
    assert!(body.contains(r#"alt="one""#) && body.contains(r#"alt="two""#), "the images' alt text stays: {body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_website_feed_redirecting_to_another_loopback_port_is_refused() {
    let (w, router, _root) = world_and_router().await;
    let blog = w.server.url("site/blog.rss");
    w.server.fault("site/blog.rss", Fault::Redirect(router.url("feed.rss")), None);
    peerlib_sync::add_feed(&w.dir, &w.network, &blog, None).unwrap();
    let a = w.sync_with(&options(Duration::from_secs(2))).await.unwrap();
    let s = a.sources.iter().find(|s| s.url == blog).unwrap();
    assert_eq!(s.code.map(|c| c.as_str()), Some("redirect"), "{s:?}");
    assert!(router.requests().is_empty(), "the redirect was not followed: {:?}", router.requests());
    let (store, _) = peerlib_sync::open_library(&w.dir, &w.network).unwrap();
    assert!(store.document_hashes(&blog).unwrap().is_empty(), "nothing from the LAN was stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_count_against_the_attachment_budget() {
    let (w, _router, _root) = world_and_router().await;
    let dir = site(&w);
    let mut imgs = String::new();
    for i in 0..3 {
        let png = [b"\x89PNG\r\n\x1a\n".as_slice(), &[i as u8; 4000]].concat();
        std::fs::write(dir.join(format!("i{i}.png")), png).unwrap();
        imgs.push_str(&format!("&lt;img src=\"https://{}/site/i{i}.png\" alt=\"i{i}\"&gt;", w.server.addr));
    }
    let rss = format!(r#"<rss version="2.0"><channel><title>Blog</title><item><title>Post</title><guid>p1</guid><description>{imgs}</description></item></channel></rss>"#);
    std::fs::write(dir.join("blog.rss"), rss).unwrap();
    let blog = w.server.url("site/blog.rss");
    peerlib_sync::add_feed(&w.dir, &w.network, &blog, None).unwrap();
    let a = w.sync_with(&SyncOptions { attachment_budget: Some(6000), ..loopback_images() }).await.unwrap();
    let s = a.sources.iter().find(|s| s.url == blog).unwrap();
    assert_eq!((s.files, s.files_missing), (1, 2), "one image fits the budget: {s:?}");
    let held: u64 = std::fs::read_dir(w.dir.attachments()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(held <= 6000, "the budget holds images too: {held} bytes");
}

/// DNS rebinding: a name that resolves to this computer or the LAN is refused when resolved,
/// unless it is a feed's own host (a local mirror). The name gate is tested on its own here: the
/// address gate (`refused`) already stops "localhost" by name before any resolution.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_resolving_to_a_private_address_is_refused_unless_it_is_a_feeds_own_host() {
    use peerlib_sync::address::{NotPublic, OwnOrigins, PublicResolver};
    use reqwest::dns::Resolve;
    let name = || "localhost".parse::<reqwest::dns::Name>().unwrap();
    let strict = PublicResolver::new(&OwnOrigins::default(), []);
    let err = match strict.resolve(name()).await {
        Ok(addrs) => panic!("resolved to {:?}", addrs.collect::<Vec<_>>()),
        Err(e) => e,
    };
    assert!(err.downcast_ref::<NotPublic>().is_some(), "{err}");
    let mirror = PublicResolver::new(&OwnOrigins::of(["http://localhost:8080/feed/"]), []);
    let addrs: Vec<_> = mirror.resolve(name()).await.expect("a feed's own host resolves").collect();
    assert!(addrs.iter().all(|a| a.ip().is_loopback()) && !addrs.is_empty(), "{addrs:?}");
    let proxy = PublicResolver::new(&OwnOrigins::default(), ["localhost".to_string()]);
    assert!(proxy.resolve(name()).await.is_ok(), "the proxy's host stays reachable");
}
