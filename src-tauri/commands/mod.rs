//! Tauri commands: each takes the state, calls one library function and maps the error.
//!
//! To add a command: write it here (or in a sibling module), add it to `handlers()` in lib.rs,
//! to the command list in src-tauri/build.rs and to capabilities/main.json as `allow-<name>`,
//! and wrap it in ui/src/lib/ipc/.

pub mod app;
pub mod library;
pub mod personal;
pub mod sync;
pub mod settings;
