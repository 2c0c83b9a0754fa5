"""LaTeX in BibTeX values, both ways: decoded to Unicode on import, encoded on export.

Decoding (`decode`) reads what real .bib files hold: accents in every spelling (\\'e, \\'{e},
{\\'e}, \\c c, \\"{\\i}), special letters (\\ss, \\o, \\ae), escapes, TeX ligatures (-- ---
``…''), commands that keep their argument (\\emph, \\mbox, \\texttt, \\url, \\href's text),
biblatex's localisation keys (\\bibstring{andothers} -> et al.), \\noopsort (sorting only),
citations (\\cite{k} -> [k]) and math: to Unicode where the result is exact ($\\mu$m -> μm,
$10^{3}$ -> 10³), otherwise kept as `$…$` TeX, which `encode` writes back as math.
Braces that only protect capitals go. An unknown macro is kept as text (`\\foo{bar}`),
never dropped and never an error. One linear pass, no recursion beyond a fixed depth:
any input decodes in time proportional to its length.

Encoding (`encode`) writes text that every BibTeX-family parser reads back as written:
braces are always balanced (a literal brace is \\textbraceleft{}), specials escaped,
`ascii_only` gives pure ASCII (accents as {\\'i}, letters as {\\o}).
"""

from __future__ import annotations

import re
import unicodedata

# -- decoding --------------------------------------------------------------------------------------

ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
    "t": "\u0361",
}
LETTERS = {
    "ss": "ß",
    "SS": "SS",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dj": "đ",
    "DJ": "Đ",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textendash": "–",
    "textemdash": "—",
    "textbackslash": "\\",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textdollar": "$",
    "textsterling": "£",
    "pounds": "£",
    "euro": "€",
    "texteuro": "€",
    "copyright": "©",
    "textcopyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "S": "§",
    "textsection": "§",
    "P": "¶",
    "textparagraph": "¶",
    "textdegree": "°",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guillemetleft": "«",
    "guillemetright": "»",
    "og": "«",
    "fg": "»",
    "textquotedbl": '"',
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "textperiodcentered": "·",
    "textbullet": "•",
    "dag": "†",
    "ddag": "‡",
    "textdagger": "†",
    "textdaggerdbl": "‡",
    "textcent": "¢",
    "textyen": "¥",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "quotedblbase": "„",
    "textasciigrave": "`",
    "textasciiacute": "´",
    "textquotesingle": "'",
    "textonehalf": "½",
    "textonequarter": "¼",
    "textthreequarters": "¾",
    "textmu": "µ",
    "textperthousand": "‰",
    "textnumero": "№",
    "quad": " ",
    "qquad": " ",
    "space": " ",
    "nobreakspace": " ",
    "addspace": " ",
    "addnbspace": " ",
    "addabbrvspace": " ",
    "hyphen": "-",
    "slash": "/",
    "addcomma": ",",
    "adddot": ".",
    "addperiod": ".",
    "addcolon": ":",
    "addsemicolon": ";",
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "LuaTeX": "LuaTeX",
    "textordfeminine": "ª",
    "textordmasculine": "º",
    "textsuperscriptone": "¹",
    "textminus": "−",
}
# textcomp's symbols as Zotero's and Better BibTeX's exports write them (issue 27: 7,166 records of one library).
_TEXTCOMP = {
    "textasciimacron": "¯",
    "texttimes": "×",
    "textdiv": "÷",
    "textrightarrow": "→",
    "textleftarrow": "←",
    "textuparrow": "↑",
    "textdownarrow": "↓",
    "textpm": "±",
    "textonehalf": "½",
    "textonequarter": "¼",
    "textthreequarters": "¾",
    "textcelsius": "℃",
    "textperthousand": "‰",
    "textcent": "¢",
    "textyen": "¥",
    "textsection": "§",
    "textparagraph": "¶",
    "textasciiacute": "´",
    "textasciibreve": "˘",
    "textasciicaron": "ˇ",
    "textasciidieresis": "¨",
    "textacutedbl": "˝",
    "textlnot": "¬",
    "textsurd": "√",
    "textquotesingle": "'",
    "textasteriskcentered": "∗",
    "textbrokenbar": "¦",
    "textcurrency": "¤",
    "textestimated": "℮",
    "textnumero": "№",
    "textohm": "Ω",
    "textmho": "℧",
    "textlangle": "〈",
    "textrangle": "〉",
    "textfractionsolidus": "⁄",
    "texttwosuperior": "²",
    "textthreesuperior": "³",
    "textbigcircle": "◯",
    "textmusicalnote": "♪",
    "textreferencemark": "※",
    "textinterrobang": "‽",
    "textopenbullet": "◦",
    "textlquill": "⁅",
    "textrquill": "⁆",
    "textcircledP": "℗",
    "textservicemark": "℠",
}
# Cyrillic in T2A's names, as Zotero writes it in ASCII exports: {\cyrchar\CYRA}.
_CYRILLIC_NAMES = (
    "A B V G D E YO ZH Z I ISHRT K L M N O P R S T U F H C CH SH SHCH HRDSN ERY SFTSN EREV YU YA IE II YI GUP DJE "
    "TSHE LJE NJE DZHE JE DZE USHRT"
).split()
_CYRILLIC_LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЄІЇҐЂЋЉЊЏЈЅЎ"
CYRILLIC = {"CYR" + n: c for n, c in zip(_CYRILLIC_NAMES, _CYRILLIC_LETTERS, strict=True)}
CYRILLIC.update({"cyr" + n.lower(): c.lower() for n, c in zip(_CYRILLIC_NAMES, _CYRILLIC_LETTERS, strict=True)})
for _table in (_TEXTCOMP, CYRILLIC):
    for _key, _char in _table.items():
        LETTERS.setdefault(_key, _char)

