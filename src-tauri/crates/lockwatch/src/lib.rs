//! When Windows or macOS says the laptop is about to sleep or the session is locked, so that the
//! app locks encrypted personal data (#18 item 3). Linux and the BSDs are told by logind and the
//! screen saver over D-Bus, in the app (src-tauri/background/session_watch.rs); there `start`
//! returns `Unsupported`, as on every other system.
//!
//! - **Windows**: a hidden top-level window on the watcher's own thread, registered for the
//!   session's changes (`WTSRegisterSessionNotification`: `WTS_SESSION_LOCK` when Windows+L, the
//!   lid or a timeout locks it) and, being top-level, sent `WM_POWERBROADCAST` (`PBT_APMSUSPEND`
//!   before sleep or hibernation). Windows waits for the window's answer to `PBT_APMSUSPEND`
//!   (about two seconds at most), so `on_lock`, called on that thread, may wait for the lock to
//!   be done before the laptop sleeps. On laptops with Modern Standby there is no
//!   `PBT_APMSUSPEND` when the screen goes off; the session locks then, which is told.
//! - **macOS**: observers on NSWorkspace's notification centre (`NSWorkspaceWillSleepNotification`;
//!   the screens going to sleep; the session switched away from) and on the distributed one
//!   (`com.apple.screenIsLocked`, `com.apple.screensaver.didstart`). `on_lock` is called on the
//!   thread that delivers them, the main thread for the system's: it must not block there (the
//!   window's page reloads on that thread).

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
    use std::ptr::{null, null_mut};
    use windows_sys::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
    use windows_sys::Win32::System::LibraryLoader::GetModuleHandleW;
    use windows_sys::Win32::System::RemoteDesktop::{WTSRegisterSessionNotification, WTSUnRegisterSessionNotification, NOTIFY_FOR_THIS_SESSION};
    use windows_sys::Win32::UI::WindowsAndMessaging::{
        CreateWindowExW, DefWindowProcW, DestroyWindow, DispatchMessageW, GetMessageW, GetWindowLongPtrW, PostMessageW, PostQuitMessage, RegisterClassW, SetWindowLongPtrW, GWLP_USERDATA, MSG, PBT_APMSUSPEND, WM_CLOSE, WM_DESTROY, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE, WNDCLASSW, WS_OVERLAPPED, WTS_SESSION_LOCK,
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

    fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain(std::iter::once(0)).collect()
    }

    pub fn start(on_lock: Callback) -> std::io::Result<Watcher> {
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new().name("lockwatch".into()).spawn(move || run(on_lock, tx))?;
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
    fn run(on_lock: Callback, started: std::sync::mpsc::Sender<std::io::Result<isize>>) {
        // SAFETY: plain Win32 calls on this thread's own window; the callback's box is handed to
        // the window (GWLP_USERDATA) and freed only after its message loop has ended, when the
        // window procedure can no longer be called.
        unsafe {
            let instance = GetModuleHandleW(null());
            let class = wide("PeerLibraryLockWatch");
            let title = wide("");
            let wc = WNDCLASSW { lpfnWndProc: Some(window_proc), hInstance: instance, lpszClassName: class.as_ptr(), ..std::mem::zeroed() };
            // Fails only as "already registered" when a second watcher starts in the process.
            RegisterClassW(&wc);
            // Top-level (no parent, not a message-only window): only those are sent
            // WM_POWERBROADCAST. Never shown, so never on the taskbar.
            let window = CreateWindowExW(0, class.as_ptr(), title.as_ptr(), WS_OVERLAPPED, 0, 0, 0, 0, null_mut(), null_mut(), instance, null());
            if window.is_null() {
                let _ = started.send(Err(std::io::Error::last_os_error()));
                return;
            }
            let callback = Box::into_raw(Box::new(on_lock));
            SetWindowLongPtrW(window, GWLP_USERDATA, callback as isize);
            // Without it (no Terminal Services, which every desktop Windows has) sleep is still told.
            WTSRegisterSessionNotification(window, NOTIFY_FOR_THIS_SESSION);
            let _ = started.send(Ok(window as isize));
            let mut msg: MSG = std::mem::zeroed();
            while GetMessageW(&mut msg, null_mut(), 0, 0) > 0 {
                DispatchMessageW(&msg);
            }
            drop(Box::from_raw(callback));
        }
    }

    unsafe extern "system" fn window_proc(window: HWND, msg: u32, wparam: WPARAM, lparam: LPARAM) -> LRESULT {
        let event = match msg {
            WM_WTSSESSION_CHANGE if wparam as u32 == WTS_SESSION_LOCK => Some(Event::Locked),
            WM_POWERBROADCAST if wparam as u32 == PBT_APMSUSPEND => Some(Event::Sleep),
            WM_CLOSE => {
                WTSUnRegisterSessionNotification(window);
                DestroyWindow(window);
                return 0;
            }
            WM_DESTROY => {
                PostQuitMessage(0);
                return 0;
            }
            _ => None,
        };
        let Some(event) = event else { return DefWindowProcW(window, msg, wparam, lparam) };
        let callback = GetWindowLongPtrW(window, GWLP_USERDATA) as *const Callback;
        if !callback.is_null() {
            // A panic must not unwind into Windows.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (*callback)(event)));
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
        use windows_sys::Win32::UI::WindowsAndMessaging::{SendMessageW, PBT_APMRESUMEAUTOMATIC, PBT_APMSUSPEND, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, WTS_SESSION_UNLOCK};

        /// What Windows sends the watcher's window, sent to it the same way (SendMessage waits
        /// for the window's thread to handle it): a lock and a sleep are told, an unlock and a
        /// resume are not, and the answer to the sleep lets it happen.
        #[test]
        fn a_session_lock_and_a_sleep_sent_to_the_window_are_told_and_nothing_else_is() {
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let watcher = start(move |e| tx.lock().unwrap().send(e).unwrap()).expect("the hidden window");
            let send = |msg, wparam| unsafe { SendMessageW(watcher.inner.window(), msg, wparam as usize, 0) };
            send(WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK);
            send(WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC);
            assert!(rx.try_recv().is_err(), "an unlock or a resume locks nothing");
            send(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK);
            assert_eq!(rx.try_recv(), Ok(Event::Locked));
            assert_eq!(send(WM_POWERBROADCAST, PBT_APMSUSPEND), 1, "the sleep is not refused");
            assert_eq!(rx.try_recv(), Ok(Event::Sleep));
            drop(watcher);
            // A second watcher in the same process (the class is registered already) works too.
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let again = start(move |e| tx.lock().unwrap().send(e).unwrap()).expect("a second window");
            unsafe { SendMessageW(again.inner.window(), WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK as usize, 0) };
            assert_eq!(rx.try_recv(), Ok(Event::Locked));
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
    use objc2_foundation::{NSDistributedNotificationCenter, NSNotification, NSNotificationCenter, NSObjectProtocol, NSString};
    use std::ptr::NonNull;
    use std::sync::Arc;

    /// An observer and the centre it was added to.
    type Observer = (Retained<NSNotificationCenter>, Retained<ProtocolObject<dyn NSObjectProtocol>>);

    pub struct Watcher {
        observers: Vec<Observer>,
    }

    pub fn start(on_lock: Callback) -> std::io::Result<Watcher> {
        let on_lock: Arc<Callback> = Arc::new(on_lock);
        let workspace = NSWorkspace::sharedWorkspace().notificationCenter();
        let distributed: Retained<NSNotificationCenter> = Retained::into_super(NSDistributedNotificationCenter::defaultCenter());
        let locked = [NSString::from_str("com.apple.screenIsLocked"), NSString::from_str("com.apple.screensaver.didstart")];
        // SAFETY: the names are the system's own statics.
        let system: [(&NSString, Event); 3] = unsafe { [(NSWorkspaceWillSleepNotification, Event::Sleep), (NSWorkspaceScreensDidSleepNotification, Event::Locked), (NSWorkspaceSessionDidResignActiveNotification, Event::Locked)] };
        let mut watcher = Watcher { observers: Vec::new() };
        let wanted = system.iter().map(|(n, e)| (&workspace, *n, *e)).chain(locked.iter().map(|n| (&distributed, &**n, Event::Locked)));
        for (center, name, event) in wanted {
            let on_lock = on_lock.clone();
            let block = RcBlock::new(move |_: NonNull<NSNotification>| {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_lock(event)));
            });
            // SAFETY: no object filter, no queue (the block runs on the delivering thread), and
            // the block only calls a Send + Sync closure.
            let observer = unsafe { center.addObserverForName_object_queue_usingBlock(Some(name), None, None, &block) };
            watcher.observers.push((center.clone(), observer));
        }
        Ok(watcher)
    }

    impl Drop for Watcher {
        fn drop(&mut self) {
            for (center, observer) in self.observers.drain(..) {
                // SAFETY: an observer this centre returned.
                unsafe { center.removeObserver(observer.as_ref()) };
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
