// Tauri's build step. The root Cargo.toml is the app package, so point tauri-build at
// src-tauri/capabilities and declare the app's own commands: each gets an `allow-<command>`
// permission, and the capability grants exactly those (least privilege).
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=ui/dist");
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "app_info",
            "app_quit",
            "library_list",
            "document_get",
            "attachment_open",
            "library_search",
            "personal_get",
            "bookmark_set",
            "note_set",
            "sync_now",
            "sync_cancel",
            "sync_status",
            "feeds_list",
            "feed_add",
            "feed_remove",
            "notifications_list",
            "settings_get",
            "settings_set",
            "library_facets",
            "read_set",
            "collections_list",
            "collection_create",
            "collection_rename",
            "collection_delete",
            "collection_item_set",
            "collection_reorder",
            "collection_entries",
            "attachment_save",
        ]));
    tauri_build::try_build(attrs).expect("tauri build step failed");
}
