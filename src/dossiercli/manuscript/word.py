"""A Word (.docx) manuscript in, the same document out with real Chicago footnotes.

The writer types citations in the document's text in the Markdown route's syntax
(`[@key]`, `[see @a, 4; @b]`, `@key [p. 4]`, `[-@key]`). Each paragraph's text is
joined from its runs (Word splits text into runs after edits, spell-checking and
formatting changes) with a map from every character back to its run, so a citation
split over several runs is found by the Markdown route's own scanner (`scan.py`) and
parsed by its own parser (`cites.py`). The Markdown route's builder (`build.py`) then
decides, for that text, what replaces the citation — the same note sequence
(`notes.Sequencer`), the same note bodies, the same CMOS 14.26 punctuation moves —
and this module only carries the result into the XML:

- in the body, the citation's characters are cut out of the runs that held them, the
  punctuation that follows is put back before the note (in the formatting of the text
  before it), and a `w:footnoteReference` run points to a new `w:footnote` in
  `word/footnotes.xml`, in the footnote styles (created when the document has none);
- in the writer's own footnotes, the citation is replaced in place by its text (set
  inline, as in the Markdown route), with no note of its own;
- the writer's own footnotes keep their place in the sequence, so Word's automatic
  numbering and the "first full, later short, ibid." sequence agree.

What is never touched: text in fields' results and hyperlinks, deleted text of tracked
changes (`w:del`), comments, headers and footers (a citation there is refused with a
message: Word cannot put a footnote in a header), text boxes, tables' structure.

Our notes are marked so that a second run can tell them from the writer's: the text of
every generated note, and of every citation set inline in the writer's own footnote, is
the result of a complex field `ADDIN DOSSIER <the citation as typed>` (the kind of field
Zotero's Word plugin uses: Word shows its result and never recomputes it; LibreOffice
and pandoc read the result as text). The bibliography is marked by a bookmark named
`_dossierBibliography` around its paragraphs. `update=True` re-sequences a document
that holds them: our notes are rewritten from their fields, new citations become notes,
and the bibliography is replaced where it stands.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

from dossiercli.chicago.richtext import Rich, Span, render
from dossiercli.errors import DossierError
from dossiercli.manuscript import ooxml
from dossiercli.manuscript.build import PLACEHOLDER, Finding, Note, Options, _Builder
from dossiercli.manuscript.notes import compose, inline_text
from dossiercli.manuscript.ooxml import MC_NS, Package, w
from dossiercli.manuscript.scan import Group, _InlineScanner
from dossiercli.model.entry import Entry
from dossiercli.resolve import Resolver

MARKER = "ADDIN DOSSIER"  # the instruction of our fields: "ADDIN DOSSIER [@lake2007, 3]"
BIBLIOGRAPHY_BOOKMARK = "_dossierBibliography"
BIBLIOGRAPHY_MARKER = re.compile(r"\s*\[bibliography\]\s*", re.IGNORECASE)

# Characters standing in the joined text for what is not text: an object (tab, picture, a field's
# result or a link's text, which citations never reach into) and a footnote reference.
OBJECT, NOTE_REF = "\ufffc", "\ufff9"

_W_P, _W_R, _W_T = w("p"), w("r"), w("t")
_CONTAINERS = frozenset(w(n) for n in ("ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "bdo", "dir"))
_PROTECTING = frozenset(w(n) for n in ("hyperlink", "fldSimple"))
_SKIPPED_ANCESTORS = frozenset((w("txbxContent"), f"{{{MC_NS}}}Fallback", w("del"), w("moveFrom")))
_OBJECTS = frozenset(
    w(n) for n in ("drawing", "pict", "object", "sym", "ptab", "endnoteReference", "annotationRef", "separator")
) | {f"{{{MC_NS}}}AlternateContent"}


@dataclass(slots=True)
class Piece:
    """A stretch of a paragraph's joined text: a `w:t` (kind "t") or something that is not text."""

    kind: str  # "t", "object", "protected", "note"
    start: int
    end: int
    element: etree._Element  # the w:t, or the run's child standing for the object
    note_id: int | None = None


@dataclass(slots=True)
class OurField:
    """One of our `ADDIN DOSSIER` fields met in a story: its instruction and its result's runs."""

    instruction: str
    begin: etree._Element  # the run holding fldChar begin
    separate: etree._Element | None = None
    end: etree._Element | None = None
    offset: int = 0  # where its result starts in the paragraph's joined text


@dataclass(slots=True)
class Paragraph:
    element: etree._Element
    pieces: list[Piece]
    text: str  # what the scanner reads: objects and protected text as OBJECT
    shown: str  # the text a reader sees, for messages
    fields: list[OurField] = field(default_factory=list)
    unprotected: str = ""  # `text` with the text of links and fields' results in it

    def is_marker(self) -> bool:
        return bool(BIBLIOGRAPHY_MARKER.fullmatch(self.shown)) and not any(p.kind == "note" for p in self.pieces)


class _FieldState:
    """Complex fields open across runs and paragraphs: is the text now an instruction, a result, or free?"""

    def __init__(self) -> None:
        self.stack: list[list] = []  # [instruction parts, in result?, OurField or None]

    @property
    def in_result(self) -> bool:
        return any(entry[1] for entry in self.stack)

    @property
    def in_instruction(self) -> bool:
        return bool(self.stack) and not self.stack[-1][1]


