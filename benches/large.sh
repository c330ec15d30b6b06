#!/usr/bin/env bash
# Issue 21 item 4, the window at 100,000: for libraries of 1,000, 10,000 and 100,000 documents
# (PEERLIB_BENCH_SIZES says otherwise), each its own line, published, served on 127.0.0.1 and
# synced with the release `peerlib`, then, under Xvfb with tauri-driver:
#   - benches/window.mjs: the first rows on screen against a minimal Tauri window's first text;
#   - benches/memory.mjs: the resident memory of the app's process and of its web process at
#     the first rows and after the list has been moved to 20 places over its whole length.
# Release builds of the app and of the minimal window (BENCH_PROFILE=debug for the debug ones).
# Prints Markdown table rows.
#   bash benches/large.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
PROFILE=${BENCH_PROFILE:-release}
. benches/feed.sh
bench_window_binaries "$PROFILE"
export PEERLIB_SYNC_INTERVAL=86400 # no background sync during the measurement
run() { dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" node "$1"; }
memory=()
for N in ${PEERLIB_BENCH_SIZES:-1000 10000 100000}; do
  bench_workspace
  BENCH_GROUP_SIZE=1 python3 benches/make-sources.py "$work/src" "$N" 0
  bench_publish
  bench_serve
  "$PEERLIB" --data-dir "$work/data" sync >/dev/null
  kill "$server"
  export BENCH_DATA_DIR="$work/data" PEERLIB_BENCH_DOCS=$N
  run benches/window.mjs
  memory+=("$(run benches/memory.mjs | grep '^|')")
  rm -rf "$work"
done
echo
echo "| documents (lines) | app process, first rows | after 20 places | web process, first rows | after 20 places |"
echo "|---|---|---|---|---|"
printf '%s\n' "${memory[@]}"
