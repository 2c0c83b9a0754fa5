"""Rewriting entry files in the canonical order and layout, keeping every comment.

The canonical layout is the one `model.toml_out.entry_to_toml` writes (so files made by
`add` and `import` are already formatted): scalar fields in canonical order, then one
[[author]]/[[editor]]… table per name, then the [[excerpts]] tables, a blank line
before each table; lists of plain values on one line when it fits in 100 characters, else
one value per line. Values keep the form they were
written in (quotes, multi-line strings, dates); a comment stays with
the field or table it stands above or beside; unknown fields are kept, after the known
ones (`validate` reports them). Built on tomlkit, which keeps comments.

Every result is checked before it is returned: it must hold the same data (read back
with the same TOML reader the loader uses) and the same comments as the original. A
layout this module cannot rewrite safely is reported and left alone, never mangled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tomli
import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Array, Comment, InlineTable, SingleKey, Table, Whitespace

from dossiercli.atomic import write_atomic
from dossiercli.model.entry import CANONICAL_ORDER, EXTRA_FIELD, NAME_FIELDS
from dossiercli.model.toml_out import LINE_WIDTH, table_to_toml

_ORDER = {key: index for index, key in enumerate(CANONICAL_ORDER)}
_TABLE_ORDER = [EXTRA_FIELD, *NAME_FIELDS, "excerpts"]
_LINE = re.compile(r"at line (\d+)")


class UnsafeFormat(ValueError):
    """Formatting would have changed the file's data or dropped a comment."""


@dataclass
class FormatResult:
    path: Path
    original: str
    formatted: str | None  # None when the file cannot be read or formatted
    error: str | None = None
    line: int | None = None

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original


@dataclass
class _Block:
    """One [[name]] table of the output: comment lines above it, a comment on its header, its lines."""

    above: list[str] = field(default_factory=list)
    header_comment: str = ""
    lines: list[str] = field(default_factory=list)


def array_items(array: Array) -> list[tuple[object | None, str | None]]:
    """(value, the comment on its line) for each element of a TOML array, and (None, comment) for a
    comment on a line of its own, in order.

    Read from the array's own text: tomlkit keeps these only in private attributes, which changed
    between its releases; its public `as_string()` and iteration do not.
    """
    values, text = list(array), array.as_string()
    items: list[tuple[object | None, str | None]] = []
    depth, at, expecting, line_has_value = 0, 0, False, False
    while at < len(text):
        char = text[at]
        if depth == 1 and expecting and char not in " \t\r\n,]#":  # an element starts here
            items.append((values[sum(value is not None for value, _ in items)], None))
            expecting, line_has_value = False, True
        if char in "\"'":  # a string: skip it whole (basic strings have escapes, literal ones do not)
            quote = text[at : at + 3] if text.startswith(char * 3, at) else char
            at += len(quote)
            while at < len(text) and not text.startswith(quote, at):
                at += 2 if char == '"' and text[at] == "\\" else 1
            at += len(quote)
            continue
        if char == "#":
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            comment = text[at:end].strip()
            if depth == 1 and line_has_value and items and items[-1][0] is not None and items[-1][1] is None:
                items[-1] = (items[-1][0], comment)
            elif depth == 1:
                items.append((None, comment))
            at = end
            continue
        if char == "\n":
            line_has_value = False
        elif char in "[{":
            depth += 1
            expecting = depth == 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 1:
            expecting = True
        at += 1
    return items


def _comment(item) -> str:
    return item.as_string().strip()


def _list_layout(key, array: Array) -> Array:
    """A list of plain values as `add` writes it: on one line when it fits in LINE_WIDTH, else one value
    per line. A list with comments inside, or of tables or lists, stays as written."""
    if any(comment for _, comment in array_items(array)) or any(
        isinstance(v, (Array, InlineTable, dict, list)) for v in array
    ):
        return array
    flat = tomlkit.array()
    for value in array:
        flat.append(value)
    one_line = f"{key.as_string().strip()} = {flat.as_string()}"
    flat.multiline(len(flat) > 1 and len(one_line) > LINE_WIDTH)
    flat.trivia.comment, flat.trivia.comment_ws = array.trivia.comment, array.trivia.comment_ws
    return flat