# Commands that print nothing in a bibliography value.
SILENT = frozenset(
    """relax protect em it bf sc tt rm sf sl itshape bfseries scshape ttfamily rmfamily sffamily
    upshape mdseries normalfont slshape small footnotesize scriptsize tiny large Large LARGE huge Huge normalsize
    cyrchar
    selectlanguage unskip ignorespaces nocorr frenchspacing nonfrenchspacing allowbreak linebreak newline par
    break bibrangedash noindent hfill vfill smallskip medskip bigskip hspace vspace kern""".split()
)
# Commands whose argument is discarded with them (\\noopsort sorts only; \\hspace{1em} is space).
DROPS_ARGUMENT = frozenset(
    {
        "noopsort",
        "sortnoop",
        "SortNoop",
        "noop",
        "NoOp",
        "hspace",
        "vspace",
        "kern",
        "selectlanguage",
        "label",
        "index",
        "footnote",
        "vphantom",  # Zotero's {\vphantom} artefact: an empty strut
        "hphantom",
        "phantom",
    }
)
# Commands that print their (last) argument unchanged.
KEEPS_ARGUMENT = frozenset(
    """textit textbf emph textsc textup textsl textrm textsf texttt textmd textnormal mbox
    hbox text textsuperscript textsubscript underline uline mkbibemph mkbibitalic mkbibbold mkbibacro
    textls mkbibsuperscript mkbibsubscript textlatin textenglish textgerman textfrench textspanish textitalian
    textgreek textrussian textarabic texthebrew textcyrillic textdutch hyphenation nolinkurl path
    textzh textja textko textchinese textjapanese textkorean textsanskrit texthindi textpersian textturkish
    NoCaseChange nocase""".split()
)
VERBATIM_ARGUMENT = frozenset({"url", "nolinkurl", "path"})
CITES = frozenset(
    """cite citet citep citealt citealp citeauthor citeyear parencite textcite autocite footcite
    smartcite supercite fullcite nocite Cite Parencite Textcite Autocite""".split()
)
# biblatex's localisation keys (english.lbx, long forms) as Chicago-minded readers expect them.
BIBSTRINGS = {
    "andothers": "et al.",
    "andmore": "et al.",
    "editor": "editor",
    "editors": "editors",
    "translator": "translator",
    "translators": "translators",
    "compiler": "compiler",
    "volume": "volume",
    "volumes": "volumes",
    "jourser": "series",
    "newseries": "new series",
    "oldseries": "old series",
    "edition": "edition",
    "number": "number",
    "chapter": "chapter",
    "section": "section",
    "page": "page",
    "pages": "pages",
    "mathesis": "Master's thesis",
    "phdthesis": "PhD thesis",
    "candthesis": "Candidate thesis",
    "techreport": "technical report",
    "resreport": "research report",
    "software": "computer software",
    "datacd": "CD-ROM",
    "audiocd": "audio CD",
    "urlseen": "visited on",
    "inpreparation": "in preparation",
    "submitted": "submitted",
    "forthcoming": "forthcoming",
    "inpress": "in press",
    "prepublished": "pre-published",
    "reprint": "reprint",
    "reprintof": "reprint of",
    "translationof": "translation of",
    "origpubin": "originally published in",
    "in": "in",
    "inseries": "in",
    "ofseries": "of",
    "and": "and",
    "director": "director",
    "producer": "producer",
    "introduction": "introduction",
    "foreword": "foreword",
    "afterword": "afterword",
    "bypublisher": "by",
    "byeditor": "edited by",
    "bytranslator": "translated by",
    "withcommentator": "with a commentary by",
    "nodate": "n.d.",
    "january": "January",
    "february": "February",
    "march": "March",
    "april": "April",
    "may": "May",
    "june": "June",
    "july": "July",
    "august": "August",
    "september": "September",
    "october": "October",
    "november": "November",
    "december": "December",
    "patent": "patent",
    "patentus": "U.S. patent",
    "countryus": "United States",
    "countryuk": "United Kingdom",
    "countryde": "Germany",
    "countryfr": "France",
    "langenglish": "English",
    "langgerman": "German",
    "langfrench": "French",
    "fromenglish": "from the English",
    "fromgerman": "from the German",
    "fromfrench": "from the French",
}
_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ϵ",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "varpi": "ϖ",
    "rho": "ρ",
    "varrho": "ϱ",
    "sigma": "σ",
    "varsigma": "ς",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "ϕ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
}
MATH_SYMBOLS = {
    **_GREEK,
    "times": "×",
    "not": "\u0338",
    "cdotp": "·",
    "pm": "±",
    "mp": "∓",
    "cdot": "·",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "∼",
    "simeq": "≃",
    "equiv": "≡",
    "infty": "∞",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "leftrightarrow": "↔",
    "Rightarrow": "⇒",
    "Leftarrow": "⇐",
    "Leftrightarrow": "⇔",
    "ldots": "…",
    "cdots": "⋯",
    "prime": "′",
    "partial": "∂",
    "nabla": "∇",
    "sum": "∑",
    "prod": "∏",
    "int": "∫",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "subseteq": "⊆",
    "cup": "∪",
    "cap": "∩",
    "emptyset": "∅",
    "forall": "∀",
    "exists": "∃",
    "neg": "¬",
    "wedge": "∧",
    "vee": "∨",
    "ell": "ℓ",
    "hbar": "ℏ",
    "degree": "°",
    "circ": "∘",
    "bullet": "∙",
    "star": "⋆",
    "ast": "∗",
    "div": "÷",
    "propto": "∝",
    "ll": "≪",
    "gg": "≫",
    "langle": "⟨",
    "rangle": "⟩",
    "%": "%",
    "{": "{",
    "}": "}",
    "&": "&",
    "#": "#",
    "$": "$",
    "_": "_",
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    " ": " ",
    "quad": " ",
    "log": "log",
    "sin": "sin",
    "cos": "cos",
    "exp": "exp",
    "ln": "ln",
    "max": "max",
    "min": "min",
    "lim": "lim",
}
MATH_ACCENTS = {
    "acute": "\u0301",
    "grave": "\u0300",
    "ddot": "\u0308",
    "tilde": "\u0303",
    "bar": "\u0304",
    "breve": "\u0306",
    "check": "\u030c",
    "dot": "\u0307",
    "hat": "\u0302",
}
_SUPERSCRIPTS = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True))
_SUBSCRIPTS = dict(zip("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", strict=True))
MATH_ROMAN = frozenset({"mathrm", "text", "textrm", "mbox", "operatorname", "mathnormal"})

