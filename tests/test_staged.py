"""`dossier validate FILE…` (a pre-commit hook's staged files): cross-entry rules against the whole dossier."""

from pathlib import Path

import pytest

from conftest import AP, LAKE, write_dossier
from dossiercli.staged import validate_in_dossier
from dossiercli.validate import validate_dossier

JOURNAL = """\
type = "article-journal"
title = "{title}"
container-title = "Middle East Quarterly"
issued = 2007
DOI = "{doi}"
"""


def codes(findings) -> list[tuple[str, str]]:
    return sorted((finding.code, finding.path.name) for finding in findings)


def test_a_staged_entry_repeating_another_entrys_doi_fails(tmp_path: Path):
    root = write_dossier(
        tmp_path,
        {
            "old": JOURNAL.format(title="Old", doi="10.1000/ABC.1"),
            "new": JOURNAL.format(title="New", doi="https://doi.org/10.1000/abc.1"),  # the same DOI, written otherwise
            "ap2007": AP,
        },
    )
    findings = validate_in_dossier([root / "entries" / "new.toml"])
    assert codes(findings) == [("E052", "new.toml")]
    assert "is also the DOI of 'old'" in findings[0].message
    assert findings[0].line == 5


def test_a_staged_entry_repeating_a_url_warns_on_the_staged_file(tmp_path: Path):
    copy = LAKE.replace("http://www.nysun.com/article/46032", "https://NYSUN.com/article/46032/")
    root = write_dossier(tmp_path, {"lake2007": LAKE, "lake-copy": copy})
    assert codes(validate_in_dossier([root / "entries" / "lake-copy.toml"])) == [("W051", "lake-copy.toml")]
    # The other way round, too: the finding lands on whichever file was given.
    assert codes(validate_in_dossier([root / "entries" / "lake2007.toml"])) == [("W051", "lake2007.toml")]


def test_a_staged_entry_with_the_id_of_an_entry_in_another_folder_fails(tmp_path: Path):
    root = write_dossier(tmp_path, {"lake2007": AP})
    (root / "entries" / "news").mkdir()
    (root / "entries" / "news" / "lake2007.toml").write_text(LAKE, encoding="utf-8")
    findings = validate_in_dossier([root / "entries" / "lake2007.toml"])
    assert codes(findings) == [("E050", "lake2007.toml")]


def test_a_value_spelled_with_a_toml_escape_is_still_found(tmp_path: Path):
    escaped = JOURNAL.format(title="Old", doi="10.1000/\\u0061bc.1")  # \u0061 is "a"
    root = write_dossier(tmp_path, {"old": escaped, "new": JOURNAL.format(title="New", doi="10.1000/abc.1")})
    assert codes(validate_in_dossier([root / "entries" / "new.toml"])) == [("E052", "new.toml")]


def test_clean_staged_files_pass_and_their_own_problems_are_reported(tmp_path: Path):
    root = write_dossier(
        tmp_path,
        {
            "old": JOURNAL.format(title="Old", doi="10.1000/abc.1"),
            "other": JOURNAL.format(title="Other", doi="10.1000/abc.12"),  # contains the other DOI as text only
            "bad": 'type = "book"\ntitle = "T"\npublisher = "P"\nissued = "2007-02-30"\n',
        },
    )
    assert validate_in_dossier([root / "entries" / "other.toml"]) == []
    assert codes(validate_in_dossier([root / "entries" / "bad.toml"])) == [("E020", "bad.toml")]


def test_files_outside_a_dossiers_entries_are_checked_alone(tmp_path: Path):
    write_dossier(tmp_path, {"old": JOURNAL.format(title="Old", doi="10.1000/abc.1")})
    loose = tmp_path / "loose.toml"
    loose.write_text(JOURNAL.format(title="Loose", doi="10.1000/abc.1"), encoding="utf-8")
    assert validate_in_dossier([loose]) == []


