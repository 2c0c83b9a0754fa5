"""BibTeX and biblatex in and out, through bibtexparser v2.

Reading: string macros (also joined with #), month macros, crossref, LaTeX accents and
commands decoded to Unicode (formats/latex.py), braces that
protect capitals removed, "and"-separated names with von and Jr parts, a name in braces
kept as an organisation. Writing: every special character escaped, titles' capitals
protected, classic BibTeX or biblatex (with the entry types biblatex-chicago expects).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from dossiercli.formats.latex import (
    BIBSTRINGS,
    CHAR_MACRO,
    CHAR_PREAMBLE,
    decode,
    decode_accents,
    encode,
    encode_verbatim,
)
from dossiercli.formats.records import Failure, FormatError, Record, add_extra, ids_from_note
from dossiercli.model.dates import DateError, PartialDate
from dossiercli.model.entry import Entry
from dossiercli.model.names import Name

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
MONTH_NAMES = {
    name: i
    for i, name in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}

# BibTeX entry type -> (our type, genre)
TYPES_IN = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "manual": "report",
    "unpublished": "report",
    "misc": None,
    "periodical": "book",
    "proceedings": "book",
    "collection": "book",
    "mvbook": "book",
    "review": "review",
    "inreference": "encyclopedia-entry",
    "reference": "book",
    "artwork": "artwork",
    "image": "artwork",
    "patent": "patent",
    "dataset": "dataset",
    "video": "video",
    "movie": "video",
    "audio": "podcast",
    "music": "podcast",
    "jurisdiction": "legal-case",
    "legislation": "legislation",
    "legal": "legislation",
    "software": "software",
    "standard": "standard",
}
# biblatex blocks that hold no source of their own: skipped like @comment and @preamble
NOT_SOURCES = frozenset({"set", "xdata"})
# entrysubtype -> our type: biblatex-chicago's "magazine", and the subtypes our BibTeX export writes
SUBTYPES_IN = {
    "newspaper": "article-newspaper",
    "magazine": "article-magazine",
    "wire story": "wire-story",
    "press release": "press-release",
    "transcript": "transcript",
    "interview": "interview",
    "web page": "webpage",
    "thesis": "thesis",
    "letter": "letter",
    "manuscript": "manuscript",
    "document": "document",
    "blog post": "blog-post",
    "social-media post": "social-media-post",
    "video": "video",
    "podcast": "podcast",
    "review": "review",
    "encyclopedia entry": "encyclopedia-entry",
    "artwork": "artwork",
    "patent": "patent",
    "data set": "dataset",
    "court case": "legal-case",
    "legislation": "legislation",
    "hearing": "hearing",
    "software": "software",
    "map": "map",
    "standard": "standard",
    "preprint": "preprint",
    "treaty": "treaty",
    "song": "song",
    "broadcast": "broadcast",
    "conference paper": "paper-conference",
    "tvbroadcast": "broadcast",  # biblatex-chicago's @video subtypes
    "radiobroadcast": "broadcast",
    "film": "video",
}

# biblatex's localisation keys in `type` -> the genre as Chicago prints it
GENRE_KEYS = {
    "phdthesis": "PhD diss.",
    "mathesis": "master's thesis",
    "candthesis": "candidate thesis",
    "techreport": "technical report",
    "resreport": "research report",
}

# -- reading ---------------------------------------------------------------------------------------

MAX_FIELD_EXPANSION = 100_000  # characters one field may reach through @string macros
MAX_TOTAL_EXPANSION = 20_000_000  # characters all macro expansions of one file may reach


class _Budget:
    """Bounds what @string macros may expand to: per field and for the whole file (no bombs)."""

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_TOTAL_EXPANSION

    def spend(self, size: int, what: str, line: int | None) -> None:
        if size > MAX_FIELD_EXPANSION:
            raise _Expansion(f"{what} expands to more than {MAX_FIELD_EXPANSION:,} characters through @string macros")
        self.left -= size
        if self.left < 0:
            raise FormatError(
                f"@string macros expand to more than {MAX_TOTAL_EXPANSION:,} characters in all: "
                f"refusing the file (an expansion bomb?)",
                line,
            )


class _Expansion(ValueError):
    pass


def _resolve(
    raw: str,
    strings: dict[str, str],
    budget: _Budget | None = None,
    what: str = "a field",
    line: int | None = None,
    undefined: list[str] | None = None,
) -> str:
    """A field's raw value: {…}, "…", a number, a macro, or pieces joined by #."""
    pieces, depth, current, in_quotes, escaped = [], 0, [], False, False
    if "#" not in raw:
        pieces = [raw.strip()]
    else:
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
            value = strings[piece.lower()]
            if value is None:
                raise _Expansion(f"{what} uses @string {piece}, which expands too far")
            out.append(value)
        elif piece.lower() in MONTHS:
            out.append(str(MONTHS[piece.lower()]))
        else:
            if undefined is not None and piece and not piece.isdigit():
                undefined.append(piece)  # BibTeX would print nothing; we keep the name and say so
            out.append(piece)
    if budget is not None and (len(pieces) > 1 or pieces[0].lower() in strings):
        budget.spend(sum(map(len, out)), what, line)  # before joining: a bomb never reaches memory
    return "".join(out)


_VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf", "verba", "verbb", "verbc"})


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


def _names(value: str) -> tuple[list[dict], bool]:
    """The people of a name list, and whether it ends in "and others" (et al.)."""
    names, others = [], False
    # Accents become letters first: Jo\~{a}o is one word, not two joined by a tie.
    for person in split_multiple_persons_names(decode_accents(value)):
        person = person.strip()
        if person.lower() == "others":  # BibTeX's "et al.": not a person
            others = True
            continue
        if person.startswith("{") and person.endswith("}") and _balanced(person[1:-1]):
            names.append({"literal": decode(person[1:-1])})
            continue
        if _EXTENDED_NAME.match(person):
            names.append(_extended_name(person))
            continue
        try:
            parts = parse_single_name_into_parts(person, strict=False)
        except Exception:  # bibtexparser gives up on some malformed names: keep the text as written
            names.append({"literal": decode(person)})
            continue
        table = {
            "family": decode(" ".join(parts.last)),
            "given": decode(" ".join(parts.first)),
            "non-dropping-particle": decode(" ".join(parts.von)),
            "suffix": decode(" ".join(parts.jr)),
        }
        table = {key: value for key, value in table.items() if value}
        if "family" not in table:  # "{}" or a lone particle: keep what there is as the name
            text = " ".join(v for v in table.values())
            if not text:
                continue
            table = {"literal": text}
        names.append(table)
    return names, others


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _ascii_digits(value: str) -> str:
    """'²' and full-width digits as the digits they show; other text unchanged."""
    return unicodedata.normalize("NFKC", value) if not value.isascii() else value


