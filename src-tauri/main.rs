// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started again as an attachment's text extractor (peerlib_sync::sandbox): no window.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == peerlib_sync::CHILD_FLAG) {
        std::process::exit(peerlib_sync::child_main(&args[2..]));
    }
    // The `peerlib` command of the installed packages (/usr/bin/peerlib runs `peer-library --cli`).
    if args.get(1).is_some_and(|a| a == "--cli") {
        let cli: Vec<String> = std::iter::once("peerlib".to_string()).chain(std::env::args().skip(2)).collect();
        let code = peerlib_cli::main_with(cli);
        std::process::exit(if code == std::process::ExitCode::SUCCESS { 0 } else { 1 });
    }
    peer_library::run();
}
