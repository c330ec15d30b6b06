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
/// of the test's own (a real dbus-daemon) hands out its delay lock on sleep as one end of a socket
/// pair, as logind hands out a pipe: the app must take it, keep it while it locks on
/// `PrepareForSleep(true)` (a lock that takes a while here), let go of it only once locked, and
/// take it again on waking; a `PrepareForSleep(true)` that logind does not stand behind (anyone on
/// the bus can send one) makes it lock but not let go.
#[cfg(all(unix, not(target_os = "macos")))]
mod sleep {
    use peer_library::background::session_watch::{watch, Bus, Inhibitor};
    use std::io::Read;
    use std::os::unix::net::UnixStream;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{mpsc, Arc};
    use std::time::{Duration, Instant};
    use zbus::object_server::SignalEmitter;

    /// A delay lock the stand-in handed out: (what, who, why, mode), and the other end of the
    /// socket pair, which reads to its end once the app has closed its descriptor.
    type Taken = ([String; 4], UnixStream);

    /// Hand out a delay lock as logind does: one end of a socket pair to the app, the other (with
    /// what was asked) to the test.
    fn hand_out(taken: &mpsc::Sender<Taken>, asked: [String; 4]) -> zbus::zvariant::OwnedFd {
        let (kept, given) = UnixStream::pair().unwrap();
        taken.send((asked, kept)).unwrap();
        std::os::fd::OwnedFd::from(given).into()
    }

    struct Logind {
        taken: mpsc::Sender<Taken>,
        preparing: Arc<AtomicBool>,
    }

    #[zbus::interface(name = "org.freedesktop.login1.Manager")]
    impl Logind {
        fn inhibit(&self, what: String, who: String, why: String, mode: String) -> zbus::zvariant::OwnedFd {
            hand_out(&self.taken, [what, who, why, mode])
        }

        #[zbus(property)]
        fn preparing_for_sleep(&self) -> bool {
            self.preparing.load(Ordering::SeqCst)
        }

        #[zbus(signal)]
        async fn prepare_for_sleep(emitter: &SignalEmitter<'_>, start: bool) -> zbus::Result<()>;
    }

    /// A logind whose `PreparingForSleep` is not a boolean.
    struct OddLogind;

    #[zbus::interface(name = "org.freedesktop.login1.Manager")]
    impl OddLogind {
        #[zbus(property)]
        fn preparing_for_sleep(&self) -> String {
            "yes".into()
        }
    }

    /// Whether the app has let go of the delay lock whose other end is `kept`: its end read
    /// (true), or still open after `wait` (false).
    fn let_go(kept: &mut UnixStream, wait: Duration) -> bool {
        kept.set_read_timeout(Some(wait)).unwrap();
        let mut byte = [0u8; 1];
        match kept.read(&mut byte) {
            Ok(0) => true,
            Ok(_) => panic!("nothing is ever written on a delay lock"),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => false,
            Err(e) => panic!("{e}"),
        }
    }