def _month(value: str) -> int | None:
    value = _ascii_digits(value).strip().lower().rstrip(".")
    if value.isascii() and value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value[:3]) if value[:3] in MONTHS else MONTH_NAMES.get(value)


_SEASON = re.compile(r"^(\d{4})-2[1-4]$")  # biblatex's seasons: 21 spring … 24 winter
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-{1,3}|–|—|/)\s*(\d{2,4})?$")
STATUS_WORDS = {
    "forthcoming": "forthcoming",
    "in press": "in press",
    "inpress": "in press",
    "submitted": "submitted",
    "in preparation": "in preparation",
    "inpreparation": "in preparation",
    "prepublished": "pre-published",
    "to appear": "forthcoming",
}


def _iso_date(value: str) -> str | None:
    """A biblatex date (ISO 8601 / EDTF: ranges 1914/1918, 2007~ circa, 1957? uncertain, seasons
    2007-21, BC years -0043) as our partial date, the time of day dropped; None when it is none of these."""
    value = _ascii_digits(value).strip().split("T")[0].strip()
    if "/" in value:  # a range: each end without its time
        value = "/".join(part.split("T")[0].strip() for part in value.split("/"))
    try:
        PartialDate.parse(value)
    except DateError:
        start = value.split("/")[0].rstrip("?~%").strip()  # an open or odd range: its start
        season = _SEASON.match(start)
        start = season.group(1) if season else start
        return start if _ISO.match(start) and start.isascii() else None
    return value


_BC_YEAR = re.compile(r"^(\d{1,4})\s*(?:BC|B\.C\.|BCE|B\.C\.E\.)$", re.I)


def _year(raw: str, table: dict, warnings: list[str]) -> str | None:
    """`year` as EDTF text: 2007, a range (1958--1967 -> 1958/1967), a BC year (44 BC, -43),
    '1973b' as 1973; status words (forthcoming, in press) go to status, other words stay literal."""
    year = _ascii_digits(raw).strip()
    if re.fullmatch(r"\d{4}", year):
        return year
    span = _YEAR_RANGE.match(year)
    if span:
        start, end = span.group(1), span.group(2)
        if end and len(end) < 4:
            end = start[: 4 - len(end)] + end  # 1998/99
        return f"{start}/{end}" if end and end > start else start
    letter = re.fullmatch(r"(\d{4})[a-z]", year)
    if letter:
        warnings.append(f"year {raw!r}: the letter (a label, not part of the date) dropped")
        return letter.group(1)
    bc = _BC_YEAR.match(year)
    if bc or re.fullmatch(r"-\d{1,4}", year):
        number = -(int(bc.group(1)) - 1) if bc else int(year)  # 44 BC is the astronomical year -43
        return f"-{abs(number):04d}" if number < 0 else f"{number:04d}"
    if year.lower() in STATUS_WORDS:
        table.setdefault("status", STATUS_WORDS[year.lower()])
        return None
    season = re.fullmatch(r"(spring|summer|autumn|fall|winter)\s+(\d{4})", year, re.I)
    if season:  # EDTF's seasons: 21 spring … 24 winter
        return f"{season.group(2)}-{ {'spring': 21, 'summer': 22, 'autumn': 23, 'fall': 23, 'winter': 24}[season.group(1).lower()] }"
    warnings.append(f"year {raw!r} is not a year we can read: kept as a literal date")
    table["issued"] = {"literal": raw}
    return None


def _dates(text: dict, table: dict, warnings: list[str]) -> None:
    """issued from date, or year/month/day; accessed from urldate; origdate and eventdate."""
    raw = text.get("date") or ""
    if raw and text.get("month") and not _month(text["month"]):
        add_extra(table, "month", text["month"])  # beside a biblatex date: "Spring", kept as written
    if raw and raw.lower() != "nodate":
        issued = _iso_date(raw)
        if issued:
            table["issued"] = issued
        elif raw.lower() in STATUS_WORDS:
            table.setdefault("status", STATUS_WORDS[raw.lower()])
        else:
            table["issued"] = {"literal": raw}
            warnings.append(f"date {raw!r} is not a calendar date: kept as a literal date")
    elif text.get("year") and text["year"].lower() not in ("nodate", "n.d.", "n. d."):
        year = _year(text["year"], table, warnings)
        if year and re.fullmatch(r"\d{4}", year):
            month = _month(text["month"]) if text.get("month") else None
            if text.get("month") and not month:
                add_extra(table, "month", text["month"])
                warnings.append(f"month {text['month']!r} is not a month: kept in [extra]")
            day = _ascii_digits(text.get("day", "")).strip()
            if month and day.isascii() and day.isdigit():
                table["issued"] = f"{year}-{month:02d}-{int(day):02d}"
            else:
                table["issued"] = f"{year}-{month:02d}" if month else year
        elif year:
            table["issued"] = year
    if text.get("urldate"):
        accessed = _iso_date(text["urldate"])
        if accessed:
            table["accessed"] = accessed
        else:
            warnings.append(f"urldate {text['urldate']!r} is not a date: the access date is dropped")
    for source, target in (("origdate", "original-date"), ("eventdate", "event-date")):
        if text.get(source):
            value = _iso_date(text[source])
            if value:
                table[target] = value
            else:
                add_extra(table, source, text[source])


