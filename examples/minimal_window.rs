//! The baseline of issue #7's first-window figure (benches/window.mjs): the smallest Tauri
//! window that shows a line of text, built with the same Tauri, features and profile as the app.
//! Its page comes from a custom scheme, as the app's assets do.
//!   cargo build --example minimal_window

fn main() {
    tauri::Builder::default()
        .register_uri_scheme_protocol("minimal", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("content-type", "text/html")
                .body(b"<!doctype html><p id=first>Peer Library</p>".to_vec())
                .expect("a static response")
        })
        .setup(|app| {
            let url = tauri::WebviewUrl::CustomProtocol("minimal://localhost/".parse()?);
            tauri::WebviewWindowBuilder::new(app, "main", url).title("minimal").build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the minimal window runs");
}
