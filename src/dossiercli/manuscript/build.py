"""A manuscript and a dossier -> the manuscript with its notes, ready for any target.

`build` scans the Markdown (scan.py), resolves every key (resolve.py), sequences the
citations in reading order (notes.py) and returns a `Built`: the writer's text with
every citation and footnote reference replaced by a placeholder, the notes in number
order, and the works cited. The targets (targets.py) only turn placeholders into
their markup. Problems (unknown or ambiguous keys, malformed citations, footnotes
without definitions) are all collected, each with its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from dossiercli.chicago.notes import Style
from dossiercli.chicago.richtext import Rich
from dossiercli.chicago.sequence import bibliography as chicago_bibliography
from dossiercli.manuscript.notes import (
    Placed,
    Sequencer,
    author_in_text,
    compose,
    inline_text,
    note_text,
)
from dossiercli.manuscript.scan import Definition, Group, InlineNote, Ref, Scan, scan
from dossiercli.model.entry import Entry
from dossiercli.resolve import Resolution, Resolver

# Placeholders in the body: private-use characters no writer types and no Markdown parser touches.
NOTE_OPEN, NOTE_CLOSE, INLINE_OPEN, INLINE_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
PLACEHOLDER = re.compile("\ue000(\\d+)\ue001|\ue002(\\d+)\ue003")


def note_mark(number: int) -> str:
    return f"{NOTE_OPEN}{number}{NOTE_CLOSE}"


def inline_mark(index: int) -> str:
    return f"{INLINE_OPEN}{index}{INLINE_CLOSE}"


@dataclass(frozen=True, slots=True)
class Options:
    style: Style = Style()
    ibid: bool = False
    short_only: bool = False  # every note short, first citations included (CMOS 18 shortened notes)


def options_for(settings) -> Options:
    """The options a dossier's Chicago settings (`chicago.settings.ChicagoSettings`) ask for."""
    return Options(settings.style, settings.mode.ibid, settings.mode.short_only)


@dataclass(frozen=True, slots=True)
class Finding:
    line: int
    column: int
    message: str
    warning: bool = False

    def format(self, path: str) -> str:
        return f"{path}:{self.line}:{self.column}: {'warning: ' if self.warning else ''}{self.message}"


@dataclass(slots=True)
class Note:
    number: int
    generated: Rich | None = None  # a note made from a citation
    own: str | None = None  # a writer's footnote: Markdown with inline placeholders
    label: str | None = None  # the writer's label ("i", "1", "note")
    positions: tuple[str, ...] = ()  # of a generated note's citations: "first", "subsequent", … (for --explain)


@dataclass(slots=True)
class Built:
    body: str  # the writer's Markdown with placeholders
    notes: list[Note]
    inline: list[Rich]  # the text of each inline placeholder
    cited: list[Entry]  # works cited, in order of first citation
    findings: list[Finding]
    title: str | None = None  # the front matter's title or the first level-1 heading
    positions: list[str] = field(default_factory=list)
    front_matter: str = ""  # pandoc's YAML metadata block, kept in Markdown, left out of the other targets
    front_title: str | None = None  # its title, which the other targets print as the document's title
    uncited: list[Entry] = field(default_factory=list)  # named by `nocite` (pandoc's), for the bibliography only
    front_authors: list[str] = field(default_factory=list)  # its `author:` (one or a list), printed under the title
    inline_positions: dict[int, tuple[str, ...]] = field(default_factory=dict)  # inline citations' positions

    @property
    def document_body(self) -> str:
        """The body without its front matter: what the LaTeX, HTML and RTF targets write."""
        return self.body[len(self.front_matter) :]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if not f.warning]

    def bibliography(self, style: Style = Style(), dash: bool = False) -> list[Rich]:
        """The works cited (and those the front matter's `nocite` names), sorted as CMOS 14.66 says;
        with `dash`, a repeated author becomes a 3-em dash (14.67)."""
        works = {entry.id: entry for entry in (*self.cited, *self.uncited)}
        return [text for _, text in chicago_bibliography(list(works.values()), style, dash=dash)]


_NOCITE = re.compile(r"^nocite:(.*(?:\n[ \t]+.*)*)", re.MULTILINE)
_NOCITE_KEY = re.compile(r"(?<![\w@])@(\*|\w+(?:[:.#$%&\-+?<>~/]+\w+)*)")
_MOVABLE = re.compile(r"[.,;:!?]+")  # note numbers follow these marks (CMOS 14.26)
_CLOSING_QUOTES = ('"', "\u201d")  # not ’ or ', which also end possessives ("Jones’")