def _capitalised_first(text: str) -> str:
    text = text.strip().strip("()[]").strip()
    return text[:1].upper() + text[1:]


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
    """Mendeley and Zotero put several URLs (and attachment paths) in one field: keep the first
    URL, note the other URLs, keep the whole field in [extra] when it held more than URLs."""
    words = table.get("URL", "").split()
    urls = [u for u in words if u.startswith(("http://", "https://", "ftp://"))]
    if len(words) > 1 and urls:
        if len(urls) < len(words):
            add_extra(table, "url", table["URL"])
        table["URL"] = urls[0]
        if len(urls) > 1:
            also = "Also at: " + " ".join(urls[1:])
            table["note"] = f"{table['note']} {also}" if table.get("note") else also


# Fields mapped one to one (first source wins): BibTeX/biblatex name -> our CSL name.
FIELDS_IN = {
    "title": "title",
    "shorttitle": "title-short",
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "maintitle": "volume-title",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "organization": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "city": "publisher-place",
    "url": "URL",
    "doi": "DOI",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pages": "page",
    "volume": "volume",
    "edition": "edition",
    "series": "collection-title",
    "note": "note",
    "language": "language",
    "langid": "language",
    "howpublished": "medium",
    "eventtitle": "event-title",
    "venue": "event-place",
    "section": "section",
    "abstract": "abstract",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "shortjournal": "container-title-short",
    "journalabbr": "container-title-short",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "part": "part-number",
    "version": "version",
    "chapter": "chapter-number",
    "origtitle": "original-title",
    "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place",
    "library": "archive",
    "archive": "archive",
    "shelfmark": "archive_location",
    "callnumber": "archive_location",
    "archive_location": "archive_location",
}
# Per type: a chapter's container is its book whatever else the record says; @online's organization
# is the site (biblatex-chicago: organization = {CNN.com}); Mendeley writes an article's issue as `issue`.
_MAPPINGS = {
    None: FIELDS_IN,
    "chapter": {"booktitle": "container-title", **FIELDS_IN},
    "paper-conference": {"booktitle": "container-title", **FIELDS_IN},
    "webpage": {**FIELDS_IN, "organization": "container-title"},
    "article": {**FIELDS_IN, "issue": "issue"},
}
_ORDERS = {id(mapping): {name: i for i, name in enumerate(mapping)} for mapping in _MAPPINGS.values()}
# Bookkeeping of reference managers: not about the work, not kept (but counted in "not kept").
BOOKKEEPING = frozenset(
    """file pdf timestamp owner date-added date-modified groups mendeley-groups mendeley-tags
    local-url creationdate modificationdate added-at biburl bibsource interhash intrahash ranking readstatus printed
    qualityassured priority relevance __markedentry sortkey sortname sorttitle sortyear presort options ids entryset
    execute label related relatedtype relatedstring relatedoptions xref crossref xdata keywords citeulike-article-id
    citeulike-linkout-0 citeulike-linkout-1 jabref-groups comment-jabref dateadded datemodified urlyear urlmonth
    urlday entrysubtype""".split()
)
_BOOKKEEPING_PREFIXES = ("bdsk-", "citeulike-", "mendeley-", "zotero-", "jabref-")
# biblatex editortype values -> our name roles (biblatex-chicago uses director, producer, compiler, organizer…)
EDITOR_ROLES = {
    "editor": "editor",
    "director": "director",
    "producer": "producer",
    "compiler": "compiler",
    "organizer": "organizer",
    "chair": "chair",
    "collaborator": "contributor",
    "reviser": "editor",
    "redactor": "editor",
    "founder": "contributor",
    "continuator": "contributor",
    "executiveproducer": "executive-producer",
    "performer": "performer",
    "host": "host",
    "composer": "composer",
    "illustrator": "illustrator",
    "translator": "translator",
}
NAME_SOURCES = (
    "author",
    "editor",
    "translator",
    "editora",
    "editorb",
    "editorc",
    "bookauthor",
    "director",
    "producer",
    "compiler",
    "organizer",
    "commentator",
    "annotator",
    "introduction",
    "foreword",
    "afterword",
    "holder",
)


