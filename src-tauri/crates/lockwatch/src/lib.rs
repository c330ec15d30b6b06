//! When Windows or macOS says the laptop is about to sleep or the session is locked, so that the
//! app locks encrypted personal data (#18 item 3). Linux and the BSDs are told by logind and the
//! screen saver over D-Bus, in the app (src-tauri/background/session_watch.rs); there `start`
//! returns `Unsupported`, as on every other system.
//!
//! - **Windows**: a hidden top-level window on the watcher's own thread, registered for the
//!   session's changes (`WTSRegisterSessionNotification`: `WTS_SESSION_LOCK` when Windows+L, or
//!   the lid or a timeout with sign-in required, locks it; tried again every 5 s for 5 minutes
//!   when Remote Desktop Services is not ready yet, as at login) and, being top-level, sent
//!   `WM_POWERBROADCAST`: `PBT_APMSUSPEND` before sleep or hibernation, and the display's state
//!   (`GUID_CONSOLE_DISPLAY_STATE`, registered for; Windows also says it once at registration, so
//!   a start with the screen off locks), told when it goes off, because on laptops
//!   with Modern Standby the screen going off is the "sleep" and `PBT_APMSUSPEND` comes late or
//!   not at all. Windows waits for the window's answer to `PBT_APMSUSPEND` (about two seconds at
//!   most), so `on_lock`, called on that thread, may wait for the lock to be done before the
//!   laptop sleeps.
//! - **macOS**: observers on NSWorkspace's notification centre (`NSWorkspaceWillSleepNotification`;
//!   the screens going to sleep; the session switched away from) and on the distributed one
//!   (`com.apple.screenIsLocked`, `com.apple.screensaver.didstart`, through Core Foundation to ask
//!   for delivery at once: AppKit holds them back from an app that is not the active one).
//!   `on_lock` is called on the thread that delivers them, the main thread for the system's: it
//!   must not block there (the window's page reloads on that thread).

/// What the system said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The laptop is about to sleep or hibernate.
    Sleep,
    /// The session was locked or switched away from, or the screens went off or to the screen
    /// saver.
    Locked,
}

/// Told until dropped: then the window is closed and its thread ended (Windows), the observers
/// removed (macOS).
pub struct Watcher {
    // Held for what its Drop does; read only by the Windows test.
    #[allow(dead_code)]
    inner: imp::Watcher,
}

/// Call `on_lock` whenever the system says the laptop sleeps or the session locks (module
/// documentation: on which thread, and whether it may block). `Unsupported` on systems this crate
/// does not cover; an error of the system's when it refuses the window or the observers.
pub fn start(on_lock: impl Fn(Event) + Send + Sync + 'static) -> std::io::Result<Watcher> {
    imp::start(Box::new(on_lock)).map(|inner| Watcher { inner })
}

type Callback = Box<dyn Fn(Event) + Send + Sync>;

#[cfg(not(any(windows, target_os = "macos")))]
mod imp {
    pub struct Watcher;

