"""`dossier manuscript paper.md -o paper.docx`: Markdown to a Word document with real footnotes, no pandoc.

And the seed's footnote ⁱ from a .docx made of the seed's paragraph.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import REPO
from dossiercli.manuscript import ooxml
from dossiercli.manuscript.ooxml import Package, w

LAKE, AP = "lake2007-iran-secret-plan", "ap2007-iran-helping-sunni"
PANDOC = shutil.which("pandoc")

MANUSCRIPT = f"""\
---
title: A short paper
---

# Evidence

Lake saw a *secret plan* [@{LAKE}, 3] and **more**.[^mine] A list:

- one [@{AP}]
- two

1. first
2. second

> A quotation in a block [@{LAKE}, 5].

| a | b |
|---|---|
| cell [@{AP}] | x |

    code [@{LAKE}] stays code

[^mine]: My own note, citing [@{AP}].

    A second paragraph of my note.
"""


def write_docx(run, tmp_path: Path, text: str, *options: str) -> bytes:
    paper = tmp_path / "paper.md"
    paper.write_text(text, encoding="utf-8")
    out = tmp_path / "paper.docx"
    result = run("manuscript", paper, "-o", out, "--dir", REPO, *options)
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def test_a_plain_well_formed_document_with_real_footnotes(run, tmp_path):
    data = write_docx(run, tmp_path, MANUSCRIPT)
    document = docx.Document(io.BytesIO(data))  # python-docx reads it
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", "A short paper")
    assert ("Heading 1", "Evidence") in styles
    assert any(name == "Quote" and text.startswith("A quotation in a block.") for name, text in styles)
    assert any(text.startswith("•\tone") for _, text in styles) and any(text == "2.\tsecond" for _, text in styles)
    assert any(text == f"code [@{LAKE}] stays code" for _, text in styles)
    assert ("Heading 1", "Bibliography") in styles
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert "secret plan" in italic
    package = Package(data)
    references = list(package.xml(package.main).iter(w("footnoteReference")))
    assert len(references) == 5  # four citations outside code, and her note
    notes_root = package.xml(package.related_one(package.main, ooxml.REL_FOOTNOTES))
    mine = [n for n in notes_root.iter(w("footnote")) if "My own note" in "".join(n.itertext())][0]
    assert len(mine.findall(w("p"))) == 2  # her two paragraphs
    assert "“U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007." in "".join(mine.itertext())


def test_every_part_is_well_formed_xml_and_typed(tmp_path, run):
    data = write_docx(run, tmp_path, 'Hostile 5 < 6 && ]]> "text" \x01 [@lake2007].\n')
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            etree.fromstring(archive.read(name))  # raises on anything malformed
    text = "".join(Package(data).xml("word/document.xml").itertext())
    assert "Hostile 5 < 6 && ]]> “text”" in text


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")
def test_pandoc_reads_the_same_notes_as_the_markdown_route_gives(run, tmp_path):
    data = write_docx(run, tmp_path, MANUSCRIPT)
    (tmp_path / "paper.docx").write_bytes(data)
    notes_md = tmp_path / "notes.md"
    notes_md.write_text(run("manuscript", tmp_path / "paper.md", "--dir", REPO).stdout, encoding="utf-8")

    def notes(path: Path, reader: str) -> list[str]:
        plain = subprocess.run(
            ["pandoc", "-f", reader, "-t", "plain", "--wrap=none", str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        return re.findall(r"^\[\d+\] (.*)$", plain, re.MULTILINE)

    assert notes(tmp_path / "paper.docx", "docx") == notes(notes_md, "markdown")


def test_a_docx_needs_a_file_to_go_to(run, tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text("Text.\n", encoding="utf-8")
    result = run("manuscript", paper, "--to", "docx", "--dir", REPO)
    assert result.exit_code == 2 and "add -o paper.docx" in result.stderr


# -- the seed's footnote ⁱ ------------------------------------------------------------------------------------

SEED_PARAGRAPH = (
    "It is widely speculated in the media that the relationship between the Shi'a government of Iran and the Sunni "
    "insurgent group, al-Qaeda in Iraq, is a hostile one, primarily because of the sectarian differences between the "
    "two. However, there is clear evidence of Iranian support for another Sunni group, the Taliban in Afghanistan."
)
SEED_NOTE = (
    "Several large weapons shipments from elements of the Iranian regime to the Taliban have been intercepted by "
    "NATO forces. Former British Prime Minister, Tony Blair, and the former Undersecretary of State for Political "
    'Affairs, R. Nicholas Burns, have both stated that there was "clear" and "irrefutable" evidence of Iranian '
    "support for the Taliban. "
)


def test_the_seeds_footnote_from_a_word_document_of_the_seeds_paragraph(run, tmp_path):
    # The writer's paragraph in Word, her footnote ⁱ holding her words and a typed citation.
    document = docx.Document()
    paragraph = document.add_paragraph(SEED_PARAGRAPH)
    buffer = io.BytesIO()
    document.save(buffer)
    package = Package(buffer.getvalue())
    notes_root = etree.Element(w("footnotes"), nsmap={"w": ooxml.W_NS})
    note = etree.SubElement(notes_root, w("footnote"))
    note.set(w("id"), "1")
    note_paragraph = etree.SubElement(note, w("p"))
    mark = ooxml.style_run("FootnoteReference")
    etree.SubElement(mark, w("footnoteRef"))
    note_paragraph.append(mark)
    note_paragraph.append(ooxml.run(" " + SEED_NOTE))
    note_paragraph.append(ooxml.run("[See, @keaten2007-us-diplomat-nato; "))
    note_paragraph.append(ooxml.run("@wright2007-iranian-arms-taliban, A19]."))  # split, as Word does
    package.add_part("word/footnotes.xml", notes_root, ooxml.CT_FOOTNOTES, package.main, ooxml.REL_FOOTNOTES)
    body_paragraph = package.xml(package.main).find(w("body")).find(w("p"))
    body_paragraph.append(ooxml.footnote_reference(1, "FootnoteReference"))
    body_paragraph.append(ooxml.run(" Therefore, it is worth investigating the potential links."))
    package.touch(package.main)
    paper = tmp_path / "seed.docx"
    paper.write_bytes(package.save())
    out = tmp_path / "seed-cited.docx"
    result = run("manuscript", paper, "-o", out, "--ascii", "--no-bibliography", "--as-given", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    cited = Package(out.read_bytes())
    note_text = "".join(cited.xml("word/footnotes.xml").itertext()).strip()
    note_text = re.sub(r" ADDIN DOSSIER \[[^\]]*\][.,]? ", "", note_text)  # the field's instruction, not shown
    assert note_text == (
        SEED_NOTE
        + 'See, Jamey Keaten, "U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban," '
        'Associated Press Worldstream, June 13, 2007; Robin Wright, "Iranian Arms Destined for Taliban Seized in '
        "Afghanistan, Officials Say; 'Large' Shipment Said to Include Armor-Piercing Bombs,\" The Washington Post, "
        "September 16, 2007, A19."
    )
    italic = [
        "".join(r.itertext())
        for r in cited.xml("word/footnotes.xml").iter(w("r"))
        if r.find(w("rPr")) is not None and r.find(w("rPr")).find(w("i")) is not None
    ]
    assert italic == ["The Washington Post"]
    assert "Taliban in Afghanistan." in "".join(cited.xml(cited.main).itertext())
    assert paragraph is not None


def test_update_is_for_word_and_odf_documents(run, tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text("Text.\n", encoding="utf-8")
    result = run("manuscript", paper, "--update", "--dir", REPO)
    assert result.exit_code == 2 and "--update is for a .docx or .odt" in result.stderr