def read_paragraph(element: etree._Element, state: _FieldState) -> Paragraph:
    pieces: list[Piece] = []
    scanned: list[str] = []
    unprotected: list[str] = []  # the text with links' and fields' text in it, to warn about citations there
    shown: list[str] = []
    fields: list[OurField] = []
    position = 0

    def add(kind: str, text: str, node: etree._Element, note_id: int | None = None) -> None:
        nonlocal position
        if not text:
            return
        pieces.append(Piece(kind, position, position + len(text), node, note_id))
        scanned.append(text if kind == "t" else OBJECT * len(text) if kind != "note" else NOTE_REF)
        unprotected.append(text if kind in ("t", "protected") else scanned[-1])
        shown.append(text if kind in ("t", "protected") else " ")
        position += len(text)

    def run_children(r: etree._Element, protected: bool) -> None:
        for child in r:
            tag = child.tag
            if tag == _W_T:
                if state.in_instruction:
                    continue
                text = child.text or ""
                add("protected" if protected or state.in_result else "t", text, child)
            elif tag == w("instrText"):
                if state.stack and not state.stack[-1][1]:
                    state.stack[-1][0].append(child.text or "")
            elif tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    state.stack.append([[], False, OurField("", r)])
                elif kind == "separate" and state.stack:
                    entry = state.stack[-1]
                    entry[1] = True
                    instruction = "".join(entry[0]).strip()
                    ours = entry[2]
                    if instruction.startswith(MARKER) and not any(e[2] is not None and e[1] for e in state.stack[:-1]):
                        ours.instruction = instruction[len(MARKER) :].strip()
                        ours.separate = r
                        ours.offset = position
                        fields.append(ours)
                    else:
                        entry[2] = None
                elif kind == "end" and state.stack:
                    entry = state.stack.pop()
                    if entry[2] is not None and entry[2].separate is not None:
                        entry[2].end = r
            elif tag == w("tab"):
                add("object", "\t", child)
            elif tag in (w("br"), w("cr")):
                add("object", "\n", child)
            elif tag == w("noBreakHyphen"):
                add("object", "\u2011", child)
            elif tag == w("footnoteReference"):
                note_id = child.get(w("id"))
                add("note", NOTE_REF, child, int(note_id) if note_id and note_id.lstrip("-").isdigit() else None)
            elif tag == w("footnoteRef"):
                add("object", OBJECT, child)
            elif tag in _OBJECTS:
                add("object", OBJECT, child)

    def walk(parent: etree._Element, protected: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == _W_R:
                run_children(child, protected)
            elif tag in _CONTAINERS:
                walk(child, protected)
            elif tag in _PROTECTING:
                walk(child, True)

    walk(element, False)
    return Paragraph(element, pieces, "".join(scanned), "".join(shown), fields, "".join(unprotected))


def story_paragraphs(root: etree._Element) -> list[Paragraph]:
    """The paragraphs of a story in reading order (tables' cells included; text boxes and the deleted
    paragraphs of tracked changes left out), each read with the fields open across them."""
    state = _FieldState()
    out = []
    for element in root.iter(_W_P):
        if any(ancestor.tag in _SKIPPED_ANCESTORS for ancestor in element.iterancestors()):
            continue
        out.append(read_paragraph(element, state))
    return out


# -- findings -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordFinding(Finding):
    """A problem in a Word document: `line` is the paragraph's number (or the footnote's), `column`
    the character in it; `where` says which ("paragraph 12", "footnote 3", "header (header1.xml)")."""

    where: str = ""
    context: str = ""

    def format(self, path: str) -> str:
        shown = f' ("{self.context}")' if self.context else ""
        return f"{path}: {self.where}{shown}: {'warning: ' if self.warning else ''}{self.message}"


def _context(text: str, limit: int = 40) -> str:
    words = " ".join(text.replace(OBJECT, " ").split())
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0] if " " in words[:limit] else words[:limit]
    return cut + "…"


# -- the builder --------------------------------------------------------------------------------------


class _WordBuilder(_Builder):
    """The Markdown route's builder, given one paragraph's joined text at a time."""

    def __init__(self, resolver: Resolver, options: Options, skipped: frozenset[str]):
        self.where = ""
        self.context = ""
        self.line = 0
        super().__init__("", resolver, options, skipped)

    def _finding(self, offset: int, message: str, warning: bool = False) -> Finding:
        return WordFinding(self.line, offset + 1, _cite_message(message), warning, self.where, self.context)

    def at(self, paragraph: Paragraph, where: str, line: int) -> None:
        self.text = paragraph.text
        self.where, self.line, self.context = where, line, _context(paragraph.shown)


def _cite_message(message: str) -> str:
    """ "unknown source 'lake207' (did you mean …)" -> "unknown source @lake207 (did you mean …)": in a
    Word document the key is shown as it was typed."""
    return re.sub(r"^(unknown source|ambiguous source|source) '([^']*)'", r"\1 @\2", message)


# -- the document ------------------------------------------------------------------------------------


