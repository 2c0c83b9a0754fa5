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
    # list stops (exit 2) only where an entry cannot be read or ids clash; rule violations are validate's job.
    if result.exit_code == 2:
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("dossier: error: ")
