"""BibTeX and biblatex in and out (formats/bibtex.py)."""

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO
from dossiercli.formats.bibtex import read_bibtex, write_bibtex
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES, Entry
from dossiercli.model.names import Name
from dossiercli.model.parse import parse_entry
from test_toml_out import dates

IMPORT = FIXTURES / "import"


def records(name):
    recs, failures = read_bibtex((IMPORT / name).read_text(encoding="utf-8"))
    return {r.key: r for r in reversed(recs)}, failures  # the first record of a key


def test_macros_months_accents_braces_and_crossref():
    recs, failures = records("macros-and-accents.bib")
    assert failures == []
    assert set(recs) == {"wright2007", "keaten2007", "haddad2011", "edited2008", "nasr2008", "sadr2010"}
    wright = recs["wright2007"].table
    assert wright["type"] == "article-newspaper" and wright["container-title"] == "Washington Post"
    assert wright["title"] == "Iranian Arms Destined for Taliban Seized in Afghanistan, Officials Say"
    assert wright["issued"] == "2007-09-16"
    keaten = recs["keaten2007"].table
    assert keaten["type"] == "wire-story"
    assert keaten["container-title"] == "Associated Press Worldstream"  # macro # "string"
    assert keaten["title"].startswith("U.S. diplomat says NATO has intercepted Iranian")
    assert keaten["issued"] == "2007-06-13"
    assert recs["haddad2011"].table["author"][1] == {"literal": "Institute for the Study of War"}
    assert recs["haddad2011"].table["publisher"] == "Hurst & Company"
    assert recs["edited2008"].table["editor"][1] == {
        "family": "Cruz",
        "given": "José",
        "non-dropping-particle": "de la",
    }
    nasr = recs["nasr2008"].table
    assert nasr["container-title"] == "Iraq after Saddam" and nasr["publisher"] == "Oxford University Press"
    assert nasr["author"][1] == {"family": "Müller", "given": "Jürgen"}
    assert nasr["author"][2] == {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
    assert nasr["page"] == "101-128"
    sadr = recs["sadr2010"].table
    assert sadr["genre"] == "PhD diss." and sadr["title"] == "Sectarian Alliances in Iraq, 2003–2008"
    assert sadr["URL"] == "https://example.org/~sadr/thesis.pdf"  # no LaTeX in URLs: ~ is a tilde


def test_every_record_of_a_messy_file_is_an_entry_or_has_a_one_line_reason():
    recs, failures = records("messy.bib")
    assert [(f.line, f.reason.split(":")[0]) for f in failures] == [(9, "malformed BibTeX")]
    assert set(recs) == {"good1", "notitle", "baddate", "good2"}
    (repeated,) = [r for r in read_bibtex((IMPORT / "messy.bib").read_text())[0] if r.line == 16]
    assert repeated.key == "good1" and repeated.warnings == ["the key 'good1' is used by an earlier record too"]
    good1 = recs["good1"].table
    assert good1["URL"] == "http://www.nysun.com/article/46032"
    assert good1["note"].startswith("Also at: http://web.archive.org/")
    baddate = recs["baddate"]  # a web page needs no date: the bad year is kept aside, not a refusal
    assert baddate.table["issued"] == {"literal": "20071"}
    assert baddate.warnings == ["year '20071' is not a year we can read: kept as a literal date"]


def test_export_escapes_special_characters_and_protects_capitals():
    entry, _ = parse_entry(
        {
            "type": "book",
            "title": "Fish & Chips: 100% of $5 #1 under_score {x} ~ ^ \\",
            "publisher": "P",
            "author": ["O'Brien, Seán"],
        },
        "obrien",
    )
    text = write_bibtex([entry])
    assert (
        r"title = {{Fish \& Chips: 100\% of \$5 \#1 under\_score \textbraceleft{}x\textbraceright{} \textasciitilde{} \textasciicircum{} \textbackslash{}}}"
        in text
    )
    ascii_text = write_bibtex([entry], ascii_only=True)
    assert ascii_text.isascii() and "Se\\'an" in ascii_text.replace("{", "").replace("}", "")


def test_export_parses_with_bibtexparser_and_pybtex_to_the_same_entries_and_fields():
    pybtex = pytest.importorskip("pybtex.database")
    text = write_bibtex(open_dossier(REPO).entries)
    ours = bibtexparser.parse_string(text)
    assert ours.failed_blocks == []
    theirs = pybtex.parse_string(text, "bibtex")
    assert len(ours.entries) == len(theirs.entries) == 15
    for entry in ours.entries:
        other = theirs.entries[entry.key]
        fields = {f.key.lower() for f in entry.fields} - {"author", "editor", "translator"}
        assert fields == {k.lower() for k in other.fields}, entry.key
        assert (
            len(other.persons.get("author", [])) == len(entry.fields_dict["author"].value.split(" and "))
            if "author" in entry.fields_dict
            else True
        )


def test_the_bundled_dossier_survives_a_round_trip_except_excerpts():
    for entry in open_dossier(REPO).entries:
        (record,), _ = read_bibtex(write_bibtex([entry]))
        again, problems = parse_entry(record.table, entry.id)
        assert problems == []
        expected = entry.to_toml_dict()
        expected.pop("excerpts", None)
        assert again.to_toml_dict() == expected, entry.id


words = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüçØ0123456789&%$#_'?!:;.()"),
    min_size=1,
    max_size=12,
)
titles = st.lists(words, min_size=1, max_size=8).map(" ".join)
people = st.builds(
    Name,
    family=st.from_regex(r"[A-Z][a-zé]{1,10}", fullmatch=True),
    given=st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z]\.)?", fullmatch=True),
)


