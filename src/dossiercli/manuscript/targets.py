"""A built manuscript in each target: Markdown footnotes, LaTeX, a standalone HTML page, RTF.

Markdown keeps the writer's text byte for byte and only swaps placeholders for
`[^n]` and appends the definitions. The other targets read the writer's Markdown with
markdown-it (CommonMark, tables, strikethrough, typographic quotes as pandoc's `smart`
extension makes them) and write each block themselves; notes become the target's own
footnotes (`\\footnote{}`, `{\\footnote …}`, linked `<sup>` references), and every
piece of text is escaped for the target (citations by `chicago.render`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from dossiercli.chicago.richtext import Rich, _typographic_quote, latex_text, render, rtf_escape
from dossiercli.manuscript.build import INLINE_CLOSE, INLINE_OPEN, NOTE_CLOSE, NOTE_OPEN, PLACEHOLDER, Built, Note
from dossiercli.markup import is_linkable, safe_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

TARGETS = ("markdown", "latex", "html", "rtf")


class Document:
    """What every target needs: the built manuscript, the bibliography, and the rendering choices."""

    def __init__(
        self,
        built: Built,
        bibliography: list[Rich],
        bibliography_title: str = "Bibliography",
        ascii_quotes: bool = False,
        title: str | None = None,
    ):
        self.built = built
        self.bibliography = bibliography
        self.bibliography_title = bibliography_title
        self.ascii_quotes = ascii_quotes
        self.title = title or built.title
        self.notes: dict[int, Note] = {note.number: note for note in built.notes}

    def rich(self, rich: Rich, target: str) -> str:
        if target == "latex" and any(span.url for span in rich.spans):
            # URLs and DOIs as \url{}, which breaks them across lines (the preamble loads xurl and
            # hyperref); everything else as `render` writes it.
            return "".join(
                latex_url(span.text)
                if span.url and is_linkable(span.text)
                else render(Rich(span), target, self.ascii_quotes)
                for span in rich.spans
            )
        return render(rich, target, self.ascii_quotes)


def latex_url(url: str) -> str:
    """`\\url{…}`, safe inside a footnote's argument: characters RFC 3986 does not allow (spaces, braces,
    backslashes, letters outside ASCII) percent-encoded, and `%` and `#` escaped, as hyperref's \\url reads them."""
    return "\\url{" + safe_url(url).replace("%", "\\%").replace("#", "\\#") + "}"


def _byline(authors: list[str]) -> str:
    """'Jane Doe', 'Jane Doe and John Roe', 'A, B, and C': the front matter's authors under the title."""
    if len(authors) <= 2:
        return " and ".join(authors)
    return ", ".join(authors[:-1]) + ", and " + authors[-1]


def write(document: Document, target: str) -> str:
    return {"markdown": to_markdown, "latex": to_latex, "html": to_html, "rtf": to_rtf}[target](document)


def _substitute(
    text: str,
    note: Callable[[int], str],
    inline: Callable[[int], str],
    plain: Callable[[str], str] = lambda s: s,
    placeholder: re.Pattern[str] = PLACEHOLDER,
) -> str:
    """Escape the text between placeholders with `plain`; placeholders become `note(n)` / `inline(k)`."""
    out, cursor = [], 0
    for match in placeholder.finditer(text):
        out.append(plain(text[cursor : match.start()]))
        out.append(note(int(match.group(1))) if match.group(1) else inline(int(match.group(2))))
        cursor = match.end()
    out.append(plain(text[cursor:]))
    return "".join(out)


# -- Markdown ---------------------------------------------------------------------------------------


def to_markdown(document: Document) -> str:
    built = document.built

    def inline(index: int) -> str:
        return document.rich(built.inline[index], "markdown")

    body = _substitute(built.body, lambda n: f"[^{n}]", inline)
    parts = [body]
    if document.bibliography:
        items = "\n\n".join(document.rich(item, "markdown") for item in document.bibliography)
        parts.append(f"## {document.bibliography_title}\n\n{items}\n")
    if built.notes:
        definitions = []
        for note in built.notes:
            if note.generated is not None:
                text = document.rich(note.generated, "markdown")
            else:
                text = _substitute(note.own or "", lambda n: f"[^{n}]", inline)
                text = "\n".join(
                    ("    " + line if line.strip() else "") if index else line
                    for index, line in enumerate(text.split("\n"))
                )
            definitions.append(f"[^{note.number}]: {text}")
        parts.append("\n\n".join(definitions) + "\n")
    return "\n".join(part for part in parts if part)


