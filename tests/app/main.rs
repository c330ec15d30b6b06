//! Whole-app tests of the root package: the shell's state and launch options on real data
//! folders, without a window (the window is covered by tests/e2e). Modules mirror src-tauri/.

mod background;
mod commands;
mod launch;
mod render;
mod state;
