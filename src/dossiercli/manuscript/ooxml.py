"""An Office Open XML package (.docx) opened, changed in a few parts, and written back.

A .docx is a zip of XML parts tied together by relationships (`_rels/.rels`,
`word/_rels/document.xml.rels`) and typed by `[Content_Types].xml` (ECMA-376 Part 2,
Open Packaging Conventions). `Package` reads every entry, parses only the parts it is
asked for (with lxml), and writes a new package in which every part it did not change
is byte for byte the part it read, in the same order, with the same names, dates and
compression. What the manuscript route changes: the story (`word/document.xml`), the
footnotes (`word/footnotes.xml`, created with its relationship and content type when
the document has none), the styles (only when the footnote styles must be created),
the content types and the story's relationships.

The WordprocessingML names used across the manuscript modules are here too (`w()`),
with the few elements they build (runs, footnote references, complex fields).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from copy import deepcopy

from lxml import etree

from dossiercli.errors import DossierError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

REL_OFFICE_DOCUMENT = R_NS + "/officeDocument"
REL_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
REL_FOOTNOTES = R_NS + "/footnotes"
REL_STYLES = R_NS + "/styles"
REL_HEADER = R_NS + "/header"
REL_FOOTER = R_NS + "/footer"
REL_ENDNOTES = R_NS + "/endnotes"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
CT_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"

CONTENT_TYPES = "[Content_Types].xml"
MAX_UNPACKED = 1 << 30  # a 1,000-page manuscript with pictures is a few hundred MB; more is a zip bomb


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: w("p") -> "{…/main}p"."""
    return f"{{{W_NS}}}{name}"


class Package:
    """A .docx's parts: raw bytes for all, parsed XML for those asked for (`xml`), written back by `save`."""

    def __init__(self, data: bytes, name: str = "document", odf: bool = False):
        """`odf`: an OpenDocument package (.odt) instead: `mimetype` and `content.xml`, no relationships."""
        self.name = name
        if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: a Word 97–2003 .doc, or an encrypted .docx
            raise DossierError("is a Word 97–2003 document or a password-protected one: save it as .docx", name)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            self.infos = archive.infolist()
            if sum(info.file_size for info in self.infos) > MAX_UNPACKED:
                raise DossierError(f"unpacks to more than {MAX_UNPACKED >> 20} MB: not a manuscript", name)
            self.parts: dict[str, bytes] = {info.filename: archive.read(info) for info in self.infos}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, zlib.error) as error:
            kind = "an OpenDocument text (.odt)" if odf else "a Word document (.docx)"
            raise DossierError(f"not {kind}: {error}", name) from None
        except RuntimeError as error:  # an encrypted entry
            raise DossierError(f"cannot read the document: {error}", name) from None
        self._xml: dict[str, etree._Element] = {}
        self.changed: set[str] = set()
        if odf:
            if self.parts.get("mimetype", b"").strip() != b"application/vnd.oasis.opendocument.text":
                raise DossierError("not an OpenDocument text (.odt): its mimetype is not text", name)
            if "content.xml" not in self.parts:
                raise DossierError("not an OpenDocument text (.odt): no content.xml", name)
            self.main = "content.xml"
            return
        if CONTENT_TYPES not in self.parts:
            raise DossierError("not a Word document (.docx): no [Content_Types].xml", name)
        self.main = self._main_part()

    # -- reading -------------------------------------------------------------------------------------

    def _main_part(self) -> str:
        for rel in self.relationships(""):
            if rel["Type"] in (REL_OFFICE_DOCUMENT, REL_STRICT_OFFICE_DOCUMENT):
                target = resolve_target("", rel["Target"])
                if target in self.parts:
                    return target
        if "word/document.xml" in self.parts:
            return "word/document.xml"
        raise DossierError("not a Word document (.docx): it has no main document part", self.name)

    def xml(self, part: str) -> etree._Element:
        """The parsed root of a part (parsed once; changes to it are written by `save` when `touch`ed)."""
        if part not in self._xml:
            if part not in self.parts:
                raise DossierError(f"the document has no part {part}", self.name)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)
            try:
                self._xml[part] = etree.fromstring(self.parts[part], parser)
            except etree.XMLSyntaxError as error:
                raise DossierError(f"{part} is not well-formed XML: {error}", self.name) from None
        return self._xml[part]

    def touch(self, part: str) -> None:
        """Mark a parsed part as changed: `save` serialises it instead of copying its bytes."""
        self.changed.add(part)

    def relationships(self, source: str) -> list[dict[str, str]]:
        """The relationships of a part ("" for the package): dicts of Id, Type, Target (and TargetMode)."""
        rels = rels_name(source)
        if rels not in self.parts:
            return []
        return [dict(rel.attrib) for rel in self.xml(rels) if rel.tag == f"{{{PKG_REL_NS}}}Relationship"]

    def related(self, source: str, rel_type: str) -> list[str]:
        """The names of the parts `source` points to with relationships of `rel_type`."""
        out = []
        for rel in self.relationships(source):
            if rel["Type"] == rel_type and rel.get("TargetMode") != "External":
                out.append(resolve_target(source, rel["Target"]))
        return out

    def related_one(self, source: str, rel_type: str) -> str | None:
        parts = [p for p in self.related(source, rel_type) if p in self.parts]
        return parts[0] if parts else None

    # -- changing ------------------------------------------------------------------------------------

    def add_part(self, part: str, root: etree._Element, content_type: str, source: str, rel_type: str) -> None:
        """A new XML part, typed in [Content_Types].xml and related from `source`."""
        self._xml[part] = root
        self.parts[part] = b""
        self.touch(part)
        types = self.xml(CONTENT_TYPES)
        override = etree.SubElement(types, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + part)
        override.set("ContentType", content_type)
        self.touch(CONTENT_TYPES)
        rels = rels_name(source)
        if rels not in self.parts:
            root_rels = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})
            self._xml[rels] = root_rels
            self.parts[rels] = b""
            if not self._has_default("rels"):
                default = etree.SubElement(types, f"{{{CT_NS}}}Default")
                default.set("Extension", "rels")
                default.set("ContentType", CT_RELATIONSHIPS)
        rel_root = self.xml(rels)
        used = {rel.get("Id") for rel in rel_root}
        number = 1
        while f"rId{number}" in used:
            number += 1
        rel = etree.SubElement(rel_root, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{number}")
        rel.set("Type", rel_type)
        rel.set("Target", posixpath.relpath(part, posixpath.dirname(source) or "."))
        self.touch(rels)

    def _has_default(self, extension: str) -> bool:
        return any(
            d.get("Extension", "").lower() == extension
            for d in self.xml(CONTENT_TYPES)
            if d.tag == f"{{{CT_NS}}}Default"
        )

    def save(self) -> bytes:
        """The package as bytes: changed parts serialised, every other entry copied as it was read."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            names = set()
            for info in self.infos:
                names.add(info.filename)
                data = self._serialise(info.filename) if info.filename in self.changed else self.parts[info.filename]
                archive.writestr(_copy_info(info), data)
            for part in self.parts:
                if part not in names:  # new parts, after the ones read
                    info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, self._serialise(part))
        return out.getvalue()

    def _serialise(self, part: str) -> bytes:
        return etree.tostring(self._xml[part], xml_declaration=True, encoding="UTF-8", standalone=True)


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    copy.comment = info.comment
    return copy


def rels_name(source: str) -> str:
    """The relationships part of a part: "word/document.xml" -> "word/_rels/document.xml.rels"."""
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve_target(source: str, target: str) -> str:
    """A relationship's target as a part name (targets are relative to the source's folder, or absolute)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


