"""Pandoc's citation syntax, one citation group at a time.

    [see @lake2007, 23; also @wright2007, pp. 3-5, emphasis added]
     ^^^ prefix      ^^ locator   ^^^^^^^^^^ ^^^^^^ locator with label ^ suffix

A group is split at semicolons; each part names exactly one source (`@key`, or
`@{key with odd characters}`), with an optional prefix before it, `-` before the
`@` to leave the author out, and after it an optional locator (a CSL label such as
`p.`, `chap.`, `sec.`, `para.`, `n.`, `l.`, `fig.`, `vol.` followed by numbers; a
bare number is a page; `{…}` for a locator with spaces) and a suffix. The rules
follow pandoc's citeproc: without a label, each locator word must hold a digit
("23", "A19", "3–5"); with one, roman numerals count too ("p. xiv").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossiercli.chicago.titles import page_range

# A key starts with a letter, digit or _, and may hold internal punctuation (pandoc's rule).
KEY = r"(?:\{(?P<braced>[^{}\s][^{}]*)\}|(?P<plain>\w+(?:[:.#$%&\-+?<>~/]+\w+)*))"
CITE_KEY = re.compile(r"(?<![\w@\\])(?P<minus>-?)@" + KEY)
BARE_AT = re.compile(r"(?<![\w@\\])-?@(?![\w{])")  # an @ that starts no key: "[@]", "[see @ 23]"


class CitationSyntaxError(ValueError):
    """A malformed citation group; `offset` is relative to the group's text."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Locator:
    label: str  # a CSL locator term: "page", "chapter", "section"…
    value: str  # as written, with hyphens between numbers made en dashes: "3–5", "A19", "xiv"

    def chicago(self) -> str:
        """As a Chicago note prints it: pages bare ("23"), other labels abbreviated ("chap. 2", "secs. 3–4")."""
        value = page_range(self.value)
        abbreviations = LABELS[self.label]
        if not abbreviations:
            return value
        singular, plural = abbreviations
        many = bool(re.search(r"[–,&]|\band\b", value))
        return f"{plural if many else singular} {value}"


# CSL locator terms -> Chicago's abbreviations in notes (CMOS 10.43, 14.154–158); None: the number alone.
LABELS: dict[str, tuple[str, str] | None] = {
    "page": None,
    "chapter": ("chap.", "chaps."),
    "section": ("sec.", "secs."),
    "paragraph": ("para.", "paras."),
    "note": ("n.", "nn."),
    "line": ("line", "lines"),
    "figure": ("fig.", "figs."),
    "volume": ("vol.", "vols."),
    "book": ("bk.", "bks."),
    "part": ("pt.", "pts."),
    "column": ("col.", "cols."),
    "number": ("no.", "nos."),
    "opus": ("op.", "opp."),
    "verse": ("v.", "vv."),
    "sub-verbo": ("s.v.", "s.vv."),
    "folio": ("fol.", "fols."),
    "issue": ("no.", "nos."),
    "appendix": ("app.", "apps."),
    "table": ("table", "tables"),
    "article": ("art.", "arts."),
    "equation": ("eq.", "eqs."),
    "scene": ("sc.", "scs."),
    "act": ("act", "acts"),
    "canon": ("canon", "canons"),
    "rule": ("rule", "rules"),
    "title": ("tit.", "tits."),
    "algorithm": ("alg.", "algs."),
    "supplement": ("supp.", "supps."),
    "version": ("version", "versions"),
    "timestamp": None,
}

# What a writer may type for each label (pandoc's English terms, long and short, singular and plural).
_TYPED = {
    "page": "p. pp. pg. pgs. page pages",
    "chapter": "chap. chaps. ch. chs. chapter chapters",
    "section": "sec. secs. section sections § §§",
    "paragraph": "para. paras. par. pars. paragraph paragraphs ¶ ¶¶",
    "note": "n. nn. note notes",
    "line": "l. ll. line lines",
    "figure": "fig. figs. figure figures",
    "volume": "vol. vols. volume volumes",
    "book": "bk. bks. book books",
    "part": "pt. pts. part parts",
    "column": "col. cols. column columns",
    "number": "no. nos. number numbers",
    "opus": "op. opp. opus opera",
    "verse": "v. vv. verse verses",
    "sub-verbo": "s.v. s.vv. sv sub-verbo",
    "folio": "fol. fols. folio folios",
    "issue": "issue issues",
    "appendix": "app. apps. appendix appendices",
    "table": "tab. tabs. table tables",
    "article": "art. arts. article articles",
    "equation": "eq. eqs. equation equations",
    "scene": "sc. scs. scene scenes",
    "act": "act acts",
    "canon": "canon canons",
    "rule": "rule rules",
    "title": "tit. tits. title titles",
    "algorithm": "alg. algs. algorithm algorithms",
    "supplement": "supp. supps. supplement supplements",
    "version": "version versions",
    "timestamp": "timestamp timestamps",
}
TYPED_LABELS: dict[str, str] = {typed.casefold(): label for label, words in _TYPED.items() for typed in words.split()}
TYPED_LABELS["sub verbo"] = "sub-verbo"
_LABEL = re.compile(
    r"(?P<label>"
    + "|".join(re.escape(t) for t in sorted(TYPED_LABELS, key=len, reverse=True))
    + r")(?:\s+|(?<=[.§¶])(?=\S))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\s,;]+")
