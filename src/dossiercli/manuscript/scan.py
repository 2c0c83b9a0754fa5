"""Finding citations, footnote references and footnote definitions in a Markdown manuscript.

The scanner works on the source text itself (offsets into it), so every finding has
a line and column and everything it does not touch stays byte for byte. What is left
alone: fenced and indented code blocks, code spans, HTML comments and tags, autolinks,
bare URLs, link destinations, e-mail addresses (an `@` after a letter or digit is
never a citation) and anything escaped with a backslash (`\\@`, `\\[`).

What it finds, in reading order:
- citation groups `[see @a, 23; @b]` (a bracket holding an `@` that starts a key,
  not followed by `(` or `[`, which would make it a link) and bare `@key` in the
  text (the author named in the sentence), optionally followed by `[p. 23]`;
- footnote references `[^label]` and inline notes `^[text]`;
- footnote definitions `[^label]: text` with their indented continuation lines
  (and lazy continuation lines, as pandoc reads them); their text is scanned too.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

from dossiercli.manuscript.cites import CITE_KEY, KEY, CitationSyntaxError, Cite, parse_group, parse_locator


@dataclass(frozen=True, slots=True)
class Problem:
    offset: int
    message: str
    warning: bool = False


@dataclass(slots=True)
class Group:
    """A citation group as written: `[…]` or a bare `@key` (in_text)."""

    start: int
    end: int
    cites: tuple[Cite, ...]
    key_offsets: tuple[int, ...]  # absolute offsets of each key, for messages
    in_text: bool = False


@dataclass(slots=True)
class Ref:
    """A footnote reference `[^label]`."""

    start: int
    end: int
    label: str


@dataclass(slots=True)
class InlineNote:
    """An inline note `^[text]`; `items` are what its text holds."""

    start: int
    end: int
    content_start: int
    content_end: int
    items: list = field(default_factory=list)


@dataclass(slots=True)
class Definition:
    """A footnote definition: the whole block [start, end), its text [content_start, end)."""

    label: str
    start: int
    end: int
    content_start: int
    line: int
    items: list = field(default_factory=list)


@dataclass(slots=True)
class Scan:
    text: str
    items: list  # Group / Ref / InlineNote outside definitions, in order
    definitions: dict[str, Definition]
    removed: list[tuple[int, int]]  # definition blocks, taken out of the body
    problems: list[Problem]
    front_matter: str = ""  # a YAML metadata block at the very start (pandoc's), left alone
    code: list[tuple[int, int]] = field(default_factory=list)  # code blocks and front matter: never prose
    _line_starts: list[int] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_DEFINITION = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:[ \t]?")
_LIST_ITEM = re.compile(r"^ *(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|>|`{3,}|~{3,}|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|\[\^[^\]\s]+\]:)")
_BLANK = re.compile(r"\n[ \t]*\n")


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end including the newline, line without newline)."""
    out, start = [], 0
    for line in text.splitlines(keepends=True):
        out.append((start, start + len(line), line.rstrip("\r\n")))
        start += len(line)
    return out


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def scan(text: str) -> Scan:
    lines = _lines(text)
    code: list[tuple[int, int]] = []  # protected block ranges
    front = _FRONT_MATTER.match(text)
    if front:
        code.append((0, front.end()))
        lines = [line for line in lines if line[0] >= front.end()]
    definitions: dict[str, Definition] = {}
    problems: list[Problem] = []
    removed: list[tuple[int, int]] = []
    index = 0
    previous_blank = True
    lists: list[int] = []  # content columns of the open list items, innermost last
    while index < len(lines):
        start, end, line = lines[index]
        if not line.strip():
            previous_blank = True
            index += 1
            continue
        indent = _indent(line)
        if previous_blank:
            while lists and indent < lists[-1]:
                lists.pop()  # after a blank line, a line left of an item's content ends the item
        base = lists[-1] if lists else 0  # code blocks and fences are indented relative to this
        fence = _FENCE.match(line)
        if (
            fence
            and _indent(fence.group("indent")) - base <= 3
            and not (fence.group("fence")[0] == "`" and "`" in fence.group("info"))
        ):
            index = _skip_fence(lines, index, fence, code)
            previous_blank = False
            continue
        if previous_blank and indent >= base + 4:
            first = index
            while index + 1 < len(lines) and (
                not lines[index + 1][2].strip() or _indent(lines[index + 1][2]) >= base + 4
            ):
                index += 1
            while index > first and not lines[index][2].strip():
                index -= 1
            code.append((lines[first][0], lines[index][1]))
            index += 1
            previous_blank = False
            continue
        definition = _DEFINITION.match(line)
        if definition and not lists:
            index = _definition(text, lines, index, definition, definitions, problems, code, removed)
            previous_blank = True
            continue
        item = _LIST_ITEM.match(line.expandtabs(4))
        if item:
            while lists and indent < lists[-1]:
                lists.pop()  # a sibling (or an outer item) closes the items it is not inside
            rest = line.expandtabs(4)[item.end() :]
            lists.append(item.end() if rest.strip() else item.end() + 1)
        previous_blank = False
        index += 1

    scanner = _InlineScanner(text, problems)
    items: list = []
    cursor = 0
    for block_start, block_end in sorted(code + removed):
        if block_start > cursor:
            items += scanner.scan(cursor, block_start)
        cursor = max(cursor, block_end)
    items += scanner.scan(cursor, len(text))
    code.sort()
    for note in definitions.values():
        note.items = _scan_definition(scanner, note, code)
    return Scan(text, items, definitions, sorted(removed), problems, front.group() if front else "", sorted(code))


