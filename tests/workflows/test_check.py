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


def broken(old: str, new: str) -> str:
    text = WORKFLOW.read_text()
    assert old in text, f"the workflow no longer has {old!r}: change this test with it"
    return text.replace(old, new, 1)


class Check(unittest.TestCase):
    def test_the_workflow_as_it_is_passes(self):
        done = check(WORKFLOW.read_text())
        self.assertEqual(done.returncode, 0, done.stderr)

    def test_a_misspelt_key_is_refused(self):
        done = check(broken("timeout-minutes: 90", "timeout-minute: 90"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("timeout-minute", done.stderr)

    def test_a_job_needing_one_that_does_not_exist_is_refused(self):
        done = check(broken("needs: [test-linux, test-rust]", "needs: [test-linux, test-rusty]"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("test-rusty", done.stderr)

    def test_a_matrix_key_that_is_not_there_is_refused(self):
        done = check(broken("${{ matrix.args }}", "${{ matrix.arguments }}"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("matrix.arguments", done.stderr)

    def test_a_bash_fault_in_a_run_block_is_refused(self):
        done = check(broken("sudo apt-get update", "cd ui; sudo apt-get update"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("SC2164", done.stderr)

    def test_a_bash_fault_in_a_step_of_a_job_on_windows_and_macos_is_refused(self):
        # bash runs it on macOS.
        done = check(broken("run: npm ci && npm run build\n        working-directory: ui\n      - name: cargo test", "run: cd ui; npm ci && npm run build\n        working-directory: ui\n      - name: cargo test"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("SC2164", done.stderr)

    def test_a_matrix_key_that_is_not_there_in_an_if_is_refused(self):
        # A bare `if:` is an expression too: on the forge the step would be skipped everywhere.
        done = check(broken("if: matrix.platform == 'ubuntu-22.04'", "if: matrix.platfrom == 'ubuntu-22.04'"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("matrix.platfrom", done.stderr)

    def test_a_matrix_key_that_is_not_there_in_brackets_is_refused(self):
        done = check(broken("${{ matrix.args }}", "${{ matrix['arguments'] }}"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("matrix.arguments", done.stderr)

    def test_a_matrix_key_after_closing_braces_in_a_string_is_read(self):
        done = check(broken("}}}}}' || '' }}", "}}}}}' || matrix.nothing }}"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("matrix.nothing", done.stderr)

    def test_an_unquoted_variable_is_refused(self):
        done = check(broken("sudo apt-get update", "sudo apt-get update $APT_OPTIONS"))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("SC2086", done.stderr)

    def test_a_step_whose_shell_is_a_bash_line_is_checked(self):
        text = broken("      - name: the release key is set\n        shell: bash\n", "      - name: the release key is set\n        shell: bash -e {0}\n")
        done = check(text.replace('run: \'[[ "$PEERLIB_RELEASE_KEY"', 'run: \'cd ui; [[ "$PEERLIB_RELEASE_KEY"', 1))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("SC2164", done.stderr)

    def test_the_workflow_default_shell_is_followed(self):
        # Windows-only, bash by the workflow's default: checked as bash.
        text = broken("  test-rust:\n    strategy:\n      fail-fast: false\n      matrix:\n        platform: [windows-latest, macos-latest]", "  test-rust:\n    strategy:\n      fail-fast: false\n      matrix:\n        platform: [windows-latest]")
        text = text.replace("run: cargo test --workspace", "run: cd src-tauri; cargo test --workspace", 1)
        self.assertEqual(check(text).returncode, 0, "PowerShell's block is not read as bash")
        done = check(text.replace("\njobs:\n", "\ndefaults:\n  run:\n    shell: bash\n\njobs:\n", 1))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("SC2164", done.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=1)
