"""Injection, amplification, quadratic paths and malformed records: bounded, one line, never a traceback.

Each case is a finding of the hostile review (issue 18) turned into a regression test. They run the
real CLI in a subprocess under a 1 GiB memory limit and a time limit (see conftest.py)."""

from __future__ import annotations

import json
import os
import re

import pybtex.database
import pytest
from hostile import bounded, make_dossier

ESC = "\x1b"
BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'


# -- injection ---------------------------------------------------------------------------------------


def test_a_doi_or_url_cannot_break_out_of_its_bibtex_field(tmp_path):
    hostile_doi = r"10.1000/{x}\input{/etc/passwd}"
    hostile_url = r"https://example.org/{a}\immediate\write18{rm}"
    root = make_dossier(tmp_path, {"evil": BOOK + f"DOI = '{hostile_doi}'\nURL = '{hostile_url}'\n"})
    assert bounded(["validate"], root).status == 0
    exported = bounded(["export", "--format", "bibtex"], root).stdout
    assert "@preamble" not in exported.lower()
    database = pybtex.database.parse_string(exported, "bibtex")
    assert len(database.entries) == 1


@pytest.mark.parametrize("command", [["list"], ["show", "evil"], ["cite", "evil"], ["notes"], ["bibliography"]])
def test_terminal_escape_sequences_in_fields_never_reach_the_terminal(tmp_path, command):
    title = "Title\\u001b]0;pwned\\u0007\\u001b[2J"
    root = make_dossier(tmp_path, {"evil": f'type = "book"\ntitle = "{title}"\npublisher = "Pub\\u001b[31m"\n'})
    outcome = bounded(command, root)
    assert ESC not in outcome.stdout and "\x07" not in outcome.stdout
    assert ESC not in outcome.stderr


# -- amplification -------------------------------------------------------------------------------------


def test_nested_string_macros_cannot_amplify_a_small_file(tmp_path):
    lines = ['@string{m0 = "' + "x" * 60 + '"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1} # m{i - 1} # m{i - 1}}}" for i in range(1, 40)]
    lines.append("@book{k, title = m39, publisher = {P}, year = 2000}")
    (tmp_path / "amp.bib").write_text("\n".join(lines) + "\n")
    root = make_dossier(tmp_path / "d", {})
    outcome = bounded(["import", tmp_path / "amp.bib", "--dry-run"], root, memory=512 << 20)
    assert outcome.status in (0, 1, 2)


# -- quadratic paths ----------------------------------------------------------------------------------


def test_sixteen_thousand_unknown_keys_are_reported_quickly_and_capped(tmp_path):
    text = BOOK + "".join(f"unknown{i} = 1\n" for i in range(16000))
    root = make_dossier(tmp_path, {"wide": text})
    outcome = bounded(["validate"], root, seconds=20)
    assert outcome.status == 1
    assert len(outcome.stdout.splitlines()) < 200  # capped per file, "and N more"


def test_ris_with_hundreds_of_thousands_of_wrapped_lines_imports_in_linear_time(tmp_path):
    ris = "TY  - BOOK\nTI  - start\n" + "continued\n" * 200_000 + "PB  - Pub\nPY  - 2000\nER  - \n"
    (tmp_path / "big.ris").write_text(ris)
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "big.ris", "--dry-run"], root, seconds=20)


def test_a_long_bibtex_field_full_of_accents_decodes_in_linear_time(tmp_path):
    (tmp_path / "esc.bib").write_text("@book{k, title = {" + "\\'e" * 300_000 + "}, publisher = {P}, year = 2000}\n")
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "esc.bib", "--dry-run"], root, seconds=20)


def test_show_on_a_five_megabyte_entry(tmp_path):
    root = make_dossier(tmp_path, {"big": BOOK + '[[excerpts]]\ntext = """' + "word " * 1_000_000 + '"""\n'})
    bounded(["show", "big"], root, seconds=20)


def test_deep_nesting_is_a_finding_not_a_crash(tmp_path):
    root = make_dossier(tmp_path, {"deep": BOOK + "x = " + "[" * 5000 + "]" * 5000 + "\n"})
    assert bounded(["validate"], root).status == 1
    assert bounded(["fmt", "--check"], root).status == 2


# -- malformed records --------------------------------------------------------------------------------