# -- the Markdown reader shared by the other targets ------------------------------------------------


# What markdown-it reads in place of a note reference. A note number stands after a word or its
# punctuation, so the reader must take it as punctuation: a closing quotation mark or emphasis
# marker before it closes, exactly as before a comma or a space. The builder's private-use
# placeholder reads as a letter, so `"defensive."[^1]` kept its straight quotes and `_word_[^1]`
# its underscores (issue 23, item 9). Two rare punctuation characters (Unicode Po) stand in while
# markdown-it reads; an inline placeholder (an author named in the text, a citation set in a
# writer's note) stands for words and keeps its letter-like private-use characters.
READER_NOTE_OPEN, READER_NOTE_CLOSE = "\u2e00", "\u2e01"
_NOTE_PLACEHOLDER = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")
READER_PLACEHOLDER = re.compile(f"{READER_NOTE_OPEN}(\\d+){READER_NOTE_CLOSE}|{INLINE_OPEN}(\\d+){INLINE_CLOSE}")


def for_reader(markdown: str) -> str:
    """The built Markdown as markdown-it should read it: note references as punctuation."""
    if NOTE_OPEN not in markdown:
        return markdown
    return _NOTE_PLACEHOLDER.sub(lambda m: f"{READER_NOTE_OPEN}{m.group(1)}{READER_NOTE_CLOSE}", markdown)


def _markdown_it() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only the LaTeX, HTML and RTF targets read the Markdown

    md = MarkdownIt("commonmark", {"typographer": True, "html": True})
    md.enable(["table", "strikethrough", "smartquotes"])
    md.core.ruler.after("smartquotes", "leftover_quotes", _leftover_quotes)
    return md


def _leftover_quotes(state) -> None:
    """The straight quotes markdown-it's pairing leaves, made typographic by their place as pandoc's
    `smart` does: an elision (’90s, ’tis), the opening quotation mark of a paragraph in a quotation
    that runs on into the next one (CMOS 6.12), a closing one whose opening is out of its reach.
    A quotation mark the writer escaped (`\\"`) is a `text_special` token and stays straight."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        before = " "
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                before = " "
                continue
            text = child.content
            if child.type == "text" and ('"' in text or "'" in text):
                out: list[str] = []
                for index, ch in enumerate(text):
                    if ch in "\"'":
                        ch = _typographic_quote(ch, out[-1] if out else before, text[index + 1 : index + 7])
                    out.append(ch)
                text = child.content = "".join(out)
            if text and child.type in ("text", "text_special", "code_inline", "html_inline"):
                before = text[-1]


class _BlockWriter:
    """Walks markdown-it's tokens; subclasses say how each target writes them."""

    target = "text"

    def __init__(self, document: Document):
        self.document = document
        self.md = _markdown_it()

    def blocks(self, markdown: str) -> str:
        return self.render(self.md.parse(for_reader(markdown)))

    def render(self, tokens: list[Token]) -> str:
        out: list[str] = []
        for index, token in enumerate(tokens):
            handler = getattr(self, "b_" + token.type, None)
            if token.type == "inline":
                out.append(self.inline(token.children or []))
            elif handler is not None:
                out.append(handler(token, tokens, index))
        return "".join(out)

    def inline(self, children: list[Token]) -> str:
        out: list[str] = []
        for token in children:
            handler = getattr(self, "i_" + token.type, None)
            if handler is not None:
                out.append(handler(token))
        return "".join(out)

    def i_text(self, token: Token) -> str:
        return _substitute(token.content, self.note, self.inline_citation, self.escape, READER_PLACEHOLDER)

    def inline_citation(self, index: int) -> str:
        return self.document.rich(self.document.built.inline[index], self.target)

    def note_text(self, number: int, paragraph_break: str) -> str:
        """A note's text in the target: a generated citation, or the writer's own Markdown."""
        note = self.document.notes[number]
        if note.generated is not None:
            return self.document.rich(note.generated, self.target)
        return self.own_note(note.own or "", paragraph_break)

    def own_note(self, markdown: str, paragraph_break: str) -> str:
        paragraphs = []
        for token_group in _paragraph_groups(self.md.parse(for_reader(markdown))):
            paragraphs.append(self.render(token_group).strip())
        return paragraph_break.join(p for p in paragraphs if p)

    def escape(self, text: str) -> str:
        return text

    def note(self, number: int) -> str:
        raise NotImplementedError


