#!/usr/bin/env bash
# Issue 7: the window's figures with 10,000 documents (benches/ui.mjs and benches/window.mjs
# say what and against what; BENCH_ONLY=ui or BENCH_ONLY=window runs one of them;
# BENCH_ONLY=startup runs benches/startup.mjs). Publishes 10,000 synthetic documents, serves them
# on 127.0.0.1, syncs them into a fresh data folder with the release `peerlib`, then drives the
# app (the debug build `make` makes) under Xvfb with tauri-driver. Prints Markdown table rows.
#   bash benches/ui.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
# BENCH_PROFILE=release measures release builds of the app and of the minimal window (what users
# run; about five minutes to build the first time) instead of the debug build `make` makes.
PROFILE=${BENCH_PROFILE:-debug}
. benches/feed.sh
bench_window_binaries "$PROFILE"
N=${PEERLIB_BENCH_DOCS:-10000}
bench_workspace
BENCH_GROUP_SIZE=1 python3 benches/make-sources.py "$work/src" "$N" 0
bench_publish
bench_serve
"$PEERLIB" --data-dir "$work/data" sync >/dev/null
# No background sync during the measurement.
export PEERLIB_SYNC_INTERVAL=86400
export BENCH_DATA_DIR="$work/data"
run() { dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" node "$1"; }
case "${BENCH_ONLY:-}" in
  ui) run benches/ui.mjs ;;
  window) run benches/window.mjs ;;
  # Not part of a full run: where the first window's time goes, mark by mark.
  startup) run benches/startup.mjs ;;
  *) run benches/ui.mjs; run benches/window.mjs ;;
esac
