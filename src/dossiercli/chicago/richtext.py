"""Rich text done once: plain and italic spans, rendered to each target by one function.

Citations are built as `Rich` values; no formatter writes target markup by hand.
Quotation marks are typographic characters in the text itself; `normalise` moves
periods and commas inside closing quotation marks (CMOS 6.9), lets a title's own
? or ! stand for the period that would follow it while a following comma is kept
(CMOS 17 6.119: “The Clash of Civilizations?,” *Foreign Affairs*), and makes every
straight quotation mark and apostrophe typographic, in every field (6.115).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from dossiercli.markup import is_linkable, markdown_autolink, safe_url

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE = "\u201c", "\u201d", "\u2018", "\u2019"
EN_DASH, THREE_EM_DASH = "\u2013", "\u2014\u2014\u2014"
TARGETS = ("text", "markdown", "html", "latex", "rtf")


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    italic: bool = False
    url: bool = False  # a URL or DOI link: never re-punctuated, linked where the target can
    # The rule that placed this text (an id in `chicago.sections.RULES`), for `--explain`; no target renders it.
    rule: str | None = field(default=None, compare=False)


class Tagged(str):
    """A plain-text part of a citation that remembers the rule that placed it (`chicago.sections`).
    String operations on it give plain `str`, so the tag only lasts while the part is used as it is."""

    rule: str | None = None


class Rich:
    """A sequence of spans. Build with +, `italic()`, `quoted()`; render with `render()`."""

    __slots__ = ("spans",)

    def __init__(self, *parts: str | Span | Rich):
        spans: list[Span] = []
        for part in parts:
            if isinstance(part, Rich):
                spans.extend(part.spans)
            elif isinstance(part, Span):
                spans.append(part)
            elif part:
                spans.append(Span(part, False, False, part.rule) if type(part) is Tagged else Span(part))
        self.spans = tuple(s for s in spans if s.text)

    @classmethod
    def of_spans(cls, spans) -> Rich:
        """A `Rich` of spans known to be non-empty, without `__init__`'s checks (the tagging is on every builder)."""
        rich = cls.__new__(cls)
        rich.spans = tuple(spans)
        return rich

    def __add__(self, other: str | Span | Rich) -> Rich:
        return Rich(self, other)

    def __radd__(self, other: str) -> Rich:
        return Rich(other, self)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __eq__(self, other) -> bool:
        """Equal when they render alike: the same text in the same styles, however split into spans."""
        return isinstance(other, Rich) and _runs(self.spans) == _runs(other.spans)

    def __repr__(self) -> str:
        return f"Rich({self.plain()!r})"

    def plain(self) -> str:
        return "".join(span.text for span in self.spans)

    def endswith(self, suffix: str | tuple[str, ...]) -> bool:
        return self.plain().endswith(suffix)

    @staticmethod
    def join(separator: str, parts) -> Rich:
        out: list = []
        for index, part in enumerate(p for p in parts if p):
            if index:
                out.append(separator)
            out.append(part)
        return Rich(*out)


def _runs(spans: tuple[Span, ...]) -> list[tuple[str, bool, bool]]:
    out: list[tuple[str, bool, bool]] = []
    for span in spans:
        if out and not span.url and not out[-1][2] and out[-1][1] == span.italic:
            out[-1] = (out[-1][0] + span.text, span.italic, False)
        else:
            out.append((span.text, span.italic, span.url))
    return out


def with_rule(part, rule: str | None):
    """`part` (a `Rich`, a `str`, or None) tagged with `rule` wherever it has no rule of its own:
    the rule of the most specific builder that placed a piece of text wins."""
    if rule is None or not part:
        return part
    if isinstance(part, Rich):
        return Rich.of_spans(s if s.rule else Span(s.text, s.italic, s.url, rule) for s in part.spans)
    if isinstance(part, str):
        if getattr(part, "rule", None):
            return part
        tagged = Tagged(part)
        tagged.rule = rule
        return tagged
    return part


def italic(text: str | Rich) -> Rich:
    if isinstance(text, Rich):
        return Rich(*(Span(s.text, True, rule=s.rule) for s in text.spans))
    return Rich(Span(text, True, rule=getattr(text, "rule", None)))


def link(url: str) -> Rich:
    return Rich(Span(url, url=True, rule=getattr(url, "rule", None)))


