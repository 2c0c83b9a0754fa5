"""The dossier as plain text, streamed: the DATE | SOURCE | TEXT table and one entry's details.

Plain output (a pipe, NO_COLOR) is laid out here, row by row, at fixed column widths:
the first rows are written at once whatever the size of the dossier, in time linear
in the text (no pass over all rows to measure them, as a rich table makes). The SOURCE
column is made wide enough for the longest id, so an id is never broken across lines.
Highlights are marked *like this*.

Every value from an entry passes through `terminal_safe` first: control characters
(ESC, OSC, C1, bidirectional overrides) are shown as visible escapes, never sent.
Nothing here imports rich (render/table.py, for colour terminals, builds on this).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from dossiercli.model.entry import ENTRY_TYPES, NAME_FIELDS
from dossiercli.paths import shown_path
from dossiercli.rules import squash

if TYPE_CHECKING:
    from dossiercli.model.entry import Entry, Excerpt

DATE_WIDTH = 10
PREVIEW_CHARS = 240
_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if code not in (0x09, 0x0A)}
_CONTROLS[0x09] = " "
_CONTROLS.update({code: f"\\u{code:04x}" for code in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


DATE_STYLES = ("iso", "us")  # `[defaults] dates` in dossier.toml; `list` shows every date one way


def date_text(date, style: str = "iso") -> str:
    """A date as `list` shows it, the same way for every entry: ISO 8601 / EDTF ("2007-01-03", "2007-05",
    "2007") by default; "us" gives month/day/year ("1/3/2007", "5/2007", "2007") for plain dates."""
    if date is None:
        return "n.d."
    if style == "us" and date.is_plain and date.year and date.year > 0 and date.end is None:
        return "/".join(str(part) for part in (date.month, date.day, date.year) if part)
    return date.isoformat()


def terminal_safe(text: str) -> str:
    """`text` with control characters and bidirectional overrides made visible (ESC -> \\x1b); newlines kept."""
    return text.translate(_CONTROLS) if not text.isprintable() else text


def starred(text: str, spans) -> str:
    out, last = [], 0
    for begin, finish in spans:
        out += [text[last:begin], "*", text[begin:finish], "*"]
        last = finish
    out.append(text[last:])
    return "".join(out)


def marked_text(excerpt: Excerpt, limit: int | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The squashed, terminal-safe text and the spans of its highlights (clipped to `limit` characters)."""
    text = squash(terminal_safe(excerpt.text))
    spans = highlight_spans(text, [terminal_safe(highlight) for highlight in excerpt.highlights])
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
    return text, spans


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


def source_parts(entry: Entry) -> list[tuple[str, str | None]]:
    """The SOURCE cell as (terminal-safe text, style) lines: title, names, where, URL, [id]."""
    parts: list[tuple[str, str | None]] = [(terminal_safe(" ".join(entry.title.split())), "bold")]
    for part in (  # the date stands in its own column
        "; ".join(name.natural() for name in entry.authors),
        entry.container_title,
        entry.publisher if entry.publisher != entry.container_title else None,
    ):
        if part:
            parts.append((terminal_safe(" ".join(part.split())), None))
    if entry.url:
        parts.append((terminal_safe(entry.url), "dim"))
    parts.append((f"[{terminal_safe(entry.id)}]", "cyan"))
    return parts


def id_width(entries: Iterable[Entry]) -> int:
    return max((len(entry.id) for entry in entries), default=0) + 2  # [id]


def column_widths(entries: Iterable[Entry], width: int, chrome: int = 20) -> tuple[int, int]:
    """SOURCE and TEXT widths for a table `width` wide: 3:5, SOURCE widened so the longest [id] fits.

    `chrome`: the columns' padding and borders plus the DATE column (20 for the ASCII box).
    """
    room = max(width - chrome, 20)
    source = room * 3 // 8
    wanted = id_width(entries)
    if wanted > source:
        source = min(wanted, max(room - 20, source))  # keep at least 20 columns of TEXT
    return source, room - source