def _paragraph_groups(tokens: list[Token]) -> list[list[Token]]:
    """Top-level blocks of a note, each as its own token list."""
    groups, current, depth = [], [], 0
    for token in tokens:
        current.append(token)
        depth += token.nesting
        if depth == 0:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


# -- LaTeX --------------------------------------------------------------------------------------------

# Characters LaTeX takes as they are, and that never join a neighbour into a ligature; every other
# run goes through `latex_text` whole (so "-" beside "–" or "'" beside "’" is still kept apart).
_LATEX_UNSAFE = re.compile(r"[^A-Za-z0-9 \n\t.;:()+=/@*|]+")


def _latex_fast(text: str) -> str:
    """`latex_text` for a writer's prose, without walking every letter in Python (long manuscripts)."""
    return _LATEX_UNSAFE.sub(lambda match: latex_text(match.group()), text)


_LATEX_HEADINGS = {
    "h1": "section",
    "h2": "subsection",
    "h3": "subsubsection",
    "h4": "paragraph",
    "h5": "subparagraph",
    "h6": "subparagraph",
}
# URLs break across lines as biblatex lets them: xurl allows a break after any character (where it is
# installed; url's own break points otherwise), hyperref makes them links, and \Urlmuskip lets the
# space between a URL's characters stretch so that a line with a URL is not left overfull.
_LATEX_PREAMBLE = r"""\documentclass[12pt]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{textcomp}
\IfFileExists{xurl.sty}{\usepackage{xurl}}{\PassOptionsToPackage{hyphens}{url}}
\usepackage[hidelinks]{hyperref}
\urlstyle{same}
\Urlmuskip=0mu plus 1mu
\setlength{\emergencystretch}{3em}
"""