@dataclass(slots=True)
class WordResult:
    data: bytes
    findings: list[Finding]
    notes: int  # footnotes in the document after the run (the writer's and ours)
    citations: int
    cited: list[Entry]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if not f.warning]


@dataclass(frozen=True, slots=True)
class BibliographySettings:
    include: bool = True
    title: str = "Bibliography"
    dash: bool = False


def holds_our_notes(package: Package) -> bool:
    """Does the document already hold footnotes (or a bibliography) made by `dossier manuscript`?"""
    parts = [package.main]
    notes = package.related_one(package.main, ooxml.REL_FOOTNOTES)
    if notes:
        parts.append(notes)
    marker = MARKER.encode()
    return any(marker in package.parts[p] or BIBLIOGRAPHY_BOOKMARK.encode() in package.parts[p] for p in parts)


def cite_docx(
    data: bytes,
    resolver: Resolver,
    options: Options | None = None,
    *,
    name: str = "document.docx",
    skipped: frozenset[str] = frozenset(),
    bibliography: BibliographySettings | None = None,
    ascii_quotes: bool = False,
    update: bool = False,
) -> WordResult:
    """The document with its citations turned into footnotes; `WordResult.findings` says what could not
    be done (with errors the caller writes nothing). Raises DossierError for a document it cannot read."""
    package = Package(data, name)
    if holds_our_notes(package) and not update:
        raise DossierError(
            "already holds footnotes made by dossier manuscript (ADDIN DOSSIER fields); "
            "run it on the document you wrote, or add --update to renumber and add new citations",
            name,
        )
    return _Document(
        package, resolver, options or Options(), skipped, bibliography or BibliographySettings(), ascii_quotes
    ).run()


