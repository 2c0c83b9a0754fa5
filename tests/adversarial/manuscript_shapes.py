"""Manuscripts that make a scanner look ahead again and again: unclosed or nested brackets, footnote labels,
code spans, links, comments, long lines. Used by test_hostile_manuscripts.py and
benchmarks/bench_manuscript_slope.py (which shows the slope of the work against the size)."""

from __future__ import annotations

SHAPES = {
    "unclosed [@": "[@",
    "unclosed [": "[",
    "unclosed ^[": "^[",
    "unclosed [^": "[^",
    "unclosed @{": "@{",
    "unclosed <!--": "<!--",
    "unclosed <a": "<a ",
    "escaped \\[": "\\[@a",
    "nested brackets": ("[", "]"),
    "nested inline notes": ("^[", "]"),
    "nested citation groups": ("[@a ", "]"),
    "closed brackets on one line": "[a] ",
    "citations on one line": "[@a, p. 3] ",
    "inline notes with citations": "^[see @a]. ",
    "backticks in a bracket": ("[", "`a", ""),
    "emphasis openers in a prefix": ("[", "*a ", "@lake2007]"),
    "emphasis openers in a suffix": ("[@lake2007, ", "_x ", "]"),
    "a heading of line separators": ("# H", "\u2028", "x\n"),
    "a heading of spaces": ("# H", " \t", "x\n"),
    "a front matter title of spaces": ("---\ntitle: x", " \t", "y\n---\n"),
    "link openings": "[x](",
    "link destinations": "[x](y) ",
    "bare keys before a bracket": "@a [",
    "bare keys with locators": "@a [p. 3] ",
    "semicolons in a group": ("[@a", "; @a", "]"),
    "footnote references": "[^1] ",
    "definitions and code blocks": "[^1]: x\n\n```\nx\n```\n\n",
    "many definitions": "x[^a]\n\n[^a]: note\n\n",
    "lines of unclosed brackets": "[@a\n",
}


def manuscript(shape, size: int) -> str:
    """About `size` characters of a shape: a piece repeated; (opening, closing) nested; (head, piece, tail)."""
    if isinstance(shape, tuple) and len(shape) == 3:
        head, piece, tail = shape
        return head + piece * (size // len(piece)) + tail
    if isinstance(shape, tuple):
        opening, closing = shape
        count = size // (len(opening) + len(closing))
        return opening * count + closing * count
    return shape * (size // len(shape))