def quoted(text: str) -> Rich:
    """A title in double quotation marks; quotation marks inside it become single (CMOS 13.30)."""
    return Rich(Span(OPEN_DOUBLE + swap_inner_quotes(text) + CLOSE_DOUBLE, rule=getattr(text, "rule", None)))


def swap_inner_quotes(text: str) -> str:
    text = re.sub(r'"(?=\w)|(?<=\s)"|^"', OPEN_SINGLE, text)
    text = text.replace('"', CLOSE_SINGLE)
    text = text.replace(OPEN_DOUBLE, OPEN_SINGLE).replace(CLOSE_DOUBLE, CLOSE_SINGLE)
    return typographic_apostrophes(text)


def typographic_apostrophes(text: str) -> str:
    """Straight apostrophes and single quotes to typographic ones: Iran's -> Iran’s, 'Large' -> ‘Large’."""
    text = re.sub(r"(?<=\w)'", CLOSE_SINGLE, text)
    text = re.sub(r"'(?=(?:tis|twas|em|til|cause|round|n|\d\ds?)(?![A-Za-z]))", CLOSE_SINGLE, text, flags=re.I)  # ’Tis
    text = re.sub(r"'(?=\w)", OPEN_SINGLE, text)
    return text.replace("'", CLOSE_SINGLE)


_CLOSERS = CLOSE_DOUBLE + CLOSE_SINGLE
_OPENING_CONTEXT = " \t\n([{\u2014\u2013/" + OPEN_DOUBLE + OPEN_SINGLE


_ELISION = re.compile(r"(?:tis|twas|em|til|cause|round|n|\d\ds?)(?![A-Za-z])", re.IGNORECASE)


def _typographic_quote(ch: str, before: str, ahead: str = "") -> str:
    """A straight quote as the typographic one its place asks for (CMOS 6.115): one pass over every field.
    An apostrophe for elided letters is one even at a word's start: ’Tis, ’90s, rock ’n’ roll (6.115, 7.30)."""
    if ch == "'" and (not before or before in _OPENING_CONTEXT) and _ELISION.match(ahead):
        return CLOSE_SINGLE
    if ch == '"':
        return OPEN_DOUBLE if not before or before in _OPENING_CONTEXT else CLOSE_DOUBLE
    if before.isalnum() or (before and before in ".,!?" + CLOSE_DOUBLE + CLOSE_SINGLE):
        return CLOSE_SINGLE  # an apostrophe (McDonald’s) or a closing single quote
    return OPEN_SINGLE if not before or before in _OPENING_CONTEXT else CLOSE_SINGLE


def normalise(rich: Rich) -> Rich:
    """Apply the typography and the American punctuation rules across span boundaries.

    Works run by run (a run: text of one style, or a URL that moves as one piece) and stops only at
    periods and commas, the characters the rules move or drop."""
    runs: list[list] = []  # [text, style]: style is (italic, rule), or the URL's own Span

    def add(text: str, style) -> None:
        if text:
            if runs and runs[-1][1] == style and type(style) is tuple:
                runs[-1][0] += text
            else:
                runs.append([text, style])

    for span in _typographic(rich.spans):
        if span.url:
            runs.append([span.text, span])
            continue
        style = (span.italic, span.rule)
        text, position = span.text, 0
        for match in _MOVABLE.finditer(text):
            index = match.start()
            add(text[position:index], style)
            position = index + 1
            _punctuate(runs, text[index], style, add)
        add(text[position:], style)
    return Rich.of_spans(style if type(style) is Span else Span(text, style[0], rule=style[1]) for text, style in runs)


_MOVABLE = re.compile(r"[.,]")


def _punctuate(runs: list[list], ch: str, style, add) -> None:
    """A period or comma after closing quotation marks goes inside them: "Title”," -> "Title,”"; after a
    title's own ? or ! (or "Jr.") a period is dropped, as that mark stands for it (6.9, 6.119)."""
    if not runs or type(runs[-1][1]) is Span:
        add(ch, style)
        return
    closers: list[tuple[str, object]] = []  # the closing quotation marks at the end, last first
    before = ""
    for index in range(len(runs) - 1, -1, -1):
        text, run_style = runs[index]
        if type(run_style) is Span:
            break
        end = len(text)
        while end and text[end - 1] in _CLOSERS and not _apostrophe(runs, index, end - 1):
            end -= 1
            closers.append((text[end], run_style))
        if end:
            before, before_style = text[end - 1], run_style
            break
    if ch == "." and before and before in "?!.":
        return
    if not closers:
        add(ch, style)
        return
    if not before:  # only closing quotes so far: the mark goes first, as the character walk did
        before_style = closers[-1][1]
    for _ in closers:  # take the closers off the end
        runs[-1][0] = runs[-1][0][:-1]
        if not runs[-1][0]:
            runs.pop()
    add(ch, before_style)
    for c, closer_style in reversed(closers):
        add(c, closer_style)


