"""The one place errors become exit statuses (cli/__init__.py): a bug or an interrupt is one line, never a traceback."""

import pytest

import dossiercli.cli.listing as listing
from conftest import LAKE, write_dossier


def fail_with(error):
    def raising(*args, **kwargs):
        raise error

    return raising


@pytest.mark.parametrize("error", [ValueError("bad\nsecond line"), RecursionError(), MemoryError(), KeyError("x")])
def test_an_unexpected_exception_is_one_line_asking_for_a_bug_report(run, tmp_path, monkeypatch, error):
    root = write_dossier(tmp_path, {"lake2007": LAKE})
    monkeypatch.setattr(listing, "open_for_reading", fail_with(error))
    result = run("list", "--dir", root)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dossier: internal error: " + type(error).__name__)
    assert "Traceback" not in result.output + result.stderr


def test_an_unanticipated_os_error_names_the_file(run, tmp_path, monkeypatch):
    root = write_dossier(tmp_path, {"lake2007": LAKE})
    monkeypatch.setattr(
        listing, "open_for_reading", fail_with(PermissionError(13, "Permission denied", "entries/x.toml"))
    )
    result = run("list", "--dir", root)
    assert result.exit_code == 2
    assert result.stderr.strip() == "dossier: error: entries/x.toml: Permission denied"


def test_ctrl_c_exits_130(run, tmp_path, monkeypatch):
    root = write_dossier(tmp_path, {"lake2007": LAKE})
    monkeypatch.setattr(listing, "open_for_reading", fail_with(KeyboardInterrupt()))
    result = run("list", "--dir", root)
    assert result.exit_code == 130
    assert result.stderr.strip() == "dossier: interrupted"


def test_debug_mode_keeps_the_traceback_for_developers(run, tmp_path, monkeypatch):
    root = write_dossier(tmp_path, {"lake2007": LAKE})
    monkeypatch.setattr(listing, "open_for_reading", fail_with(ValueError("boom")))
    monkeypatch.setenv("DOSSIER_DEBUG", "1")
    result = run("list", "--dir", root)
    assert isinstance(result.exception, ValueError)
