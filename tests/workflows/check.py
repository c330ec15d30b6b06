#!/usr/bin/env python3
"""The forge's workflows (.github/workflows/*.yml, #19 item 2), checked here where they cannot run.

1. Each file against the GitHub Actions workflow schema that check-jsonschema vendors from
   SchemaStore: keys, their types and their values (`runs-on`, `needs`, `strategy`, a step's
   `uses`/`run`/`with`...). A misspelt key or a value of the wrong type fails.
2. Each `run:` block that a Linux or macOS runner, or `shell: bash`, runs with bash: through
   ShellCheck as bash, with every `${{ ... }}` expression replaced by a word (the runner puts the
   expression's value there before the shell sees it). Blocks run by PowerShell (the default on
   Windows) are not checked: nothing here reads PowerShell.
3. Every job that `needs` another names one that exists, and every `matrix.X` a job's
   expressions read is a key of its matrix (or of its `include` entries).

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
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.S)


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


def runners(job: dict) -> list[str]:
    """The runner labels a job may run on, its matrix's values included."""
    runs_on = str(job.get("runs-on", ""))
    if "matrix." not in runs_on:
        return [runs_on]
    matrix = (job.get("strategy") or {}).get("matrix") or {}
    out = []
    for key, values in matrix.items():
        if key == "include":
            out += [str(v.get("platform", "")) for v in values]
        elif isinstance(values, list):
            out += [str(v) for v in values]
    return out or [runs_on]


def bash_blocks(path: Path, workflow: dict):
    """(where, script) of every run block a job runs with bash."""
    for name, job in (workflow.get("jobs") or {}).items():
        default_shell = ((job.get("defaults") or {}).get("run") or {}).get("shell")
        labels = runners(job)
        for i, step in enumerate(job.get("steps") or []):
            if "run" not in step:
                continue
            shell = step.get("shell") or default_shell
            # Run by PowerShell only where every runner of the job is Windows, or the step
            # names another shell; a step of a job on Windows and macOS runs with bash on macOS.
            windows_only = all("windows" in label for label in labels)
            if shell == "bash" or (shell is None and not windows_only):
                yield f"{path.name}: job {name}, step {i + 1} ({step.get('name', step['run'].splitlines()[0])})", str(step["run"])


def shellcheck(where: str, script: str) -> None:
    text = EXPRESSION.sub("GH_EXPRESSION", script)
    done = subprocess.run(["shellcheck", "--shell=bash", "--severity=warning", "-"], input=text, capture_output=True, text=True)
    if done.returncode != 0:
        fail(where, "ShellCheck:\n" + done.stdout + done.stderr)


def references(path: Path, workflow: dict) -> None:
    jobs = workflow.get("jobs") or {}
    for name, job in jobs.items():
        needs = job.get("needs") or []
        for need in [needs] if isinstance(needs, str) else needs:
            if need not in jobs:
                fail(f"{path.name}: job {name}", f"needs {need!r}, which is not a job of this workflow")
        matrix = (job.get("strategy") or {}).get("matrix") or {}
        keys = {k for k in matrix if k not in ("include", "exclude")}
        for entry in matrix.get("include") or []:
            keys |= set(entry)
        # Every expression anywhere in the job (steps, with:, env:, runs-on...).
        buffer = []
        YAML().dump(job, _Sink(buffer))
        for expr in EXPRESSION.findall("".join(buffer)):
            for used in re.findall(r"\bmatrix\.([A-Za-z_][A-Za-z0-9_-]*)", expr):
                if used not in keys:
                    fail(f"{path.name}: job {name}", f"reads matrix.{used}, which its matrix does not have")


class _Sink:
    def __init__(self, out: list):
        self.out = out

    def write(self, s):
        self.out.append(s if isinstance(s, str) else s.decode())


def main() -> None:
    # The project's workflows, or the files named (the check's own test gives broken copies).
    files = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    if not files:
        fail(".github/workflows", "no workflow")
    schema(files)
    checked = 0
    for path in files:
        workflow = YAML(typ="safe").load(path.read_text())
        references(path, workflow)
        for where, script in bash_blocks(path, workflow):
            shellcheck(where, script)
            checked += 1
    print(f"{len(files)} workflow file(s): schema, job and matrix references, and {checked} bash block(s) through ShellCheck: ok")


if __name__ == "__main__":
    main()