def _apostrophe(runs: list[list], index: int, position: int) -> bool:
    """A ’ that closes no ‘ is an apostrophe (“The Students’.”), never a quotation mark to put a period
    inside: walk back from it to the opening double quotation mark (URLs are passed over)."""
    if runs[index][0][position] != CLOSE_SINGLE:
        return False
    depth = 0
    for run_index in range(index, -1, -1):
        text, style = runs[run_index]
        if type(style) is Span:
            continue
        for ch in reversed(text[:position] if run_index == index else text):
            if ch == CLOSE_SINGLE:
                depth += 1
            elif ch == OPEN_SINGLE:
                if depth == 0:
                    return False
                depth -= 1
            elif ch == OPEN_DOUBLE:
                return True
    return True


def _typographic(spans: tuple[Span, ...]) -> list[Span]:
    """Straight quotes and apostrophes made typographic in every span but URLs, each judged by the
    character before it (which may end the previous span) and the letters after it."""
    out: list[Span] = []
    previous = ""
    for span in spans:
        text = span.text
        if span.url or ('"' not in text and "'" not in text):
            out.append(span)
            previous = text[-1:] or previous
            continue
        converted: list[str] = []
        for index, ch in enumerate(text):
            if ch in "\"'":
                ch = _typographic_quote(ch, converted[-1] if converted else previous, text[index + 1 : index + 7])
            converted.append(ch)
        out.append(Span("".join(converted), span.italic, rule=span.rule))
        previous = converted[-1] if converted else previous
    return out


# -- targets ---------------------------------------------------------------------------------------

_ASCII = str.maketrans(
    {OPEN_DOUBLE: '"', CLOSE_DOUBLE: '"', OPEN_SINGLE: "'", CLOSE_SINGLE: "'", EN_DASH: "-", "\u2014": "--"}
)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1


def render(rich: Rich, target: str = "text", ascii_quotes: bool = False) -> str:
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}")
    spans = tuple(
        s if not _CONTROL.search(s.text) else Span(_CONTROL.sub("", s.text), s.italic, s.url) for s in rich.spans
    )  # no target has a use for them; terminals obey them (issue: escape injection)
    if ascii_quotes:
        spans = tuple(s if s.url else Span(s.text.translate(_ASCII), s.italic) for s in spans)
    return _RENDERERS[target](merged(spans))


