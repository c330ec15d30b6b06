#!/usr/bin/env bash
# Issues 5 and 21: the first sync of a 10,000-document feed from a loopback server, against
# newsboat (Debian's package) reloading the same 10,000 items as one RSS file from the same server,
# then a sync with nothing new. ROUNDS rounds (5 unless PEERLIB_BENCH_ROUNDS says), the two sides
# in alternation within each round; prints the median and the spread (lowest-highest) of each as
# Markdown table rows.
#   bash benches/sync.sh                              realistic text (benches/make-realistic.py)
#   PEERLIB_BENCH_TEXT=synthetic bash benches/sync.sh  the narrow synthetic set (make-sources.py)
# PEERLIB_BENCH_DOCS sets the number of documents, PEERLIB_BENCH_FILES the attachments (realistic
# text: 100 Word files whose text the sync extracts and indexes; newsboat has none to fetch).
# `make bench-deps` installs newsboat and wordfreq.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
command -v newsboat >/dev/null || { echo "newsboat is missing: make bench-deps" >&2; exit 1; }
cargo build --release -q -p peerlib-cli
PEERLIB="$CARGO_TARGET_DIR/release/peerlib"
N=${PEERLIB_BENCH_DOCS:-10000}
TEXT=${PEERLIB_BENCH_TEXT:-realistic}
ROUNDS=${PEERLIB_BENCH_ROUNDS:-5}
. benches/feed.sh
bench_workspace
case "$TEXT" in
  realistic) python3 benches/make-realistic.py "$work/src" "$N" "${PEERLIB_BENCH_FILES:-100}" ;;
  synthetic) python3 benches/make-sources.py "$work/src" "$N" 0 ;;
  *) echo "PEERLIB_BENCH_TEXT is realistic or synthetic" >&2; exit 1 ;;
esac
bench_publish
python3 benches/make-rss.py "$work/src" "$work/out/all.rss"
bench_serve
echo "$addr/all.rss" >"$work/urls"
printf 'reload-threads 1\nshow-read-feeds yes\n' >"$work/newsboat.conf"
size=$(du -sh --exclude=all.rss "$work/out" | cut -f1)
now() { date +%s.%N; }
: >"$work/times"
for i in $(seq "$ROUNDS"); do
  rm -rf "$work/data" "$work/cache.db" "$work/cache.db.lock"
  # Which side goes first alternates from round to round.
  if [ $((i % 2)) = 1 ]; then order="ours newsboat"; else order="newsboat ours"; fi
  for side in $order; do
    if [ "$side" = ours ]; then
      t0=$(now); "$PEERLIB" --data-dir "$work/data" sync >/dev/null; t1=$(now)
      echo "ours $(echo "$t1 - $t0" | bc -l)" >>"$work/times"
    else
      t0=$(now); HOME="$work" newsboat -u "$work/urls" -c "$work/cache.db" -C "$work/newsboat.conf" -x reload >/dev/null 2>&1; t1=$(now)
      echo "newsboat $(echo "$t1 - $t0" | bc -l)" >>"$work/times"
    fi
  done
  before=$(sha256sum "$work/data/content.db" | cut -d' ' -f1)
  t0=$(now); "$PEERLIB" --data-dir "$work/data" sync >/dev/null; t1=$(now)
  echo "noop $(echo "$t1 - $t0" | bc -l)" >>"$work/times"
  after=$(sha256sum "$work/data/content.db" | cut -d' ' -f1)
  [ "$before" = "$after" ] || { echo "a sync with nothing new changed content.db" >&2; exit 1; }
done
docs=$("$PEERLIB" --data-dir "$work/data" list --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
items=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from rss_item').fetchone()[0])" "$work/cache.db")
python3 - "$work/times" "$N" "$docs" "$items" "$TEXT" "$size" <<'EOF'
import statistics, sys
times, n, docs, items, text, size = sys.argv[1:]
t = {}
for line in open(times):
    k, v = line.split()
    t.setdefault(k, []).append(float(v))
med = {k: statistics.median(v) for k, v in t.items()}
spread = {k: f"{min(v):.2f}-{max(v):.2f}" for k, v in t.items()}
ratios = sorted(nb / ours for ours, nb in zip(t["ours"], t["newsboat"]))
print(f"| first sync, {int(n):,} documents, {text} text ({size} published; {docs} in the library, newsboat stored {items} items), "
      f"{len(t['ours'])} rounds | {med['ours']:.2f} s ({spread['ours']}) | newsboat {med['newsboat']:.2f} s ({spread['newsboat']}) "
      f"| newsboat's time / ours {statistics.median(ratios):.2f} (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}) | >= 2 |")
print(f"| sync with nothing new (content.db byte-identical after) | {med['noop']:.3f} s ({spread['noop']}) | first sync {med['ours']:.2f} s "
      f"| {med['noop'] / med['ours']:.3f}x the first sync | 1 request, 0 writes |")
EOF
