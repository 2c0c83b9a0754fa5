"""Rules behind issue 10's defects, each on the Manual's own examples (CMOS 17 section in each name).

Expected strings are the Manual's examples as CMOS 17 prints them, where our fields can hold them.
"""

import json

from dossiercli.chicago import Style, bibliography_entry, full_note, render, short_note
from dossiercli.chicago.sequence import bibliography
from dossiercli.formats.csljson import read_csljson
from dossiercli.model.parse import parse_entry
from dossiercli.validate import check_entry


def make(**fields):
    raw = {
        key.replace("_", "-") if key not in ("URL", "DOI", "archive_location") else key: value
        for key, value in fields.items()
    }
    entry, problems = parse_entry(raw, "x")
    assert not problems, problems
    return entry


def md(rich):
    return render(rich, "markdown")


# 2. Untitled works: what Chicago needs to cite them, no more.

SPOCK = dict(
    type="interview",
    issued="1974-11-20",
    medium="transcript",
    archive_location="interview 67A",
    collection_title="Senn Oral History Collection",
    archive="National Library of Medicine",
    archive_place="Bethesda, MD",
    author=["Spock, Benjamin"],
    interviewer=["Senn, Milton J. E."],
)


def test_14_214_an_unpublished_interview_has_no_title_and_still_validates():
    spock = make(**SPOCK)
    assert check_entry(spock, __import__("datetime").date(2026, 1, 1)) == []
    assert render(full_note(spock)) == (
        "Benjamin Spock, interview by Milton J. E. Senn, November 20, 1974, interview 67A, "
        "transcript, Senn Oral History Collection, National Library of Medicine, Bethesda, MD."
    )
    assert render(short_note(spock)) == "Spock, interview."
    assert render(bibliography_entry(spock)) == (
        "Spock, Benjamin. Interview by Milton J. E. Senn. November 20, 1974. Interview 67A, transcript. "
        "Senn Oral History Collection. National Library of Medicine, Bethesda, MD."
    )


def test_14_200_a_release_without_a_headline_is_issuer_description_number_date():
    release = make(
        type="press-release", publisher="Multi-National Force-Iraq", number="20070531-03", issued="2007-05-31"
    )
    assert render(full_note(release)) == "Multi-National Force-Iraq, press release 20070531-03, May 31, 2007."
    assert render(bibliography_entry(release)) == "Multi-National Force-Iraq. Press release 20070531-03, May 31, 2007."


# 3. The comma after a title's own ? or ! is kept (17 6.119; 14.96's "The Clash of Civilizations?," example).


def test_6_119_the_comma_after_a_question_mark_stays_and_the_period_goes():
    clash = make(
        type="article-journal",
        title="The Clash of Civilizations?",
        container_title="Foreign Affairs",
        volume=72,
        issue=3,
        issued="1993",
        author=["Huntington, Samuel P."],
    )
    assert (
        md(full_note(clash, "22"))
        == "Samuel P. Huntington, “The Clash of Civilizations?,” *Foreign Affairs* 72, no. 3 (1993): 22."
    )
    assert md(short_note(clash)) == "Huntington, “Clash of Civilizations?”"
    book = make(type="book", title="Who Killed the Iraq War?", publisher="Press", issued="2009", author=["Doe, Jane"])
    assert md(full_note(book, "5")) == "Jane Doe, *Who Killed the Iraq War?* (Press, 2009), 5."
    assert md(bibliography_entry(book)) == "Doe, Jane. *Who Killed the Iraq War?* Press, 2009."


# 5. One typographic pass over every field.


def test_6_115_straight_quotes_become_typographic_in_every_field():
    page = make(
        type="webpage",
        title="McDonald's Corporation's 'Values'",
        container_title="McDonald's",
        publisher="McDonald's Corporation",
        issued="2020-01-02",
        URL="https://example.com/it's",
    )
    note = render(full_note(page))
    assert "McDonald’s Corporation" in note and "“McDonald’s Corporation’s ‘Values,’”" in note
    assert note.endswith("https://example.com/it's.")  # URLs are never touched
    assert "'" not in render(bibliography_entry(page)).replace("https://example.com/it's", "")


# 6. Every element of a bibliography entry starts with a capital (14.21).


