//! The extraction child for the sync crate's tests (the app and `peerlib` are their own).

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
    std::process::exit(peerlib_sync::child_main(&args));
}
