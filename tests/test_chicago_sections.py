"""`--explain`: every element of every note carries the rule that placed it, and the rules' sections
come from one table (`chicago/sections.py`) that docs/chicago.md is generated from (issue 23, item 12).

Coverage, not examples: every entry of the cross-check cases, the unpublished types and the bundled
dossier (every entry type) × both editions × headline and as-given × every form a citation takes
(full note with and without a locator, short, consecutive, "Ibid.", bibliography). No piece of
text with a letter or digit may be untagged, and the key elements carry the rule of their kind.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from dossiercli.chicago import notes, sections
from dossiercli.chicago.notes import Style, finish
from dossiercli.chicago.sections import (
    RULES,
    claimed,
    elements,
    explaining,
    markdown_table,
    section_numbers,
    untagged,
)
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES

SOURCES = [
    open_dossier(REPO / "benchmarks" / "crosscheck_cases"),
    open_dossier(REPO / "tests" / "data" / "chicago-types"),
    open_dossier(REPO),
]
ENTRIES = {entry.id: entry for dossier in SOURCES for entry in dossier.entries}
STYLES = [Style(edition, headline) for edition in (17, 18) for headline in (True, False)]
DOC = (REPO / "docs" / "chicago.md").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def tagged():
    """The tags are made only while an explanation is asked for."""
    with explaining():
        yield


def test_outside_explaining_nothing_is_tagged():
    with explaining():
        assert untagged(finish(notes.full_note_body(ENTRIES["wright2007-iranian-arms-taliban"], "A19"))) == []
    token = sections._EXPLAINING.set(False)
    try:
        text = finish(notes.full_note_body(ENTRIES["wright2007-iranian-arms-taliban"], "A19"))
    finally:
        sections._EXPLAINING.reset(token)
    assert all(span.rule is None for span in text.spans)


def forms(entry, style):
    """Every form a citation of `entry` takes, finished as printed."""
    yield "full note", finish(notes.full_note_body(entry, "12", style))
    yield "full note without a locator", finish(notes.full_note_body(entry, None, style))
    yield "short note", finish(notes.short_note_body(entry, "15", style))
    yield "short note, author in the text", finish(notes.short_note_body(entry, "15", style, author_in_text=True))
    yield "consecutive", finish(notes.consecutive_note_body(entry, "16", style))
    yield "ibid", finish(notes.ibid_body("17"))
    yield "bibliography", finish(notes.bibliography_body(entry, style))


def test_the_entries_cover_every_type():
    assert {entry.type for entry in ENTRIES.values()} == set(ENTRY_TYPES)


@pytest.mark.parametrize("style", STYLES, ids=lambda s: f"{s.edition}-{'headline' if s.headline else 'as-given'}")
@pytest.mark.parametrize("entry_id", sorted(ENTRIES))
def test_no_element_of_any_form_is_untagged(entry_id, style):
    entry = ENTRIES[entry_id]
    for form, text in forms(entry, style):
        assert untagged(text) == [], f"{entry.type} {form}: {text.plain()}"
        for element in elements(text, style.edition):
            assert element.rule.id in RULES


def rules_of(text, edition=17) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for element in elements(text, edition):
        out.setdefault(element.rule.id, []).append(element.text)
    return out


NO_LEAD = {kind for kind, form in notes.FORMS.items() if form.no_lead}  # legal documents: the Bluebook's forms


@pytest.mark.parametrize("entry_id", sorted(ENTRIES))
def test_the_key_elements_carry_the_rule_of_their_kind(entry_id):
    entry = ENTRIES[entry_id]
    style = Style()
    full = rules_of(finish(notes.full_note_body(entry, "12", style)))
    bibliography = rules_of(finish(notes.bibliography_body(entry, style)))
    short = rules_of(finish(notes.short_note_body(entry, "15", style)))
    if entry.authors and entry.type not in {"letter"} | NO_LEAD:
        assert any(rule.startswith("names.") for rule in full), full
        assert "names.bibliography" in bibliography or entry.type == "letter"
        assert "names.short" in short
    if entry.title and entry.type not in NO_LEAD | {"letter"}:
        assert any(rule in ("title.quoted", "title.italic", "title.roman", "title.post") for rule in full), full
        assert "title.short" in short or entry.type == "encyclopedia-entry" and not entry.authors
    if (entry.url or entry.doi) and entry.type not in NO_LEAD:
        assert "link" in full and "link" in bibliography
    if entry.type not in NO_LEAD and not (entry.type == "encyclopedia-entry" and not entry.authors):
        assert "12" in full.get("locator", []), full  # (an unsigned reference work is cited s.v., 14.232)
    if entry.issued and entry.type in ("article-newspaper", "wire-story", "press-release", "article-magazine"):
        assert "date.news" in full


def test_the_issues_example_the_washington_post():
    """Robin Wright — 14.76 (our table; the issue read 14.72); *The Washington Post* — 14.191; A19 — 14.191."""
    wright = ENTRIES["wright2007-iranian-arms-taliban"]
    explained = {e.text: (e.rule.id, e.section) for e in elements(finish(notes.full_note_body(wright, "A19")))}
    assert explained["Robin Wright"] == ("names.note", "14.76")
    assert explained["Washington Post"] == ("container.newspaper", "14.191")
    assert explained["A19"] == ("locator", "14.191")  # a news note's page: the newspaper form's section
    as_given = elements(finish(notes.full_note_body(wright, "A19", Style(headline=False))))
    assert ("The Washington Post", "container.newspaper.as-given") in [(e.text, e.rule.id) for e in as_given]
    ibid = elements(finish(notes.ibid_body("A20")), 18)
    assert [(e.text, e.rule.id, e.section) for e in ibid] == [("Ibid", "ibid", "13.37"), ("A20", "locator", None)]


def test_the_18th_edition_section_where_it_differs():
    book = next(e for e in ENTRIES.values() if e.type == "book" and e.publisher_place)
    seventeen = {e.rule.id: e.section for e in elements(finish(notes.full_note_body(book, "12", Style(17))), 17)}
    eighteen = {e.rule.id: e.section for e in elements(finish(notes.full_note_body(book, "12", Style(18))), 18)}
    assert seventeen["publication-facts"] == "14.100" and eighteen["publication-facts"] == "14.30–14.31"
    assert seventeen["names.note"] == "14.76" and eighteen["names.note"] == "13.23"


def test_every_rule_has_a_section_or_a_form_that_gives_one():
    for rule in RULES.values():
        assert rule.description
        if rule.cmos17 is None and not rule.id.startswith("form."):
            continue  # its section is the form's
        assert rule.cmos17 is None or section_numbers(rule.cmos17), rule.id
    assert {f"form.{kind}" for kind in ENTRY_TYPES} <= set(RULES)


def test_docs_carry_the_generated_rule_index():
    index = DOC.split("## Rules and their sections\n", 1)[1].split("\n## ", 1)[0]
    table = index[index.index("| rule |") :]
    assert table.strip() == markdown_table().strip(), (
        "run: python -c 'from dossiercli.chicago.sections import markdown_table; print(markdown_table())'"
    )


def test_every_section_the_docs_cite_is_claimed_by_a_rule():
    """docs/chicago.md's rule tables may cite only sections some rule of the table claims: a new rule in the
    docs is a new row in chicago/sections.py, so --explain says it too."""
    implemented = DOC.split("## What is implemented", 1)[1].split("\n## ", 1)[0]
    eighteenth = DOC.split("## 18th edition", 1)[1].split("\n## ", 1)[0]
    cells = [row.rsplit("|", 2)[-2] for row in re.findall(r"^\|.*\|$", implemented + eighteenth, flags=re.M)]
    cited = section_numbers(" ".join(cells))
    assert cited and sorted(n for n in cited if not claimed(n)) == []
