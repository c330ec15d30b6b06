//! The `peerlib` program: the command line of peerlib_cli (lib.rs).

use std::process::ExitCode;

fn main() -> ExitCode {
    // Started again as an attachment's text extractor (peerlib_sync::sandbox): nothing else runs.
    let os_args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if os_args.get(1).is_some_and(|a| a == peerlib_sync::CHILD_FLAG) {
        return ExitCode::from(peerlib_sync::child_main(&os_args[2..]) as u8);
    }
    peerlib_cli::main_with(std::env::args().collect())
}