    pub fn start(_on_lock: super::Callback) -> std::io::Result<Watcher> {
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

#[cfg(windows)]
mod imp {
    use super::{Callback, Event};
    use std::cell::Cell;
    use std::ptr::{null, null_mut};
    use windows_sys::Win32::Foundation::{ERROR_CLASS_ALREADY_EXISTS, HWND, LPARAM, LRESULT, WPARAM};
    use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
    use windows_sys::Win32::System::Power::{RegisterPowerSettingNotification, UnregisterPowerSettingNotification, POWERBROADCAST_SETTING};
    use windows_sys::Win32::System::RemoteDesktop::{WTSRegisterSessionNotification, WTSUnRegisterSessionNotification, NOTIFY_FOR_THIS_SESSION};
    use windows_sys::Win32::System::SystemServices::GUID_CONSOLE_DISPLAY_STATE;
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        CreateWindowExW, DefWindowProcW, DestroyWindow, DispatchMessageW, GetMessageW, GetWindowLongPtrW, KillTimer, PostMessageW, PostQuitMessage, RegisterClassW, SetTimer, SetWindowLongPtrW, DEVICE_NOTIFY_WINDOW_HANDLE, GWLP_USERDATA, MSG, PBT_APMSUSPEND, PBT_POWERSETTINGCHANGE, WM_CLOSE, WM_DESTROY, WM_POWERBROADCAST, WM_TIMER, WM_WTSSESSION_CHANGE, WNDCLASSW, WS_OVERLAPPED, WTS_SESSION_LOCK,
    };

    pub struct Watcher {
        /// The hidden window, as a number: a window handle may be used from any thread for
        /// posting, but the raw pointer type is not `Send`.
        window: isize,
        thread: Option<std::thread::JoinHandle<()>>,
    }

    impl Watcher {
        pub fn window(&self) -> HWND {
            self.window as HWND
        }
    }

    /// What the window procedure reaches through GWLP_USERDATA; used on the watcher's thread only.
    struct Shared {
        on_lock: Callback,
        /// The display's on/off notices (RegisterPowerSettingNotification), 0 without.
        display: Cell<isize>,
        /// How the window registers for the session's changes, and tries left to (below).
        session: Session,
        session_tries: Cell<u32>,
    }

    /// The timer that registers for the session's changes again: at the start of a session
    /// (the app starting at login) Remote Desktop Services, which tells them, may not be ready
    /// yet, and WTSRegisterSessionNotification fails until it is.
    const SESSION_TIMER: usize = 1;

    /// Registering for the session's changes: the call, and how often and how many times more
    /// it is tried while it fails. The tests give a call that fails, which Wine's never does.
    #[derive(Clone, Copy)]
    pub(crate) struct Session {
        pub register: unsafe fn(HWND) -> bool,
        pub every_ms: u32,
        pub tries: u32,
    }

    /// Windows's call, every 5 s for 5 minutes.
    pub(crate) const SESSION: Session = Session { register: register_session, every_ms: 5_000, tries: 60 };

    /// # Safety
    /// `window` is a window of the calling thread.
    unsafe fn register_session(window: HWND) -> bool {
        WTSRegisterSessionNotification(window, NOTIFY_FOR_THIS_SESSION) != 0
    }

    fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain(std::iter::once(0)).collect()
    }

    pub fn start(on_lock: Callback) -> std::io::Result<Watcher> {
        start_with(on_lock, SESSION)
    }

    pub(crate) fn start_with(on_lock: Callback, session: Session) -> std::io::Result<Watcher> {
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new().name("lockwatch".into()).spawn(move || run(on_lock, session, tx))?;
        match rx.recv() {
            Ok(Ok(window)) => Ok(Watcher { window, thread: Some(thread) }),
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => Err(std::io::Error::other("the watcher's thread ended")),
        }
    }

