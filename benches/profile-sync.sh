#!/usr/bin/env bash
# Issue 21 item 2: where the first sync of 10,000 realistic documents spends its time, and the
# floor on this machine. One first sync of the feed benches/sync.sh syncs (make-realistic.py,
# published and served on 127.0.0.1), recorded with `perf record` (CPU samples of the `peerlib
# sync` process, all its threads, and its extraction children) from a build with symbols, then each sample
# put in a phase by its function (benches/profile-phases.py). Then the floor's parts, each on its
# own: every published file fetched with curl (8 at a time, gzip as our client asks) and their
# bytes hashed (sha256sum).
#   bash benches/profile-sync.sh
# PEERLIB_BENCH_SOURCES names a folder make-realistic.py wrote, to reuse it (generating 10,000
# documents takes a few minutes). Needs perf (linux-perf) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
# A release build with symbols, in a target folder of its own (the usual release strips them).
PROFILE_TARGET=${PEERLIB_PROFILE_TARGET:-$HOME/.cache/peer-library/profile-target}
CARGO_TARGET_DIR=$PROFILE_TARGET CARGO_PROFILE_RELEASE_STRIP=none CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
  cargo build --release -q -p peerlib-cli
PEERLIB="$PROFILE_TARGET/release/peerlib"
N=${PEERLIB_BENCH_DOCS:-10000}
. benches/feed.sh
bench_workspace
if [ -n "${PEERLIB_BENCH_SOURCES:-}" ]; then
  cp -r "$PEERLIB_BENCH_SOURCES" "$work/src"
else
  python3 benches/make-realistic.py "$work/src" "$N" "${PEERLIB_BENCH_FILES:-100}"
fi
bench_publish
bench_serve
now() { date +%s.%N; }
t0=$(now)
perf record -q -F 999 -o "$work/perf.data" -- "$PEERLIB" --data-dir "$work/data" sync >/dev/null 2>"$work/perf.log"
t1=$(now)
wall=$(echo "$t1 - $t0" | bc -l)
perf script -i "$work/perf.data" -F pid,tid,ip,sym,dso 2>/dev/null >"$work/samples.txt"

# The floor's parts: the same files fetched and hashed with nothing else done.
(cd "$work/out" && find . -type f | sed "s|^\./|$addr/|") >"$work/urls"
t0=$(now)
xargs -P 8 -n 200 sh -c 'for u; do printf "url = \"%s\"\noutput = \"/dev/null\"\n" "$u"; done | curl -s --compressed -K -' _ <"$work/urls"
t1=$(now)
fetch=$(echo "$t1 - $t0" | bc -l)
t0=$(now); find "$work/out" -type f -print0 | xargs -0 sha256sum >/dev/null; t1=$(now)
hash=$(echo "$t1 - $t0" | bc -l)
python3 benches/profile-phases.py "$work/samples.txt" "$wall" "$fetch" "$hash"