_HINT = re.compile(r"[\\{}$~`'-]")
_WORD = re.compile(r"[A-Za-z]+")
MAX_DEPTH = 40  # arguments nested deeper than this are kept as raw text (no recursion bombs)


class _Reader:
    """A cursor over one value; every method consumes input, so decoding is linear."""

    __slots__ = ("text", "i", "n")

    def __init__(self, text: str) -> None:
        self.text, self.i, self.n = text, 0, len(text)

    def skip_spaces(self) -> None:
        while self.i < self.n and self.text[self.i] in " \t\n\r":
            self.i += 1

    def group(self) -> str | None:
        """The raw text of a {…} group at the cursor (braces removed), or None when there is none."""
        self.skip_spaces()
        if self.i >= self.n or self.text[self.i] != "{":
            return None
        depth, start, i = 0, self.i + 1, self.i
        while i < self.n:
            ch = self.text[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    self.i = i + 1
                    return self.text[start:i]
            i += 1
        self.i = self.n  # unbalanced: the rest is the argument
        return self.text[start:]

    def optional(self) -> str | None:
        """An optional [..] argument."""
        save = self.i
        self.skip_spaces()
        if self.i < self.n and self.text[self.i] == "[":
            end = self.text.find("]", self.i)
            if end != -1:
                value, self.i = self.text[self.i + 1 : end], end + 1
                return value
        self.i = save
        return None

    def argument(self) -> str:
        """A mandatory argument: a group, a control sequence, or one character."""
        group = self.group()
        if group is not None:
            return group
        if self.i >= self.n or self.text[self.i] == "}":
            return ""  # {\d}: no argument (the group closes), never the closing brace
        if self.text[self.i] == "\\":
            match = _WORD.match(self.text, self.i + 1)
            end = match.end() if match else self.i + 2
            value, self.i = self.text[self.i : end], end
            return value
        value, self.i = self.text[self.i], self.i + 1
        return value


def decode(text: str) -> str:
    """LaTeX to Unicode, white space collapsed: M\\"uller -> Müller, {NATO} -> NATO, -- -> –."""
    if not _HINT.search(text):
        return " ".join(text.split())
    out = " ".join(_decode(text, 0).split())
    if "\u0338" in out:  # So{$\not$}rensen: o with a slash is ø
        out = unicodedata.normalize("NFC", out.replace("o\u0338", "ø").replace("O\u0338", "Ø"))
    return out


def _decode(text: str, depth: int) -> str:
    if depth > MAX_DEPTH:
        return text
    out: list[str] = []
    r = _Reader(text)
    t, n = text, r.n
    open_single = False
    while r.i < n:
        ch = t[r.i]
        if ch == "\\":
            r.i += 1
            out.append(_command(r, depth))
        elif ch in "{}":
            r.i += 1
        elif ch == "$":
            out.append(_math_span(r, depth))
        elif ch == "~":
            r.i += 1
            out.append(" ")
        elif ch == "-" and t.startswith("--", r.i):
            if t.startswith("---", r.i):
                out.append("—")
                r.i += 3
            else:
                out.append("–")
                r.i += 2
        elif ch == "`":
            if t.startswith("``", r.i):
                out.append("“")
                r.i += 2
            else:
                out.append("‘")
                open_single = True
                r.i += 1
        elif ch == "'" and t.startswith("''", r.i):
            out.append("”")
            r.i += 2
        elif ch == "'" and open_single and not t[r.i + 1 : r.i + 2].isalpha():
            out.append("’")  # closes a `…' quotation; an apostrophe elsewhere stays as typed
            open_single = False
            r.i += 1
        else:
            start = r.i
            r.i += 1
            while r.i < n and t[r.i] not in "\\{}$~-`'":
                r.i += 1
            out.append(t[start : r.i])
    return "".join(out)


def _command(r: _Reader, depth: int) -> str:
    """The command after a backslash (the cursor is past it)."""
    t = r.text
    if r.i >= r.n:
        return "\\"
    match = _WORD.match(t, r.i)
    if not match:  # a control symbol
        ch = t[r.i]
        r.i += 1
        if ch in ACCENTS and ch not in "=.":
            return _accent(ch, r, depth)
        if ch in "=." and r.i < r.n and (t[r.i].isalpha() or t[r.i] in "{\\"):
            return _accent(ch, r, depth)
        if ch in "&%$#_{}":
            return ch
        if ch == "\\":
            return " "
        if ch in " ,;:!>":
            return " "
        if ch in "-/@":
            return ""
        if ch == "(":
            end = t.find("\\)", r.i)
            if end != -1:
                inner, r.i = t[r.i : end], end + 2
                return _math(inner, depth)
        return "\\" + ch
    name = match.group()
    r.i = match.end()
    if len(name) == 1 and name in ACCENTS:
        return _accent(name, r, depth)
    if name in LETTERS:
        if r.i < r.n and t.startswith("{}", r.i):
            r.i += 2
        else:
            r.skip_spaces()  # TeX eats the spaces after a control word: Stra\\ss e is Straße, \\TeX book TeXbook
        return LETTERS[name]
    if name in SILENT:
        if name in ("hspace", "vspace", "kern"):
            r.group()
        return ""
    if name in DROPS_ARGUMENT:
        r.argument()
        return ""
    if name in VERBATIM_ARGUMENT:
        return r.argument()
    if name in KEEPS_ARGUMENT:
        return _decode(r.argument(), depth + 1)
    if name == "href":
        r.argument()
        return _decode(r.argument(), depth + 1)
    if name in (
        "enquote",
        "mkbibquote",
        "mkbibparens",
        "mkbibbrackets",
        "autocap",
        "uppercase",
        "lowercase",
        "MakeUppercase",
        "MakeLowercase",
        "MakeTextUppercase",
        "MakeTextLowercase",
        "capitalize",
    ):
        if name == "enquote" and r.i < r.n and t[r.i] == "*":
            r.i += 1
        inner = _decode(r.argument(), depth + 1)
        if name in ("enquote", "mkbibquote"):
            return f"“{inner}”"
        if name == "mkbibparens":
            return f"({inner})"
        if name == "mkbibbrackets":
            return f"[{inner}]"
        if name in ("uppercase", "MakeUppercase", "MakeTextUppercase"):
            return inner.upper()
        if name in ("lowercase", "MakeLowercase", "MakeTextLowercase"):
            return inner.lower()
        return inner[:1].upper() + inner[1:]
    if name in ("bibstring", "bibsstring", "biblstring", "bibcpstring", "bibcplstring", "bibcpsstring"):
        key = r.argument().strip()
        value = BIBSTRINGS.get(key, key)
        return value[:1].upper() + value[1:] if "cp" in name else value
    if name == "foreignlanguage" or name == "foreignquote":
        r.optional()
        r.argument()
        inner = _decode(r.argument(), depth + 1)
        return f"“{inner}”" if name == "foreignquote" else inner
    if name in CITES:
        while r.optional() is not None:
            pass
        keys = r.argument()
        return "[" + ", ".join(k.strip() for k in keys.split(",") if k.strip()) + "]"
    if name in ("dossierchar", "symbol"):
        number = r.argument().strip()
        return chr(int(number)) if number.isdigit() and int(number) < 0x110000 else ""
    if name == "ensuremath":
        return _math(r.argument(), depth)
    if name == "char":
        match = re.match(r"\s*(?:\"([0-9A-Fa-f]+)|'([0-7]+)|(\d+))", t[r.i : r.i + 12])
        if match:
            r.i += match.end()
            hexa, octal, dec = match.groups()
            code = int(hexa, 16) if hexa else int(octal, 8) if octal else int(dec)
            return chr(code) if code < 0x110000 else ""
    # Unknown: kept as text, with its braced arguments as written.
    kept = ["\\" + name]
    while r.i < r.n and t[r.i] == "{":
        kept.append("{" + (r.group() or "") + "}")
    return "".join(kept)


def _accent(mark: str, r: _Reader, depth: int) -> str:
    arg = r.argument()
    if arg.startswith("\\"):
        base = {"\\i": "i", "\\j": "j"}.get(arg.strip(), None)
        if base is None:
            base = _decode(arg, depth + 1)
    else:
        base = _decode(arg, depth + 1) if ("\\" in arg or "{" in arg) else arg
    if not base:
        return ACCENTS[mark].replace("\u0303", "~") if mark == "~" else ""
    return unicodedata.normalize("NFC", base[0] + ACCENTS[mark] + base[1:])


def _math_span(r: _Reader, depth: int) -> str:
    t = r.text
    double = t.startswith("$$", r.i)
    start = r.i + (2 if double else 1)
    end = start
    while True:
        end = t.find("$", end)
        if end == -1:
            r.i += 1
            return "$"  # a lone dollar sign is a dollar sign
        if t[end - 1] != "\\":
            break
        end += 1
    r.i = end + (2 if double and t.startswith("$$", end) else 1)
    return _math(t[start:end], depth)


def _math(source: str, depth: int) -> str:
    """Math as Unicode when every piece has an exact Unicode form, else kept as $TeX$."""
    converted = _math_unicode(source, depth)
    if converted is not None:
        return converted
    return "$" + " ".join(source.split()) + "$"


def _math_unicode(source: str, depth: int) -> str | None:
    out: list[str] = []
    r = _Reader(source)
    while r.i < r.n:
        ch = source[r.i]
        if ch == "\\":
            match = _WORD.match(source, r.i + 1)
            name = match.group() if match else source[r.i + 1 : r.i + 2]
            r.i += 1 + len(name)
            if name in MATH_SYMBOLS:
                out.append(MATH_SYMBOLS[name])
            elif name in MATH_ACCENTS:  # $\\acute{\\iota}$: ί, as the export writes an accented Greek letter
                inner = _math_unicode(r.argument(), depth + 1) if depth < MAX_DEPTH else None
                if not inner:
                    return None
                out.append(unicodedata.normalize("NFC", inner[0] + MATH_ACCENTS[name] + inner[1:]))
            elif name in MATH_ROMAN:
                inner = r.argument()
                decoded = _math_unicode(inner, depth + 1) if depth < MAX_DEPTH else None
                if decoded is None:
                    return None
                out.append(decoded)
            else:
                return None
        elif ch in "^_":
            r.i += 1
            arg = r.argument()
            table = _SUPERSCRIPTS if ch == "^" else _SUBSCRIPTS
            if arg in ("\\circ", "\\degree") and ch == "^":
                out.append("°")
            elif arg and all(c in table for c in arg):
                out.append("".join(table[c] for c in arg))
            else:
                return None
        elif ch in "{}":
            r.i += 1
        elif ch.isspace():
            r.i += 1
            if out and out[-1] != " ":
                out.append(" ")
        elif ch.isalnum() or ch in "+-=<>()[],./|!?:;'*":
            out.append("−" if ch == "-" and out and out[-1].strip() else ch)
            r.i += 1
        else:
            return None
    return "".join(out).strip()


_ACCENT_ARG = r"\\([`'^\"~=.]|[uvHcdbrkt](?![A-Za-z]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))"
_ACCENT_IN_NAME = re.compile(r"\{" + _ACCENT_ARG + r"\}|" + _ACCENT_ARG)
_LETTER_IN_NAME = re.compile(
    r"\{\\(ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i|j|dh|DH|th|TH|ng|NG|dj|DJ)\}|"
    r"\\(ss|o|O|ae|AE|oe|OE|aa|AA|l|L|dh|DH|th|TH|ng|NG|dj|DJ)(?:\{\}|(?![A-Za-z]))"
)


def decode_accents(text: str) -> str:
    """Accents and special letters as Unicode, everything else untouched: run on a name list
    before it is split, so that Jo\\~{a}o is one word (BibTeX's ~ is also a tie between words)."""
    if "\\" not in text:
        return text

    def accent(match: re.Match) -> str:
        groups = match.groups()
        mark, first, second = groups[0:3] if groups[0] else groups[3:6]
        base = (first or second).replace("\\i", "i").replace("\\j", "j")
        return unicodedata.normalize("NFC", base + ACCENTS[mark])

    text = _ACCENT_IN_NAME.sub(accent, text)
    return _LETTER_IN_NAME.sub(lambda m: LETTERS[m.group(1) or m.group(2)], text)


# -- encoding --------------------------------------------------------------------------------------

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    '"': r"{\textquotedbl}",
    "\u2013": "--",
    "\u2014": "---",
    "`": r"\textasciigrave{}",  # a typed backtick, not TeX's opening quote
}
_ASCII_ONLY = {
    "\u2018": r"\textquoteleft{}",
    "\u2019": r"\textquoteright{}",
    "\u201c": r"\textquotedblleft{}",
    "\u201d": r"\textquotedblright{}",
    "\u00a0": "~",
}
_ASCII_LETTERS = {
    "ß": r"{\ss}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "å": r"{\aa}",
    "Å": r"{\AA}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "ı": r"{\i}",
    "ȷ": r"{\j}",
    "ð": r"{\dh}",
    "Ð": r"{\DH}",
    "þ": r"{\th}",
    "Þ": r"{\TH}",
    "đ": r"{\dj}",
    "Đ": r"{\DJ}",
    "…": r"\ldots{}",
    "£": r"\pounds{}",
    "€": r"\texteuro{}",
    "©": r"\textcopyright{}",
    "®": r"\textregistered{}",
    "™": r"\texttrademark{}",
    "§": r"\S{}",
    "¶": r"\P{}",
    "°": r"\textdegree{}",
    "«": r"\guillemotleft{}",
    "»": r"\guillemotright{}",
    "¡": r"\textexclamdown{}",
    "¿": r"\textquestiondown{}",
    "·": r"$\cdotp$",  # \textperiodcentered in a title overflows biblatex-chicago's stack under pdflatex
    "•": r"\textbullet{}",
    "†": r"\textdagger{}",
    "‡": r"\textdaggerdbl{}",
    "ʿ": r"\textquoteleft{}",
    "ʾ": r"\textquoteright{}",
    "′": "'",
    "−": "-",
    "×": r"\texttimes{}",
    "±": r"\textpm{}",
    "½": r"\textonehalf{}",
    "µ": r"\textmu{}",
    "„": r"\quotedblbase{}",
    "‚": r"\quotesinglbase{}",
    "‹": r"\guilsinglleft{}",
    "›": r"\guilsinglright{}",
}
_MARKS = {mark: cmd for cmd, mark in ACCENTS.items()}
_MARKS["\u0304"] = "="
_LIGATURES = ("''", "``", "--", "!`", "?`")
# A math span as `decode` keeps it (pandoc's rule: no space inside the dollars, no digit after), holding TeX.
_MATH = re.compile(r"\$(?=[^\s$])([^$]*?[^\s\\$])\$(?!\d)")


