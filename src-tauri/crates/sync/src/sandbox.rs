//! Attachment text is extracted in a child process with limits, so that a hostile file cannot
//! take the app or the sync down (issue #17 item 1). Reproduced on the in-process extractor: a
//! 743-byte PDF whose form XObject draws itself overflowed the stack and aborted the process; a
//! PDF page that is its own `/Parent` spun for ever holding the sync lock; a stream inflating to
//! 2 GiB aborted on allocation; a 40-slide deck took 1.36 GB.
//!
//! The child is this same program started again with [`CHILD_FLAG`] as its first argument: the
//! app's and `peerlib`'s `main` hand such a start to [`child_main`] before anything else (no
//! window, no Tauri, no clap). It reads one verified attachment from the attachments folder,
//! writes `status\n` and the text to its standard output, and exits. The parent:
//! - kills it after the time limit (`TooSlow`), and kills it if the sync is dropped;
//! - reads at most the text cap from it;
//! - reads a crash as `Unreadable`, and an allocation refused by the memory limit as `TooLarge`.
//!
//! The child limits itself before it reads a byte of the file: on Linux its data segment
//! (RLIMIT_DATA: heap and anonymous maps, not the program's shared libraries), its CPU time (a
//! backstop), no core file, and no file it may create. On other Unix systems RLIMIT_AS and
//! RLIMIT_CPU (macOS does not enforce the first). On Windows a job object of its own caps its
//! committed memory and user-mode CPU time, and keeps it from starting another process and from
//! showing Windows's crash dialog; it may write files there. Under Wine (`make
//! test-windows-sync`) the child makes the job and answers, but Wine enforces none of its limits;
//! they have not been seen working on a real Windows yet. A child that cannot limit itself reads
//! nothing and exits `UNLIMITED`: the file is left to a later sync.
//!
//! The same child reads website feeds (since 2026-12-07, [`website_feed_in_child`]): unsigned
//! bytes from any server, which overflowed feed-rs's stack (a feed nested 20,000 deep aborted the
//! app) or made it copy feed-level parts into every item (gigabytes from 80 KB).
//!
//! The child dies with its parent on every system: its standard input is a pipe the parent holds
//! open and writes nothing more to (a website feed's address and bytes come first, read before
//! the watch begins), and a thread of the child exits the process (`ORPHANED`) when that
//! pipe ends, which it does when the parent exits, crashes or is killed. On Linux
//! PR_SET_PDEATHSIG kills it as well.

use crate::extract::{extract_text_limited, MAX_TEXT};
use peerlib_store::ExtractedText;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::io::AsyncReadExt;

/// The first argument that makes the app or `peerlib` act as an extraction child.
pub const CHILD_FLAG: &str = "--peerlib-extract-attachment-text";

/// What one extraction may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractLimits {
    /// Wall-clock time for the whole child, start to answer: `base + per_mib × size`, at most `max`.
    pub time_base: Duration,
    pub time_per_mib: Duration,
    pub time_max: Duration,
    /// The child's data segment (heap), in bytes.
    pub memory: u64,
    /// Bytes inflated out of an Office file's zip members, all members together.
    pub inflated: u64,
}

impl Default for ExtractLimits {
    /// The starter library's PDFs and decks take a few milliseconds each in the child
    /// (benches/extract.rs, 2026-12-05); these limits leave room for files hundreds of times
    /// larger, and stop only what never ends or inflates without bound.
    fn default() -> Self {
        ExtractLimits {
            time_base: Duration::from_secs(20),
            time_per_mib: Duration::from_secs(2),
            time_max: Duration::from_secs(120),
            memory: 1024 * 1024 * 1024,
            inflated: 64 * 1024 * 1024,
        }
    }
}

impl ExtractLimits {
    pub fn time_for(&self, size: u64) -> Duration {
        let mib = size.div_ceil(1024 * 1024) as u32;
        (self.time_base + self.time_per_mib * mib).min(self.time_max)
    }
}

static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Run extraction children from `program` instead of this process's own executable. For test
/// binaries (which cannot act as a child) and programs that embed the sync crate; the app and
/// `peerlib` never call it. Only the first call counts.
pub fn use_program(program: PathBuf) {
    let _ = PROGRAM.set(program);
}