    /// The watcher's thread: make the window, say so, then handle its messages until it closes.
    fn run(on_lock: Callback, session: Session, started: std::sync::mpsc::Sender<std::io::Result<isize>>) {
        // SAFETY: plain Win32 calls on this thread's own window; `shared` is handed to the window
        // (GWLP_USERDATA) and freed only after its message loop has ended, when the window
        // procedure can no longer be called.
        unsafe {
            let instance = GetModuleHandleW(null());
            // The neutral name (a program listing windows sees it, in discreet mode too).
            let class = wide("LibraryLockWatch");
            let title = wide("");
            // Registered once for the process; a watcher started after a failed registration
            // reports that failure rather than the window's "class does not exist". (A CI run
            // at 900f35d failed with the latter while Wine was still making its folder; the
            // runner now waits for that.)
            static CLASS: std::sync::OnceLock<Result<(), i32>> = std::sync::OnceLock::new();
            let registered = *CLASS.get_or_init(|| {
                let wc = WNDCLASSW { lpfnWndProc: Some(window_proc), hInstance: instance, lpszClassName: class.as_ptr(), ..std::mem::zeroed() };
                if RegisterClassW(&wc) != 0 {
                    return Ok(());
                }
                match std::io::Error::last_os_error().raw_os_error() {
                    Some(code) if code == ERROR_CLASS_ALREADY_EXISTS as i32 => Ok(()),
                    code => Err(code.unwrap_or(0)),
                }
            });
            if let Err(code) = registered {
                let _ = started.send(Err(std::io::Error::from_raw_os_error(code)));
                return;
            }
            // Top-level (no parent, not a message-only window): only those are sent
            // WM_POWERBROADCAST. Never shown, so never on the taskbar.
            let window = CreateWindowExW(0, class.as_ptr(), title.as_ptr(), WS_OVERLAPPED, 0, 0, 0, 0, null_mut(), null_mut(), instance, null());
            if window.is_null() {
                let _ = started.send(Err(std::io::Error::last_os_error()));
                return;
            }
            let shared = Box::into_raw(Box::new(Shared { on_lock, display: Cell::new(0), session, session_tries: Cell::new(session.tries) }));
            SetWindowLongPtrW(window, GWLP_USERDATA, shared as isize);
            if !(session.register)(window) && session.tries > 0 {
                SetTimer(window, SESSION_TIMER, session.every_ms, None);
            }
            // The display going off: where the laptop has Modern Standby, the screen going off is
            // its "sleep", told late or not at all as PBT_APMSUSPEND.
            (*shared).display.set(RegisterPowerSettingNotification(window as _, &GUID_CONSOLE_DISPLAY_STATE, DEVICE_NOTIFY_WINDOW_HANDLE));
            let _ = started.send(Ok(window as isize));
            let mut msg: MSG = std::mem::zeroed();
            while GetMessageW(&mut msg, null_mut(), 0, 0) > 0 {
                DispatchMessageW(&msg);
            }
            drop(Box::from_raw(shared));
        }
    }

    /// A PBT_POWERSETTINGCHANGE's setting (at `lparam`) saying the display went off.
    ///
    /// # Safety
    /// `lparam` is what Windows sent with PBT_POWERSETTINGCHANGE: a POWERBROADCAST_SETTING, or 0.
    unsafe fn display_off(lparam: LPARAM) -> bool {
        let Some(setting) = (lparam as *const POWERBROADCAST_SETTING).as_ref() else { return false };
        let (a, b) = (&setting.PowerSetting, &GUID_CONSOLE_DISPLAY_STATE);
        let same = (a.data1, a.data2, a.data3, a.data4) == (b.data1, b.data2, b.data3, b.data4);
        // 0 off, 1 on, 2 dimmed.
        same && setting.DataLength >= 1 && setting.Data[0] == 0
    }

    unsafe extern "system" fn window_proc(window: HWND, msg: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
        let shared = GetWindowLongPtrW(window, GWLP_USERDATA) as *const Shared;
        let event = match msg {
            WM_WTSSESSION_CHANGE if wparam as u32 == WTS_SESSION_LOCK => Some(Event::Locked),
            WM_POWERBROADCAST if wparam as u32 == PBT_APMSUSPEND => Some(Event::Sleep),
            WM_POWERBROADCAST if wparam as u32 == PBT_POWERSETTINGCHANGE && display_off(lparam) => Some(Event::Locked),
            WM_TIMER if wparam == SESSION_TIMER => {
                if let Some(shared) = shared.as_ref() {
                    let left = shared.session_tries.get().saturating_sub(1);
                    shared.session_tries.set(left);
                    if (shared.session.register)(window) || left == 0 {
                        KillTimer(window, SESSION_TIMER);
                    }
                }
                return 0;
            }
            WM_CLOSE => {
                KillTimer(window, SESSION_TIMER);
                WTSUnRegisterSessionNotification(window);
                if let Some(shared) = shared.as_ref().filter(|s| s.display.get() != 0) {
                    UnregisterPowerSettingNotification(shared.display.get());
                }
                DestroyWindow(window);
                return 0;
            }
            WM_DESTROY => {
                // No message reaches `shared` once the loop ends and it is freed.
                SetWindowLongPtrW(window, GWLP_USERDATA, 0);
                PostQuitMessage(0);
                return 0;
            }
            _ => None,
        };
        let Some(event) = event else { return DefWindowProcW(window, msg, wparam, lparam) };
        if let Some(shared) = shared.as_ref() {
            // A panic must not unwind into Windows.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (shared.on_lock)(event)));
        }
        // TRUE to WM_POWERBROADCAST: the sleep is not refused.
        if msg == WM_POWERBROADCAST {
            1
        } else {
            0
        }
    }