_SEPARATOR = re.compile(r"\s*,?\s*")
_ROMAN = re.compile(r"^\(?[ivxlcdm]+\)?(?:[-–][ivxlcdm]+)?[.)]?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cite:
    key: str
    key_offset: int  # where the key starts, relative to the group's text
    prefix: str = ""  # Markdown inline text, as written
    locator: Locator | None = None
    suffix: str = ""  # Markdown inline text after the locator: ", emphasis added"
    suppress_author: bool = False


def parse_group(text: str) -> tuple[Cite, ...]:
    """The citations of a bracketed group's inside text ("see @a, 23; @b"), or CitationSyntaxError."""
    cites = []
    start = 0
    for part in _split_semicolons(text):
        cites.append(_parse_part(part, start))
        start += len(part) + 1
    return tuple(cites)


def _split_semicolons(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def _parse_part(part: str, base: int) -> Cite:
    bare = BARE_AT.search(part)
    if bare:
        raise CitationSyntaxError("'@' without a source id after it", base + bare.start())
    keys = list(CITE_KEY.finditer(part))
    if not keys:
        shown = part.strip() or "(nothing)"
        raise CitationSyntaxError(f"{shown!r} names no source: each part between ';' needs one @id", base)
    if len(keys) > 1:
        raise CitationSyntaxError(
            f"two sources in one part (@{_key(keys[0])} and @{_key(keys[1])}): separate them with ';'",
            base + keys[1].start(),
        )
    match = keys[0]
    key = _key(match)
    prefix = " ".join(part[: match.start()].split())  # a group may run over lines
    locator, suffix = parse_locator(" ".join(part[match.end() :].split()))
    key_offset = base + match.start() + len(match.group("minus")) + 1 + (1 if match.group("braced") else 0)
    return Cite(key, key_offset, prefix, locator, suffix, bool(match.group("minus")))


def _key(match: re.Match) -> str:
    return (match.group("braced") or match.group("plain")).strip()


def parse_locator(rest: str) -> tuple[Locator | None, str]:
    """', pp. 3-5, emphasis added' -> (Locator('page', '3–5'), ', emphasis added'); no locator -> (None, rest)."""
    text = rest.lstrip()
    if text.startswith(","):
        text = text[1:].lstrip()
    if text.startswith("{"):
        end = text.find("}")
        if end > 0:
            inside = text[1:end].strip()
            label_match = _LABEL.match(inside)
            label = TYPED_LABELS[label_match.group("label").casefold()] if label_match else "page"
            value = inside[label_match.end() :].strip() if label_match else inside
            return Locator(label, value), text[end + 1 :].strip()
    label_match = _LABEL.match(text)
    explicit = label_match is not None
    label = TYPED_LABELS[label_match.group("label").casefold()] if label_match else "page"
    position = label_match.end() if label_match else 0
    value_end: int | None = None
    scan = position
    while True:
        separator = _SEPARATOR.match(text, scan) if value_end is not None else None
        word = _WORD.match(text, separator.end() if separator else scan)
        if not word or not _locator_word(word.group(), explicit):
            break
        value_end = scan = word.end()
    if value_end is None:
        return None, rest.strip()  # a suffix keeps its leading comma: ", emphasis added"
    return Locator(label, _plain(text[position:value_end].strip())), text[value_end:].strip()


def _plain(value: str) -> str:
    """A locator is plain text: `**32**` -> `32`."""
    return re.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", value)


def _locator_word(word: str, explicit: bool) -> bool:
    if any(ch.isdigit() for ch in word):
        return True
    return explicit and bool(_ROMAN.match(word))