def merged(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Neighbouring spans of one style as one (spans split where the rules that placed them change,
    which no target shows: "*The Washington Post*" stays one italic run, whatever placed its pieces)."""
    if len(spans) < 2:
        return spans
    return tuple(Span(text, italic, url) for text, italic, url in _runs(spans))


def _text(spans) -> str:
    return "".join(s.text for s in spans)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")  # & too: "&amp;" would be read as an entity


def _markdown(spans) -> str:
    out = []
    for s in spans:
        if s.url:  # a CommonMark autolink: nothing inside is escaped, so the URL is percent-encoded
            out.append(markdown_autolink(s.text, lambda text: _MD_SPECIAL.sub(r"\\\1", text)))
            continue
        text = _MD_SPECIAL.sub(r"\\\1", s.text)
        if s.italic:
            # Keep white space outside the markers: "*Title* " not "*Title *".
            stripped = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            text = f"{lead}*{stripped}*{trail}" if stripped else text
        out.append(text)
    return "".join(out)


def _html(spans) -> str:
    out = []
    for s in spans:
        text = html.escape(s.text)
        if s.url and is_linkable(s.text):
            out.append(f'<a href="{html.escape(safe_url(s.text))}">{text}</a>')
            continue
        out.append(text if s.url else f"<i>{text}</i>" if s.italic else text)
    return "".join(out)


_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    OPEN_DOUBLE: "``",
    CLOSE_DOUBLE: "''",
    OPEN_SINGLE: "`",
    CLOSE_SINGLE: "'",
    EN_DASH: "--",
    "\u2014": "---",
    '"': "\\textquotedbl{}",
}


def latex_escape(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


# Accents as LaTeX writes them, keyed by Unicode combining mark: "Ḥ" = H + U+0323 -> \d{H}.
_LATEX_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0306": "u",
    "\u0307": ".",
    "\u0308": '"',
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0323": "d",
    "\u0327": "c",
    "\u0328": "k",
    "\u0331": "b",
}
_DOTLESS_BEFORE = frozenset("\u0300\u0301\u0302\u0303\u0304\u0306\u0308")  # accents above i and j
# Letters without a decomposition, and the transliteration marks of Arabic names (ʿayn, hamza).
_LATEX_LETTERS = {
    "ı": r"\i{}",
    "ȷ": r"\j{}",
    "ł": r"\l{}",
    "Ł": r"\L{}",
    "ø": r"\o{}",
    "Ø": r"\O{}",
    "æ": r"\ae{}",
    "Æ": r"\AE{}",
    "œ": r"\oe{}",
    "Œ": r"\OE{}",
    "ß": r"\ss{}",
    "å": r"\aa{}",
    "Å": r"\AA{}",
    "ʿ": r"\textquoteleft{}",
    "ʾ": r"\textquoteright{}",
    "…": r"\ldots{}",
    "\u00a0": "~",
    "§": r"\S{}",
    "¶": r"\P{}",
    "©": r"\copyright{}",
    "£": r"\pounds{}",
    "°": r"\ensuremath{^\circ}",
    "×": r"\ensuremath{\times}",
    "¡": r"\textexclamdown{}",
    "¿": r"\textquestiondown{}",
}
_LIGATURE_PAIRS = frozenset(("``", "''", "--", "!`", "?`", ",,"))  # TeX ligatures across two characters


def latex_text(text: str) -> str:
    """Escaped LaTeX in ASCII for pdflatex: accents as commands, adjacent quotation marks kept apart.

    Characters whose LaTeX forms would merge into a ligature (a closing single quote then a
    closing double one: three apostrophes, read by TeX as double then single) are kept
    apart with {}.
    Characters LaTeX has no command for (Arabic script, CJK) are left for XeLaTeX/LuaLaTeX.
    """
    out: list[str] = []
    for ch in text:
        if ch == "`":
            token = r"\textasciigrave{}"  # a typed backtick, not TeX's opening quote
        elif ch.isascii() or ch in _LATEX:
            token = _LATEX.get(ch, ch)
        elif ch in _LATEX_LETTERS:
            token = _LATEX_LETTERS[ch]
        else:
            token = _latex_accented(ch)
        if out and out[-1][-1:] + token[:1] in _LIGATURE_PAIRS:
            out.append("{}")  # ’” is '{}'' and –— is --{}---: TeX would join them otherwise
        out.append(token)
    return "".join(out)


def _latex_accented(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if not marks or not base.isascii() or any(mark not in _LATEX_ACCENTS for mark in marks):
        return ch
    text = {"i": r"\i{}", "j": r"\j{}"}.get(base, base) if marks[0] in _DOTLESS_BEFORE else base
    for mark in marks:
        text = f"\\{_LATEX_ACCENTS[mark]}{{{text}}}"
    return text


def _latex(spans) -> str:
    return "".join(rf"\textit{{{latex_text(s.text)}}}" if s.italic else latex_text(s.text) for s in spans)


def rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch if ch >= " " else " ")
        else:
            # \uN with a signed 16-bit N and '?' as the fallback; astral characters as surrogate pairs.
            for unit in _utf16_units(ch):
                out.append(f"\\u{unit - 65536 if unit > 32767 else unit}?")
    return "".join(out)


def _utf16_units(ch: str) -> list[int]:
    data = ch.encode("utf-16-le")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def _rtf(spans) -> str:
    return "".join(f"{{\\i {rtf_escape(s.text)}}}" if s.italic else rtf_escape(s.text) for s in spans)


_RENDERERS = {"text": _text, "markdown": _markdown, "html": _html, "latex": _latex, "rtf": _rtf}
