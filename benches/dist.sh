#!/usr/bin/env bash
# Issue 19's figures, from the packages `make dist` builds (run it first; this reuses its release
# build). Prints Markdown table rows for docs/benchmarks.md.
#  1. The .deb's size against a minimal Tauri app's .deb built the same way: examples/minimal_window
#     (same Tauri, same release profile, stripped) put into our package in place of the app (same
#     icons, desktop entry, metainfo, control file and compressor), so only the programs differ.
#  2. Start to the library on screen of the installed app (the program as the .deb installs it),
#     against `make run`'s debug build and against the minimal app installed the same way
#     (benches/installed.mjs: eleven alternating starts of each, the first dropped, medians).
#   make dist && bash benches/dist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
deb=$(ls target/dist/*.deb | head -n 1)
[ -f "$deb" ] || { echo "no .deb in target/dist: run make dist first" >&2; exit 1; }
make -s app >/dev/null
cargo build -q --release -p peer-library --example minimal_window
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The minimal app in the same package.
mkdir -p "$work/minimal"
dpkg-deb -R "$deb" "$work/minimal"
cp "$CARGO_TARGET_DIR/release/examples/minimal_window" "$work/minimal/usr/bin/peer-library"
rm -f "$work/minimal/usr/bin/peerlib"
sed -i '/^Installed-Size:/d' "$work/minimal/DEBIAN/control"
case $(ar t "$deb" | grep '^data\.tar') in
  data.tar.xz) compressor=xz ;; data.tar.zst) compressor=zstd ;; *) compressor=gzip ;;
esac
dpkg-deb -Z"$compressor" --root-owner-group -b "$work/minimal" "$work/minimal.deb" >/dev/null
ours=$(stat -c %s "$deb")
minimal=$(stat -c %s "$work/minimal.deb")
app_bin=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/bin/peer-library | gzip -9 | wc -c)
echo "| .deb size | $(numfmt --to=iec --suffix=B "$ours") | minimal Tauri app's .deb $(numfmt --to=iec --suffix=B "$minimal") | $(python3 -c "print(f'{$ours/$minimal:.2f}x')") | ≤ 1.5x and < 15 MB |"
echo "<!-- program alone, gzip -9: $(numfmt --to=iec --suffix=B "$app_bin"); data.tar compressor: $compressor -->"

# 2. Starts: both packages' programs as installed, and the debug build.
dpkg-deb -x "$deb" "$work/installed"
dpkg-deb -x "$work/minimal.deb" "$work/installed-minimal"
export APP_BINARY="$work/installed/usr/bin/peer-library" DEBUG_BINARY="$CARGO_TARGET_DIR/debug/peer-library"
export MINIMAL_BINARY="$work/installed-minimal/usr/bin/peer-library" BENCH_DATA_DIR="$work/data"
export PEERLIB_SYNC_INTERVAL=86400
dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" node benches/installed.mjs
