"""An OpenDocument text (.odt) manuscript in, the same document out with real footnotes.

The same route as Word's (word.py), over ODF's model (OASIS OpenDocument 1.2, part 1, §6):
text is mixed content — a paragraph's `text:p`/`text:h` holds characters, `text:span`s
(formatting), `text:s` (runs of spaces), tabs, links, fields and notes, with text in
elements' `.text` and `.tail` — so each paragraph's joined text maps back to those slots.
A note is inline where it is referenced: `text:note text:note-class="footnote"` with its
`text:note-citation` (LibreOffice renumbers on opening) and `text:note-body`. The writer's
own footnotes are read in place, in reading order; a citation in one is set inline there.

Our notes are marked by a bookmark at the start of their body named
`_dossier <the citation as typed>`; a document holding them is refused (`--update` is for
.docx only). What is never touched: links and fields (their text is never a citation),
comments (`office:annotation`), tracked changes (the deleted text in
`text:tracked-changes`), headers and footers (a citation there is refused), frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from dossiercli.chicago.richtext import Rich, Span, render
from dossiercli.chicago.sequence import bibliography as chicago_bibliography
from dossiercli.errors import DossierError
from dossiercli.manuscript.build import PLACEHOLDER, Note, Options
from dossiercli.manuscript.notes import compose, inline_text
from dossiercli.manuscript.ooxml import Package
from dossiercli.manuscript.scan import Group, _InlineScanner
from dossiercli.manuscript.word import (
    BIBLIOGRAPHY_MARKER,
    NOTE_REF,
    OBJECT,
    BibliographySettings,
    WordFinding,
    WordResult,
    _context,
    _order,
    _typed_citation,
    _WordBuilder,
)
from dossiercli.resolve import Resolver

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
MARK = "_dossier "  # our notes' bookmark: "_dossier [@lake2007, 3] 1"
BIBLIOGRAPHY = "_dossier bibliography"
ITALIC_STYLE, HANGING_STYLE = "dossier_italic", "dossier_bibliography"


def t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


def o(name: str) -> str:
    return f"{{{OFFICE}}}{name}"


def s(name: str) -> str:
    return f"{{{STYLE}}}{name}"


_PARAGRAPHS = (t("p"), t("h"))
_CONTAINERS = frozenset(t(n) for n in ("span", "meta", "ruby-base"))
_ZERO_WIDTH = frozenset(
    [t(n) for n in ("bookmark", "bookmark-start", "bookmark-end", "reference-mark", "reference-mark-start")]
    + [t(n) for n in ("reference-mark-end", "change", "change-start", "change-end", "soft-page-break", "toc-mark")]
    + [t(n) for n in ("alphabetical-index-mark", "user-index-mark", "ruby-text")]
    + [o("annotation"), o("annotation-end")]
)
_SKIPPED_ANCESTORS = frozenset((t("note"), t("tracked-changes"), o("annotation"), f"{{{DRAW}}}text-box"))


@dataclass(slots=True)
class Slot:
    """A stretch of a paragraph's joined text: an element's .text or .tail (kind "t"), a `text:s` (kind
    "space"), a writer's note ("note"), or anything else ("object", "protected")."""

    kind: str
    start: int
    end: int
    owner: etree._Element
    where: str = "text"  # "text" or "tail" for kind "t"


@dataclass(slots=True)
class OdtParagraph:
    element: etree._Element
    slots: list[Slot]
    text: str
    shown: str
    marks: list[tuple[int, etree._Element]] = field(default_factory=list)  # our bookmark-starts, by offset
    unprotected: str = ""


