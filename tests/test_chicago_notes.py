"""Full notes, short notes and bibliography entries, pinned to The Chicago Manual of Style, 17th ed.

Examples are worked from the manual's rules (section numbers in the test names); Markdown
output shows italics as *…*.
"""

import pytest

from dossiercli.chicago import Style, bibliography_entry, full_note, render, short_note
from dossiercli.model.parse import parse_entry


def make(**fields):
    raw = {key.replace("_", "-") if key not in ("URL", "DOI") else key: value for key, value in fields.items()}
    entry, problems = parse_entry(raw, "x")
    assert not problems, problems
    return entry


def md(rich):
    return render(rich, "markdown")


AS_GIVEN = Style(headline=False)  # titles as the source prints them, as the bundled dossier asks


POLLACK = dict(
    type="book",
    title="The Persian Puzzle: The Conflict between Iran and America",
    publisher="Random House",
    publisher_place="New York",
    issued="2004",
    author=["Pollack, Kenneth M."],
)


def test_14_75_book_by_one_author():
    book = make(**POLLACK)
    assert (
        md(full_note(book, "45"))
        == "Kenneth M. Pollack, *The Persian Puzzle: The Conflict between Iran and America* (New York: Random House, 2004), 45."
    )
    assert md(short_note(book, "45")) == "Pollack, *Persian Puzzle*, 45."  # 14.32: subtitle and "The" dropped
    assert (
        md(bibliography_entry(book))
        == "Pollack, Kenneth M. *The Persian Puzzle: The Conflict between Iran and America*. New York: Random House, 2004."
    )


def test_14_76_two_and_three_authors():
    two = make(
        type="book",
        title="The Pragmatic Superpower",
        publisher="Norton",
        publisher_place="New York",
        issued="2016",
        author=["Takeyh, Ray", "Simon, Steven"],
    )
    assert (
        render(full_note(two, "12"))
        == "Ray Takeyh and Steven Simon, The Pragmatic Superpower (New York: Norton, 2016), 12."
    )
    assert render(short_note(two)) == "Takeyh and Simon, Pragmatic Superpower."
    assert (
        render(bibliography_entry(two))
        == "Takeyh, Ray, and Steven Simon. The Pragmatic Superpower. New York: Norton, 2016."
    )
    three = make(**{**POLLACK, "author": ["Pollack, Kenneth M.", "Takeyh, Ray", "Simon, Steven"]})
    assert render(full_note(three)).startswith("Kenneth M. Pollack, Ray Takeyh, and Steven Simon, The Persian")
    assert render(bibliography_entry(three)).startswith("Pollack, Kenneth M., Ray Takeyh, and Steven Simon. The")


def test_14_76_four_or_more_authors_are_et_al_in_notes_but_listed_in_the_bibliography():
    four = make(**{**POLLACK, "author": ["Pollack, Kenneth M.", "Takeyh, Ray", "Simon, Steven", "Nasr, Vali"]})
    assert render(full_note(four)).startswith("Kenneth M. Pollack et al., The Persian Puzzle")
    assert render(short_note(four)) == "Pollack et al., Persian Puzzle."
    assert render(bibliography_entry(four)).startswith(
        "Pollack, Kenneth M., Ray Takeyh, Steven Simon, and Vali Nasr. The"
    )


def test_14_76_more_than_ten_authors_list_seven_then_et_al():
    authors = [f"Author{n}, Given{n}" for n in range(1, 12)]
    text = render(bibliography_entry(make(**{**POLLACK, "author": authors})))
    assert text.startswith(
        "Author1, Given1, Given2 Author2, Given3 Author3, Given4 Author4, Given5 Author5, "
        "Given6 Author6, Given7 Author7, et al. The Persian"
    )


def test_14_103_edited_book_without_author():
    book = make(
        type="book",
        title="Iraq after Saddam",
        publisher="Oxford University Press",
        publisher_place="New York",
        issued="2008",
        editor=["Gordon, Michael R."],
    )
    assert (
        render(full_note(book, "12"))
        == "Michael R. Gordon, ed., Iraq after Saddam (New York: Oxford University Press, 2008), 12."
    )
    assert (
        render(bibliography_entry(book))
        == "Gordon, Michael R., ed. Iraq after Saddam. New York: Oxford University Press, 2008."
    )


