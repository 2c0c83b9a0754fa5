"""The citation engine: Chicago notes-bibliography style (CMOS 17th ed., 18th as an option).

    from dossiercli.chicago import full_note, render
    render(full_note(entry), "html")
"""

from __future__ import annotations

from dossiercli.chicago.notes import (
    Style,
    bibliography_body,
    bibliography_sort_key,
    finish,
    full_note_body,
    short_note_body,
)
from dossiercli.chicago.richtext import TARGETS, Rich, render
from dossiercli.model.entry import Entry


def full_note(entry: Entry, locator: str | None = None, style: Style = Style()) -> Rich:
    return finish(full_note_body(entry, locator, style))


def short_note(entry: Entry, locator: str | None = None, style: Style = Style()) -> Rich:
    return finish(short_note_body(entry, locator, style))


def bibliography_entry(entry: Entry, style: Style = Style()) -> Rich:
    return finish(bibliography_body(entry, style))


__all__ = ["TARGETS", "Rich", "Style", "bibliography_entry", "bibliography_sort_key", "full_note", "render",
           "short_note"]
