"""Finding a dossier and reading its files (load.py)."""

from pathlib import Path

import pytest

from conftest import LAKE, write_dossier
from dossiercli.errors import DossierError, DossierNotFound, UnknownEntry
from dossiercli.load import find_root, line_of, load_dossier, open_dossier, read_entry


def test_root_is_found_from_a_subfolder_as_git_finds_dot_git(dossier: Path):
    nested = dossier / "entries" / "deeper"
    nested.mkdir()
    assert find_root(env={}, cwd=nested) == dossier.resolve()


def test_explicit_dir_wins_over_the_environment(dossier: Path, tmp_path: Path):
    other = write_dossier(tmp_path / "other", {})
    assert find_root(other, env={"DOSSIER_DIR": str(dossier)}) == other
    assert find_root(None, env={"DOSSIER_DIR": str(dossier)}) == dossier


def test_no_dossier_is_a_clear_error(tmp_path: Path):
    with pytest.raises(DossierNotFound, match="no dossier.toml"):
        find_root(env={}, cwd=tmp_path)
    with pytest.raises(DossierNotFound, match="from DOSSIER_DIR"):
        find_root(env={"DOSSIER_DIR": str(tmp_path)})


def test_entries_are_read_recursively_and_the_stem_is_the_id(tmp_path: Path):
    root = write_dossier(tmp_path, {"lake2007": LAKE})
    (root / "entries" / "2007").mkdir()
    (root / "entries" / "2007" / "lake2007-copy.toml").write_text(LAKE.replace("Mayhem", "Havoc"))
    (root / "entries" / ".hidden.toml").write_text("not = toml = at all")
    dossier, findings = load_dossier(root)
    assert findings == []
    assert sorted(e.id for e in dossier.entries) == ["lake2007", "lake2007-copy"]


def test_unknown_id_lists_close_matches(dossier: Path):
    with pytest.raises(UnknownEntry, match="did you mean lake2007"):
        open_dossier(dossier).get("lake207")


def test_toml_syntax_errors_carry_the_parser_line(tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text('type = "book"\ntitle = "T"\npublisher = \n')
    entry, findings = read_entry(path)
    assert entry is None
    assert (findings[0].code, findings[0].line) == ("E004", 3)


def test_a_byte_order_mark_is_tolerated(tmp_path: Path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + LAKE.encode())
    entry, findings = read_entry(path)
    assert findings == [] and entry.title == "Iran's Secret Plan For Mayhem"


def test_deeply_nested_arrays_do_not_crash(tmp_path: Path):
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    _, findings = read_entry(path)
    assert findings[0].code == "E004"


def test_an_invalid_entry_is_skipped_naming_file_and_line_and_the_others_are_read(tmp_path: Path):
    root = write_dossier(tmp_path, {"good": LAKE, "bad": 'type = "book"\ntitle = "T"\nissued = "2007-02-30"\n'})
    dossier = open_dossier(root)
    assert [entry.id for entry in dossier.entries] == ["good"]
    (skipped,) = dossier.skipped
    assert str(skipped).startswith(f"{root / 'entries' / 'bad.toml'}:3: E020")
    with pytest.raises(UnknownEntry, match="'bad' is skipped because it is invalid"):
        dossier.get("bad")


def test_a_broken_dossier_toml_still_stops_commands(tmp_path: Path):
    root = write_dossier(tmp_path, {"good": LAKE}, config='title = "T"\ntitel = "x"\n')
    with pytest.raises(DossierError, match="E060 unknown field 'titel'"):
        open_dossier(root)


def test_line_of_finds_keys_inside_arrays_of_tables():
    text = 'title = "T"\n\n[[excerpts]]\ntext = "a"\n\n[[excerpts]]\ntext = "b"\nhighlights = ["c"]\n'
    assert line_of(text, ("title",)) == 1
    assert line_of(text, ("excerpts", 1)) == 6
    assert line_of(text, ("excerpts", 1, "highlights")) == 8
    assert line_of(text, ("missing",)) is None


# -- the fast read path builds the same values (issue 22.4) ------------------------------------------


def test_the_model_builders_make_the_objects_the_classes_make():
    import dataclasses

    from dossiercli.model.dates import PartialDate
    from dossiercli.model.entry import Entry, Excerpt
    from dossiercli.model.names import Name
    from dossiercli.model.plain import build_date, build_entry, build_excerpt, build_name

    for cls, build, values in [
        (Entry, build_entry, {"id": "a", "type": "book", "title": "T", "publisher": "P", "tags": ("x",)}),
        (Name, build_name, {"family": "Lake", "given": "Eli"}),
        (Excerpt, build_excerpt, {"text": "t", "highlights": ("t",)}),
        (PartialDate, build_date, {"year": 2007, "month": 1, "day": 3}),
    ]:
        made = build(values)
        assert type(made) is cls and made == cls(**values) and hash(made) == hash(cls(**values))
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.__setattr__(dataclasses.fields(cls)[0].name, None)


def test_validate_reads_the_same_problems_without_building_entries():
    """parse_entry(build=False), validate's path, finds exactly what building the Entry finds: every fixture."""
    import tomli

    from dossiercli.model.parse import parse_entry
    from dossiercli.rules import future_dates, static_problems

    fixtures = Path(__file__).parent / "fixtures"
    checked = 0
    for path in sorted(fixtures.rglob("*.toml")):
        try:
            table = tomli.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError, ValueError):
            continue
        entry, problems = parse_entry(table, path.stem)
        fields, same = parse_entry(table, path.stem, build=False)
        assert same == problems, path
        assert (entry is None) == (fields is None), path
        if entry is not None:
            assert static_problems(fields, table.keys()) == static_problems(entry, table.keys()), path
            assert future_dates(fields) == future_dates(entry), path
            assert (fields.url, fields.doi, fields.excerpts) == (entry.url, entry.doi, entry.excerpts), path
            checked += 1
    assert checked >= 15  # every valid fixture entry (the invalid ones check the problems above)