def read_paragraph(element: etree._Element) -> OdtParagraph:
    slots: list[Slot] = []
    scanned: list[str] = []
    shown: list[str] = []
    marks: list[tuple[int, etree._Element]] = []
    unprotected: list[str] = []  # with the text of links and fields in it, to warn about citations there
    position = 0

    def add(kind: str, text: str, owner: etree._Element, where: str = "text") -> None:
        nonlocal position
        if not text:
            return
        slots.append(Slot(kind, position, position + len(text), owner, where))
        if kind in ("t", "space"):
            scanned.append(text)
        else:
            scanned.append(NOTE_REF if kind == "note" else OBJECT * len(text))
        unprotected.append(text if kind == "protected" else scanned[-1])
        shown.append(text if kind in ("t", "space", "protected") else " ")
        position += len(text)

    def walk(parent: etree._Element, protected: bool) -> None:
        add("protected" if protected else "t", parent.text or "", parent, "text")
        for child in parent:
            tag = child.tag
            if tag in _CONTAINERS:
                walk(child, protected)
            elif tag == t("a"):
                walk(child, True)
            elif tag == t("s"):
                count = child.get(t("c"), "1")
                add("protected" if protected else "space", " " * (int(count) if count.isdigit() else 1), child)
            elif tag == t("tab"):
                add("object", "\t", child)
            elif tag == t("line-break"):
                add("object", "\n", child)
            elif tag == t("note"):
                add("note" if child.get(t("note-class"), "footnote") == "footnote" else "object", NOTE_REF, child)
            elif tag == t("bookmark-start") and child.get(t("name"), "").startswith(MARK):
                marks.append((position, child))
            elif tag in _ZERO_WIDTH or not isinstance(tag, str):
                pass
            else:  # fields, frames, anything else: never part of a citation
                add("protected", "".join(child.itertext()) or OBJECT, child)
            add("protected" if protected else "t", child.tail or "", child, "tail")

    walk(element, False)
    return OdtParagraph(element, slots, "".join(scanned), "".join(shown), marks, "".join(unprotected))


def paragraphs_of(root: etree._Element, skip_notes: bool = True) -> list[OdtParagraph]:
    out = []
    for element in root.iter(*_PARAGRAPHS):
        if any(a.tag in _SKIPPED_ANCESTORS for a in element.iterancestors()) and skip_notes:
            continue
        out.append(read_paragraph(element))
    return out


def holds_our_notes(package: Package) -> bool:
    return MARK.encode() in package.parts.get("content.xml", b"")


def cite_odt(
    data: bytes,
    resolver: Resolver,
    options: Options | None = None,
    *,
    name: str = "document.odt",
    skipped: frozenset[str] = frozenset(),
    bibliography: BibliographySettings | None = None,
    ascii_quotes: bool = False,
    update: bool = False,
) -> WordResult:
    package = Package(data, name, odf=True)
    if holds_our_notes(package) and not update:
        raise DossierError(
            "already holds footnotes made by dossier manuscript (bookmarks named _dossier …); run it on the "
            "document you wrote, or add --update to renumber and add new citations",
            name,
        )
    return _Odt(
        package, resolver, options or Options(), skipped, bibliography or BibliographySettings(), ascii_quotes
    ).run()


