"""Issue 27 item 7: the kind of work survives CSL-JSON. Every CSL 1.0.2 item type, imported as another
library writes it (no `custom` block of ours), exports with its own type again; a type the model has
no place for is folded into the nearest one and its CSL type kept in [extra]. Also the fields that
were lost with the type: a conference paper's event, a software's version, a letter's missing title."""

import datetime as dt
import json

import pytest

from dossiercli.formats.csljson import CSL_TYPES, read_csljson, to_csl, write_csljson
from dossiercli.model.parse import parse_entry
from dossiercli.validate import check_entry

# CSL 1.0.2's item types (the specification's list: its schema's, and `event`).
CSL_1_0_2 = sorted(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection
    dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview legal_case
    legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software song speech standard
    thesis treaty webpage""".split()
)
EVERYTHING = {
    "title": "A Work",
    "container-title": "A Container",
    "publisher": "A Publisher",
    "URL": "https://example.org/work",
    "number": "7",
    "issued": {"date-parts": [[2015, 3, 1]]},
    "author": [{"family": "Doe", "given": "Jane"}],
}


def imported(item: dict):
    (record,), failures = read_csljson(json.dumps([item]))
    assert failures == [] and record.problems == [], record.problems
    entry, problems = parse_entry(record.table, "work")
    assert entry is not None and problems == [], problems
    assert [p for p in check_entry(entry, dt.date(2026, 1, 1)) if p.code.startswith("E")] == []
    return entry


def test_the_list_is_the_specifications():
    assert set(CSL_1_0_2) == CSL_TYPES and len(CSL_1_0_2) == 45


@pytest.mark.parametrize("csl_type", CSL_1_0_2)
def test_every_csl_type_comes_back_as_itself(csl_type):
    entry = imported({"id": "work", "type": csl_type, **EVERYTHING})
    assert to_csl(entry)["type"] == csl_type
    again = imported(json.loads(write_csljson([entry]))[0])  # and once more through our own export
    assert again.type == entry.type and to_csl(again)["type"] == csl_type


@pytest.mark.parametrize(
    "csl_type, ours",
    [
        ("paper-conference", "paper-conference"),
        ("software", "software"),
        ("map", "map"),
        ("standard", "standard"),
        ("article", "preprint"),
        ("treaty", "treaty"),
        ("song", "song"),
        ("broadcast", "broadcast"),
        ("hearing", "hearing"),
        ("bill", "legislation"),
        ("pamphlet", "report"),
    ],
)
def test_the_kind_of_work_is_a_type_of_its_own_where_chicago_cites_it_differently(csl_type, ours):
    assert imported({"id": "work", "type": csl_type, **EVERYTHING}).type == ours


def test_a_letter_to_the_editor_is_published_and_a_conference_speech_is_a_paper():
    letter = imported({"id": "l", "type": "personal_communication", "genre": "Letter to the editor", **EVERYTHING})
    assert letter.type == "article-newspaper" and letter.genre == "Letter to the editor"
    talk = imported(
        {
            "id": "t",
            "type": "speech",
            "title": "On Search",
            "event-title": "Annual Conference on Search",
            "issued": "2019",
        }
    )
    assert talk.type == "paper-conference" and talk.event_title == "Annual Conference on Search"
    briefing = imported({"id": "b", "type": "speech", "title": "Briefing", "issued": "2019"})
    assert briefing.type == "transcript"


def test_software_keeps_its_version_and_doi_and_a_paper_its_event():
    software = imported(
        {"id": "s", "type": "software", "title": "Pandas", "version": "1.5.3", "DOI": "10.5281/zenodo.7549438"}
    )
    assert (software.type, software.version, software.doi) == ("software", "1.5.3", "10.5281/zenodo.7549438")
    paper = imported(
        {"id": "p", "type": "paper-conference", "title": "T", "event-title": "ECAI", "event-place": "Lisbon"}
    )
    assert to_csl(paper)["event"] == "ECAI" and to_csl(paper)["event-place"] == "Lisbon"


def test_open_ranges_and_zoteros_three_digit_year_are_kept_not_refused(tmp_path):
    from conftest import write_dossier
    from dossiercli.importing import plan_import
    from dossiercli.load import open_dossier

    items = [
        {"id": "a", "type": "dataset", "title": "Ongoing", "issued": {"date-parts": [[2015], [0]]}},
        {"id": "b", "type": "report", "title": "Open", "issued": {"raw": "2015/"}},
        {"id": "c", "type": "book", "title": "Old", "issued": {"raw": "199"}},
        {"id": "d", "type": "article", "title": "Submitted", "submitted": {"date-parts": [[2014, 12, 31], [0]]}},
    ]
    path = tmp_path / "zotero.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    plan = plan_import(open_dossier(write_dossier(tmp_path / "d", {})), [path])
    assert plan.failures == []
    dates = {p.entry.id: (p.entry.issued or p.entry.submitted) for p in plan.planned}
    assert dates["a"].literal == "2015–" and dates["b"].literal == "2015–" and dates["c"].literal == "199"
    assert dates["d"].literal == "December 31, 2014–"


def test_a_letter_has_no_empty_title_and_a_public_law_number_is_not_prefixed_twice():
    letter = imported({"id": "l", "type": "personal_communication", "author": [{"family": "Creel", "given": "G."}]})
    assert "title" not in to_csl(letter)
    law = imported(
        {"id": "h", "type": "legislation", "title": "Homeland Security Act", "number": "Pub. L. No. 107-296"}
    )
    assert to_csl(law)["number"] == "107-296"  # the style prints "Pub. L. No."
    assert imported(json.loads(write_csljson([law]))[0]).number == "Pub. L. No. 107-296"


def test_pmid_and_pmcid_lines_of_a_note_become_fields():
    entry = imported(
        {
            "id": "n",
            "type": "article-journal",
            "title": "T",
            "container-title": "J",
            "note": "PMID: 123456\nPMCID: PMC7654\nSeen.",
        }
    )
    assert (entry.pmid, entry.pmcid, entry.note) == ("123456", "PMC7654", "Seen.")


def test_csl_dates_and_name_roles_the_model_has_no_field_for_are_kept_in_extra():
    entry = imported(
        {
            "id": "m",
            "type": "motion_picture",
            "title": "T",
            "script-writer": [{"family": "Doe", "given": "J."}, {"literal": "A Collective"}],
            "available-date": {"date-parts": [[2020, 1, 2]]},
        }
    )
    assert dict(entry.extra) == {"script-writer": "Doe, J.; A Collective", "available-date": "2020-01-02"}
