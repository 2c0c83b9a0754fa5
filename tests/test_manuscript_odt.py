"""`dossier manuscript paper.odt -o out.odt`: OpenDocument texts in, the same documents out with footnotes.

Real files OpenOffice wrote (tests/fixtures/odt/README.md), with citations typed into them.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO
from dossiercli.manuscript.odt import o, s, t
from dossiercli.manuscript.ooxml import Package

FIXTURES = Path(__file__).parent / "fixtures" / "odt"
LAKE, AP, REID = "lake2007-iran-secret-plan", "ap2007-iran-helping-sunni", "reid2007-iranian-origin-weapons"


def typed(path: Path, *texts: str, in_note: str | None = None, in_header: str | None = None) -> bytes:
    """The document with each text appended to a body paragraph of its own (a span around its first half,
    as an editor leaves formatting), `in_note` to the writer's first note, `in_header` to a page header."""
    package = Package(path.read_bytes(), odf=True)
    root = package.xml("content.xml")
    office_text = root.find(f"{o('body')}/{o('text')}")
    for text in texts:
        paragraph = etree.SubElement(office_text, t("p"))
        span = etree.SubElement(paragraph, t("span"))
        span.text = text[: len(text) // 2]
        span.tail = text[len(text) // 2 :]
    if in_note is not None:
        note_paragraph = next(root.iter(t("note-body"))).find(t("p"))
        note_paragraph.text = (note_paragraph.text or "") + in_note
    package.touch("content.xml")
    if in_header is not None:
        styles = package.xml("styles.xml")
        master = next(styles.iter(s("master-page")))
        etree.SubElement(etree.SubElement(master, s("header")), t("p")).text = in_header
        package.touch("styles.xml")
    return package.save()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def cite(run, tmp_path: Path, data: bytes, *options: str):
    paper = tmp_path / "paper.odt"
    paper.write_bytes(data)
    out = tmp_path / "cited.odt"
    if out.exists():
        out.unlink()
    result = run("manuscript", paper, "-o", out, "--dir", REPO, *options)
    return result, (out.read_bytes() if out.exists() else None)


def notes_in_order(data: bytes) -> list[str]:
    root = Package(data, odf=True).xml("content.xml")
    return ["".join(note.find(t("note-body")).itertext()).strip() for note in root.iter(t("note"))]


def _visible(element) -> str:
    """A paragraph's text as a reader sees it, with [n] where a note stands."""
    out = [element.text or ""]
    for child in element:
        if child.tag == t("note"):
            out.append("[n]")
        elif child.tag == t("s"):
            out.append(" " * int(child.get(t("c"), "1")))
        elif child.tag == t("span") or child.tag == t("a"):
            out.append(_visible(child))
        out.append(child.tail or "")
    return "".join(out)


def body(data: bytes) -> list[str]:
    root = Package(data, odf=True).xml("content.xml")
    return [
        _visible(paragraph)
        for paragraph in root.find(f"{o('body')}/{o('text')}").iter(t("p"), t("h"))
        if not any(a.tag in (t("note-body"), t("tracked-changes")) for a in paragraph.iterancestors())
    ]


def test_citations_become_notes_numbered_with_the_writers_own(run, tmp_path):
    data = typed(FIXTURES / "openoffice-footnote.odt", f"A claim [@{LAKE}, 3]. Another [see @{AP}; @{REID}, 4].")
    result, out = cite(run, tmp_path, data, "--no-bibliography")
    assert result.exit_code == 0, result.stderr
    assert notes_in_order(out) == [
        "Footnote text",
        "Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3, http://www.nysun.com/article/46032.",
        "See “U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007; Robert H. Reid, “US general "
        "says Iranian-origin weapons turning up in Sunni insurgent hands,” Associated Press, May 6, 2007, 4.",
    ]
    assert body(out)[-1] == "A claim.[n] Another.[n]"
    changed = {n for n, b in parts(out).items() if parts(data)[n] != b}
    assert changed == {"content.xml"}  # styles, settings, meta, manifest, pictures: byte for byte
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_a_citation_in_the_writers_note_is_set_inline(run, tmp_path):
    data = typed(FIXTURES / "openoffice-footnote.odt", f"Later [@{AP}, 2].", in_note=f" As reported [@{AP}].")
    result, out = cite(run, tmp_path, data, "--no-bibliography")
    assert result.exit_code == 0, result.stderr
    assert notes_in_order(out) == [
        "Footnote text As reported “U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.",
        "Associated Press, “Iran Helping Some Sunni Insurgents,” 2.",
    ]


def test_tracked_changes_and_spaces_are_kept(run, tmp_path):
    data = typed(FIXTURES / "openoffice-tracked-changes.odt", f"Claim [@{LAKE}].")
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 0, result.stderr
    before = Package(data, odf=True).xml("content.xml")
    after = Package(out, odf=True).xml("content.xml")
    assert etree.tostring(next(after.iter(t("tracked-changes")))) == etree.tostring(
        next(before.iter(t("tracked-changes")))
    )
    for tag in ("change", "change-start", "change-end", "s"):
        assert len(list(after.iter(t(tag)))) == len(list(before.iter(t(tag))))


def test_a_citation_in_a_table_and_the_bibliography_with_a_hanging_indent(run, tmp_path):
    package = Package((FIXTURES / "openoffice-table.odt").read_bytes(), odf=True)
    cell = next(package.xml("content.xml").iter(t("p")))
    cell.text = (cell.text or "") + f" [@{REID}, 2]."
    package.touch("content.xml")
    result, out = cite(run, tmp_path, package.save())
    assert result.exit_code == 0, result.stderr
    root = Package(out, odf=True).xml("content.xml")
    assert notes_in_order(out)[0].startswith("Robert H. Reid")
    entry = [p for p in root.iter(t("p")) if "".join(p.itertext()).startswith("Reid, Robert H.")][0]
    style = [x for x in root.iter(s("style")) if x.get(s("name")) == entry.get(t("style-name"))][0]
    props = style.find(s("paragraph-properties"))
    fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    assert (props.get(f"{{{fo}}}margin-left"), props.get(f"{{{fo}}}text-indent")) == ("0.5in", "-0.5in")


def test_a_citation_in_a_header_is_refused(run, tmp_path):
    data = typed(FIXTURES / "openoffice-footnote.odt", f"Claim [@{LAKE}].", in_header=f"Running head [@{AP}]")
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 1 and out is None
    assert 'paper.odt: header ("Running head…"): a citation in a header ([@ap2007-iran-helping-sunni])' in result.stderr


def test_check_and_a_second_run(run, tmp_path):
    data = typed(FIXTURES / "openoffice-footnote.odt", "Claim [@lake2007-iran-secret-plam].")
    paper = tmp_path / "paper.odt"
    paper.write_bytes(data)
    result = run("manuscript", paper, "--check", "--dir", REPO)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f'{paper}: paragraph 2 ("Claim [@lake2007-iran-secret-plam]."): unknown source '
        f"@lake2007-iran-secret-plam (did you mean {LAKE}?)"
    )
    result, out = cite(run, tmp_path, typed(FIXTURES / "openoffice-footnote.odt", f"Claim [@{LAKE}]."))
    again = tmp_path / "again.odt"
    again.write_bytes(out)
    second = run("manuscript", again, "-o", tmp_path / "third.odt", "--dir", REPO)
    assert second.exit_code == 2 and "already holds footnotes made by dossier manuscript" in second.stderr


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04"])
def test_a_broken_odt_is_one_line(run, tmp_path, content):
    paper = tmp_path / "paper.odt"
    paper.write_bytes(content)
    result = run("manuscript", paper, "-o", tmp_path / "out.odt", "--dir", REPO)
    assert result.exit_code == 2 and "not an OpenDocument text" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_the_notes_pandoc_reads_equal_the_markdown_routes(run, tmp_path):
    texts = [f"A claim [@{LAKE}, 3]. Another [see @{AP}; @{REID}, 4].", f"@{LAKE} [p. 5] says. Again [@{LAKE}, 5]."]
    result, out = cite(run, tmp_path, typed(FIXTURES / "openoffice-table.odt", *texts), "--no-bibliography")
    (tmp_path / "out.odt").write_bytes(out)
    markdown = tmp_path / "same.md"
    markdown.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text(run("manuscript", markdown, "--dir", REPO, "--no-bibliography").stdout)

    def notes(path: Path, reader: str) -> list[str]:
        plain = subprocess.run(
            ["pandoc", "-f", reader, "-t", "plain", "--wrap=none", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return re.findall(r"^\[\d+\] (.*)$", plain, re.MULTILINE)

    assert notes(tmp_path / "out.odt", "odt") == notes(tmp_path / "notes.md", "markdown")
    assert len(notes(tmp_path / "out.odt", "odt")) == 4


def test_the_note_citations_count_in_reading_order(run, tmp_path):
    data = typed(FIXTURES / "openoffice-footnote.odt", f"One [@{LAKE}]. Two [@{AP}]. Three [@{REID}].")
    result, out = cite(run, tmp_path, data)
    root = Package(out, odf=True).xml("content.xml")
    assert [n.find(t("note-citation")).text for n in root.iter(t("note"))] == ["1", "2", "3", "4"]


def test_update_renumbers_without_duplicating(run, tmp_path):
    data = typed(
        FIXTURES / "openoffice-footnote.odt",
        f"Later [@{LAKE}, 5]. As @{REID} [p. 2] says.",
        in_note=f" As reported [@{AP}].",
    )
    result, out = cite(run, tmp_path, data)
    assert result.exit_code == 0, result.stderr
    package = Package(out, odf=True)
    office_text = package.xml("content.xml").find(f"{o('body')}/{o('text')}")
    earlier = etree.Element(t("p"))
    earlier.text = f"Earlier [@{LAKE}, 3] and [@{REID}, 1]."
    next(office_text.iter(t("p"))).addprevious(earlier)
    package.touch("content.xml")
    paper = tmp_path / "cited.odt"
    paper.write_bytes(package.save())
    refused = run("manuscript", paper, "-o", tmp_path / "x.odt", "--dir", REPO)
    assert refused.exit_code == 2 and "--update" in refused.stderr
    result = run("manuscript", paper, "--update", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    updated = paper.read_bytes()
    assert (
        notes_in_order(updated)
        == [
            "Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3, http://www.nysun.com/article/46032.",
            "Robert H. Reid, “US general says Iranian-origin weapons turning up in Sunni insurgent hands,” Associated "
            "Press, May 6, 2007, 1.",
            "Footnote text As reported “U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.",
            "Lake, “Iran’s Secret Plan For Mayhem,” 5.",
            "“US general says Iranian-origin weapons turning up in Sunni insurgent hands,” 2.",  # the author named in the text: title and page
        ]
    )
    assert [line for line in body(updated) if line.startswith("Later")] == [
        "Later.[n] As Reid[n] says."
    ]  # "Robert H. Reid" once cited: "Reid"
    assert sum(1 for line in body(updated) if line == "Bibliography") == 1
    again = run("manuscript", paper, "--update", "--dir", REPO)
    assert again.exit_code == 0 and notes_in_order(paper.read_bytes()) == notes_in_order(updated)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_our_bookmarks_survive_a_save_in_libreoffice(run, tmp_path):
    result, out = cite(run, tmp_path, typed(FIXTURES / "openoffice-footnote.odt", f"Claim [@{LAKE}, 3]."))
    (tmp_path / "ours.odt").write_bytes(out)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path / "saved"),
            str(tmp_path / "ours.odt"),
        ],
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    saved = tmp_path / "saved" / "ours.odt"
    refused = run("manuscript", saved, "-o", tmp_path / "x.odt", "--dir", REPO)
    assert refused.exit_code == 2 and "--update" in refused.stderr
    updated = run("manuscript", saved, "--update", "-o", tmp_path / "u.odt", "--dir", REPO)
    assert updated.exit_code == 0, updated.stderr
    assert notes_in_order((tmp_path / "u.odt").read_bytes()) == notes_in_order(out)


def test_a_citation_in_a_link_is_left_with_a_warning(run, tmp_path):
    package = Package((FIXTURES / "openoffice-footnote.odt").read_bytes(), odf=True)
    office_text = package.xml("content.xml").find(f"{o('body')}/{o('text')}")
    paragraph = etree.SubElement(office_text, t("p"))
    link = etree.SubElement(paragraph, t("a"))
    link.text = f"[@{LAKE}] linked"
    link.tail = f" and outside [@{AP}]."
    package.touch("content.xml")
    result, out = cite(run, tmp_path, package.save(), "--no-bibliography")
    assert result.exit_code == 0, result.stderr
    assert body(out)[-1] == f"[@{LAKE}] linked and outside.[n]"
    assert f"warning: a citation in a link or a field is left as typed ([@{LAKE}])" in result.stderr