class _Builder:
    def __init__(self, text: str, resolver: Resolver, options: Options, skipped: frozenset[str] = frozenset()):
        self.text = text
        self.resolver = resolver
        self.skipped = skipped  # ids of entry files left out because they are invalid
        self.options = options
        self.scan: Scan = scan(text)
        self.sequencer = Sequencer(options.style, options.ibid, options.short_only)
        self.findings: list[Finding] = [self._finding(p.offset, p.message, p.warning) for p in self.scan.problems]
        self.notes: list[Note] = []
        self.inline: list[Rich] = []
        self.cited: dict[str, Entry] = {}
        self.numbered: dict[str, int] = {}  # footnote label -> number
        self.inline_positions: dict[int, tuple[str, ...]] = {}

    def _finding(self, offset: int, message: str, warning: bool = False) -> Finding:
        line, column = self.scan.position(offset)
        return Finding(line, column, message, warning)

    # -- resolving ----------------------------------------------------------------------------------

    def _placed(self, group: Group) -> list[Placed] | None:
        placed, ok = [], True
        for cite, offset in zip(group.cites, group.key_offsets, strict=True):
            resolution = self.resolver.lookup(cite.key)
            if group.in_text and resolution.how == "prefix" and not any(ch.isdigit() for ch in cite.key):
                # A bare "@ap" in a sentence is more likely a handle than a citation: a prefix in running
                # text must reach the year ("@reid2007"); in brackets any unique prefix will do.
                resolution = Resolution(None, suggestions=(resolution.entry.id,) if resolution.entry else ())
            if resolution.entry is None:
                bare_unknown = group.in_text and not resolution.candidates
                message = self.resolver.message(cite.key, resolution)
                if cite.key in self.skipped:
                    message = f"source {cite.key!r} is skipped because its file is invalid (run `dossier validate`)"
                    bare_unknown = False
                if bare_unknown:
                    message += "; left as text (write \\@ if it is not a citation)"
                self.findings.append(self._finding(offset, message, warning=bare_unknown))
                ok = False
                continue
            placed.append(Placed(cite, resolution.entry))
            self.cited.setdefault(resolution.entry.id, resolution.entry)
        return placed if ok else None

    # -- the body -----------------------------------------------------------------------------------

    def build(self) -> Built:
        edits: list[tuple[int, int, str]] = []
        for item in self.scan.items:
            if isinstance(item, Group):
                edits += self._body_group(item)
            elif isinstance(item, Ref):
                edits.append((item.start, item.end, self._reference(item)))
            elif isinstance(item, InlineNote):
                number = self._next_number()
                markdown = self._own_text(item.content_start, item.content_end, item.items)
                self.notes.append(Note(number, own=markdown))
                edits.append((item.start, item.end, note_mark(number)))
        for label, definition in self.scan.definitions.items():
            if label not in self.numbered:
                self.findings.append(
                    self._finding(definition.start, f"footnote [^{label}] is never referenced; left out", True)
                )
        for start, end in self.scan.removed:
            edits.append((start, _after_blank_lines(self.text, start, end), ""))
        body = _apply(self.text, edits)
        body = body.rstrip() + "\n" if body.strip() else ""
        front = self.scan.front_matter
        declared = re.search(r"^title:[ \t]*(['\"]?)(.+?)\1[ \t]*$", front, re.MULTILINE)
        heading = re.search(r"^# +(.+?)\s*#*\s*$", body[len(front) :], re.MULTILINE)
        title = declared.group(2) if declared else PLACEHOLDER.sub("", heading.group(1)).strip() if heading else None
        self.notes.sort(key=lambda n: n.number)
        uncited = self._nocite(front)
        self.findings.sort(key=lambda f: (f.line, f.column))
        return Built(
            body,
            self.notes,
            self.inline,
            list(self.cited.values()),
            self.findings,
            title,
            self.sequencer.positions,
            front,
            declared.group(2) if declared else None,
            uncited,
            front_authors(front),
            self.inline_positions,
        )

    def _nocite(self, front: str) -> list[Entry]:
        """Works the front matter's `nocite` puts in the bibliography without a citation (`@*`: all)."""
        field_match = _NOCITE.search(front)
        if field_match is None:
            return []
        out = []
        for key in _NOCITE_KEY.finditer(field_match.group(1)):
            if key.group(1) == "*":
                return self.resolver.entries
            resolution = self.resolver.lookup(key.group(1))
            if resolution.entry is None:
                offset = field_match.start(1) + key.start(1)
                self.findings.append(
                    self._finding(offset, "nocite: " + self.resolver.message(key.group(1), resolution))
                )
            else:
                out.append(resolution.entry)
        return out

    def _next_number(self) -> int:
        return len(self.notes) + 1  # notes are appended as they are numbered

    def _body_group(self, group: Group) -> list[tuple[int, int, str]]:
        placed = self._placed(group)
        if placed is None:
            return []
        number = self._next_number()
        if group.in_text:
            # "@id says": the sentence names the author, so the note leaves them out (as pandoc does).
            placed = [replace(p, cite=replace(p.cite, suppress_author=True)) for p in placed]
        unit_bodies = self.sequencer.bodies(placed)
        positions = tuple(position for position, _ in unit_bodies)
        self.notes.append(Note(number, generated=note_text(compose(placed, unit_bodies)), positions=positions))
        if group.in_text:
            first = unit_bodies[0][0] == "first"
            self.inline.append(author_in_text(placed[0].entry, first, self.options.style))
            author = inline_mark(len(self.inline) - 1)
            punctuation = _MOVABLE.match(self.text, group.end)
            end = punctuation.end() if punctuation else group.end
            return [(group.start, end, author + (punctuation.group() if punctuation else "") + note_mark(number))]
        # The note number goes after the punctuation that follows, and the space before goes (CMOS 14.26).
        line, column = self.scan.position(group.start)
        start = _joined_start(self.text, group.start, group.start - column + 1)
        punctuation = _MOVABLE.match(self.text, group.end)
        if punctuation:
            marks = punctuation.group()
            if marks in (".", ",") and start > 0 and self.text[start - 1] in _CLOSING_QUOTES:
                # "…elements" [@a]. -> "…elements."[^1]: the period inside the quotation marks, a single
                # one closing there too (CMOS 6.9: "…told me 'no.'"); after a quotation's own ? or ! the
                # period goes, as that mark ends the sentence ("He asked "why?"[^1]", 6.119).
                quotes_start = _closing_quotes_start(self.text, start - 1)
                if marks == "." and self.text[quotes_start - 1 : quotes_start] in ("?", "!"):
                    marks = ""
                quotes = self.text[quotes_start:start]
                return [(quotes_start, punctuation.end(), marks + quotes + note_mark(number))]
            return [(start, punctuation.end(), marks + note_mark(number))]
        return [(start, group.end, note_mark(number))]

    def _reference(self, ref: Ref) -> str:
        if ref.label in self.numbered:
            return note_mark(self.numbered[ref.label])
        definition = self.scan.definitions.get(ref.label)
        if definition is None:
            self.findings.append(
                self._finding(ref.start, f"footnote [^{ref.label}] has no definition ([^{ref.label}]: …)")
            )
            return self.text[ref.start : ref.end]
        number = self._next_number()
        self.numbered[ref.label] = number
        note = Note(number, label=ref.label)
        self.notes.append(note)
        note.own = self._definition_text(definition)
        return note_mark(number)

    # -- a writer's own notes -----------------------------------------------------------------------

    def _definition_text(self, definition: Definition) -> str:
        markdown = self._own_text(definition.content_start, definition.end, definition.items)
        first, _, rest = markdown.partition("\n")
        lines = [_dedent(line) for line in rest.split("\n")] if rest else []
        return "\n".join([first, *lines]).strip("\n")

    def _own_text(self, start: int, end: int, items: list) -> str:
        """The note's Markdown with its citations set inline; without citations the run of notes breaks."""
        edits = []
        self.sequencer.begin_note()
        for item in items:
            if isinstance(item, Group):
                placed = self._placed(item)
                if placed is None:
                    continue
                unit_bodies = self.sequencer.bodies(placed)
                following = self.text[item.end : item.end + 1]
                absorb = following if following in (".", ",") else ""
                self.inline.append(inline_text(compose(placed, unit_bodies), absorb))
                self.inline_positions[len(self.inline) - 1] = tuple(position for position, _ in unit_bodies)
                edits.append((item.start, item.end + len(absorb), inline_mark(len(self.inline) - 1)))
            else:
                self.findings.append(self._finding(item.start, "a footnote cannot hold another footnote"))
        self.sequencer.end_note()
        if not edits:
            return self.text[start:end]
        return _apply(self.text[start:end], [(s - start, e - start, r) for s, e, r in edits])


