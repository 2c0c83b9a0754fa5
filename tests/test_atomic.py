from pathlib import Path

import pytest

from dossiercli.atomic import write_all, write_atomic
from dossiercli.errors import DossierError


def test_write_refuses_an_existing_file_unless_told(tmp_path: Path):
    target = tmp_path / "a.toml"
    write_atomic(target, "one")
    with pytest.raises(DossierError, match="already exists"):
        write_atomic(target, "two")
    assert target.read_text() == "one"
    write_atomic(target, "two", overwrite=True)
    assert target.read_text() == "two"


def test_no_temporary_files_are_left_behind(tmp_path: Path):
    write_atomic(tmp_path / "a.toml", "x")
    with pytest.raises(DossierError):
        write_atomic(tmp_path / "a.toml", "y")
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_batch_is_all_or_nothing(tmp_path: Path):
    (tmp_path / "taken.toml").write_text("keep me")
    batch = {tmp_path / "new1.toml": "1", tmp_path / "taken.toml": "2", tmp_path / "new2.toml": "3"}
    with pytest.raises(DossierError, match="already exists"):
        write_all(batch)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.toml"]
    assert (tmp_path / "taken.toml").read_text() == "keep me"


def test_a_failure_half_way_removes_what_was_written(tmp_path: Path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder should be")
    batch = {tmp_path / "first.toml": "1", blocked / "second.toml": "2"}
    with pytest.raises(DossierError, match="cannot write"):
        write_all(batch)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked"]
