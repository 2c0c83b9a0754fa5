"""Citations in reading order -> notes: forms, prefixes and suffixes, labels, the writer's own notes."""

from conftest import REPO
from dossiercli.chicago.notes import Style
from dossiercli.chicago.richtext import render
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import Options, build

RESOLVER = open_dossier(REPO).resolver
LAKE_FULL = "Eli Lake, “Iran’s Secret Plan For Mayhem,” *New York Sun*, January 3, 2007"
LAKE_URL = "<http://www.nysun.com/article/46032>"


AS_GIVEN = Style(headline=False)  # titles as the sources print them: the casing rules are the engine's tests


def notes(text: str, **options) -> list[str]:
    options.setdefault("style", AS_GIVEN)
    built = build(text, RESOLVER, Options(**options))
    assert built.errors == [], built.errors
    out = []
    for note in built.notes:
        if note.generated is not None:
            out.append(render(note.generated, "markdown"))
        else:
            out.append(note.own.replace("\ue002", "{").replace("\ue003", "}"))
    return out


def test_first_full_then_short_then_the_same_work_again():
    assert notes("A [@lake2007, 3]. B [@ap2007]. C [@lake2007, 4]. D [@lake2007, 5]. E [@lake2007].") == [
        f"{LAKE_FULL}, 3, {LAKE_URL}.",
        "“U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.",
        "Lake, “Iran’s Secret Plan For Mayhem,” 4.",
        "Lake, 5.",  # CMOS 17 14.34
        "Lake, “Iran’s Secret Plan For Mayhem.”",
    ]


def test_ibid_mode():
    assert notes("A [@lake2007, 3]. B [@lake2007, 3]. C [@lake2007, 4]. D [see @lake2007, 5].", ibid=True)[1:] == [
        "Ibid.",
        "Ibid., 4.",
        "See ibid., 5.",
    ]


def test_a_writers_note_without_citations_breaks_the_run():
    assert (
        notes("A [@lake2007, 3].[^m] B [@lake2007, 4].\n\n[^m]: A remark.\n", ibid=True)[2]
        == "Lake, “Iran’s Secret Plan For Mayhem,” 4."
    )


def test_several_works_in_one_note_are_joined_by_semicolons_with_prefixes_and_suffixes():
    [note] = notes("A [see @lake2007, chap. 2, emphasis added; but compare @ap2007, *passim*].")
    # The suffix follows the locator, before the URL that closes a full note.
    assert note == (
        f"See {LAKE_FULL}, chap. 2, emphasis added, {LAKE_URL}; but compare “U.S.: Iran helping some "
        "Sunni insurgents,” Associated Press, May 9, 2007, *passim*."
    )


def test_locator_labels_as_chicago_abbreviates_them():
    text = " ".join(
        f"[@lake2007, {locator}]."
        for locator in (
            "p. 3",
            "pp. 3-5",
            "chapter 2",
            "sec. 4",
            "§§ 4-6",
            "para. 7",
            "n. 3",
            "l. 4",
            "fig. 2",
            "vol. 2",
            "{appendix B}",
            "A19",
            "xiv",
        )
    )
    short = [
        note.removeprefix("Lake, “Iran’s Secret Plan For Mayhem,” ").removeprefix("Lake, ") for note in notes(text)[1:]
    ]
    assert short == [
        "3–5.",
        "chap. 2.",
        "sec. 4.",
        "secs. 4–6.",
        "para. 7.",
        "n. 3.",
        "line 4.",
        "fig. 2.",
        "vol. 2.",
        "app. B.",
        "A19.",
        "xiv.",
    ]  # roman numerals only after a label: here a suffix


def test_author_left_out_and_author_in_text():
    built = build("@lake2007 [p. 3] says so. Later [-@lake2007, 4] and @lake2007 again.", RESOLVER, Options(AS_GIVEN))
    assert [render(i, "text") for i in built.inline] == ["Eli Lake", "Lake"]
    # The sentence names the author, so the notes leave them out (as pandoc's citeproc does).
    assert [render(n.generated, "text") for n in built.notes] == [
        "“Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3, http://www.nysun.com/article/46032.",
        "“Iran’s Secret Plan For Mayhem,” 4.",
        "“Iran’s Secret Plan For Mayhem.”",
    ]
    assert build("See @lake2007 [p. 21], as well.", RESOLVER).body == "See \ue0020\ue003,\ue0001\ue001 as well.\n"