def test_the_cli_fails_the_staged_duplicate_with_its_line(run, tmp_path: Path, monkeypatch):
    root = write_dossier(
        tmp_path,
        {
            "old": JOURNAL.format(title="Old", doi="10.1000/abc.1"),
            "new": JOURNAL.format(title="New", doi="10.1000/ABC.1"),
        },
    )
    monkeypatch.chdir(root)
    result = run("validate", "entries/new.toml")
    assert result.exit_code == 1
    assert result.stdout.strip() == "entries/new.toml:5: E052 DOI 10.1000/ABC.1 is also the DOI of 'old'"
    assert "in 1 files" in result.stderr
    assert run("validate", "entries/old.toml").exit_code == 1  # either file of the pair fails


def test_the_files_compared_are_the_files_the_loader_lists(tmp_path: Path):
    from dossiercli.load import entry_files
    from dossiercli.staged import _entry_file_names

    root = write_dossier(tmp_path, {"a": AP, "b": LAKE})
    (root / "entries" / "sub").mkdir()
    (root / "entries" / "sub" / "c.toml").write_text(AP, encoding="utf-8")
    (root / "entries" / ".hidden.toml").write_text(AP, encoding="utf-8")
    (root / "entries" / "notes.txt").write_text("x", encoding="utf-8")
    folder = root / "entries"
    assert sorted(_entry_file_names(str(folder))) == [str(path) for path in entry_files(folder)]


def test_a_fifo_among_the_other_entries_does_not_block(tmp_path: Path):
    import os

    root = write_dossier(
        tmp_path,
        {
            "old": JOURNAL.format(title="Old", doi="10.1000/abc.1"),
            "new": JOURNAL.format(title="New", doi="10.1000/abc.1"),
        },
    )
    os.mkfifo(root / "entries" / "pipe.toml")
    assert codes(validate_in_dossier([root / "entries" / "new.toml"])) == [("E052", "new.toml")]


@pytest.mark.parametrize(
    "given, other",
    [
        ("https://www.example.org/a/story.html", "http://example.org/a/story.amp.html"),  # an AMP copy
        ("https://example.org/~jane/", "https://EXAMPLE.org/%7Ejane/index.html"),  # escape, index page, case
        ("https://example.org/news?id=5&page=2", "https://example.org/news?page=2&id=5&utm_source=x"),
        ("https://example.org/story", "https://example-org.cdn.ampproject.org/c/s/example.org/story"),
        ("https://example.org/it's", "https://example.org/it's"),  # a quote inside the URL
    ],
)
def test_urls_the_normaliser_calls_the_same_page_are_found(tmp_path: Path, given: str, other: str):
    quoted = f"'{other}'" if '"' in other else f'"{other}"'
    root = write_dossier(
        tmp_path,
        {
            "old": f'type = "webpage"\ntitle = "Old"\nURL = {quoted}\n',
            "new": f'type = "webpage"\ntitle = "New"\nURL = "{given}"\n',
        },
    )
    assert [f.code for f in validate_dossier(root)] == ["W051"]  # the whole dossier's check: the same page
    assert codes(validate_in_dossier([root / "entries" / "new.toml"])) == [("W051", "new.toml")]


def test_a_url_in_a_multi_line_string_is_found(tmp_path: Path):
    old = 'type = "webpage"\ntitle = "Old"\nURL = """\nhttps://example.org/page"""\n'
    root = write_dossier(
        tmp_path, {"old": old, "new": 'type = "webpage"\ntitle = "New"\nURL = "https://example.org/page/"\n'}
    )
    assert codes(validate_in_dossier([root / "entries" / "new.toml"])) == [("W051", "new.toml")]


def test_an_international_host_spelled_either_way_is_found(tmp_path: Path):
    root = write_dossier(
        tmp_path,
        {
            "old": 'type = "webpage"\ntitle = "Old"\nURL = "https://bücher.example/seite"\n',
            "new": 'type = "webpage"\ntitle = "New"\nURL = "https://xn--bcher-kva.example/seite"\n',
        },
    )
    assert [f.code for f in validate_dossier(root)] == ["W051"]
    assert codes(validate_in_dossier([root / "entries" / "new.toml"])) == [("W051", "new.toml")]
    assert codes(validate_in_dossier([root / "entries" / "old.toml"])) == [("W051", "old.toml")]
