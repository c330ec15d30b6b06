//! How the webview draws on a machine without a graphics processor.
//!
//! WebKitGTK composites the page through OpenGL. Where no GPU driver is available (a virtual
//! machine, a remote desktop, an old laptop without its driver) that OpenGL is Mesa's software
//! rasteriser, llvmpipe, which compiles shaders and rasterises on the CPU: slower than WebKit's own
//! CPU drawing. Measured on such a machine, it made the window's first frame about 130 ms slower
//! (decision 0005, docs/benchmarks.md). So, on Linux, when the machine has no GPU device
//! the app asks WebKit not to composite through OpenGL, unless the user set WebKit's switch
//! themselves.

use std::path::Path;

/// WebKitGTK's switch: when set, the page is drawn without OpenGL compositing.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// True when `dev` (normally /dev) shows no GPU a process could render with: no DRM render node
/// (`dri/renderD*`, every Mesa and recent NVIDIA driver) and no NVIDIA control device (its older
/// drivers render through GLX without one).
pub fn software_rendering_only(dev: &Path) -> bool {
    let render_node = std::fs::read_dir(dev.join("dri"))
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false);
    !render_node && !dev.join("nvidiactl").exists()
}

/// Called first thing in `run`, before GTK starts and before any other thread exists (the
/// environment is only safe to change then).
pub fn choose() {
    if cfg!(target_os = "linux") && std::env::var_os(DISABLE_COMPOSITING).is_none() && software_rendering_only(Path::new("/dev")) {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
}
