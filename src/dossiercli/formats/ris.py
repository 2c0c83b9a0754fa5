"""RIS in and out: the tagged format of reference managers (Zotero, EndNote, Mendeley).

A careful reader of the common tags rather than a dependency: RIS is a line format with
no nesting, and we need every record's line number for errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from dossiercli.formats.records import Failure, Record, add_extra
from dossiercli.model.dates import DateError, PartialDate
from dossiercli.model.entry import Entry

TYPES_IN = {
    "JOUR": "article-journal",
    "ARTICLE": "article-journal",  # RefWorks' tagged export
    "JFULL": "article-journal",
    "EJOUR": "article-journal",
    "NEWS": "article-newspaper",
    "MGZN": "article-magazine",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "RPRT": "report",
    "GOVDOC": "report",
    "THES": "thesis",
    "ELEC": "webpage",
    "WEB": "webpage",
    "BLOG": "blog-post",
    "PRESS": "press-release",
    "INTV": "interview",
    "GEN": "report",
    "UNPB": "report",
    "STAND": "standard",
    "COMP": "software",
    "MAP": "map",
    "PCOMM": "letter",
    "MANSCPT": "manuscript",
    "VIDEO": "video",
    "MPCT": "video",
    "SOUND": "podcast",
    "MUSIC": "song",
    "ENCYC": "encyclopedia-entry",
    "DICT": "encyclopedia-entry",
    "ART": "artwork",
    "PAT": "patent",
    "DATA": "dataset",
    "CASE": "legal-case",
    "STAT": "legislation",
    "BILL": "legislation",
    "HEAR": "hearing",
}
TYPES_OUT = {
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "article-magazine": "MGZN",
    "wire-story": "NEWS",
    "press-release": "PRESS",
    "transcript": "GEN",
    "report": "RPRT",
    "book": "BOOK",
    "chapter": "CHAP",
    "webpage": "ELEC",
    "interview": "INTV",
    "thesis": "THES",
    "letter": "PCOMM",
    "manuscript": "MANSCPT",
    "document": "GEN",
    "blog-post": "BLOG",
    "social-media-post": "ELEC",
    "video": "VIDEO",
    "podcast": "SOUND",
    "review": "JOUR",
    "encyclopedia-entry": "ENCYC",
    "artwork": "ART",
    "patent": "PAT",
    "dataset": "DATA",
    "legal-case": "CASE",
    "legislation": "STAT",
    "hearing": "HEAR",
    "paper-conference": "CPAPER",
    "preprint": "UNPB",
    "software": "COMP",
    "map": "MAP",
    "standard": "STAND",
    "treaty": "GEN",
    "song": "MUSIC",
    "broadcast": "GEN",
}
# M3 ("type of work") values that name our types RIS has no code for
WORK_TYPES_IN = {
    "wire story": "wire-story",
    "transcript": "transcript",
    "document": "document",
    "briefing or press-conference transcript": "transcript",
    "unpublished document": "document",
    "social-media post": "social-media-post",
    "review": "review",
    "preprint": "preprint",
    "treaty": "treaty",
    "broadcast": "broadcast",
    "preprint or working paper": "preprint",
    "treaty or international agreement": "treaty",
    "television or radio broadcast": "broadcast",
}

_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date(value: str, warnings: list[str] | None = None) -> str | dict | None:
    """RIS dates: 'YYYY/MM/DD/other' ('2007/01/03/', '2007/01//', '///Spring 1990') or ISO '2007-01-03'
    -> EDTF text, or {literal} for words; None when there is no date. The fourth part is free text: an
    EDTF date there (our export writes '2007///2007~') is the date; other text beside a year goes to the
    warnings (`PY  - 1985///1922`), alone it is a literal date."""
    value = unicodedata.normalize("NFKC", value).strip()  # '²' is a digit to str.isdigit but not to int()
    if not value:
        return None
    if "/" not in value:
        match = _ISO_DATE.match(value)
        if not match or not value[:4].isascii():
            return {"literal": value} if re.search(r"[A-Za-z]", value) else None
        return "-".join([match.group(1), *(f"{int(g):02d}" for g in match.groups()[1:] if g)])
    year, month, day, other = ([p.strip() for p in value.split("/", 3)] + ["", "", ""])[:4]
    if other:
        try:
            parsed = PartialDate.parse(other)
        except DateError:
            parsed = None
        if parsed is not None and (not year or (year.isdigit() and parsed.year == int(year))):
            return other
    if not (len(year) == 4 and year.isascii() and year.isdigit()):
        return {"literal": other} if other else None
    out = year
    for part in (month, day):
        if not (part.isascii() and part.isdigit() and 1 <= int(part) <= 31):
            break
        out += f"-{int(part):02d}"
    if other and warnings is not None:
        warnings.append(f"date {value!r}: the free text after the date ({other!r}) kept in [extra]")
    return out


def _name(value: str) -> dict:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 1:
        return {"literal": parts[0]}
    words = parts[0].split(" ")
    particle = []
    while len(words) > 1 and words[0][:1].islower():  # "van Gogh", "de la Cruz": the lowercase words lead
        particle.append(words.pop(0))
    table = {"family": " ".join(words)}
    if particle:
        table["non-dropping-particle"] = " ".join(particle)
    if parts[1]:
        table["given"] = parts[1]
    if len(parts) > 2 and parts[2]:
        table["suffix"] = parts[2]
    return table


def read_ris(text: str) -> tuple[list[Record], list[Failure]]:
    records: list[Record] = []
    failures: list[Failure] = []
    current: dict[str, list[list[str]]] | None = None  # tag -> values, each a list of wrapped pieces
    start = 0
    last_tag = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r").lstrip("\ufeff")
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            if current is not None and last_tag:
                current[last_tag][-1].append(line.strip())  # a wrapped value: joined once, at the end (linear)
                continue
            failures.append(Failure(number, f"not a RIS line (expected 'XX  - value'): {line[:40]!r}"))
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if current is not None:
                failures.append(Failure(start, "record has no 'ER  -' line before the next 'TY  -'"))
            current, start, last_tag = {"TY": [[value]]}, number, "TY"
            continue
        if current is None:
            failures.append(Failure(number, f"'{tag}  -' outside a record (records start with 'TY  -')"))
            continue
        if tag == "ER":
            records.append(_record({k: [" ".join(pieces) for pieces in v] for k, v in current.items()}, start))
            current, last_tag = None, None
            continue
        current.setdefault(tag, []).append([value])
        last_tag = tag
    if current is not None:
        failures.append(Failure(start, "record has no closing 'ER  -' line"))
    return records, failures


# Tags read into fields; others: a few kept in [extra], attachments and database bookkeeping not kept.
_READ_TAGS = frozenset(
    "TY ID TI T1 CT ST T2 JO JF BT JA T3 PB CY PP UR L2 DO SN VL ET N1 LA SE IS M1 M3 SP EP DA PY "
    "Y1 Y2 KW AU A1 A2 A3 ED A4 AB N2 CN DP AN NV ER DI VO".split()
)
_EXTRA_TAGS = {
    "DP": "database",
    "AN": "accession-number",
    "CN": "call-number",
    "J2": "journal-abbreviation",
    "C1": "custom1",
    "C2": "custom2",
    "C3": "custom3",
    "OP": "original-publication",
    "RP": "reprint",
    "RI": "reviewed-item",
    "AD": "address",
    "CA": "caption",
    "DB": "database-name",
    "TT": "translated-title",
    "TA": "translated-author",
    "RN": "research-notes",
    "M2": "extent",
    "SV": "series-volume",
    "C4": "custom4",
    "C5": "custom5",
    "C6": "custom6",
    "C7": "custom7",
    "C8": "custom8",
}


def _record(tags: dict[str, list[str]], line: int) -> Record:
    used: set[str] = set()  # the values read into a field; any other value of a tag goes to [extra]

    def first(*keys: str) -> str | None:
        value = next((tags[k][0] for k in keys if tags.get(k) and tags[k][0]), None)
        if value is not None:
            used.add(value)
        return value

    code = tags["TY"][0].upper()
    not_kept = sorted({f"RIS {tag}" for tag in tags if tag not in _READ_TAGS and tag not in _EXTRA_TAGS})
    warnings: list[str] = []
    # Zotero's and RefWorks' writers put the DOI in M3 ("type of work"); Zotero's reader takes it back from
    # M3, DO, DI or an N1 "doi:" line: so do we, and a DOI is never a genre.
    dois = [v for v in tags.get("M3", []) if _DOI.fullmatch(v.strip())]
    if dois:
        tags["M3"] = [v for v in tags["M3"] if v not in dois]
    note_doi = next((m.group(1) for v in tags.get("N1", []) if (m := _NOTE_DOI.match(v))), None)
    doi = first("DO", "DI") or (dois[0].strip() if dois else None) or note_doi
    work_type = (first("M3") or "").lower()
    ours = WORK_TYPES_IN.get(work_type) or TYPES_IN.get(code, "report")
    table: dict = {"type": ours}
    if code != TYPES_OUT.get(ours) and code.isalnum():
        table["extra"] = {"ris-type": code}  # a kind RIS names and we fold (CHART, EQUA → report): kept, and distinct
    for line_text in list(tags.get("N1", ())):  # what our export writes as labelled notes: its fields again
        labelled = _LABELLED.match(line_text)
        if labelled and labelled.group(1).lower() in _LABELS and _LABELS[labelled.group(1).lower()] not in table:
            table[_LABELS[labelled.group(1).lower()]] = labelled.group(2).strip()
            tags["N1"].remove(line_text)
    for key, value in (
        ("title", first("TI", "T1", "CT")),
        ("title-short", first("ST")),
        ("container-title", first("T2", "JO", "JF", "BT", "JA")),
        ("collection-title", first("T3")),
        ("publisher", first("PB")),
        ("publisher-place", first("CY", "PP")),
        ("URL", first("UR", "L2")),
        ("DOI", doi),
        ("volume", first("VL", "VO")),
        ("edition", first("ET")),
        ("abstract", first("AB", "N2")),
        ("archive_location", first("CN")),
        ("note", None if note_doi and _NOTE_DOI.fullmatch(first("N1") or "") else first("N1")),
        ("language", first("LA")),
        ("section", first("SE")),
        ("number-of-volumes", first("NV")),  # CMOS 14.117: "3 vols."
    ):
        if value:
            table[key] = value
    # IS is an article's issue; elsewhere a number (report, release), unless M1 holds the number.
    if first("IS"):
        article = ours.startswith("article") or ours == "wire-story"
        table["issue" if article or first("M1") else "number"] = first("IS")
    if first("M1") and "number" not in table:
        table["number"] = first("M1")
    if work_type and work_type not in WORK_TYPES_IN:
        table["genre"] = first("M3")
    if ours in WORK_TYPES_IN.values() and tags.get("M3") and len(tags["M3"]) > 1:
        table["genre"] = tags["M3"][1]
    page, extent = _pages(first("SP"), first("EP"))
    if page:
        table["page"] = page
    if extent:
        table["number-of-pages"] = extent
    date_text = first("DA", "PY", "Y1") or ""
    said = len(warnings)
    date = _date(date_text, warnings)
    if date:
        table["issued"] = date
    used.update(v for k in ("DA", "PY", "Y1") for v in tags.get(k, ()) if v[:4] == date_text[:4])
    if len(warnings) > said:  # free text after the date: kept, not lost
        add_extra(table, "date-other", date_text.split("/", 3)[3].strip())
    accessed = _date(first("Y2") or "")
    if isinstance(accessed, dict):
        warnings.append(f"Y2 {first('Y2')!r} is not a date: the access date is dropped")
    elif accessed:
        table["accessed"] = accessed
    keywords = [k for value in tags.get("KW", []) for k in value.split(";") if k.strip()]
    if keywords:
        table["tags"] = [k.strip() for k in keywords]
    for role, keys in (
        ("author", ("AU", "A1")),
        ("editor", ("A2", "ED")),
        ("translator", ("A4",)),
        ("collection-editor", ("A3",)),  # RIS's tertiary author: the series editor
    ):
        names = [_name(v) for k in keys for v in tags.get(k, []) if v]
        if names:
            table[role] = names
    if first("SN"):  # a serial's ISSN, a book's ISBN
        table["ISSN" if ours.startswith("article") or ours == "wire-story" else "ISBN"] = first("SN")
    if table.get("edition"):
        table["edition"] = unicodedata.normalize("NFKC", table["edition"])
    for tag, name in _EXTRA_TAGS.items():
        if first(tag) and tag != "CN":
            table.setdefault("extra", {})[name] = first(tag)
    own_key = first("ID")
    if len(tags.get("N1", ())) > 1 and "note" in table:  # Zotero writes one N1 per note: all of them kept
        table["note"] = "\n\n".join(v for v in tags["N1"] if v and not _NOTE_DOI.fullmatch(v))
        used.update(tags["N1"])
    used.update(dois)
    for tag, values in tags.items():  # a second SN, a JO beside T2: not a field of ours, but never dropped
        if tag in _MANY or tag in _EXTRA_TAGS or tag not in _READ_TAGS:
            continue
        rest = [v for v in dict.fromkeys(values) if v and v not in used]
        if rest:
            add_extra(table, f"ris-{tag.lower()}", "; ".join(rest))
    return Record(table, line, own_key, warnings=warnings, not_kept=not_kept)


_LABELLED = re.compile(r"^(Chapter|Medium):\s*(.+)$")
_LABELS = {"chapter": "chapter-number", "medium": "medium"}
_MANY = frozenset("TY ER AU A1 A2 A3 ED A4 KW M3".split())  # tags read as lists (M3: the type, then the genre)


_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?10\.\d{4,9}/\S+", re.I)
_NOTE_DOI = re.compile(r"^\s*doi:\s*(10\.\d{4,9}/\S+)\s*", re.I)
_RANGE = re.compile(r"^\s*(\S+?)\s*[-–—]+\s*(\S+)\s*$")


def _pages(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """(page, number-of-pages) from SP and EP. RefWorks writes the whole range in SP and again in EP
    ('150 – 168' twice) or only its start in EP ('427-436', '427'): one range, never joined twice; an EP
    that is an extent ('xvi, 182 p') is the number of pages, and then SP is not a locator."""
    start, end = (start or "").strip(), (end or "").strip()
    if end and _EXTENT.search(end):
        return (start if start and start != "1" else None), end
    if not start:
        return end or None, None
    whole = _RANGE.match(start)
    if whole:
        return "-".join(whole.groups()), None
    if end:
        return f"{start}-{end}", None
    return start, None


_EXTENT = re.compile(r"\b(?:p|pp|pages?)\.?$", re.I)


def _ris_name(name) -> str:
    if name.literal:
        return name.literal
    family = name.surname
    given = " ".join(p for p in (name.given, name.dropping_particle) if p)
    if name.suffix:
        return f"{family}, {given}, {name.suffix}"  # RIS: Lastname, Firstname, Suffix
    return f"{family}, {given}" if given else f"{family},"


def _serial_number(entry: Entry) -> str | None:
    """RIS has one SN: an article's ISSN, anything else's ISBN (as reference managers read it)."""
    return entry.issn if entry.type.startswith("article") or entry.type == "wire-story" else entry.isbn


def entry_to_ris(entry: Entry) -> str:
    kept = dict(entry.extra).get("ris-type")
    code = (
        kept
        if kept
        and kept.isalnum()
        and kept.isupper()
        and kept != "ARTICLE"
        and TYPES_IN.get(kept, "report") == entry.type
        else None
    )  # the RIS code the record came with (CHART, CONF), RefWorks' own ARTICLE aside
    lines = [("TY", code or TYPES_OUT[entry.type]), ("ID", entry.id)]
    if entry.type in {ours for ours in WORK_TYPES_IN.values()}:  # types RIS has no code of its own for
        lines.append(("M3", entry.entry_type.csl_genre or entry.entry_type.label))
    if entry.genre:
        lines.append(("M3", entry.genre))
    for tag, names in (
        ("AU", entry.authors),
        ("A2", entry.editors),
        ("A4", entry.translators),
        ("A3", entry.collection_editors),
    ):
        lines += [(tag, _ris_name(name)) for name in names]
    for tag, value in (
        ("TI", entry.title),
        ("ST", entry.title_short),
        ("T2", entry.container_title),
        ("T3", entry.collection_title),
        ("PB", entry.publisher),
        ("CY", entry.publisher_place),
        ("VL", entry.volume),
        ("IS", entry.issue),
        ("M1", entry.number),
        ("ET", entry.edition),
        ("SE", entry.section),
        ("LA", entry.language),
        ("SN", _serial_number(entry)),
        ("DO", entry.doi),
        ("UR", entry.url),
        ("N1", entry.note),
        ("N1", f"Chapter: {entry.chapter_number}" if entry.chapter_number else None),
        ("N1", f"Medium: {entry.medium}" if entry.medium else None),
        ("AB", entry.abstract),
        ("CN", entry.archive_location),
        ("NV", entry.number_of_volumes),
    ):
        if value:
            lines.append((tag, " ".join(value.split())))
    if entry.page:
        start, _, end = entry.page.partition("-")
        lines.append(("SP", start.strip()))
        if end.strip():
            lines.append(("EP", end.strip()))
    if entry.issued:
        d = entry.issued
        if d.literal is not None:  # RIS keeps words in the date's fourth part
            lines.append(("DA", f"///{d.literal}"))
        else:
            other = "" if d.is_plain else d.isoformat()
            year = f"{d.year:04d}" if d.year is not None and d.year > 0 else ""
            lines.append(
                ("DA", f"{year}/{f'{d.month:02d}' if d.month else ''}/{f'{d.day:02d}' if d.day else ''}/{other}")
            )
            if year:
                lines.append(("PY", year))
    if entry.accessed:
        lines.append(("Y2", entry.accessed.isoformat().replace("-", "/")))
    lines += [("KW", tag) for tag in entry.tags]
    return "\n".join(f"{tag}  - {value}" for tag, value in lines) + "\nER  - \n"


def write_ris(entries: Iterable[Entry]) -> str:
    return "\n".join(entry_to_ris(entry) for entry in entries)