_OPENING_DOUBLE = re.compile(r'(?:^|(?<=[\s(\[{—–-]))"|“')
_OPENING_SINGLE = re.compile(
    r"(?:^|(?<=[\s(\[{—–\"“-]))['‘](?!(?:tis|twas|em|til|cause|round|n|\d\ds?)(?![A-Za-z]))(?=\w)"
)
_CLOSING_SINGLE = re.compile(r"(?<=[\w.,!?])['’](?!\w)")


def _closing_quotes_start(text: str, quote: int) -> int:
    """Where the run of closing quotation marks that ends at the double one at `quote` starts: a single
    mark before it is a closing quotation mark when a single quotation is open inside the double one
    ("…told me 'no'"), not when it is an apostrophe ("…the officials'")."""
    window = max(0, quote - 2000)
    openings = [match.end() for match in _OPENING_DOUBLE.finditer(text, window, quote)]
    inside = text[openings[-1] if openings else window : quote]
    start = quote
    open_singles = len(_OPENING_SINGLE.findall(inside)) - len(_CLOSING_SINGLE.findall(inside[:-1]))
    if open_singles > 0 and start > 0 and text[start - 1] in "'’":
        start -= 1
    return start


_SPACE_BEFORE = re.compile(r"[ \t]*(?:\n[ \t]*)?\Z")
_QUOTE_MARKERS = re.compile(r"[ \t]*(?:>[ \t]*)+")
_MARKER_ONLY = re.compile(r"(?:^|\n)[ \t]*(?:[-+*]|\d{1,9}[.)]|>|#{1,6})?\Z")


