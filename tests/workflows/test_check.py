#!/usr/bin/env python3
"""check.py refuses a workflow broken in each way it checks: copies of the project's own workflow
with one fault each (a misspelt key, a job that needs one that does not exist, a matrix key that
is not there, a bash fault in a run block), and passes the workflow as it is."""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKFLOW = HERE.parents[1] / ".github" / "workflows" / "release.yml"


def check(text: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "release.yml"
        path.write_text(text)
        return subprocess.run([sys.executable, str(HERE / "check.py"), str(path)], capture_output=True, text=True)


def broken(*edits: tuple[str, str]) -> str:
    """The project's workflow with each (old, new) edit made, in turn, once."""
    text = WORKFLOW.read_text()
    for old, new in edits:
        assert old in text, f"the workflow no longer has {old!r}: change this test with it"
        text = text.replace(old, new, 1)
    return text


class Check(unittest.TestCase):
    def refused(self, text: str, said: str):
        done = check(text)
        self.assertNotEqual(done.returncode, 0, f"passed, where it should have said {said!r}")
        self.assertIn(said, done.stderr)

    def test_the_workflow_as_it_is_passes(self):
        done = check(WORKFLOW.read_text())
        self.assertEqual(done.returncode, 0, done.stderr)

    def test_a_workflow_broken_in_one_place_is_refused(self):
        # (what is broken, the edit, what the refusal names)
        for what, edit, said in [
            ("a misspelt key", ("timeout-minutes: 90", "timeout-minute: 90"), "timeout-minute"),
            ("a job needing one that does not exist", ("needs: [test-linux, test-rust]", "needs: [test-linux, test-rusty]"), "test-rusty"),
            ("a matrix key that is not there", ("${{ matrix.args }}", "${{ matrix.arguments }}"), "matrix.arguments"),
            # A bare `if:` is an expression too: on the forge the step would be skipped everywhere.
            ("the same in an if", ("if: matrix.platform == 'ubuntu-22.04'", "if: matrix.platfrom == 'ubuntu-22.04'"), "matrix.platfrom"),
            ("the same in brackets", ("${{ matrix.args }}", "${{ matrix['arguments'] }}"), "matrix.arguments"),
            ("the same after closing braces in a string", ("}}}}}' || '' }}", "}}}}}' || matrix.nothing }}"), "matrix.nothing"),
            ("a cd whose failure is not checked", ("sudo apt-get update", "cd ui; sudo apt-get update"), "SC2164"),
            ("an unquoted variable", ("sudo apt-get update", "sudo apt-get update $APT_OPTIONS"), "SC2086"),
        ]:
            with self.subTest(what):
                self.refused(broken(edit), said)

    def test_a_bash_fault_in_a_step_of_a_job_on_windows_and_macos_is_refused(self):
        # bash runs it on macOS.
        step = "run: npm ci && npm run build\n        working-directory: ui\n      - name: cargo test"
        self.refused(broken((step, step.replace("run: ", "run: cd ui; "))), "SC2164")

    def test_a_step_whose_shell_is_a_bash_line_is_checked(self):
        step = "      - name: the release key is set\n        shell: bash\n"
        self.refused(broken((step, step.replace("shell: bash", "shell: bash -e {0}")), ("run: '[[ \"$PEERLIB_RELEASE_KEY\"", "run: 'cd ui; [[ \"$PEERLIB_RELEASE_KEY\"")), "SC2164")

    def test_the_workflow_default_shell_is_followed(self):
        # Windows-only, bash by the workflow's default: checked as bash.
        only_windows = ("platform: [windows-latest, macos-latest]", "platform: [windows-latest]")
        cd = ("run: cargo test --workspace", "run: cd src-tauri; cargo test --workspace")
        done = check(broken(only_windows, cd))
        self.assertEqual(done.returncode, 0, f"PowerShell's block is not read as bash: {done.stderr}")
        self.refused(broken(only_windows, cd, ("\njobs:\n", "\ndefaults:\n  run:\n    shell: bash\n\njobs:\n")), "SC2164")


if __name__ == "__main__":
    unittest.main(verbosity=1)
