"""`dossier manuscript paper.docx --check-quotes`: a Word document's quotations, read as the Word route reads it."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from conftest import REPO

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def paragraph(text: str, style: str | None = None, note: int | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    ref = f'<w:r><w:footnoteReference w:id="{note}"/></w:r>' if note is not None else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>{ref}</w:p>'


def docx(body: list[str], notes: dict[int, str]) -> bytes:
    """A minimal Word document: the story's paragraphs and footnotes (with Word's two separators)."""
    separators = '<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
    separators += '<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>'
    footnotes = "".join(f'<w:footnote w:id="{n}">{paragraph(text)}</w:footnote>' for n, text in notes.items())
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/footnotes.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RELS}/footnotes" Target="footnotes.xml"/></Relationships>'
        ),
        "word/document.xml": f"<w:document {W}><w:body>{''.join(body)}</w:body></w:document>",
        "word/footnotes.xml": f"<w:footnotes {W}>{separators}{footnotes}</w:footnotes>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_word_documents_quotations_in_the_text_in_a_quote_style_and_in_footnotes(run, tmp_path: Path):
    paper = tmp_path / "paper.docx"
    paper.write_bytes(
        docx(
            [
                paragraph("The spokesman spoke of “select Sunni insurgent elements” [@caldwell2007-weekly]."),
                paragraph("Lake: “Iran is supporting both Sunni and Shia terrorists” [@lake2007]."),
                paragraph("As the wire story put it [@ap2007]:"),
                paragraph("Shiite-dominated Iran is providing support to some Sunni insurgents.", style="Quote"),
                paragraph("He spoke of “financial support at this point”.", note=1),
            ],
            {1: "See [@ap2007]; and “some select Sunni rebel elements” [@caldwell2007-weekly]."},
        )
    )
    result = run("manuscript", paper, "--check-quotes", "--report", "json", "--dir", REPO)
    assert result.exit_code == 1, result.stderr
    quotations = json.loads(result.stdout)["quotations"]
    assert [(q["line"], q["column"], q["status"], q["how"]) for q in quotations] == [
        (1, 24, "verbatim", "citation"),
        (2, 7, "altered", "citation"),
        (4, 1, "verbatim", "block"),
        (5, 13, "verbatim", "note"),  # attributed by footnote 1's citations
        (1, 20, "altered", "citation"),  # in footnote 1
    ]
    assert quotations[1]["diff"] == "…supporting both Sunni and [-Shia-]{+Shiite+} terrorists"
    text = run("manuscript", paper, "--check-quotes", "--dir", REPO)
    assert f"{paper}:2:7: quotation altered" in text.stderr


def test_an_odt_is_refused_with_a_line_saying_what_to_do(run, tmp_path: Path):
    paper = tmp_path / "paper.odt"
    paper.write_bytes(b"PK")
    result = run("manuscript", paper, "--check-quotes", "--dir", REPO)
    assert result.exit_code == 2
    assert "--check-quotes reads Markdown and .docx manuscripts; save the .odt as .docx" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_word_document_is_one_line(run, tmp_path: Path):
    paper = tmp_path / "paper.docx"
    paper.write_bytes(b"not a zip")
    result = run("manuscript", paper, "--check-quotes", "--dir", REPO)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
