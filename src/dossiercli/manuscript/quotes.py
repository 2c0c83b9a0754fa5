"""Quotations in a manuscript, checked against the excerpts of the sources its citations name.

Finding (plain paragraphs in, so the Markdown route and the Word route share it): every
quotation in double marks (“curly” or "straight"; single marks inside are quotes within
the quotation, CMOS 13.30) and every block quotation that a citation attributes:

- a citation (or a footnote reference whose note cites) right after the closing mark, or
  later in the same sentence (`"…elements" [@ap2007].`, `"…"[^3]`);
- a sentence that holds only a citation, right after the quotation's sentence (the
  seed's notes: `…"irrefutable" evidence…. [See, @keaten2007; @wright2007, A19].`);
- a citation earlier in the same sentence (`@caldwell2007 said that "…"`);
- a block quotation: a citation or note reference inside it, else in the lead-in
  sentence before it (ending with a colon), else a paragraph holding only a citation
  right after it.

`Paragraph` is what the finder reads: the paragraph's plain text, where its citations
and footnote references stand in it, and whether it is a block quotation. The Markdown
route (`markdown_paragraphs`) builds them from `manuscript/scan.py`; another route (a
Word document) builds them from its own paragraphs and notes (see `find_quotations`).

Matching (links/textmatch.py, the matcher `dossier verify` uses): the quotation and the
excerpts are normalised alike (quotation marks, dashes, white space, case, ligatures),
quotation marks dropped (a quote within a quote may change its marks, 13.30), and the
quotation's edge punctuation dropped (a period may move inside the closing mark, 6.9).
The Manual's conventions (CMOS 17 ch. 13):

- an ellipsis ("…", "...", ". . .", "[…]"; 13.50–58) stands for any run of omitted
  words, the pieces in order; one that joins passages far apart (more than
  `FAR_WORDS` words, or two excerpts) is reported;
- brackets (13.60–62): a letter in brackets joined to a word is a changed capital or
  letter ("[t]he" matches "The"); a bracketed word or phrase standing alone is an
  interpolation, matching a few words of the source or none ("[Iran] is" matches "It
  is"; "They [the Lakota] were" matches "They were"), reported with what it replaced;
- "[sic]" (13.61) marks an error of the original: it is dropped before matching;
- case is compared folded, as verify does (13.18 lets the first letter change).

Results per quotation: verbatim; altered (the closest passage, its similarity and a word
diff); not-found (with any other entry whose excerpts hold it: a quotation pinned on the
wrong source); no-excerpt (the cited entries have none: `dossier excerpt` adds one); and,
with `check_online`, at-source (not in the excerpts but on the source's page).
The excerpts are indexed once (`ExcerptIndex`); every step is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

from dossiercli.links.textmatch import CHANGED_AT, Tokens, _find_from, closest, normalize
from dossiercli.model.entry import Entry

_NEGATIONS = {"not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "cannot", "without"}
STATUSES = ("verbatim", "altered", "not-found", "no-excerpt", "at-source")
NEGATION_WORDS = 3  # an omission this short that holds "not" likely turns the sense ("I … think"); longer ones seldom
FAR_WORDS = 60  # an ellipsis leaving out more words than this joins passages far apart (reported)
MATCH_BUDGET = 2_000  # searches one quotation may make in one excerpt (ellipses and brackets backtrack)
LONGEST_WORDS = 5_000  # a longer quotation is not compared word by word (difflib is quadratic at worst)


# -- what the finder reads ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation in a paragraph: [start, end) in its text, and the source keys it names."""

    start: int
    end: int
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote reference in a paragraph ([start, end), possibly empty) and its note's label."""

    start: int
    end: int
    label: str


@dataclass(slots=True)
class Paragraph:
    """One paragraph of plain text: markup already blanked out (length kept, so offsets hold)."""

    text: str
    offset: int = 0  # where text[0] stands in the source, for positions
    citations: Sequence[Citation] = ()
    notes: Sequence[NoteRef] = ()
    block: bool = False  # a block quotation: the whole paragraph is quoted


@dataclass(slots=True)
class Quotation:
    text: str  # the quoted words, between the marks
    start: int  # source offset of the opening mark (of the block)
    end: int  # source offset just after the closing mark
    keys: tuple[str, ...]  # the sources the citation names, as written
    how: str  # "citation" (right after), "sentence", "note", "block"
    note: str | None = None  # the footnote label, when a note attributes it


# -- finding ------------------------------------------------------------------------------------

_MARK = re.compile('["\u201c\u201d]')
_OPENING_BEFORE = set(" \t\n([{\u2014\u2013-/")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "maj", "col", "lt", "capt", "sgt", "adm", "gov", "sen", "rep", "st", "no",
    "vol", "p", "pp", "ed", "eds", "e.g", "i.e", "etc", "vs", "cf", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "co", "corp", "ltd", "jr", "sr", "u.s", "u.n", "chap",
}  # fmt: skip


def _pairs(text: str) -> list[tuple[int, int]]:
    """(opening, closing) indices of the double-mark quotations: one level (singles nest inside)."""
    return _marks(text)[0]


def _marks(text: str) -> tuple[list[tuple[int, int]], int]:
    """The quotations' (opening, closing) indices, and an opening mark left open at the end (or -1)."""
    out: list[tuple[int, int]] = []
    open_at, curly = -1, False
    for match in _MARK.finditer(text):
        i, ch = match.start(), match.group()
        if ch == "\u201c":
            open_at, curly = i, True  # a second opening mark: the first was never closed
        elif ch == "\u201d":
            if open_at >= 0:
                out.append((open_at, i))
            open_at = -1
        elif open_at >= 0 and (not curly or not _opens(text, i)):
            out.append((open_at, i))
            open_at = -1
        elif open_at < 0 and _opens(text, i):
            open_at, curly = i, False
    return out, open_at


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENING_BEFORE or not before.isalnum()) and not after.isspace() and before not in "\"'"


