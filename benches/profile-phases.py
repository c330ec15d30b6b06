#!/usr/bin/env python3
"""Put the samples of a `perf report --sort pid,dso,sym` of one `peerlib sync` into phases by the
function they fell in, and print a Markdown table with the floor's parts (benches/profile-sync.sh):
  profile-phases.py REPORT SAMPLES WALL FETCH HASH FTS
The process with the most samples is the sync; the others are its attachment extraction
children. Self time only: a function inlined into another counts for the one it was inlined
into, so "the sync's own code" holds what the compiler folded into it."""
import re
import sys

report, samples, wall, fetch, hash_, fts = sys.argv[1:]
samples, wall, fetch, hash_, fts = int(samples), float(wall), float(fetch), float(hash_), float(fts)

PHASES = [
    ("index: SQLite FTS5", r"fts5|Fts5"),
    ("index text: tokenise, fold, stem", r"rust_stemmers|unicode_normali|unicode_segment|peerlib_store::text|peerlib_store::index|caseless|stem"),
    ("sanitise HTML", r"ammonia|html5ever|markup5ever|tendril|string_cache|peerlib_feed::html|selectors|cssparser"),
    ("parse JSON", r"serde_json|serde::de|serde_core"),
    ("verify: SHA-256, signatures", r"sha2|sha256|Sha256|ed25519|curve25519|blake2|minisign|signature"),
    ("inflate (gzip)", r"miniz|inflate|flate2|zlib|crc32"),
    ("HTTP and async runtime", r"hyper|reqwest|h2::|http::|tokio|mio::|rustls|futures|bytes::"),
    ("SQLite: rows, b-trees, WAL, commit", r"sqlite3|[Bb]tree|[Pp]ager|[Vv]dbe|[Ww]al[A-Z]|pcache|Pcache|rusqlite"),
    ("memory: allocation and copies", r"malloc|free|memcpy|memmove|memset|realloc|alloc|_int_|memcmp"),
]

line_re = re.compile(r"^\s*([\d.]+)%\s+(\d+):\S*\s+(\S+)\s+\[[.k]\]\s+(.*)$")
by_pid = {}
rows = []
for line in open(report, encoding="utf-8", errors="replace"):
    m = line_re.match(line)
    if not m:
        continue
    pct, pid, dso, sym = float(m.group(1)), m.group(2), m.group(3), m.group(4).strip()
    by_pid[pid] = by_pid.get(pid, 0) + pct
    rows.append((pct, pid, dso, sym))
main = max(by_pid, key=by_pid.get)
totals = {}
for pct, pid, dso, sym in rows:
    if pid != main:
        phase = "attachments' text, in child processes"
    elif dso.startswith("[kernel") or dso == "[unknown]":
        phase = "kernel and unknown"
    else:
        phase = next((name for name, rx in PHASES if re.search(rx, sym)), None)
        if phase is None:
            phase = "the sync's own code (with what was inlined into it)" if "peerlib" in sym else "other libraries"
    totals[phase] = totals.get(phase, 0) + pct
cpu = samples / 999  # perf record -F 999: seconds of CPU sampled
print(f"| phase | share of the samples | CPU seconds |")
print(f"|---|---|---|")
for phase, pct in sorted(totals.items(), key=lambda kv: -kv[1]):
    print(f"| {phase} | {pct:.1f}% | {cpu * pct / 100:.2f} |")
print(f"| all ({samples} samples at 999 Hz, user space) | 100% | {cpu:.2f} (the sync's wall time: {wall:.2f} s) |")
print()
print("| the floor's part | time |")
print("|---|---|")
print(f"| every published file fetched by curl, 8 at a time, gzip | {fetch:.2f} s |")
print(f"| every published file's bytes hashed (sha256sum) | {hash_:.2f} s |")
print(f"| the documents' text (title, summary, body HTML as is) into a bare FTS5 table, one transaction | {fts:.2f} s |")
