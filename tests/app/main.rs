//! Whole-app tests of the root package: the shell's state and launch options on real data
//! folders, without a window (the window is covered by tests/e2e). Modules mirror src-tauri/.

mod background;
#[cfg(all(unix, not(target_os = "macos")))]
mod bus;
mod commands;
mod launch;
mod render;
mod state;