def _cells(text: str) -> int:
    """Terminal columns: wide (East Asian) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(map(_char_cells, text))


@cache  # a few hundred distinct characters in a real dossier: each looked up once
def _char_cells(char: str) -> int:
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern:
    # The longest run of at most `width` characters ending before a space or the end, else `width`
    # characters of a word too long for any line: greedy wrapping of single-spaced text, in C.
    return re.compile(rf"(.{{1,{width}}})(?: |$)|(\S{{{width}}})")


def wrap(paragraph: str, width: int) -> list[str]:
    """Greedy word wrap at `width` cells; a word longer than the line is folded. Linear in the text."""
    if paragraph.isascii() and width > 0:
        text = (
            paragraph
            if "  " not in paragraph and paragraph.isprintable() and paragraph.strip() == paragraph
            else " ".join(paragraph.split())
        )
        if not text:
            return [""]
        return [line or fold for line, fold in _line_pattern(width).findall(text)]
    return _wrap_cells(paragraph, width)


def _wrap_cells(paragraph: str, width: int) -> list[str]:
    """`wrap` for text with characters of other widths than one column, a word at a time."""
    lines: list[str] = []
    line, used = "", 0
    for word in paragraph.split():
        size = _cells(word)
        if size > width:
            if line:
                lines.append(line)
            pieces = _fold(word, width)
            lines.extend(pieces[:-1])
            line, used = pieces[-1], _cells(pieces[-1])
        elif not line:
            line, used = word, size
        elif used + 1 + size <= width:
            line += " " + word
            used += 1 + size
        else:
            lines.append(line)
            line, used = word, size
    if line or not lines:
        lines.append(line)
    return lines


def _fold(word: str, width: int) -> list[str]:
    if word.isascii():
        return [word[start : start + width] for start in range(0, len(word), width)]
    pieces, piece, used = [], "", 0
    for char in word:
        size = _char_cells(char)
        if used + size > width and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += size
    pieces.append(piece)
    return pieces


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _cells(text))


def plain_source_lines(entry: Entry, width: int) -> list[str]:
    lines: list[str] = []
    for part, _ in source_parts(entry):
        lines.extend(wrap(part, width))
    return lines


def plain_text_lines(entry: Entry, width: int, full: bool) -> list[str]:
    if not entry.excerpts:
        return ["(no excerpts)"]
    lines: list[str] = []
    if full:
        for index, excerpt in enumerate(entry.excerpts):
            if index:
                lines.append("")
            if excerpt.label:
                lines.extend(wrap(terminal_safe(excerpt.label), width))
            lines.extend(wrap(starred(*marked_text(excerpt)), width))
        return lines
    marked = [excerpt for excerpt in entry.excerpts if excerpt.highlights] or list(entry.excerpts[:1])
    for excerpt in marked[:2]:
        lines.extend(wrap(starred(*marked_text(excerpt, PREVIEW_CHARS)), width))
    return lines


def plain_table_lines(
    entries: list[Entry], width: int, full: bool = False, title: str | None = None, dates: str = "iso"
) -> Iterator[str]:
    """The table as ASCII lines, one row at a time (the layout rich's ASCII box gives, without its pass over all rows)."""
    source, text = column_widths(entries, width)
    inner = DATE_WIDTH + source + text + 8
    rule = f"|{'-' * (DATE_WIDTH + 2)}+{'-' * (source + 2)}+{'-' * (text + 2)}|"
    if title:
        for line in wrap(terminal_safe(title), inner + 2):
            yield line.center(inner + 2).rstrip()
    yield f"+{'-' * inner}+"
    yield f"| {_pad('DATE', DATE_WIDTH)} | {_pad('SOURCE', source)} | {_pad('TEXT', text)} |"
    for entry in entries:
        yield rule
        date = wrap(date_text(entry.issued, dates), DATE_WIDTH)
        left, right = plain_source_lines(entry, source), plain_text_lines(entry, text, full)
        for index in range(max(len(left), len(right))):
            yield (
                f"| {_pad(date[index] if index < len(date) else '', DATE_WIDTH)} "
                f"| {_pad(left[index] if index < len(left) else '', source)} "
                f"| {_pad(right[index] if index < len(right) else '', text)} |"
            )
    yield f"+{'-' * inner}+"


def detail_rows(entry: Entry) -> list[tuple[str, str]]:
    """(field, terminal-safe value) for every field of the entry but its excerpts."""
    rows = [("id", entry.id), ("type", f"{entry.type} ({ENTRY_TYPES[entry.type].label})")]
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
                rows.append((f"extra.{name}", str(text)))
            continue
        rows.append((key, str(value)))
    if entry.path:
        rows.append(("file", shown_path(entry.path)))
    return [(terminal_safe(key), terminal_safe(value)) for key, value in rows]


def excerpt_heading(index: int, excerpt: Excerpt) -> str:
    heading = f"Excerpt {index}" + (f" — {excerpt.label}" if excerpt.label else "")
    if excerpt.locator:
        heading += f" ({excerpt.locator})"
    return terminal_safe(" ".join(heading.split()))


def plain_details_lines(entry: Entry, width: int) -> Iterator[str]:
    """`entry_details` as plain lines, streamed: the fields in a two-column ASCII box, then each excerpt wrapped."""
    rows = detail_rows(entry)
    key_width = max(_cells(key) for key, _ in rows)
    value_width = max(width - key_width - 7, 20)
    yield f"+{'-' * (key_width + value_width + 5)}+"
    for key, value in rows:
        lines: list[str] = []
        for paragraph in value.split("\n"):
            lines.extend(wrap(paragraph, value_width))
        for index, line in enumerate(lines):
            yield f"| {_pad(key if not index else '', key_width)} | {_pad(line, value_width)} |"
    yield f"+{'-' * (key_width + value_width + 5)}+"
    for index, excerpt in enumerate(entry.excerpts, 1):
        yield excerpt_heading(index, excerpt)
        yield from wrap(starred(*marked_text(excerpt)), width)
        if excerpt.note:
            yield from wrap(f"Note: {terminal_safe(excerpt.note)}", width)
