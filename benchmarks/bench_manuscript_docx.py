"""`dossier manuscript paper.docx` on a ~100-page Word document with 500 citations, beside pandoc --citeproc.

    python benchmarks/bench_manuscript_docx.py [WORDS] [CITATIONS] [SOURCES]

The manuscript is bench_manuscript.py's (every citation form, the writer's own footnotes with
citations inside), 50,000 words by default: about 100 pages of 12-point text. It is written
as a Word document the way Word stores one — each paragraph a `w:p`, the writer's notes real
`w:footnote`s, every third citation split across two runs with different formatting, as Word
leaves them after edits — and then timed as whole processes: `dossier manuscript paper.docx
-o out.docx`, `--check`, and, beside them, pandoc with --citeproc and the Chicago notes CSL
style turning the same text (as Markdown) into a .docx, what a writer would otherwise run.
CPU time (user + system) is what the work costs on a shared machine; medians of 5 runs (3 for
pandoc), with the ratio.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_manuscript import STYLES, manuscript, timed  # noqa: E402
from generate import generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out" / "manuscript-docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(text: str, counter: list[int]) -> str:
    """Text as runs; every third citation split in two runs, the second half in bold."""
    out = []
    position = 0
    for match in re.finditer(r"\[[^\[\]]*@[^\[\]]*\]", text):
        out.append(f'<w:r><w:t xml:space="preserve">{_escape(text[position : match.start()])}</w:t></w:r>')
        counter[0] += 1
        cite = match.group()
        if counter[0] % 3 == 0:
            half = len(cite) // 2
            out.append(f'<w:r><w:t xml:space="preserve">{_escape(cite[:half])}</w:t></w:r>')
            out.append(f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{_escape(cite[half:])}</w:t></w:r>')
        else:
            out.append(f'<w:r><w:t xml:space="preserve">{_escape(cite)}</w:t></w:r>')
        position = match.end()
    out.append(f'<w:r><w:t xml:space="preserve">{_escape(text[position:])}</w:t></w:r>')
    return "".join(out)


def word_document(markdown: str) -> bytes:
    """The generated Markdown manuscript as a .docx a writer typed: paragraphs, headings, real footnotes."""
    body, _, _ = markdown.partition("\n\n[^")
    definitions = dict(re.findall(r"^\[\^([^\]]+)\]: (.*)$", markdown, re.MULTILINE))
    counter = [0]
    notes: list[str] = []
    paragraphs = []
    for block in body.split("\n\n"):
        style = ""
        if block.startswith("# "):
            block, style = block[2:], '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        pieces = re.split(r"\[\^([^\]]+)\]", block)
        runs = [_runs(pieces[0], counter)]
        for label, after in zip(pieces[1::2], pieces[2::2], strict=True):
            notes.append(
                f'<w:footnote w:id="{len(notes) + 1}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{_runs(definitions[label], counter)}</w:p></w:footnote>'
            )
            runs.append(
                f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{len(notes)}"/></w:r>'
            )
            runs.append(_runs(after, counter))
        paragraphs.append(f"<w:p>{style}{''.join(runs)}</w:p>")
    from dossiercli.manuscript import docxwrite  # the package skeleton (styles, settings, content types)

    skeleton = io.BytesIO(_skeleton(docxwrite))
    out = io.BytesIO()
    with zipfile.ZipFile(skeleton) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
                    + "".join(paragraphs)
                    + "<w:sectPr/></w:body></w:document>"
                ).encode()
            elif name == "word/footnotes.xml":
                data = data.replace(b"</w:footnotes>", "".join(notes).encode() + b"</w:footnotes>")
            target.writestr(name, data)
    return out.getvalue()


def _skeleton(docxwrite) -> bytes:
    from dossiercli.manuscript.build import build
    from dossiercli.manuscript.targets import Document
    from dossiercli.resolve import Resolver

    return docxwrite.to_docx(Document(build("Empty.\n", Resolver([])), []))


def main() -> None:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    citations = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    sources = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    if OUT.exists():
        shutil.rmtree(OUT)
    entries = generate(sources)
    root = write_dossier(OUT / "dossier", entries)
    markdown = manuscript([entry_id for entry_id, _ in entries], words, citations)
    (OUT / "paper.md").write_text(markdown, encoding="utf-8")
    paper = OUT / "paper.docx"
    paper.write_bytes(word_document(markdown))
    dossier = shutil.which("dossier") or "dossier"
    check = subprocess.run(
        [dossier, "manuscript", str(paper), "--check", "--dir", str(root)], capture_output=True, text=True
    )
    print(f"paper.docx: {len(markdown.split()):,} words; {check.stderr.strip()}")
    out = OUT / "paper-cited.docx"
    ours = timed([dossier, "manuscript", str(paper), "-o", str(out), "--force", "--dir", str(root)])
    print(f"dossier manuscript paper.docx -o out.docx   {ours}")
    checked = timed([dossier, "manuscript", str(paper), "--check", "--dir", str(root)])
    print(f"dossier manuscript paper.docx --check        {checked}")
    pandoc = shutil.which("pandoc")
    style = next((s for s in STYLES if s.exists()), None)
    if pandoc is None or style is None:
        print("pandoc or a Chicago notes CSL style not found: no comparison")
        return
    references = OUT / "references.json"
    subprocess.run(
        [dossier, "export", "--format", "csl-json", "-o", str(references), "--dir", str(root)],
        check=True,
        capture_output=True,
    )
    command = [
        pandoc,
        str(OUT / "paper.md"),
        "--citeproc",
        f"--bibliography={references}",
        f"--csl={style}",
        "-o",
        str(OUT / "pandoc.docx"),
    ]
    theirs = timed(command, runs=3)
    print(f"pandoc paper.md --citeproc -o paper.docx     {theirs}")
    cpu = float(ours.split(", ")[1].split()[0]), float(theirs.split(", ")[1].split()[0])
    print(f"CPU time, ours / pandoc's: {cpu[0] / cpu[1]:.2f}")
    # The notes pandoc reads from our .docx against the notes of the Markdown route on the same text (pandoc's
    # Markdown reader makes the writer's ' a ’ and puts a no-break space after "chap.": undone before comparing).
    notes_md = OUT / "notes.md"
    notes_md.write_text(
        subprocess.run(
            [dossier, "manuscript", str(OUT / "paper.md"), "--dir", str(root)], capture_output=True, text=True
        ).stdout,
        encoding="utf-8",
    )

    def notes(path: Path, reader: str) -> list[str]:
        plain = subprocess.run(
            [pandoc, "-f", reader, "-t", "plain", "--wrap=none", str(path)], capture_output=True, text=True, check=True
        ).stdout
        return re.findall(r"^\[\d+\] (.*)$", plain.replace("\xa0", " ").replace("\u2019", "'"), re.MULTILINE)

    word, markdown_notes = notes(out, "docx"), notes(notes_md, "markdown")
    same = sum(a == b for a, b in zip(word, markdown_notes, strict=False))
    print(
        f"notes pandoc reads in our .docx equal to the Markdown route's: {same} of {len(markdown_notes)} ({len(word)} read)"
    )


if __name__ == "__main__":
    main()
