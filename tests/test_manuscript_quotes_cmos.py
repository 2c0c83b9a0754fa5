"""The Manual's quotation conventions (CMOS 17 ch. 13), from its own examples where we have their text.

Sources of the examples:
- 13.53 (ellipses with periods): CMOS 17's four quotations of Mary Shelley's *Frankenstein*
  (1818, public domain) and the passage they come from, as CMOS Shop Talk printed them
  ("Ellipses with Periods (CMOS 13.53)", cmosshoptalk.com, November 20, 2018).
- 13.61 (*sic*): the Manual's example, J. W. Chaffin to Lincoln, September 1862 (CMOS 16
  13.59, renumbered 13.61 in CMOS 17), as quoted in "Sic Rules" (studylib.net/doc/18359635).
- A bracketed capital: the Manual's Q&A example "[T]he judge said" (chicagomanualofstyle.org,
  Q&A, Capitalization, faq0041, which points to 13.13–16 of CMOS 16, 13.18 of CMOS 17).
- Brackets (13.60), italics added (13.62) and quotes within quotes (13.30): on the bundled
  dossier's real sources (the Caldwell transcript, the AP wire stories), since we do not
  have the Manual's own example sentences for those sections.
"""

from __future__ import annotations

import pytest

from conftest import REPO
from dossiercli.load import open_dossier
from dossiercli.manuscript.quotes import ExcerptIndex, Quotation, check, parse
from dossiercli.model.entry import Entry, Excerpt

FRANKENSTEIN = (
    "The windows of the room had before been darkened, and I felt a kind of panic on seeing the pale yellow "
    "light of the moon illuminate the chamber. The shutters had been thrown back, and with a sensation of "
    "horror not to be described, I saw at the open window a figure the most hideous and abhorred. A grin was "
    "on the face of the monster; he seemed to jeer, as with his fiendish finger he pointed towards the corpse "
    "of my wife. I rushed towards the window, and drawing a pistol from my bosom, fired; but he eluded me, "
    "leaped from his station, and runni"
)
CHAFFIN = "the confiscation law past at the last session of Congress should be faithfully executed"
BUNDLED = open_dossier(REPO)


def against(text: str, quotation: str):
    entry = Entry("source", "book", "Source", excerpts=(Excerpt(text),))
    (result,) = check([Quotation(quotation, 0, 1, ("source",), "citation")], lambda key: entry, ExcerptIndex([entry]))
    return result


def bundled(entry_id: str, quotation: str):
    (result,) = check(
        [Quotation(quotation, 0, 1, (entry_id,), "citation")],
        lambda key: BUNDLED.resolver.lookup(key).entry,
        ExcerptIndex(BUNDLED.entries),
    )
    return result


# -- 13.50–58: ellipses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quotation",
    [
        # CMOS 17 13.53, quotation 1: three dots for words left out within a sentence
        "With a sensation of horror . . . I saw at the open window a figure.",
        # quotation 2: a period, then the ellipsis (four dots), the next sentence capitalised
        "I saw at the open window a figure the most hideous and abhorred. . . . He seemed to jeer.",
        # quotation 3: the first part read as a sentence, though the original goes on ("panic on seeing")
        "I felt a kind of panic. . . . With a sensation of horror not to be described, I saw at the open window "
        "a figure the most hideous and abhorred.",
        # quotation 4: a quotation deliberately trailing off (13.55)
        "I rushed towards the window . . .",
    ],
)
def test_the_manuals_ellipsis_examples_are_verbatim(quotation):
    result = against(FRANKENSTEIN, quotation)
    assert result.status == "verbatim" and not result.far_ellipsis and not result.dropped_negation, result


def test_every_way_of_writing_an_ellipsis_means_the_same():
    for mark in ("…", "...", ". . .", "[…]", "[...]", "[. . .]"):
        result = against(FRANKENSTEIN, f"With a sensation of horror {mark} I saw at the open window a figure")
        assert result.status == "verbatim", mark


def test_the_pieces_around_an_ellipsis_must_stand_in_order():
    result = against(FRANKENSTEIN, "He seemed to jeer . . . a figure the most hideous and abhorred")
    assert result.status == "altered"
    assert result.remarks == ["every part is in the source, but not in this order (or not this near)"]


def test_a_changed_word_around_an_ellipsis_is_named_with_its_diff():
    result = against(FRANKENSTEIN, "With a sensation of dread . . . I saw at the open window a figure")
    assert result.status == "altered" and result.diff == "With a sensation of [-dread-]{+horror+}"


def test_an_ellipsis_joining_passages_far_apart_is_reported():
    result = against(FRANKENSTEIN, "The windows of the room had before been darkened . . . he eluded me")
    assert result.status == "verbatim" and result.far_ellipsis
    assert result.remarks == [
        "the ellipsis after “before been darkened” leaves out 89 words of the source: "
        "it joins passages far apart (CMOS 13.50)"
    ]


def test_an_ellipsis_joining_two_excerpts_of_one_source_is_reported():
    entry = Entry("source", "book", "Source", excerpts=(Excerpt(FRANKENSTEIN[:130]), Excerpt(FRANKENSTEIN[300:])))
    quotation = Quotation("The windows of the room … he seemed to jeer", 0, 1, ("source",), "citation")
    (result,) = check([quotation], lambda key: entry, ExcerptIndex([entry]))
    assert result.status == "verbatim" and result.far_ellipsis
    assert "an ellipsis joins two different excerpts of the source" in result.remarks


