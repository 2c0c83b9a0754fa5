"""The installed program as a user runs it: a real subprocess."""

import subprocess
import sys

from dossiercli import __version__


def run_module(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "dossiercli", *args], capture_output=True, text=True, cwd=cwd)


def test_version_and_module_entry_point():
    result = run_module("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"dossier, version {__version__}"


def test_help_lists_commands_and_exit_codes():
    out = run_module("--help").stdout
    for text in ("validate", "list", "show", "Exit status"):
        assert text in out


def test_unknown_command_suggests_the_closest():
    result = run_module("valdate")
    assert result.returncode == 2
    assert "Did you mean 'validate'?" in result.stderr


def test_error_outside_a_dossier_is_one_line(tmp_path):
    result = run_module("list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