def encode(text: str, ascii_only: bool = False) -> str:
    """Text as a BibTeX value that reads back as the same text, braces balanced whatever it holds."""
    if "$" in text:
        pieces, last = [], 0
        for match in _MATH.finditer(text):
            inner = match.group(1)
            # Math only where decoding gives this very text back (as `decode` keeps TeX it cannot convert).
            if (
                any(c in inner for c in "\\^_")
                and _balanced(inner)
                and _math(inner, 0) == match.group(0)
                and (inner.isascii() or not ascii_only)
            ):
                pieces.append(_encode_text(text[last : match.start()], ascii_only))
                pieces.append(match.group(0))
                last = match.end()
        if pieces:
            pieces.append(_encode_text(text[last:], ascii_only))
            return "".join(pieces)
    return _encode_text(text, ascii_only)


_CLUSTER = re.compile(r"(.)([\u0300-\u036f]*)", re.S)
_COMBINING = re.compile(r"[\u0300-\u036f]")


def _encode_text(text: str, ascii_only: bool) -> str:
    out: list[str] = []
    previous = ""
    if not text.isascii() and (ascii_only or _COMBINING.search(text)):
        # "e" + combining acute is é; a mark no precomposed letter has (x́) becomes its accent command:
        # pdflatex cannot set a combining character in either mode.
        text = unicodedata.normalize("NFC", text)
        pieces = [m.group(1) + m.group(2) if m.group(2) else m.group(1) for m in _CLUSTER.finditer(text)]
    else:
        pieces = list(text)
    scripts = _SCRIPT_RUN.finditer(text) if _SCRIPT_CHARS.intersection(text) else None
    if scripts is not None:  # H₂O, 10³: math again, which pdflatex sets and `decode` reads back the same
        starts = {m.start(): m for m in scripts}
        merged, position, skip_until = [], 0, 0
        for ch in pieces:
            match = starts.get(position)
            if match is not None:
                merged.append(_script_math(match.group()))
                skip_until = match.end()
            elif position >= skip_until:
                merged.append(ch)
            position += len(ch)
        pieces = merged
    for ch in pieces:
        token = (
            ch
            if ch.startswith("$") and len(ch) > 1
            else (_encode_char(ch, ascii_only) if len(ch) == 1 else _encode_cluster(ch, ascii_only))
        )
        if previous and (previous[-1] + token[:1]) in _LIGATURES and not previous.endswith("}"):
            out.append("{}")  # typed '' -- `` stay as typed, not TeX ligatures
        out.append(token)
        previous = token
    return "".join(out)


