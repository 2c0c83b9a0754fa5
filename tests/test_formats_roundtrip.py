"""Entry -> format -> entry keeps every field the format can carry (property tests over all fields).

What each format cannot carry is listed in docs/formats.md; `LOST` below is that list, and
every other field must come back exactly as it was.
"""

import dataclasses
import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dossiercli.formats.bibtex import read_bibtex, write_bibtex
from dossiercli.formats.csljson import read_csljson, write_csljson
from dossiercli.formats.ris import read_ris, write_ris
from dossiercli.model.entry import DATE_FIELDS, ENTRY_TYPES, NAME_FIELDS, TEXT_FIELDS, Entry
from dossiercli.model.names import Name
from dossiercli.model.parse import parse_entry
from dossiercli.validate import check_entry
from test_toml_out import dates

# Bibliographic text: accents, LaTeX's special characters, quotation marks and dashes.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüçñøåÉÖłışğ"
word = st.text(st.sampled_from(LETTERS + "0123456789&%$#_{}~^\\'\"?!:;.,()/–—«»"), min_size=1, max_size=10)
text = st.lists(word, min_size=1, max_size=6).map(" ".join)
surname = st.text(st.sampled_from(LETTERS + "'-"), min_size=1, max_size=12).filter(lambda s: s[0].isupper())
given_names = st.lists(surname, min_size=1, max_size=2).map(" ".join)
people = st.one_of(
    st.builds(
        Name,
        family=surname,
        given=st.none() | given_names,
        suffix=st.none() | st.sampled_from(["Jr.", "III"]),
        particle=st.none() | st.sampled_from(["van", "de la", "al-", "von"]),
    ),
    st.builds(
        Name,
        literal=st.sampled_from(
            [
                "Associated Press",
                "Smith and Sons",
                "Multi-National Force–Iraq",
                "Agence France-Presse",
                "U.S. Department of State",
            ]
        ),
    ),
)
tags = st.lists(st.text(st.sampled_from(LETTERS + "-"), min_size=1, max_size=10), max_size=3, unique=True).map(tuple)
numbers = st.from_regex(r"[1-9][0-9]{0,3}|[A-Z][0-9]{2,6}[a-z]?", fullmatch=True)
maybe = lambda strategy: st.none() | strategy  # noqa: E731

urls = st.from_regex(r"https://[a-z]{1,10}\.org/~?[a-z0-9_/]{0,20}(\?a=1&b=%20)?(#top)?", fullmatch=True)
any_entries = st.builds(
    Entry,
    id=st.just("x"),
    type=st.sampled_from(sorted(ENTRY_TYPES)),
    title=text,
    title_short=maybe(text),
    container_title=maybe(text),
    collection_title=maybe(text),
    collection_number=maybe(numbers),
    publisher=maybe(text),
    publisher_place=maybe(text),
    event_title=maybe(text),
    event_place=maybe(text),
    issued=maybe(dates()),
    accessed=maybe(dates()),
    url=maybe(urls),
    doi=maybe(st.from_regex(r"10\.[0-9]{4,5}/[a-z0-9.()_-]{1,12}", fullmatch=True)),
    isbn=maybe(st.from_regex(r"978-[0-9]-[0-9]{3}-[0-9]{5}-[0-9]", fullmatch=True)),
    page=maybe(st.from_regex(r"[1-9][0-9]{0,2}(-[1-9][0-9]{0,2})?|A[1-9][0-9]?", fullmatch=True)),
    volume=maybe(numbers),
    issue=maybe(numbers),
    number=maybe(numbers),
    edition=maybe(numbers),
    section=maybe(text),
    genre=maybe(text),
    medium=maybe(text),
    language=maybe(st.sampled_from(["en", "fr", "ar"])),
    note=maybe(text),
    archive_url=st.none(),
    authors=st.lists(people, max_size=3).map(tuple),
    editors=st.lists(people, max_size=2).map(tuple),
    translators=st.lists(people, max_size=2).map(tuple),
    interviewers=st.lists(people, max_size=1).map(tuple),
    tags=tags,
    # Fields real libraries carry (issue 11): each format keeps those it has a place for.
    volume_title=maybe(text),
    container_title_short=maybe(text),
    issn=maybe(st.just("0028-0836")),
    number_of_volumes=maybe(numbers),
    number_of_pages=maybe(numbers),
    part_number=maybe(numbers),
    chapter_number=maybe(numbers),
    version=maybe(numbers),
    original_title=maybe(text),
    status=maybe(st.sampled_from(["forthcoming", "in press", "submitted"])),
    abstract=maybe(text),
    pmid=maybe(st.from_regex(r"[1-9][0-9]{5,7}", fullmatch=True)),
    archive=maybe(text),
    archive_location=maybe(text),
    original_date=maybe(dates()),
    event_date=maybe(dates()),
    directors=st.lists(people, max_size=2).map(tuple),
    producers=st.lists(people, max_size=1).map(tuple),
    extra=st.lists(
        st.tuples(st.sampled_from(["addendum", "eprintclass", "urn"]), text), max_size=2, unique_by=lambda pair: pair[0]
    ).map(tuple),
)
# What RIS has no tag for, of the fields above (RIS is the narrowest format; docs/formats.md).
RIS_CANNOT = {
    "volume-title",
    "container-title-short",
    "number-of-volumes",
    "number-of-pages",
    "part-number",
    "chapter-number",
    "version",
    "original-title",
    "status",
    "PMID",
    "archive",
    "original-date",
    "event-date",
    "director",
    "producer",
    "extra",
}