def _kv(key, item) -> str:
    if isinstance(key, SingleKey) and not key.is_dotted():
        key = tomlkit.key(key.key)  # bare when it can be: "URL" = … becomes URL = …
    if isinstance(item, Array):
        item = _list_layout(key, item)
    document = tomlkit.document()
    document.append(key, item)
    return document.as_string().strip()


def _table_block(table: Table, above: list[str]) -> tuple[_Block, list[str]]:
    """A table as a block, and the comment lines at its end (they belong to whatever follows)."""
    lines: list[str] = []
    trailing: list[str] = []
    for key, item in table.value.body:
        if isinstance(item, Whitespace):
            continue
        if isinstance(item, Comment):
            trailing.append(_comment(item))
        elif key is not None:
            lines += trailing + [_kv(key, item)]
            trailing = []
    return _Block(above, table.trivia.comment.strip(), lines), trailing


def _inline_block(value, above: list[str], header_comment: str = "") -> _Block:
    table = tomlkit.table()
    for k, v in value.items():
        table.add(k, v)
    return _Block(above, header_comment, _table_block(table, [])[0].lines)


def _as_blocks(key: str, item, above: list[str]) -> tuple[list[_Block], list[str]] | None:
    """Name lists and excerpts as [[key]] blocks, whether written as tables or inline; None for other values."""
    if isinstance(item, Table) and key == EXTRA_FIELD:
        block, above = _table_block(item, above)
        return [block], above
    if isinstance(item, AoT):
        blocks = []
        for table in item.body:
            block, above = _table_block(table, above)
            blocks.append(block)
        return blocks, above
    if key not in _TABLE_ORDER:
        return None
    after = item.trivia.comment.strip() if hasattr(item, "trivia") else ""
    if isinstance(item, InlineTable):
        return [_inline_block(item, above, after)], []
    if not isinstance(item, Array) or not item or not all(isinstance(v, (InlineTable, dict)) for v in item):
        return None
    blocks = []
    for value, comment in array_items(item):
        if isinstance(value, (InlineTable, dict)):
            blocks.append(_inline_block(value, above, comment or ""))
            above = []
        elif comment:
            above = above + [comment]
    if after:  # the comment after the closing bracket speaks for the whole list
        first = blocks[0]
        if first.header_comment:
            first.above.append(after)
        else:
            first.header_comment = after
    return blocks, above


def _layout(text: str) -> str:
    document = tomlkit.parse(text)
    body = list(document.body)
    header: list[str] = []
    # Editor directives at the very top (`#:schema …`, read by taplo only there) belong to the file.
    while body and body[0][0] is None and isinstance(body[0][1], Comment) and _comment(body[0][1]).startswith("#:"):
        header.append(_comment(body[0][1]))
        body = body[1:]
    # Comments at the very top, followed by a blank line, belong to the file, not to the first field.
    first_key = next((i for i, (k, _) in enumerate(body) if k is not None), len(body))
    blank = max((i for i in range(first_key) if isinstance(body[i][1], Whitespace)), default=None)
    if blank is not None and any(isinstance(body[i][1], Comment) for i in range(blank)):
        header += [_comment(body[i][1]) for i in range(blank) if isinstance(body[i][1], Comment)]
        body = body[blank + 1 :]

    scalars: list[tuple[str, list[str], str]] = []
    tables: list[tuple[str, list[_Block]]] = []
    pending: list[str] = []
    for key, item in body:
        if key is None:
            if isinstance(item, Comment):
                pending.append(_comment(item))
            continue
        name = key.key
        as_blocks = _as_blocks(name, item, pending)
        if as_blocks is None:
            scalars.append((name, pending, _kv(key, item)))
            pending = []
        else:
            blocks, pending = as_blocks
            tables.append((name, blocks))
    if pending and body and isinstance(body[-1][1], AoT):
        tables[-1][1][-1].lines += pending  # comments at the end of the file stay in the table they ended
        pending = []

    scalars.sort(key=lambda s: _ORDER.get(s[0], len(_ORDER)))
    tables.sort(key=lambda t: _TABLE_ORDER.index(t[0]) if t[0] in _TABLE_ORDER else len(_TABLE_ORDER))
    lines = header + ([""] if header and not header[-1].startswith("#:") else [])
    for _, comments, line in scalars:
        lines += comments + [line]
    for name, blocks in tables:
        for block in blocks:
            table_header = f"[{name}]" if name == EXTRA_FIELD else f"[[{name}]]"
            lines += ["", *block.above, table_header + (f"  {block.header_comment}" if block.header_comment else "")]
            lines += block.lines
    if pending:
        lines += [""] + pending
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines) + "\n"


