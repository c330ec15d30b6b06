// Tauri's build step. The root Cargo.toml is the app package, so point tauri-build at
// src-tauri/capabilities and declare the app's own commands: each gets an `allow-<command>`
// permission, and the capability grants exactly those (least privilege).
include!("commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/commands/names.rs");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=ui/dist");
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attrs).expect("tauri build step failed");
}
