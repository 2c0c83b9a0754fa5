"""`dossier import` and `dossier export` end to end: safe by construction."""

import json

import bibtexparser

from conftest import FIXTURES, REPO, write_dossier

IMPORT = FIXTURES / "import"


def empty_dossier(tmp_path):
    return write_dossier(tmp_path / "d", {})


def files(root):
    return sorted(p.name for p in (root / "entries").iterdir())


def test_import_keeps_each_record_s_own_key_as_its_id(run, tmp_path):
    root = empty_dossier(tmp_path)
    result = run("import", IMPORT / "macros-and-accents.bib", "--dir", root)
    assert result.exit_code == 0, result.output
    assert files(root) == [
        "edited2008.toml",
        "haddad2011.toml",
        "keaten2007.toml",
        "nasr2008.toml",
        "sadr2010.toml",
        "wright2007.toml",
    ]
    assert run("validate", "--dir", root).exit_code == 0


def test_rekey_generates_authoryear_title_ids(run, tmp_path):
    root = empty_dossier(tmp_path)
    result = run("import", IMPORT / "macros-and-accents.bib", "--rekey", "--dir", root)
    assert result.exit_code == 0, result.output
    assert files(root) == [
        "alsadr2010-sectarian-alliances-iraq.toml",
        "gordon2008-iraq-after-saddam.toml",
        "haddad2011-sectarianism-iraq-antagonistic.toml",
        "keaten2007-us-diplomat-says.toml",
        "nasr2008-iran-insurgency.toml",
        "wright2007-iranian-arms-destined.toml",
    ]
    assert run("validate", "--dir", root).exit_code == 0


def test_strict_writes_nothing_when_a_record_is_bad(run, tmp_path):
    root = empty_dossier(tmp_path)
    result = run("import", IMPORT / "messy.bib", "--strict", "--dir", root)
    assert result.exit_code == 2
    assert files(root) == []
    assert "messy.bib:9: error: malformed BibTeX" in result.stderr
    assert "nothing was written" in result.stderr


def test_by_default_the_good_records_are_imported_the_rest_named_and_exit_1(run, tmp_path):
    root = empty_dossier(tmp_path)
    result = run("import", IMPORT / "messy.bib", "--dir", root)
    assert result.exit_code == 1
    assert files(root) == ["baddate.toml", "good1.toml", "good2.toml"]
    assert "messy.bib:11: error: notitle:" in result.stderr
    assert (
        "messy.bib:20: warning: baddate: year '20071' is not a year we can read: kept as a literal date"
        in result.stderr
    )
    assert "Traceback" not in result.output


def test_dry_run_writes_nothing(run, tmp_path):
    root = empty_dossier(tmp_path)
    result = run("import", IMPORT / "zotero.ris", "--dry-run", "--dir", root)
    assert result.exit_code == 0 and "would write" in result.stdout
    assert files(root) == []


def test_duplicates_are_skipped_unless_forced(run, tmp_path):
    root = empty_dossier(tmp_path)
    run("import", IMPORT / "zotero.ris", "--dir", root)
    before = {p: p.read_text() for p in (root / "entries").iterdir()}
    again = run("import", IMPORT / "zotero.ris", "--dir", root)
    assert again.exit_code == 0 and again.stderr.count("duplicate:") == 3
    assert {p: p.read_text() for p in (root / "entries").iterdir()} == before
    assert "duplicate of entry" in again.stderr and "--merge fills in" in again.stderr
    forced = run("import", IMPORT / "zotero.ris", "--force", "--dir", root)
    assert forced.stdout.count("replace ") == 3 and len(files(root)) == 3
    allowed = run("import", IMPORT / "zotero.ris", "--allow-duplicates", "--dir", root)
    assert allowed.exit_code == 0 and len(files(root)) == 6