fn program() -> std::io::Result<PathBuf> {
    match PROGRAM.get() {
        Some(p) => Ok(p.clone()),
        // The very program running, also once an upgrade has replaced its file (apt does so
        // under a running app: its path then names a file that is gone, and no child started).
        None if cfg!(target_os = "linux") && Path::new("/proc/self/exe").exists() => Ok(PathBuf::from("/proc/self/exe")),
        None => std::env::current_exe(),
    }
}

/// Extract the text of the verified attachment at `path` in a child process within `limits`.
/// Whatever the file does to its child is a state the user is told about. `None` when no child
/// read it: one could not be started (no such program, no memory for a process), could not
/// limit itself (`UNLIMITED`) and so read nothing, or stopped as its lifeline ended
/// (`ORPHANED`). That says nothing of the file: the caller leaves its text to be extracted at a
/// later sync.
pub async fn extract_in_child(media_type: &str, path: &Path, size: u64, limits: &ExtractLimits) -> Option<ExtractedText> {
    run_child(media_type, path, size, limits).await.ok().flatten()
}

/// The child's exit code when it could not limit itself and read nothing.
const UNLIMITED: i32 = 4;

/// The child's exit code when its parent closed the pipe on its standard input, or died.
pub const ORPHANED: i32 = 5;

/// How much of the child's standard error the parent keeps: its end, where a crash's or a refused
/// allocation's last words are, after whatever the extractor's libraries printed on the way.
const STDERR_TAIL: usize = 16 * 1024;

async fn run_child(media_type: &str, path: &Path, size: u64, limits: &ExtractLimits) -> std::io::Result<Option<ExtractedText>> {
    let mut child = tokio::process::Command::new(program()?)
        .arg(CHILD_FLAG)
        .arg(media_type)
        .arg(path)
        .arg(limits.memory.to_string())
        .arg(limits.inflated.to_string())
        .arg(limits.time_for(size).as_secs().saturating_add(1).to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    // Held open, and never written to, until the child has answered: its end tells the child
    // that its parent is gone.
    let lifeline = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let answer = async {
        // Read both pipes to their end (a child blocked on a full pipe would never exit), keeping
        // the start of the answer and the end of the errors.
        let (out, err) = tokio::join!(read_capped(&mut stdout, MAX_TEXT + 64), read_tail(&mut stderr, STDERR_TAIL));
        let status = child.wait().await?;
        drop(lifeline);
        Ok::<_, std::io::Error>((status, out?, err?))
    };
    let Ok(done) = tokio::time::timeout(limits.time_for(size), answer).await else {
        // Its lifeline went with the future; kill_on_drop ends the child as this returns.
        return Ok(Some(ExtractedText::TooSlow));
    };
    let (status, out, err) = done?;
    // Read nothing, or stopped reading because its lifeline ended (which a parent here alive
    // does not do before the child's end, but an error reading the pipe might): the file is
    // left to a later sync, not named damaged for good.
    if matches!(status.code(), Some(UNLIMITED | ORPHANED)) {
        return Ok(None);
    }
    Ok(Some(read_answer(status.success(), &out, &err)))
}

/// Everything `r` gives until its end, keeping the first `cap` bytes.
async fn read_capped(r: &mut (impl tokio::io::AsyncRead + Unpin), cap: usize) -> std::io::Result<Vec<u8>> {
    let mut kept = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = r.read(&mut buf).await?;
        if n == 0 {
            return Ok(kept);
        }
        let room = cap.saturating_sub(kept.len());
        kept.extend_from_slice(&buf[..n.min(room)]);
    }
}

/// Everything `r` gives until its end, keeping the last `cap` bytes.
async fn read_tail(r: &mut (impl tokio::io::AsyncRead + Unpin), cap: usize) -> std::io::Result<Vec<u8>> {
    let mut kept = std::collections::VecDeque::with_capacity(cap);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = r.read(&mut buf).await?;
        if n == 0 {
            return Ok(kept.into());
        }
        let new = &buf[n.saturating_sub(cap)..n];
        kept.drain(..(kept.len() + new.len()).saturating_sub(cap));
        kept.extend(new);
    }
}

