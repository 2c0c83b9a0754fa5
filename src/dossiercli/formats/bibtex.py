"""BibTeX and biblatex in and out, through bibtexparser v2.

Reading: string macros (also joined with #), month macros, crossref, LaTeX accents and
commands decoded to Unicode (pylatexenc, bibtexparser's own dependency), braces that
protect capitals removed, "and"-separated names with von and Jr parts, a name in braces
kept as an organisation. Writing: every special character escaped, titles' capitals
protected, classic BibTeX or biblatex (with the entry types biblatex-chicago expects).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from dossiercli.chicago.richtext import latex_escape
from dossiercli.formats.records import Failure, Record
from dossiercli.model.entry import Entry
from dossiercli.model.names import Name

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)  # it logs unknown macros; a record is not an error

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
MONTH_NAMES = {name: i for i, name in enumerate(
    "january february march april may june july august september october november december".split(), 1)}

# BibTeX entry type -> (our type, genre)
TYPES_IN = {
    "article": "article-journal", "book": "book", "booklet": "book", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "chapter", "conference": "chapter", "techreport": "report", "report": "report",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis", "online": "webpage", "www": "webpage",
    "electronic": "webpage", "manual": "report", "unpublished": "report", "misc": None, "periodical": "book",
    "proceedings": "book", "collection": "book", "mvbook": "book",
}
# biblatex blocks that hold no source of their own: skipped like @comment and @preamble
NOT_SOURCES = frozenset({"set", "xdata"})
# entrysubtype -> our type: biblatex-chicago's "magazine", and the subtypes our BibTeX export writes
SUBTYPES_IN = {"newspaper": "article-newspaper", "magazine": "article-magazine", "wire story": "wire-story",
               "press release": "press-release", "transcript": "transcript", "interview": "interview",
               "web page": "webpage"}

# biblatex's localisation keys in `type` -> the genre as Chicago prints it
GENRE_KEYS = {"phdthesis": "PhD diss.", "mathesis": "master's thesis", "candthesis": "candidate thesis",
              "techreport": "technical report", "resreport": "research report"}

_LATEX_HINT = re.compile(r"[\\~$%]|--")
# Macros of TeX, biblatex and biblatex-chicago that pylatexenc does not know: name -> (arguments, text).
_MACROS = {
    "TeX": ("", "TeX"), "LaTeX": ("", "LaTeX"), "BibTeX": ("", "BibTeX"), "hyphen": ("", "-"),
    "textquotedbl": ("", '"'), "textless": ("", "<"), "textgreater": ("", ">"), "textbar": ("", "|"),
    "textasciicircum": ("", "^"), "textasciitilde": ("", "~"), "textbackslash": ("", "\\"),
    "slash": ("", "/"), "addcomma": ("", ","), "adddot": ("", "."), "addcolon": ("", ":"),
    "addsemicolon": ("", ";"), "addspace": ("", " "), "addnbspace": ("", "\u00a0"), "nobreakspace": ("", "\u00a0"),
    "mkbibquote": ("{", "\u201c%s\u201d"), "enquote": ("*{", None), "mkbibparens": ("{", "(%s)"),
    "mkbibbrackets": ("{", "[%s]"), "mkbibemph": ("{", "%s"), "mkbibitalic": ("{", "%s"), "mkbibbold": ("{", "%s"),
    "autocap": ("{", "%s"), "bibstring": ("{", "%s"), "url": ("{", "%s"), "mkbibacro": ("{", "%s"),
}
_converter = None


def _latex_converter():
    """pylatexenc's LaTeX-to-text, taught the biblatex macros real .bib files use (built once)."""
    global _converter
    if _converter is None:
        from pylatexenc import macrospec
        from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
        from pylatexenc.latexwalker import LatexWalker
        from pylatexenc.latexwalker import get_default_latex_context_db as walker_context

        text_db = get_default_latex_context_db()
        def quoted(node, l2tobj):  # \\enquote*{x}: the last argument, in quotation marks
            return "\u201c" + l2tobj.nodelist_to_text([node.nodeargd.argnlist[-1]]) + "\u201d"

        text_db.add_context_category("biblatex", prepend=True, macros=[
            MacroTextSpec(name, text if text is not None else quoted) for name, (_, text) in _MACROS.items()])
        walker_db = walker_context()
        walker_db.add_context_category("biblatex", prepend=True,
                                       macros=[macrospec.MacroSpec(name, args) for name, (args, _) in _MACROS.items()])
        to_text = LatexNodes2Text(latex_context=text_db, math_mode="verbatim", strict_latex_spaces=True)

        def convert(text: str) -> str:
            nodes = LatexWalker(text, latex_context=walker_db, tolerant_parsing=True).get_latex_nodes()[0]
            return to_text.nodelist_to_text(nodes)

        _converter = convert
    return _converter