def test_14_104_translated_book_and_14_113_edition():
    book = make(
        type="book",
        title="The Mantle of the Prophet",
        publisher="Oneworld",
        publisher_place="Oxford",
        issued="2000",
        edition=2,
        author=["Mottahedeh, Roy"],
        translator=["Ḥusayn, Ṣaddām"],
    )
    assert (
        render(full_note(book))
        == "Roy Mottahedeh, The Mantle of the Prophet, trans. Ṣaddām Ḥusayn, 2nd ed. (Oxford: Oneworld, 2000)."
    )
    assert (
        render(bibliography_entry(book))
        == "Mottahedeh, Roy. The Mantle of the Prophet. Translated by Ṣaddām Ḥusayn. 2nd ed. Oxford: Oneworld, 2000."
    )


def test_14_106_chapter_in_an_edited_book():
    chapter = make(
        type="chapter",
        title="Iran and the Insurgency",
        container_title="Iraq after Saddam",
        publisher="Oxford University Press",
        publisher_place="New York",
        page="101-128",
        issued="2008",
        author=["Nasr, Vali"],
        editor=["Gordon, Michael R."],
    )
    assert (
        md(full_note(chapter, "105"))
        == "Vali Nasr, “Iran and the Insurgency,” in *Iraq after Saddam*, ed. Michael R. Gordon (New York: Oxford University Press, 2008), 105."
    )
    assert (
        md(bibliography_entry(chapter))
        == "Nasr, Vali. “Iran and the Insurgency.” In *Iraq after Saddam*, edited by Michael R. Gordon, 101–28. New York: Oxford University Press, 2008."
    )


def test_14_171_journal_article_with_volume_issue_pages_and_doi():
    article = make(
        type="article-journal",
        title="Iran's Policy towards Afghanistan",
        container_title="Middle East Journal",
        volume=60,
        issue=2,
        issued="2006",
        page="235-256",
        DOI="10.3751/60.2.12",
        author=["Milani, Mohsen M."],
    )
    assert (
        md(full_note(article, "240"))
        == "Mohsen M. Milani, “Iran’s Policy towards Afghanistan,” *Middle East Journal* 60, no. 2 (2006): 240, <https://doi.org/10.3751/60.2.12>."
    )
    assert md(short_note(article, "240")) == "Milani, “Iran’s Policy towards Afghanistan,” 240."
    assert (
        md(bibliography_entry(article))
        == "Milani, Mohsen M. “Iran’s Policy towards Afghanistan.” *Middle East Journal* 60, no. 2 (2006): 235–56. <https://doi.org/10.3751/60.2.12>."
    )


def test_14_188_magazine_article_page_in_note_only():
    article = make(
        type="article-magazine",
        title="The Iran Connection",
        container_title="Newsweek",
        issued="2007-02-19",
        page="34-39",
        author=["Dickey, Christopher"],
    )
    assert (
        md(full_note(article, "34")) == "Christopher Dickey, “The Iran Connection,” *Newsweek*, February 19, 2007, 34."
    )
    assert (
        md(bibliography_entry(article)) == "Dickey, Christopher. “The Iran Connection.” *Newsweek*, February 19, 2007."
    )


LAKE = dict(
    type="article-newspaper",
    title="Iran's Secret Plan For Mayhem",
    container_title="New York Sun",
    issued="2007-01-03",
    URL="http://www.nysun.com/article/46032",
    author=["Lake, Eli"],
)