def test_csl_json_fields_of_the_wrong_type_are_reasons_not_tracebacks(tmp_path):
    items = [
        {"id": "a", "type": "book", "title": "T", "publisher": "P", "issued": [["2007", ""]]},
        {"id": "b", "type": "book", "title": "T", "publisher": "P", "author": {"family": "X"}},
        {"id": "c", "type": "book", "title": "T", "publisher": "P", "issued": {"date-parts": [["2007", ""]]}},
        {"id": "d", "type": "book", "title": "T", "publisher": "P", "issued": {"date-parts": [[2007]]}},
        {"id": "e", "type": "book", "title": ["T"], "publisher": "P"},
        {"id": "f", "type": "book", "title": "T", "publisher": "P", "issued": [2007]},
    ]
    (tmp_path / "bad.json").write_text(json.dumps(items))
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "bad.json", "--keep-going", "--dry-run"], root)


@pytest.mark.parametrize("field", ["month = {²}", "day = {²}", "year = {²⁰⁰⁷}", "edition = {²}"])
def test_superscript_digits_in_bibtex_numbers_are_no_crash(tmp_path, field):
    (tmp_path / "sup.bib").write_text(f"@book{{k, title = {{T}}, publisher = {{P}}, year = {{2000}}, {field}}}\n")
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "sup.bib", "--keep-going"], root)
    for command in (["validate"], ["notes"], ["bibliography"], ["list"], ["render"]):
        bounded(command, root)


def test_ris_dates_and_editions_with_superscripts(tmp_path):
    (tmp_path / "sup.ris").write_text("TY  - BOOK\nTI  - T\nPB  - P\nDA  - 2007/²/01/\nET  - ²\nER  - \n")
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "sup.ris", "--keep-going"], root)
    bounded(["notes"], root)


def test_an_entry_with_a_superscript_edition_is_cited_without_a_crash(tmp_path):
    root = make_dossier(tmp_path, {"sup": BOOK + 'edition = "²"\n'})
    for command in (["validate"], ["cite", "sup"], ["notes"], ["bibliography"], ["render"]):
        bounded(command, root)


def test_a_very_long_title_never_makes_a_file_name_too_long(tmp_path):
    title = " ".join(f"Word{i}" for i in range(120))
    (tmp_path / "long.bib").write_text(
        f"@book{{k, title = {{{title}}}, publisher = {{P}}, year = {{2000}}}}\n"
        f"@book{{k2, title = {{{title} again}}, author = {{{'Q' * 300}, A}}, "
        f"publisher = {{P}}, year = {{2000}}}}\n"
    )
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "long.bib", "--rekey"], root)
    assert all(len(p.name.encode()) <= 255 for p in (root / "entries").iterdir())
    assert len(list((root / "entries").glob("*.toml"))) == 2


# -- files that are not what they seem -------------------------------------------------------------


def test_a_fifo_named_like_an_entry_does_not_hang_validate(tmp_path):
    root = make_dossier(tmp_path, {"book": BOOK})
    os.mkfifo(root / "entries" / "pipe.toml")
    outcome = bounded(["validate"], root, seconds=10)
    assert "pipe.toml" in outcome.stdout + outcome.stderr


def test_a_symlink_loop_is_skipped_with_a_warning(tmp_path):
    root = make_dossier(tmp_path, {"book": BOOK})
    (root / "entries" / "a.toml").symlink_to(root / "entries" / "b.toml")
    (root / "entries" / "b.toml").symlink_to(root / "entries" / "a.toml")
    for command in (["list"], ["notes"], ["export"]):
        outcome = bounded(command, root, seconds=10)
        assert "A Book" in outcome.stdout or "a-book" in outcome.stdout.lower() or "A book" in outcome.stdout
        assert re.search(r"a\.toml|b\.toml", outcome.stderr)


def test_fmt_never_writes_outside_the_dossier_through_a_symlinked_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.toml"
    victim.write_text('title = "T"\ntype = "book"\npublisher = "P"\n')
    root = make_dossier(tmp_path / "d", {"book": BOOK})
    (root / "entries" / "linked").symlink_to(outside, target_is_directory=True)
    bounded(["fmt"], root)
    assert victim.read_text() == 'title = "T"\ntype = "book"\npublisher = "P"\n'