def comments_of(text: str) -> list[str]:
    """Every comment in a TOML text, in order, found by a scanner of its own (not tomlkit)."""
    comments, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            comments.append(text[i:end].rstrip("\r").strip())
            i = end
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                if c == '"' and text[j] == "\\":
                    j += 1
                elif len(quote) == 1 and text[j] == "\n":
                    break
                j += 1
            j += len(quote)
            while len(quote) == 3 and j < n and text[j] == c:  # """ may end with up to two more quotes
                j += 1
            i = j
        else:
            i += 1
    return comments


def is_canonical(text: str, data: dict) -> bool:
    """A quick yes for a file without comments that is exactly what `add` writes (no tomlkit needed);
    False means "not known", and the full formatter decides."""
    if "#" in text or list(data) != [key for key in CANONICAL_ORDER if key in data]:
        return False
    try:
        return table_to_toml(data) == text
    except (TypeError, ValueError, AttributeError):  # a value the canonical writer does not take
        return False


def format_text(text: str) -> str:
    """The canonical text of an entry file; raises UnsafeFormat rather than lose data or a comment."""
    formatted = _layout(text)
    if formatted == text:
        return text
    if tomli.loads(formatted) != tomli.loads(text):
        raise UnsafeFormat("its layout cannot be rewritten without changing its data")
    if sorted(comments_of(formatted)) != sorted(comments_of(text)):
        raise UnsafeFormat("its layout cannot be rewritten without losing a comment")
    return formatted


def format_file(path: Path, write: bool = True) -> FormatResult:
    try:
        original = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return FormatResult(path, "", None, f"cannot read: {getattr(error, 'strerror', None) or error}")
    try:
        data = tomli.loads(original)  # the loader's reader decides what is valid, and gives the line
        formatted = original if is_canonical(original, data) else format_text(original)
    except tomli.TOMLDecodeError as error:
        line = _LINE.search(str(error))
        return FormatResult(path, original, None, f"invalid TOML: {error}", int(line.group(1)) if line else None)
    except ParseError as error:
        return FormatResult(path, original, None, f"invalid TOML: {error}", getattr(error, "line", None))
    except UnsafeFormat as error:
        return FormatResult(path, original, None, str(error))
    except RecursionError:  # arrays or inline tables nested thousands deep: no entry has them
        return FormatResult(path, original, None, "values are nested too deeply to format")
    except ValueError:  # an integer over Python's int-string limit: the loader's finding, with its line
        from dossiercli.load import huge_integer_finding

        finding = huge_integer_finding(original, path)
        return FormatResult(path, original, None, finding.message, finding.line)
    result = FormatResult(path, original, formatted)
    if write and result.changed:
        write_atomic(path, formatted, overwrite=True)
    return result
