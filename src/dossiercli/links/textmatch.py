"""Is a quoted passage in a page's text? Found, or the closest passage with a score and a word diff.

Both texts are normalised the same way before they are compared: Unicode compatibility
forms (ligatures such as "ﬁ", non-breaking spaces, "…"), soft hyphens and zero-width
characters dropped, every quotation mark and apostrophe made straight, every dash a
hyphen standing apart ("—", "--" and " - " compare equal), white space collapsed, case
folded. An excerpt with an ellipsis ("…", "...", "[…]") is found when its pieces are,
in order.

When the excerpt is not there, its words are aligned against the page's: runs of three
words the two share vote for where the passage should be, the best few places are scored
with difflib on words, and the best becomes the closest passage (in the page's own
words), with its similarity and a word diff in git's style ([-removed-]{+added+}).
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_TABLE = {ord(c): "-" for c in DASHES}
_TABLE.update({ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"})
_TABLE.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e"})
_TABLE.update({ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"})
_INVISIBLE = {ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}  # soft hyphens, zero-width
_DASH_RUN = re.compile(r"-+")
_TOKEN = re.compile(rf"[^\s\-{DASHES}]+|[\-{DASHES}]+")
_ELLIPSIS = re.compile(r"\s*\[?\s*\.\s*\.\s*\.\s*\]?\s*")
CHANGED_AT = 0.6  # a closest passage at least this similar is "changed"; below, the excerpt is "missing"


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_TABLE).casefold()
    return " ".join(_DASH_RUN.sub(" - ", text).split())


@dataclass
class Tokens:
    """A text's normalised words, each with where it stands in the original."""

    words: list[str]
    spans: list[tuple[int, int]]
    text: str

    @classmethod
    def of(cls, text: str) -> Tokens:
        words, spans = [], []
        for match in _TOKEN.finditer(text):
            chunk = match.group()
            if chunk.isascii() and chunk.isprintable() and "`" not in chunk:  # only case to fold here
                words.append(chunk.lower() if chunk[0] != "-" else "-")
                spans.append(match.span())
                continue
            for word in normalize(chunk).split():
                words.append(word)
                spans.append(match.span())
        return cls(words, spans, text)

    def original(self, start: int, end: int) -> str:
        """The original text of words start..end-1."""
        if start >= end:
            return ""
        return self.text[self.spans[start][0] : self.spans[end - 1][1]]


def _find_from(haystack: str, needle: str, start: int) -> int:
    """Where `needle` stands in `haystack` at or after `start` as whole words at its edges, or -1."""
    while True:
        at = haystack.find(needle, start)
        if at < 0:
            return -1
        before = haystack[at - 1] if at > 0 else " "
        after = haystack[at + len(needle)] if at + len(needle) < len(haystack) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return at
        start = at + 1


def contains(page: str, passage: str) -> bool:
    """Whether the normalised `passage` stands in the normalised `page` (ellipses: its pieces, in order)."""
    pieces = [p.strip() for p in _ELLIPSIS.split(passage) if p.strip()]
    at = 0
    for piece in pieces:
        found = _find_from(page, piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return bool(pieces)


@dataclass
class Closest:
    similarity: float  # 0..1, difflib's ratio on words
    passage: str  # the page's own text of the closest passage
    diff: str  # git-style word diff from the excerpt to the passage: [-removed-]{+added+}, with context
    changes: list[tuple[str, str]]  # (removed, added) word runs


def _shingles(words: list[str], size: int) -> dict[tuple[str, ...], list[int]]:
    index: dict[tuple[str, ...], list[int]] = {}
    for i, run in enumerate(zip(*(words[k:] for k in range(size)), strict=False)):  # runs end with the shortest
        index.setdefault(run, []).append(i)
    return index


def closest(page: Tokens, excerpt: Tokens, places: int = 3) -> Closest | None:
    """The passage of `page` most like `excerpt`, or None when they share no words in a row."""
    n = len(excerpt.words)
    if not n or not page.words:
        return None
    votes: Counter[int] = Counter()
    for size in (3, 2, 1):
        if n < size:
            continue
        where = _shingles(excerpt.words, size)
        for j, run in enumerate(zip(*(page.words[k:] for k in range(size)), strict=False)):
            for i in where.get(run, ())[:20]:  # a run the excerpt repeats votes little
                votes[j - i] += 1
        if votes:
            break
    if not votes:
        return None
    best = None
    slack = max(5, n // 5)
    for offset, _ in votes.most_common(places):
        lo, hi = max(0, offset - slack), min(len(page.words), offset + n + slack)
        matcher = difflib.SequenceMatcher(None, excerpt.words, page.words[lo:hi], autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks:
            continue
        start, end = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
        # the excerpt's own words before its first and after its last match are compared with the page's there
        start = max(lo, start - blocks[0].a)
        end = min(hi, end + (n - blocks[-1].a - blocks[-1].size))
        matcher = difflib.SequenceMatcher(None, excerpt.words, page.words[start:end], autojunk=False)
        ratio = matcher.ratio()
        if best is None or ratio > best[0]:
            best = (ratio, start, end, matcher)
    if best is None:
        return None
    ratio, start, end, matcher = best
    passage = page.original(start, end).translate(_INVISIBLE)
    # rounded down: one word changed in a long passage must not read as 1.0
    return Closest(math.floor(ratio * 1000) / 1000, passage, *_word_diff(matcher, excerpt, page, start))


def _word_diff(matcher, excerpt: Tokens, page: Tokens, offset: int, context: int = 4) -> tuple[str, list]:
    hunks, changes = [], []
    opcodes = matcher.get_opcodes()
    for tag, a1, a2, b1, b2 in opcodes:
        if tag == "equal":
            continue
        removed = excerpt.original(a1, a2).translate(_INVISIBLE)
        added = page.original(offset + b1, offset + b2).translate(_INVISIBLE)
        changes.append((removed, added))
        before = excerpt.original(max(0, a1 - context), a1)
        after = excerpt.original(a2, min(len(excerpt.words), a2 + context))
        piece = (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")
        lead = "…" if a1 - context > 0 else ""
        tail = "…" if a2 + context < len(excerpt.words) else ""
        hunks.append(f"{lead}{before} {piece} {after}{tail}".strip())
    return " | ".join(hunks), changes
