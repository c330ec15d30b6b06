#!/usr/bin/env python3
"""Write N Markdown sources whose text varies like real writing, and M attachments whose text is
indexed, for the sync and publish benchmarks (#21 item 1):

  python3 benches/make-realistic.py DIR [N] [M]

Words are drawn from real word frequencies (wordfreq's "large" lists: the 50,000 most frequent
words of English, French, Spanish and Russian, each drawn with its own frequency, so a Zipf head
and a long tail), sentences of 6-30 words, paragraphs of 2-8 sentences, sections with headings.
Lengths as a network's library has them: news and statements of 300-1,200 words (70%), guides of
2,000-5,000 (25%), reports of 10,000-20,000 in several sections (5%), each with a summary. One
document in eight mixes scripts (a Russian text quoting English terms, say). Every document names
people and places no other names, and carries numbers (years, percentages, counts), as reports do.
Attachments are Word files (the text of a report, in its language) that the sync extracts and
indexes. Deterministic: the same N and M always give the same files.

Needs `pip install wordfreq` (make bench-deps). benches/make-sources.py, the narrow synthetic set
(a dozen words per language), stays as a second line.
"""
import io
import itertools
import os
import random
import sys
import zipfile

import wordfreq

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
m = int(sys.argv[3]) if len(sys.argv) > 3 else 100
group_size = int(os.environ.get("BENCH_GROUP_SIZE", "4"))
rng = random.Random(21)
LANGS = ["en", "fr", "es", "ru"]
VOCAB = 50_000


def lexicon(lang):
    words = [w for w in wordfreq.top_n_list(lang, VOCAB, wordlist="large") if w.isalpha()]
    weights = [wordfreq.word_frequency(w, lang, wordlist="large") for w in words]
    # Cumulative once: random.choices with plain weights adds up all 50,000 on every call.
    return words, list(itertools.accumulate(weights))


LEX = {lang: lexicon(lang) for lang in LANGS}
SYLLABLES = {
    "latin": "ka ri mo na le to sa vi de lu pe ra ni go ba".split(),
    "cyrillic": "ка ри мо на ле то са ви де лу пе ра ни го ба".split(),
}


def name(script):
    s = SYLLABLES[script]
    return "".join(rng.choice(s) for _ in range(rng.randint(2, 4))).capitalize()


def words(lang, k):
    w, cumulative = LEX[lang]
    return rng.choices(w, cum_weights=cumulative, k=k)


def sentence(lang, names, other=None):
    ws = words(lang, rng.randint(6, 30))
    if other and rng.random() < 0.3:
        ws[rng.randrange(len(ws))] = " ".join(words(other, rng.randint(1, 3)))
    r = rng.random()
    if r < 0.15:
        ws.insert(rng.randrange(len(ws)), rng.choice(names))
    elif r < 0.25:
        ws.insert(rng.randrange(len(ws)), rng.choice([f"{rng.randint(1990, 2026)}", f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%",
                                                      f"{rng.randint(2, 90000):,}".replace(",", " ")]))
    return " ".join(ws).capitalize() + "."


def paragraph(lang, names, other=None):
    return " ".join(sentence(lang, names, other) for _ in range(rng.randint(2, 8)))


def body(lang, n_words, names, other=None):
    parts, count = [], 0
    while count < n_words:
        if parts and rng.random() < 0.12:
            parts.append("## " + " ".join(words(lang, rng.randint(2, 6))).capitalize())
        p = paragraph(lang, names, other)
        parts.append(p)
        count += len(p.split())
    return "\n\n".join(parts)


def docx(text):
    paragraphs = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in text.split("\n\n"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f"<w:body>{paragraphs}</w:body></w:document>")
    return buf.getvalue()


os.makedirs(os.path.join(out, "files"), exist_ok=True)
for j in range(m):
    lang = LANGS[j % 4]
    names = [name("cyrillic" if lang == "ru" else "latin") for _ in range(4)]
    text = body(lang, rng.randint(2_000, 8_000), names).replace("## ", "")
    with open(os.path.join(out, "files", f"att-{j}.docx"), "wb") as f:
        f.write(docx(text.replace("&", "&amp;").replace("<", "&lt;")))
every = n // m if m else 0
for i in range(n):
    lang = LANGS[i % 4]
    script = "cyrillic" if lang == "ru" else "latin"
    names = [name(script) + " " + name(script) for _ in range(3)] + [name(script) for _ in range(2)]
    other = rng.choice([x for x in LANGS if x != lang]) if i % 8 == 0 else None
    r = rng.random()
    kind, length = ("report", rng.randint(10_000, 20_000)) if r < 0.05 else ("guide", rng.randint(2_000, 5_000)) if r < 0.30 else \
        (rng.choice(["statement", "news"]), rng.randint(300, 1_200))
    title = " ".join(words(lang, rng.randint(3, 9))).capitalize() + f" {names[0]}"
    summary = sentence(lang, names).replace('"', "'")
    att = f'attachments = [{{ path = "files/att-{(i // every) % m}.docx", title = "DOCX" }}]\n' if m and i % every == 0 else ""
    text = body(lang, length, names, other)
    with open(os.path.join(out, f"doc-{i}.md"), "w", encoding="utf-8") as f:
        f.write(f'+++\ntitle = "{title.replace(chr(34), "")}"\nkind = "{kind}"\nlanguage = "{lang}"\ngroup = "g{i // group_size}"\n'
                f'published = 2021-06-{1 + i % 28:02d}\npublishers = ["INPUD"]\ntags = ["bench"]\nsummary = "{summary}"\n{att}+++\n{text}\n')
