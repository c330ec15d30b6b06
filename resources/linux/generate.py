#!/usr/bin/env python3
"""The Linux desktop entry and AppStream metainfo of Peer Library, written from the Fluent
messages in resources/l10n/<locale>/desktop.ftl, so that their translations live where every
other string of the app does (make dist runs this; its output goes to the folder given).

  python3 resources/linux/generate.py OUT_DIR

Writes OUT_DIR/peer-library.desktop (a template for Tauri's bundler: {{exec}} and {{icon}} are
filled in by it), OUT_DIR/org.peerlibrary.desktop.metainfo.xml, and OUT_DIR/peer-library.xml (the
shared-mime-info types of the files the app opens when double-clicked: invitations, bundles,
updates).
"""
import pathlib
import sys
import tomllib
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parents[2]
LOCALES = ["en", "fr", "es", "ru"]
APP_ID = "org.peerlibrary.desktop"
# The workspace's one version (Cargo.toml), as every package and update names it.
VERSION = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))["workspace"]["package"]["version"]
# The files the app opens (src-tauri/lib.rs OPENED_EXTENSIONS), with their types.
MIME_TYPES = [
    ("application/x-peerlib-network", "peerlib-network", "mime-network"),
    ("application/x-peerlib-bundle", "peerlib", "mime-bundle"),
    ("application/x-peerlib-update", "peerlib-update", "mime-update"),
]
RELEASED = "2026-12-05"
# Tauri's bundler names the desktop entry after the product: "Peer Library.desktop".
DESKTOP_ID = "Peer Library.desktop"


def messages(locale):
    """The single-line messages of desktop.ftl (this file needs no more of Fluent)."""
    out = {}
    for line in (ROOT / "resources" / "l10n" / locale / "desktop.ftl").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", " ")) and " = " in line:
            key, value = line.split(" = ", 1)
            out[key.strip()] = value.strip()
    return out


def desktop(m):
    en = m["en"]
    # The product's name is the same in every language, said so per locale.
    lines = ["[Desktop Entry]", "Type=Application", f"Name={en['desktop-name']}"]
    lines += [f"Name[{l}]={m[l]['desktop-name']}" for l in LOCALES[1:]]
    lines.append(f"GenericName={en['desktop-generic-name']}")
    lines += [f"GenericName[{l}]={m[l]['desktop-generic-name']}" for l in LOCALES[1:]]
    lines.append(f"Comment={en['desktop-comment']}")
    lines += [f"Comment[{l}]={m[l]['desktop-comment']}" for l in LOCALES[1:]]
    lines.append(f"Keywords={en['desktop-keywords']}")
    lines += [f"Keywords[{l}]={m[l]['desktop-keywords']}" for l in LOCALES[1:]]
    lines += [
        "Exec={{exec}} %f",
        "Icon={{icon}}",
        "Terminal=false",
        "Categories=Office;Viewer;",
        "StartupWMClass=peer-library",
        "StartupNotify=true",
        "MimeType=" + "".join(f"{t};" for t, _, _ in MIME_TYPES),
    ]
    return "\n".join(lines) + "\n"


def metainfo(m):
    def each(key, tag, indent):
        lang = lambda l: "" if l == "en" else ' xml:lang="%s"' % l
        return "\n".join(f"{indent}<{tag}{lang(l)}>{escape(m[l][key])}</{tag}>" for l in LOCALES)

    paragraphs = ["metainfo-description-1", "metainfo-description-2", "metainfo-description-3"]
    description = "\n".join(each(k, "p", "    ") for k in paragraphs)
    captions = [("library", "metainfo-screenshot-library"), ("reader", "metainfo-screenshot-reader"), ("nearby", "metainfo-screenshot-nearby")]
    shots = "\n".join(
        f"""    <screenshot{' type="default"' if i == 0 else ''}>
{each(caption, 'caption', '      ')}
      <image>https://peerlibrary.org/screenshots/{name}.png</image>
    </screenshot>"""
        for i, (name, caption) in enumerate(captions)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>AGPL-3.0-or-later</project_license>
  <name>Peer Library</name>
{each('metainfo-summary', 'summary', '  ')}
  <description>
{description}
  </description>
  <launchable type="desktop-id">{DESKTOP_ID}</launchable>
  <url type="homepage">https://peerlibrary.org/</url>
  <developer_name>Peer Library</developer_name>
  <provides>
    <binary>peer-library</binary>
    <binary>peerlib</binary>
  </provides>
  <categories>
    <category>Education</category>
    <category>Office</category>
  </categories>
  <screenshots>
{shots}
  </screenshots>
  <content_rating type="oars-1.1" />
  <releases>
    <release version="{VERSION}" date="{RELEASED}" />
  </releases>
</component>
"""


def mime(m):
    lang = lambda l: "" if l == "en" else ' xml:lang="%s"' % l
    types = "\n".join(
        f"""  <mime-type type="{t}">
""" + "\n".join(f"    <comment{lang(l)}>{escape(m[l][key])}</comment>" for l in LOCALES) + f"""
    <glob pattern="*.{ext}"/>
  </mime-type>"""
        for t, ext, key in MIME_TYPES
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
{types}
</mime-info>
"""


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    m = {l: messages(l) for l in LOCALES}
    for l in LOCALES:
        missing = set(m["en"]) - set(m[l])
        if missing:
            sys.exit(f"desktop.ftl for {l} lacks {sorted(missing)}")
    (out / "peer-library.desktop").write_text(desktop(m), encoding="utf-8")
    (out / f"{APP_ID}.metainfo.xml").write_text(metainfo(m), encoding="utf-8")
    (out / "peer-library.xml").write_text(mime(m), encoding="utf-8")


if __name__ == "__main__":
    main()
