#!/usr/bin/env python3
"""How many of the words poppler's pdftotext finds in a PDF the app finds too (#17), by category.

The app's extraction is run exactly as a sync runs it: `peerlib` started as the extraction child
(`--peerlib-extract-attachment-text`, with the sync's limits). The reference is pdftotext, on the
same file, in the same run. Recall of a file = distinct tokens of pdftotext's text that the app's
text has too / distinct tokens of pdftotext's text (NFKC, lower case, \\w+ runs; every character of
a CJK script is a token of its own, since those scripts do not separate words). Files pdftotext
finds no token in are not scored.

Categories:
  scripts    benches/pdf/*.pdf (multi-script reports, see benches/pdf/README.md)
  encrypted  the same with permission-only encryption (empty user password), made here with qpdf:
             AES-256, AES-128, RC4-128
  broken     the same damaged: cross-reference offsets shifted, startxref into garbage, junk
             before the header
  public     the PDFs of the real-world corpus (`make real-world-corpus`: pdfminer.six, pikepdf,
             pypdf test files)

Usage: python3 benches/pdf-recall.py PEERLIB_BINARY [REAL_WORLD_DIR]
Needs poppler-utils (installed by make) and qpdf (`apt-get install qpdf`).
"""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from statistics import mean, median

ROOT = os.path.dirname(os.path.abspath(__file__))
CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f"
                 r"\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")


def tokens(text):
    out = set()
    for w in re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower()):
        if CJK.search(w):
            out.update(ch if CJK.match(ch) else None for ch in w)
            rest = CJK.sub(" ", w).split()
            out.update(rest)
        else:
            out.add(w)
    out.discard(None)
    return out


def poppler(path):
    r = subprocess.run(["pdftotext", "-q", path, "-"], capture_output=True, timeout=120)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def ours(peerlib, path):
    # The sync's limits: 1 GiB heap, 64 MiB inflated, CPU seconds as for this size.
    size_mib = os.path.getsize(path) / (1 << 20)
    cpu = str(min(120, int(20 + 2 * size_mib)) + 1)
    r = subprocess.run([peerlib, "--peerlib-extract-attachment-text", "application/pdf", path, str(1 << 30), str(64 << 20), cpu],
                       capture_output=True, timeout=180)
    status, _, text = r.stdout.decode("utf-8", "replace").partition("\n")
    return (status if r.returncode == 0 else "crashed"), text


def derived(src_dir, work):
    """Encrypted and broken variants of the scripts reports."""
    enc, broken = [], []
    for name in sorted(os.listdir(src_dir)):
        if not name.endswith(".pdf"):
            continue
        src = os.path.join(src_dir, name)
        stem = name[:-4]
        for tag, args in [("aes256", ["256"]), ("aes128", ["128", "--use-aes=y"]), ("rc4-128", ["128", "--use-aes=n"])]:
            out = os.path.join(work, f"{stem}__{tag}.pdf")
            subprocess.run(["qpdf", "--allow-weak-crypto", "--encrypt", "", "owner", *args, "--print=none", "--modify=none", "--",
                            src, out], check=True)
            enc.append(out)
        data = open(src, "rb").read()
        variants = {
            "xref-shifted": re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), data),
            "startxref-garbage": re.sub(rb"startxref\s+\d+", b"startxref\n999999999", data),
            "junk-before-header": b"X-Mailer: gateway\r\n\r\n" + data,
        }
        for tag, bytes_ in variants.items():
            out = os.path.join(work, f"{stem}__{tag}.pdf")
            open(out, "wb").write(bytes_)
            broken.append(out)
    return enc, broken


def main():
    peerlib = sys.argv[1]
    real = sys.argv[2] if len(sys.argv) > 2 else os.path.expanduser("~/.cache/peer-library/real-world")
    scripts_dir = os.path.join(ROOT, "pdf")
    with tempfile.TemporaryDirectory() as work:
        enc, broken = derived(scripts_dir, work)
        cats = {
            "scripts": [os.path.join(scripts_dir, f) for f in sorted(os.listdir(scripts_dir)) if f.endswith(".pdf")],
            "encrypted": enc,
            "broken": broken,
            "public": sorted(os.path.join(d, f) for d, _, fs in os.walk(real) for f in fs if f.lower().endswith(".pdf")),
        }
        print("| category | files scored | mean recall | median | files under 90% | states |")
        print("|---|---|---|---|---|---|")
        everything = []
        for cat, files in cats.items():
            recalls, states = [], {}
            for f in files:
                ref = poppler(f)
                status, text = ours(peerlib, f)
                states[status] = states.get(status, 0) + 1
                if ref is None or not tokens(ref):
                    continue
                want = tokens(ref)
                recalls.append(len(want & tokens(text)) / len(want))
            everything += recalls
            if recalls:
                print(f"| {cat} | {len(recalls)} | {mean(recalls):.3f} | {median(recalls):.3f} | {sum(r < 0.9 for r in recalls)} | "
                      + ", ".join(f"{k} {v}" for k, v in sorted(states.items())) + " |")
        print(f"| all | {len(everything)} | {mean(everything):.3f} | {median(everything):.3f} | {sum(r < 0.9 for r in everything)} | |")


if __name__ == "__main__":
    main()