def _skip_fence(lines, index: int, fence: re.Match, code: list) -> int:
    """Index of the line after a fenced block (which runs to the end when never closed)."""
    char, length = fence.group("fence")[0], len(fence.group("fence"))
    closing = re.compile(r"^[ \t]*" + re.escape(char) + "{" + str(length) + r",}[ \t]*$")
    end = index + 1
    while end < len(lines) and not closing.match(lines[end][2]):
        end += 1
    last = min(end, len(lines) - 1)
    code.append((lines[index][0], lines[last][1]))
    return end + 1


def _definition(text, lines, index, match, definitions, problems, code, removed) -> int:
    label = match.group("label")
    start = lines[index][0]
    content_start = start + match.end()
    end_index = index
    probe = index + 1
    lazy_allowed = bool(lines[index][2][match.end() :].strip())
    while probe < len(lines):
        line = lines[probe][2]
        if not line.strip():
            # A blank line continues the note only when an indented line follows.
            following = probe + 1
            while following < len(lines) and not lines[following][2].strip():
                following += 1
            if following < len(lines) and _indent(lines[following][2]) >= 4:
                probe = following
                continue
            break
        if _indent(line) >= 4:
            fence = _FENCE.match(line)
            if fence:
                inner_end = _skip_fence(lines, probe, fence, code)
                end_index = probe = inner_end - 1
                probe += 1
                lazy_allowed = False
                continue
            end_index = probe
            lazy_allowed = True
        elif lazy_allowed and not _BLOCK_START.match(line) and lines[probe - 1][2].strip():
            end_index = probe  # a lazy continuation line of the note's paragraph
        else:
            break
        probe += 1
    end = lines[end_index][1]
    line_number = index + 1
    if label in definitions:
        problems.append(
            Problem(start, f"footnote [^{label}] is defined twice (first on line {definitions[label].line})")
        )
    else:
        definitions[label] = Definition(label, start, end, content_start, line_number)
    removed.append((start, end))
    return end_index + 1


def _scan_definition(scanner: _InlineScanner, definition: Definition, code: list) -> list:
    """The items of a definition's text, around the code blocks in it (`code` sorted by start)."""
    items: list = []
    cursor = definition.content_start
    first = max(0, bisect.bisect_left(code, (definition.content_start,)) - 1)
    for block_start, block_end in code[first:]:
        if block_start >= definition.end:
            break
        if block_end <= cursor:
            continue
        if block_start > cursor:
            items += scanner.scan(cursor, block_start)
        cursor = max(cursor, block_end)
    if cursor < definition.end:
        items += scanner.scan(cursor, definition.end)
    return items