class _Document:
    def __init__(self, package, resolver, options, skipped, bibliography, ascii_quotes):
        self.package: Package = package
        self.builder = _WordBuilder(resolver, options, skipped)
        self.options: Options = options
        self.bib: BibliographySettings = bibliography
        self.ascii = ascii_quotes
        self.body_root = package.xml(package.main)
        if self.body_root.tag == "{http://purl.oclc.org/ooxml/wordprocessingml/main}document":
            raise DossierError(
                "is saved as Strict Open XML: save it as a Word Document (.docx) and run again", package.name
            )
        body = self.body_root.find(w("body"))
        if body is None:
            raise DossierError("not a Word document: word/document.xml has no body", package.name)
        self.body = body
        self.notes_part = package.related_one(package.main, ooxml.REL_FOOTNOTES)
        self.notes_root = package.xml(self.notes_part) if self.notes_part else None
        self.writer_notes: dict[int, etree._Element] = {}
        if self.notes_root is not None:
            for note in self.notes_root.iter(w("footnote")):
                note_id = note.get(w("id"), "")
                if note_id.lstrip("-").isdigit():
                    self.writer_notes[int(note_id)] = note
        self.next_id = max([0, *self.writer_notes]) + 1
        self.styles = _Styles(package)
        self.citations = 0
        self.count = 0  # footnotes met or made, in reading order
        self.changed_notes = False
        self.typed: dict[int, str] = {}  # note number -> the citation as typed
        self.pending_author: OurField | None = None  # --update: the author field before an in-text note

    # -- reading order -------------------------------------------------------------------------------

    def run(self) -> WordResult:
        self._refuse_in_headers()
        self._warn_unread()
        paragraphs = story_paragraphs(self.body)
        marker: Paragraph | None = None
        for number, paragraph in enumerate(paragraphs, start=1):
            if paragraph.is_marker() and marker is None:
                marker = paragraph
                continue
            self._body_paragraph(paragraph, number)
        if self.builder.findings and any(not f.warning for f in self.builder.findings):
            return self._result(b"")
        self._bibliography(marker)
        self.package.touch(self.package.main)
        if self.changed_notes and self.notes_part and self.notes_root is not None:
            _in_reading_order(self.body_root, self.notes_root)
            self.package.touch(self.notes_part)
        return self._result(self.package.save())

    def _result(self, data: bytes) -> WordResult:
        findings = sorted(self.builder.findings, key=_order)
        return WordResult(data, findings, self.count, self.citations, list(self.builder.cited.values()))

    def _refuse_in_headers(self) -> None:
        for rel_type, kind in ((ooxml.REL_HEADER, "header"), (ooxml.REL_FOOTER, "footer")):
            for part in self.package.related(self.package.main, rel_type):
                if part not in self.package.parts:
                    continue
                for paragraph in story_paragraphs(self.package.xml(part)):
                    for item in _InlineScanner(paragraph.text, []).scan(0, len(paragraph.text)):
                        if isinstance(item, Group):
                            self.builder.findings.append(
                                WordFinding(
                                    0,
                                    item.start + 1,
                                    f"a citation in a {kind} ({paragraph.text[item.start : item.end]}) cannot "
                                    "become a footnote (Word has no footnotes there): move it into the text",
                                    False,
                                    f"{kind} ({part.rsplit('/', 1)[-1]})",
                                    _context(paragraph.shown),
                                )
                            )

    def _warn_unread(self) -> None:
        """Citations where this module does not go (endnotes, text boxes) are left as typed, with a warning."""
        places: list[tuple[str, list[etree._Element]]] = []
        endnotes = self.package.related_one(self.package.main, ooxml.REL_ENDNOTES)
        if endnotes:
            places.append(("endnote", list(self.package.xml(endnotes).iter(_W_P))))
        boxes = [
            p
            for box in self.body.iter(w("txbxContent"))
            if not any(a.tag == f"{{{MC_NS}}}Fallback" for a in box.iterancestors())
            for p in box.iter(_W_P)
        ]
        places.append(("text box", boxes))
        for kind, elements in places:
            for element in elements:
                paragraph = read_paragraph(element, _FieldState())
                for item in _InlineScanner(paragraph.text, []).scan(0, len(paragraph.text)):
                    if isinstance(item, Group):
                        self.builder.findings.append(
                            WordFinding(
                                0,
                                item.start + 1,
                                f"a citation in {'an' if kind[0] in 'aeiou' else 'a'} {kind} is left as typed "
                                f"({paragraph.text[item.start : item.end]}): move it into the text or a footnote",
                                True,
                                kind,
                                _context(paragraph.shown),
                            )
                        )

    def _body_paragraph(self, paragraph: Paragraph, number: int) -> None:
        builder = self.builder
        problems: list = []
        items: list[tuple[int, object]] = [
            (item.start, item)
            for item in _InlineScanner(paragraph.text, problems).scan(0, len(paragraph.text))
            if isinstance(item, Group)
        ]
        items += [(piece.start, piece) for piece in paragraph.pieces if piece.kind == "note"]
        items += [(field_.offset, field_) for field_ in paragraph.fields]  # --update: an author we named before
        items.sort(key=lambda pair: pair[0])
        self.pending_author = None
        builder.at(paragraph, f"paragraph {number}", number)
        for problem in problems:
            builder.findings.append(builder._finding(problem.offset, problem.message, problem.warning))
        if paragraph.unprotected != paragraph.text and not paragraph.fields:
            self._warn_protected(paragraph)
        edits: list[tuple[int, int, object]] = []
        for _, item in items:
            if isinstance(item, Group):
                before = len(builder.notes)
                for start, end, replacement in builder._body_group(item):
                    edits.append((start, end, replacement))
                if len(builder.notes) > before:
                    self.count += 1
                    self.citations += len(item.cites)
                    self.typed[len(builder.notes)] = paragraph.text[item.start : item.end]
            elif isinstance(item, OurField):
                self.pending_author = item
            else:
                assert isinstance(item, Piece)
                self._writer_note(item)
                builder.at(paragraph, f"paragraph {number}", number)
        if edits:
            self._apply(paragraph, edits)

    def _warn_protected(self, paragraph: Paragraph) -> None:
        """A citation typed in a link's text or a field's result (a table of contents, a cross-reference, or
        a field Word never closed) is left as it is: say so, rather than leave it silently."""
        protected = [p for p in paragraph.pieces if p.kind == "protected"]
        for item in _InlineScanner(paragraph.unprotected, []).scan(0, len(paragraph.unprotected)):
            if isinstance(item, Group) and any(p.start < item.end and p.end > item.start for p in protected):
                self.builder.findings.append(
                    self.builder._finding(
                        item.start,
                        f"a citation in a link or a field's result is left as typed "
                        f"({paragraph.unprotected[item.start : item.end]})",
                        True,
                    )
                )

    def _writer_note(self, piece: Piece) -> None:
        """A footnote reference already in the text: the writer's own note (or, with --update, ours)."""
        builder = self.builder
        self.count += 1
        note = self.writer_notes.get(piece.note_id) if piece.note_id is not None else None
        paragraphs = story_paragraphs(note) if note is not None else []
        ours = _generated_field(paragraphs)
        if ours is not None:
            self._regenerate(ours, paragraphs)
            return
        builder.notes.append(Note(len(builder.notes) + 1, own=""))
        had_citation = False
        for paragraph in paragraphs:
            builder.at(paragraph, f"footnote {self.count}", self.count)
            items: list[tuple[int, object]] = [
                (item.start, item)
                for item in _InlineScanner(paragraph.text, []).scan(0, len(paragraph.text))
                if isinstance(item, Group)
            ]
            items += [(ours_.offset, ours_) for ours_ in paragraph.fields]  # --update: set inline before
            items.sort(key=lambda pair: pair[0])
            edits: list[tuple[int, int, object]] = []
            for _, item in items:
                if isinstance(item, OurField):
                    had_citation = self._inline_again(item) or had_citation
                    builder.text = paragraph.text
                    continue
                assert isinstance(item, Group)
                placed = builder._placed(item)
                if placed is None:
                    continue
                had_citation = True
                self.citations += len(placed)
                bodies = builder.sequencer.bodies(placed)
                following = paragraph.text[item.end : item.end + 1]
                absorb = following if following in (".", ",") else ""
                rich = inline_text(compose(placed, bodies), absorb)
                typed = paragraph.text[item.start : item.end + len(absorb)]  # the period it took in, for --update
                edits.append((item.start, item.end + len(absorb), _Inline(rich, typed)))
            if edits:
                self._apply(paragraph, edits)
                self.changed_notes = True
        if not had_citation:
            builder.sequencer.interrupt()

    # -- --update ------------------------------------------------------------------------------------

    def _regenerate(self, ours: OurField, paragraphs: list[Paragraph]) -> None:
        """One of our notes, met again: its citation (from the field) sequenced anew, its text rewritten."""
        builder = self.builder
        group = _group_of(ours.instruction)
        builder.at(paragraphs[0], f"footnote {self.count}", self.count)
        if group is None:
            builder.findings.append(builder._finding(0, f"our note's field holds no citation: {ours.instruction!r}"))
            return
        builder.text = ours.instruction
        before = len(builder.notes)
        builder._body_group(group)
        if len(builder.notes) == before:
            return
        if group.in_text and self.pending_author is not None:  # "Eli Lake says" may now be "Lake says"
            author = self.pending_author
            rpr = (
                author.separate.getnext().find(w("rPr"))
                if author.separate is not None and author.separate.getnext() is not None
                else None
            )
            _replace_result(author, self._runs(builder.inline[-1], rpr))
        self.pending_author = None
        self.citations += len(group.cites)
        text = builder.notes[-1].generated or Rich()
        _replace_result(ours, self._runs(text, None))
        self.changed_notes = True

    def _inline_again(self, ours: OurField) -> bool:
        builder = self.builder
        group = _group_of(ours.instruction)
        if group is None:
            return False
        builder.text = ours.instruction
        placed = builder._placed(group)
        if placed is None:
            return False
        self.citations += len(placed)
        bodies = builder.sequencer.bodies(placed)
        rpr = _first_rpr(ours)
        following = ours.instruction[group.end : group.end + 1]
        absorb = following if following in (".", ",") else ""
        _replace_result(ours, self._runs(inline_text(compose(placed, bodies), absorb), rpr))
        self.changed_notes = True
        return True

    # -- writing -------------------------------------------------------------------------------------

    def _runs(self, rich: Rich, rpr: etree._Element | None) -> list[etree._Element]:
        out = []
        for span in rich.spans:
            text = render(Rich(Span(span.text)), "text", self.ascii)
            if text:
                out.append(ooxml.run(text, rpr, italic=span.italic))
        return out

    def _new_note(self, rich: Rich, typed: str) -> int:
        """A footnote holding our note (the field keeps the citation as typed, for --update)."""
        root = self._notes_root()
        note_id = self.next_id
        self.next_id += 1
        note = etree.SubElement(root, w("footnote"))
        note.set(w("id"), str(note_id))
        paragraph = etree.SubElement(note, _W_P)
        props = etree.SubElement(paragraph, w("pPr"))
        etree.SubElement(props, w("pStyle")).set(w("val"), self.styles.footnote_text())
        mark = ooxml.style_run(self.styles.footnote_reference())
        etree.SubElement(mark, w("footnoteRef"))
        paragraph.append(mark)
        paragraph.append(ooxml.run(" "))
        for element in ooxml.field(f" {MARKER} {typed} ", self._runs(rich, None)):
            paragraph.append(element)
        self.changed_notes = True
        return note_id

    def _notes_root(self) -> etree._Element:
        if self.notes_root is None:
            self.notes_part = _free_name(self.package, "word/footnotes.xml")
            self.notes_root = _empty_footnotes()
            self.package.add_part(
                self.notes_part, self.notes_root, ooxml.CT_FOOTNOTES, self.package.main, ooxml.REL_FOOTNOTES
            )
        return self.notes_root

    def _apply(self, paragraph: Paragraph, edits: list[tuple[int, int, object]]) -> None:
        """Carry text edits into the runs, right to left so that earlier offsets stay true."""
        for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
            blocking = [p for p in paragraph.pieces if p.start < end and p.end > start and p.kind != "t"]
            if blocking:
                self.builder.findings.append(
                    WordFinding(
                        self.builder.line,
                        start + 1,
                        "a citation runs into a tab, picture, field or link; retype it as plain text",
                        False,
                        self.builder.where,
                        self.builder.context,
                    )
                )
                continue
            # Moved punctuation keeps its own formatting (a period typed in roman after an italic title stays
            # roman); the rest takes the formatting of the text before the citation.
            last = next((p for p in paragraph.pieces if p.kind == "t" and p.start < end <= p.end), None)
            punctuation_rpr = last.element.getparent().find(w("rPr")) if last is not None else None
            anchor, offset = _cut(paragraph, start, end)
            rpr = anchor.getparent().find(w("rPr")) if anchor is not None else None
            if isinstance(replacement, _Inline):
                new = ooxml.field(f" {MARKER} {replacement.typed} ", self._runs(replacement.rich, rpr))
            else:
                new = self._replacement(str(replacement), rpr, punctuation_rpr)
            _insert_after(paragraph.element, anchor, offset, new)

    def _replacement(
        self, replacement: str, rpr: etree._Element | None, punctuation_rpr: etree._Element | None
    ) -> list[etree._Element]:
        """The builder's replacement text (punctuation, note and author placeholders) as runs."""
        out: list[etree._Element] = []
        cursor = 0
        numbers = [int(m.group(1)) for m in PLACEHOLDER.finditer(replacement) if m.group(1)]
        typed = _typed_citation(self.typed.get(numbers[0], "")) if numbers else ""
        for match in PLACEHOLDER.finditer(replacement):
            if match.start() > cursor:
                out.append(ooxml.run(replacement[cursor : match.start()], punctuation_rpr))
            if match.group(1):
                number = int(match.group(1))
                note = self.builder.notes[number - 1]
                note_id = self._new_note(note.generated or Rich(), _typed_citation(self.typed.get(number, "")))
                out.append(ooxml.footnote_reference(note_id, self.styles.footnote_reference()))
            else:
                # The author named in the sentence ("@lake2007 says"), in a field too, so --update can shorten it.
                runs = self._runs(self.builder.inline[int(match.group(2))], rpr)
                out += ooxml.field(f" {MARKER} author {typed} ", runs)
            cursor = match.end()
        if cursor < len(replacement):
            out.append(ooxml.run(replacement[cursor:], punctuation_rpr))
        return out

    # -- the bibliography ----------------------------------------------------------------------------

    def _bibliography(self, marker: Paragraph | None) -> None:
        existing = _bookmarked_paragraphs(self.body, BIBLIOGRAPHY_BOOKMARK)
        if not self.bib.include:
            for element in existing:
                element.getparent().remove(element)
            return
        built = self.builder
        works = {entry.id: entry for entry in built.cited.values()}
        from dossiercli.chicago.sequence import bibliography as chicago_bibliography

        items = [text for _, text in chicago_bibliography(list(works.values()), self.options.style, dash=self.bib.dash)]
        paragraphs = self._bibliography_paragraphs(items) if items else []
        if existing:
            anchor = existing[0]
            for element in paragraphs:
                anchor.addprevious(element)
            for element in existing:
                element.getparent().remove(element)
        elif marker is not None:
            for element in paragraphs:
                marker.element.addprevious(element)
            marker.element.getparent().remove(marker.element)
        else:
            last = self.body[-1] if len(self.body) else None
            for element in paragraphs:
                if last is not None and last.tag == w("sectPr"):
                    last.addprevious(element)
                else:
                    self.body.append(element)

    def _bibliography_paragraphs(self, items: list[Rich]) -> list[etree._Element]:
        heading = etree.Element(_W_P)
        heading_style = self.styles.heading(self.body)
        props = etree.SubElement(heading, w("pPr"))
        if heading_style:
            etree.SubElement(props, w("pStyle")).set(w("val"), heading_style)
        else:
            etree.SubElement(props, w("keepNext"))
            etree.SubElement(props, w("spacing")).set(w("before"), "240")
        start = etree.SubElement(heading, w("bookmarkStart"))
        roots = [self.body_root] + ([self.notes_root] if self.notes_root is not None else [])
        bookmark_id = str(max(_free_bookmark_id(root) for root in roots))  # unique across the story and notes
        start.set(w("id"), bookmark_id)
        start.set(w("name"), BIBLIOGRAPHY_BOOKMARK)
        title_props = None
        if not heading_style:
            title_props = etree.Element(w("rPr"))
            ooxml.set_property(title_props, "b")
        heading.append(ooxml.run(self.bib.title, title_props))
        out = [heading]
        entry_style = self.styles.bibliography()
        for item in items:
            paragraph = etree.Element(_W_P)
            props = etree.SubElement(paragraph, w("pPr"))
            if entry_style:
                etree.SubElement(props, w("pStyle")).set(w("val"), entry_style)
            indent = etree.SubElement(props, w("ind"))
            indent.set(w("left"), "720")
            indent.set(w("hanging"), "720")  # a hanging indent of half an inch (CMOS 14.63)
            for element in self._runs(item, None):
                paragraph.append(element)
            out.append(paragraph)
        end = etree.SubElement(out[-1], w("bookmarkEnd"))
        end.set(w("id"), bookmark_id)
        return out