    impl Drop for Watcher {
        fn drop(&mut self) {
            // SAFETY: posting to a window of another thread is allowed; a handle already gone
            // makes the call fail, nothing more.
            unsafe { PostMessageW(self.window(), WM_CLOSE, 0, 0) };
            if let Some(t) = self.thread.take() {
                let _ = t.join();
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::super::{start, Event};
        use super::{start_with, Session};
        use std::sync::atomic::{AtomicU32, Ordering::SeqCst};
        use std::time::{Duration, Instant};
        use windows_sys::Win32::Foundation::HWND;
        use windows_sys::Win32::System::Power::POWERBROADCAST_SETTING;
        use windows_sys::Win32::System::SystemServices::GUID_CONSOLE_DISPLAY_STATE;
        use windows_sys::Win32::UI::WindowsAndMessaging::{
            SendMessageTimeoutW, SendMessageW, HWND_BROADCAST, PBT_APMRESUMEAUTOMATIC, PBT_APMSUSPEND, PBT_POWERSETTINGCHANGE, SMTO_ABORTIFHUNG, SMTO_BLOCK, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, WTS_SESSION_UNLOCK,
        };

        /// What Windows sends the watcher's window, sent to it the same way (SendMessage waits
        /// for the window's thread to handle it): a lock, a sleep and the display going off are
        /// told; an unlock, a resume and the display coming on are not; the answer to the sleep
        /// lets it happen. The sleep is also sent as Windows sends it, to every top-level window
        /// (a message-only window would not get it).
        #[test]
        fn a_session_lock_a_sleep_and_the_display_off_are_told_and_nothing_else_is() {
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let watcher = start(move |e| tx.lock().unwrap().send(e).unwrap()).expect("the hidden window");
            // Windows says the display's state once at registration: off on a machine whose
            // screen is off (a build server), which locks. Not counted here.
            std::thread::sleep(std::time::Duration::from_millis(300));
            while rx.try_recv().is_ok() {}
            let send = |msg, wparam: u32, lparam: isize| unsafe { SendMessageW(watcher.inner.window(), msg, wparam as usize, lparam) };
            let display = |state: u8| POWERBROADCAST_SETTING { PowerSetting: GUID_CONSOLE_DISPLAY_STATE, DataLength: 1, Data: [state] };
            let (on, dimmed, off) = (display(1), display(2), display(0));
            send(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK, 0);
            send(WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC, 0);
            send(WM_POWERBROADCAST, PBT_POWERSETTINGCHANGE, &on as *const _ as isize);
            send(WM_POWERBROADCAST, PBT_POWERSETTINGCHANGE, &dimmed as *const _ as isize);
            assert!(rx.try_recv().is_err(), "an unlock, a resume or the display on locks nothing");
            send(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, 0);
            assert_eq!(rx.try_recv(), Ok(Event::Locked));
            assert_eq!(send(WM_POWERBROADCAST, PBT_APMSUSPEND, 0), 1, "the sleep is not refused");
            assert_eq!(rx.try_recv(), Ok(Event::Sleep));
            send(WM_POWERBROADCAST, PBT_POWERSETTINGCHANGE, &off as *const _ as isize);
            assert_eq!(rx.try_recv(), Ok(Event::Locked));
            // Under Wine only (tests/windows/run says so): on a real Windows every program's
            // windows would be told the machine is about to sleep.
            if std::env::var_os("PEERLIB_UNDER_WINE").is_some() {
                let mut answer = 0;
                let sent = unsafe { SendMessageTimeoutW(HWND_BROADCAST, WM_POWERBROADCAST, PBT_APMSUSPEND as usize, 0, SMTO_BLOCK | SMTO_ABORTIFHUNG, 5_000, &mut answer) };
                assert_ne!(sent, 0, "the broadcast was sent");
                assert_eq!(rx.recv_timeout(std::time::Duration::from_secs(5)), Ok(Event::Sleep), "a sleep broadcast to every top-level window reaches it");
            }
            drop(watcher);
            // A second watcher in the same process (the class is registered already) works too.
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let again = start(move |e| tx.lock().unwrap().send(e).unwrap()).expect("a second window");
            unsafe { SendMessageW(again.inner.window(), WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK as usize, 0) };
            assert_eq!(rx.try_recv(), Ok(Event::Locked));
        }

        /// Calls of the failing registrations below (each test its own).
        static UNTIL_THIRD: AtomicU32 = AtomicU32::new(0);
        static NEVER: AtomicU32 = AtomicU32::new(0);

        /// Remote Desktop Services ready at the third try.
        unsafe fn ready_at_third(_: HWND) -> bool {
            UNTIL_THIRD.fetch_add(1, SeqCst) + 1 >= 3
        }
        unsafe fn never_ready(_: HWND) -> bool {
            NEVER.fetch_add(1, SeqCst);
            false
        }

        /// Wait until `calls` reaches `n` (or 10 s), then a while more: how many it made.
        fn settled(calls: &AtomicU32, n: u32) -> u32 {
            let end = Instant::now() + Duration::from_secs(10);
            while calls.load(SeqCst) < n && Instant::now() < end {
                std::thread::sleep(Duration::from_millis(10));
            }
            std::thread::sleep(Duration::from_millis(500));
            calls.load(SeqCst)
        }

        /// A registration for the session's changes that fails (as at login, before Remote
        /// Desktop Services is ready; Wine's never fails) is tried again on the timer until it
        /// succeeds, then no more; one that never succeeds is given up after its tries. The
        /// session's lock is then told as always.
        #[test]
        fn a_failed_registration_for_the_session_is_tried_again_until_it_holds_and_then_no_more() {
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let session = Session { register: ready_at_third, every_ms: 20, tries: 60 };
            let watcher = start_with(Box::new(move |e| tx.lock().unwrap().send(e).unwrap()), session).expect("the hidden window");
            assert_eq!(settled(&UNTIL_THIRD, 3), 3, "tried until it held, then no more");
            std::thread::sleep(Duration::from_millis(300));
            while rx.try_recv().is_ok() {}
            unsafe { SendMessageW(watcher.window(), WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK as usize, 0) };
            // Among what arrived: the other test's sleep broadcast under Wine reaches this
            // window too.
            assert!(rx.try_iter().any(|e| e == Event::Locked), "the session's lock is told");
            drop(watcher);

            let session = Session { register: never_ready, every_ms: 20, tries: 4 };
            let watcher = start_with(Box::new(|_| {}), session).expect("the hidden window");
            assert_eq!(settled(&NEVER, 5), 5, "the first call and four tries, then given up");
            drop(watcher);
        }
    }
}

#[cfg(target_os = "macos")]
mod imp {
    use super::{Callback, Event};
    use block2::RcBlock;
    use objc2::rc::Retained;
    use objc2::runtime::ProtocolObject;
    use objc2_app_kit::{NSWorkspace, NSWorkspaceScreensDidSleepNotification, NSWorkspaceSessionDidResignActiveNotification, NSWorkspaceWillSleepNotification};
    use objc2_core_foundation::{CFDictionary, CFNotificationCenter, CFNotificationName, CFNotificationSuspensionBehavior, CFRetained, CFString};
    use objc2_foundation::{NSNotification, NSNotificationCenter, NSObjectProtocol, NSString};
    use std::ffi::c_void;
    use std::ptr::NonNull;
    use std::sync::Arc;

