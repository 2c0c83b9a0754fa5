"""`dossier manuscript paper.docx -o out.docx`: real Word documents in, the same documents out with footnotes.

The documents are real ones other projects published (tests/fixtures/docx/README.md); the tests
type citation markers into them, as a writer would in Word, and look at what came out with
lxml, python-docx, pandoc and LibreOffice.
"""

from __future__ import annotations

import functools
import io
import json
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

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
LAKE, REID, AP = "lake2007-iran-secret-plan", "reid2007-iranian-origin-weapons", "ap2007-iran-helping-sunni"
ALLOWED = {"word/document.xml", "word/footnotes.xml", "word/styles.xml", "[Content_Types].xml"}


# -- typing into a document, as a writer does --------------------------------------------------------


def typed(source: Path | bytes, *paragraphs: list, where: int | None = None) -> bytes:
    """The document with runs appended to its body paragraphs: `paragraphs[i]` is a list of runs for
    the i-th paragraph that has text (strings, or (text, {"i": True, "b": True}) for formatting), or
    new paragraphs at the end (`where="end"`)."""
    data = source.read_bytes() if isinstance(source, Path) else source
    package = Package(data)
    body = package.xml(package.main).find(w("body"))
    targets = [p for p in body.iter(w("p")) if "".join(p.itertext()).strip()]
    for index, runs in enumerate(paragraphs):
        if where is None and index < len(targets):
            paragraph = targets[index]
        else:
            paragraph = etree.Element(w("p"))
            last = body[-1]
            if last.tag == w("sectPr"):
                last.addprevious(paragraph)
            else:
                body.append(paragraph)
        for item in runs:
            text, props = (item, {}) if isinstance(item, str) else item
            rpr = etree.Element(w("rPr"))
            for name in props:
                ooxml.set_property(rpr, name)
            paragraph.append(ooxml.run(text, rpr if len(rpr) else None))
    package.touch(package.main)
    return package.save()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def cite(run, tmp_path: Path, data: bytes, *options: str, name: str = "paper.docx"):
    paper = tmp_path / name
    paper.write_bytes(data)
    out = tmp_path / ("cited-" + name)
    if out.exists():
        out.unlink()
    result = run("manuscript", paper, "-o", out, "--dir", REPO, *options)
    return result, (out.read_bytes() if out.exists() else None)


def story(data: bytes) -> etree._Element:
    package = Package(data)
    return package.xml(package.main)


def notes(data: bytes) -> dict[int, str]:
    """Footnote id -> text, as python-docx's XML gives it (the writer's and ours)."""
    package = Package(data)
    part = package.related_one(package.main, ooxml.REL_FOOTNOTES)
    out: dict[int, str] = {}
    if part is None:
        return out
    for note in package.xml(part).iter(w("footnote")):
        if note.get(w("type")) in (None, "normal"):
            text = "".join(t.text or "" for t in note.iter(w("t")))
            out[int(note.get(w("id")))] = text.strip()
    return out


def note_order(data: bytes) -> list[str]:
    """The notes' texts in the order the text refers to them (what a reader sees as 1, 2, 3…)."""
    texts = notes(data)
    return [texts[int(r.get(w("id")))] for r in story(data).iter(w("footnoteReference"))]


def body_text(data: bytes) -> list[str]:
    """Each body paragraph's text, with [n] where a note reference stands (n in reading order)."""
    out = []
    count = 0
    for paragraph in story(data).iter(w("p")):
        pieces = []
        for node in paragraph.iter(w("t"), w("footnoteReference")):
            if node.tag == w("t"):
                if not any(a.tag == w("del") for a in node.iterancestors()):
                    pieces.append(node.text or "")
            else:
                count += 1
                pieces.append(f"[{count}]")
        out.append("".join(pieces))
    return out


# -- the basics --------------------------------------------------------------------------------------


def test_a_citation_split_across_runs_becomes_a_footnote_and_the_runs_around_keep_their_formatting(run, tmp_path):
    data = typed(
        FIXTURES / "word-tables.docx",
        [" A claim in ", ("italics", {"i": True}), " [@lake", ("2007", {"b": True}), ", 3]. ", ("After.", {"b": True})],
    )
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 0, result.stderr
    assert body_text(out)[0] == "Above A claim in italics.[1] After."
    assert note_order(out) == [
        "Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3, http://www.nysun.com/article/46032."
    ]
    runs = story(out).find(w("body")).find(w("p")).findall(w("r"))
    italic = [r for r in runs if r.find(w("rPr")) is not None and r.find(w("rPr")).find(w("i")) is not None]
    assert [t.text for r in italic for t in r.iter(w("t"))] == ["italics"]  # the period moved is not italic
    bold = [r for r in runs if r.find(w("rPr")) is not None and r.find(w("rPr")).find(w("b")) is not None]
    assert [t.text for r in bold for t in r.iter(w("t"))] == ["After."]  # "2007" went with the citation
    reference = runs[[r.find(w("footnoteReference")) is not None for r in runs].index(True)]
    assert reference.find(w("rPr")).find(w("rStyle")).get(w("val")) == "FootnoteReference"


