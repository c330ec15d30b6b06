//! Tauri commands: each takes the state, calls one library function and maps the error.
//!
//! Every command is `async` (Tauri runs it off the thread that draws the window) and a few lines:
//! state in, one library or session call, the error mapped to `WireError`.
//!
//! To add a command: write it in the module of its domain here, name it in `names.rs` and in
//! `generate_handler!` in lib.rs, grant `allow-<name>` in capabilities/main.json, wrap it in
//! ui/src/lib/ipc/index.ts and answer it in ui/tests/mock-ipc.js if the browser tests need it;
//! tests/app/commands.rs fails until all of them agree.

pub mod app;
pub mod library;
pub mod lock;
pub mod names;
pub mod nearby;
pub mod network;
pub mod personal;
pub mod share;
pub mod sync;
pub mod settings;
pub mod update;
