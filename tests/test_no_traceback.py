"""No bad input ever ends in a Python traceback: every bad fixture, through every reading command."""

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES

BAD = sorted(p for p in (FIXTURES / "invalid").iterdir())


def as_dossier(fixture: Path, tmp_path: Path) -> Path:
    root = tmp_path / "d"
    if (fixture / "dossier.toml").exists():
        shutil.copytree(fixture, root)
    else:
        shutil.copytree(fixture, root / "entries")
        (root / "dossier.toml").write_text('title = "Bad"\n')
    return root


@pytest.mark.parametrize("fixture", BAD, ids=[p.name for p in BAD])
@pytest.mark.parametrize("command", [["validate"], ["list"], ["list", "--format", "json"], ["show", "some-id"]])
def test_bad_fixture_gives_a_message_not_a_traceback(run, tmp_path, fixture, command):
    root = as_dossier(fixture, tmp_path)
    result = run(*command, "--dir", root)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if fixture.name.startswith("E") and command[0] == "validate":
        assert result.exit_code in (1, 2)
    # Reading commands skip an entry that cannot be read (one warning line each, exit 1) and stop
    # (exit 2, one error line) only where nothing is left to do; rule violations are validate's job.
    lines = result.stderr.strip().splitlines()
    if result.exit_code == 2:
        assert lines[-1].startswith("dossier: error: ")
        assert all(line.startswith("dossier: warning: ") for line in lines[:-1]), lines
    if command[0] != "validate" and result.exit_code == 1:
        assert lines and all(line.startswith("dossier: warning: ") for line in lines), lines