def record_from_fields(
    entry_type: str,
    fields: dict,
    line: int | None,
    key: str,
    inherited: frozenset[str] = frozenset(),
    warnings: list[str] | None = None,
) -> Record:
    """One BibTeX entry's resolved fields as entry-file data."""
    warnings = list(warnings or ())
    entry_type = entry_type.lower()
    subtype = fields.get("entrysubtype", "").lower()
    if entry_type == "periodical" and subtype in ("magazine", "newspaper"):
        subtype = ""  # a whole periodical (or blog), not an article in one: biblatex-chicago's amlen:wordplay
    ours = SUBTYPES_IN.get(subtype) or TYPES_IN.get(entry_type)

    if entry_type == "article" and not ours:
        ours = "article-journal"
    if ours is None:  # misc and unknown types
        ours = "webpage" if fields.get("url") and not fields.get("publisher") else "report"
    text = {k: _verbatim(v) if k in _VERBATIM else decode(v) for k, v in fields.items() if k not in NAME_SOURCES}
    used = {
        "entrysubtype",
        "crossref",
        "xdata",
        "keywords",
        "date",
        "year",
        "month",
        "day",
        "urldate",
        "origdate",
        "eventdate",
        "type",
    }
    for main, sub in (
        ("title", "subtitle"),
        ("booktitle", "booksubtitle"),
        ("journaltitle", "journalsubtitle"),
        ("maintitle", "mainsubtitle"),
    ):
        if text.get(main) and text.get(sub):
            text[main] = _with_subtitle(text[main], text[sub])
            used.add(sub)
    if (
        not text.get("title")
        and (text.get("titleaddon") or text.get("relatedstring"))
        and ours not in ("press-release", "transcript", "interview", "letter")  # may be untitled: a genre there
    ):
        # biblatex-chicago's generic titles ("letters", "reply to"): printed where the title stands (CMOS 14.88)
        source = "titleaddon" if text.get("titleaddon") else "relatedstring"
        text["title"] = _capitalised_first(text[source])
        used.add(source)
    if entry_type == "inreference" and not subtype and not text.get("booktitle") and text.get("title"):
        # @inreference citing a well-known reference work by its own title; `lista` is the article (s.v.)
        if text.get("lista"):
            text["booktitle"], text["title"] = text["title"], text["lista"]
            used.add("lista")
        else:
            ours = "book"
    table: dict = {"type": ours}
    mapping = _MAPPINGS.get(ours) or _MAPPINGS["article" if ours.startswith("article") else None]
    order = _ORDERS[id(mapping)]
    for source in sorted((name for name in text if name in mapping), key=order.get):
        target, value = mapping[source], text[source]
        if not value:
            continue
        if target not in table:
            table[target] = value
            used.add(source)
        elif table[target] == value:
            used.add(source)  # journal and journaltitle saying the same
    if _is_web_address(text.get("howpublished", "")) and "URL" not in table:
        table["URL"] = table.pop("medium")  # @misc{howpublished = {\url{…}}}
    if "page" in table:
        table["page"] = table["page"].replace("–", "-")
    if "edition" in table:
        table["edition"] = _ascii_digits(table["edition"])
    number = text.get("number")
    if number:
        used.add("number")
        if (
            ours.startswith("article") or ours == "wire-story" or entry_type == "article"
        ):  # @article's number: the issue
            if table.get("issue") and table["issue"] != number:
                table["number"] = number
            table.setdefault("issue", number)
        elif ours == "report" and "collection-title" in table:
            table["collection-number"] = number  # a report in a numbered series
        else:
            table["number"] = number
    if text.get("issue") and "issue" not in table:
        table["issue"] = text["issue"]
        used.add("issue")
    if text.get("eid"):  # an article number stands where pages would
        used.add("eid")
        if "number" not in table:
            table["number"] = text["eid"]
        else:
            add_extra(table, "eid", text["eid"])
    if text.get("pubstate"):
        used.add("pubstate")
        table["status"] = BIBSTRINGS.get(text["pubstate"], text["pubstate"])
    if ours == "wire-story" and "publisher" not in table and "container-title" in table:
        table["publisher"] = table.pop("container-title")  # the agency, written as the journal
    if text.get("type") and text["type"].lower() != subtype and text["type"].lower() != "press release":
        table["genre"] = GENRE_KEYS.get(text["type"].lower(), text["type"])
    elif entry_type == "misc" and text.get("type", "").lower() == "press release":
        table["type"] = "press-release"
    elif entry_type == "phdthesis" and subtype != "thesis":
        table["genre"] = "PhD diss."
    elif entry_type == "mastersthesis":
        table["genre"] = "master's thesis"
    archive = text.get("archiveprefix") or text.get("eprinttype")
    if archive:
        used.update(("archiveprefix", "eprinttype"))
    if ours == "article-journal" and "container-title" not in table and archive:
        table["container-title"] = {"arxiv": "arXiv"}.get(archive.lower(), archive)  # a preprint: the archive
    if archive and archive.lower() == "arxiv" and text.get("eprint"):
        used.add("eprint")
        if "URL" not in table:
            table["URL"] = f"https://arxiv.org/abs/{text['eprint']}"
        else:
            add_extra(table, "eprint", text["eprint"])
            add_extra(table, "eprinttype", archive)
    if (
        ours in ("press-release", "transcript")
        and text.get("titleaddon")
        and "genre" not in table
        and text["titleaddon"].lower() != "press release"
    ):
        table["genre"] = text["titleaddon"]  # our biblatex export writes the genre there
        used.add("titleaddon")
    if ours == "transcript" and table.get("medium") and table.get("medium") == table.get("publisher"):
        table.pop("medium")  # biblatex @unpublished: howpublished repeats the issuer
    if "URL" in table and table["URL"].startswith("\\url"):
        table["URL"] = table["URL"][4:].strip("{}")
    if "URL" in table:
        table["URL"] = table["URL"].strip()
        _split_urls(table)
    _dates(text, table, warnings)
    ids_from_note(table)
    if subtype and subtype not in SUBTYPES_IN and subtype not in ("magazine", "newspaper"):
        add_extra(table, "entrysubtype", text.get("entrysubtype", subtype))  # a kind we have no type for: kept
    if text.get("keywords"):
        table["tags"] = [tag.strip() for tag in re.split(r"[,;]", text["keywords"]) if tag.strip()]
    et_al = []
    for role in NAME_SOURCES:
        if not fields.get(role):
            continue
        names, others = _names(fields[role])
        if role in ("editor", "editora", "editorb", "editorc"):
            kind = decode(fields.get(role + "type", "editor")).lower()
            used.add(role + "type")
            target = EDITOR_ROLES.get(kind)
            if target is None:
                add_extra(table, role, decode(fields[role]))
                add_extra(table, role + "type", kind)
                continue
        else:
            target = {"bookauthor": "container-author"}.get(role, role)
        if target not in (
            "author",
            "editor",
            "translator",
            "container-author",
            "director",
            "producer",
            "compiler",
            "organizer",
            "contributor",
            "chair",
            "executive-producer",
            "performer",
            "host",
            "composer",
            "illustrator",
        ):
            add_extra(table, role, decode(fields[role]))
            continue
        used.add(role)
        if names:
            table.setdefault(target, []).extend(names)
        if others:
            et_al.append(target)
    if et_al:
        add_extra(table, "et-al", ", ".join(et_al))  # "and others": the list goes on (et al.)
    not_kept = []
    for source in fields:
        if source in used or source in mapping and mapping[source] in table and source not in text:
            continue
        if source in NAME_SOURCES or (source in mapping and table.get(mapping[source]) == text.get(source)):
            continue
        if source in BOOKKEEPING or source.startswith(_BOOKKEEPING_PREFIXES) or source in inherited:
            if source not in inherited:
                not_kept.append(source)
            continue
        value = text.get(source) or ""
        if value and re.fullmatch(r"[a-z][a-z0-9_+.-]*", source):
            add_extra(table, source, value)
        elif value:
            not_kept.append(source)
    kept_inherited = frozenset(
        target for source, target in FIELDS_IN.items() if source in inherited and target in table
    )
    return Record(table, line, key, warnings=warnings, not_kept=not_kept, inherited=kept_inherited)