@dataclass(frozen=True, slots=True)
class _Inline:
    """A citation set inline in the writer's own footnote: its text, and the citation as typed."""

    rich: Rich
    typed: str


def _order(finding: Finding) -> tuple:
    where = getattr(finding, "where", "")
    return (0 if where.startswith(("header", "footer")) else 1, finding.line, finding.column)


def _typed_citation(typed: str) -> str:
    """What the field keeps: the citation as typed, without the punctuation moved with it."""
    typed = typed.strip()
    if typed.startswith("["):
        close = typed.rfind("]")
        return typed[: close + 1] if close > 0 else typed
    return typed.rstrip(".,;:!?")


def _group_of(instruction: str) -> Group | None:
    items = [i for i in _InlineScanner(instruction, []).scan(0, len(instruction)) if isinstance(i, Group)]
    return items[0] if len(items) == 1 else None


def _generated_field(paragraphs: list[Paragraph]) -> OurField | None:
    """Our note: its first paragraph is the note mark, a space, and one of our fields."""
    if not paragraphs or not paragraphs[0].fields:
        return None
    first = paragraphs[0]
    field_ = first.fields[0]
    before = first.text[: field_.offset]
    return field_ if not before.replace(OBJECT, "").strip() else None


def _replace_result(ours: OurField, runs: list[etree._Element]) -> None:
    """Our field's result runs replaced by `runs` (the field's begin, instruction and end stay)."""
    if ours.separate is None or ours.end is None:
        return
    node = ours.separate.getnext()
    while node is not None and node is not ours.end:
        following = node.getnext()
        node.getparent().remove(node)
        node = following
    for element in runs:
        ours.end.addprevious(element)


