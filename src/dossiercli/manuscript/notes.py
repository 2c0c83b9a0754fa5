"""Citations in reading order -> Chicago notes, with prefixes, suffixes and locator labels.

The engine (`dossiercli.chicago`) writes each work's note body (full, short, the same
work again at once, "Ibid."); this module decides which one each citation gets, in
the order a reader meets them (CMOS 14.29–36), and wraps it as the writer asked:

    [see @a, chap. 2, emphasis added; also -@b]
    -> "See <full note of a>, chap. 2, emphasis added; also <b without its author>."

Several works in one note are joined by semicolons (CMOS 14.57). A prefix goes
before the note body, a suffix after its locator; a note that starts with a prefix
starts with a capital ("see" -> "See"), and "Ibid." after a prefix is "ibid.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dossiercli.chicago import names as N
from dossiercli.chicago.notes import (
    Style,
    consecutive_note_body,
    finish,
    full_note_body,
    ibid_body,
    short_note_body,
)
from dossiercli.chicago.richtext import Rich, Span, normalise, with_rule
from dossiercli.chicago.sections import typed
from dossiercli.manuscript.cites import Cite
from dossiercli.model.entry import Entry


@dataclass(frozen=True, slots=True)
class Placed:
    """A citation with its entry, ready to be sequenced."""

    cite: Cite
    entry: Entry

    @property
    def locator(self) -> str | None:
        return self.cite.locator.chicago() if self.cite.locator else None


class Sequencer:
    """Which form each citation takes, in reading order.

    A *unit* is what the next citation can be "the same work again at once" after: a
    generated note, or one citation group inside a writer's own footnote. A writer's
    footnote without citations breaks the run (its note stands between the two).
    """

    def __init__(self, style: Style = Style(), ibid: bool = False, short_only: bool = False):
        self.style = style
        self.ibid = ibid
        self.short_only = short_only  # CMOS 18 shortened notes: first citations short too (13.28 ff.)
        self.seen: set[str] = set()
        self.previous: tuple[tuple[str, str | None], ...] = ()
        self.positions: list[str] = []
        self.in_note: list[tuple[str, str | None]] | None = None  # the citations of a writer's note so far

    def interrupt(self) -> None:
        self.previous = ()

    def begin_note(self) -> None:
        """A writer's own footnote starts: its citation groups are sequenced one by one, and
        `end_note` makes the whole note what the next citation follows."""
        self.in_note = []

    def end_note(self) -> None:
        """After a writer's footnote the next note follows *that note*: "Ibid." or the author and page
        only when it cited exactly one work (CMOS 17 14.34: "ibid." refers to the single source of the
        note before; never after a note citing several). A note citing nothing breaks the run."""
        cited, self.in_note = self.in_note or [], None
        works = {entry_id for entry_id, _ in cited}
        self.previous = (cited[-1],) if len(works) == 1 else () if not cited else tuple(cited)

    def bodies(self, unit: list[Placed]) -> list[tuple[str, Rich]]:
        out = []
        single = len(unit) == 1 and len(self.previous) == 1
        for placed in unit:
            entry_id, locator = placed.entry.id, placed.locator
            entry = placed.entry
            suppress = placed.cite.suppress_author
            same = single and self.previous[0][0] == entry_id
            if entry_id not in self.seen:
                full = not self.short_only
                body = (full_note_body if full else short_note_body)(entry, locator, self.style)
                position, body = "first", _without_lead(body, entry, full, self.style) if suppress else body
            elif self.ibid and same and (locator or not self.previous[0][1]):
                position, body = (
                    "ibid",
                    typed(ibid_body(None if locator == self.previous[0][1] else locator), entry.type),
                )
            elif same and locator and not suppress:
                position, body = "consecutive", consecutive_note_body(entry, locator, self.style)
            else:
                # With the author named in the text, "the same work again at once" is its short title
                # and page ("“Iran’s Secret Plan,” 4."), not a bare page number.
                body = short_note_body(entry, locator, self.style)
                position = "consecutive" if same and locator else "subsequent"
                body = _without_lead(body, entry, False, self.style) if suppress else body
            self.seen.add(entry_id)
            out.append((position, body))
            self.positions.append(position)
        self.previous = tuple((p.entry.id, p.locator) for p in unit)
        if self.in_note is not None:
            self.in_note.extend(self.previous)
        return out


def _without_lead(body: Rich, entry: Entry, full: bool, style: Style) -> Rich:
    """`[-@id]`, `@id says`: the author is named in the text, so the note leaves out the name that leads it
    (the authors, or the issuing body of a press release); a note led by anything else is kept whole."""
    leads = []
    if entry.authors:
        leads.append(
            N.note_names(entry.authors, style.edition) if full else N.short_names(entry.authors, style.edition)
        )
    if entry.publisher:
        leads.append(entry.publisher)
    text = body.plain()
    for lead in leads:
        prefix = lead + ", "
        if text.startswith(prefix):
            return _drop_chars(body, len(prefix))
    return body


def _drop_chars(body: Rich, count: int) -> Rich:
    spans = list(body.spans)
    while count and spans:
        first = spans.pop(0)
        if len(first.text) > count:
            spans.insert(0, Span(first.text[count:], first.italic, first.url, first.rule))
            count = 0
        else:
            count -= len(first.text)
    return Rich(*spans)


def compose(unit: list[Placed], bodies: list[tuple[str, Rich]]) -> Rich:
    """Prefix + body + suffix for each citation, joined by semicolons (CMOS 14.57); no final period."""
    pieces = []
    for placed, (position, body) in zip(unit, bodies, strict=True):
        prefix = with_rule(inline_markdown(placed.cite.prefix), "citation.prefix")
        if prefix and position == "ibid":
            body = Rich(Span("ibid.", rule=body.spans[0].rule), *_drop_chars(body, len("Ibid.")).spans)
        piece = Rich(prefix, " ", body) if prefix else body
        suffix = placed.cite.suffix
        if suffix:
            joiner = "" if suffix[0] in ",;:.)!?" else " "
            piece = after_locator(
                piece, placed.locator, Rich(joiner, with_rule(inline_markdown(suffix), "citation.prefix"))
            )
        pieces.append(piece)
    return Rich.join("; ", pieces)


def after_locator(body: Rich, locator: str | None, suffix: Rich) -> Rich:
    """The suffix right after the locator ("…, 3, emphasis added, https://…"), else at the end of the body."""
    spans = list(body.spans)
    if locator:
        index = len(spans) - 1
        while index >= 0 and (spans[index].url or not spans[index].text.strip(" ,")):
            index -= 1  # the URL or DOI that closes a full note, and the separator before it
        if index >= 0:
            span = spans[index]
            head = span.text.rstrip(" ,")
            if head.endswith(locator):
                tail = span.text[len(head) :]
                return Rich(
                    *spans[:index],
                    Span(head, span.italic, rule=span.rule),
                    suffix,
                    Span(tail, span.italic, rule=span.rule),
                    *spans[index + 1 :],
                )
    return Rich(body, suffix)


def note_text(composed: Rich) -> Rich:
    """A whole note: a capital first letter after a prefix, and the final period (CMOS 14.21)."""
    return capitalise(finish(composed))


def capitalise(rich: Rich) -> Rich:
    spans = list(rich.spans)
    if spans and not spans[0].url and spans[0].text[:1].islower():
        first = spans[0]
        spans[0] = Span(first.text[0].upper() + first.text[1:], first.italic, rule=first.rule)
    return Rich(*spans)


def inline_text(composed: Rich, following: str = "") -> Rich:
    """A citation set inside a writer's own sentence; `following` is the "." or "," that comes next,
    moved inside closing quotation marks as American usage wants (CMOS 6.9)."""
    return normalise(Rich(composed, following)) if following else normalise(composed)


def author_in_text(entry: Entry, first: bool, style: Style) -> Rich:
    """`@id says…`: the author as the sentence names them (full name first, surname later)."""
    people = entry.authors or (entry.editors if entry.type in ("book", "report") else ())
    if people:
        return Rich(N.note_names(people, style.edition) if first else N.short_names(people, style.edition))
    if entry.type == "press-release" and entry.publisher:
        return Rich(entry.publisher)
    if entry.type in _NEWS and (entry.container_title or entry.publisher):
        return Rich(entry.container_title or entry.publisher or "")  # an unsigned story: its paper or agency
    return short_note_body(replace(entry, authors=(), editors=()), None, style)


_NEWS = frozenset({"article-newspaper", "article-magazine", "wire-story"})


_EMPHASIS = re.compile(r"(?<![\\*_\w])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!@^<>|~\"'])")


def inline_markdown(text: str) -> Rich:
    """A prefix or suffix as written (`see *esp.*`): emphasis to italics, escapes undone, code as text."""
    if not text:
        return Rich()
    spans: list = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        spans.append(_unescape(text[position : match.start()]))
        inner = _unescape(match.group(2))
        spans.append(Span(inner, italic=len(match.group(1)) == 1) if inner else "")
        position = match.end()
    spans.append(_unescape(text[position:]))
    return Rich(*spans)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text).replace("`", "")
