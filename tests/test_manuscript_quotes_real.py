"""Real quoted prose nobody here wrote: news stories quoting officials, checked against the officials' own words.

tests/fixtures/quotes/README.md says where each text comes from.
"""

from __future__ import annotations

import json

from conftest import REPO
from dossiercli.load import open_dossier
from dossiercli.manuscript.quotes import check_markdown

COOK = REPO / "tests" / "fixtures" / "quotes" / "cook2015"
BUNDLED = open_dossier(REPO)


def test_four_stories_quoting_the_pentagon_briefing_of_august_25_2015(run):
    result = run("manuscript", COOK / "news.md", "--check-quotes", "--report", "json", "--dir", COOK)
    assert result.exit_code == 1
    quotations = json.loads(result.stdout)["quotations"]
    assert [(q["line"], q["text"][:40], q["status"]) for q in quotations] == [
        (3, "have finalized technical details for Tur", "verbatim"),  # CNN
        (5, "a few days", "verbatim"),
        (5, "we believed that Turkey is committed to ", "altered"),  # Cook said "We believe"
        (7, "The United States and Turkey have finali", "verbatim"),  # Defense Media Network: two sentences
        (9, "Turkey is a NATO ally, close friend of t", "verbatim"),
        (11, "could take a few days", "verbatim"),  # Voice of America
        (13, "The fact that Turkey is now going to be ", "not-found"),  # said in the questions: not in our excerpt
        (17, "a work in progress", "not-found"),  # the AP story; likewise
    ]
    altered = quotations[2]
    assert altered["diff"] == "we [-believed-]{+believe+} that Turkey is committed…"
    assert altered["passage"] == "We believe that Turkey is committed to fully participating as soon as possible"
    assert altered["similarity"] == 0.923
    # a quotation in a sentence without a citation is nobody's to check ("to do more in the fight", Carter)
    assert not any("do more" in q["text"] for q in quotations)


def test_the_wire_story_quoting_the_caldwell_transcript():
    # The AP story of May 9, 2007 (ap2007-iran-helping-sunni) quotes the press conference whose
    # transcript is caldwell2007-weekly-press-conference; both texts as the seed prints them.
    ap = BUNDLED.get("ap2007-iran-helping-sunni").excerpts[0].text
    story = "\n\n".join(
        paragraph + " [@caldwell2007-weekly]"
        for paragraph in ap.split("\n\n")
        if "Caldwell" in paragraph and '"' in paragraph
    )
    results = check_markdown(story, BUNDLED.entries, lambda key: BUNDLED.resolver.lookup(key).entry)
    assert [(r.quotation.text[:30], r.status, r.similarity, r.diff) for r in results] == [
        # the transcript: "It's not all Sunni insurgents. But rather we do know …": two sentences made one
        ("It's not all Sunni insurgents ", "altered", 0.984, "…not all Sunni insurgents {+.+} but rather we do…"),
        # the transcript: "we do know they're providing support": the story adds "that"
        ("we do know that they're provid", "altered", 0.965, "we do know [-that-] they're providing support in…"),
    ]  # ("very soon." stands a sentence before the citation: not attributed)


def test_a_news_agency_quoting_a_white_house_readout_and_a_quotation_pinned_on_the_wrong_source(run):
    result = run("manuscript", COOK / "xinhua.md", "--check-quotes", "--report", "json", "--dir", COOK)
    quotations = json.loads(result.stdout)["quotations"]
    assert [(q["line"], q["status"], q["entry"], q["elsewhere"]) for q in quotations] == [
        (3, "verbatim", "whitehouse2015-readout-erdogan", []),
        (3, "verbatim", "whitehouse2015-readout-erdogan", []),  # "Turkey's" for the readout's "Turkey’s"
        (
            5,
            "not-found",
            "cook2015-dod-briefing",
            ["whitehouse2015-readout-erdogan"],
        ),  # the readout's words, cited to the briefing
    ]
    assert result.exit_code == 1
