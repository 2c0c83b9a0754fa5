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
    "backticks in a bracket": ("[", "`a"),
    "link openings": "[x](",
    "link destinations": "[x](y) ",
    "bare keys before a bracket": "@a [",
    "bare keys with locators": "@a [p. 3] ",
    "semicolons in a group": ("[@a", "; @a"),
    "footnote references": "[^1] ",
    "definitions and code blocks": "[^1]: x\n\n```\nx\n```\n\n",
    "many definitions": "x[^a]\n\n[^a]: note\n\n",
    "lines of unclosed brackets": "[@a\n",
}


def manuscript(shape, size: int) -> str:
    if isinstance(shape, tuple):
        opening, closing = shape
        count = size // (len(opening) + len(closing))
        return opening * count + closing * count if closing != "`a" else opening + closing * count
    return shape * (size // len(shape))