class _Odt:
    def __init__(self, package, resolver, options, skipped, bibliography, ascii_quotes):
        self.package: Package = package
        self.builder = _WordBuilder(resolver, options, skipped)
        self.options: Options = options
        self.bib: BibliographySettings = bibliography
        self.ascii = ascii_quotes
        self.root = package.xml("content.xml")
        text = self.root.find(f"{o('body')}/{o('text')}")
        if text is None:
            raise DossierError("not an OpenDocument text: content.xml has no office:text", package.name)
        self.text = text
        self.count = 0
        self.citations = 0
        self.typed: dict[int, str] = {}
        self.reading: dict[int, int] = {}  # note number -> its number in reading order (the citation shown)
        self.styles = self._style_names()
        self.italic_added = self.hanging_added = False
        self.marks = 0
        self.pending_author: etree._Element | None = None

    def _style_names(self) -> dict[str, str]:
        """Display names (lower case) -> style names, from styles.xml and content.xml."""
        names: dict[str, str] = {}
        for part in ("styles.xml", "content.xml"):
            if part not in self.package.parts:
                continue
            for style in self.package.xml(part).iter(s("style")):
                name = style.get(s("name"), "")
                display = style.get(s("display-name"), name.replace("_20_", " "))
                names.setdefault(display.lower(), name)
        return names

    def run(self) -> WordResult:
        self._refuse_in_headers()
        marker = None
        for number, paragraph in enumerate(paragraphs_of(self.text), start=1):
            if marker is None and BIBLIOGRAPHY_MARKER.fullmatch(paragraph.shown):
                marker = paragraph
                continue
            self._body_paragraph(paragraph, number)
        findings = sorted(self.builder.findings, key=_order)
        cited = list(self.builder.cited.values())
        if any(not f.warning for f in findings):
            return WordResult(b"", findings, self.count, self.citations, cited)
        self._bibliography(marker)
        self.package.touch("content.xml")
        return WordResult(self.package.save(), findings, self.count, self.citations, cited)

    def _refuse_in_headers(self) -> None:
        if "styles.xml" not in self.package.parts:
            return
        styles = self.package.xml("styles.xml")
        for kind in ("header", "footer", "header-left", "footer-left", "header-first", "footer-first"):
            for region in styles.iter(s(kind)):
                for paragraph in paragraphs_of(region):
                    for item in _InlineScanner(paragraph.text, []).scan(0, len(paragraph.text)):
                        if isinstance(item, Group):
                            place = kind.split("-")[0]
                            self.builder.findings.append(
                                WordFinding(
                                    0,
                                    item.start + 1,
                                    f"a citation in a {place} ({paragraph.text[item.start : item.end]}) cannot become "
                                    "a footnote: move it into the text",
                                    False,
                                    place,
                                    _context(paragraph.shown),
                                )
                            )

    def _body_paragraph(self, paragraph: OdtParagraph, number: int) -> None:
        builder = self.builder
        problems: list = []
        items: list[tuple[int, object]] = [
            (item.start, item)
            for item in _InlineScanner(paragraph.text, problems).scan(0, len(paragraph.text))
            if isinstance(item, Group)
        ]
        items += [(slot.start, slot) for slot in paragraph.slots if slot.kind == "note"]
        items += [(offset, mark) for offset, mark in paragraph.marks]  # --update: an author we named before
        items.sort(key=lambda pair: pair[0])
        self.pending_author = None
        builder.at(paragraph, f"paragraph {number}", number)  # type: ignore[arg-type]
        for problem in problems:
            builder.findings.append(builder._finding(problem.offset, problem.message, problem.warning))
        if paragraph.unprotected != paragraph.text:
            protected = [x for x in paragraph.slots if x.kind == "protected"]
            for group in _InlineScanner(paragraph.unprotected, []).scan(0, len(paragraph.unprotected)):
                if isinstance(group, Group) and any(x.start < group.end and x.end > group.start for x in protected):
                    typed = paragraph.unprotected[group.start : group.end]
                    message = f"a citation in a link or a field is left as typed ({typed})"
                    builder.findings.append(builder._finding(group.start, message, True))
        edits: list[tuple[int, int, object]] = []
        for _, item in items:
            if isinstance(item, Group):
                before = len(builder.notes)
                edits += builder._body_group(item)
                if len(builder.notes) > before:
                    self.count += 1
                    self.citations += len(item.cites)
                    self.typed[len(builder.notes)] = paragraph.text[item.start : item.end]
                    self.reading[len(builder.notes)] = self.count
            elif not isinstance(item, Slot):
                self.pending_author = item  # type: ignore[assignment]
            elif isinstance(item, Slot):
                self._writer_note(item.owner)
                builder.at(paragraph, f"paragraph {number}", number)  # type: ignore[arg-type]
        self._apply(paragraph, edits)

    def _writer_note(self, note: etree._Element) -> None:
        builder = self.builder
        self.count += 1
        citation = note.find(t("note-citation"))
        if citation is not None:
            citation.text = str(self.count)
        body = note.find(t("note-body"))
        paragraphs = paragraphs_of(body, skip_notes=False) if body is not None else []
        ours = _our_bookmark(paragraphs[0].element) if paragraphs else None
        if ours is not None:
            self._regenerate(ours, paragraphs[0])
            return
        builder.notes.append(Note(len(builder.notes) + 1, own=""))
        had_citation = False
        for paragraph in paragraphs:
            builder.at(paragraph, f"footnote {self.count}", self.count)  # type: ignore[arg-type]
            edits: list[tuple[int, int, object]] = []
            items: list[tuple[int, object]] = [
                (item.start, item)
                for item in _InlineScanner(paragraph.text, []).scan(0, len(paragraph.text))
                if isinstance(item, Group)
            ]
            items += [(offset, mark) for offset, mark in paragraph.marks]
            items.sort(key=lambda pair: pair[0])
            for _, item in items:
                if not isinstance(item, Group):  # --update: a citation we set inline before, set again
                    had_citation = self._inline_again(item) or had_citation  # type: ignore[arg-type]
                    builder.text = paragraph.text
                    continue
                placed = builder._placed(item)
                if placed is None:
                    continue
                had_citation = True
                self.citations += len(placed)
                bodies = builder.sequencer.bodies(placed)
                following = paragraph.text[item.end : item.end + 1]
                absorb = following if following in (".", ",") else ""
                typed = paragraph.text[item.start : item.end + len(absorb)]
                edits.append(
                    (
                        item.start,
                        item.end + len(absorb),
                        _Marked(inline_text(compose(placed, bodies), absorb), "inline", typed),
                    )
                )
            self._apply(paragraph, edits)
        if not had_citation:
            builder.sequencer.interrupt()

    # -- writing -------------------------------------------------------------------------------------

    def _rich(self, rich: Rich) -> list:
        """A note's text as strings (roman) and italic spans."""
        out: list = []
        for span in rich.spans:
            text = render(Rich(Span(span.text)), "text", self.ascii)
            if not text:
                continue
            if span.italic:
                element = etree.Element(t("span"))
                element.set(t("style-name"), self._italic())
                element.text = text
                out.append(element)
            else:
                out.append(text)
        return out

    def _italic(self) -> str:
        if not self.italic_added:
            style = etree.SubElement(self._automatic(), s("style"))
            style.set(s("name"), ITALIC_STYLE)
            style.set(s("family"), "text")
            props = etree.SubElement(style, s("text-properties"))
            for attribute in (f"{{{FO}}}font-style", s("font-style-asian"), s("font-style-complex")):
                props.set(attribute, "italic")
            self.italic_added = True
        return ITALIC_STYLE

    def _automatic(self) -> etree._Element:
        automatic = self.root.find(o("automatic-styles"))
        if automatic is None:
            automatic = etree.Element(o("automatic-styles"))
            body = self.root.find(o("body"))
            assert body is not None
            body.addprevious(automatic)
        return automatic

    def _note(self, rich: Rich, typed: str, shown: int) -> etree._Element:
        note = etree.Element(t("note"))
        note.set(t("id"), f"dossier{shown}")
        note.set(t("note-class"), "footnote")
        etree.SubElement(note, t("note-citation")).text = str(shown)
        body = etree.SubElement(note, t("note-body"))
        paragraph = etree.SubElement(body, t("p"))
        style = self.styles.get("footnote")
        if style:
            paragraph.set(t("style-name"), style)
        bookmark = etree.SubElement(paragraph, t("bookmark"))
        bookmark.set(t("name"), f"{MARK}{_typed_citation(typed)} {shown}")
        _append(paragraph, self._rich(rich))
        return note

    def _apply(self, paragraph: OdtParagraph, edits: list[tuple[int, int, object]]) -> None:
        for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
            if any(x.kind not in ("t", "space") for x in paragraph.slots if x.start < end and x.end > start):
                self.builder.findings.append(
                    WordFinding(
                        self.builder.line,
                        start + 1,
                        "a citation runs into a tab, picture, field, link or note; retype it as plain text",
                        False,
                        self.builder.where,
                        self.builder.context,
                    )
                )
                continue
            if isinstance(replacement, _Marked):
                nodes = self._marked(replacement)
            else:
                nodes = self._replacement(str(replacement))
            anchor, offset = _cut(paragraph, start, end)
            _insert(paragraph.element, anchor, offset, nodes)

    def _replacement(self, replacement: str) -> list:
        out: list = []
        cursor = 0
        for match in PLACEHOLDER.finditer(replacement):
            if match.start() > cursor:
                out.append(replacement[cursor : match.start()])
            if match.group(1):
                number = int(match.group(1))
                note = self.builder.notes[number - 1]
                out.append(
                    self._note(note.generated or Rich(), self.typed.get(number, ""), self.reading.get(number, 0))
                )
            else:
                numbers = [int(m.group(1)) for m in PLACEHOLDER.finditer(replacement) if m.group(1)]
                typed = self.typed.get(numbers[0], "") if numbers else ""
                out += self._marked(_Marked(self.builder.inline[int(match.group(2))], "author", typed))
            cursor = match.end()
        if cursor < len(replacement):
            out.append(replacement[cursor:])
        return out

    def _marked(self, marked: _Marked) -> list:
        """Text between a bookmark-start and -end named `_dossier inline|author <typed> N` (for --update)."""
        self.marks += 1
        typed = marked.typed.strip() if marked.kind == "inline" else _typed_citation(marked.typed)  # with its period
        name = f"{MARK}{marked.kind} {typed} {self.marks}"
        start, end = etree.Element(t("bookmark-start")), etree.Element(t("bookmark-end"))
        start.set(t("name"), name)
        end.set(t("name"), name)
        return [start, *self._rich(marked.rich), end]

    # -- --update ------------------------------------------------------------------------------------

    def _regenerate(self, bookmark: etree._Element, paragraph: OdtParagraph) -> None:
        builder = self.builder
        typed = _typed_of(bookmark)
        group = _group_of(typed)
        builder.at(paragraph, f"footnote {self.count}", self.count)  # type: ignore[arg-type]
        if group is None:
            builder.findings.append(builder._finding(0, f"our note's bookmark holds no citation: {typed!r}"))
            return
        builder.text = typed
        before = len(builder.notes)
        builder._body_group(group)
        if len(builder.notes) == before:
            return
        if group.in_text and self.pending_author is not None:
            _replace_between(self.pending_author, self._rich(builder.inline[-1]))
        self.pending_author = None
        self.citations += len(group.cites)
        parent = bookmark.getparent()
        bookmark.tail = None
        for sibling in list(bookmark.itersiblings()):
            parent.remove(sibling)
        _append(parent, self._rich(builder.notes[-1].generated or Rich()))

    def _inline_again(self, start: etree._Element) -> bool:
        builder = self.builder
        typed = _typed_of(start)
        group = _group_of(typed)
        if group is None:
            return False
        builder.text = typed
        placed = builder._placed(group)
        if placed is None:
            return False
        self.citations += len(placed)
        bodies = builder.sequencer.bodies(placed)
        following = typed[group.end : group.end + 1]
        absorb = following if following in (".", ",") else ""
        _replace_between(start, self._rich(inline_text(compose(placed, bodies), absorb)))
        return True

    # -- the bibliography ----------------------------------------------------------------------------

    def _bibliography(self, marker: OdtParagraph | None) -> None:
        existing = _bookmarked(self.text, BIBLIOGRAPHY)
        if not self.bib.include or not self.builder.cited:
            for element in existing + ([marker.element] if marker is not None else []):
                element.getparent().remove(element)
            return
        items = [
            text
            for _, text in chicago_bibliography(
                list(self.builder.cited.values()), self.options.style, dash=self.bib.dash
            )
        ]
        heading = etree.Element(t("h"))
        heading.set(t("outline-level"), "1")
        heading_style = self.styles.get("heading 1")
        if heading_style:
            heading.set(t("style-name"), heading_style)
        start = etree.SubElement(heading, t("bookmark-start"))
        start.set(t("name"), BIBLIOGRAPHY)
        start.tail = self.bib.title
        elements = [heading]
        for item in items:
            paragraph = etree.Element(t("p"))
            paragraph.set(t("style-name"), self._hanging())
            _append(paragraph, self._rich(item))
            elements.append(paragraph)
        etree.SubElement(elements[-1], t("bookmark-end")).set(t("name"), BIBLIOGRAPHY)
        if existing:
            for element in elements:
                existing[0].addprevious(element)
            for element in existing:
                element.getparent().remove(element)
            if marker is not None:
                marker.element.getparent().remove(marker.element)
            return
        if marker is not None:
            for element in elements:
                marker.element.addprevious(element)
            marker.element.getparent().remove(marker.element)
            return
        for element in elements:
            self.text.append(element)

    def _hanging(self) -> str:
        if not self.hanging_added:
            style = etree.SubElement(self._automatic(), s("style"))
            style.set(s("name"), HANGING_STYLE)
            style.set(s("family"), "paragraph")
            parent = (
                self.styles.get("text body")
                or self.styles.get("default paragraph style")
                or self.styles.get("standard")
            )
            if parent:
                style.set(s("parent-style-name"), parent)
            props = etree.SubElement(style, s("paragraph-properties"))
            props.set(f"{{{FO}}}margin-left", "0.5in")
            props.set(f"{{{FO}}}text-indent", "-0.5in")  # a half-inch hanging indent (CMOS 14.63)
            self.hanging_added = True
        return HANGING_STYLE


