#!/usr/bin/env python3
"""Write the Markdown sources of make-sources.py as one RSS 2.0 file (for the newsboat baseline of
benches/sync.sh): python3 benches/make-rss.py SRC OUT.rss"""
import html
import os
import sys

src, out = sys.argv[1], sys.argv[2]
items = []
for name in sorted(os.listdir(src)):
    if not name.endswith(".md"):
        continue
    text = open(os.path.join(src, name), encoding="utf-8").read()
    _, front, body = text.split("+++", 2)
    meta = dict(line.split(" = ", 1) for line in front.strip().splitlines() if " = " in line)
    title = meta["title"].strip('"')
    day = int(meta["published"].split("-")[2])
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.strip().split("\n\n"))
    items.append(
        f"<item><title>{html.escape(title)}</title><link>https://feed.example/{name[:-3]}</link>"
        f"<guid>{name[:-3]}</guid><pubDate>Tue, {day:02d} Jun 2021 00:00:00 GMT</pubDate>"
        f"<description>{html.escape(paragraphs)}</description></item>"
    )
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench</title>'
            "<link>https://feed.example/</link><description>bench</description>\n")
    f.write("\n".join(items))
    f.write("\n</channel></rss>\n")
