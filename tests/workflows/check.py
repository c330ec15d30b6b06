#!/usr/bin/env python3
"""The forge's workflows (.github/workflows/*.yml, #19 item 2), checked here where they cannot run.

1. Each file against the GitHub Actions workflow schema that check-jsonschema vendors from
   SchemaStore: keys, their types and their values (`runs-on`, `needs`, `strategy`, a step's
   `uses`/`run`/`with`...). A misspelt key or a value of the wrong type fails.
2. Each `run:` block that some runner runs with bash: through ShellCheck as bash (every
   severity, style apart), with each `${{ ... }}` replaced by a word (the runner puts the
   expression's value there before the shell sees it; the two findings that only a constant
   word causes, SC2050 and SC2157, are left out). The shell is the step's, else its job's
   default, else the workflow's; without one, the runner's: bash on Linux and macOS, PowerShell
   on Windows, so a step of a job on Windows and macOS is checked (macOS runs it with bash).
   Blocks run only by PowerShell or cmd, or on runners that cannot be told here (a label given
   by an expression other than one matrix key), are counted and not checked: nothing here reads
   PowerShell.
3. Every job that `needs` another names one that exists, and every `matrix.X` or `matrix['X']`
   a job reads, in a `${{ }}` anywhere in it or in an `if:`, is a key of its matrix or of its
   `include` entries (not checked where the matrix itself is an expression).

What none of this checks: that the actions named (`uses:`) exist at those versions and take those
inputs, and that the jobs pass on the forge's machines. Exits non-zero and says why on the first
file that fails.
"""

import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
# ShellCheck's findings that come only from an expression standing in as a constant word.
CONSTANT_WORD = "SC2050,SC2157"


def fail(where: str, why: str) -> None:
    print(f"{where}: {why}", file=sys.stderr)
    sys.exit(1)


def schema(files: list[Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        fail("schema", done.stdout + done.stderr)


def expression_spans(text: str):
    """(start, end) of every `${{ ... }}` in `text`; a `}}` inside a quoted string of the
    expression (single quotes, '' escaping one) does not end it."""
    i = 0
    while (start := text.find("${{", i)) >= 0:
        j, quoted = start + 3, False
        while j < len(text):
            if text[j] == "'":
                quoted = not quoted
            elif not quoted and text.startswith("}}", j):
                break
            j += 1
        yield start, min(j + 2, len(text))
        i = j + 2


def expressions_in(value, key: str = ""):
    """The text of every expression in a part of a workflow: each `${{ ... }}`, and each `if:`,
    which is an expression without them."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from expressions_in(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from expressions_in(v, key)
    elif isinstance(value, str):
        spans = list(expression_spans(value))
        if key == "if" and not spans:
            yield value
        for a, b in spans:
            yield value[a:b]


MATRIX_KEY = re.compile(r"\bmatrix(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['\"]([^'\"]+)['\"]\s*\])")


def runners(job: dict):
    """The runner labels a job may run on, or None when they cannot be told here (a matrix or a
    label given as an expression this does not follow)."""
    runs_on = job.get("runs-on", "")
    labels = runs_on if isinstance(runs_on, list) else [runs_on]
    matrix = (job.get("strategy") or {}).get("matrix")
    out = []
    for label in map(str, labels):
        spans = list(expression_spans(label))
        if not spans:
            out.append(label)
            continue
        keys = [m.group(1) or m.group(2) for a, b in spans for m in MATRIX_KEY.finditer(label[a:b])]
        if len(spans) != 1 or len(keys) != 1 or not isinstance(matrix, dict):
            return None
        values = matrix.get(keys[0])
        values = [str(v) for v in values] if isinstance(values, list) else []
        values += [str(e[keys[0]]) for e in matrix.get("include") or [] if isinstance(e, dict) and keys[0] in e]
        if not values:
            return None
        out += values
    return out


def shell_of(workflow: dict, job: dict, step: dict):
    """The shell a step names, its job's default or the workflow's; None for the runner's own."""
    default = lambda part: ((part.get("defaults") or {}).get("run") or {}).get("shell")
    return step.get("shell") or default(job) or default(workflow)


def is_bash(shell: str) -> bool:
    first = shell.split()[0] if shell.split() else ""
    return first == "bash" or first.endswith("/bash")


def bash_blocks(path: Path, workflow: dict):
    """(where, script) of every run block some runner runs with bash, and how many run blocks
    were left unchecked (run by PowerShell or cmd, or on runners that cannot be told here)."""
    blocks, unchecked = [], 0
    for name, job in (workflow.get("jobs") or {}).items():
        labels = runners(job)
        for i, step in enumerate(job.get("steps") or []):
            if "run" not in step:
                continue
            shell = shell_of(workflow, job, step)
            if shell is not None:
                bash = is_bash(str(shell))
            else:
                # The runner's default: bash on Linux and macOS, PowerShell on Windows. A step
                # of a job on Windows and macOS runs with bash on macOS.
                bash = labels is not None and not all("windows" in label for label in labels)
            if bash:
                blocks.append((f"{path.name}: job {name}, step {i + 1} ({step.get('name', str(step['run']).splitlines()[0])})", str(step["run"])))
            else:
                unchecked += 1
    return blocks, unchecked


def shellcheck(where: str, script: str) -> None:
    text, last = [], 0
    for a, b in expression_spans(script):
        text += [script[last:a], "GH_EXPRESSION"]
        last = b
    text.append(script[last:])
    done = subprocess.run(["shellcheck", "--shell=bash", "--severity=info", f"--exclude={CONSTANT_WORD}", "-"], input="".join(text), capture_output=True, text=True)
    if done.returncode != 0:
        fail(where, "ShellCheck:\n" + done.stdout + done.stderr)


def references(path: Path, workflow: dict) -> bool:
    """Fails on a `needs` or a matrix key that does not exist; False when a job's matrix is an
    expression, whose keys cannot be known here."""
    jobs = workflow.get("jobs") or {}
    known = True
    for name, job in jobs.items():
        needs = job.get("needs") or []
        for need in [needs] if isinstance(needs, str) else needs:
            if need not in jobs:
                fail(f"{path.name}: job {name}", f"needs {need!r}, which is not a job of this workflow")
        matrix = (job.get("strategy") or {}).get("matrix") or {}
        if not isinstance(matrix, dict):
            known = False
            continue
        keys = {k for k in matrix if k not in ("include", "exclude")}
        for entry in matrix.get("include") or []:
            if isinstance(entry, dict):
                keys |= set(entry)
        for expr in expressions_in(job):
            for m in MATRIX_KEY.finditer(expr):
                used = m.group(1) or m.group(2)
                if used not in keys:
                    fail(f"{path.name}: job {name}", f"reads matrix.{used}, which its matrix does not have")
    return known


def main() -> None:
    # The project's workflows, or the files named (the check's own test gives broken copies).
    files = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    if not files:
        fail(".github/workflows", "no workflow")
    schema(files)
    checked = unchecked = 0
    for path in files:
        workflow = YAML(typ="safe").load(path.read_text())
        if not references(path, workflow):
            print(f"{path.name}: a matrix given as an expression: its keys are not checked")
        blocks, left = bash_blocks(path, workflow)
        for where, script in blocks:
            shellcheck(where, script)
        checked, unchecked = checked + len(blocks), unchecked + left
    print(f"{len(files)} workflow file(s): schema, job and matrix references, {checked} bash run block(s) through ShellCheck: ok; {unchecked} run block(s) not run by bash anywhere, or on runners not known here: not checked")


if __name__ == "__main__":
    main()