class _LaTeX(_BlockWriter):
    target = "latex"

    def __init__(self, document: Document):
        super().__init__(document)
        self.in_note = False
        self.in_autolink = False  # its text is the \url already written
        self.table_notes: list[str] | None = None  # notes met inside a table, written after it

    def escape(self, text: str) -> str:
        return _latex_fast(text)

    def note(self, number: int) -> str:
        if self.table_notes is not None:
            # \footnote is lost inside a tabular: a mark here, the text after the table.
            self.table_notes.append(self.note_text(number, "\\par "))
            return "\\footnotemark{}"
        return "\\footnote{" + self.note_text(number, "\\par ") + "}"

    def own_note(self, markdown: str, paragraph_break: str) -> str:
        self.in_note = True
        try:
            return super().own_note(markdown, paragraph_break)
        finally:
            self.in_note = False

    # blocks
    def b_paragraph_close(self, token, tokens, index):
        return "" if token.hidden else "\n\n"

    def b_heading_open(self, token, tokens, index):
        return f"\\{_LATEX_HEADINGS[token.tag]}*{{"

    def b_heading_close(self, token, tokens, index):
        return "}\n\n"

    def b_bullet_list_open(self, token, tokens, index):
        return "\\begin{itemize}\n"

    def b_bullet_list_close(self, token, tokens, index):
        return "\\end{itemize}\n\n"

    def b_ordered_list_open(self, token, tokens, index):
        start = token.attrGet("start")
        counter = f"\\setcounter{{enumi}}{{{int(start) - 1}}}\n" if start and str(start) != "1" else ""
        return "\\begin{enumerate}\n" + counter

    def b_ordered_list_close(self, token, tokens, index):
        return "\\end{enumerate}\n\n"

    def b_list_item_open(self, token, tokens, index):
        return "\\item "

    def b_list_item_close(self, token, tokens, index):
        return "\n"

    def b_blockquote_open(self, token, tokens, index):
        return "\\begin{quote}\n"

    def b_blockquote_close(self, token, tokens, index):
        return "\\end{quote}\n\n"

    def b_fence(self, token, tokens, index):
        return self._code(token.content)

    def b_code_block(self, token, tokens, index):
        return self._code(token.content)

    def _code(self, content: str) -> str:
        if self.in_note:  # verbatim cannot stand in a footnote's argument
            lines = [f"\\texttt{{{latex_text(line)}}}" for line in content.rstrip("\n").split("\n")]
            return "\\\\\n".join(lines) + "\n\n"
        return "\\begin{verbatim}\n" + content.replace("\\end{verbatim}", "\\end {verbatim}") + "\\end{verbatim}\n\n"

    def b_hr(self, token, tokens, index):
        return "\\begin{center}\\rule{0.5\\linewidth}{0.4pt}\\end{center}\n\n"

    def b_html_block(self, token, tokens, index):
        return "".join(f"% {line}\n" for line in token.content.rstrip("\n").split("\n")) + "\n"

    def b_table_open(self, token, tokens, index):
        columns = 0
        for other in tokens[index + 1 :]:
            if other.type in ("th_open", "td_open"):
                columns += 1
            elif other.type == "tr_close":
                break
        self.table_notes = []
        return "\\begin{tabular}{" + "l" * max(columns, 1) + "}\n"

    def b_table_close(self, token, tokens, index):
        notes, self.table_notes = self.table_notes or [], None
        if not notes:
            return "\\end{tabular}\n\n"
        texts = "".join(f"\\stepcounter{{footnote}}\\footnotetext{{{text}}}\n" for text in notes)
        return f"\\end{{tabular}}\n\\addtocounter{{footnote}}{{-{len(notes)}}}\n{texts}\n"

    def b_tr_close(self, token, tokens, index):
        return " \\\\\n"

    def b_th_open(self, token, tokens, index):
        return self._cell_separator(tokens, index) + "\\textbf{"

    def b_th_close(self, token, tokens, index):
        return "}"

    def b_td_open(self, token, tokens, index):
        return self._cell_separator(tokens, index)

    @staticmethod
    def _cell_separator(tokens, index) -> str:
        return "" if tokens[index - 1].type == "tr_open" else " & "

    # inline
    def i_softbreak(self, token):
        return "\n"

    def i_hardbreak(self, token):
        return "\\\\\n"

    def i_em_open(self, token):
        return "\\emph{"

    def i_em_close(self, token):
        return "}"

    def i_strong_open(self, token):
        return "\\textbf{"

    def i_strong_close(self, token):
        return "}"

    def i_s_open(self, token):  # strikethrough: the text stays, in a group of its own
        return "{"

    def i_s_close(self, token):
        return "}"

    def i_code_inline(self, token):
        return f"\\texttt{{{latex_text(token.content)}}}"

    def i_link_open(self, token):
        # An autolink shows its address already (as \url, which breaks); other links keep it after their text.
        href = str(token.attrGet("href") or "")
        if token.markup == "autolink" and is_linkable(href):
            self._href, self.in_autolink = "", True
            return latex_url(href)
        self._href = "" if token.markup == "autolink" else href
        return ""

    def i_text(self, token):
        return "" if self.in_autolink else super().i_text(token)

    def i_link_close(self, token):
        self.in_autolink = False
        href = getattr(self, "_href", "")
        if not href or href.startswith("#"):
            return ""
        return f" ({latex_url(href) if is_linkable(href) else latex_text(href)})"

    def i_image(self, token):
        return f"[{latex_text(token.content or 'image')}]"


def to_latex(document: Document) -> str:
    writer = _LaTeX(document)
    body = writer.blocks(document.built.document_body).rstrip() + "\n"
    title = f"% {document.title}\n" if document.title else ""
    heading = document.built.front_title
    shown = f"\\begin{{center}}\\Large {latex_text(heading)}\\end{{center}}\n\n" if heading else ""
    if document.built.front_authors:
        shown += f"\\begin{{center}}\\large {latex_text(_byline(document.built.front_authors))}\\end{{center}}\n\n"
    parts = [title + _LATEX_PREAMBLE, "\\begin{document}\n\n", shown, body]
    if document.bibliography:
        items = "\n\n".join(
            f"\\noindent\\hangindent=2em\\hangafter=1 {document.rich(item, 'latex')}\\par"
            for item in document.bibliography
        )
        parts.append(f"\n\\section*{{{latex_text(document.bibliography_title)}}}\n\n{items}\n")
    parts.append("\n\\end{document}\n")
    return "".join(parts)


# -- HTML ---------------------------------------------------------------------------------------------

_HTML_STYLE = """body{max-width:42em;margin:2em auto;padding:0 1em;font:18px/1.5 Georgia,serif;color:#222}
sup.footnote-ref a{text-decoration:none} section.footnotes{font-size:.9em}
.bibliography p{margin:0 0 .5em 0;padding-left:2em;text-indent:-2em} pre,code{font-size:.85em}"""