    /// A process killed when the test ends, passed or not.
    struct Child(std::process::Child);
    impl Drop for Child {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    #[test]
    fn sleep_waits_until_the_app_has_locked_and_the_delay_lock_is_taken_again_on_waking() {
        let tmp = tempfile::tempdir().unwrap();
        let bus = crate::bus::Bus::start(tmp.path());
        let address = bus.address.clone();

        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let (taken_tx, taken) = mpsc::channel();
        let preparing = Arc::new(AtomicBool::new(false));
        let stand_in = Logind { taken: taken_tx, preparing: preparing.clone() };
        let logind = rt.block_on(async {
            zbus::connection::Builder::address(address.as_str()).unwrap().name("org.freedesktop.login1").unwrap().serve_at("/org/freedesktop/login1", stand_in).unwrap().build().await.unwrap()
        });
        // The app's lock: it takes a while (a sync being stopped, say), and is counted once done.
        let locks = Arc::new(AtomicUsize::new(0));
        let counted = locks.clone();
        let app = rt.block_on(zbus::connection::Builder::address(address.as_str()).unwrap().build()).unwrap();
        rt.spawn(async move {
            let inhibitor = Inhibitor { who: "Library".into(), why: "Locks the library before the computer sleeps".into() };
            let lock = move || {
                let counted = counted.clone();
                async move {
                    tokio::time::sleep(Duration::from_millis(700)).await;
                    counted.fetch_add(1, Ordering::SeqCst);
                }
            };
            watch(&app, Bus::System.signals(), Some(&inhibitor), lock).await
        });
        let locked = |n: usize| {
            let end = Instant::now() + Duration::from_secs(10);
            while locks.load(Ordering::SeqCst) < n {
                assert!(Instant::now() < end, "locked {n} times");
                std::thread::sleep(Duration::from_millis(20));
            }
        };

        // Taken at start, for sleep, as a delay, under the name it was given.
        let (asked, mut first) = taken.recv_timeout(Duration::from_secs(10)).expect("the app takes logind's delay lock on sleep");
        assert_eq!(asked, ["sleep", "Library", "Locks the library before the computer sleeps", "delay"].map(String::from));
        let emitter = SignalEmitter::new(&logind, "/org/freedesktop/login1").unwrap();

        // A PrepareForSleep(true) that logind does not stand behind: locked, the delay lock kept.
        rt.block_on(Logind::prepare_for_sleep(&emitter, true)).unwrap();
        locked(1);
        assert!(!let_go(&mut first, Duration::from_millis(1500)), "a faked sleep made the app let go of its delay lock");
        // A program started while the app holds the delay lock (a sync's extraction child, a deck
        // opened in another program) and still running when the laptop sleeps: it must not hold
        // a copy of it (this test's process is the app's).
        let mut still_running = Child(std::process::Command::new("sleep").arg("120").spawn().unwrap());

        // logind's own: held while the app locks, let go only once it has.
        preparing.store(true, Ordering::SeqCst);
        rt.block_on(Logind::prepare_for_sleep(&emitter, true)).unwrap();
        assert!(!let_go(&mut first, Duration::from_millis(300)), "the delay lock is held while the app locks");
        assert!(let_go(&mut first, Duration::from_secs(10)), "the delay lock is let go once the app has locked");
        assert!(still_running.0.try_wait().unwrap().is_none(), "the program started while the lock was held is still running");
        assert_eq!(locks.load(Ordering::SeqCst), 2, "the delay lock was let go only once the app had locked");

        // Awake again: a new delay lock for the next sleep, one only, and no lock.
        preparing.store(false, Ordering::SeqCst);
        rt.block_on(Logind::prepare_for_sleep(&emitter, false)).unwrap();
        let (asked, mut second) = taken.recv_timeout(Duration::from_secs(10)).expect("the delay lock is taken again on waking");
        assert_eq!(asked[3], "delay");
        rt.block_on(Logind::prepare_for_sleep(&emitter, false)).unwrap();
        assert!(taken.recv_timeout(Duration::from_millis(700)).is_err(), "one delay lock at a time");
        assert_eq!(locks.load(Ordering::SeqCst), 2, "waking does not lock");

        // An answer about PreparingForSleep that is not a boolean counts as none: locked, then
        // let go, so a sleep is never held up by what the app cannot read.
        rt.block_on(async {
            let server = logind.object_server();
            server.remove::<Logind, _>("/org/freedesktop/login1").await.unwrap();
            server.at("/org/freedesktop/login1", OddLogind).await.unwrap();
        });
        rt.block_on(Logind::prepare_for_sleep(&emitter, true)).unwrap();
        locked(3);
        assert!(let_go(&mut second, Duration::from_secs(10)), "the delay lock is let go once locked when logind's answer cannot be read");
    }

    /// A logind that never answers the delay lock's request (it says it was asked).
    struct MuteLogind {
        asked: mpsc::Sender<()>,
    }

    #[zbus::interface(name = "org.freedesktop.login1.Manager")]
    impl MuteLogind {
        async fn inhibit(&self, _what: String, _who: String, _why: String, _mode: String) -> zbus::fdo::Result<zbus::zvariant::OwnedFd> {
            self.asked.send(()).unwrap();
            std::future::pending().await
        }