def test_14_191_newspaper_article_the_seeds_first_source():
    lake = make(**LAKE)
    assert (
        md(full_note(lake))
        == "Eli Lake, “Iran’s Secret Plan for Mayhem,” *New York Sun*, January 3, 2007, <http://www.nysun.com/article/46032>."
    )
    assert (
        md(short_note(lake)) == "Lake, “Iran’s Secret Plan for Mayhem.”"
    )  # period inside the closing quotation mark (6.9)
    assert (
        md(bibliography_entry(lake))
        == "Lake, Eli. “Iran’s Secret Plan for Mayhem.” *New York Sun*, January 3, 2007. <http://www.nysun.com/article/46032>."
    )
    assert md(full_note(lake, style=AS_GIVEN)).startswith("Eli Lake, “Iran’s Secret Plan For Mayhem,”")


def test_14_191_newspaper_page_as_the_seeds_footnote_prints_it():
    wright = make(
        type="article-newspaper",
        title="Iranian Arms Destined for Taliban Seized in Afghanistan, Officials Say; 'Large' Shipment Said to Include Armor-Piercing Bombs",
        title_short="Iranian Arms Destined for Taliban",
        container_title="Washington Post",
        issued="2007-09-16",
        page="A19",
        author=["Wright, Robin"],
    )
    assert md(full_note(wright)) == (
        "Robin Wright, “Iranian Arms Destined for Taliban Seized in Afghanistan, Officials Say; "
        "‘Large’ Shipment Said to Include Armor-Piercing Bombs,” *Washington Post*, September 16, 2007, A19."
    )
    assert md(short_note(wright)) == "Wright, “Iranian Arms Destined for Taliban.”"
    assert "A19" not in md(bibliography_entry(wright))  # page numbers omitted in the bibliography


def test_14_207_unsigned_news_article_the_paper_leads_the_bibliography_entry():
    unsigned = make(**{key: value for key, value in LAKE.items() if key != "author"})
    assert md(full_note(unsigned)).startswith("“Iran’s Secret Plan for Mayhem,” *New York Sun*, January 3, 2007")
    assert md(bibliography_entry(unsigned)).startswith(
        "*New York Sun*. “Iran’s Secret Plan for Mayhem.” January 3, 2007."
    )
    assert (
        md(short_note(unsigned)) == "*New York Sun*, “Iran’s Secret Plan for Mayhem.”"
    )  # the paper stands for the author


def test_14_195_wire_stories_name_the_agency_in_roman():
    signed = make(
        type="wire-story",
        title="U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban",
        publisher="Associated Press",
        container_title="Associated Press Worldstream",
        issued="2007-06-13",
        author=["Keaten, Jamey"],
    )
    # Exactly as the seed's footnote i cites it (titles as given).
    assert md(full_note(signed, style=AS_GIVEN)) == (
        "Jamey Keaten, “U.S. diplomat says NATO has intercepted Iranian weapons shipments "
        "to Taliban,” Associated Press Worldstream, June 13, 2007."
    )
    unsigned = make(
        type="wire-story",
        title="U.S.: Iran helping some Sunni insurgents",
        publisher="Associated Press",
        issued="2007-05-09",
    )
    assert md(full_note(unsigned)) == "“U.S.: Iran Helping Some Sunni Insurgents,” Associated Press, May 9, 2007."
    assert (
        md(bibliography_entry(unsigned, AS_GIVEN))
        == "Associated Press. “U.S.: Iran helping some Sunni insurgents.” May 9, 2007."
    )


RELEASE = dict(
    type="press-release",
    title="Three Suspected Terrorists Captured",
    publisher="Multi-National Force-Iraq",
    number="A070531a",
    issued="2007-05-31",
    URL="http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21",
)


def test_press_release_the_issuing_organisation_stands_as_author():
    release = make(**RELEASE)
    assert md(full_note(release)) == (
        "Multi-National Force-Iraq, “Three Suspected Terrorists Captured,” press release "
        "A070531a, May 31, 2007, <http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21>."
    )
    assert md(short_note(release)) == "Multi-National Force-Iraq, “Three Suspected Terrorists Captured.”"
    assert md(bibliography_entry(release)).startswith(
        "Multi-National Force-Iraq. “Three Suspected Terrorists Captured.” Press release A070531a, May 31, 2007. <http"
    )