def to_html(document: Document) -> str:
    built = document.built
    md = _markdown_it()
    referenced: set[int] = set()

    def note(number: int) -> str:
        anchor = "" if number in referenced else f' id="fnref{number}"'
        referenced.add(number)
        return f'<sup class="footnote-ref"{anchor}><a href="#fn{number}" role="doc-noteref">{number}</a></sup>'

    def inline(index: int) -> str:
        return document.rich(built.inline[index], "html")

    body = _substitute(md.render(for_reader(built.document_body)), note, inline, placeholder=READER_PLACEHOLDER)
    parts = [f'<h1 class="title">{html.escape(built.front_title)}</h1>\n' if built.front_title else "", body]
    if built.front_authors:
        parts.insert(1, f'<p class="author">{html.escape(_byline(built.front_authors))}</p>\n')
    if built.notes:
        items = []
        for item in built.notes:
            back = f' <a href="#fnref{item.number}" class="footnote-back" role="doc-backlink">↩︎</a>'
            if item.generated is not None:
                text = f"<p>{document.rich(item.generated, 'html')}{back}</p>"
            else:
                text = _substitute(
                    md.render(for_reader(item.own or "")).strip(), note, inline, placeholder=READER_PLACEHOLDER
                )
                cut = text.rfind("</p>")
                text = text[:cut] + back + text[cut:] if cut >= 0 else text + back
            items.append(f'<li id="fn{item.number}">{text}</li>')
        parts.append(
            '<section class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n' + "\n".join(items) + "\n</ol>\n</section>\n"
        )
    if document.bibliography:
        entries = "\n".join(f"<p>{document.rich(item, 'html')}</p>" for item in document.bibliography)
        parts.append(
            f'<section class="bibliography">\n<h2>{html.escape(document.bibliography_title)}</h2>\n{entries}\n</section>\n'
        )
    title = html.escape(document.title or "Manuscript")
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>\n{_HTML_STYLE}\n</style>\n</head>\n<body>\n<main>\n" + "".join(parts) + "</main>\n</body>\n</html>\n"
    )


# -- RTF ----------------------------------------------------------------------------------------------

_RTF_HEADER = (
    r"{\rtf1\ansi\ansicpg1252\deff0"
    r"{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fmodern\fcharset0 Courier New;}}"
    r"{\stylesheet{\s0\f0\fs24 Normal;}{\s15\f0\fs20 footnote text;}{\*\cs16\super footnote reference;}}"
    r"\fet0\ftnbj\ftnrstcont\ftnnar"  # footnotes (not endnotes) at the bottom of the page, numbered 1, 2, 3…
    "\n"
)
_RTF_HEADING_SIZES = {"h1": 36, "h2": 30, "h3": 26, "h4": 24, "h5": 24, "h6": 24}


_RTF_UNSAFE = re.compile("[\\\\{}\x00-\x1f\x7f-\U0010ffff]+")


def _rtf_fast(text: str) -> str:
    """`rtf_escape` for a writer's prose: plain ASCII is left as it is, everything else escaped."""
    return _RTF_UNSAFE.sub(lambda match: rtf_escape(match.group()), text)