@dataclass(frozen=True, slots=True)
class _Marked:
    """Text we put in the writer's text or note, between bookmarks that keep what was typed."""

    rich: Rich
    kind: str  # "inline" (a citation set in her note) or "author" (the author named in her sentence)
    typed: str


def _our_bookmark(paragraph: etree._Element) -> etree._Element | None:
    """Our note's bookmark, first in its paragraph."""
    first = next(iter(paragraph), None)
    if (
        first is not None
        and first.tag == t("bookmark")
        and first.get(t("name"), "").startswith(MARK)
        and not (paragraph.text or "").strip()
    ):
        return first
    return None


def _typed_of(bookmark: etree._Element) -> str:
    """ "_dossier [@a, 3] 2" -> "[@a, 3]"; "_dossier inline [@a]. 4" -> "[@a]."."""
    name = bookmark.get(t("name"), "")[len(MARK) :]
    for kind in ("inline ", "author "):
        if name.startswith(kind):
            name = name[len(kind) :]
    return name.rsplit(" ", 1)[0]


def _group_of(typed: str) -> Group | None:
    items = [i for i in _InlineScanner(typed, []).scan(0, len(typed)) if isinstance(i, Group)]
    return items[0] if len(items) == 1 else None


def _replace_between(start: etree._Element, nodes: list) -> None:
    """What lies between a bookmark-start and its bookmark-end (in the same parent) replaced by `nodes`."""
    name = start.get(t("name"))
    end = next((e for e in start.itersiblings() if e.tag == t("bookmark-end") and e.get(t("name")) == name), None)
    if end is None:
        return
    parent = start.getparent()
    for sibling in list(start.itersiblings()):
        if sibling is end:
            break
        parent.remove(sibling)
    start.tail = None
    index = parent.index(end)
    for node in nodes:
        if isinstance(node, str):
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + node
        else:
            parent.insert(index, node)
            index += 1