def test_unknown_format_and_missing_file_are_one_line_errors(run, tmp_path):
    root = empty_dossier(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("just some text\n")
    result = run("import", notes, "--dir", root)
    assert result.exit_code == 2 and "cannot tell the format" in result.stderr
    result = run("import", tmp_path / "missing.bib", "--dir", root)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_export_to_stdout_and_to_a_file_that_is_never_overwritten(run, tmp_path):
    out = run("export", "--dir", REPO)
    assert len(bibtexparser.parse_string(out.stdout).entries) == 15
    target = tmp_path / "refs.json"
    assert run("export", "--format", "csl-json", "-o", target, "--dir", REPO).exit_code == 0
    assert len(json.loads(target.read_text())) == 15
    refused = run("export", "--format", "ris", "-o", target, "--dir", REPO)
    assert refused.exit_code == 2 and "already exists" in refused.stderr
    assert json.loads(target.read_text())  # untouched
    assert run("export", "--format", "ris", "-o", target, "--force", "--dir", REPO).exit_code == 0
    assert target.read_text().startswith("TY  - ")


def test_export_selected_ids_as_biblatex(run):
    out = run("export", "wright2007-iranian-arms-taliban", "--format", "biblatex", "--dir", REPO).stdout
    assert out.startswith("@article{wright2007-iranian-arms-taliban,\n  entrysubtype = {magazine},")
    assert "journaltitle = {The Washington Post}" in out and "date = {2007-09-16}" in out


def test_round_trip_through_the_cli(run, tmp_path):
    exported = tmp_path / "all.bib"
    run("export", "-o", exported, "--dir", REPO)
    root = empty_dossier(tmp_path)
    assert run("import", exported, "--dir", root).exit_code == 0
    assert len(files(root)) == 15
    assert run("validate", "--dir", root).exit_code == 0


def test_malformed_ris_and_json_are_one_line_errors_with_lines_and_exit_2(run, tmp_path):
    root = empty_dossier(tmp_path)
    ris = run("import", IMPORT / "broken.ris", "--strict", "--dir", root)
    assert ris.exit_code == 2 and files(root) == []
    assert "broken.ris:1: error: record has no 'ER  -' line" in ris.stderr
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('[\n  {"id": "a", "type": "book", "title": "A"},\n  {"id": "b", "type": }\n]\n')
    result = run("import", bad_json, "--dir", root)
    assert result.exit_code == 1 and "bad.json:3: error: invalid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_keep_going_with_a_broken_ris_file_imports_the_closed_record_and_exits_1(run, tmp_path):
    root = empty_dossier(tmp_path)
    result = run("import", IMPORT / "broken.ris", "--keep-going", "--dir", root)
    assert result.exit_code == 1 and len(files(root)) == 1


def test_a_record_missing_a_required_field_is_refused_unless_allow_incomplete(run, tmp_path):
    root = empty_dossier(tmp_path)
    bib = tmp_path / "conf.bib"
    bib.write_text("@article{hesp2020,\n  title = {Sophisticated Affective Inference},\n  year = {2020}\n}\n")
    refused = run("import", bib, "--dir", root)
    assert refused.exit_code == 1 and files(root) == []
    assert "conf.bib:1: error: hesp2020: a journal article needs 'container-title'" in refused.stderr
    allowed = run("import", bib, "--allow-incomplete", "--dir", root)
    assert allowed.exit_code == 0 and files(root) == ["hesp2020.toml"]
    assert "conf.bib:1: warning: hesp2020: a journal article needs 'container-title'" in allowed.stderr
    assert run("validate", "--dir", root).exit_code == 1  # validate still says what to complete


def test_a_book_chapter_without_a_publisher_is_imported_with_a_warning(run, tmp_path):
    root = empty_dossier(tmp_path)
    bib = tmp_path / "conf.bib"
    bib.write_text(
        "@incollection{hesp2020,\n  title = {Sophisticated Affective Inference},\n"
        "  author = {Hesp, Casper},\n  booktitle = {Workshop on Active Inference},\n  year = {2020}\n}\n"
    )
    result = run("import", bib, "--dir", root)
    assert result.exit_code == 0 and files(root) == ["hesp2020.toml"]
    assert "conf.bib:1: warning: hesp2020: a chapter in an edited book usually has 'publisher'" in result.stderr
    assert run("validate", "--dir", root).exit_code == 0  # a warning: W017
    assert run("validate", "--strict", "--dir", root).exit_code == 1


def test_merge_fills_in_the_missing_fields_of_an_existing_entry(run, tmp_path):
    root = empty_dossier(tmp_path)
    poor = tmp_path / "poor.bib"
    poor.write_text(
        "@article{lake2007, title = {Iran's Secret Plan For Mayhem}, journal = {New York Sun},\n"
        "  year = {2007}, url = {http://www.nysun.com/article/46032}}\n"
    )
    full = tmp_path / "full.bib"
    full.write_text(
        "@article{lake, author = {Lake, Eli}, title = {Iran's Secret Plan for Mayhem},\n"
        "  journal = {New York Sun}, year = {2007}, month = jan, day = 3, pages = {1},\n"
        "  url = {https://nysun.com/article/46032/}}\n"
    )
    assert run("import", poor, "--dir", root).exit_code == 0
    skipped = run("import", full, "--dir", root)
    assert "duplicate of entry 'lake2007': same URL and title; skipped" in skipped.stderr
    merged = run("import", full, "--merge", "--dir", root)
    assert merged.exit_code == 0 and "update " in merged.stdout and files(root) == ["lake2007.toml"]
    text = (root / "entries" / "lake2007.toml").read_text()
    assert 'family = "Lake"' in text and 'page = "1"' in text and 'issued = "2007"' in text  # its own date kept