def test_14_217_briefing_transcript_as_a_speech_with_its_setting_in_parentheses():
    briefing = make(
        type="transcript",
        title="Department of Defense News Briefing with Colonel Ricky Gibbs",
        genre="news briefing",
        publisher="U.S. Department of Defense",
        issued="2007-05-25",
        author=["Gibbs, Ricky"],
    )
    assert md(full_note(briefing)) == (
        "Ricky Gibbs, “Department of Defense News Briefing with Colonel Ricky Gibbs” "
        "(news briefing, U.S. Department of Defense, May 25, 2007)."
    )
    assert md(bibliography_entry(briefing)) == (
        "Gibbs, Ricky. “Department of Defense News Briefing with Colonel Ricky Gibbs.” "
        "News briefing, U.S. Department of Defense, May 25, 2007."
    )


def test_14_220_report_in_a_numbered_series_and_6_119_a_title_question_mark_keeps_the_comma():
    report = make(
        type="report",
        title="Iran and Al-Qaeda in Iraq: What's the Connection?",
        collection_title="Backgrounder",
        collection_number=26,
        publisher="Institute for the Study of War",
        publisher_place="Washington, DC",
        issued="2007",
        author=["Cochrane, Marisa"],
    )
    assert md(full_note(report)) == (
        "Marisa Cochrane, *Iran and Al-Qaeda in Iraq: What’s the Connection?*, Backgrounder 26 "
        "(Washington, DC: Institute for the Study of War, 2007)."
    )
    assert md(bibliography_entry(report)) == (
        "Cochrane, Marisa. *Iran and Al-Qaeda in Iraq: What’s the Connection?* "
        "Backgrounder 26. Washington, DC: Institute for the Study of War, 2007."
    )
    assert md(short_note(report, "2")) == "Cochrane, *Iran and Al-Qaeda in Iraq*, 2."  # five words: whole (14.33)


def test_14_206_web_page_without_date_gets_its_access_date():
    page = make(
        type="webpage",
        title="Press Releases",
        container_title="Multi-National Force-Iraq",
        URL="http://www.mnf-iraq.com/releases",
        accessed="2008-01-15",
    )
    assert (
        render(full_note(page))
        == "“Press Releases,” Multi-National Force-Iraq, accessed January 15, 2008, http://www.mnf-iraq.com/releases."
    )
    # 14.12: the access date goes right before the URL, after a locator
    assert (
        render(full_note(page, "4"))
        == "“Press Releases,” Multi-National Force-Iraq, 4, accessed January 15, 2008, http://www.mnf-iraq.com/releases."
    )
    assert (
        render(bibliography_entry(page))
        == "Multi-National Force-Iraq. “Press Releases.” Accessed January 15, 2008. http://www.mnf-iraq.com/releases."
    )


def test_14_206_web_page_without_any_date_is_n_d():
    page = make(type="webpage", title="Press Releases", container_title="MNF-I", URL="http://www.mnf-iraq.com/releases")
    assert "n.d." in render(full_note(page)) and "n.d." in render(bibliography_entry(page))


def test_14_213_interview():
    interview = make(
        type="interview",
        title="Interview with Michael Rubin",
        container_title="NewsHour",
        publisher="PBS",
        issued="2007-01-05",
        author=["Rubin, Michael"],
        interviewer=["Lehrer, Jim"],
    )
    assert (
        md(full_note(interview))
        == "Michael Rubin, “Interview with Michael Rubin,” interview by Jim Lehrer, *NewsHour*, PBS, January 5, 2007."
    )
    assert (
        md(bibliography_entry(interview))
        == "Rubin, Michael. “Interview with Michael Rubin.” Interview by Jim Lehrer. *NewsHour*, PBS, January 5, 2007."
    )


