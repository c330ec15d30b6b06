#!/usr/bin/env python3
"""Put the samples of one `peerlib sync` (`perf script -F pid,tid,ip,sym,dso`) into phases by the
function they fell in, and print a Markdown table with the floor's parts (benches/profile-sync.sh):
  profile-phases.py SCRIPT WALL FETCH HASH
The process with the most samples is the sync (all its threads); the other processes are its
attachment extraction children. Self time only: a function inlined into another counts for the
one it was inlined into, so "the sync's own code" holds what the compiler folded into it."""
import re
import sys

script, wall, fetch, hash_ = sys.argv[1:]
wall, fetch, hash_ = float(wall), float(fetch), float(hash_)

PHASES = [
    ("index: SQLite FTS5", r"fts5|Fts5"),
    # LocalKey::with is the stem cache's look-up (peerlib_store::text's thread-local map, inlined
    # into it: a call-graph run showed it), the Unicode tables the tokeniser's.
    ("index text: tokenise, fold, stem", r"rust_stemmers|unicode_normali|unicode_segment|peerlib_store::text|peerlib_store::index|caseless|stem|LocalKey<T>::with|core::unicode"),
    ("sanitise HTML", r"ammonia|html5ever|markup5ever|tendril|string_cache|peerlib_feed::html|selectors|cssparser"),
    ("parse JSON", r"serde_json|serde::de|serde_core"),
    ("verify: SHA-256, signatures", r"sha2|sha256|Sha256|ed25519|curve25519|blake2|minisign|signature"),
    ("inflate (gzip)", r"miniz|inflate|flate2|zlib|crc32"),
    ("HTTP and async runtime", r"hyper|reqwest|h2::|http::|tokio|mio::|rustls|futures|bytes::"),
    ("SQLite: rows, b-trees, WAL, commit", r"sqlite3|[Bb]tree|[Pp]ager|[Vv]dbe|[Ww]al[A-Z]|pcache|Pcache|rusqlite"),
    ("memory: allocation and copies", r"malloc|free|memcpy|memmove|memset|realloc|alloc|_int_|memcmp"),
]

line_re = re.compile(r"^\s*(\d+)/\d+\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")
by_pid = {}
rows = []
for line in open(script, encoding="utf-8", errors="replace"):
    m = line_re.match(line)
    if not m:
        continue
    pid, sym, dso = m.group(1), m.group(2), m.group(3)
    by_pid[pid] = by_pid.get(pid, 0) + 1
    rows.append((pid, dso, sym))
main = max(by_pid, key=by_pid.get)
samples = len(rows)
totals = {}
by_sym = {}
for pid, dso, sym in rows:
    if pid != main:
        phase = "attachments' text, in child processes"
    elif dso.startswith("[kernel") or dso == "[unknown]" or sym == "[unknown]":
        phase = "kernel (network, files, memory) and unknown"
    else:
        phase = next((name for name, rx in PHASES if re.search(rx, sym)), None)
        if phase is None:
            phase = "the sync's own code (with what was inlined into it)" if "peerlib" in sym else "other libraries"
    totals[phase] = totals.get(phase, 0) + 100 / samples
    key = (phase, sym if pid == main else "(extraction)", dso.rsplit("/", 1)[-1])
    by_sym[key] = by_sym.get(key, 0) + 100 / samples
cpu = samples / 999  # perf record -F 999: seconds of CPU sampled
print(f"| phase | share of the samples | CPU seconds |")
print(f"|---|---|---|")
for phase, pct in sorted(totals.items(), key=lambda kv: -kv[1]):
    print(f"| {phase} | {pct:.1f}% | {cpu * pct / 100:.2f} |")
print(f"| all ({samples} samples at 999 Hz) | 100% | {cpu:.2f} (the sync's wall time: {wall:.2f} s) |")
print()
print("| the floor's part | time |")
print("|---|---|")
print(f"| every published file fetched by curl, 8 at a time, gzip | {fetch:.2f} s |")
print(f"| every published file's bytes hashed (sha256sum) | {hash_:.2f} s |")
print()
print("| function (the 25 with most samples) | in | phase | share |")
print("|---|---|---|---|")
for (phase, sym, dso), pct in sorted(by_sym.items(), key=lambda kv: -kv[1])[:25]:
    print(f"| `{sym[:70]}` | {dso} | {phase} | {pct:.1f}% |")
