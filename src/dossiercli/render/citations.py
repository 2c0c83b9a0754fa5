"""Lists of notes and bibliography entries as whole documents in each target.

Each citation is rendered by `chicago.render`; this only wraps them: numbered
lists for notes, hanging indents for a bibliography (CMOS 14.61) where the
target has them (HTML, LaTeX, RTF).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from dossiercli.chicago.richtext import Rich, latex_escape, render, rtf_escape

_RTF_HEADER = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times New Roman;}}\f0\fs24" + "\n"


def notes_document(
    notes: Sequence[tuple[int, Rich]], target: str, ascii_quotes: bool = False, title: str | None = None
) -> str:
    rendered = [(number, render(text, target, ascii_quotes)) for number, text in notes]
    if target == "html":
        items = "\n".join(f'  <li value="{n}">{t}</li>' for n, t in rendered)
        heading = f"<h2>{html.escape(title)}</h2>\n" if title else ""
        return f'{heading}<ol class="notes">\n{items}\n</ol>\n'
    if target == "latex":
        items = "\n".join(f"  \\item[{n}.] {t}" for n, t in rendered)
        heading = f"\\section*{{{latex_escape(title)}}}\n" if title else ""
        return f"{heading}\\begin{{description}}\n{items}\n\\end{{description}}\n"
    if target == "rtf":
        heading = f"{{\\b {rtf_escape(title)}}}\\par\n" if title else ""
        items = "".join(f"\\pard\\sa120 {n}. {t}\\par\n" for n, t in rendered)
        return _RTF_HEADER + heading + items + "}\n"
    heading = (f"## {title}\n\n" if target == "markdown" else f"{title}\n\n") if title else ""
    return heading + "".join(f"{n}. {t}\n" for n, t in rendered)


def bibliography_document(
    items: Sequence[Rich], target: str, ascii_quotes: bool = False, title: str = "Bibliography"
) -> str:
    rendered = [render(item, target, ascii_quotes) for item in items]
    if target == "html":
        body = "\n".join(f'  <p style="margin:0 0 .5em 0;padding-left:2em;text-indent:-2em">{t}</p>' for t in rendered)
        return f'<h2>{html.escape(title)}</h2>\n<div class="bibliography">\n{body}\n</div>\n'
    if target == "latex":
        body = "\n\n".join(f"\\noindent\\hangindent=2em\\hangafter=1 {t}\\par" for t in rendered)
        return f"\\section*{{{latex_escape(title)}}}\n{body}\n"
    if target == "rtf":
        body = "".join(f"\\pard\\li720\\fi-720\\sa120 {t}\\par\n" for t in rendered)
        return _RTF_HEADER + f"{{\\b {rtf_escape(title)}}}\\par\n" + body + "}\n"
    heading = f"## {title}\n\n" if target == "markdown" else f"{title}\n\n"
    separator = "\n\n" if target == "markdown" else "\n"
    return heading + separator.join(rendered) + "\n"