def test_14_21_bibliography_elements_begin_with_a_capital():
    report = make(
        type="report", title="Casualty Figures", genre="news release", number="MG-12", publisher="DoD", issued="2007"
    )
    assert render(bibliography_entry(report)) == "Casualty Figures. News release no. MG-12. DoD, 2007."
    series = make(type="report", title="Casualty Figures", number="7", publisher="DoD", issued="2007")
    assert render(bibliography_entry(series)) == "Casualty Figures. No. 7. DoD, 2007."


# 7. Roles and volumes.


def test_14_104_the_same_person_as_editor_and_translator():
    book = make(
        type="book",
        title="The Muqaddimah",
        author=[{"literal": "Ibn Khaldûn"}],
        editor=["Rosenthal, Franz"],
        translator=["Rosenthal, Franz"],
        publisher="Princeton University Press",
        publisher_place="Princeton, NJ",
        issued="1967",
    )
    assert render(full_note(book, "12")) == (
        "Ibn Khaldûn, The Muqaddimah, ed. and trans. Franz Rosenthal "
        "(Princeton, NJ: Princeton University Press, 1967), 12."
    )
    assert render(bibliography_entry(book)) == (
        "Ibn Khaldûn. The Muqaddimah. Edited and translated by Franz Rosenthal. "
        "Princeton, NJ: Princeton University Press, 1967."
    )
    lead = make(
        type="book",
        title="Letters",
        editor=["Rosenthal, Franz"],
        translator=["Rosenthal, Franz"],
        publisher="Press",
        issued="1967",
    )
    assert render(full_note(lead)).startswith("Franz Rosenthal, ed. and trans., Letters (Press")
    assert render(bibliography_entry(lead)).startswith("Rosenthal, Franz, ed. and trans. Letters.")


def test_14_117_a_multivolume_work_cited_as_a_whole():
    aristotle = make(
        type="book",
        title="The Complete Works of Aristotle: The Revised Oxford Translation",
        editor=["Barnes, Jonathan"],
        number_of_volumes="2",
        publisher="Princeton University Press",
        publisher_place="Princeton, NJ",
        issued="1983",
        author=[{"literal": "Aristotle"}],
    )
    assert md(full_note(aristotle)) == (
        "Aristotle, *The Complete Works of Aristotle: The Revised Oxford Translation*, "
        "ed. Jonathan Barnes, 2 vols. (Princeton, NJ: Princeton University Press, 1983)."
    )
    assert md(bibliography_entry(aristotle)) == (
        "Aristotle. *The Complete Works of Aristotle: The Revised Oxford Translation*. Edited by Jonathan Barnes. "
        "2 vols. Princeton, NJ: Princeton University Press, 1983."
    )


# 8. Press releases keep their label; other libraries' "report" + genre imports as a press release.


def test_14_200_a_press_release_without_a_number_still_says_press_release():
    release = make(
        type="press-release",
        title="Coalition Forces Kill Terrorist",
        publisher="Multi-National Force-Iraq",
        issued="2007-09-12",
    )
    assert "“Coalition Forces Kill Terrorist,” press release, September 12, 2007" in render(full_note(release))
    assert "Press release, September 12, 2007." in render(bibliography_entry(release))


def test_a_csl_report_whose_genre_is_a_press_release_imports_as_one():
    items = [
        {
            "id": "r",
            "type": "report",
            "genre": "Press release",
            "title": "Coalition Forces Kill Terrorist",
            "publisher": "Multi-National Force-Iraq",
            "issued": {"date-parts": [[2007, 9, 12]]},
        }
    ]
    records, failures = read_csljson(json.dumps(items))
    assert not failures and records[0].table["type"] == "press-release"


# 9. A speech's place given as publisher-place (14.217).


def test_14_217_the_place_of_a_speech_from_publisher_place():
    speech = make(
        type="transcript",
        title="Remarks on Iraq",
        genre="speech",
        publisher_place="Washington, DC",
        issued="2007-01-10",
        author=["Bush, George W."],
    )
    assert render(full_note(speech)) == "George W. Bush, “Remarks on Iraq” (speech, Washington, DC, January 10, 2007)."


# 10. The access date goes right before the URL, after the locator (14.12).


