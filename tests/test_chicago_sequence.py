"""Positions in a sequence of notes (CMOS 14.29–36) and the bibliography's order (14.64–67)."""

from conftest import REPO
from dossiercli.chicago import render
from dossiercli.chicago.sequence import Citation, bibliography, notes_for, parse_note
from dossiercli.chicago.settings import MODES, dossier_settings
from dossiercli.load import open_dossier

DOSSIER = open_dossier(REPO)
STYLE = dossier_settings(DOSSIER).style
LAKE, AP, WRIGHT = "lake2007-iran-secret-plan", "ap2007-iran-helping-sunni", "wright2007-iranian-arms-taliban"


def texts(*notes, ibid=False, mode=None):
    sequence = [parse_note(n) for n in notes]
    return [render(n.text) for n in notes_for(sequence, DOSSIER.get, STYLE, ibid=ibid, mode=mode)]


def test_citation_syntax():
    assert parse_note("lake:3+ap") == (Citation("lake", "3"), Citation("ap", None))


def test_14_29_first_citation_full_later_ones_short():
    first, _, later = texts(f"{LAKE}:3", AP, f"{LAKE}:5")
    assert first.startswith("Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3,")
    assert later == "Lake, “Iran’s Secret Plan For Mayhem,” 5."


def test_14_34_the_same_work_again_at_once_is_author_and_page_without_the_title():
    assert texts(f"{LAKE}:3", f"{LAKE}:5", f"{LAKE}:5")[1:] == ["Lake, 5.", "Lake, 5."]


def test_14_34_an_unsigned_work_cited_again_at_once_keeps_its_short_title():
    assert texts(f"{AP}:2", f"{AP}:4")[1] == "Associated Press, “Iran Helping Some Sunni Insurgents,” 4."


def test_positions_are_reported():
    notes = notes_for([parse_note(n) for n in (LAKE, f"{LAKE}:2", AP, LAKE)], DOSSIER.get)
    assert [n.positions for n in notes] == [("first",), ("consecutive",), ("first",), ("subsequent",)]


def test_14_34_ibid_only_for_the_single_work_of_the_note_just_before():
    assert texts(f"{LAKE}:3", f"{LAKE}:3", f"{LAKE}:5", AP, f"{LAKE}:5", ibid=True)[1:] == [
        "Ibid.",
        "Ibid., 5.",
        "“U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.",
        "Lake, “Iran’s Secret Plan For Mayhem,” 5.",
    ]


def test_ibid_without_a_locator_after_one_with_a_locator_would_mislead_so_the_short_form_is_used():
    assert texts(f"{LAKE}:3", LAKE, ibid=True)[1] == "Lake, “Iran’s Secret Plan For Mayhem.”"


def test_17th_edition_default_is_the_short_note_not_ibid():
    assert texts(LAKE, LAKE)[1] == "Lake, “Iran’s Secret Plan For Mayhem.”"


def test_several_works_in_one_note_are_joined_by_semicolons():
    (note,) = texts(f"{WRIGHT}+{LAKE}")
    assert "A19; Eli Lake," in note and note.count(".”") == 0 and note.endswith("46032.")


def test_bibliography_is_sorted_by_author_then_title_and_repeats_become_a_dash():
    items = [render(text) for _, text in bibliography(DOSSIER.entries, STYLE, dash=True)]
    firsts = [item.split(".")[0] for item in items]
    assert firsts[:2] == ["American Forces Press Service", "Associated Press"]
    first_mnfi = next(i for i, item in enumerate(items) if item.startswith("Multi-National Force-Iraq"))
    assert items[first_mnfi].startswith("Multi-National Force-Iraq. “Coalition forces disrupt")
    assert [item[:5] for item in items[first_mnfi + 1 : first_mnfi + 3]] == ["———. ", "———. "]
    assert items[-1].startswith("Wright, Robin.")


def test_mode_full_bib_is_cmos_17_short_notes_after_a_full_first_note():
    assert texts(f"{LAKE}:3", AP, f"{LAKE}:5", f"{LAKE}:6", mode=MODES["full-bib"]) == texts(
        f"{LAKE}:3", AP, f"{LAKE}:5", f"{LAKE}:6"
    )


def test_mode_full_only_has_the_same_notes_and_no_bibliography():
    assert texts(f"{LAKE}:3", f"{LAKE}:5", mode=MODES["full-only"]) == texts(f"{LAKE}:3", f"{LAKE}:5")
    assert MODES["full-only"].bibliography is False and MODES["full-bib"].bibliography is True


def test_mode_18_ibid_uses_ibid_for_the_note_just_before():
    assert texts(f"{LAKE}:3", f"{LAKE}:5", mode=MODES["18-ibid"])[1] == "Ibid., 5."
    assert texts(f"{LAKE}:3", f"{LAKE}:5", mode=MODES["18"])[1] == "Lake, 5."  # 18 13.37


def test_mode_18_short_makes_every_note_short_the_first_included():
    first, second = texts(f"{LAKE}:3", f"{AP}:2", mode=MODES["18-short"])
    assert (
        first == "Lake, “Iran’s Secret Plan For Mayhem,” 3."
        and second == "Associated Press, “Iran Helping Some Sunni Insurgents,” 2."
    )
    notes = notes_for([parse_note(f"{LAKE}:3")], DOSSIER.get, STYLE, mode=MODES["18-short"])
    assert notes[0].positions == ("first",)


def test_prefixes_and_suffixes_frame_each_citation():
    notes = notes_for(
        [(Citation(LAKE, "3", prefix="See"),), (Citation(LAKE, "4", prefix="see also", suffix="emphasis added"),)],
        DOSSIER.get,
        STYLE,
        ibid=True,
    )
    assert render(notes[0].text).startswith("See Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun")
    assert render(notes[1].text) == "see also ibid., 4, emphasis added."