_SENTENCE = re.compile(r"[.!?]+([)\]\"'\u201d\u2019*_]*)(?:[ \t\n]+(\S)|\Z)")


def _sentence_ends(text: str, pairs: list[tuple[int, int]]) -> list[int]:
    """Offsets where a sentence has ended (just after its punctuation and closing marks): the punctuation
    followed by white space and a capital (or an opening mark or bracket), or by the paragraph's end."""
    opens = [p[0] for p in pairs]
    ends: list[int] = []
    for match in _SENTENCE.finditer(text):
        following = match.group(2)
        if following is not None and not (following.isupper() or following in '"\u201c\u2018(['):
            continue
        k, j = match.start(), match.start(1)
        inside = bisect.bisect_right(opens, k) - 1
        if inside >= 0 and pairs[inside][0] < k < pairs[inside][1] and j != pairs[inside][1]:
            continue  # punctuation inside a quotation ends no sentence of the writer's
        if text[j - 1] == "." and j - k == 1:
            word = text[max(0, k - 12) : k].split()[-1:] or [""]
            bare = word[0].lstrip("(\"'\u201c").lower()
            if len(bare) == 1 or bare in _ABBREVIATIONS or "." in bare:
                continue  # an initial or an abbreviation ("Maj. Gen. Rick Lynch", "U.S. forces")
        ends.append(match.end(1))
    return ends


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int
    keys: tuple[str, ...]
    note: str | None


def _items(paragraph: Paragraph, notes: Mapping[str, Sequence[Paragraph]]) -> list[_Item]:
    items = [_Item(c.start, c.end, c.keys, None) for c in paragraph.citations]
    for ref in paragraph.notes:
        keys = tuple(k for p in notes.get(ref.label, ()) for c in p.citations for k in c.keys)
        items.append(_Item(ref.start, ref.end, tuple(dict.fromkeys(keys)), ref.label))
    return sorted(items, key=lambda i: i.start)


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def find_quotations(paragraphs: Sequence[Paragraph], notes: Mapping[str, Sequence[Paragraph]] = {}) -> list[Quotation]:
    """Every attributed quotation of `paragraphs` (in order) and of the `notes` (label -> its paragraphs).

    Another route feeds it the same way: one `Paragraph` per paragraph of the body, its text
    plain (markup blanked out, length kept), `citations` where its citations stand (with the
    keys they name), `notes` where its footnote references stand (their labels keys of
    `notes`, whose paragraphs carry the note's citations), `block=True` for a block quotation.
    """
    out: list[Quotation] = []
    carry: tuple[int, str] | None = None  # a quotation running on from the paragraphs before (CMOS 13.31)
    for number, paragraph in enumerate(paragraphs):
        before = paragraphs[number - 1] if number else None
        after = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        found, carry = _in_paragraph(paragraph, notes, before, after, carry)
        out += found
    for label, note in notes.items():
        carry = None
        for paragraph in note:
            found, carry = _in_paragraph(paragraph, {}, None, None, carry)
            for quotation in found:
                quotation.note = quotation.note or label
                out.append(quotation)
    return out


def _in_paragraph(
    paragraph: Paragraph,
    notes: Mapping[str, Sequence[Paragraph]],
    before: Paragraph | None,
    after: Paragraph | None,
    carry: tuple[int, str] | None = None,
) -> tuple[list[Quotation], tuple[int, str] | None]:
    """The paragraph's attributed quotations, and the start and words of one it leaves open.

    A quotation of several paragraphs has an opening mark at the start of each and a closing
    mark only at the end of the last (CMOS 13.31): `carry` is what the paragraphs before
    hold of it, taken up when this paragraph starts with an opening mark.
    """
    items = _items(paragraph, notes)
    text = _blank(paragraph.text, ((i.start, i.end) for i in items))
    if paragraph.block:
        return _block(paragraph, text, items, notes, before, after), None
    pairs, left_open = _marks(text)
    first = len(text) - len(text.lstrip())
    continues = carry is not None and text[first : first + 1] in ('"', "\u201c")
    if continues and left_open == first and not pairs:
        return [], (carry[0], f"{carry[1]} {text[first + 1 :]}")  # type: ignore[index]
    ends = _sentence_ends(text, pairs) if pairs else []
    out = []
    for opening, closing in pairs:
        quoted = text[opening + 1 : closing]
        start = paragraph.offset + opening
        if continues and opening == first and carry is not None:
            quoted, start = f"{carry[1]} {quoted}", carry[0]
        if not any(ch.isalnum() for ch in quoted):
            continue
        found = _attribution(text, opening, closing, items, ends)
        if found is None:
            continue
        item, how = found
        out.append(
            Quotation(
                quoted,
                start,
                paragraph.offset + closing + 1,
                item.keys,
                "note" if item.note is not None else how,
                item.note,
            )
        )
    return out, (paragraph.offset + left_open, text[left_open + 1 :]) if left_open >= 0 else None


def _attribution(text: str, opening: int, closing: int, items: list[_Item], ends: list[int]):
    after = closing + 1
    starts = [i.start for i in items]
    boundary_at = bisect.bisect_left(ends, after)
    boundary = ends[boundary_at] if boundary_at < len(ends) else len(text) + 1
    following = [i for i in items[bisect.bisect_left(starts, after) :]]
    for position, item in enumerate(following):
        if item.start >= boundary:
            # the next sentence holds only citations ("… evidence. [See, @a; @b].")
            if position == 0 and item.keys and not text[boundary : item.start].strip():
                rest = text[item.end : item.end + 3].lstrip(" ")
                if not rest or rest[0] in ".;\n" or item.end == len(text):
                    return item, "sentence"
            break
        if item.keys:
            between = text[after : item.start]
            return item, "citation" if not between.strip(" \t\n,.;:!?(") else "sentence"
    inside = [i for i in items[bisect.bisect_left(starts, opening) : bisect.bisect_left(starts, closing)] if i.keys]
    if inside:
        return inside[-1], "citation"  # "…elements [@ap2007]": a citation just inside the closing mark
    start = ends[bisect.bisect_right(ends, opening) - 1] if bisect.bisect_right(ends, opening) else 0
    for item in reversed(items[: bisect.bisect_left(starts, opening)]):
        if item.start < start:
            break
        if item.keys and item.end <= opening:
            return item, "sentence"
    return None