_INTEREST = re.compile(r"\\.|`+|<!--|<|\^\[|\[|(?<![\w@\\])@|https?://|www\.", re.DOTALL)
_AUTOLINK_OR_TAG = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?)>"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\[\]]*")
_BARE_KEY = re.compile(KEY)
_LABEL_STOP = re.compile(r"[\]\s]")  # what ends a footnote label [^label]
_LOCATOR_AFTER = re.compile(r"[ \t]?\[")
# What the bracket index reads: the tokens the scanner skips whole, brackets, and @ that may start a citation.
_LEX = re.compile(r"\\.|`+|<!--|<|https?://|www\.|\[|\]|(?<![\w@\\])@", re.DOTALL)

# Everything here is linear in the text, whatever it holds (unclosed brackets, nesting, long lines): each
# question the scanner asks again and again (where does this paragraph end, which `]` closes this `[`, where
# does this code span end, does this bracket hold a citation) is answered from an index built in one pass.


class _Brackets:
    """The `[`s of one scanned range in reading order with their closing `]` (-1: none in the paragraph)
    and whether what they hold, outside code and URLs, has an @key (`key`) or an @ naming nothing (`bare`)."""

    def __init__(self) -> None:
        self.opens = array("q")
        self.closes = array("q")
        self.key = array("b")
        self.bare = array("b")

    def find(self, at: int) -> int:
        index = bisect.bisect_left(self.opens, at)
        return index if index < len(self.opens) and self.opens[index] == at else -1


