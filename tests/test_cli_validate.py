"""`dossier validate` through the real CLI: formats and exit codes."""

import json
from pathlib import Path

from conftest import FIXTURES, LAKE, write_dossier


def test_clean_dossier_exits_0(run, dossier: Path):
    result = run("validate", "--dir", dossier)
    assert result.exit_code == 0, result.output
    assert "ok: 0 errors, 0 warnings" in result.stderr


def test_findings_are_path_line_code_message_and_exit_1(run, tmp_path: Path):
    root = write_dossier(tmp_path, {"bad": 'type = "book"\ntitle = "T"\npublisher = "P"\nissued = "2007-02-30"\n'})
    result = run("validate", "--dir", root)
    assert result.exit_code == 1
    line = result.stdout.strip()
    assert line.endswith("bad.toml:4: E020 'issued': '2007-02-30': February 2007 has 28 days")


def test_dossier_dir_comes_from_the_environment(run, dossier: Path):
    assert run("validate", env={"DOSSIER_DIR": str(dossier)}).exit_code == 0


def test_paths_may_be_files_or_folders(run):
    result = run("validate", FIXTURES / "invalid" / "E031" / "bad-doi.toml", FIXTURES / "invalid" / "E040")
    assert result.exit_code == 1
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()] == ["E031", "E040"]


def test_warnings_pass_unless_strict(run):
    folder = FIXTURES / "invalid" / "W021"
    assert run("validate", folder).exit_code == 0
    assert run("validate", "--strict", folder).exit_code == 1


def test_json_report(run):
    result = run("validate", "--format", "json", FIXTURES / "invalid" / "E010")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert report["ok"] is False and report["errors"] == 1
    (finding,) = report["findings"]
    assert finding["code"] == "E010" and finding["name"] == "unknown-field" and finding["line"] == 4
    assert finding["path"].endswith("misspelt-field.toml")


def test_github_annotations_escape_their_properties(run, tmp_path: Path):
    root = write_dossier(tmp_path, {"bad": 'type = "book"\ntitle = "T"\npublisher = "P"\ncolour = "red"\n'})
    result = run("validate", "--format", "github", "--dir", root)
    line = result.stdout.strip()
    assert line.startswith("::error file=")
    assert ",line=4,title=E010 unknown-field::unknown field 'colour'" in line


def test_missing_path_is_a_usage_error(run, tmp_path: Path):
    result = run("validate", tmp_path / "nope.toml")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_no_dossier_is_exit_2_with_one_line(run, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr.startswith("dossier: error: no dossier.toml in")
    assert len(result.stderr.strip().splitlines()) == 1


def test_quiet_drops_the_summary(run, tmp_path: Path):
    root = write_dossier(tmp_path, {"lake": LAKE})
    assert run("validate", "-q", "--dir", root).stderr == ""
