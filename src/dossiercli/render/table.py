"""Rich renderables laid out as the seed dossier: DATE | SOURCE | TEXT, for colour terminals.

Highlights are shown as the seed marks them, black on yellow. A long table is printed
as chunks of CHUNK_ROWS rows at the same fixed column widths (`table_chunks`), so the
first rows appear at once. Plain output (pipes, NO_COLOR) is render/plain.py's, which
also makes every value terminal-safe and keeps ids whole; this module builds on it.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from dossiercli.model.entry import Entry, Excerpt
from dossiercli.render.plain import (  # noqa: F401 - highlight_spans and terminal_safe are used by other renderers
    DATE_WIDTH,
    PREVIEW_CHARS,
    column_widths,
    date_text,
    detail_rows,
    excerpt_heading,
    highlight_spans,
    id_width,
    marked_text,
    source_parts,
    starred,
    terminal_safe,
)

CHUNK_ROWS = 25
HIGHLIGHT = "black on yellow"


def highlighted(excerpt: Excerpt, plain: bool, limit: int | None = None) -> Text:
    """The excerpt's text with every highlight styled (matched whitespace-insensitively)."""
    text, spans = marked_text(excerpt, limit)
    if plain:
        return Text(starred(text, spans))
    rendered = Text(text)
    for begin, finish in spans:
        rendered.stylize(HIGHLIGHT, begin, finish)
    return rendered


def source_cell(entry: Entry) -> Text:
    cell = Text()
    for index, (part, style) in enumerate(source_parts(entry)):
        cell.append(("\n" if index else "") + part, style=style)
    return cell


def text_cell(entry: Entry, plain: bool, full: bool) -> Text:
    if not entry.excerpts:
        return Text("(no excerpts)", style="dim italic")
    if full:
        parts = []
        for excerpt in entry.excerpts:
            part = Text()
            if excerpt.label:
                part.append(terminal_safe(excerpt.label) + "\n", style="italic")
            part.append_text(highlighted(excerpt, plain))
            parts.append(part)
        return Text("\n\n").join(parts)
    marked = [excerpt for excerpt in entry.excerpts if excerpt.highlights] or list(entry.excerpts[:1])
    return Text("\n").join(highlighted(excerpt, plain, PREVIEW_CHARS) for excerpt in marked[:2])


def entries_table(
    entries: list[Entry],
    plain: bool,
    full: bool = False,
    title: str | None = None,
    widths: tuple[int, int] | None = None,
    header: bool = True,
    dates: str = "iso",
) -> Table:
    """One rich table; at fixed SOURCE and TEXT `widths` (as `column_widths` gives them) it can be one chunk of many."""
    table = Table(
        title=title,
        box=box.ASCII if plain else box.SIMPLE_HEAVY,
        show_lines=True,
        expand=widths is None,
        header_style="bold",
        show_header=header,
    )
    table.add_column("DATE", no_wrap=True, width=DATE_WIDTH)
    if widths is None:
        table.add_column("SOURCE", ratio=3, overflow="fold", min_width=id_width(entries))
        table.add_column("TEXT", ratio=5, overflow="fold")
    else:
        table.add_column("SOURCE", width=widths[0], overflow="fold")
        table.add_column("TEXT", width=widths[1], overflow="fold")
    for entry in entries:
        date = date_text(entry.issued, dates)
        table.add_row(date, source_cell(entry), text_cell(entry, plain, full))
    return table


def table_chunks(
    entries: list[Entry], width: int, full: bool = False, title: str | None = None, dates: str = "iso"
) -> Iterator[Table]:
    """Rich tables of CHUNK_ROWS rows at the same fixed column widths, for a colour terminal."""
    source, text = column_widths(entries, width, chrome=DATE_WIDTH + 8)
    for start in range(0, max(len(entries), 1), CHUNK_ROWS):
        yield entries_table(
            entries[start : start + CHUNK_ROWS],
            plain=False,
            full=full,
            title=title if not start else None,
            widths=(source, text),
            header=not start,
            dates=dates,
        )


def entry_details(entry: Entry, plain: bool) -> Group:
    """Everything about one entry: its fields, then every excerpt in full."""
    fields = Table(box=box.ASCII if plain else box.SIMPLE, show_header=False, expand=True)
    fields.add_column("field", style="bold", no_wrap=True)
    fields.add_column("value", overflow="fold")
    for key, value in detail_rows(entry):
        fields.add_row(key, value)
    parts: list = [fields]
    for index, excerpt in enumerate(entry.excerpts, 1):
        parts.append(Text(excerpt_heading(index, excerpt), style="bold underline"))
        parts.append(highlighted(excerpt, plain))
        if excerpt.note:
            parts.append(Text(f"Note: {terminal_safe(excerpt.note)}", style="dim"))
    return Group(*parts)