@pytest.mark.parametrize(
    "typed_text, expected",
    [
        ('He spoke of "select elements" [@ap2007].', "He spoke of “select elements.”[1]"),
        ("A claim [@ap2007], and more.", "A claim,[1] and more."),
        ("A claim [see @ap2007; also @reid2007, 4].", "A claim.[1]"),
        ("As @lake2007 says, it was a plan.", "As Eli Lake[1] says, it was a plan."),
        ("As @lake2007 [p. 4] says.", "As Eli Lake[1] says."),
        ("A claim [-@lake2007, 4].", "A claim.[1]"),
    ],
)
def test_punctuation_moves_as_in_the_markdown_route(run, tmp_path, typed_text, expected):
    data = typed(FIXTURES / "word-tables.docx", [typed_text], where="end")
    result, out = cite(run, tmp_path, data, "--no-bibliography")
    assert result.exit_code == 0, result.stderr
    text = [t for t in body_text(out) if t][-1]
    assert text.replace("“", '"').replace("”", '"') == expected.replace("“", '"').replace("”", '"')
    markdown = tmp_path / "same.md"
    markdown.write_text(typed_text + "\n", encoding="utf-8")
    md = run("manuscript", markdown, "--dir", REPO, "--no-bibliography").stdout
    body, _, definitions = md.partition("\n[^1]: ")
    assert text == re.sub(r"\[\^(\d+)\]", r"[\1]", body.strip())
    assert note_order(out)[0] == re.sub(r"[*<>]", "", definitions.strip())


def test_notes_are_numbered_with_the_writers_own_in_reading_order(run, tmp_path):
    # word-notes.docx: "Test footnote.[her note] Test endnote." — citations typed before and after her note.
    package = Package((FIXTURES / "word-notes.docx").read_bytes())
    body = package.xml(package.main).find(w("body"))
    paragraph = [p for p in body.iter(w("p")) if p.find(f".//{w('footnoteReference')}") is not None][0]
    first_run = paragraph.find(w("r"))
    first_run.addprevious(ooxml.run(f"Before [@{LAKE}, 3]. "))
    paragraph.append(ooxml.run(f" After [@{LAKE}, 5]."))
    package.touch(package.main)
    result, out = cite(run, tmp_path, package.save())
    assert result.exit_code == 0, result.stderr
    assert note_order(out) == [
        "Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3, http://www.nysun.com/article/46032.",
        "My note.",
        # Her note stands between the two: "the same work again at once" does not apply (short form, not "Lake, 5.").
        "Lake, “Iran’s Secret Plan For Mayhem,” 5.",
    ]
    assert "Before.[1] Test footnote.[2] Test endnote." in " ".join(body_text(out))
    assert [int(r.get(w("id"))) for r in story(out).iter(w("footnoteReference"))] == [1, 2, 3]
    doc = docx.Document(io.BytesIO(out))  # python-docx reads it
    assert any("Before." in p.text for p in doc.paragraphs)


def test_a_citation_in_the_writers_own_footnote_is_set_inline_there(run, tmp_path):
    package = Package((FIXTURES / "word-notes.docx").read_bytes())
    notes_part = package.related_one(package.main, ooxml.REL_FOOTNOTES)
    note = [n for n in package.xml(notes_part).iter(w("footnote")) if n.get(w("type")) is None][0]
    note.find(w("p")).append(ooxml.run(f" As the agency said [@{AP}]."))
    package.touch(notes_part)
    result, out = cite(run, tmp_path, package.save())
    assert result.exit_code == 0, result.stderr
    assert note_order(out) == [
        "My note. As the agency said “U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007."
    ]
    assert len(notes(out)) == 1  # no note of its own
    assert b"ADDIN DOSSIER [@ap2007-iran-helping-sunni]" in parts(out)["word/footnotes.xml"]


def test_citations_in_table_cells_become_notes(run, tmp_path):
    package = Package((FIXTURES / "word-tables.docx").read_bytes())
    cells = list(package.xml(package.main).iter(w("tc")))
    cells[1].find(w("p")).append(ooxml.run(f" [@{REID}, 2]."))
    package.touch(package.main)
    result, out = cite(run, tmp_path, package.save())
    assert result.exit_code == 0, result.stderr
    assert "Top right.[1]" in body_text(out)
    assert len(list(story(out).iter(w("tbl")))) == 1


