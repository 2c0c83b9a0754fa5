"""Hostile inputs run through the real CLI in a subprocess under time and memory bounds,
so that a regression (a hang, a blow-up, a traceback) fails the suite instead of hanging CI."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space: far above what any honest input needs
TIME_LIMIT = 30.0  # seconds: the slowest case takes well under a tenth of this on a 2-core machine


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str


def bounded(
    args, cwd: Path, stdin: str | None = None, seconds: float = TIME_LIMIT, memory: int = MEMORY_LIMIT
) -> Outcome:
    """`dossier ARGS` as a user runs it, killed past `seconds`; fails the test on a hang or a traceback."""

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_DIR", "DOSSIER_DEBUG")}
    env["NO_COLOR"] = "1"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "dossiercli", *map(str, args)],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=seconds,
            preexec_fn=limits,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"dossier {' '.join(map(str, args))} did not finish within {seconds} s")
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "internal error" not in done.stderr, done.stderr[-2000:]
    # 130: the prompts met the end of their input (Ctrl-D), an interruption the user asked for
    assert done.returncode in (0, 1, 2, 130), (done.returncode, done.stderr[-2000:])
    return Outcome(done.returncode, done.stdout, done.stderr)


def make_dossier(root: Path, entries: dict[str, str]) -> Path:
    (root / "entries").mkdir(parents=True, exist_ok=True)
    (root / "dossier.toml").write_text('title = "Hostile"\n', encoding="utf-8")
    for entry_id, text in entries.items():
        (root / "entries" / f"{entry_id}.toml").write_text(text, encoding="utf-8")
    return root