_MATH_BACK: dict[str, str] = {}
for _name, _char in MATH_SYMBOLS.items():
    if len(_char) == 1 and not _char.isascii() and _name.isalpha():
        _MATH_BACK.setdefault(_char, _name)
_CYRILLIC_BACK = {char: name for name, char in CYRILLIC.items()}
_MATH_ACCENT_BACK = {mark: name for name, mark in MATH_ACCENTS.items()}
# What an --ascii export writes for a character LaTeX has no name for, and the definition it needs (in @preamble):
# pdflatex sets a placeholder instead of stopping ("Bad character code"), and `decode` reads the character back.
CHAR_MACRO = "dossierchar"
CHAR_PREAMBLE = r"\ifdefined\dossierchar\else\DeclareRobustCommand{\dossierchar}[1]{\textquestiondown}\fi"
_TEXTCOMP_BACK = {char: name for name, char in _TEXTCOMP.items() if char.isascii() is False}
_SCRIPT_CHARS = frozenset(_SUPERSCRIPTS.values()) | frozenset(_SUBSCRIPTS.values())
_SCRIPT_RUN = re.compile(
    "[" + "".join(sorted(_SUPERSCRIPTS.values())) + "]+|[" + "".join(sorted(_SUBSCRIPTS.values())) + "]+"
)
_SUP_BACK = {v: k for k, v in _SUPERSCRIPTS.items()}
_SUB_BACK = {v: k for k, v in _SUBSCRIPTS.items()}


