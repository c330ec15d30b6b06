#!/usr/bin/env python3
"""Fetch the real-world PDF and Office test files that the sync crate's `real_world` test and
benches/pdf-recall.py read, from the source releases of public libraries on PyPI, into a folder
outside the clone (default ~/.cache/peer-library/real-world). Each release is pinned by its
sha256; nothing from it is copied into this repository.

  pdfminer.six 20170720  samples/: CJK, encryption of every kind, nonfree real-world papers
  pikepdf 10.18.0        tests/resources/ and the fuzzing corpus: broken, cyclic, odd encodings
  pypdf 7.1.1            resources/: encrypted, damaged xref, forms, many producers
  python-docx 1.2.0      tests/test_files/: Word files from many producers
  python-pptx 1.0.2      tests/test_files/ and features/steps/test_files/: decks

Usage: fetch.py [DIR]. Prints nothing when the folder is already complete.
"""
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request

RELEASES = [
    ("pdfminer-six", "pdfminer.six-20170720.tar.gz", "a37c6348a8d903cf5f7d50346b0569a7c669afdb625b1ee25056f01fb82bd3e0"),
    ("pikepdf", "pikepdf-10.18.0.tar.gz", "cb555ebff93482e8a6eb55881488b469bbb2b5675161c1b93a0510a8642d98d0"),
    ("pypdf", "pypdf-7.1.1.tar.gz", "2eff4e2fc5fb22a6d6711e6f1166cdc9ab5765d90cd0d77dfea3f4aa91a27b1d"),
    ("python-docx", "python_docx-1.2.0.tar.gz", "7bc9d7b7d8a69c9c02ca09216118c86552704edc23bac179283f2e38f86220ce"),
    ("python-pptx", "python_pptx-1.0.2.tar.gz", "479a8af0eaf0f0d76b6f00b0887732874ad2e3188230315290cd1f9dd9cc7095"),
]
KEEP = (".pdf", ".docx", ".pptx")
MAX_FILE = 20 << 20


def url_of(project, filename):
    req = urllib.request.Request(f"https://pypi.org/simple/{project}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        index = json.load(r)
    for f in index["files"]:
        if f["filename"] == filename:
            return f["url"]
    sys.exit(f"{filename} is not on PyPI's index of {project}")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/peer-library/real-world")
    for project, filename, sha in RELEASES:
        dest = os.path.join(root, filename.removesuffix(".tar.gz"))
        if os.path.exists(os.path.join(dest, ".complete")):
            continue
        with urllib.request.urlopen(url_of(project, filename), timeout=300) as r:
            data = r.read()
        if hashlib.sha256(data).hexdigest() != sha:
            sys.exit(f"{filename}: sha256 differs from the pinned one")
        os.makedirs(dest, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for m in tar.getmembers():
                if m.isfile() and m.name.lower().endswith(KEEP) and m.size <= MAX_FILE:
                    # Flattened: a file's name is its path in the release, so nothing leaves dest.
                    name = m.name.replace("/", "__")
                    with open(os.path.join(dest, name), "wb") as out:
                        out.write(tar.extractfile(m).read())
        open(os.path.join(dest, ".complete"), "w").close()
        print(f"real-world corpus: {filename}: {len(os.listdir(dest)) - 1} files")


if __name__ == "__main__":
    main()