/// The parent's reading of what a child left: its answer when it exited cleanly, else why not.
fn read_answer(success: bool, out: &[u8], err: &[u8]) -> ExtractedText {
    if !success {
        let err = String::from_utf8_lossy(err);
        // Rust's allocation-failure handler says this before it aborts; a limit hit is a file
        // too large for extraction, not a damaged one.
        return if err.contains("memory allocation of") || err.contains("capacity overflow") {
            ExtractedText::TooLarge
        } else {
            ExtractedText::Unreadable
        };
    }
    let Some(nl) = out.iter().position(|&b| b == b'\n') else { return ExtractedText::Unreadable };
    let status = String::from_utf8_lossy(&out[..nl]);
    let Ok(text) = String::from_utf8(out[nl + 1..].to_vec()) else { return ExtractedText::Unreadable };
    ExtractedText::from_status(&status, text).unwrap_or(ExtractedText::Unreadable)
}

/// The media type that makes a child read a website feed rather than an attachment. Its address
/// and its bytes come first on the child's standard input, each as its length (8 bytes,
/// little-endian) then itself: nothing of a followed feed is written to a disk or shown in the
/// list of processes (`-` stands where a file's path would). It answers `ok\n` and the feed read
/// ([`crate::website::Parsed`], as JSON) or `error\n` and why not.
pub const WEBSITE_FEED: &str = "peerlib/website-feed";

/// Read and sanitise a website feed's bytes in a child process within `limits` (its memory,
/// and a time that grows with its size), as an attachment's text is extracted: a parser that
/// recurses for ever, or copies what a feed shares into each of its items, ends the child,
/// not the app. What the child sends back is read up to eight times the feed's size (and a
/// mebibyte), then refused. A child that could not be started, or could not limit itself, says
/// nothing of the feed (`SyncError::Reader`, not `Unreadable`): the next sync reads it again.
pub async fn website_feed_in_child(bytes: &[u8], url: &str, limits: &ExtractLimits) -> Result<crate::website::Parsed, crate::SyncError> {
    use tokio::io::AsyncWriteExt;
    let unreadable = |why: &str| crate::SyncError::Unreadable(why.to_string());
    let no_reader = |why: String| crate::SyncError::Reader(why);
    let len = bytes.len() as u64;
    let cap = usize::try_from(len.saturating_mul(8)).unwrap_or(usize::MAX).saturating_add(1 << 20);
    let mut child = tokio::process::Command::new(program().map_err(|e| no_reader(e.to_string()))?)
        .arg(CHILD_FLAG)
        .arg(WEBSITE_FEED)
        .arg("-")
        .arg(limits.memory.to_string())
        .arg(len.to_string())
        .arg(limits.time_for(len).as_secs().saturating_add(1).to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| no_reader(e.to_string()))?;
    // The feed, then held open (the child's lifeline) until it has answered.
    let mut lifeline = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let answer = async {
        let send = async {
            lifeline.write_all(&(url.len() as u64).to_le_bytes()).await?;
            lifeline.write_all(url.as_bytes()).await?;
            lifeline.write_all(&len.to_le_bytes()).await?;
            lifeline.write_all(bytes).await?;
            lifeline.flush().await
        };
        // A child that stopped reading (a limit hit) closes the pipe: what it said tells why.
        let (_, out, err) = tokio::join!(send, read_capped(&mut stdout, cap.saturating_add(1)), read_tail(&mut stderr, STDERR_TAIL));
        let status = child.wait().await?;
        drop(lifeline);
        Ok::<_, std::io::Error>((status, out?, err?))
    };
    let Ok(done) = tokio::time::timeout(limits.time_for(len), answer).await else {
        return Err(unreadable("reading it took too long"));
    };
    let (status, out, err) = done.map_err(|e| no_reader(e.to_string()))?;
    if matches!(status.code(), Some(UNLIMITED | ORPHANED)) {
        return Err(no_reader(format!("its reader could not limit itself or lost its parent ({status})")));
    }
    if !status.success() {
        let err = String::from_utf8_lossy(&err);
        return Err(unreadable(if err.contains("memory allocation of") || err.contains("capacity overflow") {
            "reading it would take more memory than a feed may"
        } else {
            "its reader stopped on it"
        }));
    }
    if out.len() > cap {
        return Err(unreadable("it reads as far more than its size"));
    }
    let Some(nl) = out.iter().position(|&b| b == b'\n') else { return Err(unreadable("its reader's answer was cut short")) };
    match &out[..nl] {
        b"ok" => serde_json::from_slice(&out[nl + 1..]).map_err(|_| unreadable("its reader's answer was cut short")),
        b"error" => Err(crate::SyncError::Unreadable(String::from_utf8_lossy(&out[nl + 1..]).into_owned())),
        _ => Err(unreadable("its reader's answer was cut short")),
    }
}