REQUIRED = {
    "title": text,
    "container-title": text,
    "publisher": text,
    "genre": text,
    "issued": dates(),
    "URL": urls,
    "number": numbers,
    "author": st.lists(people, min_size=1, max_size=2).map(tuple),
}


@st.composite
def full_entries(draw):
    """Entries with every field drawn, and the fields their type requires (valid entries, as `validate` sees them)."""
    entry = draw(any_entries)
    missing = {
        TEXT_FIELDS.get(key) or DATE_FIELDS.get(key) or NAME_FIELDS[key]: draw(REQUIRED[key])
        for key in entry.entry_type.required
        if not entry.has(key)
    }
    entry = dataclasses.replace(entry, **missing)
    assume(not [p for p in check_entry(entry, dt.date(9999, 12, 31)) if p.code.startswith("E")])
    return entry


def joined_particles(entry: Entry) -> Entry:
    """BibTeX and RIS write "al-Sadr" as one surname (so styles print it right): it reads back as the family."""

    def join(name: Name) -> Name:
        if name.particle and name.particle.endswith(("-", "'")):
            return dataclasses.replace(name, family=name.surname, particle=None)
        return name

    return dataclasses.replace(
        entry, **{attr: tuple(join(n) for n in getattr(entry, attr)) for attr in NAME_FIELDS.values()}
    )


def carried(entry: Entry, lost: set[str]) -> dict:
    data = entry.to_toml_dict()
    for key in lost | {"excerpts", "archive_url"}:
        data.pop(key, None)
    return data


def round_trip(entry: Entry, write, read) -> dict:
    (record,), failures = read(write([entry]))
    assert failures == [] and record.problems == []
    again, problems = parse_entry(record.table, entry.id)
    assert problems == [], problems
    return again.to_toml_dict()


def bibtex_lost(entry: Entry) -> set[str]:
    lost = {"interviewer"}
    if entry.type == "report" and entry.collection_title and entry.number:
        lost.add("number")  # one `number` field: the series number wins
    if entry.type in ("article-newspaper", "article-magazine", "article-journal", "wire-story", "review"):
        lost |= {"number", "collection-number"}  # an article's `number` is its issue (a review is an @article)
    else:
        lost.add("issue")  # only articles have an issue in BibTeX
        if not (entry.type == "report" and entry.collection_title):
            lost.add("collection-number")
    if entry.type == "wire-story" and entry.container_title == entry.publisher:
        lost.add("container-title")  # one `journal` field: a paper named like its agency reads back as the agency
    if entry.type == "transcript" and entry.medium and entry.medium == entry.publisher:
        lost.add("medium")  # biblatex @unpublished prints the issuer as howpublished: the same text reads back as that
    return lost


@settings(max_examples=60, deadline=None)
@given(full_entries())
def test_bibtex_round_trip_keeps_every_field_it_can_carry(entry):
    entry = dataclasses.replace(entry, interviewers=())
    again = round_trip(entry, write_bibtex, read_bibtex)
    lost = bibtex_lost(entry)
    assert {k: v for k, v in again.items() if k not in lost} == carried(joined_particles(entry), lost)