def _script_math(run: str) -> str:
    if run[0] in _SUP_BACK:
        return "$^{" + "".join(_SUP_BACK[c] for c in run) + "}$"
    return "$_{" + "".join(_SUB_BACK[c] for c in run) + "}$"


def _encode_cluster(cluster: str, ascii_only: bool = True) -> str:
    """A letter with combining marks no precomposed character has (x́): accent commands around it; a mark
    with no letter before it, on an empty group (\\d{})."""
    base, marks = cluster[0], cluster[1:]
    if base in _MARKS:
        base, marks = "", cluster
    if (not base or (base.isascii() and base.isalpha())) and all(m in _MARKS for m in marks):
        text = base
        for mark in marks:
            text = f"\\{_MARKS[mark]}{{{text}}}"
        return "{" + text + "}"
    if not ascii_only:
        return "".join(_encode_char(ch, False) if ch not in _MARKS else f"\\{_MARKS[ch]}{{}}" for ch in cluster)
    return "".join(_encode_char(ch, True) for ch in cluster)


def _encode_char(ch: str, ascii_only: bool) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if ch.isascii():
        return ch if ch >= " " or ch in "\t\n" else " "
    if unicodedata.category(ch) == "Cf":  # invisible format characters (word joiner, zero-width space): nothing
        return "\\-" if ch == "\u00ad" else ""
    if ch in _MARKS:
        return ""  # a combining mark with no letter to sit on marks nothing (pdflatex cannot set \\d{} either)
    if ch in _MATH_BACK and ch not in _ASCII_LETTERS:
        return f"$\\{_MATH_BACK[ch]}$"  # α -> $\\alpha$ in both modes: math was decoded, and pdflatex sets math
    if not ch.isalpha() and (ch in _ASCII_LETTERS or ch in _TEXTCOMP_BACK):
        # symbols by name in both modes: ±, °, × reach pdflatex through biber's safe-character output too
        return _ASCII_LETTERS.get(ch) or "\\" + _TEXTCOMP_BACK[ch] + "{}"
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if marks and base in _MATH_BACK and all(m in _MATH_ACCENT_BACK for m in marks):
        text = "\\" + _MATH_BACK[base]
        for mark in marks:
            text = f"\\{_MATH_ACCENT_BACK[mark]}{{{text}}}"
        return f"${text}$"  # ί -> $\\acute{\\iota}$
    if not ascii_only and (ord(ch) <= 0x17F or not (marks and base.isascii() and all(m in _MARKS for m in marks))):
        return ch  # Latin-1 and Latin Extended-A: what pdflatex's utf8 input sets with T1; else a command below
    if ch in _TEXTCOMP_BACK:
        return "\\" + _TEXTCOMP_BACK[ch] + "{}"
    if ch in _ASCII_ONLY:
        return _ASCII_ONLY[ch]
    if ch in _ASCII_LETTERS:
        return _ASCII_LETTERS[ch]
    if marks and base.isascii() and all(m in _MARKS for m in marks):
        text = base
        for mark in marks:
            command = _MARKS[mark]
            # {\'i}, not {\'\i}: biber and BibTeX both read the plain letter
            text = f"\\{command}{text}" if command in "`'^\"~=." and len(text) == 1 else f"\\{command}{{{text}}}"
        return "{" + text + "}"
    folded = unicodedata.normalize("NFKD", ch)
    if folded.isascii() and folded.strip():
        return "".join(_encode_char(c, True) for c in folded)
    if ch in _MATH_BACK:
        return f"$\\{_MATH_BACK[ch]}$"  # μ -> $\\mu$: reads back as μ
    return rf"\dossierchar{{{ord(ch)}}}"  # no LaTeX name: the code point (write_bibtex defines it for LaTeX)


def _balanced(text: str) -> bool:
    depth = 0
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", '"': "%22", "%": r"\%", "#": r"\#"}


def encode_verbatim(value: str, ascii_only: bool = False) -> str:
    """A URL or DOI for a verbatim field: nothing in it can close the field or start a command;
    `ascii_only`: other characters percent-encoded as UTF-8, as in a URI."""
    out = []
    for ch in value:
        if ch in _URL_UNSAFE:
            out.append(_URL_UNSAFE[ch])
        elif not ch.isprintable() or (ascii_only and not ch.isascii()):
            out.append("".join(f"%{byte:02X}" for byte in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)