/// A website feed's address and bytes as the parent sends them (`WEBSITE_FEED`): each its length,
/// then itself; the address at most 64 KiB, the bytes at most `max`.
fn read_feed(max: u64) -> std::io::Result<(String, Vec<u8>)> {
    use std::io::Read;
    let mut stdin = std::io::stdin().lock();
    let mut next = |max: u64| {
        let mut len = [0u8; 8];
        stdin.read_exact(&mut len)?;
        let len = u64::from_le_bytes(len);
        let bad = || std::io::Error::from(std::io::ErrorKind::InvalidData);
        if len > max {
            return Err(bad());
        }
        let mut bytes = vec![0u8; usize::try_from(len).map_err(|_| bad())?];
        stdin.read_exact(&mut bytes)?;
        Ok(bytes)
    };
    let url = String::from_utf8(next(64 << 10)?).map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidData))?;
    Ok((url, next(max)?))
}

/// The child's whole life, called by `main` when the first argument is [`CHILD_FLAG`]:
/// `CHILD_FLAG media_type path memory inflated cpu_seconds`. Returns the exit code.
pub fn child_main(args: &[std::ffi::OsString]) -> i32 {
    let [media_type, path, memory, inflated, cpu] = args else { return 2 };
    let (Some(media_type), Some(memory), Some(inflated), Some(cpu)) = (
        media_type.to_str(),
        memory.to_str().and_then(|s| s.parse::<u64>().ok()),
        inflated.to_str().and_then(|s| s.parse::<u64>().ok()),
        cpu.to_str().and_then(|s| s.parse::<u64>().ok()),
    ) else {
        return 2;
    };
    // Limited before a byte of the file is read; a child that cannot be limited does nothing.
    let Ok(mut answer) = limits::apply(memory, cpu) else { return UNLIMITED };
    // A website feed's bytes come first on the lifeline (`inflated` is then their length).
    let feed = if media_type == WEBSITE_FEED {
        match read_feed(inflated) {
            Ok(bytes) => Some(bytes),
            Err(_) => return ORPHANED,
        }
    } else {
        None
    };
    if watch_parent().is_err() {
        return UNLIMITED;
    }
    // A page that panics is caught and skipped; its message would only push the allocator's
    // "memory allocation failed" (what tells too-large from damaged) out of the parent's capped read.
    std::panic::set_hook(Box::new(|_| {}));
    if let Some((url, bytes)) = feed {
        let (status, body) = match crate::website::read(&bytes, &url) {
            Ok(parsed) => ("ok", serde_json::to_vec(&parsed).unwrap_or_default()),
            Err(crate::SyncError::Unreadable(why)) => ("error", why.into_bytes()),
            Err(e) => ("error", e.to_string().into_bytes()),
        };
        let ok = answer.write_all(status.as_bytes()).and_then(|_| answer.write_all(b"\n")).and_then(|_| answer.write_all(&body)).and_then(|_| answer.flush());
        return if ok.is_ok() { 0 } else { 3 };
    }
    let result = match std::fs::read(path) {
        Ok(bytes) => extract_text_limited(media_type, &bytes, inflated),
        Err(_) => ExtractedText::Unreadable,
    };
    let ok = answer
        .write_all(result.status().as_bytes())
        .and_then(|_| answer.write_all(b"\n"))
        .and_then(|_| answer.write_all(result.text().unwrap_or("").as_bytes()))
        .and_then(|_| answer.flush());
    if ok.is_ok() { 0 } else { 3 }
}

