"""RIS in and out: the tagged format of reference managers (Zotero, EndNote, Mendeley).

A careful reader of the common tags rather than a dependency: RIS is a line format with
no nesting, and we need every record's line number for errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from dossiercli.formats.records import Failure, Record
from dossiercli.model.entry import Entry

TYPES_IN = {
    "JOUR": "article-journal",
    "JFULL": "article-journal",
    "EJOUR": "article-journal",
    "NEWS": "article-newspaper",
    "MGZN": "article-magazine",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "CONF": "chapter",
    "CPAPER": "chapter",
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
    "STAND": "report",
    "PCOMM": "letter",
    "MANSCPT": "manuscript",
    "VIDEO": "video",
    "MPCT": "video",
    "SOUND": "podcast",
    "MUSIC": "podcast",
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
}

_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def _date(value: str) -> str | None:
    """'2007/01/03/', '2007/01//', '2007', '2007-01-03' -> ISO text; None when it is not a date."""
    value = unicodedata.normalize("NFKC", value)  # '²' is a digit to str.isdigit but not to int()
    parts = [p.strip() for p in re.split(r"[/-]", value.strip()) if p.strip()]
    if not parts or not (parts[0][:4].isascii() and parts[0][:4].isdigit() and len(parts[0]) >= 4):
        return None
    out = parts[0][:4]
    for part in parts[1:3]:
        if not (part.isascii() and part.isdigit()):
            break
        out += f"-{int(part):02d}"
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
    "Y1 Y2 KW AU A1 A2 ED A4 AB N2 CN DP AN NV ER".split()
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
}


def _record(tags: dict[str, list[str]], line: int) -> Record:
    first = lambda *keys: next((tags[k][0] for k in keys if tags.get(k) and tags[k][0]), None)  # noqa: E731
    code = tags["TY"][0].upper()
    not_kept = sorted({f"RIS {tag}" for tag in tags if tag not in _READ_TAGS and tag not in _EXTRA_TAGS})
    work_type = (first("M3") or "").lower()
    ours = WORK_TYPES_IN.get(work_type) or TYPES_IN.get(code, "report")
    table: dict = {"type": ours}
    for key, value in (
        ("title", first("TI", "T1", "CT")),
        ("title-short", first("ST")),
        ("container-title", first("T2", "JO", "JF", "BT", "JA")),
        ("collection-title", first("T3")),
        ("publisher", first("PB")),
        ("publisher-place", first("CY", "PP")),
        ("URL", first("UR", "L2")),
        ("DOI", first("DO")),
        ("volume", first("VL")),
        ("edition", first("ET")),
        ("abstract", first("AB", "N2")),
        ("archive_location", first("CN")),
        ("note", first("N1")),
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
    start, end = first("SP"), first("EP")
    if start:
        table["page"] = f"{start}-{end}" if end else start
    date = _date(first("DA", "PY", "Y1") or "")
    if date:
        table["issued"] = date
    accessed = _date(first("Y2") or "")
    if accessed:
        table["accessed"] = accessed
    keywords = [k for value in tags.get("KW", []) for k in value.split(";") if k.strip()]
    if keywords:
        table["tags"] = [k.strip() for k in keywords]
    for role, keys in (("author", ("AU", "A1")), ("editor", ("A2", "ED")), ("translator", ("A4",))):
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
    return Record(table, line, first("ID"), not_kept=not_kept)


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
    lines = [("TY", TYPES_OUT[entry.type]), ("ID", entry.id)]
    if entry.type in {ours for ours in WORK_TYPES_IN.values()}:  # types RIS has no code of its own for
        lines.append(("M3", entry.entry_type.csl_genre or entry.entry_type.label))
    if entry.genre:
        lines.append(("M3", entry.genre))
    for tag, names in (("AU", entry.authors), ("A2", entry.editors), ("A4", entry.translators)):
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