def test_14_224_thesis():
    thesis = make(
        type="thesis",
        title="Sectarian Alliances in Iraq",
        genre="PhD diss.",
        publisher="Georgetown University",
        issued="2010",
        author=["Haddad, Fanar"],
    )
    assert (
        render(full_note(thesis, "45"))
        == "Fanar Haddad, “Sectarian Alliances in Iraq” (PhD diss., Georgetown University, 2010), 45."
    )
    assert (
        render(bibliography_entry(thesis))
        == "Haddad, Fanar. “Sectarian Alliances in Iraq.” PhD diss., Georgetown University, 2010."
    )


def test_8_14_arabic_al_follows_the_given_name_when_inverted():
    book = make(**{**POLLACK, "author": [{"family": "Sadr", "given": "Moqtada", "non-dropping-particle": "al-"}]})
    assert render(full_note(book)).startswith("Moqtada al-Sadr, The Persian")
    assert render(short_note(book)).startswith("al-Sadr, Persian Puzzle")
    assert render(bibliography_entry(book)).startswith("Sadr, Moqtada al-. The Persian")


def test_suffixes_follow_the_name_and_a_comma_when_inverted():
    book = make(**{**POLLACK, "author": ["King, Martin Luther, Jr."]})
    assert render(full_note(book)).startswith("Martin Luther King Jr., The Persian")
    assert render(bibliography_entry(book)).startswith("King, Martin Luther, Jr. The Persian")


def test_6_9_and_13_30_quotes_inside_a_quoted_title_become_single_and_punctuation_goes_inside():
    article = make(**{**LAKE, "title": 'Officials Call Documents a "Smoking Gun"'})
    assert render(full_note(article)).startswith("Eli Lake, “Officials Call Documents a ‘Smoking Gun,’” New York Sun")


def test_6_119_a_title_ending_in_a_question_mark_keeps_a_following_comma_but_takes_no_period():
    # CMOS 17 6.119; 14.96's example: Samuel P. Huntington, “The Clash of Civilizations?,” Foreign Affairs 72, no. 3 (1993)
    article = make(**{**LAKE, "title": "Is Iran Arming Insurgents?"})
    assert render(full_note(article)).startswith("Eli Lake, “Is Iran Arming Insurgents?,” New York Sun,")
    clash = make(
        type="article-journal",
        title="The Clash of Civilizations?",
        container_title="Foreign Affairs",
        volume=72,
        issue=3,
        issued="1993",
        page="22-49",
        author=["Huntington, Samuel P."],
    )
    assert (
        md(full_note(clash, "22"))
        == "Samuel P. Huntington, “The Clash of Civilizations?,” *Foreign Affairs* 72, no. 3 (1993): 22."
    )
    assert (
        md(bibliography_entry(clash))
        == "Huntington, Samuel P. “The Clash of Civilizations?” *Foreign Affairs* 72, no. 3 (1993): 22–49."
    )
    assert render(short_note(article)) == "Lake, “Is Iran Arming Insurgents?”"


def test_8_159_headline_style_is_the_default_and_as_given_an_option():
    lake = make(**{**LAKE, "title": "U.S. diplomat says NATO has intercepted weapons shipments to Taliban"})
    assert "“U.S. Diplomat Says NATO Has Intercepted Weapons Shipments to Taliban,”" in render(full_note(lake))
    assert "“U.S. diplomat says NATO has" in render(full_note(lake, style=AS_GIVEN))


def test_8_159_titles_in_other_languages_keep_their_own_capitals():
    french = make(
        type="book",
        title="Le rouge et le noir",
        publisher="Levasseur",
        issued="1830",
        language="fr",
        author=[{"literal": "Stendhal"}],
    )
    assert render(full_note(french)) == "Stendhal, Le rouge et le noir (Levasseur, 1830)."


def test_ascii_output_has_straight_quotes():
    assert render(full_note(make(**LAKE)), "text", ascii_quotes=True).startswith(
        'Eli Lake, "Iran\'s Secret Plan for Mayhem,"'
    )


