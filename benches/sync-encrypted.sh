#!/usr/bin/env bash
# Issue 18: the first sync of a 10,000-document feed from a loopback server into a data folder
# whose personal data and library are encrypted (`peerlib encrypt --all` before, not timed; the
# passphrase given on standard input, so the unlock's key derivation is in the time), against
# the same sync into a plain folder. ROUNDS rounds (5 unless PEERLIB_BENCH_ROUNDS says), the two
# in alternation; prints the median and the spread of each and the ratio as a Markdown row.
#   bash benches/sync-encrypted.sh                               realistic text (make-realistic.py)
#   PEERLIB_BENCH_TEXT=synthetic bash benches/sync-encrypted.sh   the narrow synthetic set
# PEERLIB_BENCH_DOCS and PEERLIB_BENCH_FILES as in sync.sh. `make bench-deps` installs wordfreq.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
cargo build --release -q -p peerlib-cli
PEERLIB="$CARGO_TARGET_DIR/release/peerlib"
N=${PEERLIB_BENCH_DOCS:-10000}
TEXT=${PEERLIB_BENCH_TEXT:-realistic}
ROUNDS=${PEERLIB_BENCH_ROUNDS:-5}
PASS="a long walk to the ministry"
. benches/feed.sh
bench_workspace
case "$TEXT" in
  realistic) python3 benches/make-realistic.py "$work/src" "$N" "${PEERLIB_BENCH_FILES:-100}" ;;
  synthetic) python3 benches/make-sources.py "$work/src" "$N" 0 ;;
  *) echo "PEERLIB_BENCH_TEXT is realistic or synthetic" >&2; exit 1 ;;
esac
bench_publish
bench_serve
now() { date +%s.%N; }
: >"$work/times"
for i in $(seq "$ROUNDS"); do
  rm -rf "$work/plain" "$work/encrypted"
  echo "$PASS" | "$PEERLIB" --data-dir "$work/encrypted" encrypt --all >/dev/null 2>&1
  if [ $((i % 2)) = 1 ]; then order="plain encrypted"; else order="encrypted plain"; fi
  for side in $order; do
    t0=$(now); echo "$PASS" | "$PEERLIB" --data-dir "$work/$side" sync >/dev/null; t1=$(now)
    echo "$side $(echo "$t1 - $t0" | bc -l)" >>"$work/times"
  done
  # The encrypted side really is: content.db is not plain SQLite, and it holds every document.
  head -c 16 "$work/encrypted/content.db" | grep -q "SQLite format 3" && { echo "the encrypted library is plain" >&2; exit 1; }
done
docs=$(echo "$PASS" | "$PEERLIB" --data-dir "$work/encrypted" list --json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
python3 - "$work/times" "$N" "$docs" "$TEXT" <<'PY'
import statistics, sys
times, n, docs, text = sys.argv[1:]
t = {}
for line in open(times):
    k, v = line.split()
    t.setdefault(k, []).append(float(v))
med = {k: statistics.median(v) for k, v in t.items()}
spread = {k: f"{min(v):.2f}-{max(v):.2f}" for k, v in t.items()}
ratios = sorted(e / p for e, p in zip(t["encrypted"], t["plain"]))
print(f"| first sync, {int(n):,} documents, {text} text ({docs} in the encrypted library), {len(t['plain'])} rounds "
      f"| encrypted {med['encrypted']:.2f} s ({spread['encrypted']}) | plain {med['plain']:.2f} s ({spread['plain']}) "
      f"| {statistics.median(ratios):.2f}x (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}) | ≤ 1.3x |")
PY
