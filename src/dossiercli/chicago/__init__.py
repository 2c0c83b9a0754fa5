"""The citation engine: Chicago notes-bibliography style (CMOS 17th ed., 18th as an option).

    from dossiercli.chicago import full_note, render
    render(full_note(entry), "html")
    render(short_note(entry, "12", edition=18), "latex")

Every function returns `Rich` text (plain/italic/URL spans); `render` turns it into
text, Markdown, HTML, LaTeX or RTF, escaped for that target.
"""

from __future__ import annotations

from dataclasses import replace

from dossiercli.chicago.notes import (
    EDITIONS,
    Style,
    bibliography_body,
    bibliography_sort_key,
    finish,
    full_note_body,
    short_note_body,
)
from dossiercli.chicago.richtext import TARGETS, Rich, render
from dossiercli.model.entry import Entry


def _style(style: Style | None, edition: int | None) -> Style:
    style = style or Style()
    if edition is not None:
        if edition not in EDITIONS:
            raise ValueError(f"unknown Chicago edition {edition!r} (use one of {', '.join(map(str, EDITIONS))})")
        style = replace(style, edition=edition)
    return style


def full_note(
    entry: Entry, locator: str | None = None, style: Style | None = None, *, edition: int | None = None
) -> Rich:
    """The note for the first citation of a work (CMOS 14.20)."""
    return finish(full_note_body(entry, locator, _style(style, edition)))


def short_note(
    entry: Entry, locator: str | None = None, style: Style | None = None, *, edition: int | None = None
) -> Rich:
    """Author's surname(s), short title, locator (CMOS 14.29–32)."""
    return finish(short_note_body(entry, locator, _style(style, edition)))


def bibliography_entry(entry: Entry, style: Style | None = None, *, edition: int | None = None) -> Rich:
    """One entry of the bibliography, first author inverted (CMOS 14.61–67)."""
    return finish(bibliography_body(entry, _style(style, edition)))


__all__ = [
    "EDITIONS",
    "TARGETS",
    "Rich",
    "Style",
    "bibliography_entry",
    "bibliography_sort_key",
    "full_note",
    "render",
    "short_note",
]