def test_14_12_the_access_date_comes_after_the_locator_and_before_the_url():
    page = make(
        type="webpage",
        title="Press Releases",
        container_title="Multi-National Force-Iraq",
        URL="http://www.mnf-iraq.com/releases",
        accessed="2008-01-15",
    )
    assert render(full_note(page, "3")) == (
        "“Press Releases,” Multi-National Force-Iraq, 3, accessed January 15, 2008, http://www.mnf-iraq.com/releases."
    )
    journal = make(
        type="article-journal",
        title="Origins of Homophily in an Evolving Social Network",
        container_title="American Journal of Sociology",
        volume=115,
        issued="2009",
        accessed="2010-02-28",
        DOI="10.1086/599247",
        author=["Kossinets, Gueorgi", "Watts, Duncan J."],
    )
    # With a date of publication no access date is printed (14.12 prefers it only without one).
    assert render(full_note(journal, "411")).endswith("115 (2009): 411, https://doi.org/10.1086/599247.")


# 11. An Arabic name entered unsplit inverts and sorts as if al- were entered apart (16.76).


def test_16_76_al_zarqawi_entered_unsplit():
    letter = make(
        type="book",
        title="Letter to bin Laden",
        publisher="Press",
        issued="2004",
        author=[{"family": "al-Zarqawi", "given": "Abu Musab"}],
    )
    assert render(bibliography_entry(letter)).startswith("Zarqawi, Abu Musab al-. Letter")
    assert render(full_note(letter)).startswith("Abu Musab al-Zarqawi, Letter")
    other = make(type="book", title="Z", publisher="Press", issued="2004", author=["Young, Anne"])
    order = [render(text).split(",")[0] for _, text in bibliography([other, letter])]
    assert order == ["Young", "Zarqawi"]


# 12. Unpublished letters, manuscripts and documents (14.211–14.232).


def test_14_222_a_letter_in_a_manuscript_collection():
    creel = make(
        type="letter",
        issued="1918-09-25",
        collection_title="Edward M. House Papers",
        archive="Yale University Library",
        author=["Creel, George"],
        recipient=["House, Edward M."],
    )
    assert render(full_note(creel)) == (
        "George Creel to Edward M. House, September 25, 1918, Edward M. House Papers, Yale University Library."
    )
    assert render(short_note(creel, "2")) == "Creel to House, 2."
    assert render(bibliography_entry(creel)) == (
        "Creel, George. George Creel to Edward M. House, September 25, 1918. "
        "Edward M. House Papers. Yale University Library."
    )


def test_14_225_an_unpublished_manuscript_has_a_quoted_title_and_a_full_date():
    manuscript = make(
        type="manuscript", title="The pleasures of reading", issued="2016-03-03", author=["Bodenbach, Jonathan"]
    )
    assert (
        md(full_note(manuscript))
        == "Jonathan Bodenbach, “The Pleasures of Reading” (unpublished manuscript, March 3, 2016)."
    )
    assert md(bibliography_entry(manuscript)) == (
        "Bodenbach, Jonathan. “The Pleasures of Reading.” Unpublished manuscript, March 3, 2016."
    )


def test_14_221_an_unpublished_document_in_an_archive():
    memo = make(
        type="document",
        title="Detainee operations",
        genre="memorandum",
        issued="2007-06-12",
        archive="National Security Archive",
        archive_location="Box 4, Folder 12",
        archive_place="Washington, DC",
        author=["Roe, Richard"],
    )
    assert render(full_note(memo)) == (
        "Richard Roe, “Detainee Operations” (memorandum, June 12, 2007), Box 4, Folder 12, "
        "National Security Archive, Washington, DC."
    )
    assert render(bibliography_entry(memo, Style(headline=False))) == (
        "Roe, Richard. “Detainee operations.” Memorandum, June 12, 2007. Box 4, Folder 12, National Security Archive, "
        "Washington, DC."
    )


def test_18th_edition_keeps_the_place_of_books_published_before_1900():
    old = make(
        type="book",
        title="Letters",
        publisher="John Murray",
        publisher_place="London",
        issued="1859",
        author=["Darwin, Charles"],
    )
    new = make(
        type="book",
        title="Letters",
        publisher="Norton",
        publisher_place="New York",
        issued="2016",
        author=["Takeyh, Ray"],
    )
    assert render(full_note(old, edition=18)).endswith("(London: John Murray, 1859).")
    assert render(full_note(new, edition=18)).endswith("(Norton, 2016).")