@settings(max_examples=40, deadline=None)
@given(
    st.builds(
        Entry,
        id=st.just("x"),
        type=st.sampled_from(sorted(ENTRY_TYPES)),
        title=titles,
        publisher=st.none() | titles,
        issued=st.none() | dates(),
        url=st.none() | st.from_regex(r"https://[a-z]{1,10}\.org/~?[a-z0-9_/]{0,20}", fullmatch=True),
        authors=st.lists(people, max_size=4).map(tuple),
    )
)
def test_round_trip_of_generated_entries_keeps_what_bibtex_carries(entry):
    (record,), failures = read_bibtex(write_bibtex([entry]))
    assert failures == []
    again, problems = parse_entry(record.table, entry.id)
    assert problems == [] and again is not None
    assert again.type == entry.type
    assert again.title == entry.title
    assert again.issued == entry.issued
    assert again.url == entry.url
    assert again.authors == entry.authors
    if entry.type != "wire-story":  # the agency is written as the journal
        assert again.publisher == entry.publisher


def test_biblatex_export_follows_biblatex_chicago():
    release, _ = parse_entry(
        {
            "type": "press-release",
            "title": "Three Suspected Terrorists Captured",
            "publisher": "Multi-National Force-Iraq",
            "issued": "2007-05-31",
        },
        "mnfi",
    )
    wire, _ = parse_entry(
        {
            "type": "wire-story",
            "title": "Westchester Approves Measure on Gun Safety",
            "publisher": "Associated Press",
            "container-title": "New York Times",
            "issued": "2000-06-12",
        },
        "ap",
    )
    briefing, _ = parse_entry(
        {
            "type": "transcript",
            "title": "DoD News Briefing",
            "genre": "news briefing",
            "publisher": "U.S. Department of Defense",
            "issued": "2007-05-25",
            "event-place": "Pentagon",
            "author": ["Gibbs, Ricky"],
        },
        "gibbs",
    )
    text = write_bibtex([release, wire, briefing], biblatex=True)
    parsed = {e.key: e for e in bibtexparser.parse_string(text).entries}
    assert parsed["mnfi"].entry_type == "online" and parsed["mnfi"]["titleaddon"] == "press release"
    assert parsed["mnfi"]["organization"] == "Multi-National Force-Iraq"
    assert parsed["ap"].entry_type == "article" and parsed["ap"]["entrysubtype"] == "magazine"
    assert parsed["ap"]["author"] == "{Associated Press}" and parsed["ap"]["journaltitle"] == "New York Times"
    assert parsed["gibbs"].entry_type == "unpublished" and parsed["gibbs"]["titleaddon"] == "news briefing"
    assert parsed["gibbs"]["howpublished"] == "U.S. Department of Defense" and parsed["gibbs"]["venue"] == "Pentagon"
    back = {r.key: r.table for r in read_bibtex(text)[0]}
    assert back["mnfi"]["type"] == "press-release" and back["gibbs"]["type"] == "transcript"
    assert back["gibbs"]["genre"] == "news briefing" and back["gibbs"]["publisher"] == "U.S. Department of Defense"
