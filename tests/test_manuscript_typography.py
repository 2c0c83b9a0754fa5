"""A quotation next to a citation gets the same typographic quotes as one without (issue 23, item 9).

`He called it "defensive" [@lake2007].` used to come out `&quot;defensive.&quot;` in HTML and
`\\textquotedbl{}` in LaTeX, while the same sentence without the citation had curly quotes: the
note reference read to markdown-it as a letter. Every target × every place a quotation mark can
stand beside a citation: the cited sentence, note references taken out, must read exactly as the
same sentence written with no citation (its period already inside the quotation marks, where
CMOS 6.9 puts it), and no straight quotation mark may be left in the prose.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from dossiercli.chicago.notes import Style
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import Options, build
from dossiercli.manuscript.targets import Document, write

RESOLVER = open_dossier(REPO).resolver

# (with a citation, the same sentence as it reads without one)
CASES = {
    "closing quote, then the citation": ('He called it "defensive" [@lake2007].', 'He called it "defensive."'),
    "quote, citation, sentence goes on": (
        'It was "odd" [@lake2007] and "long" [@ap2007].',
        'It was "odd" and "long."',
    ),
    "nested quotes": (
        "She said \"it's 'nested' here\" [@reid2007, 3].",
        "She said \"it's 'nested' here.\"",
    ),
    "single quotes inside, closing together": (
        "He said \"they told me 'no'\" [@lake2007].",
        "He said \"they told me 'no.'\"",
    ),
    "single quotes at the citation": ("The term 'defensive' [@lake2007] stuck.", "The term 'defensive' stuck."),
    "plural possessive closing a quotation": (
        'He said "it was the officials\'" [@lake2007].',
        'He said "it was the officials\'."',
    ),
    "plural possessive at the citation": ("It was the officials' [@lake2007] plan.", "It was the officials' plan."),
    "elision at the start of a word": ('The \'90s were "odd" [@lake2007].', 'The \'90s were "odd."'),
    "apostrophe inside a word": ("Iran's \"plan\" [@lake2007], it's said.", "Iran's \"plan,\" it's said."),
    "emphasis closing at the citation": (
        "He called it _defensive_ [@lake2007] twice.",
        "He called it _defensive_ twice.",
    ),
    "quoted emphasis at the citation": (
        'He called it *"defensive"* [@lake2007] twice.',
        'He called it *"defensive"* twice.',
    ),
    "question mark inside the quote": ('He asked "why?" [@lake2007].', 'He asked "why?"'),
    "a quotation running into a second paragraph": (
        '"The first paragraph [@lake2007].\n\n"The second" [@ap2007].',
        '"The first paragraph.\n\n"The second."',
    ),
    "a writer's own footnote reference": (
        'He called it "defensive"[^a] twice.\n\n[^a]: A note.',
        'He called it "defensive" twice.',
    ),
}
TARGETS = ("html", "latex", "rtf")


def rendered(text: str, target: str) -> str:
    built = build(text, RESOLVER, Options(Style(headline=False)))
    assert built.errors == []
    return write(Document(built, []), target)


def _without_groups(text: str, opener: str) -> str:
    """`text` with every brace group that starts with `opener` taken out (LaTeX and RTF footnotes)."""
    while (start := text.find(opener)) >= 0:
        depth, index = 0, start
        for index in range(start + opener.index("{"), len(text)):
            if text[index] == "{" and text[index - 1] != "\\":
                depth += 1
            elif text[index] == "}" and text[index - 1] != "\\":
                depth -= 1
                if depth == 0:
                    break
        text = text[:start] + text[index + 1 :]
    return text


def prose(output: str, target: str) -> str:
    """The body of the document, note references and note texts taken out."""
    if target == "html":
        body = output.split("<main>", 1)[1].split('<section class="footnotes"', 1)[0].split("</main>")[0]
        return re.sub(r'<sup class="footnote-ref".*?</sup>', "", body)
    if target == "latex":
        body = output.split("\\begin{document}", 1)[1]
        return _without_groups(body, "\\footnote{")
    return _without_groups(output.replace("{\\cs16\\super\\chftn}", ""), "{\\footnote")


STRAIGHT = {
    "html": ("&quot;", "&#x27;"),
    "latex": ("\\textquotedbl",),
    "rtf": ('"', "'"),
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", CASES)
def test_quotes_are_the_same_with_and_without_a_citation(case: str, target: str):
    cited, plain = CASES[case]
    with_citation = prose(rendered(cited, target), target)
    assert with_citation == prose(rendered(plain, target), target)
    assert not any(mark in with_citation for mark in STRAIGHT[target]), with_citation


@pytest.mark.parametrize("target", TARGETS)
def test_quotes_in_a_writers_own_note_next_to_a_citation_are_typographic(target: str):
    text = "Text.[^a]\n\n[^a]: He called it \"defensive\" [@lake2007]; the '90s were 'odd' [@ap2007].\n"
    output = rendered(text, target)
    note = output.split('<section class="footnotes"', 1)[1] if target == "html" else output
    assert not any(mark in note for mark in STRAIGHT[target] if mark != "'"), note
    expected = {
        "html": "He called it “defensive” Eli Lake",
        "latex": "He called it ``defensive'' Eli Lake",
        "rtf": "He called it \\u8220?defensive\\u8221? Eli Lake",
    }[target]
    assert expected in note
    assert {"html": "the ’90s were ‘odd’", "latex": "the '90s were `odd'", "rtf": "\\u8217?90s"}[target] in note


@pytest.mark.parametrize("target", TARGETS)
def test_quotes_inside_a_citation_and_in_the_note_are_typographic(target: str):
    output = rendered('He said so [see "the plan" in @lake2007, 5, "emphasis" added].', target)
    expected = {
        "html": "See “the plan” in Eli Lake, “Iran’s Secret Plan For Mayhem,” <i>New York Sun</i>, January 3, 2007, 5, “emphasis” added,",
        "latex": "See ``the plan'' in Eli Lake, ``Iran's Secret Plan For Mayhem,'' \\textit{New York Sun}, January 3, 2007, 5, ``emphasis'' added,",
        "rtf": "See \\u8220?the plan\\u8221? in Eli Lake,",
    }[target]
    assert expected in output


def test_an_escaped_quotation_mark_stays_straight():
    """The writer asked for a straight mark (`\\"`), as pandoc keeps it."""
    assert "a &quot;straight&quot; one" in rendered('a \\"straight\\" one [@lake2007].', "html")


def test_markdown_keeps_the_writers_quotes_as_typed_with_or_without_a_citation():
    """The Markdown target changes nothing but the citations: pandoc makes the quotes typographic later."""
    for cited, plain in CASES.values():
        body = rendered(cited, "markdown").split("\n\n[^", 1)[0]
        assert re.sub(r"\[\^\d+\]", "", body).strip() == plain.strip()


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("to", ["html", "docx"])
def test_pandoc_sets_curly_quotes_at_every_citation_of_the_markdown_output(tmp_path: Path, to: str):
    source = "\n\n".join(cited for cited, _ in CASES.values() if "[^a]" not in cited)
    (tmp_path / "paper.md").write_text(rendered(source, "markdown"), encoding="utf-8")
    out = tmp_path / f"paper.{to}"
    subprocess.run(["pandoc", "paper.md", "-o", out.name], cwd=tmp_path, check=True, timeout=120)
    if to == "docx":
        xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
        text = html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    else:
        text = html.unescape(re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8")))
    assert "“defensive.”" in text and "’90s" in text
    assert '"' not in text.split("\n\n")[0] if to == "html" else '"' not in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_chromium_shows_curly_quotes_at_every_citation(tmp_path: Path):
    """The page as a browser builds it: every note reference that follows a quotation follows a curly one."""
    source = "\n\n".join(cited for cited, _ in CASES.values())
    page = tmp_path / "paper.html"
    page.write_text(rendered(source, "html"), encoding="utf-8")
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = result.stdout
    main = dom.split("<main>", 1)[1].split('<section class="footnotes"', 1)[0]
    before_notes = re.findall(r'(.{2})<sup class="footnote-ref"', main)
    assert len(before_notes) >= len(CASES)
    quotes_before = [pair for pair in before_notes if set(pair) & set("\"'“”‘’")]
    assert quotes_before and all(set(pair) <= set("“”‘’.?!,abcdefghijklmnopqrstuvwxyz") for pair in quotes_before)
    text = re.sub(r"<[^>]+>", "", main)
    assert '"' not in text and "'" not in text, text


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_the_pandoc_filter_moves_the_period_into_nested_quotes_and_drops_it_after_a_question(tmp_path: Path):
    filter_script = tmp_path / "filter"
    filter_script.write_text(
        f"#!{sys.executable}\nfrom dossiercli.cli.manuscript import pandoc_filter_main\npandoc_filter_main()\n"
    )
    filter_script.chmod(0o755)
    source = tmp_path / "paper.md"
    source.write_text("\n\n".join(cited for cited, _ in CASES.values()), encoding="utf-8")
    through_filter = subprocess.run(
        ["pandoc", str(source), "--filter", str(filter_script), "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        env={"DOSSIER_DIR": str(REPO), "PATH": "/usr/bin:/bin"},
        check=True,
        timeout=60,
    ).stdout
    assert "“they told me ‘no.’”[" in through_filter
    assert "He asked “why?”[" in through_filter
    assert "“defensive.”[" in through_filter