def test_a_citation_in_a_header_is_refused_with_a_message(run, tmp_path):
    document = docx.Document()
    document.add_paragraph("Body text [@lake2007].")
    document.sections[0].header.paragraphs[0].text = "Running head [@ap2007]"
    buffer = io.BytesIO()
    document.save(buffer)
    result, out = cite(run, tmp_path, buffer.getvalue())
    assert result.exit_code == 1 and out is None
    assert (
        'paper.docx: header (header1.xml) ("Running head [@ap2007]"): a citation in a header ([@ap2007]) cannot become a footnote'
        in result.stderr
    )
    assert "nothing written" in result.stderr


def test_footnote_styles_are_created_when_the_document_has_none_and_reused_when_it_has(run, tmp_path):
    data = typed(FIXTURES / "google-docs-lists.docx", [f"Claim [@{LAKE}]."], where="end")
    assert b"footnote reference" not in parts(data)["word/styles.xml"]
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 0, result.stderr
    styles = parts(out)["word/styles.xml"]
    assert b'w:styleId="FootnoteText"' in styles and b'w:styleId="FootnoteReference"' in styles
    # word-notes.docx has Word's own: they are used, styles.xml is not touched.
    data = typed(FIXTURES / "word-notes.docx", [f"Claim [@{LAKE}]."], where="end")
    result, out = cite(run, tmp_path, data, name="b.docx")
    assert parts(out)["word/styles.xml"] == parts(data)["word/styles.xml"]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.docx")), ids=lambda p: p.name)
def test_every_part_but_the_story_notes_styles_and_their_wiring_is_byte_identical(run, tmp_path, path):
    data = typed(path, [f"A claim [@{LAKE}, 3].", f"Another [see @{AP}; @{REID}, 2]."], where="end")
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 0, result.stderr
    before, after = parts(data), parts(out)
    changed = {name for name in after if before.get(name) != after[name]}
    package = Package(data)
    allowed = {package.main, ooxml.rels_name(package.main), *ALLOWED}
    assert changed <= allowed, changed - allowed
    assert set(before) <= set(after)
    assert len(note_order(out)) - len(note_order(data)) == 2
    docx.Document(io.BytesIO(out))  # python-docx opens it


def test_comments_and_tracked_changes_are_kept(run, tmp_path):
    for name in ("word-comments.docx", "word-track-insertion.docx", "word-track-deletion.docx"):
        data = typed(FIXTURES / name, [f" More [@{LAKE}]."])
        result, out = cite(run, tmp_path, data, name=name)
        assert result.exit_code == 0, result.stderr
        for tag in ("ins", "del", "commentRangeStart", "commentRangeEnd", "commentReference"):
            assert len(list(story(out).iter(w(tag)))) == len(list(story(data).iter(w(tag)))), (name, tag)
        if "comments" in name:
            assert parts(out)["word/comments.xml"] == parts(data)["word/comments.xml"]


def test_a_citation_inside_a_tracked_insertion(run, tmp_path):
    package = Package((FIXTURES / "word-track-insertion.docx").read_bytes())
    inserted = next(
        story_ins for story_ins in package.xml(package.main).iter(w("ins")) if story_ins.find(w("r")) is not None
    )
    inserted.find(w("r")).find(w("t")).text += f" [@{LAKE}]"
    package.touch(package.main)
    result, out = cite(run, tmp_path, package.save())
    assert result.exit_code == 0, result.stderr
    reference = next(story(out).iter(w("footnoteReference")))
    assert any(a.tag == w("ins") for a in reference.iterancestors())  # inserted with the text around it


# -- the bibliography ---------------------------------------------------------------------------------


def test_the_bibliography_goes_where_the_marker_is_with_a_hanging_indent(run, tmp_path):
    data = typed(FIXTURES / "word-tables.docx", [f"Claim [@{LAKE}]."], ["[bibliography]"], ["The end."], where="end")
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 0, result.stderr
    texts = [t for t in body_text(out) if t]
    at = texts.index("Bibliography")
    assert texts[at + 1].startswith("Lake, Eli. “Iran’s Secret Plan For Mayhem.”") and texts[at + 2] == "The end."
    entry = [p for p in story(out).iter(w("p")) if "".join(p.itertext()).startswith("Lake, Eli")][0]
    indent = entry.find(w("pPr")).find(w("ind"))
    assert (indent.get(w("left")), indent.get(w("hanging"))) == ("720", "720")


def test_the_bibliography_is_appended_before_the_section_properties(run, tmp_path):
    data = typed(FIXTURES / "word-tables.docx", [f"Claim [@{LAKE}]."], where="end")
    result, out = cite(run, tmp_path, data)
    body = story(out).find(w("body"))
    assert body[-1].tag == w("sectPr")
    assert "".join(body[-2].itertext()).startswith("Lake, Eli.")
    result, out = cite(run, tmp_path, data, "--no-bibliography", name="b.docx")
    assert not any(t.startswith("Lake, Eli.") for t in body_text(out))


