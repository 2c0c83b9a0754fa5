"""Golden files: a manuscript using every citation form, the writer's own footnotes, code blocks
and citations inside footnotes -> the expected Markdown, LaTeX, HTML and RTF.

The expected files were read line by line when written; after a deliberate change, rewrite them
with `DOSSIER_UPDATE_GOLDEN=1 pytest tests/test_manuscript_golden.py` and read the diff.
The LaTeX is compiled with pdflatex and the RTF opened by LibreOffice where they are installed.
"""

import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from dossiercli.chicago.settings import dossier_settings
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import build, options_for
from dossiercli.manuscript.targets import Document, write

SOURCE = FIXTURES / "manuscript" / "every-form.md"
SUFFIXES = {"markdown": "md", "latex": "tex", "html": "html", "rtf": "rtf"}
NOTES = 15


def rendered(target: str) -> str:
    """As `dossier manuscript` renders it on the bundled dossier (whose [chicago] keeps titles as given)."""
    dossier = open_dossier(REPO)
    settings = dossier_settings(dossier)
    built = build(SOURCE.read_text(encoding="utf-8"), dossier.resolver, options_for(settings))
    assert [f for f in built.findings if not f.warning] == []
    return write(Document(built, built.bibliography(settings.style)), target)


def golden(target: str) -> Path:
    return FIXTURES / "manuscript" / f"every-form.expected.{SUFFIXES[target]}"


@pytest.mark.parametrize("target", SUFFIXES)
def test_every_form_renders_as_expected(target):
    text = rendered(target)
    if os.environ.get("DOSSIER_UPDATE_GOLDEN"):
        golden(target).write_text(text, encoding="utf-8")
    assert text == golden(target).read_text(encoding="utf-8")


def test_markdown_keeps_code_comments_addresses_and_numbers_every_note_once():
    text = golden("markdown").read_text(encoding="utf-8")
    for untouched in (
        "`[@lake2007]`",
        "editor@example.com",
        "\\@escaped",
        "<!-- [@hidden] -->",
        "<https://example.com/@someone>",
        'cite = "[@lake2007-iran-secret-plan]"',
        "    [@indented-code]",
        "[citation in a link](https://example.com)",
    ):
        assert untouched in text
    references = re.findall(r"\[\^(\d+)\](?!:)", text)
    definitions = re.findall(r"^\[\^(\d+)\]:", text, re.MULTILINE)
    assert [int(n) for n in references] == list(range(1, NOTES + 1))
    assert [int(n) for n in definitions] == list(range(1, NOTES + 1))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.open = set(), set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("href", "").startswith("#"):
            self.hrefs.add(attrs["href"][1:])
        if tag not in ("meta", "hr", "br", "img", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, tag


def test_html_notes_are_linked_both_ways():
    parser = _Links()
    parser.feed(golden("html").read_text(encoding="utf-8"))
    assert parser.open == []
    for number in range(1, NOTES + 1):
        assert {f"fn{number}", f"fnref{number}"} <= parser.ids
        assert {f"fn{number}", f"fnref{number}"} <= parser.hrefs


def test_latex_has_a_footnote_per_note_and_is_ascii():
    text = golden("latex").read_text(encoding="utf-8")
    assert text.count("\\footnote{") == NOTES and text.isascii()
    assert '\\begin{verbatim}\ncite = "[@lake2007-iran-secret-plan]"\n\\end{verbatim}' in text


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_latex_compiles_with_pdflatex(tmp_path: Path):
    (tmp_path / "paper.tex").write_text(golden("latex").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert (tmp_path / "paper.pdf").stat().st_size > 0


def test_rtf_has_real_footnotes_and_balanced_groups():
    text = golden("rtf").read_text(encoding="utf-8")
    assert text.count("{\\footnote") == NOTES and text.isascii()
    depth = 0
    for match in re.finditer(r"\\[\\{}]|[{}]", text):
        if match.group() in "{}":
            depth += 1 if match.group() == "{" else -1
            assert depth >= 0
    assert depth == 0


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_rtf_with_its_notes_as_footnotes(tmp_path: Path):
    (tmp_path / "paper.rtf").write_text(golden("rtf").read_text(encoding="utf-8"), encoding="ascii")
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "paper.rtf"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    with zipfile.ZipFile(tmp_path / "paper.odt") as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert content.count('text:note-class="footnote"') == NOTES
    bodies = re.findall(r"<text:note-body>(.*?)</text:note-body>", content)
    plain = [re.sub(r"<[^>]+>", "", body).strip() for body in bodies]
    assert plain[0].startswith("Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3,")
    assert (
        plain[12].startswith("The writer’s own footnote: See, Jamey Keaten,") and "And a second paragraph" in plain[12]
    )