def test_14_117_the_number_of_volumes_travels_through_every_format():
    from dossiercli.formats.bibtex import entry_to_bibtex, read_bibtex
    from dossiercli.formats.csljson import to_csl
    from dossiercli.formats.ris import entry_to_ris, read_ris

    works = make(type="book", title="Works", publisher="P", issued="1983", number_of_volumes="2")
    assert to_csl(works)["number-of-volumes"] == "2"
    for text, reader in (
        (entry_to_bibtex(works), read_bibtex),
        (entry_to_bibtex(works, biblatex=True), read_bibtex),
        (entry_to_ris(works), read_ris),
    ):
        records, failures = reader(text)
        assert not failures and records[0].table["number-of-volumes"] == "2", text


# From the real-source cross-check (benchmarks/crosscheck_real/DEFECTS.md), each as a rule.


def test_10_12_initials_take_periods():
    article = make(
        type="article-journal",
        title="Huaynaputina",
        container_title="Bulletin of Volcanology",
        volume=62,
        issued="2001",
        author=["Adams, Nancy K", "Tolkien, J R R"],
    )
    assert render(full_note(article)).startswith("Nancy K. Adams and J. R. R. Tolkien, “Huaynaputina,”")
    assert render(bibliography_entry(article)).startswith("Adams, Nancy K., and J. R. R. Tolkien.")


def test_6_115_an_apostrophe_for_elided_letters_even_at_a_words_start():
    article = make(
        type="article-magazine", title="'Tis the season of the '90s", container_title="Time", issued="1999-12-01"
    )
    assert render(full_note(article)).startswith("“’Tis the Season of the ’90s,” Time")


def test_14_119_a_volume_of_a_multivolume_work_and_its_title():
    lach = make(
        type="book",
        title="Asia in the Making of Europe",
        volume="2",
        volume_title="A Century of Wonder",
        publisher="University of Chicago Press",
        publisher_place="Chicago",
        issued="1977",
        author=["Lach, Donald F."],
    )
    assert md(full_note(lach, "12")) == (
        "Donald F. Lach, *Asia in the Making of Europe*, vol. 2, *A Century of Wonder* "
        "(Chicago: University of Chicago Press, 1977), 12."
    )
    assert md(bibliography_entry(lach)) == (
        "Lach, Donald F. *Asia in the Making of Europe*. Vol. 2, *A Century of Wonder*. "
        "Chicago: University of Chicago Press, 1977."
    )


def test_14_123_a_chapter_in_a_book_in_a_series():
    chapter = make(
        type="chapter",
        title="Process Tracing",
        container_title="Process Tracing: From Metaphor to Analytic Tool",
        collection_title="Strategies for social inquiry",
        editor=["Bennett, Andrew"],  # series: headline style
        publisher="Cambridge University Press",
        publisher_place="Cambridge",
        issued="2015",
        author=["Checkel, Jeffrey T."],
    )
    assert md(full_note(chapter, "12")) == (
        "Jeffrey T. Checkel, “Process Tracing,” in *Process Tracing: From Metaphor to Analytic Tool*, ed. Andrew Bennett, "
        "Strategies for Social Inquiry (Cambridge: Cambridge University Press, 2015), 12."
    )


def test_14_193_a_papers_place_in_parentheses_and_14_171_double_issues():
    paper = make(
        type="article-newspaper",
        title="My Day",
        container_title="Akron Beacon Journal",
        publisher_place="Akron, OH",
        issued="1939-10-30",
        author=["Roosevelt, Eleanor"],
    )
    assert md(full_note(paper)) == "Eleanor Roosevelt, “My Day,” *Akron Beacon Journal* (Akron, OH), October 30, 1939."
    double = make(
        type="article-journal",
        title="Coexistence",
        container_title="Eurasian Geography and Economics",
        volume=64,
        issue="7-8",
        issued="2023-11",
        author=["Alff, Henryk"],
    )
    assert (
        md(full_note(double))
        == "Henryk Alff, “Coexistence,” *Eurasian Geography and Economics* 64, nos. 7–8 (November 2023)."
    )