def _first_rpr(ours: OurField) -> etree._Element | None:
    node = ours.separate.getnext() if ours.separate is not None else None
    if node is not None and node.tag == _W_R:
        props = node.find(w("rPr"))
        if props is not None:
            props = deepcopy(props)
            for name in ("i", "iCs"):
                found = props.find(w(name))
                if found is not None:
                    props.remove(found)
            return props
    return None


def _in_reading_order(document: etree._Element, notes: etree._Element) -> None:
    """Footnotes in word/footnotes.xml in the order the text refers to them, numbered so: LibreOffice
    pairs references with notes by their order in the part, Word and pandoc by id; both then agree."""
    separators = [n for n in notes if n.tag == w("footnote") and n.get(w("type")) not in (None, "normal")]
    by_id = {n.get(w("id")): n for n in notes if n.tag == w("footnote") and n not in separators}
    first = max([0, *(int(n.get(w("id"), "0")) for n in separators if n.get(w("id"), "").lstrip("-").isdigit())]) + 1
    order: list[etree._Element] = []
    renumber: dict[str, str] = {}
    for reference in document.iter(w("footnoteReference")):
        old = reference.get(w("id"))
        note = by_id.get(old)
        if note is None:
            continue
        if old not in renumber:
            renumber[old] = str(first + len(order))
            order.append(note)
        reference.set(w("id"), renumber[old])
    rest = [n for n in by_id.values() if n not in order]
    for note in order + rest:
        notes.remove(note)
    for note in order:
        note.set(w("id"), renumber[note.get(w("id"))])
        notes.append(note)
    for note in rest:  # a note nothing refers to keeps its place after the others, with an id out of the way
        note.set(w("id"), str(first + len(order) + rest.index(note)))
        notes.append(note)