class _InlineScanner:
    def __init__(self, text: str, problems: list[Problem]):
        self.text = text
        self.problems = problems
        blanks = list(_BLANK.finditer(text))
        self._blank_starts = array("q", (m.start() for m in blanks))
        self._blank_ends = array("q", (m.end() for m in blanks))
        self._runs: dict[int, array] = {}  # backtick runs by length: their starts
        for run in re.finditer("`+", text):
            self._runs.setdefault(len(run.group()), array("q")).append(run.start())
        self._comment_ends = array("q", (m.start() for m in re.finditer("-->", text)))
        self._closers = array("q", (m.start() for m in re.finditer(r"\]", text)))
        self._parens = self._match_parentheses()
        self._ranges: list[tuple[int, int, _Brackets]] = []
        self._brackets = _Brackets()
        self._cited_before: dict[int, int] = {}  # paragraph limit -> the last @key before it (-1: none)
        self._label_stop = (0, -1)  # a span [from, stop) holding no `]` or white space, and its stop

    # -- the indexes --------------------------------------------------------------------------------

    def _limit(self, at: int, end: int) -> int:
        """Where the paragraph holding `at` ends (a blank line), or `end`."""
        index = bisect.bisect_left(self._blank_starts, at)
        if index < len(self._blank_starts) and self._blank_ends[index] <= end:
            return min(self._blank_starts[index], end)
        return end

    def _match_parentheses(self) -> dict[int, int]:
        """`(` -> its `)`, counted as a link destination is: every parenthesis, within a paragraph."""
        matches: dict[int, int] = {}
        stack: list[int] = []
        for match in re.finditer(r"[()]|\n\n", self.text):
            token = match.group()
            if token == "(":
                stack.append(match.start())
            elif token == ")":
                if stack:
                    matches[stack.pop()] = match.start()
            else:
                stack.clear()
        return matches

    def _index(self, start: int, end: int) -> None:
        """One pass over [start, end): which `]` closes each `[` (skipping what the scanner skips), and what
        each bracket holds."""
        text = self.text
        brackets = _Brackets()
        stack: list[list[int]] = []  # [index of the `[`, smallest end of an @key inside, an @ naming nothing]
        limit = -1
        i = start
        while i < end:
            match = _LEX.search(text, i, end)
            if match is None:
                break
            token, at = match.group(), match.start()
            if at >= limit:  # a new paragraph: what is still open there is never closed
                for frame in stack:
                    brackets.closes[frame[0]] = -1
                stack.clear()
                limit = self._limit(at, end)
            i = match.end()
            if token.startswith("\\") or token.startswith(("http", "www")):
                if not token.startswith("\\"):
                    url = _URL.match(text, at, end)
                    i = url.end() if url else at + 1
            elif token.startswith("`"):
                i = self._code_span(at, len(token), end)
            elif token == "<!--":
                i = self._comment_end(match.end(), end)
            elif token == "<":
                tag = _AUTOLINK_OR_TAG.match(text, at, end)
                i = tag.end() if tag else at + 1
            elif token == "[":
                brackets.opens.append(at)
                brackets.closes.append(-1)
                brackets.key.append(0)
                brackets.bare.append(0)
                stack.append([len(brackets.opens) - 1, end + 1, 0])
            elif token == "]":
                if stack:
                    index, key_end, bare = stack.pop()
                    brackets.closes[index] = at
                    brackets.key[index] = key_end <= at
                    brackets.bare[index] = bare
                    if stack:
                        stack[-1][1] = min(stack[-1][1], key_end)
                        stack[-1][2] |= bare
            elif stack:  # an @ that may start a citation
                key = _BARE_KEY.match(text, at + 1, end)
                if key:
                    stack[-1][1] = min(stack[-1][1], key.end())
                elif text[at + 1 : at + 2] != "{":
                    stack[-1][2] = 1
        self._ranges.append((start, end, brackets))

    def _code_span(self, at: int, length: int, end: int) -> int:
        """The end of the code span opened by `length` backticks at `at` (a run of as many closes it within
        the paragraph), or the end of the backticks when it is never closed."""
        runs = self._runs.get(length)
        limit = self._limit(at, end)
        if runs is not None:
            index = bisect.bisect_left(runs, at + length)
            if index < len(runs) and runs[index] + length <= limit:
                return runs[index] + length
        return at + length

    def _comment_end(self, after: int, end: int) -> int:
        index = bisect.bisect_left(self._comment_ends, after)
        if index < len(self._comment_ends) and self._comment_ends[index] + 3 <= end:
            return self._comment_ends[index] + 3
        return end

    def _bracket_info(self, at: int) -> tuple[int | None, bool, bool]:
        """The `]` closing the `[` at `at` within its paragraph (None if unclosed, or if `at` is no bracket,
        being escaped or in code), and whether the bracket holds an @key, or an @ naming nothing."""
        for start, end, brackets in reversed(self._ranges):
            if start <= at < end:
                index = brackets.find(at)
                if index < 0 or brackets.closes[index] < 0:
                    return None, False, False
                return brackets.closes[index], bool(brackets.key[index]), bool(brackets.bare[index])
        return None, False, False

    def bracket_end(self, at: int, end: int) -> int | None:
        """Index of the `]` matching the `[` at `at`, within the paragraph; None if unclosed."""
        close = self._bracket_info(at)[0]
        return close if close is not None and close < end else None

    def _closed_later(self, at: int, limit: int) -> bool:
        """Whether a `]` follows `at` in the paragraph."""
        index = bisect.bisect_right(self._closers, at)
        return index < len(self._closers) and self._closers[index] < limit

    def _cites_later(self, at: int, limit: int, start: int) -> bool:
        """Whether an @key follows `at` before `limit` (the last one before each limit is found once)."""
        last = self._cited_before.get(limit)
        if last is None:
            last, probe = -1, limit
            while True:
                probe = self.text.rfind("@", start, probe)
                if probe < 0:
                    break
                if CITE_KEY.match(self.text, probe, limit):
                    last = probe
                    break
            self._cited_before[limit] = last
        return last > at

    def _footnote_ref(self, at: int, end: int) -> int | None:
        """The end of a footnote reference `[^label]` at `at`, or None."""
        if self.text[at + 1 : at + 2] != "^":
            return None
        begin, stop = self._label_stop
        if not begin <= at + 2 <= stop:
            found = _LABEL_STOP.search(self.text, at + 2)
            begin, stop = at + 2, found.start() if found else len(self.text)
            self._label_stop = (begin, stop)
        if stop > at + 2 and stop < end and self.text[stop] == "]":
            return stop + 1
        return None

    # -- the scan -----------------------------------------------------------------------------------

    def scan(self, start: int, end: int) -> list:
        self._index(start, end)
        return self._scan(start, end, 0)

    def _scan(self, start: int, end: int, depth: int) -> list:
        text = self.text
        items: list = []
        i = start
        while i < end:
            match = _INTEREST.search(text, i, end)
            if match is None:
                break
            token = match.group()
            at = match.start()
            if token.startswith("\\"):
                i = match.end()
            elif token.startswith("`"):
                i = self._code_span(at, len(token), end)
            elif token == "<!--":
                i = self._comment_end(match.end(), end)
            elif token == "<":
                tag = _AUTOLINK_OR_TAG.match(text, at, end)
                i = tag.end() if tag else at + 1
            elif token.startswith(("http", "www")):
                url = _URL.match(text, at, end)
                i = url.end() if url else at + 1
            elif token == "^[":
                close = self.bracket_end(at + 1, end)
                if close is None:
                    i = match.end()
                    continue
                note = InlineNote(at, close + 1, at + 2, close)
                # A note inside a note is reported by the builder, which never reads what that one holds:
                # only the outer note is scanned (so nesting never recurses).
                note.items = self._scan(at + 2, close, depth + 1) if depth == 0 else []
                items.append(note)
                i = close + 1
            elif token == "[":
                i = self._bracket(at, end, items)
            else:  # a bare @
                i = self._bare(at, end, items)
        return items

    def _bracket(self, at: int, end: int, items: list) -> int:
        text = self.text
        ref = self._footnote_ref(at, end)
        if ref is not None:
            items.append(Ref(at, ref, text[at + 2 : ref - 1]))
            return ref
        close, has_key, has_bare = self._bracket_info(at)
        if close is None or close >= end:
            limit = self._limit(at, end)
            if not self._closed_later(at, limit) and self._cites_later(at, limit, at):
                self.problems.append(Problem(at, "citation is not closed: add ']'"))
            return at + 1
        after = text[close + 1 : close + 2]
        if after == "(":
            destination = self._parenthesis_end(close + 1, end)
            return destination if destination else close + 1  # a link: its text and destination left alone
        if after == "[" or (after == ":" and (at == 0 or text[at - 1] == "\n")):
            return close + 1  # a reference link or a link reference definition
        if not has_key and not has_bare:
            return at + 1  # ordinary brackets: look inside them
        inside = text[at + 1 : close]
        try:
            cites = parse_group(inside)
        except CitationSyntaxError as error:
            self.problems.append(Problem(at + 1 + error.offset, f"malformed citation [{_shorten(inside)}]: {error}"))
            return close + 1
        items.append(Group(at, close + 1, cites, tuple(at + 1 + c.key_offset for c in cites)))
        return close + 1

    def _parenthesis_end(self, at: int, end: int) -> int | None:
        """The end of a link destination `(…)` at `at`: its `)` within 2,000 characters and the paragraph."""
        close = self._parens.get(at)
        if close is None or close >= min(end, at + 2000):
            return None
        return close + 1

    def _bare(self, at: int, end: int, items: list) -> int:
        text = self.text
        key = _BARE_KEY.match(text, at + 1, end)
        if not key:
            return at + 1
        stop = key.end()
        cite_key = (key.group("braced") or key.group("plain")).strip()
        locator, suffix = None, ""
        following = _LOCATOR_AFTER.match(text, stop, end)
        if following:
            close, has_key, _ = self._bracket_info(following.end() - 1)
            if (
                close is not None
                and close < end
                and text[close + 1 : close + 2] not in ("(", "[")
                and not has_key
                and not text[following.end()] == "^"
            ):
                locator, suffix = parse_locator(text[following.end() : close])
                stop = close + 1
        cite = Cite(cite_key, 0, locator=locator, suffix=suffix)
        items.append(Group(at, stop, (cite,), (at + 1 + (1 if key.group("braced") else 0),), in_text=True))
        return stop


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