def test_18th_edition_drops_the_place_and_uses_et_al_from_three_authors():
    three = make(**{**POLLACK, "author": ["Pollack, Kenneth M.", "Takeyh, Ray", "Simon, Steven"]})
    assert (
        render(full_note(three, style=Style(edition=18)))
        == "Kenneth M. Pollack et al., The Persian Puzzle: The Conflict Between Iran and America (Random House, 2004)."
    )  # CMOS 18 8.160: prepositions of five letters or more are capitalised
    assert render(bibliography_entry(make(**POLLACK), Style(edition=18))).endswith("America. Random House, 2004.")


@pytest.mark.parametrize(
    "entry_type",
    [
        "article-newspaper",
        "article-magazine",
        "article-journal",
        "wire-story",
        "press-release",
        "transcript",
        "report",
        "book",
        "chapter",
        "webpage",
        "interview",
        "thesis",
    ],
)
def test_every_type_ends_in_one_period_in_every_form(entry_type):
    entry = make(
        type=entry_type,
        title="A Title",
        container_title="Container",
        publisher="Publisher",
        issued="2007-05-09",
        URL="https://example.org/x",
        genre="PhD diss.",
        author=["Lake, Eli"],
    )
    for rich in (full_note(entry), short_note(entry), bibliography_entry(entry)):
        text = render(rich).rstrip("”")
        assert text.endswith(".") and not text.endswith("..") and ",." not in text and " ," not in text, text


def test_the_public_api_takes_an_edition():
    three = make(**{**POLLACK, "author": ["Pollack, Kenneth M.", "Takeyh, Ray", "Simon, Steven"]})
    assert render(full_note(three, edition=18)) == render(full_note(three, style=Style(edition=18)))
    assert render(short_note(three, "4", edition=18)) == "Pollack et al., Persian Puzzle, 4."
    assert render(bibliography_entry(three, edition=18)).endswith("America. Random House, 2004.")
    with pytest.raises(ValueError, match="edition 16"):
        full_note(three, edition=16)


SHORT_FORMS = [
    # (type-specific fields, expected short note with locator 7); CMOS 14.29–32 for every type.
    (
        dict(
            type="article-magazine",
            title="The Iran Connection",
            container_title="Newsweek",
            issued="2007-02-19",
            author=["Dickey, Christopher"],
        ),
        "Dickey, “Iran Connection,” 7.",
    ),
    (
        dict(
            type="wire-story",
            title="U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban",
            publisher="Associated Press",
            issued="2007-06-13",
            author=["Keaten, Jamey"],
        ),
        "Keaten, “U.S. Diplomat Says NATO Has Intercepted Iranian Weapons Shipments to Taliban,” 7.",  # reported clause: whole
    ),
    (
        dict(
            type="wire-story",
            title="U.S.: Iran helping some Sunni insurgents",
            publisher="Associated Press",
            issued="2007-05-09",
        ),
        "Associated Press, “Iran Helping Some Sunni Insurgents,” 7.",
    ),  # the label "U.S." is no title
    (
        dict(
            type="transcript",
            title="Department of Defense News Briefing with Colonel Ricky Gibbs",
            genre="news briefing",
            issued="2007-05-25",
            author=["Gibbs, Ricky"],
        ),
        "Gibbs, “Department of Defense News Briefing,” 7.",
    ),  # four words at most
    (
        dict(
            type="chapter",
            title="Iran and the Insurgency",
            container_title="Iraq after Saddam",
            issued="2008",
            author=["Nasr, Vali"],
            editor=["Gordon, Michael R."],
        ),
        "Nasr, “Iran and the Insurgency,” 7.",
    ),
    (
        dict(type="book", title="Iraq after Saddam", issued="2008", editor=["Gordon, Michael R."]),
        "Gordon, *Iraq after Saddam*, 7.",
    ),  # 14.103: "ed." is dropped in the short form
    (
        dict(
            type="webpage", title="Press Releases", container_title="Multi-National Force-Iraq", accessed="2008-01-15"
        ),
        "Multi-National Force-Iraq, “Press Releases,” 7.",
    ),  # 14.206: the owner leads the short form
    (
        dict(
            type="interview",
            title="Interview with Michael Rubin",
            issued="2007-01-05",
            author=["Rubin, Michael"],
            interviewer=["Lehrer, Jim"],
        ),
        "Rubin, “Interview with Michael Rubin,” 7.",
    ),
    (
        dict(
            type="thesis",
            title="Sectarian Alliances in Iraq: Identity and Politics",
            genre="PhD diss.",
            issued="2010",
            author=["Haddad, Fanar"],
        ),
        "Haddad, “Sectarian Alliances in Iraq,” 7.",
    ),
    (
        dict(
            type="report",
            title="The Surge: A Report on the First Six Months",
            issued="2007",
            author=["Kagan, Kimberly"],
        ),
        "Kagan, *Surge*, 7.",
    ),
    (
        dict(
            type="press-release",
            title="Coalition Forces Nab 20 Suspected Al-Qaeda Terrorists",
            publisher="Multi-National Force-Iraq",
            issued="2007-05-25",
        ),
        "Multi-National Force-Iraq, “Coalition Forces Nab 20 Suspected Al-Qaeda Terrorists,” 7.",
    ),
    (
        dict(
            type="article-journal",
            title="Iran's Policy towards Afghanistan",
            container_title="Middle East Journal",
            issued="2006",
            author=["Milani, Mohsen M."],
        ),
        "Milani, “Iran’s Policy towards Afghanistan,” 7.",
    ),
]