@settings(max_examples=40, deadline=None)
@given(full_entries())
def test_ascii_bibtex_round_trip_keeps_the_same_fields(entry):
    entry = dataclasses.replace(entry, interviewers=())
    (record,), _ = read_bibtex(write_bibtex([entry], ascii_only=True))
    again, problems = parse_entry(record.table, entry.id)
    assert problems == []
    lost = bibtex_lost(entry)
    assert {k: v for k, v in again.to_toml_dict().items() if k not in lost} == carried(joined_particles(entry), lost)


@settings(max_examples=60, deadline=None)
@given(full_entries())
def test_csl_json_round_trip_keeps_every_field(entry):
    assert round_trip(entry, write_csljson, read_csljson) == carried(entry, set())


def ris_lost(entry: Entry) -> set[str]:
    lost = {"interviewer", "collection-number", "event-title", "event-place", "medium"} | RIS_CANNOT
    article = entry.type.startswith("article") or entry.type == "wire-story"
    if entry.issue and not entry.number and not article:
        lost |= {"issue", "number"}  # IS alone, outside articles, reads back as the number
    if article:
        lost.add("ISBN")  # RIS has one SN: an article's is its ISSN
    else:
        lost.add("ISSN")  # and anything else's is its ISBN
    return lost


@settings(max_examples=60, deadline=None)
@given(full_entries())
def test_ris_round_trip_keeps_every_field_it_can_carry(entry):
    entry = dataclasses.replace(entry, interviewers=())
    again = round_trip(entry, write_ris, read_ris)
    lost = ris_lost(entry)
    assert {k: v for k, v in again.items() if k not in lost} == carried(joined_particles(entry), lost)


# -- issue 27 items 6 and 9 ----------------------------------------------------------------------------


def test_a_month_that_is_not_a_month_survives_bibtex_and_biblatex():
    (record,), _ = read_bibtex("@article{a, title={T}, journal={J}, year={2007}, month={Spring}}")
    entry, _ = parse_entry(record.table, "a")
    assert dict(entry.extra)["month"] == "Spring"
    for biblatex in (False, True):
        (again,), _ = read_bibtex(write_bibtex([entry], biblatex=biblatex))
        assert again.table["extra"]["month"] == "Spring" and again.table["issued"] == "2007"


def test_a_reused_key_stays_with_its_record_through_csl_json(tmp_path):
    from conftest import write_dossier
    from dossiercli.importing import plan_import
    from dossiercli.load import open_dossier

    first, _ = parse_entry({"type": "book", "title": "One", "citation-key": "Smith2010"}, "smith2010")
    second, _ = parse_entry({"type": "book", "title": "Two"}, "Smith2010-b")
    (tmp_path / "x.json").write_text(write_csljson([first, second]), encoding="utf-8")
    plan = plan_import(open_dossier(write_dossier(tmp_path / "d", {})), [tmp_path / "x.json"])
    by_title = {p.entry.title: p.entry for p in plan.planned}
    assert (by_title["One"].id, by_title["One"].citation_key) == ("smith2010", "Smith2010")
    assert by_title["Two"].id == "Smith2010-b"


def test_ris_keeps_chapter_number_medium_and_literal_dates():
    entry, _ = parse_entry(
        {
            "type": "chapter",
            "title": "T",
            "container-title": "B",
            "chapter-number": "5",
            "medium": "DVD",
            "issued": {"literal": "thirteenth century"},
            "note": "Seen.",
        },
        "x",
    )
    (record,), _ = read_ris(write_ris([entry]))
    again, problems = parse_entry(record.table, "x")
    assert problems == [] and (again.chapter_number, again.medium, again.note) == ("5", "DVD", "Seen.")
    assert again.issued.literal == "thirteenth century"


def test_a_biblatex_set_is_named_on_the_not_kept_line():
    records, _ = read_bibtex(
        "@set{both, entryset = {a,b}}\n@book{a, title={A}, publisher={P}}\n@book{b, title={B}, publisher={P}}\n"
    )
    assert [r.key for r in records] == ["a", "b"] and records[0].not_kept == ["@set"]
