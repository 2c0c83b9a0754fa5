"""`dossier CMD | head -1`: when the reader goes away, every command stops quietly, as git does (status 141)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import LAKE, write_dossier

COMMANDS = [["validate"], ["list"], ["list", "--format", "json"], ["export"], ["notes"], ["bibliography"], ["ids"]]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Enough output to overfill a pipe's buffer (64 KiB), with a warning per file for validate."""
    entries = {
        f"lake{n:04d}": LAKE.replace("Mayhem", f"Mayhem {n}").replace("46032", "46032") for n in range(400)
    }  # one URL shared by all: W051 for each, so validate prints a line per file
    return write_dossier(tmp_path_factory.mktemp("big"), entries)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_the_command_quietly(big, command):
    process = subprocess.Popen(
        [sys.executable, "-m", "dossiercli", *command, "--dir", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"DOSSIER_NO_CACHE": "1", "PATH": ""},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # `head -1` has what it wants
    stderr = process.stderr.read().decode()
    status = process.wait()
    assert stderr == "" or "Broken pipe" not in stderr and "Traceback" not in stderr and "error" not in stderr, stderr
    assert status in (0, 1, 141), (status, stderr)  # 141 = 128 + SIGPIPE when the pipe closed before the end