def _bookmarked(text: etree._Element, name: str) -> list[etree._Element]:
    """The blocks from the one holding bookmark-start `name` to the one holding its end."""
    start = next((b for b in text.iter(t("bookmark-start")) if b.get(t("name")) == name), None)
    if start is None:
        return []
    first = next(start.iterancestors(t("h"), t("p")), None)
    if first is None:
        return []
    out = [first]
    node: etree._Element | None = first
    while node is not None:
        if any(e.get(t("name")) == name for e in node.iter(t("bookmark-end"))):
            return out
        node = node.getnext()
        if node is not None:
            out.append(node)
    return out[:1]


def _get(slot: Slot) -> str:
    return (slot.owner.text if slot.where == "text" else slot.owner.tail) or ""


def _set(slot: Slot, value: str) -> None:
    if slot.where == "text":
        slot.owner.text = value
    else:
        slot.owner.tail = value


def _cut(paragraph: OdtParagraph, start: int, end: int) -> tuple[Slot | None, int]:
    anchor: Slot | None = None
    moved: dict[int, tuple[Slot, int]] = {}
    for slot in paragraph.slots:
        if slot.kind == "t" and slot.start < start <= slot.end:
            anchor = slot
    for slot in paragraph.slots:
        if slot.kind not in ("t", "space") or slot.end <= start or slot.start >= end:
            continue
        a, b = max(start, slot.start) - slot.start, min(end, slot.end) - slot.start
        if slot.kind == "t":
            text = _get(slot)
            _set(slot, text[:a] + text[b:])
            if anchor is None:
                anchor = slot
        else:  # text:s
            left = (slot.end - slot.start) - (b - a)
            if left:
                slot.owner.set(t("c"), str(left))
            else:
                moved[id(slot.owner)] = _remove_keeping_tail(slot.owner)
    if anchor is None:
        return None, 0
    offset = start - anchor.start if anchor.start < start else 0
    if anchor.where == "tail" and id(anchor.owner) in moved:  # its text:s went: the tail moved before it
        slot, prefix = moved[id(anchor.owner)]
        return slot, prefix + offset
    return anchor, offset


