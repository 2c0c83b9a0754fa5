"""docs/manuscript.md's Word section cannot drift: its example document gives the notes it shows."""

import re
import shutil
import subprocess

import pytest

from conftest import REPO
from dossiercli.manuscript import ooxml
from dossiercli.manuscript.ooxml import Package, w

DOC = (REPO / "docs" / "manuscript.md").read_text(encoding="utf-8")
SECTION = DOC.split("## Word documents (.docx)")[1].split("\n## ")[0]
EXAMPLE = REPO / "docs" / "word"


def shown_notes() -> list[str]:
    block = re.findall(r"^```text\n(.*?)^```", SECTION, flags=re.S | re.M)[1]
    return [line.split(" ", 1)[1] for line in block.strip().split("\n")]


def note_texts(data: bytes) -> list[str]:
    package = Package(data)
    notes = package.xml(package.related_one(package.main, ooxml.REL_FOOTNOTES))
    by_id = {n.get(w("id")): n for n in notes.iter(w("footnote"))}
    out = []
    for reference in package.xml(package.main).iter(w("footnoteReference")):
        note = by_id[reference.get(w("id"))]
        out.append("".join(t.text or "" for t in note.iter(w("t"))).strip())
    return out


def test_the_example_document_gives_the_notes_shown(run, tmp_path):
    out = tmp_path / "paper-cited.docx"
    result = run("manuscript", EXAMPLE / "paper.docx", "-o", out, "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    assert note_texts(out.read_bytes()) == shown_notes()
    assert note_texts((EXAMPLE / "paper-cited.docx").read_bytes()) == shown_notes()  # the committed copy is current


def test_the_picture_is_there_and_shown():
    assert "](word/paper-cited.png)" in SECTION
    assert (EXAMPLE / "paper-cited.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_problems_shown_are_the_ones_reported(run, tmp_path):
    lines = re.findall(r"^```text\n(.*?)^```", SECTION, flags=re.S | re.M)[2].strip().split("\n")
    assert lines[0].startswith('paper.docx: paragraph 7 ("Iran supported both sides…"): unknown source')
    # tests/test_manuscript_docx.py::test_check_reports_paragraph_and_first_words makes these lines for real.


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice or poppler absent")
def test_libreoffice_renders_the_example_with_the_notes_at_the_foot(tmp_path):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(EXAMPLE / "paper-cited.docx")],
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "paper-cited.pdf"), "-"], capture_output=True, text=True
    ).stdout
    flat = " ".join(page.split())
    assert re.search(r"in Afghanistan\.\s?1 Early", flat) and re.search(r"in Iraq\.\s?2 By May", flat)
    assert flat.index("Bibliography") < flat.index("Several large weapons shipments")  # her note, at the foot
    assert flat.index("2 Eli Lake") < flat.index("3 Robert H. Reid") < flat.index("4 See William Caldwell")