def _cut(paragraph: Paragraph, start: int, end: int) -> tuple[etree._Element | None, int]:
    """Remove [start, end) from the paragraph's w:t texts; return the w:t where new runs go and the
    offset in it (the text just before `start`, whose formatting the moved punctuation takes)."""
    anchor: Piece | None = None
    for piece in paragraph.pieces:
        if piece.kind == "t" and piece.start < start <= piece.end:
            anchor = piece
    for piece in paragraph.pieces:
        if piece.kind != "t" or piece.end <= start or piece.start >= end:
            continue
        text = piece.element.text or ""
        a, b = max(start, piece.start) - piece.start, min(end, piece.end) - piece.start
        piece.element.text = text[:a] + text[b:]
        _preserve(piece.element)
        if anchor is None:
            anchor = piece
        elif piece is not anchor and not piece.element.text:
            _remove_emptied(piece.element)
    if anchor is None:
        return None, 0
    return anchor.element, start - anchor.start if anchor.start < start else 0


def _remove_emptied(t: etree._Element) -> None:
    """A w:t whose text went with a citation goes, and its run too when nothing else is left in it."""
    run = t.getparent()
    run.remove(t)
    if all(child.tag == w("rPr") for child in run) and run.getparent() is not None:
        run.getparent().remove(run)


def _preserve(t: etree._Element) -> None:
    text = t.text or ""
    if text != text.strip():
        t.set(ooxml.XML_SPACE, "preserve")


def _insert_after(paragraph: etree._Element, t: etree._Element | None, offset: int, new: list) -> None:
    """Put `new` runs at `offset` in w:t `t`: the run is split there when text follows."""
    if t is None:
        for element in new:
            paragraph.append(element)
        return
    run = t.getparent()
    text = t.text or ""
    head, tail = text[:offset], text[offset:]
    following = list(t.itersiblings())
    if tail or any(child.tag != w("rPr") for child in following):
        second = etree.Element(_W_R)
        props = run.find(w("rPr"))
        if props is not None:
            second.append(deepcopy(props))
        if tail:
            second.append(ooxml.text_element(tail))
        for child in following:
            second.append(child)
        t.text = head
        _preserve(t)
        run.addnext(second)
    if not head and t.getparent() is run:
        run.remove(t)
    anchor = run
    for element in new:
        anchor.addnext(element)
        anchor = element


def _bookmarked_paragraphs(root: etree._Element, name: str) -> list[etree._Element]:
    """The body's paragraphs from the one holding bookmark `name`'s start to the one holding its end."""
    start = next((b for b in root.iter(w("bookmarkStart")) if b.get(w("name")) == name), None)
    if start is None:
        return []
    bookmark_id = start.get(w("id"))
    first = start if start.tag == _W_P else next(start.iterancestors(_W_P), None)
    if first is None:
        return []
    out = [first]
    node: etree._Element | None = first
    while node is not None:
        if any(e.get(w("id")) == bookmark_id for e in node.iter(w("bookmarkEnd"))):
            return out
        node = node.getnext()
        if node is not None:
            out.append(node)
    return out[:1]


def _free_bookmark_id(root: etree._Element) -> int:
    used = [int(b.get(w("id"), "0")) for b in root.iter(w("bookmarkStart")) if b.get(w("id"), "").isdigit()]
    return max([0, *used]) + 1


