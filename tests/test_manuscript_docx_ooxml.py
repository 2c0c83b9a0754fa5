"""The OOXML package: real .docx files opened, changed in a few parts, written back.

Every part the manuscript route does not change must come out byte for byte as it went in.
"""

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from dossiercli.errors import DossierError
from dossiercli.manuscript import ooxml
from dossiercli.manuscript.ooxml import Package, w

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
REAL = sorted(FIXTURES.glob("*.docx"))


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_there_are_real_documents_of_several_origins():
    names = {path.name.split("-")[0] for path in REAL}
    assert {"word", "libreoffice", "google"} <= names and len(REAL) >= 5


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_a_package_saved_unchanged_is_the_same_parts(path):
    data = path.read_bytes()
    assert entries(Package(data).save()) == entries(data)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_changing_the_story_leaves_every_other_part_byte_identical(path):
    data = path.read_bytes()
    package = Package(data, path.name)
    body = package.xml(package.main).find(w("body"))
    paragraph = etree.SubElement(body, w("p"))
    paragraph.append(ooxml.run("added"))
    package.touch(package.main)
    before, after = entries(data), entries(package.save())
    assert list(after) == list(before)  # same parts, same order
    assert [name for name in before if before[name] != after[name]] == [package.main]
    assert b"added" in after[package.main]


def test_the_main_part_is_found_through_the_package_relationships():
    package = Package((FIXTURES / "alternate-document-path.docx").read_bytes())
    assert package.main != "word/document.xml"
    assert package.xml(package.main).tag == w("document")


def test_a_new_part_gets_its_content_type_and_relationship():
    data = (FIXTURES / "word-tables.docx").read_bytes()  # no footnotes part
    package = Package(data)
    assert package.related_one(package.main, ooxml.REL_FOOTNOTES) is None
    root = etree.Element(w("footnotes"), nsmap={"w": ooxml.W_NS})
    package.add_part("word/footnotes.xml", root, ooxml.CT_FOOTNOTES, package.main, ooxml.REL_FOOTNOTES)
    saved = Package(package.save())
    assert saved.related_one(saved.main, ooxml.REL_FOOTNOTES) == "word/footnotes.xml"
    types = saved.xml(ooxml.CONTENT_TYPES)
    assert any(o.get("PartName") == "/word/footnotes.xml" and o.get("ContentType") == ooxml.CT_FOOTNOTES for o in types)
    changed = {n for n, b in entries(saved.save()).items() if entries(data).get(n) != b}
    assert changed == {"word/footnotes.xml", ooxml.CONTENT_TYPES, "word/_rels/document.xml.rels"}


def test_relationship_targets_resolve_relative_to_their_source():
    assert ooxml.resolve_target("word/document.xml", "footnotes.xml") == "word/footnotes.xml"
    assert ooxml.resolve_target("word/document.xml", "/word/styles.xml") == "word/styles.xml"
    assert ooxml.resolve_target("", "word/document.xml") == "word/document.xml"
    assert ooxml.rels_name("word/document.xml") == "word/_rels/document.xml.rels"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"not a zip at all", "not a Word document"),
        (b"", "not a Word document"),
    ],
)
def test_what_is_not_a_package_is_one_line_naming_the_file(data, message):
    with pytest.raises(DossierError, match=message) as error:
        Package(data, "paper.docx")
    assert str(error.value).startswith("paper.docx: ")


def test_a_zip_without_content_types_or_with_broken_xml_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DossierError, match="Content_Types"):
        Package(buffer.getvalue(), "a.docx")
    data = (FIXTURES / "word-tables.docx").read_bytes()
    parts = entries(data)
    parts["word/document.xml"] = b"<w:document"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    package = Package(buffer.getvalue(), "b.docx")
    with pytest.raises(DossierError, match="not well-formed"):
        package.xml(package.main)


def test_run_properties_are_set_in_schema_order():
    props = etree.Element(w("rPr"))
    for name in ("sz", "rStyle", "vertAlign", "b"):
        ooxml.set_property(props, name)
    ooxml.set_italic(props)
    assert [etree.QName(c).localname for c in props] == ["rStyle", "b", "i", "iCs", "sz", "vertAlign"]


def test_a_field_has_begin_instruction_separate_result_end():
    runs = ooxml.field(" ADDIN DOSSIER [@a] ", [ooxml.run("Result")])
    kinds = [(r[0].get(w("fldCharType")) if r[0].tag == w("fldChar") else etree.QName(r[-1]).localname) for r in runs]
    assert kinds == ["begin", "instrText", "separate", "t", "end"]


def test_a_copied_run_format_leaves_tracked_formatting_changes_behind():
    props = etree.Element(w("rPr"))
    ooxml.set_property(props, "b")
    change = etree.SubElement(props, w("rPrChange"))
    change.set(w("id"), "7")
    made = ooxml.run("x", props, italic=True)
    assert [etree.QName(c).localname for c in made.find(w("rPr"))] == ["b", "i", "iCs"]
    assert props.find(w("rPrChange")) is not None  # the original is untouched
