"""Every validation code on a bad fixture of its own (tests/fixtures/invalid/<CODE>/)."""

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import FIXTURES, LAKE, write_dossier
from dossiercli.findings import CODES
from dossiercli.validate import expand_paths, validate_dossier, validate_files

INVALID = FIXTURES / "invalid"
TODAY = dt.date(2026, 11, 25)


def findings_for(folder: Path):
    return validate_files(expand_paths([folder]), today=TODAY)


@pytest.mark.parametrize("code", sorted(p.name for p in INVALID.iterdir()))
def test_each_fixture_produces_exactly_its_code(code):
    findings = findings_for(INVALID / code)
    assert {f.code for f in findings} == {code}, [str(f) for f in findings]
    assert all(f.path is not None for f in findings)


def test_every_documented_code_has_a_fixture_or_a_test_of_its_own():
    # E001 is made at test time below; E009 and W007 (symlinks, FIFOs) in test_load_files.py
    covered = {p.name for p in INVALID.iterdir()} | {"E001", "E009", "W007"}
    assert covered == set(CODES)


def test_unreadable_files_are_E001(tmp_path: Path):
    dangling = tmp_path / "gone.toml"
    os.symlink(tmp_path / "nowhere", dangling)
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    findings = validate_files([dangling, folder], today=TODAY)
    assert [f.code for f in findings] == ["E001", "E001"]


def test_lines_point_at_the_offending_value():
    (finding,) = findings_for(INVALID / "E040")
    assert finding.line == 7
    (finding,) = findings_for(INVALID / "E020")
    assert finding.line == 4


def test_highlights_match_across_line_breaks_and_spaces(tmp_path: Path):
    root = write_dossier(tmp_path, {"lake2007": LAKE.replace('["Iran is supporting', '["Iran  is\\nsupporting')})
    assert validate_dossier(root, today=TODAY) == []


def test_a_partial_date_in_the_current_month_is_not_in_the_future(tmp_path: Path):
    root = write_dossier(tmp_path, {"x": 'type = "report"\ntitle = "T"\npublisher = "P"\nissued = "2026-11"\n'})
    assert validate_dossier(root, today=TODAY) == []


def test_access_date_on_the_day_of_a_partial_publication_date_is_fine(tmp_path: Path):
    text = 'type = "webpage"\ntitle = "T"\nURL = "https://example.org"\nissued = "2007-05"\naccessed = 2007-05-01\n'
    root = write_dossier(tmp_path, {"x": text})
    assert validate_dossier(root, today=TODAY) == []


def test_a_clean_dossier_has_no_findings(dossier: Path):
    assert validate_dossier(dossier, today=TODAY) == []