class _RTF(_BlockWriter):
    target = "rtf"

    def __init__(self, document: Document):
        super().__init__(document)
        self.indent = 0  # left indent in twips (blockquotes, lists)
        self.lists: list[list] = []  # [ordered, counter] for each open list
        self.item_start = False
        self.in_note = False

    def escape(self, text: str) -> str:
        return _rtf_fast(text)

    def note(self, number: int) -> str:
        text = self.note_text(number, "\\par\\pard\\plain\\s15\\f0\\fs20 ")
        return r"{\cs16\super\chftn}{\footnote\pard\plain\s15\f0\fs20{\cs16\super\chftn} " + text + "}"

    def own_note(self, markdown: str, paragraph_break: str) -> str:
        saved = (self.in_note, self.indent, self.lists)
        self.in_note, self.indent, self.lists = True, 0, []
        try:
            return super().own_note(markdown, paragraph_break)
        finally:
            self.in_note, self.indent, self.lists = saved

    def _pard(self, extra: str = "") -> str:
        size = 20 if self.in_note else 24
        return f"\\pard\\plain\\f0\\fs{size}\\sa120\\li{self.indent}{extra} "

    def b_paragraph_open(self, token, tokens, index):
        if self.in_note:
            return ""
        prefix = ""
        if self.item_start and self.lists:
            ordered, counter = self.lists[-1]
            prefix = f"{counter}.\\tab " if ordered else "\\bullet\\tab "
            self.item_start = False
            return self._pard(f"\\fi-360\\tx{self.indent}") + prefix
        return self._pard()

    def b_paragraph_close(self, token, tokens, index):
        return "" if self.in_note else "\\par\n"

    def b_heading_open(self, token, tokens, index):
        return f"\\pard\\plain\\f0\\sb240\\sa120\\keepn\\b\\fs{_RTF_HEADING_SIZES[token.tag]} "

    def b_heading_close(self, token, tokens, index):
        return "\\par\n"

    def _open_list(self, ordered: bool, token) -> str:
        start = int(token.attrGet("start") or 1) if ordered else 0
        self.lists.append([ordered, start - 1])
        self.indent += 360
        return ""

    def b_bullet_list_open(self, token, tokens, index):
        return self._open_list(False, token)

    def b_ordered_list_open(self, token, tokens, index):
        return self._open_list(True, token)

    def _close_list(self, *args) -> str:
        self.lists.pop()
        self.indent -= 360
        return ""

    b_bullet_list_close = _close_list
    b_ordered_list_close = _close_list

    def b_list_item_open(self, token, tokens, index):
        self.lists[-1][1] += 1
        self.item_start = True
        return ""

    def b_blockquote_open(self, token, tokens, index):
        self.indent += 720
        return ""

    def b_blockquote_close(self, token, tokens, index):
        self.indent -= 720
        return ""

    def b_fence(self, token, tokens, index):
        return self._code(token.content)

    def b_code_block(self, token, tokens, index):
        return self._code(token.content)

    def _code(self, content: str) -> str:
        lines = "\\line ".join(rtf_escape(line) for line in content.rstrip("\n").split("\n"))
        if self.in_note:
            return "{\\f1 " + lines + "}"
        return f"\\pard\\plain\\f1\\fs20\\sa120\\li{self.indent} {lines}\\par\n"

    def b_hr(self, token, tokens, index):
        return "\\pard\\plain\\brdrb\\brdrs\\brdrw10\\brsp20\\sa120 \\par\n"

    def b_tr_open(self, token, tokens, index):
        return self._pard()

    def b_tr_close(self, token, tokens, index):
        return "\\par\n"

    def b_th_open(self, token, tokens, index):
        return ("" if tokens[index - 1].type == "tr_open" else "\\tab ") + "{\\b "

    def b_th_close(self, token, tokens, index):
        return "}"

    def b_td_open(self, token, tokens, index):
        return "" if tokens[index - 1].type == "tr_open" else "\\tab "

    def i_softbreak(self, token):
        return " "

    def i_hardbreak(self, token):
        return "\\line "

    def i_em_open(self, token):
        return "{\\i "

    def i_strong_open(self, token):
        return "{\\b "

    def i_s_open(self, token):
        return "{\\strike "

    def _close(self, token):
        return "}"

    i_em_close = i_strong_close = i_s_close = _close

    def i_code_inline(self, token):
        return "{\\f1 " + rtf_escape(token.content) + "}"

    def i_link_open(self, token):
        # An autolink shows its address already; other links keep it after their text.
        self._href = "" if token.markup == "autolink" else str(token.attrGet("href") or "")
        return ""

    def i_link_close(self, token):
        href = getattr(self, "_href", "")
        return f" ({rtf_escape(href)})" if href and not href.startswith("#") else ""

    def i_image(self, token):
        return f"[{rtf_escape(token.content or 'image')}]"


def to_rtf(document: Document) -> str:
    writer = _RTF(document)
    heading = document.built.front_title
    shown = f"\\pard\\plain\\f0\\qc\\sa240\\b\\fs36 {rtf_escape(heading)}\\par\n" if heading else ""
    if document.built.front_authors:
        shown += f"\\pard\\plain\\f0\\qc\\sa240\\fs28 {rtf_escape(_byline(document.built.front_authors))}\\par\n"
    parts = [_RTF_HEADER, shown, writer.blocks(document.built.document_body)]
    if document.bibliography:
        parts.append(
            "\\pard\\plain\\f0\\sb240\\sa120\\keepn\\b\\fs30 " + rtf_escape(document.bibliography_title) + "\\par\n"
        )
        for item in document.bibliography:
            parts.append("\\pard\\plain\\f0\\fs24\\sa120\\li720\\fi-720 " + document.rich(item, "rtf") + "\\par\n")
    parts.append("}\n")
    return "".join(parts)