# biblatex.def's \DeclareDataInheritance: (parent types, child types) -> {parent field: child field}
_TITLES_TO = {
    "main": {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    "book": {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"},
    "journal": {"title": "journaltitle", "subtitle": "journalsubtitle", "titleaddon": "journaltitleaddon"},
}
INHERITANCE = (
    ({"mvbook", "book"}, {"inbook", "bookinbook", "suppbook"}, {"author": ("author", "bookauthor")}),
    ({"mvbook"}, {"book", "inbook", "bookinbook", "suppbook"}, _TITLES_TO["main"]),
    (
        {"mvcollection", "mvreference"},
        {"collection", "reference", "incollection", "inreference", "suppcollection"},
        _TITLES_TO["main"],
    ),
    ({"mvproceedings"}, {"proceedings", "inproceedings"}, _TITLES_TO["main"]),
    ({"book"}, {"inbook", "bookinbook", "suppbook"}, _TITLES_TO["book"]),
    ({"collection", "reference"}, {"incollection", "inreference", "suppcollection"}, _TITLES_TO["book"]),
    ({"proceedings"}, {"inproceedings"}, _TITLES_TO["book"]),
    ({"periodical"}, {"article", "suppperiodical"}, _TITLES_TO["journal"]),
)
NO_INHERIT = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        "xdata",
    }
)
_TITLE_FIELDS = ("shorttitle", "sorttitle", "indextitle", "indexsorttitle")
_PART_TYPES = frozenset(
    {
        "inbook",
        "incollection",
        "inproceedings",
        "inreference",
        "bookinbook",
        "suppbook",
        "suppcollection",
        "article",
        "suppperiodical",
        "conference",
    }
)


def inherit(parent_type: str, parent: dict, child_type: str, child: dict) -> dict:
    """The fields a child takes from its crossref parent, as biblatex.def declares them: the
    child's own fields win; a book's title becomes an inbook's booktitle (its subtitle the
    booksubtitle), a multi-volume work's title the maintitle; ids, keys and sorting never pass."""
    parent_type, child_type = parent_type.lower(), child_type.lower()
    rules: dict[str, tuple[str, ...]] = {}
    special = False
    for parents, children, fields in INHERITANCE:
        if parent_type in parents and child_type in children:
            for source, target in fields.items():
                targets = target if isinstance(target, tuple) else (target,)
                rules[source] = rules.get(source, ()) + targets
            special = special or "title" in fields
    if not special and child_type in _PART_TYPES and "title" in parent:
        # BibTeX-era files (@incollection crossref @book): the parent's title is the child's container.
        target = "journaltitle" if child_type in ("article", "suppperiodical") else "booktitle"
        rules.update({"title": (target,), "subtitle": (target.replace("title", "subtitle"),)})
        special = True
    out = {}
    for field_name, value in parent.items():
        if field_name in NO_INHERIT or (special and field_name in _TITLE_FIELDS):
            continue
        for target in rules.get(field_name, (field_name,)):
            if target not in child and target not in out:
                out[target] = value
    return out


def read_bibtex(text: str) -> tuple[list[Record], list[Failure]]:
    library = bibtexparser.parse_string(text, parse_stack=[])
    budget = _Budget()
    strings: dict[str, str | None] = {}
    failures, repeated = [], []
    entries = list(library.entries)
    doubled: dict[int, str] = {}  # id(entry) -> the warning for fields given twice
    for block in library.failed_blocks:
        kind = type(block).__name__
        if kind == "DuplicateBlockKeyBlock" and hasattr(getattr(block, "ignore_error_block", None), "fields"):
            repeated.append(block.ignore_error_block)  # a second record under a used key is still a record
        elif kind == "DuplicateBlockKeyBlock" and getattr(block, "ignore_error_block", None) is not None:
            # a @string whose key an earlier @string or record has: the first definition is the one read
            key = getattr(block, "key", None) or getattr(block.ignore_error_block, "key", "?")
            failures.append(Failure(block.start_line + 1, f"@string {key} is defined again: the first one is used"))
        elif kind == "DuplicateFieldKeyBlock" and getattr(block, "ignore_error_block", None) is not None:
            entry = block.ignore_error_block  # BibTeX reads the first of a field given twice: so do we
            doubled_keys = ", ".join(sorted(getattr(block, "duplicate_keys", ()) or ()))
            doubled[id(entry)] = f"field {doubled_keys} given twice: the first kept (as BibTeX does)"
            entries.append(entry)
        else:
            failures.append(Failure(block.start_line + 1, _failure_reason(block)))
    for block in library.strings:
        try:
            strings[block.key.lower()] = _resolve(
                block.value, strings, budget, f"@string {block.key}", block.start_line + 1
            )
        except _Expansion as error:
            strings[block.key.lower()] = None  # whatever uses it fails too, with a reason
            failures.append(Failure(block.start_line + 1, str(error)))
    raw: dict[str, tuple] = {}
    undefined_macros: dict[str, list[str]] = {}
    folded: dict[str, list[str]] = {}
    broken: dict[str, str] = {}
    for entry in entries:
        if entry.key in raw:
            continue
        try:
            fields = {}
            for field_ in entry.fields:
                if field_.key.lower() in fields:
                    continue
                names: list[str] = []
                fields[field_.key.lower()] = _resolve(
                    str(field_.value),
                    strings,
                    budget,
                    f"{entry.key}: field {field_.key!r}",
                    entry.start_line + 1,
                    names,
                )
                if names:
                    undefined_macros.setdefault(entry.key, []).append(
                        f"field {field_.key.lower()!r} uses @string {', '.join(names)}, which the file does not "
                        f"define: kept as text"
                    )
        except _Expansion as error:
            broken[entry.key] = str(error)
            continue
        raw[entry.key] = (entry.entry_type.lower(), fields)
        folded.setdefault(entry.key.lower(), []).append(entry.key)

    def find(key: str) -> str | None:
        """BibTeX matches crossref keys ignoring case; an exact match wins, an ambiguous one fails."""
        if key in raw:
            return key
        matches = folded.get(key.lower(), [])
        return matches[0] if len(matches) == 1 else None

    # @xdata first, for every entry (a crossref parent may take its publisher from an @xdata block).
    xdata_warnings: dict[str, list[str]] = {}
    xdata_inherited: dict[str, set[str]] = {}
    for key, (_entry_type, fields) in raw.items():
        for xdata_key in [k.strip() for k in fields.get("xdata", "").split(",") if k.strip()]:
            found = find(xdata_key)
            if found is None:
                xdata_warnings.setdefault(key, []).append(
                    f"xdata {xdata_key!r} is not in the file: its fields are missing"
                )
                continue
            taken = {k: v for k, v in raw[found][1].items() if k not in fields and k not in NO_INHERIT}
            xdata_inherited.setdefault(key, set()).update(taken)
            fields.update(taken)
    records: list[Record] = []
    sets = 0
    for entry in repeated:
        try:
            fields = {
                f.key.lower(): _resolve(str(f.value), strings, budget, f"{entry.key}: field {f.key!r}")
                for f in entry.fields
            }
        except _Expansion as error:
            failures.append(Failure(entry.start_line + 1, str(error)))
            continue
        record = record_from_fields(entry.entry_type, fields, entry.start_line + 1, entry.key)
        record.warnings.append(f"the key {entry.key!r} is used by an earlier record too")
        records.append(record)
    for entry in entries:
        line = entry.start_line + 1
        if entry.key in broken:
            failures.append(Failure(line, broken[entry.key]))
            continue
        entry_type, fields = raw[entry.key]
        if entry_type in NOT_SOURCES:
            if entry_type == "set":
                sets += 1  # a group of the records it names, not a source: said on the "not kept" line
            continue
        if raw.get(entry.key) is None:
            continue
        warnings = undefined_macros.get(entry.key, []) + list(xdata_warnings.get(entry.key, ()))
        if id(entry) in doubled:
            warnings.append(doubled[id(entry)])
        inherited = set(xdata_inherited.get(entry.key, ()))
        parent_key = fields.get("crossref", "").strip()
        if parent_key:
            found = find(parent_key)
            if found is None:
                warnings.append(f"crossref {parent_key!r} is not in the file: imported without the parent's fields")
            else:
                parent_type, parent = raw[found]
                taken = inherit(parent_type, parent, entry_type, fields)
                inherited.update(taken)
                fields = {**fields, **taken}
        records.append(record_from_fields(entry_type, fields, line, entry.key, frozenset(inherited), warnings))
    records.sort(key=lambda record: record.line or 0)
    if sets and records:
        records[0].not_kept.extend(["@set"] * sets)
    return records, failures