    /// An observer of NSWorkspace's centre.
    type Observer = Retained<ProtocolObject<dyn NSObjectProtocol>>;

    pub struct Watcher {
        workspace: Retained<NSNotificationCenter>,
        observers: Vec<Observer>,
        /// The distributed centre, and the callback its observers were given (`Arc::into_raw`,
        /// taken back once they are removed).
        distributed: Option<(CFRetained<CFNotificationCenter>, *const Callback)>,
    }

    /// The screen locked and the screen saver started, said by the system to every program
    /// through the distributed centre.
    const DISTRIBUTED: [&str; 2] = ["com.apple.screenIsLocked", "com.apple.screensaver.didstart"];

    pub fn start(on_lock: Callback) -> std::io::Result<Watcher> {
        let on_lock: Arc<Callback> = Arc::new(on_lock);
        let workspace = NSWorkspace::sharedWorkspace().notificationCenter();
        // SAFETY: the names are the system's own statics.
        let system: [(&NSString, Event); 3] = unsafe { [(NSWorkspaceWillSleepNotification, Event::Sleep), (NSWorkspaceScreensDidSleepNotification, Event::Locked), (NSWorkspaceSessionDidResignActiveNotification, Event::Locked)] };
        let mut watcher = Watcher { workspace: workspace.clone(), observers: Vec::new(), distributed: None };
        for (name, event) in system {
            let on_lock = on_lock.clone();
            let block = RcBlock::new(move |_: NonNull<NSNotification>| {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_lock(event)));
            });
            // SAFETY: no object filter, no queue (the block runs on the posting thread, the main
            // thread for the system's), and the block only calls a Send + Sync closure.
            watcher.observers.push(unsafe { workspace.addObserverForName_object_queue_usingBlock(Some(name), None, None, &block) });
        }
        // The distributed centre through Core Foundation, to ask for delivery at once: by
        // default AppKit holds distributed notifications back while the app is not the active
        // one, which a tray app nearly never is.
        if let Some(center) = CFNotificationCenter::distributed_center() {
            let observer = Arc::into_raw(on_lock.clone());
            for name in DISTRIBUTED {
                let name = CFString::from_static_str(name);
                // SAFETY: `observer` stays valid until every observation of it is removed (Drop).
                unsafe { center.add_observer(observer.cast(), Some(distributed), Some(&name), std::ptr::null(), CFNotificationSuspensionBehavior::DeliverImmediately) };
            }
            watcher.distributed = Some((center, observer));
        }
        Ok(watcher)
    }

