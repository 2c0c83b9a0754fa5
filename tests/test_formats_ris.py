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


# -- issue 27: RIS as Zotero and RefWorks write it ------------------------------------------------

SIDAWAY = """TY  - JOUR
T1  - One Island
JF  - Geopolitics
M3  - 10.1080/14650040903501120
A1  - Sidaway,James D.
PY  - 2010/11/19/
SP  - 150 – 168
EP  - 150 – 168
ER  -
"""


def test_a_doi_in_m3_is_the_doi_not_a_genre_and_a_range_given_twice_is_one_range():
    ((record,), _) = read_ris(SIDAWAY)
    assert record.table["DOI"] == "10.1080/14650040903501120" and "genre" not in record.table
    assert record.table["page"] == "150-168" and record.table["issued"] == "2010-11-19"


def test_the_doi_is_read_from_do_di_m3_or_an_n1_doi_line_and_the_m3_genre_stays():
    for tag in ("DO", "DI", "M3", "N1"):
        value = "doi: 10.1000/x.1" if tag == "N1" else "10.1000/x.1"
        ((record,), _) = read_ris(f"TY  - RPRT\nTI  - T\nM3  - Working paper\n{tag}  - {value}\nER  - \n")
        assert record.table["DOI"] == "10.1000/x.1", tag
        assert record.table["genre"] == "Working paper" and "note" not in record.table


def test_pages_and_extent_as_refworks_writes_them():
    records, failures = read_ris((FIXTURES / "real" / "refworks-dtu.ris").read_text())
    book, article = (r.table for r in records)
    assert failures == [] and article["type"] == "article-journal"
    assert article["DOI"] == "10.1080/0020723042000189886" and "genre" not in article
    assert article["page"] == "427-436" and article["volume"] == "61"  # SP the range, EP its first page
    assert book["number-of-pages"] == "xvi, 182 p" and "page" not in book  # EP: the book's extent
    # Every value is kept: three N1 notes, the other ISBNs and abbreviations in [extra].
    assert book["note"].count("\n\n") == 2 and "Darmstadt" in book["note"]
    assert book["extra"]["ris-sn"] == "9783834814098; 3834898295; 3834814091"
    assert article["extra"]["ris-ja"].startswith("Int. J. Environ. Stud.")


def test_a_publishers_ris_with_the_doi_three_times_reads_one_doi():
    records, _ = read_ris((FIXTURES / "real" / "zotero-ristests.ris").read_text())
    light = records[0].table
    assert light["DOI"] == "10.3109/07434618.2014.906498" and "note" not in light and "genre" not in light
    assert light["extra"] == {"ris-jo": "Augment Altern Commun"}


def test_the_fourth_part_of_a_date_is_free_text_kept_beside_the_date():
    ((record,), _) = read_ris("TY  - BOOK\nTI  - T\nPY  - 1985///1922\nER  - \n")
    assert record.table["issued"] == "1985" and record.table["extra"]["date-other"] == "1922"
    assert "1922" in record.warnings[0]
    ((words,), _) = read_ris("TY  - BOOK\nTI  - T\nDA  - ///Spring term\nER  - \n")
    assert words.table["issued"] == {"literal": "Spring term"}
    ((ours,), _) = read_ris("TY  - BOOK\nTI  - T\nDA  - 2007///2007~\nER  - \n")
    assert ours.table["issued"] == "2007~"