# -- writing ---------------------------------------------------------------------------------------

BIBTEX_TYPES = {
    "article-newspaper": "article",
    "article-magazine": "article",
    "article-journal": "article",
    "wire-story": "article",
    "press-release": "misc",
    "transcript": "misc",
    "report": "techreport",
    "book": "book",
    "chapter": "incollection",
    "webpage": "misc",
    "interview": "misc",
    "thesis": "phdthesis",
    "letter": "misc",
    "manuscript": "unpublished",
    "document": "misc",
    "blog-post": "misc",
    "social-media-post": "misc",
    "video": "misc",
    "podcast": "misc",
    "review": "article",
    "encyclopedia-entry": "incollection",
    "artwork": "misc",
    "patent": "misc",
    "dataset": "misc",
    "legal-case": "misc",
    "legislation": "misc",
    "hearing": "misc",
    "paper-conference": "inproceedings",
    "preprint": "misc",
    "software": "misc",
    "map": "misc",
    "standard": "misc",
    "treaty": "misc",
    "song": "misc",
    "broadcast": "misc",
}
# biblatex-chicago's conventions (its notes-test.bib and manual, docs/formats.md): newspapers and magazines are
# @article with entrysubtype = {magazine}; an agency without a byline is a corporate author ({{Associated Press}});
# online sources are @online (organization = the site); talks not in an archive are @unpublished (eventtitle,
# venue); an interview not in a periodical is @misc with an entrysubtype (archive style). biblatex-chicago reads
# entrysubtype only in @article, @periodical, @review, @misc and a few others, so in @online and @unpublished we
# write our own subtype there for the round trip.
BIBLATEX_TYPES = {
    "article-newspaper": ("article", "magazine"),
    "article-magazine": ("article", "magazine"),
    "article-journal": ("article", None),
    "wire-story": ("article", "magazine"),
    "press-release": ("online", "press release"),
    "transcript": ("unpublished", "transcript"),
    "report": ("report", None),
    "book": ("book", None),
    "chapter": ("incollection", None),
    "webpage": ("online", "web page"),
    "interview": ("misc", "interview"),
    "thesis": ("thesis", None),
    "letter": ("misc", "letter"),
    "manuscript": ("unpublished", "manuscript"),
    "document": ("misc", "document"),
    # biblatex's own types where it has one (biblatex-chicago reads @review, @artwork, @patent, @dataset, @video,
    # @audio, @jurisdiction, @legislation); our subtype rides along for the round trip.
    "blog-post": ("online", "blog post"),
    "social-media-post": ("online", "social-media post"),
    "video": ("video", "video"),
    "podcast": ("audio", "podcast"),
    "review": ("review", "review"),
    "encyclopedia-entry": ("inreference", "encyclopedia entry"),
    "artwork": ("artwork", "artwork"),
    "patent": ("patent", "patent"),
    "dataset": ("dataset", "data set"),
    "legal-case": ("jurisdiction", "court case"),
    "legislation": ("legislation", "legislation"),
    "hearing": ("misc", "hearing"),
    # issue 27: biblatex's @standard and @inproceedings; the rest in a type biblatex-chicago has a driver for.
    "paper-conference": ("inproceedings", None),
    "preprint": ("online", "preprint"),
    "software": ("manual", "software"),  # biblatex-chicago has no @software driver; @manual prints the version
    "map": ("misc", "map"),
    "standard": ("standard", "standard"),
    "treaty": ("legislation", "treaty"),
    "song": ("audio", "song"),
    "broadcast": ("video", "broadcast"),
}
BIBTEX_SUBTYPES = {
    "article-newspaper": "newspaper",
    "article-magazine": "magazine",
    "wire-story": "wire story",
    "press-release": "press release",
    "transcript": "transcript",
    "interview": "interview",
    "webpage": "web page",
    "letter": "letter",
    "manuscript": "manuscript",
    "document": "document",
    "blog-post": "blog post",
    "social-media-post": "social-media post",
    "video": "video",
    "podcast": "podcast",
    "review": "review",
    "encyclopedia-entry": "encyclopedia entry",
    "artwork": "artwork",
    "patent": "patent",
    "dataset": "data set",
    "legal-case": "court case",
    "legislation": "legislation",
    "hearing": "hearing",
    "preprint": "preprint",
    "software": "software",
    "map": "map",
    "standard": "standard",
    "treaty": "treaty",
    "song": "song",
    "broadcast": "broadcast",
}


