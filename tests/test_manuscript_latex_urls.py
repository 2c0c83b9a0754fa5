"""URLs and DOIs in the LaTeX output break across lines, and the front matter's author is printed
(issue 23, item 10).

A URL was escaped as plain text, which TeX cannot break: `Overfull \\hbox (300.6pt too wide)` and
the address cut at the right edge of the PDF. They are `\\url{}` now (xurl and hyperref, with
`\\Urlmuskip` as biblatex sets it), percent-encoded where RFC 3986 wants and with `%` and `#`
escaped, so that they survive a footnote's argument. The URLs below are real: the bundled
dossier's MNF-Iraq press releases, a Wiley DOI with angle brackets and semicolons (the classic
"hard" DOI), a Defense Department transcript, a Wikipedia page with a non-ASCII title.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import write_dossier
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import Options, build, front_authors
from dossiercli.manuscript.targets import Document, latex_url, write

ENTRIES = {
    "mnfi2007": """\
        type = "press-release"
        title = "Coalition Forces Disrupt Terrorist Networks"
        publisher = "Multi-National Force-Iraq"
        number = "20070923-03"
        issued = 2007-09-23
        URL = "http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=14191&Itemid=21"
        """,
    "wiley1998": """\
        type = "article-journal"
        title = "Information Retrieval on the Web"
        container-title = "Journal of the American Society for Information Science"
        volume = "49"
        issue = "8"
        page = "693-703"
        issued = 1998
        DOI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
        [[author]]
        family = "Gordon"
        given = "Michael"
        """,
    "dod2007": """\
        type = "transcript"
        title = "DoD News Briefing with Geoff Morrell from the Pentagon"
        publisher = "US Department of Defense"
        issued = 2007-07-16
        URL = "https://www.defense.gov/News/Transcripts/Transcript/Article/1234567/dod-news-briefing-with-geoff-morrell-from-the-pentagon/?source=GovDelivery&utm_medium=email%20#top"
        """,
    "wiki2020": """\
        type = "webpage"
        title = "Straße"
        container-title = "Wikipedia"
        issued = 2020-05-01
        URL = "https://de.wikipedia.org/wiki/Straße_(Verkehrsweg)?oldid=199999999&action=history~x"
        """,
}
PAPER = """---
title: "URLs that must break"
author:
  - name: Marisa Cochrane
  - Kimberly Kagan
---
## Sources at <https://www.understandingwar.org/backgrounder/iran-and-al-qaeda-iraq-whats-connection#section_2>

| source | where |
|---|---|
| [ISW](https://www.understandingwar.org/?q=iran&page=2) | <https://www.understandingwar.org/sites/default/files/x_y.pdf> |

Releases were issued [@mnfi2007]. A journal paper [@wiley1998, 695]. A briefing
[@dod2007]. A page [@wiki2020]. In the text, <https://www.understandingwar.org/sites/default/files/reports/Iran%20and%20al%20Qaeda%20in%20Iraq.pdf>
and [the backgrounder](https://www.understandingwar.org/backgrounder/iran-and-al-qaeda-iraq-whats-connection?utm_source=x&utm_campaign=y).
"""


def latex(tmp_path: Path) -> str:
    root = write_dossier(tmp_path / "dossier", ENTRIES)
    dossier = open_dossier(root)
    built = build(PAPER, dossier.resolver, Options())
    assert built.errors == []
    return write(Document(built, built.bibliography()), "latex")


def test_urls_are_written_as_url_commands_safe_inside_a_footnote():
    assert latex_url("https://a.org/x%20y#frag") == "\\url{https://a.org/x\\%20y\\#frag}"
    assert latex_url("https://a.org/{b}\\c d") == "\\url{https://a.org/\\%7Bb\\%7D\\%5Cc\\%20d}"
    assert latex_url("https://de.wikipedia.org/wiki/Straße") == "\\url{https://de.wikipedia.org/wiki/Stra\\%C3\\%9Fe}"


def test_every_url_and_doi_of_the_manuscript_is_a_url_command(tmp_path):
    text = latex(tmp_path)
    assert "\\usepackage{xurl}" in text and "\\Urlmuskip=0mu plus 1mu" in text
    # each note and bibliography entry, the autolinks and links (prose, heading, table cells)
    assert text.count("\\url{") == 4 * 2 + 2 + 3
    assert "\\url{https://doi.org/10.1002/(SICI)1097-4571(199806)49:8\\%3C693::AID-ASI4\\%3E3.0.CO;2-0}" in text


@pytest.mark.parametrize(
    "front,authors",
    [
        ("author: Jane Doe\n", ["Jane Doe"]),
        ('author: "Doe, Jane"\n', ["Doe, Jane"]),
        ("author: [Jane Doe, 'John Roe']\n", ["Jane Doe", "John Roe"]),
        ("author:\n  - Jane Doe\n  - John Roe\ndate: 2020\n", ["Jane Doe", "John Roe"]),
        ("author:\n- name: Jane Doe\n  affiliation: ISW\n- name: John Roe\n", ["Jane Doe", "John Roe"]),
        ("title: No author\n", []),
    ],
)
def test_the_front_matters_author_in_the_forms_pandoc_reads(front, authors):
    assert front_authors(f"---\n{front}---\n") == authors


def test_the_author_is_printed_under_the_title_in_every_document_target(tmp_path):
    root = write_dossier(tmp_path / "dossier", ENTRIES)
    built = build(PAPER, open_dossier(root).resolver, Options())
    assert "\\begin{center}\\large Marisa Cochrane and Kimberly Kagan\\end{center}" in write(
        Document(built, []), "latex"
    )
    assert '<p class="author">Marisa Cochrane and Kimberly Kagan</p>' in write(Document(built, []), "html")
    assert "\\qc\\sa240\\fs28 Marisa Cochrane and Kimberly Kagan\\par" in write(Document(built, []), "rtf")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_pdflatex_compiles_it_with_no_overfull_box_from_a_url(tmp_path):
    (tmp_path / "paper.tex").write_text(latex(tmp_path), encoding="utf-8")
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    log = (tmp_path / "paper.log").read_text(encoding="latin-1")
    overfull = [block for block in re.split(r"\n(?=Overfull)", log)[1:]]
    from_urls = [block[:300] for block in overfull if re.search(r"https?:|doi|www\.|\.org|\.gov|\.com", block[:400])]
    assert from_urls == []
    # the links go where the URLs say
    pypdf = pytest.importorskip("pypdf")
    targets = set()
    for page in pypdf.PdfReader(tmp_path / "paper.pdf").pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                targets.add(str(action["/URI"]))
    assert "http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=14191&Itemid=21" in targets
    assert "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0" in targets
    assert any(t.startswith("https://www.defense.gov/") and t.endswith("utm_medium=email%20#top") for t in targets)