# -- --check --------------------------------------------------------------------------------------------


def test_check_reports_paragraph_and_first_words(run, tmp_path):
    data = typed(
        FIXTURES / "word-tables.docx",
        ["Iran supported both sides [@lake2007-iran-secret-plam, 3] and [@nobody]."],
        ["Fine [@ap2007]."],
        ["Broken [@] citation."],
        where="end",
    )
    paper = tmp_path / "paper.docx"
    paper.write_bytes(data)
    result = run("manuscript", paper, "--check", "--dir", REPO)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # word-tables.docx holds "Above", then a table of four cells, then an empty paragraph: ours is the 7th.
    assert lines[0] == (
        f'{paper}: paragraph 7 ("Iran supported both sides…"): unknown source @lake2007-iran-secret-plam '
        f"(did you mean {LAKE}?)"
    )
    assert lines[1].endswith("unknown source @nobody")
    assert lines[2].startswith(f'{paper}: paragraph 9 ("Broken [@] citation."): malformed citation [@]')
    assert lines[-1] == f"{paper}: 3 problems; nothing written"
    as_json = json.loads(run("manuscript", paper, "--check", "--report", "json", "--dir", REPO).stdout)
    assert as_json[0] | {"message": ""} == {
        "file": str(paper),
        "line": 7,
        "column": 29,
        "severity": "error",
        "message": "",
    }
    github = run("manuscript", paper, "--check", "--report", "github", "--dir", REPO).stdout.splitlines()
    assert github[0].startswith(f"::error file={paper},line=7,col=29::unknown source @lake2007-iran-secret-plam")


def test_check_of_a_good_document_says_ok(run, tmp_path):
    data = typed(FIXTURES / "word-notes.docx", [f"Claim [@{LAKE}]."], where="end")
    paper = tmp_path / "paper.docx"
    paper.write_bytes(data)
    result = run("manuscript", paper, "--check", "--dir", REPO)
    assert result.exit_code == 0
    assert result.stderr == f"{paper}: ok: 2 notes, 1 citations of 1 sources\n"


# -- running twice ----------------------------------------------------------------------------------------


def test_the_output_is_never_the_input_and_a_second_run_is_refused(run, tmp_path):
    data = typed(FIXTURES / "word-notes.docx", [f"Claim [@{LAKE}]."], where="end")
    paper = tmp_path / "paper.docx"
    paper.write_bytes(data)
    same = run("manuscript", paper, "-o", paper, "--dir", REPO)
    assert same.exit_code == 2 and "would replace the manuscript itself" in same.stderr
    nothing = run("manuscript", paper, "--dir", REPO)
    assert nothing.exit_code == 2 and "-o paper-cited.docx" in nothing.stderr
    result, out = cite(run, tmp_path, data)
    again = tmp_path / "again.docx"
    again.write_bytes(out)
    second = run("manuscript", again, "-o", tmp_path / "third.docx", "--dir", REPO)
    assert second.exit_code == 2
    assert "already holds footnotes made by dossier manuscript" in second.stderr and "--update" in second.stderr
    assert "Traceback" not in second.stderr