def _is_web_address(text: str) -> bool:
    """`howpublished = {\\url{…}}` gives the entry's URL when it is one the entry accepts ("http://" is not)."""
    from dossiercli.model.parse import url_problem

    return text.startswith(("http://", "https://")) and url_problem(text) is None


def _value(text: str, ascii_only: bool) -> str:
    """A value that reads back as `text`: specials escaped, braces balanced, math kept as math."""
    return encode(text, ascii_only)


def _name(name, ascii_only: bool) -> str:
    """A person as BibTeX's "von Last, Jr, First": particles where BibTeX reads them (before the
    surname), a surname of several words braced ({Montes de Oca}), an organisation braced whole."""
    if name.literal:
        return "{" + _value(name.literal, ascii_only) + "}"
    family = name.family or ""
    particles = [p for p in (name.dropping_particle, name.particle) if p]
    if name.particle and name.particle.endswith(("-", "'", "’")):
        family, particles = name.particle + family, [p for p in particles if p is not name.particle]
    last = _value(family, ascii_only)
    braced = " " in family or "," in family or "~" in family or re.search(r"\band\b", family, re.I)
    if braced:
        last = "{" + last + "}"  # one surname, however many words: BibTeX would split it
    if particles:
        last = " ".join(_value(p, ascii_only) for p in particles) + " " + last
    parts = [last]
    if name.suffix:
        parts.append(_value(name.suffix, ascii_only))
    if name.given:
        given = _value(name.given, ascii_only)
        parts.append("{" + given + "}" if "," in name.given or re.search(r"\band\b", name.given, re.I) else given)
    elif name.suffix or particles or braced:
        parts.append("{}")  # "King, Jr., {}" and "van Gogh, {}": an empty given name keeps the parts apart
    return ", ".join(parts)


def _names_value(names, et_al: bool, ascii_only: bool) -> str:
    written = [_name(n, ascii_only) for n in names]
    return " and ".join(written + (["others"] if et_al else []))


def _date_fields(entry: Entry, biblatex: bool, ascii_only: bool = False) -> list[tuple[str, str]]:
    if entry.issued is None:
        return []
    if entry.issued.literal is not None:  # words: `year` is free text (biber warns that it cannot sort it)
        return [("year", _value(entry.issued.literal, ascii_only))]
    if biblatex:
        return [("date", entry.issued.isoformat())]  # biblatex reads EDTF: 2007~, 1914/1918, -0043, 2007-21
    if not entry.issued.is_plain:
        return [("year", _value(entry.issued.year_text(), ascii_only))]
    out = [("year", f"{entry.issued.year:04d}")]
    if entry.issued.month:
        out.append(("month", str(entry.issued.month)))
    if entry.issued.day:
        out.append(("day", str(entry.issued.day)))
    return out


def _people(names) -> str:
    natural = [n.natural() for n in names]
    return natural[0] if len(natural) == 1 else ", ".join(natural[:-1]) + " and " + natural[-1]


# Our fields with a biblatex field of their own (read back by FIELDS_IN).
FIELDS_OUT = (
    ("volume-title", "maintitle"),
    ("container-title-short", "shortjournal"),
    ("ISSN", "issn"),
    ("number-of-volumes", "volumes"),
    ("number-of-pages", "pagetotal"),
    ("part-number", "part"),
    ("chapter-number", "chapter"),
    ("version", "version"),
    ("original-title", "origtitle"),
    ("original-publisher", "origpublisher"),
    ("original-publisher-place", "origlocation"),
    ("archive", "library"),
    ("archive_location", "callnumber"),
    ("PMID", "pmid"),
    ("PMCID", "pmcid"),
    ("abstract", "abstract"),
)
# Name roles beyond author, editor and translator: biblatex's editora/b/c with an editortype.
ROLES_OUT = {
    "director": "director",
    "producer": "producer",
    "compiler": "compiler",
    "organizer": "organizer",
    "chair": "chair",
    "contributor": "collaborator",
    "executive-producer": "executiveproducer",
    "performer": "performer",
    "host": "host",
    "composer": "composer",
    "illustrator": "illustrator",
}
SAFE_KEY = re.compile(r"[^\s,{}()\"#%'=\\~]+")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_+.-]*")