def _block(paragraph, text, items, notes, before, after) -> list[Quotation]:
    first = len(text) - len(text.lstrip())
    quoted = text.strip()
    if not any(ch.isalnum() for ch in quoted):
        return []
    chosen = next((i for i in reversed(items) if i.keys), None)
    if chosen is None and before is not None and not before.block:
        lead = _blank(before.text, ((c.start, c.end) for c in before.citations))
        if lead.rstrip().endswith(":"):
            ends = _sentence_ends(lead, _pairs(lead))
            start = ends[-1] if ends and ends[-1] < len(lead.rstrip()) else 0
            lead_items = [i for i in _items(before, notes) if i.start >= start and i.keys]
            chosen = lead_items[-1] if lead_items else None
    if chosen is None and after is not None and not after.block:
        after_items = _items(after, notes)
        if (
            after_items
            and after_items[0].keys
            and not _blank(after.text, [(i.start, i.end) for i in after_items]).strip(" \t\n.;,()")
        ):
            chosen = after_items[0]
    if chosen is None:
        return []
    return [
        Quotation(
            quoted,
            paragraph.offset + first,
            paragraph.offset + len(text.rstrip()),
            chosen.keys,
            "block",
            chosen.note,
        )
    ]


# -- the Markdown route -------------------------------------------------------------------------

_BLOCK_LINE = re.compile(r"^ {0,3}>")
_BLOCK_MARKERS = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_TAG = re.compile(r"<[A-Za-z/!][^<>\n]{0,500}>")
_ESCAPE = re.compile(r"\\(.)")
_EMPHASIS = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])")
_LINK_TAIL = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")


