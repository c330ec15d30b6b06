#!/usr/bin/env python3
"""Write N synthetic Markdown sources (about 2 KB each, four languages) and M attachments
(100 KB each) for the publish benchmark: python3 benches/make-sources.py DIR [N] [M]."""
import os
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
m = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
# Documents per translation group (4: every group in the four languages); the UI bench sets 1 so
# that the library lists every document on its own line.
group_size = int(os.environ.get("BENCH_GROUP_SIZE", "4"))
rng = random.Random(7)
words = {
    "en": "people who use drugs harm reduction health community services rights policy network support".split(),
    "fr": "personnes qui consomment drogues réduction risques santé communauté services droits".split(),
    "es": "personas que usan drogas reducción daños salud comunidad servicios derechos".split(),
    "ru": "люди употребляющие наркотики снижение вреда здоровье сообщество услуги права".split(),
}
langs = list(words)
os.makedirs(os.path.join(out, "files"), exist_ok=True)
for j in range(m):
    with open(os.path.join(out, "files", f"att-{j}.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n" + rng.randbytes(100 * 1024))
for i in range(n):
    lang = langs[i % 4]
    w = words[lang]
    body = "\n\n".join(" ".join(rng.choice(w) for _ in range(60)) + "." for _ in range(5))
    # Every (n // m)-th document has an attachment of its own: m distinct files (before
    # 2026-12-05 `i % m` named only m / (n // m) distinct ones, 100 of 1,000 at the defaults).
    att = f'attachments = [{{ path = "files/att-{(i // (n // m or 1)) % m}.pdf", title = "PDF" }}]\n' if m and i % (n // m or 1) == 0 else ""
    with open(os.path.join(out, f"doc-{i}.md"), "w", encoding="utf-8") as f:
        f.write(f'+++\ntitle = "Document {i}"\nkind = "report"\nlanguage = "{lang}"\ngroup = "g{i // group_size}"\n'
                f'published = 2021-06-{1 + i % 28:02d}\npublishers = ["INPUD"]\ntags = ["bench"]\n{att}+++\n{body}\n')
