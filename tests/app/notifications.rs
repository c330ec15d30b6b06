//! Issue #8: clicking a "new documents" notification opens the new view. On Linux the app shows
//! it through the freedesktop notification service; here a stand-in service on a private
//! session bus (a real dbus-daemon) receives it, checks what it was asked to show, and clicks
//! it, as a desktop's notification popup would.

use std::collections::HashMap;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

/// The two tests touch the process environment (one sets the bus address, one spawns a child):
/// never at the same time.
static ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[path = "bus.rs"]
mod bus;

/// What the notification service was asked to show: (app, summary, body, actions).
type Shown = (String, String, String, Vec<String>);

struct Service {
    shown: mpsc::Sender<Shown>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Service {
    #[allow(clippy::too_many_arguments)]
    async fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) -> u32 {
        let _ = self.shown.send((app_name, summary, body, actions));
        // The user clicks it a moment later (again, until the app has listened).
        let emitter = emitter.to_owned();
        tokio::spawn(async move {
            for _ in 0..50 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let _ = Service::action_invoked(&emitter, 42, "default").await;
            }
        });
        42
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("stand-in".into(), "peer-library tests".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}

    #[zbus(signal)]
    async fn action_invoked(emitter: &SignalEmitter<'_>, id: u32, action_key: &str) -> zbus::Result<()>;

    #[zbus(signal)]
    async fn notification_closed(emitter: &SignalEmitter<'_>, id: u32, reason: u32) -> zbus::Result<()>;
}

#[test]
fn clicking_a_new_documents_notification_calls_back_once() {
    let _env = ENV.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = tempfile::tempdir().unwrap();
    let bus = bus::Bus::start(tmp.path());
    let address = bus.address.clone();
    // Held under ENV, so no other test thread reads the environment meanwhile.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address) };

    let (shown_tx, shown_rx) = mpsc::channel();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let _service = rt.block_on(async {
        zbus::connection::Builder::address(address.as_str())
            .unwrap()
            .name("org.freedesktop.Notifications")
            .unwrap()
            .serve_at("/org/freedesktop/Notifications", Service { shown: shown_tx })
            .unwrap()
            .build()
            .await
            .unwrap()
    });

    let (clicked_tx, clicked_rx) = mpsc::channel();
    let shown = peer_library::background::notifications::show_clickable("Peer Library", "Peer Library", "3 новых документа в вашей библиотеке", "Показать новое", move || {
        clicked_tx.send(()).unwrap();
    });
    assert!(shown, "the notification service answered");
    let (app, summary, body, actions) = shown_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!((app.as_str(), summary.as_str(), body.as_str()), ("Peer Library", "Peer Library", "3 новых документа в вашей библиотеке"));
    assert_eq!(actions, ["default", "Показать новое"], "a click on the notification is its default action");
    clicked_rx.recv_timeout(Duration::from_secs(10)).expect("the click reached the app");
    assert!(clicked_rx.recv_timeout(Duration::from_millis(500)).is_err(), "one click, one call");
}

#[test]
fn without_a_notification_service_the_app_says_so_instead_of_waiting() {
    // A bus nobody listens on: `show_clickable` returns false and the app falls back to the
    // plugin (which logs and moves on). Run in a child process so the environment is its own.
    if std::env::var_os("PEERLIB_NOTIFY_CHILD").is_none() {
        let _env = ENV.lock().unwrap_or_else(|p| p.into_inner());
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "without_a_notification_service_the_app_says_so_instead_of_waiting", "--nocapture"])
            .env("PEERLIB_NOTIFY_CHILD", "1")
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/peerlib-bus")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        return;
    }
    assert!(!peer_library::background::notifications::show_clickable("Peer Library", "t", "b", "o", || panic!("no click without a service")));
}
