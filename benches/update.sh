#!/usr/bin/env bash
# Issue 21 item 3, "updates cost what changed": a library of N documents (100,000 unless
# PEERLIB_BENCH_DOCS says) synced once from a loopback server, then ROUNDS rounds (5 unless
# PEERLIB_BENCH_ROUNDS says), each of three syncs in this order:
#   - nothing new, same manifest: the server answers 304;
#   - nothing new, new manifest: the publisher signed again with no document changed (a feed is
#     re-signed before its expiry, so this is what most syncs of a large library see);
#   - CHANGED documents changed (100 unless PEERLIB_BENCH_CHANGED says), a different set each round.
# For each: the wall time of `peerlib sync` (a process start included), the bytes it wrote
# (getrusage's blocks out), and the pages of content.db that differ before and after (WAL folded
# in first). Prints the medians and spreads as Markdown table rows.
#   bash benches/update.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
cargo build --release -q -p peerlib-cli
PEERLIB="$CARGO_TARGET_DIR/release/peerlib"
N=${PEERLIB_BENCH_DOCS:-100000}
CHANGED=${PEERLIB_BENCH_CHANGED:-100}
ROUNDS=${PEERLIB_BENCH_ROUNDS:-5}
. benches/feed.sh
bench_workspace
python3 benches/make-sources.py "$work/src" "$N" 0
bench_publish
bench_serve
export PEERLIB PEERLIB_DATA="$work/data" WORK="$work" CHANGED ROUNDS N
python3 - <<'EOF'
import hashlib, os, resource, sqlite3, statistics, subprocess, sys, time

peerlib, data, work = os.environ["PEERLIB"], os.environ["PEERLIB_DATA"], os.environ["WORK"]
changed, rounds, n = int(os.environ["CHANGED"]), int(os.environ["ROUNDS"]), int(os.environ["N"])
db = os.path.join(data, "content.db")

def pages():
    """content.db's pages by hash, with the WAL folded in (as a reader sees the file)."""
    c = sqlite3.connect(db)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = c.execute("PRAGMA page_size").fetchone()[0]
    c.close()
    with open(db, "rb") as f:
        raw = f.read()
    return [hashlib.blake2b(raw[i:i + size], digest_size=16).digest() for i in range(0, len(raw), size)]

def run(*args):
    """A process's wall time and the bytes it wrote (getrusage of the child: blocks of 512)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_oublock
    t = time.perf_counter()
    subprocess.run([peerlib, "--data-dir", data, *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    return wall, (resource.getrusage(resource.RUSAGE_CHILDREN).ru_oublock - before) * 512

def sync():
    old = pages()
    os.sync()
    wall, written = run("sync")
    new = pages()
    differ = sum(1 for i in range(max(len(old), len(new))) if i >= len(old) or i >= len(new) or old[i] != new[i])
    return wall, written, differ, len(new)

def publish():
    subprocess.run([peerlib, "publish", os.path.join(work, "src"), os.path.join(work, "out"),
                    "--secret-key", os.path.join(work, "k")], check=True, stdout=subprocess.DEVNULL)

def change(round_no):
    """CHANGED sources get one more sentence: a different set each round, spread over the library."""
    names = sorted(f for f in os.listdir(os.path.join(work, "src")) if f.endswith(".md"))
    step = max(1, len(names) // changed)
    for k in range(changed):
        path = os.path.join(work, "src", names[(k * step + round_no) % len(names)])
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n\nRevised in round {round_no}, paragraph {k}.\n")

t = time.perf_counter()
first = run("sync")
print(f"first sync of {n} documents: {first[0]:.1f} s", file=sys.stderr)
kinds = {"304": [], "same": [], "changed": []}
for r in range(rounds):
    kinds["304"].append(sync())
    publish()
    kinds["same"].append(sync())
    change(r)
    publish()
    kinds["changed"].append(sync())

def med(rows, i):
    return statistics.median(row[i] for row in rows)

def spread(rows, i):
    return min(row[i] for row in rows), max(row[i] for row in rows)

total_pages = kinds["changed"][-1][3]
base = med(kinds["same"], 0)
labels = {
    "304": "nothing new, same manifest (304)",
    "same": "nothing new, manifest signed again",
    "changed": f"{changed} documents changed",
}
for k, rows in kinds.items():
    lo, hi = spread(rows, 0)
    print(f"| {labels[k]} | {med(rows, 0) * 1000:.0f} ms ({lo * 1000:.0f}-{hi * 1000:.0f}) "
          f"| {med(rows, 0) / base:.2f}x | {med(rows, 1) / 1e6:.1f} MB | {med(rows, 2):.0f} of {total_pages} |")
EOF
