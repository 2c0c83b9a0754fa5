"""Rich text rendered to each target, escaped for it: valid HTML, LaTeX and RTF from hostile titles."""

import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from dossiercli.chicago import Style, full_note, render
from dossiercli.chicago.richtext import Rich, italic, normalise, quoted
from dossiercli.chicago.titles import headline_case, page_range, short_title
from dossiercli.model.parse import parse_entry
from dossiercli.render.citations import bibliography_document, notes_document

HOSTILE = r"Fish & Chips <b> {braces} 100% $5 #1 under_score ~tilde ^caret \backslash"


def hostile_note():
    entry, _ = parse_entry(
        {"type": "book", "title": HOSTILE, "publisher": "P & Q <Press>", "issued": "2007", "author": ["O'Brien, Seán"]},
        "x",
    )
    return full_note(entry, style=Style(headline=False))


def test_html_is_escaped_and_well_formed():
    out = render(hostile_note(), "html")
    assert "&amp;" in out and "&lt;b&gt;" in out and "<b>" not in out

    class Checker(HTMLParser):
        tags: list = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

    checker = Checker()
    checker.feed(notes_document([(1, hostile_note())], "html"))
    assert checker.tags == ["ol", "li", "i"]


def test_latex_escapes_every_special_character():
    out = render(hostile_note(), "latex")
    for escaped in (
        r"\&",
        r"\{braces\}",
        r"100\%",
        r"\$5",
        r"\#1",
        r"under\_score",
        r"\textasciitilde{}",
        r"\textasciicircum{}",
        r"\textbackslash{}",
        r"\textless{}b\textgreater{}",
    ):
        assert escaped in out
    assert out.count("{") == out.count("}")


def transliterated_note():
    """Diacritics of transliterated Arabic (CMOS 11.98) and a quotation inside a quoted title (13.30)."""
    entry, _ = parse_entry(
        {
            "type": "article-newspaper",
            "title": 'Ṣadr Calls the Raid a "Crime"',
            "container-title": "Al-Ḥayāt",
            "issued": "2007-05-09",
            "author": [{"family": "Ḥusayn", "given": "ʿAlī", "non-dropping-particle": "al-"}],
        },
        "x",
    )
    return full_note(entry, "12–14")


def test_latex_is_ascii_with_accents_as_commands_and_adjacent_quotes_apart():
    out = render(transliterated_note(), "latex")
    assert out.isascii()
    assert r"\textquoteleft{}Al\={\i{}} al-\d{H}usayn" in out and r"\textit{Al-\d{H}ay\={a}t}" in out
    # ’” is written '{}'' : three apostrophes in a row would be read by TeX as ” then ’.
    assert r"``\d{S}adr Calls the Raid a `Crime,'{}''" in out


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")
@pytest.mark.parametrize("preamble", ["", "\\usepackage[T1]{fontenc}"])
def test_latex_compiles_with_plain_pdflatex(tmp_path, preamble):
    notes = [(1, hostile_note()), (2, transliterated_note())]
    body = notes_document(notes, "latex") + bibliography_document([text for _, text in notes], "latex")
    (tmp_path / "t.tex").write_text(
        "\\documentclass{article}" + preamble + "\\begin{document}\n" + body + "\\end{document}\n", encoding="ascii"
    )
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "Missing character" not in (tmp_path / "t.log").read_text(errors="replace")


def test_rtf_braces_balance_and_non_ascii_is_escaped():
    document = bibliography_document([hostile_note()], "rtf")
    assert document.startswith("{\\rtf1") and document.rstrip().endswith("}")
    depth = 0
    previous = ""
    for ch in document:
        if previous != "\\":
            depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
        previous = "" if previous == "\\" else ch
    assert depth == 0
    assert all(ord(ch) < 128 for ch in document)
    assert "\\u225?" in document  # á of Seán


def test_markdown_escapes_its_own_syntax_and_keeps_italics():
    out = render(Rich("a *b* [c] &amp; ", italic("Title_1")), "markdown")
    assert out == r"a \*b\* \[c\] \&amp; *Title\_1*"


def test_punctuation_moves_inside_quotes_across_spans():
    assert render(normalise(Rich(quoted("Title"), ", ", italic("Paper"), "."))) == "“Title,” Paper."
    assert render(normalise(Rich(quoted("Why?"), ", next."))) == "“Why?,” next."  # CMOS 17 6.119 keeps the comma
    assert render(normalise(Rich(quoted("Why?"), "."))) == "“Why?”"  # the period goes
    assert render(normalise(Rich("Jr.", "."))) == "Jr."


@pytest.mark.parametrize(
    "pages, expected",
    [
        ("3-10", "3–10"),
        ("71-72", "71–72"),
        ("96-117", "96–117"),
        ("100-104", "100–104"),
        ("1100-1113", "1100–1113"),
        ("101-108", "101–8"),
        ("808-833", "808–33"),
        ("1103-1104", "1103–4"),
        ("321-328", "321–28"),
        ("498-532", "498–532"),
        ("1087-1089", "1087–89"),
        ("1496-1504", "1496–1504"),
        ("11564-11615", "11564–615"),
        ("12991-13001", "12991–3001"),
        ("165-176", "165–76"),
        ("301-329", "301–29"),
        ("1536-1538", "1536–38"),
        ("A19", "A19"),
    ],
)
def test_9_64_inclusive_numbers(pages, expected):
    assert page_range(pages) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Iran's Secret Plan For Mayhem", "Iran's Secret Plan For Mayhem"),  # five words: whole
        ("The Persian Puzzle: The Conflict between Iran and America", "Persian Puzzle"),
        ("A Short Title", "Short Title"),
        ("Is Iran Arming Insurgents? A Study", "Is Iran Arming Insurgents?"),
        ("Culture and Anarchy: An Essay in Political and Social Criticism", "Culture and Anarchy"),
        ("Iraq: A History", "Iraq"),
        ("Daily Notes of a Trader with the Indians", "Daily Notes"),  # the manual's own example
        ("Sectarian Relations in Arab Iraq: Contested Narratives", "Sectarian Relations in Arab Iraq"),
        ("Sectarian Relations in Arab Iraq since the Invasion", "Sectarian Relations"),  # cut before "in"
        (
            "In two separate operations, Iraqi Security Forces detain eight",
            "In two separate operations",
        ),  # at the comma
        ("Is This the ‘Smoking Gun’ on Iran?", "Is This the ‘Smoking Gun’"),  # never inside quotation marks
        (
            "Coalition Forces Nab 20 Suspected Al-Qaeda Terrorists",
            "Coalition Forces Nab 20 Suspected Al-Qaeda Terrorists",
        ),
    ],
)
def test_14_32_short_titles(title, expected):
    assert short_title(title) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("U.S.: Iran helping some Sunni insurgents", "Iran helping some Sunni insurgents"),
        ("UPDATE: Iran Denies Link", "Iran Denies Link"),
        ("Iraq: Three Soldiers Killed", "Iraq"),
    ],
)
def test_14_32_a_headlines_label_is_not_its_main_title(title, expected):
    assert short_title(title, news=True) == expected
    assert short_title(title) == title.split(":")[0]


def test_8_159_headline_style_keeps_acronyms_and_lowercases_minor_words():
    assert (
        headline_case("the war in iraq: an analysis of the U.S. surge")
        == "The War in Iraq: An Analysis of the U.S. Surge"
    )