def _blank_markdown(text: str, block: bool) -> str:
    """Markdown markup blanked out, lengths kept: code spans, tags, escapes, emphasis, link targets."""
    spaces = lambda m: " " * len(m.group())  # noqa: E731
    if block:
        text = _BLOCK_MARKERS.sub(spaces, text)
    if "`" in text:
        chars = list(text)
        run_start, run_length = -1, 0
        for match in re.finditer("`+", text):  # code spans: a run of backticks closed by a run as long
            if run_start < 0:
                run_start, run_length = match.start(), len(match.group())
            elif len(match.group()) == run_length:
                chars[run_start : match.end()] = " " * (match.end() - run_start)
                run_start = -1
        text = "".join(chars)
    if "<" in text:
        comment = text.find("<!--")
        while comment >= 0:
            close = text.find("-->", comment + 4)
            stop = len(text) if close < 0 else close + 3
            text = text[:comment] + " " * (stop - comment) + text[stop:]
            comment = text.find("<!--", stop)
        text = _TAG.sub(spaces, text)
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: "  " if m.group(1) in "\"'" else " " + m.group(1), text)
    if "](" in text:
        text = _LINK_TAIL.sub(spaces, text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(spaces, text)
    return text


def _regions(length: int, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, cursor = [], 0
    for start, end in sorted(protected):
        if start > cursor:
            out.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < length:
        out.append((cursor, length))
    return out


def _split(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Paragraphs of text[start:end]: (start, end, block quotation?)."""
    out: list[tuple[int, int, bool]] = []
    current: list = []  # [start, end, block]
    position = start
    for line in text[start:end].splitlines(keepends=True):
        line_end = position + len(line)
        if not line.strip() or (current and current[2] and _BLOCK_LINE.match(line) and not line.strip(" \t>\n")):
            if current and not (current[2] and line.strip()):
                out.append(tuple(current))  # type: ignore[arg-type]
                current = []
            position = line_end
            continue
        block = bool(_BLOCK_LINE.match(line))
        heading = bool(_HEADING.match(line))
        if current and (heading or (block and not current[2])):
            out.append(tuple(current))  # type: ignore[arg-type]
            current = []
        if not current:
            current = [position, line_end, block]
        else:
            current[1] = line_end  # a lazy line after a block quotation's line continues it
        if heading:
            out.append(tuple(current))  # type: ignore[arg-type]
            current = []
        position = line_end
    if current:
        out.append(tuple(current))  # type: ignore[arg-type]
    return out


def markdown_paragraphs(text: str, scanned=None) -> tuple[list[Paragraph], dict[str, list[Paragraph]]]:
    """The body's paragraphs and the notes' (own footnotes by label, inline notes as "^N") of a manuscript."""
    from dossiercli.manuscript.scan import Definition, Group, InlineNote, Ref, scan

    scanned = scanned if scanned is not None else scan(text)
    notes: dict[str, list[Paragraph]] = {}
    inline_count = 0

    def paragraphs_of(ranges: list[tuple[int, int]], items: list) -> list[Paragraph]:
        nonlocal inline_count
        starts = [item.start for item in items]
        out = []
        for region_start, region_end in ranges:
            for start, end, block in _split(text, region_start, region_end):
                citations, refs = [], []
                blanked: list[tuple[int, int]] = []
                for item in items[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
                    if isinstance(item, Group):
                        keys = tuple(c.key for c in item.cites)
                        citations.append(Citation(item.start - start, min(item.end, end) - start, keys))
                    elif isinstance(item, Ref):
                        refs.append(NoteRef(item.start - start, item.end - start, item.label))
                    elif isinstance(item, InlineNote):
                        inline_count += 1
                        label = f"^{inline_count}"
                        refs.append(NoteRef(item.start - start, min(item.end, end) - start, label))
                        notes[label] = paragraphs_of([(item.content_start, item.content_end)], item.items)
                body = _blank_markdown(text[start:end], block)
                if blanked:
                    body = _blank(body, blanked)
                out.append(Paragraph(body, start, citations, refs, block))
        return out

    protected = list(scanned.code) + list(scanned.removed)
    paragraphs = paragraphs_of(_regions(len(text), protected), scanned.items)
    definition: Definition
    for label, definition in scanned.definitions.items():
        inner = [(s, e) for s, e in scanned.code if definition.content_start <= s < definition.end]
        ranges = [
            (max(s, definition.content_start), min(e, definition.end))
            for s, e in _regions(len(text), inner)
            if e > definition.content_start and s < definition.end
        ]
        notes[label] = paragraphs_of(ranges, definition.items)
    return paragraphs, notes


def plain_paragraph(text: str, offset: int = 0, notes: Sequence[NoteRef] = (), block: bool = False) -> Paragraph:
    """A paragraph of plain text (a Word paragraph, a footnote's text) whose citations are written in
    pandoc's syntax (`[@id, 23]`, `@id says`): they are found by the manuscript's own scanner.

    `notes` are where the paragraph's footnote references stand (Word's are not text: the caller
    knows them); `offset` is whatever the caller maps back to a place (a paragraph's number times
    a stride, say).
    """
    from dossiercli.manuscript.scan import Group, _InlineScanner

    items = _InlineScanner(text, []).scan(0, len(text))
    citations = [Citation(i.start, i.end, tuple(c.key for c in i.cites)) for i in items if isinstance(i, Group)]
    return Paragraph(text, offset, citations, notes, block)


# -- matching -----------------------------------------------------------------------------------

_QUOTE_CHARS = re.compile("[\"'`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb]")
_EDITORIAL = re.compile(
    r"\[\s*(?:\u2026|\.(?:\s?\.){2})\s*\]"  # […] [...]
    r"|(?:\u2026|\.(?:\s?\.){2})(?:\s?\.)?"  # … ... . . . and . . . . (13.53)
    r"|\[([^\[\]\n]{1,200})\]"  # anything else in brackets
)
_SIC = re.compile(r"\s*sic!?\s*", re.I)
_EDGE = " ,.;:!?-"
_WORD_EDGE = "\"'.,;:!?()[]{}-\u2026"


def prepare(text: str) -> str:
    """`text` with its quotation marks blanked (apostrophes inside words kept); lengths kept."""
    return _QUOTE_CHARS.sub(
        lambda m: (
            m.group()
            if 0 < m.start() < len(m.string) - 1 and m.string[m.start() - 1].isalnum() and m.string[m.end()].isalnum()
            else " "
        ),
        text,
    )


def _normal(text: str) -> str:
    return normalize(prepare(text)).strip(_EDGE)


_PUNCT = ",.;:!?()"


def _tokens(text: str) -> Tokens:
    """verify's tokens, with punctuation before and after a word as tokens of its own.

    So "elements" meets "elements." as the same word and a period the quotation left out
    ("insurgents. But" quoted as "insurgents but") is one change of its own. The spans
    point into `text` itself: the passage and the diff show the original's own marks.
    """
    base = Tokens.of(prepare(text))
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for word, (start, end) in zip(base.words, base.spans, strict=True):
        core = word.strip(_PUNCT)
        if not core or core == word:
            words.append(word)
            spans.append((start, end))
            continue
        lead = len(word) - len(word.lstrip(_PUNCT))
        tail = len(word) - len(word.rstrip(_PUNCT))
        exact = end - start == len(word)  # an ASCII word: its characters are the original's
        for i in range(lead):
            words.append(word[i])
            spans.append((start + i, start + i + 1) if exact else (start, end))
        words.append(core)
        spans.append((start + lead, end - tail) if exact else (start, end))
        for i in range(len(word) - tail, len(word)):
            words.append(word[i])
            spans.append((start + i, start + i + 1) if exact else (start, end))
    return Tokens(words, spans, text)


@dataclass(slots=True)
class Gap:
    kind: str  # "ellipsis" or "bracket"
    written: str  # as the quotation has it: "…", "[Iran]"
    most: int | None  # the most words of the source it may stand for (None: any)


@dataclass(slots=True)
class Pattern:
    """A quotation as the Manual's conventions read it: pieces of the source's words, and gaps between."""

    pieces: list[str]  # normalised
    raw: list[str]  # each piece as written (brackets resolved, sic dropped)
    gaps: list[Gap]  # between pieces[i] and pieces[i + 1]
    lead: Gap | None = None  # an interpolation or ellipsis before the first piece
    trail: Gap | None = None
    remarks: list[str] = field(default_factory=list)  # conventions met: sic, changed capitals

    @property
    def plain(self) -> str:
        return " … ".join(self.raw)


def parse(quotation: str) -> Pattern:
    """The pieces and gaps of a quotation (CMOS 13.50–62), in one pass."""
    pieces: list[str] = []
    raw: list[str] = []
    gaps: list[Gap] = []
    remarks: list[str] = []
    lead: Gap | None = None
    current: list[str] = []
    pending: Gap | None = None

    def close(gap: Gap | None) -> None:
        nonlocal lead, pending
        text = "".join(current).strip()
        normal = _normal(text)
        current.clear()
        if normal:
            if pieces:
                gaps.append(pending or Gap("ellipsis", "…", None))
            elif pending is not None:
                lead = pending
            pieces.append(normal)
            raw.append(text.strip(_EDGE) or text)
            pending = gap
        elif gap is not None:
            if pending is None or (pending.kind == "bracket" and gap.kind == "ellipsis"):
                pending = gap if pending is None else Gap("ellipsis", pending.written + " " + gap.written, None)
            else:
                pending = Gap(pending.kind, f"{pending.written} {gap.written}", _add(pending.most, gap.most))

    cursor = 0
    for match in _EDITORIAL.finditer(quotation):
        current.append(quotation[cursor : match.start()])
        cursor = match.end()
        inside = match.group(1)
        if inside is None:
            close(Gap("ellipsis", match.group(), None))
            continue
        if _SIC.fullmatch(inside):
            remarks.append(f"{match.group()}: the source's own error, kept (CMOS 13.61)")
            continue
        before = quotation[match.start() - 1] if match.start() else " "
        after = quotation[match.end()] if match.end() < len(quotation) else " "
        if inside.isalpha() and len(inside) <= 3 and (before.isalpha() or after.isalpha()):
            current.append(inside)  # "[t]he": a changed capital or letter, part of the word
            if len(inside) == 1 and after.isalpha() and not before.isalpha():
                word = match.group() + re.match(r"\w*", quotation[match.end() :]).group()  # type: ignore[union-attr]
                remarks.append(f"{word}: a capital changed to fit the sentence (CMOS 13.18)")
            continue
        words = len(inside.split())
        close(Gap("bracket", match.group(), 2 * words + 2))
    current.append(quotation[cursor:])
    close(None)
    trail = pending
    return Pattern(pieces, raw, gaps, lead, trail, remarks)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


@dataclass(slots=True)
class Placed:
    spans: list[tuple[int, int]]  # where each piece stands in the haystack


def match(haystack: str, pattern: Pattern) -> Placed | None:
    """Where the pattern's pieces stand in `haystack` (normalised), in order, each gap within its bounds."""
    if not pattern.pieces:
        return None
    budget = [MATCH_BUDGET]

    def place(i: int, lo: int) -> list[tuple[int, int]] | None:
        piece = pattern.pieces[i]
        gap = pattern.gaps[i - 1] if i else None
        at = lo
        while budget[0] > 0:
            budget[0] -= 1
            found = _find_from(haystack, piece, at)
            if found < 0:
                return None
            if gap is not None and gap.most is not None and haystack.count(" ", lo, found) > gap.most + 1:
                return None  # later places stand farther still
            span = (found, found + len(piece))
            if i + 1 == len(pattern.pieces):
                return [span]
            rest = place(i + 1, span[1])
            if rest is not None:
                return [span, *rest]
            if gap is not None and gap.most is None and not any(g.most is not None for g in pattern.gaps[i:]):
                return None  # only ellipses follow: a later place cannot do better
            at = found + 1
        return None

    spans = place(0, 0)
    if spans is None:
        return None
    # an ellipsis leaves out as little as it can: each piece moves to its last place before the next
    for i in range(len(spans) - 2, -1, -1):
        if pattern.gaps[i].kind != "ellipsis" or (i and pattern.gaps[i - 1].kind != "ellipsis"):
            continue
        piece = pattern.pieces[i]
        while budget[0] > 0:
            budget[0] -= 1
            later = _find_from(haystack, piece, spans[i][0] + 1)
            if later < 0 or later + len(piece) > spans[i + 1][0]:
                break
            spans[i] = (later, later + len(piece))
    return Placed(spans)


def _between(haystack: str, end: int, start: int) -> str:
    return haystack[end:start].strip()


# -- the excerpts, indexed once ----------------------------------------------------------------


@dataclass(slots=True)
class _Excerpt:
    entry: Entry
    index: int  # 1-based, as in the entry file
    text: str
    normal: str
    _tokens: Tokens | None = None
    _where: dict[str, list[int]] | None = None

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = _tokens(self.text)
        return self._tokens

    def near(self, quoted: Tokens) -> Tokens:
        """The stretch of the excerpt where the quotation's words stand thickest (the whole when short).

        verify's `closest` reads every word of its page; an excerpt asked about many
        quotations is narrowed first, by the places its words vote for, to a window of the
        quotation's length and some slack on each side.
        """
        tokens = self.tokens
        n = len(quoted.words)
        slack = max(5, n // 5)
        if len(tokens.words) <= 3 * (n + 2 * slack):
            return tokens
        if self._where is None:
            self._where = {}
            for position, word in enumerate(tokens.words):
                self._where.setdefault(word, []).append(position)
        votes: dict[int, int] = {}
        for i, word in enumerate(quoted.words):
            for j in self._where.get(word, ())[:20]:  # a word the excerpt repeats votes little
                votes[j - i] = votes.get(j - i, 0) + 1
        if not votes:
            return tokens
        offset = max(votes, key=lambda k: (votes[k], -k))
        lo, hi = max(0, offset - 2 * slack), min(len(tokens.words), offset + n + 2 * slack)
        return Tokens(tokens.words[lo:hi], tokens.spans[lo:hi], tokens.text)


class ExcerptIndex:
    """Every entry's excerpts, normalised once; which entries hold a word, built when first asked."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self.by_id: dict[str, list[_Excerpt]] = {}
        for entry in self.entries:
            self.by_id[entry.id] = [
                _Excerpt(entry, n, x.text, normalize(prepare(x.text))) for n, x in enumerate(entry.excerpts, 1)
            ]
        self._runs: dict[str, set[str]] | None = None  # "three word run" -> entry ids, built on first need
        self._words: dict[str, set[str]] | None = None

    def excerpts(self, entry_id: str) -> list[_Excerpt]:
        return self.by_id.get(entry_id, [])

    def holders(self, pattern: Pattern, exclude: Iterable[str] = ()) -> list[str]:
        """Ids of the entries (other than `exclude`) one of whose excerpts holds the whole pattern.

        The candidates are the entries holding every run of three words of the pattern (every
        word, for a piece shorter than that), from the rarest run on; only they are matched.
        """
        long = [piece for piece in pattern.pieces if len(piece.split()) >= 3]
        keys = {key for piece in long or pattern.pieces for key in _keys(piece)}  # runs where there are any
        if not keys:
            return []
        candidates: set[str] | None = None
        for key in sorted(keys, key=lambda k: len(self._postings_for(k).get(k, ()))):
            found = self._postings_for(key).get(key, set())
            candidates = set(found) if candidates is None else candidates & found
            if len(candidates) <= 3:
                break
        skip = set(exclude)
        return [
            entry_id
            for entry_id in sorted(candidates or ())
            if entry_id not in skip and any(match(x.normal, pattern) for x in self.by_id[entry_id])
        ]

    def _postings_for(self, key: str) -> dict[str, set[str]]:
        """The entries holding each run of three words (a key with spaces) or each word, built when first asked."""
        runs = " " in key
        if (self._runs if runs else self._words) is None:
            postings: dict[str, set[str]] = {}
            for entry_id, excerpts in self.by_id.items():
                for excerpt in excerpts:
                    words = _words(excerpt.normal)
                    for item in _runs(words) if runs else words:
                        postings.setdefault(item, set()).add(entry_id)
            if runs:
                self._runs = postings
            else:
                self._words = postings
        return (self._runs if runs else self._words) or {}


def _words(normal: str) -> list[str]:
    return [w for w in (w.strip(_WORD_EDGE) for w in normal.split()) if w]


def _runs(words: list[str]) -> list[str]:
    return [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)]


def _keys(normal: str) -> list[str]:
    """What a piece is looked up by: its runs of three words, or its words when it has fewer."""
    words = _words(normal)
    return _runs(words) or words


# -- results ------------------------------------------------------------------------------------


@dataclass(slots=True)
class OnlineCheck:
    """What the source's page (or its archived copy) said of a quotation not in the excerpts."""

    entry: str
    url: str
    where: str  # "live" or "archive"
    found: bool
    similarity: float | None = None
    passage: str = ""  # the page's own words: the quotation there, or the closest passage
    diff: str = ""
    context: str = ""  # the page's sentence(s) around it: what --add-excerpts adds
    detail: str = ""  # why a page could not be read


@dataclass(slots=True)
class QuoteCheck:
    quotation: Quotation
    status: str  # one of STATUSES
    sources: tuple[str, ...]  # the entries the citation names (resolved ids)
    entry: str | None = None  # the entry whose excerpt holds it (or the closest passage)
    excerpt: int | None = None  # that excerpt's number, 1-based
    similarity: float | None = None
    passage: str = ""  # the closest passage, in the excerpt's own words
    diff: str = ""  # from the quotation to that passage: [-quoted-]{+source+}
    remarks: list[str] = field(default_factory=list)  # conventions met; a far ellipsis
    far_ellipsis: bool = False
    dropped_negation: bool = False  # an ellipsis or interpolation leaves out "not", "never", "no"…: the sense may turn
    elsewhere: list[str] = field(default_factory=list)  # other entries whose excerpts hold it
    unchecked: list[str] = field(default_factory=list)  # cited entries without excerpts
    online: list[OnlineCheck] = field(default_factory=list)
    line: int = 0
    column: int = 0

    def to_data(self) -> dict:
        data = asdict(self)
        quotation = data.pop("quotation")
        return {
            "line": self.line,
            "column": self.column,
            "text": quotation["text"].strip(),
            "how": quotation["how"],
            "note": quotation["note"],
            **{k: v for k, v in data.items() if k not in ("line", "column")},
        }


def check(
    quotations: Sequence[Quotation], lookup: Callable[[str], Entry | None], index: ExcerptIndex
) -> list[QuoteCheck]:
    """Each quotation against the excerpts of the entries its citation names (unknown keys are left out)."""
    out = []
    for quotation in quotations:
        entries: dict[str, Entry] = {}  # by id: an Entry hashes all its fields
        for key in quotation.keys:
            entry = lookup(key)
            if entry is not None:
                entries.setdefault(entry.id, entry)
        if entries:
            out.append(_check_one(quotation, list(entries.values()), index))
    return out


def _check_one(quotation: Quotation, entries: list[Entry], index: ExcerptIndex) -> QuoteCheck:
    pattern = parse(quotation.text)
    sources = tuple(e.id for e in entries)
    result = QuoteCheck(quotation, "verbatim", sources, remarks=list(pattern.remarks))
    result.unchecked = [e.id for e in entries if not e.excerpts]
    excerpts = [x for e in entries for x in index.excerpts(e.id)]
    if not pattern.pieces:
        result.status = "no-excerpt" if not excerpts else "verbatim"
        return result
    for excerpt in excerpts:
        placed = match(excerpt.normal, pattern)
        if placed is not None:
            result.entry, result.excerpt = excerpt.entry.id, excerpt.index
            _describe(result, pattern, excerpt.normal, placed)
            return result
    for entry in entries:  # an ellipsis may join two excerpts of one source
        joined = [x for x in index.excerpts(entry.id)]
        if len(pattern.pieces) > 1 and len(joined) > 1:
            haystack = " \u00b6 ".join(x.normal for x in joined)
            placed = match(haystack, pattern)
            if placed is not None:
                result.entry = entry.id
                _describe(result, pattern, haystack, placed)
                result.far_ellipsis = True
                result.remarks.append("an ellipsis joins two different excerpts of the source")
                return result
    if excerpts:
        _closest(result, pattern, excerpts)
    altered = result.similarity is not None and result.similarity >= CHANGED_AT
    if altered:
        result.status = "altered"
    else:
        result.status = "no-excerpt" if result.unchecked else "not-found"
    result.elsewhere = index.holders(pattern, exclude=sources)  # word for word in another source?
    return result


def _describe(result: QuoteCheck, pattern: Pattern, haystack: str, placed: Placed) -> None:
    spans = placed.spans
    if pattern.lead is not None and pattern.lead.kind == "bracket":
        result.remarks.append(f"{pattern.lead.written}: an interpolation (CMOS 13.60)")
    for number, (gap, (_, end), (start, _)) in enumerate(zip(pattern.gaps, spans, spans[1:], strict=False)):
        between = _between(haystack, end, start)
        omitted = _words(between)
        negations = [w for w in omitted if w in _NEGATIONS or w.endswith("n't")]
        if negations and len(omitted) <= NEGATION_WORDS:
            result.dropped_negation = True
            named = ", ".join(f"“{w}”" for w in dict.fromkeys(negations))
            result.remarks.append(
                f"{gap.written} leaves out {named}: does the quotation still say what the source says? (CMOS 13.50)"
            )
        if gap.kind == "bracket":
            stood = f"stands for “{between}”" if between else "is an addition"
            result.remarks.append(f"{gap.written}: an interpolation; it {stood} (CMOS 13.60)")
            continue
        words = len(between.split())
        if "\u00b6" in between or words > FAR_WORDS:
            result.far_ellipsis = True
            piece = pattern.raw[number]
            after = " ".join(piece.split()[-3:])
            result.remarks.append(
                f"the ellipsis after “{after}” leaves out {words} words of the source: "
                "it joins passages far apart (CMOS 13.50)"
            )
    if pattern.trail is not None and pattern.trail.kind == "bracket":
        result.remarks.append(f"{pattern.trail.written}: an interpolation (CMOS 13.60)")


def _closest(result: QuoteCheck, pattern: Pattern, excerpts: list[_Excerpt]) -> None:
    """The closest passage: of the whole quotation, or of each piece of an elided one that is not there."""
    pieces = list(range(len(pattern.pieces)))
    if len(pieces) > 1:
        missing = [i for i in pieces if not any(_find_from(x.normal, pattern.pieces[i], 0) >= 0 for x in excerpts)]
        if not missing:
            result.similarity = CHANGED_AT  # every piece is there, but not in this order or within the brackets
            result.entry, result.excerpt = excerpts[0].entry.id, excerpts[0].index
            result.remarks.append("every part is in the source, but not in this order (or not this near)")
            return
        pieces = missing
    worst = None
    diffs = []
    for i in pieces:
        text = pattern.raw[i] if len(pattern.pieces) > 1 else pattern.plain
        quoted = _tokens(text)
        if len(quoted.words) > LONGEST_WORDS:
            result.remarks.append(f"{len(quoted.words):,} words: too long to compare word by word")
            return
        best = None
        for excerpt in excerpts:
            if len(quoted.words) > 2 * len(excerpt.tokens.words) + 20:
                continue  # far longer than the excerpt: no alteration of it
            near = closest(excerpt.near(quoted), quoted)
            if near is not None and (best is None or near.similarity > best[0].similarity):
                best = (near, excerpt)
        if best is None:
            result.similarity = None if worst is None else worst
            return
        near, excerpt = best
        diffs.append(near.diff)
        if worst is None or near.similarity < worst:
            worst = near.similarity
            result.entry, result.excerpt, result.passage = (
                excerpt.entry.id,
                excerpt.index,
                " ".join(near.passage.split()),
            )
    result.similarity = worst
    result.diff = " | ".join(" ".join(d.split()) for d in diffs if d)  # one line, as a report prints it


# -- the Markdown manuscript, all in one ----------------------------------------------------------


def check_markdown(text: str, entries: Sequence[Entry], lookup: Callable[[str], Entry | None]) -> list[QuoteCheck]:
    """Every attributed quotation of a Markdown manuscript, checked; each with its line and column."""
    from dossiercli.manuscript.scan import scan

    scanned = scan(text)
    paragraphs, notes = markdown_paragraphs(text, scanned)
    checks = check(find_quotations(paragraphs, notes), lookup, ExcerptIndex(entries))
    for item in checks:
        item.line, item.column = scanned.position(item.quotation.start)
    checks.sort(key=lambda c: (c.line, c.column))
    return checks


def counts(checks: Iterable[QuoteCheck]) -> dict[str, int]:
    out = dict.fromkeys(STATUSES, 0)
    for item in checks:
        out[item.status] += 1
    return out


# -- online: the source's page, through verify's fetcher and matcher ---------------------------------

ONLINE = ("altered", "not-found", "no-excerpt")  # the results worth a look at the source's page
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)")
CONTEXT_LIMIT = 2_000  # characters of a page's text kept as the excerpt to add


class _PageText:
    """A fetched page's text, normalised once as the quotations are (its tokens when first needed)."""

    def __init__(self, page) -> None:
        self.page = page
        self.text: str = page.text.text
        self.normal = normalize(prepare(self.text))
        self._tokens: Tokens | None = None

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = _tokens(self.text)
        return self._tokens


def check_online(checks: Sequence[QuoteCheck], entries: Mapping[str, Entry], options, on_done=None) -> None:
    """Look for each quotation not in the excerpts at its sources' pages (then their archived copies).

    The pages are fetched by `dossier verify`'s fetcher (links/verify.py: the link checker's
    limits, timeouts, retries, private-address guard and size bounds; a Wayback copy asked
    for raw). A quotation found there becomes "at-source", with the page's sentence around
    it (`OnlineCheck.context`) for `dossier excerpt` or --add-excerpts; one not found keeps
    its result, with what the page holds closest.
    """
    from dossiercli.links.verify import _fetch

    wanted = [c for c in checks if c.status in ONLINE]
    sources = {i: entries[i] for c in wanted for i in c.sources if i in entries}
    live = {e.url for e in sources.values() if e.url}
    texts: dict[str, _PageText | str] = {}

    def read(urls: Iterable[str]) -> None:
        for url, page in _fetch(sorted(urls), options, on_done).items():
            info = page.info(url)
            texts[url] = _PageText(page) if info.readable and page.text.text.strip() else _why(info)

    read(live)
    later = set()
    for item in wanted:
        for entry_id in item.sources:
            entry = sources.get(entry_id)
            if entry is None:
                continue
            if entry.url:
                _look(item, entry, entry.url, "live", texts.get(entry.url))
            if item.status != "at-source" and entry.archive_url:
                later.add(entry.archive_url)
    read(later - set(texts))
    for item in wanted:
        if item.status == "at-source":
            continue
        for entry_id in item.sources:
            entry = sources.get(entry_id)
            if entry is not None and entry.archive_url and item.status != "at-source":
                _look(item, entry, entry.archive_url, "archive", texts.get(entry.archive_url))


def _why(info) -> str:
    return f"{info.status}" + (f" {info.code}" if info.code else "") + (f": {info.detail}" if info.detail else "")


def _look(item: QuoteCheck, entry: Entry, url: str, where: str, page: _PageText | str | None) -> None:
    if page is None:
        return
    if isinstance(page, str):
        item.online.append(OnlineCheck(entry.id, url, where, False, detail=page))
        return
    pattern = parse(item.quotation.text)
    placed = match(page.normal, pattern) if pattern.pieces else None
    quoted = _tokens(pattern.plain) if pattern.pieces else None
    near = closest(page.tokens, quoted) if quoted and len(quoted.words) <= LONGEST_WORDS else None
    if placed is not None:
        passage = near.passage if near is not None else ""
        item.online.append(OnlineCheck(entry.id, url, where, True, 1.0, passage, "", _context(page.text, passage)))
        item.status = "at-source"
        return
    check = OnlineCheck(entry.id, url, where, False)
    if near is not None:
        check.similarity, check.passage, check.diff = near.similarity, near.passage, " ".join(near.diff.split())
    item.online.append(check)


def _context(text: str, passage: str) -> str:
    """The page's sentence(s) around `passage`: from the end of the sentence before to the end of its own."""
    at = text.find(passage) if passage else -1
    if at < 0:
        return passage
    start = max(text.rfind("\n", max(0, at - CONTEXT_LIMIT), at) + 1, max(0, at - CONTEXT_LIMIT))
    for end_before in _SENTENCE_END.finditer(text, start, at):
        start = end_before.end()
    stop = at + len(passage)
    after = _SENTENCE_END.search(text, max(stop - 1, at), min(len(text), stop + CONTEXT_LIMIT))
    newline = text.find("\n", stop)
    end = after.end() if after else min(len(text), stop + CONTEXT_LIMIT)
    if 0 <= newline < end:
        end = newline
    return text[start:end].strip()[: CONTEXT_LIMIT * 2]


def excerpts_to_add(checks: Iterable[QuoteCheck]) -> list[tuple[str, str, str]]:
    """(entry id, passage, highlight) for each quotation found at a source's page: once per passage."""
    out: dict[tuple[str, str], str] = {}
    for item in checks:
        for online in item.online:
            if online.found and online.context:
                out.setdefault((online.entry, online.context), online.passage)
    return [(entry, context, highlight) for (entry, context), highlight in out.items()]


# -- the Word route: a .docx's paragraphs and footnotes -----------------------------------------------

_BLOCK_STYLES = {"quote", "intensequote", "blocktext", "blockquote", "blockquotation"}
_STRIDE = 1 << 32  # a Word paragraph's offsets: its number times this, plus the character
_NOTES = 1 << 20  # footnotes' paragraphs are numbered from here, 1,024 to a note


def check_docx(
    data: bytes, name: str, entries: Sequence[Entry], lookup: Callable[[str], Entry | None]
) -> list[QuoteCheck]:
    """Every attributed quotation of a Word document (citations typed in pandoc's syntax), checked.

    The story's paragraphs and the footnotes are read as the Word route reads them
    (manuscript/word.py: tracked deletions and text boxes left out, a footnote reference
    where Word has one); a paragraph in a quotation style (Quote, Intense Quote, Block Text)
    is a block quotation. A result's `line` is the paragraph's number in the story (a
    footnote's quotation: the footnote's number) and its `column` the character in it.
    """
    from dossiercli.manuscript import ooxml
    from dossiercli.manuscript.word import story_paragraphs

    package = ooxml.Package(data, name)
    paragraphs = [
        _word_paragraph(p, number * _STRIDE) for number, p in enumerate(story_paragraphs(package.xml(package.main)))
    ]
    notes: dict[str, list[Paragraph]] = {}
    notes_part = package.related_one(package.main, ooxml.REL_FOOTNOTES)
    if notes_part:
        for note in package.xml(notes_part).iter(ooxml.w("footnote")):
            note_id = note.get(ooxml.w("id"))
            if note_id is None or note.get(ooxml.w("type")) not in (None, "normal"):
                continue  # the separators
            base = _NOTES + len(notes) * 1024  # the footnote's paragraphs, numbered after the story's
            notes[note_id] = [_word_paragraph(p, (base + j) * _STRIDE) for j, p in enumerate(story_paragraphs(note))]
    checks = check(find_quotations(paragraphs, notes), lookup, ExcerptIndex(entries))
    for item in checks:
        number, column = divmod(item.quotation.start, _STRIDE)
        item.line = (number - _NOTES) // 1024 + 1 if number >= _NOTES else number + 1  # a footnote: its number
        item.column = column + 1
    checks.sort(key=lambda c: c.quotation.start)
    return checks


def _word_paragraph(paragraph, offset: int) -> Paragraph:
    refs = [
        NoteRef(p.start, p.end, str(p.note_id)) for p in paragraph.pieces if p.kind == "note" and p.note_id is not None
    ]
    style = paragraph.element.find(f"{_W}pPr/{_W}pStyle")
    name = (style.get(f"{_W}val") if style is not None else "") or ""
    text = paragraph.unprotected.replace("\ufffc", " ").replace("\ufff9", " ")  # objects and note marks: no words
    return plain_paragraph(text, offset, refs, block=name.replace(" ", "").lower() in _BLOCK_STYLES)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