/// Exit this process as soon as its standard input ends: the parent closed it or is gone. The
/// parent writes nothing more to it (a website feed's bytes were read before this began);
/// anything written is read and ignored. The exit runs nothing of
/// this process's (`_exit`): the main thread may hold a lock the exit handlers would wait for.
#[cfg(unix)]
fn watch_parent() -> std::io::Result<()> {
    use std::io::Read;
    std::thread::Builder::new().name("parent".into()).stack_size(64 * 1024).spawn(|| {
        let mut stdin = std::io::stdin().lock();
        let mut buf = [0u8; 64];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        // SAFETY: _exit ends the process at once and touches no memory of it.
        unsafe { libc::_exit(ORPHANED) }
    })?;
    Ok(())
}

/// Neither Unix nor Windows: no watch; the parent's time limit ends the child.
#[cfg(not(any(unix, windows)))]
fn watch_parent() -> std::io::Result<()> {
    Ok(())
}

/// Exit this process as soon as its standard input ends: the parent closed it or is gone. Looked
/// at five times a second rather than waited on, because the same thread also ends the process
/// when the main thread ended without it. Windows ends a process whose thread crashed, but Wine
/// leaves it running after a stack overflow (seen 2026-12-07 under `make test-windows-sync`, with
/// this thread alive until the parent closed the pipe).
#[cfg(windows)]
fn watch_parent() -> std::io::Result<()> {
    use std::ptr::null_mut;
    use windows_sys::Win32::Foundation::{DuplicateHandle, DUPLICATE_SAME_ACCESS, FALSE, HANDLE, WAIT_OBJECT_0, WAIT_TIMEOUT};
    use windows_sys::Win32::System::Console::{GetStdHandle, STD_INPUT_HANDLE};
    use windows_sys::Win32::System::Pipes::PeekNamedPipe;
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, GetCurrentThread, GetExitCodeThread, TerminateProcess, WaitForSingleObject};
    let mut main: HANDLE = null_mut();
    // SAFETY: duplicates this thread's pseudo-handle into a real one, owned by the watching
    // thread for the rest of the process's life.
    if unsafe { DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &mut main, 0, FALSE, DUPLICATE_SAME_ACCESS) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: reads this process's standard input handle.
    let input = unsafe { GetStdHandle(STD_INPUT_HANDLE) };
    // Handles are pointers, which a thread cannot be given as they are.
    let (main, input) = (main as usize, input as usize);
    std::thread::Builder::new().name("parent".into()).stack_size(64 * 1024).spawn(move || {
        let (main, input) = (main as HANDLE, input as HANDLE);
        loop {
            // SAFETY: waits on and asks about handles this process holds open; writes only the
            // two integers given.
            unsafe {
                match WaitForSingleObject(main, 200) {
                    WAIT_OBJECT_0 => {
                        // Its crash's code, never one that says the file was not read.
                        let mut code = 1u32;
                        GetExitCodeThread(main, &mut code);
                        let code = if matches!(i32::try_from(code), Ok(0 | UNLIMITED | ORPHANED)) { 1 } else { code };
                        TerminateProcess(GetCurrentProcess(), code);
                    }
                    WAIT_TIMEOUT => {}
                    _ => std::thread::sleep(std::time::Duration::from_millis(200)),
                }
                let mut waiting = 0u32;
                if PeekNamedPipe(input, null_mut(), 0, null_mut(), &mut waiting, null_mut()) == 0 {
                    // At once, running nothing of this process's: the main thread may hold a
                    // lock the exit handlers would wait for.
                    TerminateProcess(GetCurrentProcess(), ORPHANED as u32);
                }
            }
        }
    })?;
    Ok(())
}

#[cfg(unix)]
mod limits {
    use std::fs::File;
    use std::os::fd::FromRawFd;

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    type Resource = libc::__rlimit_resource_t;
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    type Resource = libc::c_int;

    fn set(resource: Resource, value: u64) -> std::io::Result<()> {
        let lim = libc::rlimit { rlim_cur: value as libc::rlim_t, rlim_max: value as libc::rlim_t };
        // SAFETY: setrlimit reads the struct we pass and changes only this process's limits.
        if unsafe { libc::setrlimit(resource, &lim) } == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
    }