def entry_to_bibtex(entry: Entry, biblatex: bool = False, ascii_only: bool = False, key: str | None = None) -> str:
    kind = entry.type
    if biblatex:
        bib_type, subtype = BIBLATEX_TYPES[kind]
    else:
        # BibTeX ignores entrysubtype; we write it so that a round trip keeps the type.
        bib_type, subtype = BIBTEX_TYPES[kind], BIBTEX_SUBTYPES.get(kind)
        if kind == "thesis" and not entry.genre:
            subtype = "thesis"  # @phdthesis says "PhD diss." to a reader: this one's kind is not known
    extra = dict(entry.extra)
    et_al = {role.strip() for role in extra.pop("et-al", "").split(",")}
    fields: list[tuple[str, str]] = []
    if subtype:
        fields.append(("entrysubtype", subtype))
    authors = entry.authors
    if biblatex and kind == "wire-story" and not authors and entry.container_title and entry.publisher:
        authors = (Name(literal=entry.publisher),)  # biblatex-chicago: {{Associated Press}} as the author
    for role, names in (
        ("author", authors),
        ("editor", entry.editors),
        ("translator", entry.translators),
        ("bookauthor", entry.get("container-author")),
    ):
        if names:
            et = "container-author" if role == "bookauthor" else role
            fields.append((role, _names_value(names, et in et_al, ascii_only)))
    slots = iter(("editora", "editorb", "editorc"))
    for role, biblatex_role in ROLES_OUT.items():
        names = entry.get(role)
        slot = next(slots, None) if names else None
        if names and slot:
            fields.append((slot, _names_value(names, role in et_al, ascii_only)))
            fields.append((slot + "type", biblatex_role))
    if entry.title:  # an unpublished interview or a release may have none
        fields.append(("title", "{" + _value(entry.title, ascii_only) + "}"))  # inner braces keep the capitals
    if entry.title_short:
        fields.append(("shorttitle", "{" + _value(entry.title_short, ascii_only) + "}"))
    container = entry.container_title or (entry.publisher if kind == "wire-story" else None)
    if container:
        key_name = {"chapter": "booktitle", "paper-conference": "booktitle"}.get(
            kind,
            ("journaltitle" if biblatex else "journal")
            if bib_type == "article"
            else "booktitle"
            if kind == "chapter"
            else "organization"
            if kind == "webpage"
            else "journal",
        )
        fields.append((key_name, _value(container, ascii_only)))
    publisher_key = {
        "report": "institution",
        "thesis": "school" if not biblatex else "institution",
        "press-release": "organization",
        "transcript": "organization",
    }.get(kind, "publisher")
    if entry.publisher and not (kind == "wire-story" and container == entry.publisher):
        fields.append((publisher_key, _value(entry.publisher, ascii_only)))
        if biblatex and kind == "transcript" and not entry.medium:
            fields.append(("howpublished", _value(entry.publisher, ascii_only)))  # what @unpublished prints
    if entry.publisher_place:
        fields.append(("location" if biblatex else "address", _value(entry.publisher_place, ascii_only)))
    fields += _date_fields(entry, biblatex, ascii_only)
    for attr, name in (("accessed", "urldate"), ("original_date", "origdate"), ("event_date", "eventdate")):
        value = getattr(entry, attr)
        if value:
            fields.append((name, value.isoformat()))
    genre = entry.genre or (entry.entry_type.csl_genre if kind == "press-release" else None)
    if biblatex and kind in ("press-release", "transcript", "interview"):
        # biblatex-chicago prints `type` only in some types; a titleaddon follows the title in all of them.
        addon = genre or ("interview by " + _people(entry.interviewers) if entry.interviewers else None)
        if addon:
            fields.append(("titleaddon", _value(addon, ascii_only)))
    elif genre:
        fields.append(("type", _value(genre, ascii_only)))
    number = (
        entry.issue
        if bib_type == "article"
        else (entry.collection_number if kind == "report" and entry.collection_title else entry.number)
    )
    for name, value in (
        ("volume", entry.volume),
        ("number", number),
        ("pages", entry.page),
        ("edition", entry.edition),
        ("series", entry.collection_title),
        ("isbn", entry.isbn),
        ("language", entry.language),
        ("note", entry.note),
        ("howpublished", entry.medium),
        ("pubstate", entry.status),
        ("eventtitle", entry.event_title),
        ("venue", entry.event_place),
        ("section", entry.section),
    ):
        if value and not any(k == name for k, _ in fields):
            fields.append(
                (
                    name,
                    _value(value.replace("-", "\u2013"), ascii_only) if name == "pages" else _value(value, ascii_only),
                )
            )
    if bib_type == "article" and entry.number:
        fields.append(("eid", _value(entry.number, ascii_only)))  # an article's number: its issue is `number`
    for attr, name in FIELDS_OUT:
        value = entry.get(attr)
        if value:
            fields.append((name, _value(value, ascii_only)))
    if entry.doi:
        fields.append(("doi", encode_verbatim(entry.doi, ascii_only)))
    if entry.url:
        fields.append(("url", encode_verbatim(entry.url, ascii_only)))
    if entry.tags:
        fields.append(("keywords", _value(", ".join(entry.tags), ascii_only)))
    written = {k for k, _ in fields}
    if extra.get("month") and "month" not in written and not (entry.issued and entry.issued.month):
        fields.append(("month", _value(extra["month"], ascii_only)))  # "Spring", "Jan.-Feb.": not a month number
        written.add("month")
    for name, value in extra.items():  # what an import kept aside goes back where it came from
        if _FIELD_NAME.fullmatch(name) and name not in written and name not in _NOT_WRITTEN:
            text = encode_verbatim(value, ascii_only) if name in _VERBATIM else _value(value, ascii_only)
            if name in NAME_SOURCES and value.count(",") > 1 and " and " not in value:
                text = "{" + text + "}"  # an organisation kept as text (holder): one name, not "Last, Jr, First"
            fields.append((name, text))
            written.add(name)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{bib_type}{{{key or entry.id},\n{body}\n}}\n"


# [extra] keys that are not BibTeX fields of the record (or would change its meaning if written back).
_NOT_WRITTEN = frozenset({"crossref", "xdata", "entrysubtype", "date", "year", "month", "day", "csl-type", "ris-type"})


def write_bibtex(entries: Iterable[Entry], biblatex: bool = False, ascii_only: bool = False) -> str:
    """The entries as one .bib file. An entry keeps the key its source library knew it by
    (`citation-key`) when that key is a valid BibTeX key and no other entry uses it."""
    entries = list(entries)
    used = {entry.id.lower() for entry in entries}
    out = []
    for entry in entries:
        key = entry.id
        wanted = entry.citation_key
        if (
            wanted
            and wanted != entry.id
            and SAFE_KEY.fullmatch(wanted)
            and wanted.lower() not in used
            and (wanted.isascii() or not ascii_only)  # --ascii: keys too (biber escapes others, pdflatex fails)
        ):
            key = wanted
            used.add(wanted.lower())
        out.append(entry_to_bibtex(entry, biblatex, ascii_only, key))
    text = "\n".join(out)
    if "\\" + CHAR_MACRO + "{" in text:  # characters LaTeX has no name for: a placeholder, never an error
        text = f'@preamble{{ "{CHAR_PREAMBLE}" }}\n\n' + text
    return text