def _free_name(package: Package, name: str) -> str:
    if name not in package.parts:
        return name
    stem, dot, suffix = name.rpartition(".")
    number = 2
    while f"{stem}{number}.{suffix}" in package.parts:
        number += 1
    return f"{stem}{number}.{suffix}"


def _empty_footnotes() -> etree._Element:
    root = etree.Element(w("footnotes"), nsmap={"w": ooxml.W_NS, "r": ooxml.R_NS})
    for note_id, kind, child in (
        ("-1", "separator", "separator"),
        ("0", "continuationSeparator", "continuationSeparator"),
    ):
        note = etree.SubElement(root, w("footnote"))
        note.set(w("type"), kind)
        note.set(w("id"), note_id)
        paragraph = etree.SubElement(note, _W_P)
        props = etree.SubElement(paragraph, w("pPr"))
        spacing = etree.SubElement(props, w("spacing"))
        spacing.set(w("after"), "0")
        spacing.set(w("line"), "240")
        spacing.set(w("lineRule"), "auto")
        etree.SubElement(etree.SubElement(paragraph, _W_R), w(child))
    return root


class _Styles:
    """The document's footnote, heading and bibliography styles, found by name (Word's and LibreOffice's),
    and the two footnote styles created in word/styles.xml when the document has none."""

    TEXT_NAMES = ("footnote text",)
    REFERENCE_NAMES = ("footnote reference", "footnote anchor", "footnote characters", "footnote symbol")

    def __init__(self, package: Package):
        self.package = package
        self.part = package.related_one(package.main, ooxml.REL_STYLES)
        self.root = package.xml(self.part) if self.part else None
        self.by_name: dict[tuple[str, str], str] = {}
        self.ids: set[str] = set()
        if self.root is not None:
            for style in self.root.iter(w("style")):
                style_id = style.get(w("styleId"), "")
                self.ids.add(style_id)
                name = style.find(w("name"))
                key = (style.get(w("type"), "paragraph"), (name.get(w("val"), "") if name is not None else "").lower())
                self.by_name.setdefault(key, style_id)
        self._text: str | None = None
        self._reference: str | None = None

    def find(self, kind: str, names: tuple[str, ...]) -> str | None:
        for name in names:
            if (kind, name) in self.by_name:
                return self.by_name[(kind, name)]
        return None

    def heading(self, document: etree._Element) -> str | None:
        """The style of the document's top headings: the highest level of "heading N" it uses (a paper
        headed in Heading 2 gets its bibliography under Heading 2), else Heading 1 if defined."""
        used = {p.get(w("val")) for p in document.iter(w("pStyle"))}
        levels = []
        for (kind, name), style_id in self.by_name.items():
            match = re.fullmatch(r"heading (\d)", name)
            if kind == "paragraph" and match and style_id in used:
                levels.append((int(match.group(1)), style_id))
        return min(levels)[1] if levels else self.find("paragraph", ("heading 1",))

    def bibliography(self) -> str | None:
        return self.find("paragraph", ("bibliography",))

    def footnote_text(self) -> str:
        if self._text is None:
            self._text = self.find("paragraph", self.TEXT_NAMES) or self._create(
                "paragraph", "FootnoteText", "footnote text"
            )
        return self._text

    def footnote_reference(self) -> str:
        if self._reference is None:
            self._reference = self.find("character", self.REFERENCE_NAMES) or self._create(
                "character", "FootnoteReference", "footnote reference"
            )
        return self._reference

    def _create(self, kind: str, style_id: str, name: str) -> str:
        if self.root is None:
            self.part = _free_name(self.package, "word/styles.xml")
            self.root = etree.Element(w("styles"), nsmap={"w": ooxml.W_NS})
            self.package.add_part(self.part, self.root, ooxml.CT_STYLES, self.package.main, ooxml.REL_STYLES)
        base = style_id
        number = 2
        while style_id in self.ids:
            style_id = f"{base}{number}"
            number += 1
        self.ids.add(style_id)
        style = etree.SubElement(self.root, w("style"))
        style.set(w("type"), kind)
        style.set(w("styleId"), style_id)
        etree.SubElement(style, w("name")).set(w("val"), name)
        normal = self.find("paragraph", ("normal",))
        if kind == "paragraph":
            if normal:
                etree.SubElement(style, w("basedOn")).set(w("val"), normal)
            etree.SubElement(style, w("uiPriority")).set(w("val"), "99")
            etree.SubElement(style, w("unhideWhenUsed"))
            props = etree.SubElement(style, w("pPr"))
            spacing = etree.SubElement(props, w("spacing"))
            spacing.set(w("after"), "0")
            spacing.set(w("line"), "240")
            spacing.set(w("lineRule"), "auto")
            run_props = etree.SubElement(style, w("rPr"))
            ooxml.set_property(run_props, "sz", "20")
            ooxml.set_property(run_props, "szCs", "20")
        else:
            etree.SubElement(style, w("uiPriority")).set(w("val"), "99")
            etree.SubElement(style, w("unhideWhenUsed"))
            run_props = etree.SubElement(style, w("rPr"))
            ooxml.set_property(run_props, "vertAlign", "superscript")
        self.by_name[(kind, name)] = style_id
        self.package.touch(self.part or "")
        return style_id
