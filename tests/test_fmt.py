"""`dossier fmt`: canonical layout, comments kept, idempotent; `--check` for CI."""

from hypothesis import given, settings

from conftest import LAKE, REPO, write_dossier
from dossiercli.fmt import format_text
from dossiercli.model.toml_out import entry_to_toml
from test_toml_out import entries as generated_entries

MESSY = '''# Notes on this source, kept at the top of the file.

title = "Iran's Secret Plan For Mayhem"   # as printed
URL = "http://www.nysun.com/article/46032"
# the paper's name without "The"
container-title = 'New York Sun'
type = "article-newspaper"
author = [{family = "Lake", given = "Eli"}]
issued = 2007-01-03

[[excerpts]]
# the lede
text = "Iran is supporting both Sunni and Shiite terrorists."
highlights = ["both Sunni and Shiite"]
'''

FORMATTED = '''# Notes on this source, kept at the top of the file.

type = "article-newspaper"
title = "Iran's Secret Plan For Mayhem"   # as printed
# the paper's name without "The"
container-title = 'New York Sun'
issued = 2007-01-03
URL = "http://www.nysun.com/article/46032"

[[author]]
family = "Lake"
given = "Eli"

[[excerpts]]
# the lede
text = "Iran is supporting both Sunni and Shiite terrorists."
highlights = ["both Sunni and Shiite"]
'''


def test_canonical_order_and_layout_keeping_every_comment():
    assert format_text(MESSY) == FORMATTED


def test_formatting_twice_changes_nothing():
    assert format_text(FORMATTED) == FORMATTED


def test_unknown_fields_are_kept_after_the_known_ones():
    out = format_text('colour = "red"\ntype = "book"\ntitle = "T"\n')
    assert out == 'type = "book"\ntitle = "T"\ncolour = "red"\n'


@settings(max_examples=100, deadline=None)
@given(generated_entries)
def test_files_written_by_add_and_import_are_already_formatted(entry):
    written = entry_to_toml(entry)
    assert format_text(written) == written


def test_the_bundled_dossier_is_formatted(run):
    assert run("fmt", "--check", "--dir", REPO).exit_code == 0


def test_check_lists_changed_files_and_exits_1_without_writing(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"messy": MESSY, "lake": LAKE})
    result = run("fmt", "--check", "--dir", root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"would reformat {root / 'entries' / 'messy.toml'}"]
    assert (root / "entries" / "messy.toml").read_text() == MESSY
    assert run("fmt", "--dir", root).exit_code == 0
    assert (root / "entries" / "messy.toml").read_text() == FORMATTED
    assert run("fmt", "--check", "--dir", root).exit_code == 0


def test_invalid_toml_is_reported_with_its_line_and_left_alone(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"bad": 'type = "book"\ntitle = \n'})
    result = run("fmt", "--dir", root)
    assert result.exit_code == 2
    assert "bad.toml:2: invalid TOML" in result.stderr and "Traceback" not in result.output
    assert (root / "entries" / "bad.toml").read_text() == 'type = "book"\ntitle = \n'
