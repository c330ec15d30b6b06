#!/usr/bin/env bash
# Issue 5: the first sync of a 10,000-document feed from a loopback server, against newsboat
# (Debian's package) reloading the same 10,000 items as one RSS file from the same server, in the
# same run; then a sync with nothing new. Prints Markdown table rows.
#   bash benches/sync.sh            (installs newsboat if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
command -v newsboat >/dev/null || sudo -n apt-get install -y newsboat >/dev/null 2>&1 || apt-get install -y newsboat >/dev/null
cargo build --release -q -p peerlib-cli
PEERLIB="$CARGO_TARGET_DIR/release/peerlib"
N=${PEERLIB_BENCH_DOCS:-10000}
work=$(mktemp -d)
cleanup() { kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. benches/feed.sh
python3 benches/make-sources.py "$work/src" "$N" 0
bench_publish
python3 benches/make-rss.py "$work/src" "$work/out/all.rss"
bench_serve
echo "$addr/all.rss" >"$work/urls"
printf 'reload-threads 1\nshow-read-feeds yes\n' >"$work/newsboat.conf"
now() { date +%s.%N; }
best_pl=999999; best_nb=999999; best_noop=999999
for i in 1 2 3; do
  rm -rf "$work/data" "$work/cache.db" "$work/cache.db.lock"
  t0=$(now); "$PEERLIB" --data-dir "$work/data" sync >/dev/null; t1=$(now)
  t2=$(now); HOME="$work" newsboat -u "$work/urls" -c "$work/cache.db" -C "$work/newsboat.conf" -x reload >/dev/null 2>&1; t3=$(now)
  before=$(sha256sum "$work/data/content.db" | cut -d' ' -f1)
  t4=$(now); "$PEERLIB" --data-dir "$work/data" sync >/dev/null; t5=$(now)
  after=$(sha256sum "$work/data/content.db" | cut -d' ' -f1)
  [ "$before" = "$after" ] || { echo "a sync with nothing new changed content.db" >&2; exit 1; }
  best_pl=$(echo "if ($t1 - $t0 < $best_pl) $t1 - $t0 else $best_pl" | bc -l)
  best_nb=$(echo "if ($t3 - $t2 < $best_nb) $t3 - $t2 else $best_nb" | bc -l)
  best_noop=$(echo "if ($t5 - $t4 < $best_noop) $t5 - $t4 else $best_noop" | bc -l)
done
docs=$("$PEERLIB" --data-dir "$work/data" list --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
items=$(sqlite3 "$work/cache.db" "select count(*) from rss_item" 2>/dev/null || python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from rss_item').fetchone()[0])" "$work/cache.db")
printf '| first sync, %s documents (%s in the library; newsboat stored %s items) | %.2f s | newsboat reload %.2f s | %.2fx newsboat | < 1x |\n' \
  "$N" "$docs" "$items" "$best_pl" "$best_nb" "$(echo "$best_pl / $best_nb" | bc -l)"
printf '| sync with nothing new (content.db byte-identical after) | %.3f s | first sync %.2f s | %.3fx the first sync | 1 request, 0 writes |\n' \
  "$best_noop" "$best_pl" "$(echo "$best_noop / $best_pl" | bc -l)"
