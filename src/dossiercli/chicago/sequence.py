"""Notes in sequence: which citation gets a full note, a short note or "Ibid." (CMOS 14.29–36)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dossiercli.chicago.notes import (
    Style,
    bibliography_body,
    bibliography_sort_key,
    consecutive_note_body,
    finish,
    full_note_body,
    ibid_body,
    lead_bibliography,
    short_note_body,
)
from dossiercli.chicago.richtext import THREE_EM_DASH, Rich
from dossiercli.chicago.sections import typed
from dossiercli.errors import DossierError
from dossiercli.model.entry import Entry

if TYPE_CHECKING:
    from dossiercli.chicago.settings import NoteMode


@dataclass(frozen=True, slots=True)
class Citation:
    """One work cited in a note: its id, a locator ("5", "chap. 3", "para. 4"), and words
    before and after it ("See", "emphasis added"; CMOS 14.36)."""

    entry_id: str
    locator: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    @classmethod
    def parse(cls, text: str) -> Citation:
        """'lake2007:3' -> Citation('lake2007', '3'); 'lake2007' -> no locator."""
        entry_id, _, locator = text.partition(":")
        if not entry_id:
            raise DossierError(f"citation {text!r} has no entry id (write ID or ID:LOCATOR)")
        return cls(entry_id, locator.strip() or None)


@dataclass(frozen=True, slots=True)
class Note:
    number: int
    citations: tuple[Citation, ...]
    text: Rich
    positions: tuple[str, ...]  # "first", "subsequent", "consecutive" or "ibid" for each citation


def parse_note(text: str) -> tuple[Citation, ...]:
    """One note citing several works: 'lake2007:3+wright2007'."""
    return tuple(Citation.parse(part) for part in text.split("+"))


def notes_for(
    sequence: Sequence[Sequence[Citation]],
    lookup: Callable[[str], Entry],
    style: Style = Style(),
    ibid: bool = False,
    mode: NoteMode | None = None,
) -> list[Note]:
    """The notes of a text in order: first citation of a work in full, later ones short.

    With `ibid`, a note citing the single work of the note just before it is "Ibid." (with
    the locator where it differs); without, the short form (the 17th edition's preference,
    14.34), with the title left out when a locator follows ("Lake, 5.").

    `mode` (one of `settings.MODES`) sets the edition, "Ibid." and, for `18-short`, short
    notes for first citations too (CMOS 18 13.28 ff.: the bibliography carries the facts).
    """
    short_only = False
    if mode is not None:
        style = replace(style, edition=mode.edition)
        ibid = ibid or mode.ibid
        short_only = mode.short_only
    seen: set[str] = set()
    previous: tuple[Citation, ...] = ()
    notes = []
    for number, citations in enumerate(sequence, 1):
        bodies, positions = [], []
        for citation in citations:
            entry = lookup(citation.entry_id)
            if citation.entry_id not in seen:
                first = short_note_body if short_only else full_note_body
                bodies.append(first(entry, citation.locator, style))
                positions.append("first")
            elif (
                ibid
                and len(citations) == 1
                and len(previous) == 1
                and previous[0].entry_id == citation.entry_id
                and (citation.locator or not previous[0].locator)
            ):
                same_place = citation.locator == previous[0].locator
                bodies.append(typed(ibid_body(None if same_place else citation.locator), entry.type))
                positions.append("ibid")
            elif (
                len(citations) == 1
                and len(previous) == 1
                and previous[0].entry_id == citation.entry_id
                and citation.locator
            ):
                # CMOS 17 14.34: instead of "Ibid., 24.", the author's name and the page; the title
                # is omitted because the note just before names it.
                bodies.append(consecutive_note_body(entry, citation.locator, style))
                positions.append("consecutive")
            else:
                bodies.append(short_note_body(entry, citation.locator, style))
                positions.append("subsequent")
            bodies[-1] = _framed(bodies[-1], citation)
            seen.add(citation.entry_id)
        notes.append(Note(number, tuple(citations), finish(Rich.join("; ", bodies)), tuple(positions)))
        previous = tuple(citations)
    return notes


def _framed(body: Rich, citation: Citation) -> Rich:
    """'See Lake, 5', 'Lake, 5, emphasis added'; after a prefix "Ibid." is lower-case ("see ibid.")."""
    if citation.prefix:
        if body.plain().startswith("Ibid."):
            body = Rich("ibid.", body.plain()[len("Ibid.") :])
        body = Rich(citation.prefix.rstrip(), " ", body)
    if citation.suffix:
        body = Rich(body, ", ", citation.suffix.strip())
    return body


def bibliography(entries: Sequence[Entry], style: Style = Style(), dash: bool = False) -> list[tuple[Entry, Rich]]:
    """Entries sorted as CMOS 14.66 says; with `dash`, a repeated author list becomes a 3-em dash (14.67)."""
    ordered = sorted(entries, key=bibliography_sort_key)
    out = []
    previous_lead = None
    for entry in ordered:
        body = finish(bibliography_body(entry, style))
        if dash:
            lead = _lead_text(entry, style)
            if lead and lead == previous_lead:
                body = _replace_lead(body, lead)
            previous_lead = lead
        out.append((entry, body))
    return out


def _lead_text(entry: Entry, style: Style) -> str | None:
    lead = lead_bibliography(entry, style)
    return lead.plain() if lead else None


def _replace_lead(body: Rich, lead: str) -> Rich:
    text = body.plain()
    if not text.startswith(lead):
        return body
    # The lead is always plain (roman) text at the start: rebuild the first spans.
    remaining = len(lead)
    spans = list(body.spans)
    while remaining and spans:
        first = spans.pop(0)
        if len(first.text) > remaining:
            spans.insert(0, type(first)(first.text[remaining:], first.italic, rule=first.rule))
            remaining = 0
        else:
            remaining -= len(first.text)
    return Rich(THREE_EM_DASH, *spans)
