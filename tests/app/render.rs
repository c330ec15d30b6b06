//! The webview's drawing on a machine without a GPU (src-tauri/render.rs).

use peer_library::render::software_rendering_only;

#[test]
fn a_render_node_or_an_nvidia_device_means_a_gpu() {
    let dev = tempfile::tempdir().unwrap();
    assert!(software_rendering_only(dev.path()), "no dri folder at all");
    std::fs::create_dir(dev.path().join("dri")).unwrap();
    std::fs::write(dev.path().join("dri/card0"), "").unwrap();
    assert!(software_rendering_only(dev.path()), "a display card without a render node");
    std::fs::write(dev.path().join("dri/renderD128"), "").unwrap();
    assert!(!software_rendering_only(dev.path()));

    let nvidia = tempfile::tempdir().unwrap();
    std::fs::write(nvidia.path().join("nvidiactl"), "").unwrap();
    assert!(!software_rendering_only(nvidia.path()));
}
