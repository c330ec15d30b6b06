//! What the app shows outside its page (background/): in discreet mode (#18) the "new documents"
//! notification comes from a neutral name and says neither how many nor what, in every language.

use peer_library::background::notifications::new_documents_text;
use peerlib_l10n::Localizer;

#[test]
fn a_discreet_notification_names_nothing_and_counts_nothing() {
    for locale in ["en", "fr", "es", "ru"] {
        let l = Localizer::new(locale);
        let (title, body) = new_documents_text(&l, 3, false);
        assert_eq!(title, "Peer Library", "{locale}");
        assert!(body.contains('3'), "{locale}: the count, when not discreet: {body}");

        let (title, body) = new_documents_text(&l, 3, true);
        assert_eq!(title, l.tr("discreet-title"), "{locale}");
        for shown in [&title, &body] {
            assert!(!shown.contains("Peer") && !shown.contains('3') && !shown.is_empty(), "{locale}: {shown}");
        }
        assert_ne!(body, new_documents_text(&l, 3, false).1, "{locale}");
    }
}

/// #18 item 3: the laptop does not sleep before the app has locked. A stand-in logind on a bus
/// of the test's own (a real dbus-daemon) hands out its delay lock on sleep as the write end of a
/// pipe (a socket pair here), as logind does: the app must take it, keep it while it locks on `PrepareForSleep(true)`
/// (a lock that takes a while here), let go of it only once locked, and take it again on waking.
#[cfg(all(unix, not(target_os = "macos")))]
mod sleep {
    use peer_library::background::session_watch::{watch, Bus, Inhibitor};
    use std::io::Read;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Arc};
    use std::time::Duration;
    use zbus::object_server::SignalEmitter;

    /// A delay lock the stand-in handed out: (what, who, why, mode), and the other end of the
    /// socket pair, which reads to its end once the app has closed its descriptor.
    type Taken = ([String; 4], std::os::unix::net::UnixStream);

    struct Logind(mpsc::Sender<Taken>);

    #[zbus::interface(name = "org.freedesktop.login1.Manager")]
    impl Logind {
        fn inhibit(&self, what: String, who: String, why: String, mode: String) -> zbus::zvariant::OwnedFd {
            let (kept, given) = std::os::unix::net::UnixStream::pair().unwrap();
            self.0.send(([what, who, why, mode], kept)).unwrap();
            std::os::fd::OwnedFd::from(given).into()
        }

        #[zbus(signal)]
        async fn prepare_for_sleep(emitter: &SignalEmitter<'_>, start: bool) -> zbus::Result<()>;
    }

    #[test]
    fn sleep_waits_until_the_app_has_locked_and_the_delay_lock_is_taken_again_on_waking() {
        let tmp = tempfile::tempdir().unwrap();
        let bus = crate::bus::Bus::start(tmp.path());
        let address = bus.address.clone();

        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let (taken_tx, taken) = mpsc::channel();
        let logind = rt.block_on(async {
            zbus::connection::Builder::address(address.as_str()).unwrap().name("org.freedesktop.login1").unwrap().serve_at("/org/freedesktop/login1", Logind(taken_tx)).unwrap().build().await.unwrap()
        });
        let locked = Arc::new(AtomicBool::new(false));
        let locks = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (lock_done, unlock) = (locked.clone(), locks.clone());
        let app = rt.block_on(zbus::connection::Builder::address(address.as_str()).unwrap().build()).unwrap();
        rt.spawn(async move {
            let inhibitor = Inhibitor { who: "Library".into(), why: "Locks the library before the computer sleeps".into() };
            let lock = move || {
                let (done, count) = (lock_done.clone(), unlock.clone());
                async move {
                    // A lock that takes a while (a sync being stopped, say).
                    tokio::time::sleep(Duration::from_millis(700)).await;
                    count.fetch_add(1, Ordering::SeqCst);
                    done.store(true, Ordering::SeqCst);
                }
            };
            watch(&app, Bus::System.signals(), Some(&inhibitor), lock).await
        });

        // Taken at start, for sleep, as a delay, under the name it was given.
        let (asked, mut first) = taken.recv_timeout(Duration::from_secs(10)).expect("the app takes logind's delay lock on sleep");
        assert_eq!(asked, ["sleep", "Library", "Locks the library before the computer sleeps", "delay"].map(String::from));

        let emitter = SignalEmitter::new(&logind, "/org/freedesktop/login1").unwrap();
        rt.block_on(Logind::prepare_for_sleep(&emitter, true)).unwrap();
        // Held until the lock is done: the other end reads to its end only once the app lets go.
        let held = std::thread::spawn(move || {
            let mut rest = vec![];
            first.read_to_end(&mut rest).unwrap();
        });
        std::thread::sleep(Duration::from_millis(300));
        assert!(!held.is_finished(), "the delay lock is held while the app locks");
        held.join().unwrap();
        assert!(locked.load(Ordering::SeqCst), "the delay lock was let go only once the app had locked");
        assert_eq!(locks.load(Ordering::SeqCst), 1);

        // Awake again: a new delay lock, for the next sleep.
        rt.block_on(Logind::prepare_for_sleep(&emitter, false)).unwrap();
        let (asked, _second) = taken.recv_timeout(Duration::from_secs(10)).expect("the delay lock is taken again on waking");
        assert_eq!(asked[3], "delay");
        assert_eq!(locks.load(Ordering::SeqCst), 1, "waking does not lock");
    }
}
