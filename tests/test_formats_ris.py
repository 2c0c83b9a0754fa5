"""RIS in and out (formats/ris.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO
from dossiercli.formats.ris import read_ris, write_ris
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES, Entry
from dossiercli.model.parse import parse_entry
from test_formats_bibtex import dates, people, titles


def test_reading_a_zotero_style_export():
    records, failures = read_ris((FIXTURES / "import" / "zotero.ris").read_text())
    assert failures == []
    lake, release, chapter = (r.table for r in records)
    assert (
        lake["type"] == "article-newspaper"
        and lake["issued"] == "2007-01-03"
        and lake["tags"] == ["iran", "quds-force"]
    )
    assert release["type"] == "press-release" and release["number"] == "A070531a"
    assert release["author"] == [{"literal": "Multi-National Force-Iraq"}]
    assert chapter["page"] == "101-128" and chapter["editor"] == [{"family": "Gordon", "given": "Michael R."}]
    assert [r.line for r in records] == [1, 12, 20]


def test_broken_records_are_reported_with_their_lines():
    records, failures = read_ris((FIXTURES / "import" / "broken.ris").read_text())
    assert [r.table["title"] for r in records] == ["Second"]
    # A line that is not a tag continues the value before it (RIS wraps long values);
    # the first record never closes, so it is reported where it starts.
    assert [(f.line, f.reason) for f in failures] == [(1, "record has no 'ER  -' line before the next 'TY  -'")]


def test_the_bundled_dossier_keeps_its_types_titles_dates_and_names():
    for entry in open_dossier(REPO).entries:
        (record,), failures = read_ris(write_ris([entry]))
        again, problems = parse_entry(record.table, entry.id)
        assert failures == [] and problems == []
        assert (again.type, again.title, again.issued, again.authors, again.url, again.tags) == (
            entry.type,
            entry.title,
            entry.issued,
            entry.authors,
            entry.url,
            entry.tags,
        )


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        Entry,
        id=st.just("x"),
        type=st.sampled_from(sorted(ENTRY_TYPES)),
        title=titles,
        publisher=st.none() | titles,
        issued=st.none() | dates(),
        authors=st.lists(people, max_size=4).map(tuple),
    )
)
def test_round_trip_of_generated_entries(entry):
    (record,), failures = read_ris(write_ris([entry]))
    again, problems = parse_entry(record.table, "x")
    assert failures == [] and problems == []
    assert (again.type, again.title, again.publisher, again.issued, again.authors) == (
        entry.type,
        entry.title,
        entry.publisher,
        entry.issued,
        entry.authors,
    )