def test_a_citation_in_the_writers_footnote_is_set_inline_with_the_punctuation_inside_the_quotes():
    [own] = notes("Text.[^a]\n\n[^a]: As [@ap2007], the agency said, and [@lake2007].\n")
    assert own == "As {0} the agency said, and {1}"  # the comma and period moved into the citations
    built = build("Text.[^a]\n\n[^a]: As [@ap2007], the agency said, and [@lake2007].\n", RESOLVER, Options(AS_GIVEN))
    assert (
        render(built.inline[0], "text") == "“U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007,"
    )
    assert render(built.inline[1], "text").endswith("http://www.nysun.com/article/46032.")


def test_edition_18():
    [note] = notes("A [@cochrane2007, 4].", style=Style(edition=18, headline=False))
    assert note.startswith("Marisa Cochrane, *Iran and Al-Qaeda in Iraq: What’s the Connection?*")


def test_own_footnotes_and_citations_share_one_sequence_and_unreferenced_ones_are_warned_about():
    built = build(
        "A [@lake2007].[^x] B.[^y] C [@ap2007].[^x]\n\n[^x]: Mine.\n\n[^y]: Also mine.\n\n[^z]: Never used.\n", RESOLVER
    )
    assert [n.number for n in built.notes] == [1, 2, 3, 4]
    assert [n.label for n in built.notes] == [None, "x", "y", None]
    assert [f.message for f in built.findings] == ["footnote [^z] is never referenced; left out"]
    assert built.findings[0].warning


def test_pandocs_own_cases_rekeyed():
    # pandoc test/command/citeproc-7b.md: a note of the writer's own between two citations of the
    # same work means the second is not "the same work again at once".
    assert notes("Test [@lake2007, 12].\n\nTest [@lake2007, 12].\n\nTest.^[asdfasdf]\n\nTest [@lake2007, 12].\n") == [
        f"{LAKE_FULL}, 12, {LAKE_URL}.",
        "Lake, 12.",
        "asdfasdf",
        "Lake, “Iran’s Secret Plan For Mayhem,” 12.",
    ]
    # pandoc test/command/11046.md: the note goes before a dash; test/command/7826.md: after a comma.
    built = build("blah blah [@lake2007]---blah blah. In works [@lake2007; @ap2007], statistician", RESOLVER)
    assert built.body == "blah blah\ue0001\ue001---blah blah. In works,\ue0002\ue001 statistician\n"


def test_shortened_notes_mode_makes_first_citations_short_too():
    assert notes("A [@lake2007, 3]. B [@lake2007, 4]. C [@ap2007].", short_only=True) == [
        "Lake, “Iran’s Secret Plan For Mayhem,” 3.",
        "Lake, 4.",
        "Associated Press, “Iran Helping Some Sunni Insurgents.”",
    ]


def test_a_bare_handle_in_running_text_is_not_taken_for_a_prefix():
    built = build("Ask @ap on the wire, or [@ap, 2]. @reid2007 says so.", RESOLVER)
    assert [f.message for f in built.findings] == [
        "unknown source 'ap' (did you mean ap2007-iran-helping-sunni?); left as text (write \\@ if it is not a citation)"
    ]
    assert built.findings[0].warning and len(built.notes) == 2


def test_leaving_out_an_issuing_body_or_an_agency_named_in_the_text():
    assert notes("The force said so [-@mnfi2007-three, 2]. The agency too [@ap2007]; again [-@ap2007].") == [
        "“Three Suspected Terrorists Captured,” press release A070531a, May 31, 2007, 2, "
        "<http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21>.",
        "“U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.",
        "“Iran Helping Some Sunni Insurgents.”",  # the short note without the agency that leads it
    ]