def _joined_start(text: str, start: int, line_start: int) -> int:
    """Where a note reference replacing a citation starts: the white space before it goes (one line
    break too: "prefix\n[@a]" -> "prefix[^1]"), unless only a list, quote or heading marker precedes."""
    if line_start and _QUOTE_MARKERS.fullmatch(text, line_start, start):
        # "> text\n> [@a]." -> "> text.[^1]": a block quote's own line goes when the line above has text.
        above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
        if _QUOTE_MARKERS.fullmatch(above) is None and above.strip():
            return line_start - 1 - (len(above) - len(above.rstrip()))
        return start
    space = _SPACE_BEFORE.search(text, max(0, start - 200), start)
    if space is None or space.start() == start:
        return start
    if _MARKER_ONLY.search(text, max(0, space.start() - 200), space.start()):
        return start
    return space.start()


_AUTHOR = re.compile(r"^author:[ \t]*(.*)$((?:\n(?:[ \t]+.*|-.*|[ \t]*))*)", re.MULTILINE)


def front_authors(front: str) -> list[str]:
    """The authors in pandoc's YAML front matter, in the forms pandoc's manual shows: `author: Jane Doe`,
    `author: [Jane Doe, John Roe]`, a block list (`- Jane Doe`), or a list of maps (`- name: Jane Doe`)."""
    found = _AUTHOR.search(front)
    if found is None:
        return []
    inline, block = found.group(1).strip(), found.group(2)
    if inline.startswith("[") and inline.endswith("]"):
        return [
            _yaml_scalar(item)
            for item in re.split(r",(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", inline[1:-1])
            if item.strip()
        ]
    if inline and inline not in ("|", ">"):
        return [_yaml_scalar(inline)]
    names = []
    for line in block.split("\n"):
        item = re.match(r"[ \t]*-[ \t]+(?:name:[ \t]*)?(.+)$", line) or re.match(r"[ \t]+name:[ \t]*(.+)$", line)
        if item and not re.match(r"[\w-]+:(?:\s|$)", item.group(1)):
            names.append(_yaml_scalar(item.group(1)))
    return [name for name in names if name]


def _yaml_scalar(text: str) -> str:
    """A YAML scalar as written: quotes taken off (a doubled '' in single quotes is one ')."""
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"')
    if len(text) > 1 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", text)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, cursor = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        if start < cursor:
            continue
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _after_blank_lines(text: str, start: int, end: int) -> int:
    """A removed definition takes the blank lines after it when a blank line already precedes it."""
    if start == 0 or text[max(0, start - 2) : start] == "\n\n" or _BLANK_START.match(text, 0, start):
        blanks = _BLANK_LINES.match(text, end)
        end = blanks.end() if blanks else end
    return end


_BLANK_START = re.compile(r"\s*\Z")
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)+")


def _dedent(line: str) -> str:
    expanded = line.expandtabs(4)
    strip = min(4, len(expanded) - len(expanded.lstrip(" ")))
    return expanded[strip:]


def build(text: str, resolver: Resolver, options: Options = Options(), skipped: frozenset[str] = frozenset()) -> Built:
    """The manuscript `text` with its notes; `Built.findings` says what could not be done
    (`skipped`: ids of invalid entry files, named as such when cited)."""
    return _Builder(text, resolver, options, skipped).build()