    /// Limit this process, and keep the answer's channel to ourselves: the extractor's libraries
    /// may print to standard output, so standard output is pointed at standard error and the
    /// answer goes to a copy of the original.
    pub fn apply(memory: u64, cpu_seconds: u64) -> std::io::Result<File> {
        #[cfg(target_os = "linux")]
        {
            // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number and touches no memory.
            unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) };
            set(libc::RLIMIT_DATA, memory)?;
        }
        #[cfg(not(target_os = "linux"))]
        set(libc::RLIMIT_AS, memory)?;
        set(libc::RLIMIT_CPU, cpu_seconds)?;
        set(libc::RLIMIT_CORE, 0)?;
        set(libc::RLIMIT_FSIZE, 0)?;
        // SAFETY: dup and dup2 on the standard descriptors this process owns; the new descriptor
        // is owned by the File returned and by nothing else.
        unsafe {
            let answer = libc::dup(1);
            if answer < 0 || libc::dup2(2, 1) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(File::from_raw_fd(answer))
        }
    }
}

#[cfg(windows)]
mod limits {
    use std::fs::File;
    use std::os::windows::io::FromRawHandle;
    use std::ptr::{null, null_mut};
    use windows_sys::Win32::Foundation::{DuplicateHandle, DUPLICATE_SAME_ACCESS, FALSE, HANDLE};
    use windows_sys::Win32::System::Console::{GetStdHandle, SetStdHandle, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE};
    use windows_sys::Win32::System::Diagnostics::Debug::{SetErrorMode, SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX, SEM_NOOPENFILEERRORBOX};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JobObjectExtendedLimitInformation, SetInformationJobObject, JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JOB_OBJECT_LIMIT_ACTIVE_PROCESS,
        JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION, JOB_OBJECT_LIMIT_PROCESS_MEMORY, JOB_OBJECT_LIMIT_PROCESS_TIME,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;

    fn check(ok: bool) -> std::io::Result<()> {
        if ok { Ok(()) } else { Err(std::io::Error::last_os_error()) }
    }

