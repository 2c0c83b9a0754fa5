"""Notes as footnotes to paste into a text: `[^n]: …` definitions (Markdown) or `\\footnote{…}` (LaTeX)."""

from __future__ import annotations

from collections.abc import Sequence

from dossiercli.chicago.richtext import Rich, render

FOOTNOTE_TARGETS = ("markdown", "latex")


def footnotes(notes: Sequence[tuple[int, Rich]], target: str, ascii_quotes: bool = False) -> str:
    """One footnote per note: Markdown `[^1]: text` (GitHub and pandoc), LaTeX `\\footnote{text}` to put in place."""
    if target not in FOOTNOTE_TARGETS:
        raise ValueError(f"footnotes are written in {' or '.join(FOOTNOTE_TARGETS)}, not {target!r}")
    if target == "latex":
        return "".join(f"\\footnote{{{render(text, 'latex', ascii_quotes)}}}\n" for _, text in notes)
    return "\n".join(f"[^{number}]: {render(text, 'markdown', ascii_quotes)}\n" for number, text in notes)