def _remove_keeping_tail(element: etree._Element) -> tuple[Slot, int]:
    """Remove an element, its tail joined to the text before it: where that text now is, and its length before."""
    parent = element.getparent()
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        slot = Slot("t", 0, 0, previous, "tail")
    else:
        slot = Slot("t", 0, 0, parent, "text")
    prefix = len(_get(slot))
    _set(slot, _get(slot) + tail)
    parent.remove(element)
    return slot, prefix


def _insert(paragraph: etree._Element, anchor: Slot | None, offset: int, nodes: list) -> None:
    """Put `nodes` (strings and elements) at `offset` in the anchor's text slot."""
    if anchor is None:
        _append(paragraph, nodes)
        return
    text = _get(anchor)
    before, after = text[:offset], text[offset:]
    if anchor.where == "text":
        parent, index = anchor.owner, 0
    else:
        parent, index = anchor.owner.getparent(), anchor.owner.getparent().index(anchor.owner) + 1
    head: list[str] = []
    last: etree._Element | None = None
    for node in nodes:
        if isinstance(node, str):
            if last is None:
                head.append(node)
            else:
                last.tail = (last.tail or "") + node
        else:
            parent.insert(index, node)
            index += 1
            last = node
    _set(anchor, before + "".join(head) + ("" if last is not None else after))
    if last is not None:
        last.tail = (last.tail or "") + after


def _append(paragraph: etree._Element, nodes: list) -> None:
    for node in nodes:
        if isinstance(node, str):
            if len(paragraph):
                paragraph[-1].tail = (paragraph[-1].tail or "") + node
            else:
                paragraph.text = (paragraph.text or "") + node
        else:
            paragraph.append(node)