# -- building WordprocessingML ------------------------------------------------------------------------


def text_element(text: str) -> etree._Element:
    t = etree.Element(w("t"))
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return t


def run(text: str, rpr: etree._Element | None = None, italic: bool = False) -> etree._Element:
    """A run of text with a copy of `rpr` (the formatting of the text around it), in italics if asked."""
    r = etree.Element(w("r"))
    props = deepcopy(rpr) if rpr is not None else None
    if props is not None:
        for change in props.findall(w("rPrChange")):  # a tracked formatting change: its id must stay unique
            props.remove(change)
    if italic:
        if props is None:
            props = etree.Element(w("rPr"))
        set_italic(props)
    if props is not None and len(props):
        r.append(props)
    r.append(text_element(text))
    return r


# The order of a run's properties (ECMA-376 Part 1, 17.3.2.28, CT_RPr): an element goes before the first
# of those that follow it, or Word calls the file corrupt.
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath"
).split()


def set_property(props: etree._Element, name: str, value: str | None = None) -> etree._Element:
    """Set (or replace) a run property in schema order."""
    existing = props.find(w(name))
    if existing is not None:
        props.remove(existing)
    element = etree.Element(w(name))
    if value is not None:
        element.set(w("val"), value)
    rank = RPR_ORDER.index(name)
    for index, child in enumerate(props):
        local = etree.QName(child).localname
        if local in RPR_ORDER and RPR_ORDER.index(local) > rank:
            props.insert(index, element)
            return element
    props.append(element)
    return element


def set_italic(props: etree._Element) -> None:
    set_property(props, "i")
    set_property(props, "iCs")


def style_run(style_id: str) -> etree._Element:
    r = etree.Element(w("r"))
    props = etree.SubElement(r, w("rPr"))
    etree.SubElement(props, w("rStyle")).set(w("val"), style_id)
    return r


def footnote_reference(note_id: int, style_id: str) -> etree._Element:
    """The note number in the text: a run in the footnote reference style holding `w:footnoteReference`."""
    r = style_run(style_id)
    etree.SubElement(r, w("footnoteReference")).set(w("id"), str(note_id))
    return r


def field(instruction: str, result: list[etree._Element]) -> list[etree._Element]:
    """A complex field (17.16.18): begin, the instruction, separate, the result runs, end."""

    def char(kind: str) -> etree._Element:
        r = etree.Element(w("r"))
        etree.SubElement(r, w("fldChar")).set(w("fldCharType"), kind)
        return r

    instr_run = etree.Element(w("r"))
    instr = etree.SubElement(instr_run, w("instrText"))
    instr.text = instruction
    instr.set(XML_SPACE, "preserve")
    return [char("begin"), instr_run, char("separate"), *result, char("end")]
