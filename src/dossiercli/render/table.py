"""Rich renderables laid out as the seed dossier: DATE | SOURCE | TEXT.

Highlights are shown as the seed marks them, black on yellow; where the output
has no styles (a pipe, NO_COLOR) they are marked *like this* instead.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from dossiercli.model.entry import ENTRY_TYPES, NAME_FIELDS, Entry, Excerpt
from dossiercli.validate import squash

HIGHLIGHT = "black on yellow"
PREVIEW_CHARS = 240


def highlighted(excerpt: Excerpt, plain: bool, limit: int | None = None) -> Text:
    """The excerpt's text with every highlight styled (matched whitespace-insensitively)."""
    text = squash(excerpt.text)
    spans = highlight_spans(text, excerpt.highlights)
    if limit is not None and len(text) > limit:
        # Show the first highlight in context rather than the opening words.
        start = max(0, spans[0][0] - 40) if spans else 0
        if start:
            start = text.find(" ", start) + 1 or start  # begin at a word
        end = min(len(text), start + limit)
        last_space = text.rfind(" ", start, end)
        if end < len(text) and last_space > start:
            end = last_space  # end at a word
        text, spans = _clip(text, spans, start, end)
    if plain:
        out, last = [], 0
        for begin, finish in spans:
            out += [text[last:begin], "*", text[begin:finish], "*"]
            last = finish
        out.append(text[last:])
        return Text("".join(out))
    rendered = Text(text)
    for begin, finish in spans:
        rendered.stylize(HIGHLIGHT, begin, finish)
    return rendered


def highlight_spans(text: str, highlights) -> list[tuple[int, int]]:
    spans = []
    for highlight in highlights:
        needle = squash(highlight)
        at = text.find(needle)
        if needle and at >= 0:
            spans.append((at, at + len(needle)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for begin, end in spans:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    return merged


def _clip(text: str, spans, start: int, end: int):
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    shift = len(prefix) - start
    clipped = [(max(b, start) + shift, min(e, end) + shift) for b, e in spans if e > start and b < end]
    return prefix + text[start:end] + suffix, clipped


def source_cell(entry: Entry) -> Text:
    cell = Text()
    cell.append(entry.title, style="bold")
    for part in (  # the date stands in its own column
        "; ".join(name.natural() for name in entry.authors),
        entry.container_title,
        entry.publisher if entry.publisher != entry.container_title else None,
    ):
        if part:
            cell.append("\n" + part)
    if entry.url:
        cell.append("\n" + entry.url, style="dim")
    cell.append(f"\n[{entry.id}]", style="cyan")
    return cell


def text_cell(entry: Entry, plain: bool, full: bool) -> Text:
    if not entry.excerpts:
        return Text("(no excerpts)", style="dim italic")
    if full:
        parts = []
        for excerpt in entry.excerpts:
            part = Text()
            if excerpt.label:
                part.append(excerpt.label + "\n", style="italic")
            part.append_text(highlighted(excerpt, plain))
            parts.append(part)
        return Text("\n\n").join(parts)
    marked = [excerpt for excerpt in entry.excerpts if excerpt.highlights] or list(entry.excerpts[:1])
    return Text("\n").join(highlighted(excerpt, plain, PREVIEW_CHARS) for excerpt in marked[:2])


def entries_table(entries: list[Entry], plain: bool, full: bool = False, title: str | None = None) -> Table:
    table = Table(
        title=title,
        box=box.ASCII if plain else box.SIMPLE_HEAVY,
        show_lines=True,
        expand=True,
        header_style="bold",
    )
    table.add_column("DATE", no_wrap=True, width=10)
    table.add_column("SOURCE", ratio=3, overflow="fold")
    table.add_column("TEXT", ratio=5, overflow="fold")
    for entry in entries:
        date = entry.issued.numeric() if entry.issued else "n.d."
        table.add_row(date, source_cell(entry), text_cell(entry, plain, full))
    return table


def entry_details(entry: Entry, plain: bool) -> Group:
    """Everything about one entry: its fields, then every excerpt in full."""
    fields = Table(box=box.ASCII if plain else box.SIMPLE, show_header=False, expand=True)
    fields.add_column("field", style="bold", no_wrap=True)
    fields.add_column("value", overflow="fold")
    fields.add_row("id", entry.id)
    fields.add_row("type", f"{entry.type} ({ENTRY_TYPES[entry.type].label})")
    data = entry.to_toml_dict()
    for key, value in data.items():
        if key in ("type", "excerpts"):
            continue
        if key in NAME_FIELDS:
            value = "; ".join(name.natural() for name in getattr(entry, NAME_FIELDS[key]))
        elif key == "tags":
            value = ", ".join(value)
        elif key == "extra":
            for name, text in value.items():
                fields.add_row(f"extra.{name}", text)
            continue
        fields.add_row(key, str(value))
    if entry.path:
        fields.add_row("file", str(entry.path))
    parts: list = [fields]
    for index, excerpt in enumerate(entry.excerpts, 1):
        heading = f"Excerpt {index}" + (f" — {excerpt.label}" if excerpt.label else "")
        if excerpt.locator:
            heading += f" ({excerpt.locator})"
        parts.append(Text(heading, style="bold underline"))
        parts.append(highlighted(excerpt, plain))
        if excerpt.note:
            parts.append(Text(f"Note: {excerpt.note}", style="dim"))
    return Group(*parts)
