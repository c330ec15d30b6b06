#!/usr/bin/env bash
# Issue 20: bundles against the baselines the issue names, each measured in this run on the same
# library (10,000 documents and 1,000 attachments of 100 KB, benches/make-sources.py):
#   - `peerlib export` of the whole library against `tar -cf` of the same feed's files;
#   - `peerlib import` of that bundle into an empty library against a first `peerlib sync` of
#     the same library from `peerlib serve` on loopback;
#   - an incremental bundle (`--for` an inventory) after 100 changed documents, against the full
#     bundle's size.
# Best of three for each time. Prints Markdown table rows.
#   bash benches/bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
cargo build --release -q -p peerlib-cli
PEERLIB="$CARGO_TARGET_DIR/release/peerlib"
N=${PEERLIB_BENCH_DOCS:-10000}
M=${PEERLIB_BENCH_FILES:-1000}
. benches/feed.sh
bench_workspace
python3 benches/make-sources.py "$work/src" "$N" "$M"
bench_publish
bench_serve
now() { date +%s.%N; }
best() { echo "if ($1 < $2) $1 else $2" | bc -l; }
b_sync=999999; b_import=999999; b_export=999999; b_tar=999999; b_tarsync=999999
for i in 1 2 3; do
  rm -rf "$work/synced"
  t0=$(now); "$PEERLIB" --data-dir "$work/synced" sync >/dev/null; t1=$(now)
  b_sync=$(best "$(echo "$t1 - $t0" | bc -l)" "$b_sync")
done
for i in 1 2 3; do
  rm -f "$work/library.peerlib" "$work/feed.tar"
  t0=$(now); "$PEERLIB" --data-dir "$work/synced" export "$work/library.peerlib" 2>/dev/null >/dev/null; t1=$(now)
  t2=$(now); tar -cf "$work/feed.tar" -C "$work/out" .; t3=$(now)
  # The export flushes its file to the disk before naming it (a stick pulled out must not leave
  # a file that looks whole): tar followed by a flush of its file does the same work.
  rm -f "$work/feed.tar"
  t4=$(now); tar -cf "$work/feed.tar" -C "$work/out" . && sync "$work/feed.tar"; t5=$(now)
  b_export=$(best "$(echo "$t1 - $t0" | bc -l)" "$b_export")
  b_tar=$(best "$(echo "$t3 - $t2" | bc -l)" "$b_tar")
  b_tarsync=$(best "$(echo "$t5 - $t4" | bc -l)" "$b_tarsync")
done
for i in 1 2 3; do
  rm -rf "$work/imported"
  t0=$(now); "$PEERLIB" --data-dir "$work/imported" import "$work/library.peerlib" >/dev/null; t1=$(now)
  b_import=$(best "$(echo "$t1 - $t0" | bc -l)" "$b_import")
done
docs=$("$PEERLIB" --data-dir "$work/imported" list --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
"$PEERLIB" --data-dir "$work/imported" inventory "$work/inventory.json" >/dev/null
# 100 documents change at the publisher; the sender syncs them; a bundle for the receiver.
python3 - "$work/src" <<'PY'
import sys, os
src = sys.argv[1]
for i in range(0, 10000, 100):
    p = os.path.join(src, f"doc-{i}.md")
    if os.path.exists(p):
        with open(p, "a", encoding="utf-8") as f:
            f.write("\nA sentence added in the second edition.\n")
PY
"$PEERLIB" publish "$work/src" "$work/out" --secret-key "$work/k" >/dev/null
"$PEERLIB" --data-dir "$work/synced" sync >/dev/null
"$PEERLIB" --data-dir "$work/synced" export "$work/update.peerlib" --for "$work/inventory.json" 2>/dev/null >/dev/null
"$PEERLIB" --data-dir "$work/imported" import "$work/update.peerlib" >/dev/null
full=$(stat -c %s "$work/library.peerlib"); inc=$(stat -c %s "$work/update.peerlib"); tarsize=$(stat -c %s "$work/feed.tar")
printf '| export of %s documents and %s attachments (bundle %.0f MB; tar %.0f MB) | %.2f s | tar -cf of the same files %.2f s | %.2fx tar | <= 1.5x |\n' \
  "$N" "$M" "$(echo "$full / 1000000" | bc -l)" "$(echo "$tarsize / 1000000" | bc -l)" "$b_export" "$b_tar" "$(echo "$b_export / $b_tar" | bc -l)"
printf '| the same export | %.2f s | tar -cf, then sync of its file (flushed to the disk, as the export is) %.2f s | %.2fx tar + sync | <= 1.5x |\n' \
  "$b_export" "$b_tarsync" "$(echo "$b_export / $b_tarsync" | bc -l)"
printf '| import of that bundle into an empty library (%s documents listed after) | %.2f s | first sync from peerlib serve on loopback %.2f s | %.2fx the sync | <= 1x |\n' \
  "$docs" "$b_import" "$b_sync" "$(echo "$b_import / $b_sync" | bc -l)"
printf '| incremental bundle (--for) after 100 changed documents | %.0f KB | full bundle %.0f MB | %.2f%% of the full bundle | < 2%% |\n' \
  "$(echo "$inc / 1000" | bc -l)" "$(echo "$full / 1000000" | bc -l)" "$(echo "100 * $inc / $full" | bc -l)"