def test_update_renumbers_and_adds_without_duplicating(run, tmp_path):
    package = Package(typed(FIXTURES / "word-notes.docx", [f"Later [@{LAKE}, 5]."], where="end"))
    notes_part = package.related_one(package.main, ooxml.REL_FOOTNOTES)
    her_note = [n for n in package.xml(notes_part).iter(w("footnote")) if n.get(w("type")) is None][0]
    her_note.find(w("p")).append(ooxml.run(f" As reported [@{AP}]."))  # a citation set inline in her note
    package.touch(notes_part)
    data = package.save()
    result, out = cite(run, tmp_path, data)
    assert note_order(out)[-1].startswith("Eli Lake, “Iran’s Secret Plan For Mayhem,”")
    # She types a new, earlier citation of the same work into the cited document, then updates it in place.
    package = Package(out)
    first = next(p for p in package.xml(package.main).iter(w("p")) if "".join(p.itertext()).strip())
    first.append(ooxml.run(f" Earlier [@{LAKE}, 3]."))
    package.touch(package.main)
    paper = tmp_path / "cited.docx"
    paper.write_bytes(package.save())
    result = run("manuscript", paper, "--update", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    updated = paper.read_bytes()
    order = note_order(updated)
    assert order[0].startswith("Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3,")
    assert order[-1] == "Lake, “Iran’s Secret Plan For Mayhem,” 5."  # was the first, full note; now a later, short one
    assert len(order) == 3  # hers, and our two: none duplicated
    assert order[1] == "My note. As reported “U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007."
    assert sum(1 for t in body_text(updated) if t == "Bibliography") == 1
    twice = run("manuscript", paper, "--update", "--dir", REPO)
    assert twice.exit_code == 0 and note_order(paper.read_bytes()) == order


# -- what is not a Word document ------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"plain text", b"PK\x03\x04 broken zip"])
def test_a_broken_docx_is_one_line_and_exit_2(run, tmp_path, content):
    paper = tmp_path / "paper.docx"
    paper.write_bytes(content)
    result = run("manuscript", paper, "-o", tmp_path / "out.docx", "--dir", REPO)
    assert result.exit_code == 2
    assert (
        result.stderr.startswith(f"dossier: {paper}: not a Word document")
        or f"{paper}: not a Word document" in result.stderr
    )
    assert "Traceback" not in result.stderr


# -- real readers -----------------------------------------------------------------------------------------

PANDOC = shutil.which("pandoc")
SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")


def pandoc_plain(path: Path, reader: str) -> str:
    return subprocess.run(
        [PANDOC or "pandoc", "-f", reader, "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")
def test_the_notes_pandoc_reads_equal_the_markdown_routes(run, tmp_path):
    paragraphs = [
        f"By May a general reported penetrators [@{REID}, 1], and the spokesman spoke of “select elements” [see @caldwell2007-weekly; also @{AP}].",  # Word's curly quotes
        f"@{LAKE} [p. 4] wrote of a plan [-@{LAKE}, 5]. Again [@{LAKE}, 5].",
        f"A last claim [@{REID}, 1-3, emphasis added].",
    ]
    data = typed(FIXTURES / "word-tables.docx", *[[p] for p in paragraphs], where="end")
    result, out = cite(run, tmp_path, data, "--no-bibliography")
    assert result.exit_code == 0, result.stderr
    (tmp_path / "out.docx").write_bytes(out)
    markdown = tmp_path / "same.md"
    markdown.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (tmp_path / "same-notes.md").write_text(run("manuscript", markdown, "--dir", REPO, "--no-bibliography").stdout)
    from_word = pandoc_plain(tmp_path / "out.docx", "docx")
    from_markdown = pandoc_plain(tmp_path / "same-notes.md", "markdown")

    def notes_of(text: str) -> list[str]:
        return re.findall(r"^\[\d+\] (.*)$", text, re.MULTILINE)

    assert notes_of(from_word) == notes_of(from_markdown) and len(notes_of(from_word)) == 6
    assert from_markdown.split("\n\n")[0] in from_word  # the paragraphs too


@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or poppler is not installed")
def test_libreoffice_puts_the_notes_at_the_foot_of_the_page_in_order(run, tmp_path):
    data = typed(
        FIXTURES / "libreoffice-lists.docx", [f"First [@{LAKE}, 3]. Second [@{AP}]. Third [@{LAKE}, 4]."], where="end"
    )
    result, out = cite(run, tmp_path, data)
    (tmp_path / "out.docx").write_bytes(out)
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "out.docx")],
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    text = subprocess.run(
        [PDFTOTEXT or "pdftotext", "-layout", str(tmp_path / "out.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"First\.1 Second\.2 Third\.3", text)  # the numbers follow the periods, 1, 2, 3
    foot = text[text.index("Bibliography") :]  # the notes come after the last line of text, at the foot
    foot = " ".join(foot.split())
    first = foot.index("1 Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3,")
    assert first < foot.index("2 “U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.")
    assert foot.index("3 Lake, “Iran’s Secret Plan For Mayhem,” 4.") > first


def test_the_bibliography_heading_takes_the_documents_top_heading_style(run, tmp_path):
    # word-notes.docx is headed in Heading 2 (and defines no Heading 1): the bibliography follows suit.
    data = typed(FIXTURES / "word-notes.docx", [f"Claim [@{LAKE}]."], where="end")
    result, out = cite(run, tmp_path, data)
    heading = [p for p in story(out).iter(w("p")) if "".join(p.itertext()) == "Bibliography"][0]
    assert heading.find(w("pPr")).find(w("pStyle")).get(w("val")) == "Heading2"
    # google-docs-lists.docx uses no heading but defines Heading 1.
    data = typed(FIXTURES / "google-docs-lists.docx", [f"Claim [@{LAKE}]."], where="end")
    result, out = cite(run, tmp_path, data, name="g.docx")
    heading = [p for p in story(out).iter(w("p")) if "".join(p.itertext()) == "Bibliography"][0]
    assert heading.find(w("pPr")).find(w("pStyle")).get(w("val")) == "Heading1"


def test_text_in_hyperlinks_and_fields_is_never_a_citation(run, tmp_path):
    package = Package((FIXTURES / "word-tables.docx").read_bytes())
    body = package.xml(package.main).find(w("body"))
    paragraph = etree.SubElement(body, w("p"))
    body.remove(paragraph)
    body[-1].addprevious(paragraph)
    link = etree.SubElement(paragraph, w("hyperlink"))
    link.append(ooxml.run(f"[@{LAKE}] in a link"))
    for element in ooxml.field(" REF other ", [ooxml.run(f"[@{AP}] in a field")]):
        paragraph.append(element)
    paragraph.append(ooxml.run(f" and one outside [@{LAKE}]."))
    package.touch(package.main)
    result, out = cite(run, tmp_path, package.save(), "--no-bibliography")
    assert result.exit_code == 0, result.stderr
    assert f"[@{LAKE}] in a link[@{AP}] in a field and one outside.[1]" in body_text(out)
    warnings = [line for line in result.stderr.splitlines() if "warning: a citation in a link or a field" in line]
    assert len(warnings) == 2 and warnings[0].endswith(f"is left as typed ([@{LAKE}])")


def test_a_strict_open_xml_document_is_refused_with_what_to_do(run, tmp_path):
    data = (FIXTURES / "refused" / "strict-format.docx").read_bytes()
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 2 and out is None
    assert "is saved as Strict Open XML: save it as a Word Document (.docx) and run again" in result.stderr


# -- run splitting, everywhere ----------------------------------------------------------------------------

SENTENCE = "She wrote “select elements” [see @ap2007, 4; @reid2007], and @lake2007 [p. 3] says so [-@lake2007, 5]."


@functools.cache
def _resolver():
    from dossiercli.load import open_dossier

    return open_dossier(REPO).resolver


def _cited_text(runs: list) -> tuple[str, list[str]]:
    from dossiercli.manuscript.word import BibliographySettings, cite_docx

    data = typed(FIXTURES / "word-tables.docx", runs, where="end")
    result = cite_docx(data, _resolver(), bibliography=BibliographySettings(include=False))
    assert result.errors == []
    return body_text(result.data)[-1], note_order(result.data)


def test_a_citation_is_found_wherever_word_splits_the_runs():
    # Every place the sentence can be split into two runs (the second in bold), and into three (italic middle):
    # the text and the notes come out the same as from one run.
    whole = _cited_text([SENTENCE])
    assert whole[0] == "She wrote “select elements,”[1] and Eli Lake[2] says so.[3]"
    for cut in range(1, len(SENTENCE)):
        assert _cited_text([SENTENCE[:cut], (SENTENCE[cut:], {"b": True})]) == whole, cut
    for cut in range(1, len(SENTENCE) - 3, 7):
        parts_ = [SENTENCE[:cut], (SENTENCE[cut : cut + 3], {"i": True}), SENTENCE[cut + 3 :]]
        assert _cited_text(parts_) == whole, cut


def _broken_variants(data: bytes):
    """The document truncated, each part removed, each XML part made malformed or emptied."""
    for cut in (10, len(data) // 3, len(data) // 2, len(data) - 30):
        yield f"truncated at {cut}", data[:cut]
    originals = parts(data)
    for name in originals:
        for label, replacement in (("removed", None), ("malformed", b"<w:x"), ("empty", b""), ("not xml", b"\xff\xfe")):
            changed = dict(originals)
            if replacement is None:
                del changed[name]
            else:
                changed[name] = replacement
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                for part_name, content in changed.items():
                    archive.writestr(part_name, content)
            yield f"{name} {label}", buffer.getvalue()


@pytest.mark.parametrize("fixture", ["word-notes.docx", "google-docs-lists.docx", "libreoffice-lists.docx"])
def test_a_damaged_document_is_a_one_line_error_never_a_traceback(fixture):
    from dossiercli.errors import DossierError
    from dossiercli.manuscript.word import cite_docx

    data = typed(FIXTURES / fixture, [f"Claim [@{LAKE}]."], where="end")
    for label, variant in _broken_variants(data):
        try:
            result = cite_docx(variant, _resolver(), name="paper.docx")
        except DossierError as error:
            assert str(error).startswith("paper.docx: ") and "\n" not in str(error), (label, str(error))
        else:
            assert result.errors or result.data, label  # parts it does not need may be damaged: it still works


def test_an_old_doc_or_an_encrypted_docx_is_named_as_such(run, tmp_path):
    paper = tmp_path / "paper.docx"
    paper.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    result = run("manuscript", paper, "-o", tmp_path / "out.docx", "--dir", REPO)
    assert result.exit_code == 2
    assert "Word 97–2003 document or a password-protected one: save it as .docx" in result.stderr


def test_a_citation_in_an_endnote_is_left_as_typed_with_a_warning(run, tmp_path):
    package = Package((FIXTURES / "word-notes.docx").read_bytes())  # it has an endnote of the writer's
    endnotes = package.related_one(package.main, ooxml.REL_ENDNOTES)
    note = [n for n in package.xml(endnotes).iter(w("endnote")) if n.get(w("type")) is None][0]
    note.find(w("p")).append(ooxml.run(f" [@{LAKE}]"))
    package.touch(endnotes)
    result, out = cite(run, tmp_path, package.save())
    assert result.exit_code == 0
    assert (
        'paper.docx: endnote ("This is an endnote at the end of the…"): warning: a citation in an endnote is left '
        f"as typed ([@{LAKE}]): move it into the text or a footnote"
    ) in result.stderr.replace(str(tmp_path) + "/", "")


# -- every mode, as the Markdown route ----------------------------------------------------------------------

MODE_TEXT = [
    f"First [@{LAKE}, 3]. Same again [@{LAKE}, 3]. Other page [@{LAKE}, 5]. Another work [see @{AP}].",
    f"Back [@{LAKE}]. Two [@{REID}, 2; @{AP}]. @{REID} [p. 4] says so. Left out [-@{REID}, 6].",
]


def _mode_cases():
    from dossiercli.chicago.settings import MODES

    for mode in MODES:
        for ibid in (False, True):
            yield mode, ibid


@pytest.mark.parametrize("mode, ibid", list(_mode_cases()))
def test_every_note_mode_gives_the_markdown_routes_notes(mode, ibid):
    from dossiercli.chicago.settings import resolve
    from dossiercli.manuscript.build import build, options_for
    from dossiercli.manuscript.word import BibliographySettings, cite_docx

    options = options_for(resolve({"titles": "as-given"}, mode=mode, ibid=ibid))
    data = typed(FIXTURES / "word-tables.docx", *[[p] for p in MODE_TEXT], where="end")
    word = cite_docx(data, _resolver(), options, bibliography=BibliographySettings(include=False))
    built = build("\n\n".join(MODE_TEXT) + "\n", _resolver(), options)
    assert word.errors == [] and built.errors == []
    assert note_order(word.data) == [note.generated.plain() for note in built.notes]
    markdown_body = re.sub("\ue000(\\d+)\ue001", r"[\1]", built.body)
    markdown_body = re.sub("\ue002(\\d+)\ue003", lambda m: built.inline[int(m.group(1))].plain(), markdown_body)
    assert body_text(word.data)[-2:] == markdown_body.strip().split("\n\n")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_round_trip_through_libreoffice_keeps_our_notes_recognisable(run, tmp_path):
    # The writer opens the cited document in LibreOffice and saves it as .docx again: our notes' fields
    # survive, so a second plain run is still refused and --update neither loses nor duplicates a note.
    data = typed(FIXTURES / "word-notes.docx", [f"Claim [@{LAKE}, 3]. More [see @{AP}; @{REID}, 4]."], where="end")
    result, out = cite(run, tmp_path, data)
    (tmp_path / "ours.docx").write_bytes(out)
    saved = tmp_path / "saved"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(saved),
            str(tmp_path / "ours.docx"),
        ],
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    resaved = (saved / "ours.docx").read_bytes()
    assert note_order(resaved) == note_order(out)
    refused = run("manuscript", saved / "ours.docx", "-o", tmp_path / "again.docx", "--dir", REPO)
    assert refused.exit_code == 2 and "--update" in refused.stderr
    updated = run("manuscript", saved / "ours.docx", "--update", "-o", tmp_path / "updated.docx", "--dir", REPO)
    assert updated.exit_code == 0, updated.stderr
    assert note_order((tmp_path / "updated.docx").read_bytes()) == note_order(out)
    assert sum(1 for t in body_text((tmp_path / "updated.docx").read_bytes()) if t == "Bibliography") == 1


# -- every form of the syntax table in docs/manuscript.md ------------------------------------------------------


def _documented_forms() -> list[str]:
    doc = (REPO / "docs" / "manuscript.md").read_text(encoding="utf-8")
    table = doc.split("## Citation syntax (pandoc's)")[1].split("\n\n")[1]
    forms = []
    for row in table.splitlines()[2:]:
        written = row.split(" | ")[0]
        forms += re.findall(r"`([^`]+)`", written)
    return forms


@pytest.mark.parametrize("form", _documented_forms())
def test_every_documented_form_gives_the_markdown_routes_note_in_word(form):
    from dossiercli.manuscript.build import build
    from dossiercli.manuscript.word import BibliographySettings, cite_docx

    typed_form = form.replace("@id", f"@{LAKE}").replace("@a;", f"@{LAKE};").replace("@b", f"@{AP}")
    sentence = f"Earlier [@{REID}]. A claim {typed_form}. Said."
    data = typed(FIXTURES / "word-tables.docx", [sentence], where="end")
    word = cite_docx(data, _resolver(), bibliography=BibliographySettings(include=False))
    built = build(sentence + "\n", _resolver())
    assert word.errors == [] and built.errors == [], (word.findings, built.findings)
    generated = [note.generated.plain() for note in built.notes if note.generated is not None]
    assert note_order(word.data) == generated
    markdown_body = re.sub("\ue000(\\d+)\ue001", r"[\1]", built.body.strip())
    markdown_body = re.sub("\ue002(\\d+)\ue003", lambda m: built.inline[int(m.group(1))].plain(), markdown_body)
    # `^[text]` is pandoc's inline note in Markdown; in Word it is text, and `\@` stays as typed.
    if not form.startswith(("^[", "\\@")):
        assert body_text(word.data)[-1] == markdown_body


def test_update_shortens_an_author_named_in_the_text_once_the_work_is_cited_earlier(run, tmp_path):
    data = typed(FIXTURES / "word-tables.docx", [f"As @{LAKE} [p. 4] says, it was a plan."], where="end")
    result, out = cite(run, tmp_path, data, "--no-bibliography")
    assert body_text(out)[-1] == "As Eli Lake[1] says, it was a plan."
    package = Package(out)
    last = [p for p in package.xml(package.main).iter(w("p")) if "".join(p.itertext()).strip()][-1]
    last.addprevious(etree.fromstring(etree.tostring(last)))  # a copy, to be replaced by an earlier citation
    earlier = last.getprevious()
    for child in list(earlier):
        earlier.remove(child)
    earlier.append(ooxml.run(f"First [@{LAKE}, 3]."))
    package.touch(package.main)
    paper = tmp_path / "cited.docx"
    paper.write_bytes(package.save())
    result = run("manuscript", paper, "--update", "--no-bibliography", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    updated = paper.read_bytes()
    assert body_text(updated)[-2:] == ["First.[1]", "As Lake[2] says, it was a plan."]
    assert note_order(updated)[1] == "“Iran’s Secret Plan For Mayhem,” 4."


def test_a_word_document_is_written_as_a_word_document(run, tmp_path):
    paper = tmp_path / "paper.docx"
    paper.write_bytes(typed(FIXTURES / "word-notes.docx", [f"Claim [@{LAKE}]."], where="end"))
    to_latex = run("manuscript", paper, "--to", "latex", "-o", tmp_path / "x.tex", "--dir", REPO)
    assert to_latex.exit_code == 2 and "--to latex is for Markdown manuscripts" in to_latex.stderr
    other_suffix = run("manuscript", paper, "-o", tmp_path / "x.md", "--dir", REPO)
    assert other_suffix.exit_code == 2 and "a .docx manuscript is written as .docx" in other_suffix.stderr
    exists = tmp_path / "exists.docx"
    exists.write_bytes(b"mine")
    kept = run("manuscript", paper, "-o", exists, "--dir", REPO)
    assert kept.exit_code == 2 and "already exists (use --force" in kept.stderr and exists.read_bytes() == b"mine"


def test_the_bibliography_options_apply_to_word_documents(run, tmp_path):
    data = typed(FIXTURES / "word-tables.docx", [f"One [@{LAKE}]. Two [@{AP}]."], where="end")
    result, out = cite(run, tmp_path, data, "--bibliography-title", "Works Cited", "--ascii")
    assert result.exit_code == 0, result.stderr
    texts = [t for t in body_text(out) if t]
    at = texts.index("Works Cited")
    assert texts[at + 1] == 'Associated Press. "U.S.: Iran helping some Sunni insurgents." May 9, 2007.'
    result, out = cite(run, tmp_path, data, "--notes", "full-only", name="b.docx")
    assert "Bibliography" not in body_text(out)


@pytest.mark.parametrize(
    "sentence",
    [
        f"[@{LAKE}] starts.",
        f"Ends without a period [@{LAKE}]",
        f"[@{LAKE}]",
        f"Dash after [@{LAKE}]—and more.",
        f"Quote ‘single’ [@{LAKE}].",
        f"Colon [@{LAKE}]: next.",
        f"Question? [@{AP}]",
        f"Paren (see [@{LAKE}]).",
        f"Two [@{LAKE}]. [@{AP}].",
    ],
)
def test_a_citation_anywhere_in_a_paragraph_lands_where_the_markdown_route_puts_it(sentence):
    from dossiercli.manuscript.build import build
    from dossiercli.manuscript.word import BibliographySettings, cite_docx

    data = typed(FIXTURES / "word-tables.docx", [sentence], where="end")
    word = cite_docx(data, _resolver(), bibliography=BibliographySettings(include=False))
    built = build(sentence + "\n", _resolver())
    assert body_text(word.data)[-1] == re.sub("\ue000(\\d+)\ue001", r"[\1]", built.body.strip())