    /// A distributed notice that the screen locked or the screen saver started.
    unsafe extern "C-unwind" fn distributed(_: *mut CFNotificationCenter, observer: *mut c_void, _: *const CFNotificationName, _: *const c_void, _: *const CFDictionary) {
        // SAFETY: the pointer `start` gave, alive until the observations are removed.
        if let Some(on_lock) = unsafe { (observer as *const Callback).as_ref() } {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_lock(Event::Locked)));
        }
    }

    impl Drop for Watcher {
        fn drop(&mut self) {
            for observer in self.observers.drain(..) {
                // SAFETY: an observer this centre returned.
                unsafe { self.workspace.removeObserver(observer.as_ref()) };
            }
            if let Some((center, observer)) = self.distributed.take() {
                // SAFETY: the observer pointer given above. Its Arc is not taken back: a
                // notice being delivered on the main thread as this runs elsewhere may still
                // read it, so it is left for the process (one callback, once).
                unsafe { center.remove_every_observer(observer.cast()) };
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::super::{start, Event};
        use objc2_app_kit::{NSWorkspace, NSWorkspaceDidWakeNotification, NSWorkspaceWillSleepNotification};

        /// NSWorkspace's centre delivers on the posting thread: a "will sleep" posted to it is told
        /// before the post returns, a "did wake" is not, and nothing is told once dropped.
        #[test]
        fn a_will_sleep_posted_to_the_workspace_is_told_and_a_wake_is_not() {
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let watcher = start(move |e| tx.lock().unwrap().send(e).unwrap()).expect("the observers");
            let center = NSWorkspace::sharedWorkspace().notificationCenter();
            unsafe { center.postNotificationName_object(NSWorkspaceDidWakeNotification, None) };
            assert!(rx.try_recv().is_err(), "a wake locks nothing");
            unsafe { center.postNotificationName_object(NSWorkspaceWillSleepNotification, None) };
            assert_eq!(rx.try_recv(), Ok(Event::Sleep));
            drop(watcher);
            unsafe { center.postNotificationName_object(NSWorkspaceWillSleepNotification, None) };
            assert!(rx.try_recv().is_err(), "nothing told once the watcher is dropped");
        }
    }
}