def test_14_103_an_article_whose_only_creator_is_its_editor():
    article = make(
        type="article-journal",
        title="A Swedish Traveler in Early Wisconsin",
        container_title="Wisconsin Magazine of History",
        volume=61,
        issued="1978",
        editor=["Brown, George C."],
    )
    assert render(full_note(article)).startswith("George C. Brown, ed., “A Swedish Traveler in Early Wisconsin,”")


def test_14_33_short_titles_never_end_on_an_auxiliary_or_a_question_word():
    from dossiercli.chicago.titles import short_title

    assert short_title("How Social Is the Animal?") == "How Social Is the Animal?"
    assert short_title("Violent online groups are pressuring youth into harming themselves") == "Violent online groups"
    assert short_title("U.S. forces detain Al Qaeda leader in Baghdad raid") == (
        "U.S. forces detain Al Qaeda leader in Baghdad raid"
    )  # no phrase boundary within four key words: whole, never "U.S. forces detain" (issue 23)
    assert short_title("Multi-National Force-Iraq Commander General David Petraeus speaks") == (
        "Multi-National Force-Iraq Commander General David Petraeus speaks"
    )  # no cut outside the name


def test_18th_edition_keeps_the_place_when_there_is_no_publisher():
    book = make(
        type="book",
        title="South China in the Sixteenth Century",
        publisher_place="London",
        issued="1953",
        editor=["Boxer, Charles R."],
    )
    assert render(full_note(book, edition=18)).endswith("(London, 1953).")


def test_14_267_a_video_on_a_news_site_says_what_it_is():
    video = make(
        type="article-newspaper",
        title="The Driverless Now",
        genre="video, 2:01",
        container_title="New York Times",
        issued="2015-05-02",
        author=["Kessler, Aaron M."],
    )
    assert md(full_note(video)) == "Aaron M. Kessler, “The Driverless Now,” video, 2:01, *New York Times*, May 2, 2015."


def test_an_unsigned_papers_short_note_names_it_without_its_place():
    item = make(
        type="article-newspaper",
        title="Pushcarts Evolve",
        container_title="Lake Forester",
        publisher_place="Lake Forest, IL",
        issued="2000-03-23",
    )
    assert md(full_note(item)) == "“Pushcarts Evolve,” *Lake Forester* (Lake Forest, IL), March 23, 2000."
    assert md(short_note(item, "15")) == "*Lake Forester*, “Pushcarts Evolve,” 15."


def test_14_180_a_journal_in_a_series():
    sewall = make(
        type="article-journal",
        title="Letter of Jonathan Sewall",
        container_title="Proceedings of the Massachusetts Historical Society",
        collection_title="2nd series",
        volume=10,
        issued="1896",
        page="412-15",
        author=["Sewall, Jonathan"],
    )
    assert md(bibliography_entry(sewall)) == (
        "Sewall, Jonathan. “Letter of Jonathan Sewall.” *Proceedings of the "
        "Massachusetts Historical Society*, 2nd ser., 10 (1896): 412–15."
    )


def test_14_267_a_web_video_says_what_it_is():
    video = make(
        type="webpage",
        title="Horowitz at Carnegie Hall",
        genre="video, 5:53",
        container_title="YouTube",
        issued="1968-09-22",
        URL="http://www.youtube.com/watch?v=x",
    )
    assert render(full_note(video)) == (
        "“Horowitz at Carnegie Hall,” video, 5:53, YouTube, September 22, 1968, http://www.youtube.com/watch?v=x."
    )


def test_a_short_note_for_an_author_named_in_the_text_has_no_stand_in():
    from dataclasses import replace

    from dossiercli.chicago.notes import consecutive_note_body, finish, short_note_body

    lake = replace(
        make(
            type="article-newspaper",
            title="Iran's Secret Plan For Mayhem",
            container_title="New York Sun",
            issued="2007-01-03",
            author=["Lake, Eli"],
        ),
        authors=(),
    )
    assert render(finish(short_note_body(lake, "4", author_in_text=True))) == "“Iran’s Secret Plan for Mayhem,” 4."
    assert (
        render(finish(consecutive_note_body(lake, "5", author_in_text=True))) == "“Iran’s Secret Plan for Mayhem,” 5."
    )
    assert render(finish(short_note_body(lake, "4"))) == "New York Sun, “Iran’s Secret Plan for Mayhem,” 4."  # unsigned