@pytest.mark.parametrize(
    "fields, expected", SHORT_FORMS, ids=lambda value: value["type"] if isinstance(value, dict) else ""
)
def test_14_29_short_notes_for_every_type(fields, expected):
    assert md(short_note(make(**fields), "7")) == expected


def test_14_31_short_notes_use_title_short_when_the_entry_has_one():
    lake = make(**{**LAKE, "title_short": "Secret Plan"})
    assert md(short_note(lake, "5")) == "Lake, “Secret Plan,” 5."


def test_14_76_eighteenth_edition_short_notes_from_three_authors_are_et_al():
    three = make(**{**POLLACK, "author": ["Pollack, Kenneth M.", "Takeyh, Ray", "Simon, Steven"]})
    assert render(short_note(three)) == "Pollack, Takeyh, and Simon, Persian Puzzle."
    assert render(short_note(three, edition=18)) == "Pollack et al., Persian Puzzle."


def test_extended_dates_in_notes_and_bibliography():
    from dossiercli.chicago import Style, bibliography_entry, full_note, render
    from dossiercli.model.parse import parse_entry

    book, _ = parse_entry(
        {"type": "book", "title": "Letters", "publisher": "Pub", "issued": "1750~", "author": ["Smith, John"]}, "smith"
    )
    assert render(full_note(book, style=Style()), "text").endswith("(Pub, ca. 1750).")
    journal, _ = parse_entry(
        {
            "type": "article-journal",
            "title": "An Essay",
            "container-title": "Review",
            "volume": 3,
            "issued": "2007-21",
            "author": ["Smith, John"],
        },
        "smith",
    )
    assert "Review 3 (Spring 2007)" in render(full_note(journal, style=Style()), "text")
    ancient, _ = parse_entry(
        {"type": "book", "title": "Commentaries", "publisher": "Pub", "issued": "-0049", "author": ["Caesar, Julius"]},
        "caesar",
    )
    assert render(bibliography_entry(ancient, style=Style()), "text").endswith("Pub, 50 BC.")


def test_a_newspapers_initial_the_is_dropped_unless_titles_are_as_given():
    from dossiercli.chicago import Style, full_note, render
    from dossiercli.model.parse import parse_entry

    story, _ = parse_entry(
        {
            "type": "article-newspaper",
            "title": "A Story",
            "container-title": "The New York Times",
            "issued": "2007-05-09",
            "author": ["Doe, Jane"],
        },
        "doe",
    )
    assert "*New York Times*, May 9, 2007" in render(full_note(story, style=Style(headline=True)), "markdown")  # 14.191
    assert "*The New York Times*, May 9, 2007" in render(full_note(story, style=Style(headline=False)), "markdown")