# -- 13.60–62: brackets -------------------------------------------------------------------------------


def test_a_bracketed_capital_matches_the_sources_letter():
    # "[t]he" for "The" (13.18 lets the first letter change; in brackets where that must show)
    result = against(FRANKENSTEIN, "[t]he shutters had been thrown back")
    assert result.status == "verbatim"
    assert result.remarks == ["[t]he: a capital changed to fit the sentence (CMOS 13.18)"]
    assert against(FRANKENSTEIN, "[W]ith a sensation of horror").status == "verbatim"
    # the Manual's Q&A (chicagomanualofstyle.org, Capitalization, faq0041): “[T]he judge said” for “the judge said”
    assert against("Then the judge said the case was closed.", "[T]he judge said").status == "verbatim"


def test_an_interpolation_stands_for_the_sources_words_and_is_no_error():
    # 13.60: words in brackets are the writer's, standing in for the source's (here "Iranian")
    result = bundled(
        "caldwell2007-weekly", "there is a direct awareness by [Tehran's] intelligence officials that they are"
    )
    assert result.status == "verbatim"
    assert result.remarks == ["[Tehran's]: an interpolation; it stands for “iranian” (CMOS 13.60)"]


def test_an_interpolation_for_a_pronoun_at_the_start():
    # "[Caldwell] said" for the wire story's "He said"
    result = bundled("ap2007", "[Caldwell] said the support to Sunni insurgents was limited to select groups")
    assert result.status == "verbatim"
    assert result.remarks == ["[Caldwell]: an interpolation (CMOS 13.60)"]


def test_an_interpolation_that_adds_words():
    result = bundled("caldwell2007-weekly", "they are providing support [financial, as he said later] to some select")
    assert result.status == "verbatim"
    assert result.remarks == ["[financial, as he said later]: an interpolation; it is an addition (CMOS 13.60)"]


def test_an_interpolation_may_not_stand_for_a_whole_passage():
    # A bracket standing for twenty words hides too much: that is an ellipsis's work (13.50)
    result = bundled(
        "caldwell2007-weekly", "I don't think we've gone so far [the general said] select Sunni insurgent elements"
    )
    assert result.status == "altered"


def test_italics_added_is_an_interpolation():
    # 13.62: "italics added" (or "emphasis added") in brackets inside the quotation
    result = bundled("caldwell2007-weekly", "It's not all Sunni insurgents [italics added].")
    assert result.status == "verbatim"
    assert result.remarks == ["[italics added]: an interpolation (CMOS 13.60)"]


def test_sic_keeps_the_sources_error():
    # CMOS 17 13.61: Chaffin urged Lincoln that "the confiscation law past [sic] at the last session
    # of Congress should be faithfully executed"
    quotation = "the confiscation law past [sic] at the last session of Congress should be faithfully executed"
    result = against(CHAFFIN, quotation)
    assert result.status == "verbatim"
    assert result.remarks == ["[sic]: the source's own error, kept (CMOS 13.61)"]
    assert against(CHAFFIN, quotation.replace("*sic*", "sic").replace("[sic]", "[*sic*]")).status == "verbatim"
    corrected = against(CHAFFIN, "the confiscation law passed at the last session of Congress")
    assert corrected.status == "altered" and corrected.diff.startswith("the confiscation law [-passed-]{+past+}")


# -- 13.30: quotations within quotations ----------------------------------------------------------------


def test_double_marks_in_the_source_become_single_inside_the_quotation():
    # The AP story: the presence of "explosively formed penetrators," or EFPs, in Sunni weapons caches
    quotation = "the presence of ‘explosively formed penetrators,’ or EFPs, in Sunni weapons caches"
    assert bundled("reid2007", quotation).status == "verbatim"
    assert bundled("reid2007", quotation.replace("‘", "'").replace("’", "'")).status == "verbatim"


def test_the_parser_reads_every_convention_in_one_pass():
    pattern = parse("[T]he news . . . was [sic] widely reported [by the Sun] last month … but")
    assert pattern.pieces == ["the news", "was widely reported", "last month", "but"]
    assert [(g.kind, g.written) for g in pattern.gaps] == [
        ("ellipsis", ". . ."),
        ("bracket", "[by the Sun]"),
        ("ellipsis", "…"),
    ]
    assert pattern.remarks == [
        "[T]he: a capital changed to fit the sentence (CMOS 13.18)",
        "[sic]: the source's own error, kept (CMOS 13.61)",
    ]


def test_an_ellipsis_that_leaves_out_a_not_is_reported():
    # 13.50: an omission must not change the sense. The transcript: "I don't think we've gone so far
    # as to try to specify the specific kind of support"
    result = bundled(
        "caldwell2007-weekly", "I . . . think we've gone so far as to try to specify the specific kind of support"
    )
    assert result.status == "verbatim" and result.dropped_negation
    assert result.remarks == [
        ". . . leaves out “don't”: does the quotation still say what the source says? (CMOS 13.50)"
    ]
    assert not bundled("caldwell2007-weekly", "I don't think … the specific kind of support").dropped_negation
    # a longer omission that happens to hold a "not" is the Manual's own first example: no warning
    assert not against(FRANKENSTEIN, "With a sensation of horror . . . I saw").dropped_negation
