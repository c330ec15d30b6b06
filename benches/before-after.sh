#!/usr/bin/env bash
# Issue #17: the first sync of a 10,000-document signed feed from a loopback server by two
# `peerlib` binaries, BEFORE and AFTER a change, alternating, in one run; then the same with 100
# attachments (whose text the AFTER binary extracts in a child process). Prints Markdown rows
# with the median and the spread of RUNS runs each.
#   BEFORE=/path/to/old/peerlib AFTER=/path/to/new/peerlib bash benches/before-after.sh
# (build each with `cargo build --release -p peerlib-cli` at its commit and copy it aside).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BEFORE:?the peerlib binary before the change}" "${AFTER:?the peerlib binary after it}"
RUNS=${RUNS:-5}
N=${PEERLIB_BENCH_DOCS:-10000}
now() { date +%s.%N; }
median_spread() { python3 -c "import statistics,sys; v=sorted(map(float,sys.argv[1:])); print(f'{statistics.median(v):.2f} s ({v[0]:.2f}-{v[-1]:.2f})', statistics.median(v))" "$@"; }
row() {
  local label=$1 attachments=$2
  work=$(mktemp -d)
  PEERLIB=$AFTER
  . benches/feed.sh
  python3 benches/make-sources.py "$work/src" "$N" "$attachments" >/dev/null
  bench_publish
  bench_serve
  local before=() after=()
  for i in $(seq "$RUNS"); do
    for which in before after; do
      bin=$BEFORE; [ "$which" = after ] && bin=$AFTER
      rm -rf "$work/data"
      t0=$(now); "$bin" --data-dir "$work/data" sync >/dev/null; t1=$(now)
      t=$(echo "$t1 - $t0" | bc -l)
      if [ "$which" = before ]; then before+=("$t"); else after+=("$t"); fi
    done
  done
  kill "$server" 2>/dev/null || true
  rm -rf "$work"
  printf '| %s | after %s | before %s | %.2fx |\n' "$label" "$(median_spread "${after[@]}" | cut -d' ' -f1-3)" "$(median_spread "${before[@]}" | cut -d' ' -f1-3)" \
    "$(echo "$(median_spread "${after[@]}" | awk '{print $NF}') / $(median_spread "${before[@]}" | awk '{print $NF}')" | bc -l)"
}
row "first sync, $N documents, no attachments (median of $RUNS, alternating)" 0
row "first sync, $N documents and 100 attachments of 100 KB (median of $RUNS, alternating)" 100