    /// Windows has no rlimits: this process puts itself in a job object of its own, which caps
    /// the memory it commits and its CPU time, lets it start no other process, and ends it on a
    /// crash without Windows's error dialog. Its standard output is pointed at standard error and
    /// the answer goes to a copy of the original, as on Unix. The job is not closed: it lasts as
    /// long as this process.
    pub fn apply(memory: u64, cpu_seconds: u64) -> std::io::Result<File> {
        // SAFETY: Win32 calls on this process's own job, standard handles and error mode; `info`
        // is a plain struct of the size given; the duplicated handle is owned by the File
        // returned and by nothing else.
        unsafe {
            SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
            let job = CreateJobObjectW(null(), null());
            check(!job.is_null())?;
            let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
            info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_PROCESS_TIME | JOB_OBJECT_LIMIT_ACTIVE_PROCESS | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
            // In units of 100 ns.
            info.BasicLimitInformation.PerProcessUserTimeLimit = i64::try_from(cpu_seconds.saturating_mul(10_000_000)).unwrap_or(i64::MAX);
            info.BasicLimitInformation.ActiveProcessLimit = 1;
            info.ProcessMemoryLimit = usize::try_from(memory).unwrap_or(usize::MAX);
            check(SetInformationJobObject(job, JobObjectExtendedLimitInformation, (&raw const info).cast(), std::mem::size_of_val(&info) as u32) != 0)?;
            check(AssignProcessToJobObject(job, GetCurrentProcess()) != 0)?;
            let out = GetStdHandle(STD_OUTPUT_HANDLE);
            let mut answer: HANDLE = null_mut();
            check(DuplicateHandle(GetCurrentProcess(), out, GetCurrentProcess(), &mut answer, 0, FALSE, DUPLICATE_SAME_ACCESS) != 0)?;
            check(SetStdHandle(STD_OUTPUT_HANDLE, GetStdHandle(STD_ERROR_HANDLE)) != 0)?;
            Ok(File::from_raw_handle(answer))
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod limits {
    /// Neither rlimits nor job objects: the parent's time limit and the inflated-bytes cap apply.
    pub fn apply(_memory: u64, _cpu_seconds: u64) -> std::io::Result<std::io::Stdout> {
        Ok(std::io::stdout())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_limit_grows_with_the_file_and_is_capped() {
        let l = ExtractLimits::default();
        assert_eq!(l.time_for(100), Duration::from_secs(22));
        assert_eq!(l.time_for(10 * 1024 * 1024), Duration::from_secs(40));
        assert_eq!(l.time_for(u32::MAX as u64), l.time_max, "a huge file still has an end");
    }

    #[test]
    fn a_childs_answer_is_read_and_a_crash_is_named() {
        assert_eq!(read_answer(true, b"ok\nnaloxone", b""), ExtractedText::Text("naloxone".into()));
        assert_eq!(read_answer(true, b"encrypted\n", b""), ExtractedText::Encrypted);
        assert_eq!(read_answer(true, b"made-up\n", b""), ExtractedText::Unreadable, "an unknown status is not trusted");
        assert_eq!(read_answer(true, b"ok", b""), ExtractedText::Unreadable, "an answer cut short");
        assert_eq!(read_answer(false, b"", b"memory allocation of 2147483648 bytes failed\n"), ExtractedText::TooLarge);
        assert_eq!(read_answer(false, b"", b"thread 'main' has overflowed its stack\n"), ExtractedText::Unreadable);
    }

    /// A script standing in for the program, its exit chosen by the media type given. Made once:
    /// a test program has only one extraction child.
    #[cfg(unix)]
    fn script_child() {
        use std::os::unix::fs::PermissionsExt;
        // Written whole, once, before any test starts it (tests run on threads of their own).
        static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
        let dir = DIR.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let noisy = "head -c 40000 /dev/zero | tr '\\0' w >&2; echo 'memory allocation of 2147483648 bytes failed' >&2; exit 134";
            let script = dir.path().join("child");
            std::fs::write(&script, format!("#!/bin/sh\ncase \"$2\" in unlimited) exit {UNLIMITED};; orphaned) exit {ORPHANED};; noisy) {noisy};; *) exit 1;; esac\n")).unwrap();
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
            dir
        });
        use_program(dir.path().join("child"));
    }

    #[cfg(unix)]
    fn in_script_child(media_type: &str) -> Option<ExtractedText> {
        script_child();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"%PDF-1.4").unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(extract_in_child(media_type, &file, 8, &ExtractLimits::default()))
    }

    /// A child that could not limit itself read nothing, and one whose lifeline ended stopped
    /// reading: no state is given to the file (the sync leaves it pending), where a child that
    /// failed on it names it unreadable.
    #[cfg(unix)]
    #[test]
    fn a_child_that_could_not_limit_itself_or_lost_its_parent_names_the_file_nothing() {
        assert_eq!(in_script_child("unlimited"), None);
        assert_eq!(in_script_child("orphaned"), None, "a child that stopped as its lifeline ended leaves the file for later");
        assert_eq!(in_script_child("application/pdf"), Some(ExtractedText::Unreadable));
    }

    /// The extractor's libraries may print pages of warnings before the allocator gives up; the
    /// allocator's last words come last and are what tell too large from damaged. Until
    /// 2026-12-07 the parent kept the first 16 KiB of the child's errors, and named such a file
    /// damaged.
    #[cfg(unix)]
    #[test]
    fn a_refused_allocation_after_pages_of_warnings_is_still_named_too_large() {
        assert_eq!(in_script_child("noisy"), Some(ExtractedText::TooLarge));
    }

    #[test]
    fn the_end_of_a_long_stream_is_kept() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        assert_eq!(rt.block_on(read_tail(&mut &long[..], 1000)).unwrap(), &long[long.len() - 1000..], "over several reads");
        assert_eq!(rt.block_on(read_tail(&mut &b"short"[..], 1000)).unwrap(), b"short");
        assert_eq!(rt.block_on(read_tail(&mut &b"abcdefgh"[..], 3)).unwrap(), b"fgh");
    }
}
