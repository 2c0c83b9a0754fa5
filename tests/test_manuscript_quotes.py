"""Quotations a manuscript attributes, found and checked against the cited entries' excerpts (manuscript/quotes.py)."""

from __future__ import annotations

import time

from conftest import REPO
from dossiercli.load import open_dossier
from dossiercli.manuscript.quotes import (
    Citation,
    ExcerptIndex,
    NoteRef,
    Paragraph,
    Quotation,
    check,
    check_markdown,
    find_quotations,
    markdown_paragraphs,
    plain_paragraph,
)
from dossiercli.model.entry import Entry, Excerpt

BUNDLED = open_dossier(REPO)
CALDWELL = "caldwell2007-weekly-press-conference"


def bundled(text: str):
    return check_markdown(text, BUNDLED.entries, lambda key: BUNDLED.resolver.lookup(key).entry)


def found(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    paragraphs, notes = markdown_paragraphs(text)
    return [(" ".join(q.text.split()), q.keys, q.how) for q in find_quotations(paragraphs, notes)]


# -- which quotations a citation attributes ----------------------------------------------------------


def test_curly_and_straight_quotations_with_the_citation_right_after():
    assert found("He spoke of “select Sunni insurgent elements” [@a].\n") == [
        ("select Sunni insurgent elements", ("a",), "citation")
    ]
    assert found('He spoke of "select Sunni insurgent elements."[^1]\n\n[^1]: See [@a, 3].\n') == [
        ("select Sunni insurgent elements.", ("a",), "note")
    ]


def test_a_citation_later_in_the_same_sentence_or_before_the_quotation_in_it():
    text = (
        '"A few days," Cook said on Tuesday, "at most" [@cook].\n\n'
        'As @lake2007 reported, "Iran is supporting both" sides. "Unrelated words" end here.\n'
    )
    assert found(text) == [
        ("A few days,", ("cook",), "sentence"),
        ("at most", ("cook",), "citation"),
        ("Iran is supporting both", ("lake2007",), "sentence"),
    ]


def test_a_citation_just_inside_the_closing_mark():
    assert found('He spoke of "select Sunni insurgent elements [@a]."\n') == [
        ("select Sunni insurgent elements .", ("a",), "citation")  # the citation's place blanked
    ]
    (result,) = bundled('He spoke of "select Sunni insurgent elements [@caldwell2007-weekly]".\n')
    assert result.status == "verbatim"


def test_a_citation_in_another_sentence_attributes_nothing():
    assert found('He called it "a smoking gun." Later, others agreed [@a].\n') == []
    assert found('Maj. Gen. Rick Lynch said "we are seeing it" at the U.S. base [@a].\n') == [
        ("we are seeing it", ("a",), "sentence")  # "Maj.", "Gen." and "U.S." end no sentence
    ]
    assert found('No citation at all: "quoted words".\n') == []


def test_a_sentence_holding_only_a_citation_attributes_the_one_before_it():
    # the seed's footnote i: the quotations, a period, then the citation as a sentence of its own
    text = 'There was "clear" and "irrefutable" evidence of support. [See, @keaten2007; @wright2007, A19].\n'
    assert found(text) == [
        ("clear", ("keaten2007", "wright2007"), "sentence"),
        ("irrefutable", ("keaten2007", "wright2007"), "sentence"),
    ]


def test_quotes_within_quotes_belong_to_the_outer_quotation():
    text = "He said “the presence of ‘explosively formed penetrators,’ or EFPs” matters [@a].\n"
    assert found(text) == [("the presence of ‘explosively formed penetrators,’ or EFPs", ("a",), "sentence")]


def test_a_quotation_of_several_paragraphs_opens_each_and_closes_the_last():
    # CMOS 13.31: an opening mark at the start of each paragraph, a closing mark only at the end of the last
    text = (
        "Caldwell said:\n\n“It's not all Sunni insurgents. But rather we do know that there is a direct awareness by "
        "Iranian intelligence officials that they are providing support to some select Sunni insurgent elements.\n\n"
        "“And again, we have not gone any really further than that to describe the specifics of that support.” "
        "[@caldwell2007-weekly]\n"
    )
    (result,) = bundled(text)
    assert result.quotation.text.startswith("It's not all Sunni insurgents.")
    assert result.quotation.text.endswith("the specifics of that support.")
    assert (result.status, result.line, result.column) == ("verbatim", 3, 1)
    # an opening mark left open with no paragraph taking it up is no quotation
    assert found("“Left open.\n\nA new paragraph [@a].\n") == []


def test_block_quotations_attributed_inside_before_or_after():
    inside = "Intro.\n\n> Iran is supporting both Sunni and Shiite\n> terrorists. [@lake]\n"
    lead = "As the Sun reported [@lake]:\n\n> Iran is supporting both Sunni and Shiite terrorists.\n"
    after = "> Iran is supporting both Sunni and Shiite terrorists.\n\n[@lake]\n"
    alone = "A sentence.\n\n> Iran is supporting both Sunni and Shiite terrorists.\n\nAnother [@lake].\n"
    for text in (inside, lead, after):
        ((quoted, keys, how),) = found(text)
        assert " ".join(quoted.split()).startswith("Iran is supporting both Sunni and Shiite terrorists"), text
        assert (keys, how) == (("lake",), "block")
    assert found(alone) == []


def test_code_html_comments_and_escaped_marks_are_not_quotations():
    text = (
        'Code `"not a quote"` [@a].\n\n<!-- "hidden" [@a] -->\n\n```\n"fenced" [@a]\n```\n\n'
        'Escaped \\"marks\\" [@a].\n\n[a link](https://example.org "a title") [@a].\n'
    )
    assert found(text) == []


def test_quotations_in_inline_notes_and_own_footnotes():
    text = 'A claim.^[As "he said" [@a].] Another.[^n]\n\n[^n]: Quoting "the source" here [@b, 4].\n'
    assert sorted(found(text)) == [("he said", ("a",), "citation"), ("the source", ("b",), "sentence")]


def test_positions_are_the_opening_marks_line_and_column():
    text = "# Title\n\nThe spokesman spoke of support to “select Sunni insurgent elements” [@caldwell2007-weekly].\n"
    (result,) = bundled(text)
    assert (result.line, result.column) == (3, 35)


# -- the results -------------------------------------------------------------------------------------


def test_verbatim_after_normalising_quotes_dashes_white_space_and_case():
    text = (
        "“It’s not all Sunni\ninsurgents” [@caldwell2007-weekly].\n\n"
        '"Q General — in the past week" [@caldwell2007-weekly].\n\n'  # the transcript has "General, in the past week"
        '"ARE THERE MIDDLEMEN?" [@caldwell2007-weekly].\n'
    )
    results = bundled(text)
    assert [r.status for r in results] == ["verbatim", "altered", "verbatim"]
    assert results[0].entry == CALDWELL and results[0].excerpt == 1


def test_altered_names_the_closest_passage_similarity_and_word_diff():
    (result,) = bundled('The spokesman spoke of "select Shiite insurgent elements" [@caldwell2007-weekly].\n')
    assert result.status == "altered"
    assert (result.entry, result.excerpt, result.similarity) == (CALDWELL, 1, 0.75)
    assert result.passage == "select Sunni insurgent elements"
    assert result.diff == "select [-Shiite-]{+Sunni+} insurgent elements"


def test_a_dropped_not_is_an_alteration():
    text = 'Caldwell: "we have gone any really further than that" [@caldwell2007-weekly].\n'
    (result,) = bundled(text)  # the transcript: "we have not gone any really further than that"
    assert result.status == "altered" and result.diff.startswith("we have {+not+} gone")


def test_not_in_the_dossier_and_pinned_on_the_wrong_source():
    text = 'Lake wrote that "Shiite-dominated Iran is providing support to some Sunni insurgents" [@lake2007].\n'
    (result,) = bundled(text)
    assert result.status == "not-found"
    assert result.elsewhere == ["ap2007-iran-helping-sunni"]
    (nowhere,) = bundled('Lake wrote that "the moon is made of green cheese" [@lake2007].\n')
    assert nowhere.status == "not-found" and nowhere.elsewhere == []


def test_no_excerpt_to_check_names_the_entries_without_one():
    (result,) = bundled('Keaten reported "clear" evidence [@keaten2007].\n')
    assert result.status == "no-excerpt" and result.unchecked == ["keaten2007-us-diplomat-nato"]


def test_a_group_of_sources_is_satisfied_by_any_of_them():
    text = 'Support to "select Sunni insurgent elements" [see @keaten2007; also @ap2007].\n'
    (result,) = bundled(text)
    assert result.status == "verbatim" and result.entry == "ap2007-iran-helping-sunni"
    assert result.unchecked == ["keaten2007-us-diplomat-nato"]


def test_unknown_sources_are_left_to_the_citation_check():
    assert bundled('He said "anything" [@nobody2099].\n') == []


# -- the seed ----------------------------------------------------------------------------------------


def test_the_seed_example_manuscript_is_verbatim_and_one_changed_word_is_named_with_its_diff():
    text = (REPO / "examples" / "manuscript" / "backgrounder.md").read_text(encoding="utf-8")
    (result,) = bundled(text)
    assert (result.status, result.entry, result.quotation.text) == (
        "verbatim",
        CALDWELL,
        "select Sunni insurgent elements",
    )
    changed = text.replace("select Sunni insurgent elements", "select Sunni rebel elements")
    (result,) = bundled(changed)
    assert result.status == "altered" and result.diff == "select Sunni [-rebel-]{+insurgent+} elements"
    assert (result.line, result.column) == (11, 31)


def test_the_seeds_footnoted_paragraph_names_the_sources_that_hold_no_excerpt():
    # The seed's paragraph and its footnote i, word for word; Keaten and Wright are cited for
    # "clear" and "irrefutable", and the seed (so the bundled dossier) quotes neither's text.
    seed = (REPO.parent / "shared" / "seed" / "000_e118f31f6c6897aa.txt").read_text(encoding="utf-8")
    note = next(line for line in seed.splitlines() if line.startswith("ⁱ Several"))[2:]
    note = note.split(" See, Jamey Keaten")[0] + " [See, @keaten2007; @wright2007, A19]."  # the note's citations
    text = f"However, there is clear evidence of Iranian support for another Sunni group.[^i]\n\n[^i]: {note}\n"
    results = bundled(text)
    assert [(r.quotation.text, r.status) for r in results] == [("clear", "no-excerpt"), ("irrefutable", "no-excerpt")]
    assert results[0].unchecked == ["keaten2007-us-diplomat-nato", "wright2007-iranian-arms-taliban"]


# -- the Word route's hook: plain paragraphs and notes in ------------------------------------------


def test_plain_paragraphs_and_footnote_texts_feed_the_same_finder():
    body = "The spokesman spoke of “select Sunni insurgent elements”.1"
    note = "See Caldwell, press conference."
    paragraphs = [Paragraph(body, 0, notes=[NoteRef(len(body) - 1, len(body), "1")])]
    notes = {"1": [Paragraph(note, 0, citations=[Citation(4, len(note) - 1, (CALDWELL,))])]}
    (quotation,) = find_quotations(paragraphs, notes)
    assert (quotation.text, quotation.keys, quotation.how, quotation.note) == (
        "select Sunni insurgent elements",
        (CALDWELL,),
        "note",
        "1",
    )
    (result,) = check([quotation], lambda key: BUNDLED.resolver.lookup(key).entry, ExcerptIndex(BUNDLED.entries))
    assert result.status == "verbatim"


# -- hostile input: linear work ------------------------------------------------------------------------


def _cpu(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def test_a_one_megabyte_quotation_is_checked_and_reported():
    words = ("Iran is supporting both Sunni and Shiite terrorists " * 20_000)[:1_000_000]
    (result,) = bundled(f'Lake: "{words}" [@lake2007].\n')
    assert result.status in ("altered", "not-found") and len(result.quotation.text) > 990_000


def test_ten_thousand_quotations_take_linear_work():
    def paper(n: int) -> str:
        line = "“select Sunni insurgent elements” [@caldwell2007-weekly] and “select Sunni rebels” [@ap2007].\n\n"
        return line * (n // 2)

    assert len(bundled(paper(10_000))) == 10_000
    small, large = paper(500), paper(5_000)
    # ten times the quotations: about ten times the work (a quadratic step would make it a hundred)
    ratio = _cpu(lambda: bundled(large)) / max(min(_cpu(lambda: bundled(small)) for _ in range(3)), 1e-3)
    assert ratio < 40, ratio


def test_a_paragraph_of_unclosed_marks_and_brackets_is_linear():
    texts = ("“" * 200_000, '"' * 200_000 + " [@ap2007]", "… " * 100_000, "[x] " * 50_000 + '"a" [@ap2007]')
    for text in (*texts, "[" * 100_000 + ' "a" [@ap2007]'):
        bundled(text)  # returns: no exception, no quadratic wait
    (result,) = bundled('"' + "… [x] " * 20_000 + 'Shiite" [@ap2007].')
    assert result.status in ("verbatim", "altered", "not-found")


def test_a_quotation_of_only_marks_is_no_quotation():
    assert found('He said "…" and “ ” [@a].\n') == []
    quotation = Quotation("[sic]", 0, 7, ("x",), "citation")
    entry = Entry("x", "book", "X", excerpts=(Excerpt("Something."),))
    (result,) = check([quotation], lambda key: entry, ExcerptIndex([entry]))
    assert result.status == "verbatim" and result.quotation.text == "[sic]"


def test_plain_paragraphs_with_pandoc_citations_in_their_text():
    # A Word document's paragraphs and footnotes: plain text; the footnote reference is the caller's
    body = plain_paragraph("He spoke of “select Sunni insurgent elements”.", 0, [NoteRef(47, 47, "2")])
    note = plain_paragraph("See [@caldwell2007-weekly, 4]; and “Iran is supporting both” (@lake2007 [p. 3]).", 1000)
    assert [c.keys for c in note.citations] == [("caldwell2007-weekly",), ("lake2007",)]
    quotations = find_quotations([body], {"2": [note]})
    assert [(q.text, q.keys, q.how, q.start) for q in quotations] == [
        ("select Sunni insurgent elements", ("caldwell2007-weekly", "lake2007"), "note", 12),  # all the note cites
        ("Iran is supporting both", ("lake2007",), "citation", 1035),
    ]
    results = check(quotations, lambda key: BUNDLED.resolver.lookup(key).entry, ExcerptIndex(BUNDLED.entries))
    assert [r.status for r in results] == ["verbatim", "verbatim"]


def test_any_text_is_checked_without_an_exception():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        ['"', "“", "”", "‘", "’", "'", "[", "]", "[@ap2007]", "[@lake2007, 3]", "[^n]", "^[", "…", ". . .",
         "[sic]", "[t]", "> ", "\n", "\n\n", " ", "Iran", "is", "supporting", "`", "*", "_", "<!--", "-->", "\\"]
    )  # fmt: skip

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join))
    def run(text):
        for result in bundled(text + "\n\n[^n]: A note [@ap2007].\n"):
            assert result.status in ("verbatim", "altered", "not-found", "no-excerpt")
            assert result.line >= 1 and result.column >= 1

    run()