def decode(text: str) -> str:
    """LaTeX to Unicode: M\\"uller -> Müller, {NATO} -> NATO, -- -> en dash, \\mkbibquote{x} -> “x”."""
    if not _LATEX_HINT.search(text):
        # Braces only protect capitals: drop them without the LaTeX parser (most fields).
        return " ".join(text.replace("{", "").replace("}", "").split())
    return " ".join(_latex_converter()(text).split())


def _resolve(raw: str, strings: dict[str, str]) -> str:
    """A field's raw value: {…}, "…", a number, a macro, or pieces joined by #."""
    pieces, depth, current, in_quotes, escaped = [], 0, [], False, False
    for ch in raw:
        if escaped:  # \{ \} \# \" are characters, not structure
            escaped = False
            current.append(ch)
            continue
        escaped = ch == "\\"
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            in_quotes = not in_quotes
        if ch == "#" and depth == 0 and not in_quotes:
            pieces.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current).strip())
    out = []
    for piece in pieces:
        if len(piece) >= 2 and ((piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')):
            out.append(piece[1:-1])
        elif piece.lower() in strings:
            out.append(strings[piece.lower()])
        elif piece.lower() in MONTHS:
            out.append(str(MONTHS[piece.lower()]))
        else:
            out.append(piece)
    return "".join(out)


_VERBATIM = frozenset({"url", "doi", "eprint", "file"})


def _verbatim(text: str) -> str:
    """URLs and DOIs are not LaTeX: '~' is a tilde there. Only braces and escapes go."""
    text = re.sub(r"\\([_%#&$~])", r"\1", text)
    return text.replace("{", "").replace("}", "").strip()


_EXTENDED_NAME = re.compile(r"^\s*(family|given|prefix|suffix)\s*=", re.I)
_EXTENDED_KEYS = {"family": "family", "given": "given", "prefix": "non-dropping-particle", "suffix": "suffix"}


def _extended_name(person: str) -> dict:
    """biblatex's extended name format: 'family=Hua, given=Linfu, prefix=de'."""
    table = {}
    for part in _split_top_level(person, ","):
        key, _, value = part.partition("=")
        target = _EXTENDED_KEYS.get(key.strip().lower())
        value = decode(value.strip())
        if target and value:
            table[target] = value
    return table


def _split_top_level(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _names(value: str) -> list[dict]:
    names = []
    for person in split_multiple_persons_names(value):
        person = person.strip()
        if person.lower() == "others":  # BibTeX's "et al.": not a person
            continue
        if person.startswith("{") and person.endswith("}") and _balanced(person[1:-1]):
            names.append({"literal": decode(person[1:-1])})
            continue
        if _EXTENDED_NAME.match(person):
            names.append(_extended_name(person))
            continue
        parts = parse_single_name_into_parts(person, strict=False)
        table = {"family": decode(" ".join(parts.last)), "given": decode(" ".join(parts.first)),
                 "non-dropping-particle": decode(" ".join(parts.von)), "suffix": decode(" ".join(parts.jr))}
        names.append({key: value for key, value in table.items() if value})
    return names


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _month(value: str) -> int | None:
    value = value.strip().lower().rstrip(".")
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value[:3]) if value[:3] in MONTHS else MONTH_NAMES.get(value)


_SEASON = re.compile(r"^(\d{4})-2[1-4]$")  # biblatex's seasons: 21 spring … 24 winter


def _iso_date(value: str) -> str | None:
    """A biblatex (ISO 8601 / EDTF) date as our partial date: the start of a range, no time,
    no uncertainty marks ('1957?', '1920~'), a season as its year; 'nodate' as none."""
    value = value.split("/")[0].strip()
    if not value or value.lower() == "nodate":
        return None
    value = value.split("T")[0].rstrip("?~%").strip()
    season = _SEASON.match(value)
    return season.group(1) if season else value


def _date(fields: dict) -> str | None:
    if "date" in fields:
        return _iso_date(fields["date"])
    year = fields.get("year", "").strip()
    if not year or year.lower() == "nodate":
        return None
    month = _month(fields["month"]) if "month" in fields else None
    day = fields.get("day", "").strip()
    if month and day.isdigit():
        return f"{year}-{month:02d}-{int(day):02d}"
    return f"{year}-{month:02d}" if month else year


def _with_subtitle(title: str, subtitle: str) -> str:
    """biblatex keeps subtitles apart; Chicago joins them with a colon (none after ? or !)."""
    return f"{title} {subtitle}" if title.rstrip().endswith(("?", "!", ":")) else f"{title}: {subtitle}"


def _failure_reason(block) -> str:
    kind = type(block).__name__
    if kind == "DuplicateBlockKeyBlock":
        return f"{block.key}: the key is used by an earlier entry too (BibTeX keys must be unique)"
    if kind == "DuplicateFieldKeyBlock":
        fields = ", ".join(sorted(getattr(block, "duplicate_keys", ()) or ()))
        return f"{getattr(block, 'key', None) or 'entry'}: field {fields} appears twice"
    return "malformed BibTeX: a field, a comma or a closing brace is missing"


def _split_urls(table: dict) -> None:
    """Mendeley and others put several URLs in one field: keep the first, note the rest."""
    urls = table.get("URL", "").split()
    if len(urls) > 1 and all(u.startswith(("http://", "https://")) for u in urls):
        table["URL"] = urls[0]
        also = "Also at: " + " ".join(urls[1:])
        table["note"] = f"{table['note']} {also}" if table.get("note") else also


def record_from_fields(entry_type: str, fields: dict, line: int | None, key: str) -> Record:
    """One BibTeX entry's resolved fields as entry-file data."""
    entry_type = entry_type.lower()
    subtype = fields.get("entrysubtype", "").lower()
    ours = SUBTYPES_IN.get(subtype) or TYPES_IN.get(entry_type)
    if entry_type == "article" and not ours:
        ours = "article-journal"
    if ours is None:  # misc and unknown types
        ours = "webpage" if fields.get("url") and not fields.get("publisher") else "report"
    text = {k: _verbatim(v) if k in _VERBATIM else decode(v) for k, v in fields.items()
            if k not in ("author", "editor", "translator")}
    for main, sub in (("title", "subtitle"), ("booktitle", "booksubtitle"), ("journaltitle", "journalsubtitle")):
        if text.get(main) and text.get(sub):
            text[main] = _with_subtitle(text[main], text[sub])
    table: dict = {"type": ours}
    mapping = {
        "title": "title", "shorttitle": "title-short", "journal": "container-title", "journaltitle": "container-title",
        "booktitle": "container-title", "publisher": "publisher", "institution": "publisher", "school": "publisher",
        "organization": "publisher", "address": "publisher-place", "location": "publisher-place", "url": "URL",
        "doi": "DOI", "isbn": "ISBN", "pages": "page", "volume": "volume", "edition": "edition",
        "series": "collection-title", "note": "note", "language": "language", "howpublished": "medium",
        "eventtitle": "event-title", "venue": "event-place", "section": "section",
    }
    if ours == "webpage":  # @online's organization is the site (biblatex-chicago: organization = {CNN.com})
        mapping = {**mapping, "organization": "container-title"}
    for source, target in mapping.items():
        if text.get(source) and target not in table:
            table[target] = text[source]
    if "page" in table:
        table["page"] = table["page"].replace("–", "-")
    if text.get("number"):
        if ours.startswith("article") or ours == "wire-story":
            table["issue"] = text["number"]
        elif ours == "report" and "collection-title" in table:
            table["collection-number"] = text["number"]  # a report in a numbered series
        else:
            table["number"] = text["number"]
    if ours == "wire-story" and "publisher" not in table and "container-title" in table:
        table["publisher"] = table.pop("container-title")  # the agency, written as the journal
    if text.get("type") and text["type"].lower() != subtype and text["type"].lower() != "press release":
        table["genre"] = GENRE_KEYS.get(text["type"].lower(), text["type"])
    elif entry_type == "misc" and text.get("type", "").lower() == "press release":
        table["type"] = "press-release"
    elif entry_type == "phdthesis":
        table["genre"] = "PhD diss."
    elif entry_type == "mastersthesis":
        table["genre"] = "master's thesis"
    archive = text.get("archiveprefix") or text.get("eprinttype")
    if ours == "article-journal" and "container-title" not in table and archive:
        table["container-title"] = {"arxiv": "arXiv"}.get(archive.lower(), archive)  # a preprint: the archive
        if "URL" not in table and archive.lower() == "arxiv" and text.get("eprint"):
            table["URL"] = f"https://arxiv.org/abs/{text['eprint']}"
    if ours in ("press-release", "transcript") and text.get("titleaddon") and "genre" not in table \
            and text["titleaddon"].lower() != "press release":
        table["genre"] = text["titleaddon"]  # our biblatex export writes the genre there
    if ours == "transcript" and table.get("medium") and table.get("medium") == table.get("publisher"):
        table.pop("medium")  # biblatex @unpublished: howpublished repeats the issuer
    if "URL" in table and table["URL"].startswith("\\url"):
        table["URL"] = table["URL"][4:].strip("{}")
    if "URL" in table:
        table["URL"] = table["URL"].strip()
        _split_urls(table)
    date = _date(text)
    if date:
        table["issued"] = date
    accessed = _iso_date(text.get("urldate", ""))
    if accessed:
        table["accessed"] = accessed
    if text.get("keywords"):
        table["tags"] = [tag.strip() for tag in re.split(r"[,;]", text["keywords"]) if tag.strip()]
    for role in ("author", "editor", "translator"):
        if fields.get(role):
            table[role] = _names(fields[role])
    return Record(table, line, key)


def read_bibtex(text: str) -> tuple[list[Record], list[Failure]]:
    library = bibtexparser.parse_string(text, parse_stack=[])
    strings = {block.key.lower(): _resolve(block.value, {}) for block in library.strings}
    raw: dict[str, tuple] = {}
    records: list[Record] = []
    failures = [Failure(block.start_line + 1, _failure_reason(block)) for block in library.failed_blocks]
    for entry in library.entries:
        fields = {field.key.lower(): _resolve(str(field.value), strings) for field in entry.fields}
        raw[entry.key.lower()] = (entry.entry_type, fields)
    for entry in library.entries:
        entry_type, fields = raw[entry.key.lower()]
        if entry_type.lower() in NOT_SOURCES:
            continue
        parent_key = fields.pop("crossref", "").lower()
        if parent_key:
            if parent_key in raw:
                parent_type, parent = raw[parent_key]
                inherited = dict(parent)
                if parent.get("title") and "booktitle" not in fields:
                    inherited["booktitle"] = parent["title"]
                inherited.pop("title", None)
                fields = {**inherited, **fields}
            else:
                failures.append(Failure(entry.start_line + 1, f"{entry.key}: crossref {parent_key!r} is not in the file"))
                continue
        records.append(record_from_fields(entry_type, fields, entry.start_line + 1, entry.key))
    return records, failures


# -- writing ---------------------------------------------------------------------------------------

BIBTEX_TYPES = {
    "article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
    "wire-story": "article", "press-release": "misc", "transcript": "misc", "report": "techreport",
    "book": "book", "chapter": "incollection", "webpage": "misc", "interview": "misc", "thesis": "phdthesis",
}
# biblatex-chicago's conventions (its notes-test.bib and manual, docs/formats.md): newspapers and magazines are
# @article with entrysubtype = {magazine}; an agency without a byline is a corporate author ({{Associated Press}});
# online sources are @online (organization = the site); talks not in an archive are @unpublished (eventtitle,
# venue); an interview not in a periodical is @misc with an entrysubtype (archive style). biblatex-chicago reads
# entrysubtype only in @article, @periodical, @review, @misc and a few others, so in @online and @unpublished we
# write our own subtype there for the round trip.
BIBLATEX_TYPES = {
    "article-newspaper": ("article", "magazine"), "article-magazine": ("article", "magazine"),
    "article-journal": ("article", None), "wire-story": ("article", "magazine"),
    "press-release": ("online", "press release"), "transcript": ("unpublished", "transcript"),
    "report": ("report", None), "book": ("book", None), "chapter": ("incollection", None),
    "webpage": ("online", "web page"), "interview": ("misc", "interview"), "thesis": ("thesis", None),
}
BIBTEX_SUBTYPES = {"article-newspaper": "newspaper", "article-magazine": "magazine", "wire-story": "wire story",
                   "press-release": "press release", "transcript": "transcript", "interview": "interview",
                   "webpage": "web page"}


_LIGATURES = (("''", "'\x00'"), ("``", "`\x00`"), ("--", "-\x00-"), ("!`", "!\x00`"), ("?`", "?\x00`"))


# Curly quotes stay as typed in UTF-8 output (` and ' would read back as straight quotes);
# in ASCII output they become the LaTeX macros that read back as the same characters.
_QUOTES_ASCII = {"\u2018": r"\textquoteleft{}", "\u2019": r"\textquoteright{}", "\u201c": r"\textquotedblleft{}",
                 "\u201d": r"\textquotedblright{}"}


_DASHES = {"\u2013": "--\x01", "\u2014": "---\x01"}  # LaTeX's ligatures; \x01 marks where a dash ends


def _value(text: str, ascii_only: bool) -> str:
    # Typed '' -- `` are LaTeX ligatures (” – “): break them with {} so the text comes back as written.
    for ligature, broken in _LIGATURES:
        while ligature in text:
            text = text.replace(ligature, broken)
    special = {**(_QUOTES_ASCII if ascii_only else {q: q for q in _QUOTES_ASCII}), **_DASHES}
    escaped = "".join(special[ch] if ch in special else latex_escape(ch) for ch in text)
    # {} between a dash and a following hyphen keeps "––" from reading back as "—-".
    escaped = escaped.replace("\x01-", "{}-").replace("\x01", "").replace("\x00", "{}")
    if ascii_only and not escaped.isascii():
        from pylatexenc.latexencode import unicode_to_latex

        # In braces, as BibTeX expects special characters ({\\~n}): a bare \\~n would split a name at the ~.
        escaped = "".join(ch if ch.isascii() else "{" + unicode_to_latex(ch).strip() + "}" for ch in escaped)
    return escaped


def _name(name, ascii_only: bool) -> str:
    if name.literal:
        return "{" + _value(name.literal, ascii_only) + "}"
    parts = [_value(name.surname, ascii_only)]  # "van Gogh", "al-Sadr" (BibTeX reads a joined particle as the surname)
    if name.suffix:
        parts.append(_value(name.suffix, ascii_only))
    given = " ".join(p for p in (name.given, name.dropping_particle) if p)
    if given:
        parts.append(_value(given, ascii_only))
    elif name.suffix or (name.particle and " " in name.surname):
        parts.append("{}")  # an empty given name keeps "van Gogh" and "King, Jr." apart from given names
    return ", ".join(parts)


def _date_fields(entry: Entry, biblatex: bool) -> list[tuple[str, str]]:
    if entry.issued is None:
        return []
    if entry.issued.literal is not None:  # words: BibTeX's year is free text; biblatex's date is not
        return [("year" if not biblatex else "note", entry.issued.literal)]
    if biblatex:
        return [("date", entry.issued.isoformat())]  # biblatex reads EDTF: 2007~, 1914/1918, -0043, 2007-21
    if not entry.issued.is_plain:
        return [("year", entry.issued.year_text())]
    out = [("year", f"{entry.issued.year:04d}")]
    if entry.issued.month:
        out.append(("month", str(entry.issued.month)))
    if entry.issued.day:
        out.append(("day", str(entry.issued.day)))
    return out


def _people(names) -> str:
    natural = [n.natural() for n in names]
    return natural[0] if len(natural) == 1 else ", ".join(natural[:-1]) + " and " + natural[-1]


def entry_to_bibtex(entry: Entry, biblatex: bool = False, ascii_only: bool = False) -> str:
    kind = entry.type
    if biblatex:
        bib_type, subtype = BIBLATEX_TYPES[kind]
    else:
        # BibTeX ignores entrysubtype; we write it so that a round trip keeps the type.
        bib_type, subtype = BIBTEX_TYPES[kind], BIBTEX_SUBTYPES.get(kind)
    fields: list[tuple[str, str]] = []
    if subtype:
        fields.append(("entrysubtype", subtype))
    authors = entry.authors
    if biblatex and kind == "wire-story" and not authors and entry.container_title and entry.publisher:
        authors = (Name(literal=entry.publisher),)  # biblatex-chicago: {{Associated Press}} as the author
    for role, names in (("author", authors), ("editor", entry.editors), ("translator", entry.translators)):
        if names:
            fields.append((role, " and ".join(_name(n, ascii_only) for n in names)))
    fields.append(("title", "{" + _value(entry.title, ascii_only) + "}"))  # inner braces keep the capitals
    if entry.title_short:
        fields.append(("shorttitle", "{" + _value(entry.title_short, ascii_only) + "}"))
    container = entry.container_title or (entry.publisher if kind == "wire-story" else None)
    if container:
        key = {"chapter": "booktitle"}.get(kind, ("journaltitle" if biblatex else "journal") if bib_type == "article"
                                           else "booktitle" if kind == "chapter" else "organization" if kind == "webpage" else "journal")
        fields.append((key, _value(container, ascii_only)))
    publisher_key = {"report": "institution", "thesis": "school" if not biblatex else "institution",
                     "press-release": "organization", "transcript": "organization"}.get(kind, "publisher")
    if entry.publisher and not (kind == "wire-story" and container == entry.publisher):
        fields.append((publisher_key, _value(entry.publisher, ascii_only)))
        if biblatex and kind == "transcript" and not entry.medium:
            fields.append(("howpublished", _value(entry.publisher, ascii_only)))  # what @unpublished prints
    if entry.publisher_place:
        fields.append(("location" if biblatex else "address", _value(entry.publisher_place, ascii_only)))
    fields += _date_fields(entry, biblatex)
    if entry.accessed:
        fields.append(("urldate", entry.accessed.isoformat()))
    genre = entry.genre or (entry.entry_type.csl_genre if kind == "press-release" else None)
    if biblatex and kind in ("press-release", "transcript", "interview"):
        # biblatex-chicago prints `type` only in some types; a titleaddon follows the title in all of them.
        addon = genre or ("interview by " + _people(entry.interviewers) if entry.interviewers else None)
        if addon:
            fields.append(("titleaddon", _value(addon, ascii_only)))
    elif genre:
        fields.append(("type", _value(genre, ascii_only)))
    number = entry.issue if bib_type == "article" else (entry.collection_number if kind == "report" and
                                                          entry.collection_title else entry.number)
    for key, value in (("volume", entry.volume), ("number", number),
                       ("pages", entry.page), ("edition", entry.edition), ("series", entry.collection_title),
                       ("isbn", entry.isbn), ("language", entry.language), ("note", entry.note),
                       ("howpublished", entry.medium),
                       ("eventtitle", entry.event_title), ("venue", entry.event_place), ("section", entry.section)):
        if value and not any(k == key for k, _ in fields):
            fields.append((key, _value(value.replace("-", "\u2013"), ascii_only) if key == "pages" else _value(value, ascii_only)))
    if entry.doi:
        fields.append(("doi", entry.doi))
    if entry.url:
        fields.append(("url", entry.url.replace("%", r"\%").replace("#", r"\#")))
    if entry.tags:
        fields.append(("keywords", _value(", ".join(entry.tags), ascii_only)))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@{bib_type}{{{entry.id},\n{body}\n}}\n"


def write_bibtex(entries: Iterable[Entry], biblatex: bool = False, ascii_only: bool = False) -> str:
    return "\n".join(entry_to_bibtex(entry, biblatex, ascii_only) for entry in entries)
