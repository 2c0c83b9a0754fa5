"""The Word example of docs/manuscript.md: paper.docx written as a writer would, cited, rendered.

    python docs/word/make_example.py            # from the repository root (needs python-docx;
                                                # LibreOffice and poppler for the picture)

Writes docs/word/paper.docx (the seed's opening paragraph with its footnote ⁱ, and a paragraph
citing four sources, typed in pandoc's syntax, one citation split over runs in two formats as
Word leaves them, a comment, a [bibliography] marker), runs `dossier manuscript` on it with the
bundled dossier, and renders page 1 of the result with LibreOffice as docs/word/paper-cited.png.
tests/test_manuscript_docx_docs.py checks that the document and the notes shown in the doc agree.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from lxml import etree

from dossiercli.manuscript import ooxml
from dossiercli.manuscript.ooxml import Package, w

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

OPENING = (
    "It is widely speculated in the media that the relationship between the Shi’a government of Iran and the Sunni "
    "insurgent group, al-Qaeda in Iraq, is a hostile one, primarily because of the sectarian differences between the "
    "two. However, there is clear evidence of Iranian support for another Sunni group, the Taliban in Afghanistan."
)
NOTE = (
    " Several large weapons shipments from elements of the Iranian regime to the Taliban have been intercepted by "
    "NATO forces. "
)


def paper() -> bytes:
    document = docx.Document()
    document.add_heading("Iran and al-Qaeda in Iraq", 1)
    document.add_paragraph(OPENING)
    second = document.add_paragraph("Early in 2007 captured documents were said to show Iran supporting ")
    emphasis = second.add_run("both")
    emphasis.italic = True
    second.add_run(" Sunni and Shiite fighters in Iraq [@lake")
    second.add_run("2007, 3]").bold = True  # a citation Word split over two runs
    second.add_run(". By May, a U.S. general was reporting Iranian explosively formed penetrators in Sunni weapons ")
    commented = second.add_run("caches")
    second.add_run(" [@reid2007, 1], and the military spokesman spoke of support to “select Sunni insurgent elements” ")
    second.add_run("[see @caldwell2007-weekly; also @ap2007].")
    document.add_comment(commented, text="Check the date of this report.", author="Editor", initials="ED")
    document.add_paragraph("[bibliography]")
    buffer = io.BytesIO()
    document.save(buffer)
    # Her footnote ⁱ, with a citation typed inside it (python-docx has no footnotes: lxml and our OOXML module).
    package = Package(buffer.getvalue())
    notes = etree.Element(w("footnotes"), nsmap={"w": ooxml.W_NS})
    note = etree.SubElement(notes, w("footnote"))
    note.set(w("id"), "1")
    paragraph = etree.SubElement(note, w("p"))
    etree.SubElement(etree.SubElement(paragraph, w("pPr")), w("pStyle")).set(w("val"), "FootnoteText")
    mark = ooxml.style_run("FootnoteReference")
    etree.SubElement(mark, w("footnoteRef"))
    paragraph.append(mark)
    paragraph.append(ooxml.run(NOTE))
    paragraph.append(ooxml.run("[See, @keaten2007; @wright2007, A19]."))
    package.add_part("word/footnotes.xml", notes, ooxml.CT_FOOTNOTES, package.main, ooxml.REL_FOOTNOTES)
    body = package.xml(package.main).find(w("body"))
    opening = [p for p in body.iter(w("p")) if "".join(p.itertext()).startswith("It is widely")][0]
    opening.append(ooxml.footnote_reference(1, "FootnoteReference"))
    package.touch(package.main)
    return package.save()


def main() -> None:
    source = HERE / "paper.docx"
    source.write_bytes(paper())
    cited = HERE / "paper-cited.docx"
    dossier = shutil.which("dossier") or "dossier"
    subprocess.run([dossier, "manuscript", str(source), "-o", str(cited), "--force", "--dir", str(REPO)], check=True)
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        sys.exit("LibreOffice (soffice) and poppler (pdftoppm) are needed for the picture")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(cited)],
            check=True,
            capture_output=True,
            env={"HOME": folder, "PATH": "/usr/bin:/bin"},
        )
        stem = Path(folder) / "page"
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(Path(folder) / cited.with_suffix(".pdf").name),
                str(stem),
            ],
            check=True,
        )
        shutil.copy(stem.with_suffix(".png"), HERE / "paper-cited.png")
    print(f"wrote {source.relative_to(REPO)}, {cited.relative_to(REPO)}, docs/word/paper-cited.png")


if __name__ == "__main__":
    main()