        #[zbus(signal)]
        async fn prepare_for_sleep(emitter: &SignalEmitter<'_>, start: bool) -> zbus::Result<()>;
    }

    /// A logind that hands out the delay lock but never says whether it is preparing for sleep.
    struct SilentLogind {
        taken: mpsc::Sender<Taken>,
    }

    #[zbus::interface(name = "org.freedesktop.login1.Manager")]
    impl SilentLogind {
        fn inhibit(&self, what: String, who: String, why: String, mode: String) -> zbus::zvariant::OwnedFd {
            hand_out(&self.taken, [what, who, why, mode])
        }

        #[zbus(property)]
        async fn preparing_for_sleep(&self) -> bool {
            std::future::pending().await
        }

        #[zbus(signal)]
        async fn prepare_for_sleep(emitter: &SignalEmitter<'_>, start: bool) -> zbus::Result<()>;
    }

    /// The app's side on a bus of its own with `logind` serving there: the watcher running, and
    /// the count of its locks.
    fn watched<I: zbus::object_server::Interface>(rt: &tokio::runtime::Runtime, address: &str, logind: I) -> (zbus::Connection, Arc<AtomicUsize>) {
        let server = rt.block_on(async { zbus::connection::Builder::address(address).unwrap().name("org.freedesktop.login1").unwrap().serve_at("/org/freedesktop/login1", logind).unwrap().build().await.unwrap() });
        let locks = Arc::new(AtomicUsize::new(0));
        let counted = locks.clone();
        let app = rt.block_on(zbus::connection::Builder::address(address).unwrap().build()).unwrap();
        rt.spawn(async move {
            let inhibitor = Inhibitor { who: "Library".into(), why: "Locks the library before the computer sleeps".into() };
            let lock = move || {
                let counted = counted.clone();
                async move {
                    counted.fetch_add(1, Ordering::SeqCst);
                }
            };
            watch(&app, Bus::System.signals(), Some(&inhibitor), lock).await
        });
        (server, locks)
    }

    /// A logind that hangs holds nothing up: with no answer to the delay lock's request the
    /// signals still lock (once its 2 s are up), and with no answer about whether logind is
    /// preparing for sleep the delay lock is let go once locked (its 2 s again), so the laptop is
    /// never kept awake, nor the app kept from locking, by a bus that does not answer.
    #[test]
    fn a_logind_that_never_answers_holds_up_neither_the_lock_nor_the_sleep() {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let until = |what: &str, done: &dyn Fn() -> bool| {
            let end = Instant::now() + Duration::from_secs(10);
            while !done() {
                assert!(Instant::now() < end, "{what}");
                std::thread::sleep(Duration::from_millis(20));
            }
        };

        let tmp = tempfile::tempdir().unwrap();
        let bus = crate::bus::Bus::start(tmp.path());
        let (asked_tx, asked) = mpsc::channel();
        let (server, locks) = watched(&rt, &bus.address, MuteLogind { asked: asked_tx });
        // Asked once the app listens to the signals: the one below is not sent before.
        asked.recv_timeout(Duration::from_secs(10)).expect("the delay lock asked for");
        let emitter = SignalEmitter::new(&server, "/org/freedesktop/login1").unwrap();
        rt.block_on(MuteLogind::prepare_for_sleep(&emitter, true)).unwrap();
        until("locked with no answer to the delay lock's request", &|| locks.load(Ordering::SeqCst) == 1);

        let other = tempfile::tempdir().unwrap();
        let bus = crate::bus::Bus::start(other.path());
        let (taken_tx, taken) = mpsc::channel();
        let (server, locks) = watched(&rt, &bus.address, SilentLogind { taken: taken_tx });
        let (_, mut held) = taken.recv_timeout(Duration::from_secs(10)).expect("the delay lock taken");
        let emitter = SignalEmitter::new(&server, "/org/freedesktop/login1").unwrap();
        rt.block_on(SilentLogind::prepare_for_sleep(&emitter, true)).unwrap();
        until("locked", &|| locks.load(Ordering::SeqCst) == 1);
        assert!(let_go(&mut held, Duration::from_secs(10)), "the delay lock is let go once locked when logind does not say whether it prepares for sleep");
    }
}
