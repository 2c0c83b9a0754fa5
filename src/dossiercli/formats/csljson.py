"""CSL-JSON out: an entry as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).

Field names are already CSL's, so this maps types (through ENTRY_TYPES' csl_type and
csl_genre), dates (to date-parts) and names; dossier-only fields (excerpts, tags,
archive_url) are left out, `note` is kept.
"""

from __future__ import annotations

import re

from dossiercli.model.dates import PartialDate
from dossiercli.model.entry import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS, Entry

_NOT_CSL = frozenset({"archive_url"})
# Our names that CSL-JSON 1.0.1's schema spells differently.
_CSL_NAMES = {"event-title": "event"}


def date_parts(date: PartialDate) -> dict:
    """A date as CSL-JSON holds it: date-parts (two for a range), circa, season, or literal words.
    CSL years count historically (-44 is 44 BC); ours are EDTF's astronomical years (-43 is 44 BC)."""
    if date.literal is not None:
        return {"literal": date.literal}

    def parts(d: PartialDate) -> list[int]:
        assert d.year is not None  # only literal dates have no year
        year = d.year if d.year > 0 else d.year - 1
        return [year] + ([d.month] if d.month else []) + ([d.day] if d.day and d.month else [])

    item: dict = {"date-parts": [parts(date)] + ([parts(date.end)] if date.end else [])}
    if date.approximate:
        item["circa"] = True
    if date.season:
        item["season"] = date.season
    return item


def name_item(name) -> dict:
    return name.to_table()


# CSL 1.0.2's item types (its schema's list, and `event`, which the specification adds).
CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter classic collection
    dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview legal_case
    legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software song speech standard
    thesis treaty webpage""".split()
)


def to_csl(entry: Entry) -> dict:
    entry_type = entry.entry_type
    kept_type = dict(entry.extra).get(CSL_TYPE_KEY)  # the CSL type of a kind the model folds into this one
    item: dict = {"id": entry.id, "type": kept_type if kept_type in CSL_TYPES else entry_type.csl_type}
    for key, attr in TEXT_FIELDS.items():
        value = getattr(entry, attr)
        if value and key not in _NOT_CSL:  # an untitled letter has no "title": "" (CSL processors print it)
            item[_CSL_NAMES.get(key, key)] = value
    law = _PUBLIC_LAW.match(entry.number or "") if entry.type == "legislation" else None
    if law and law.end() < len(entry.number or ""):
        item["number"] = (entry.number or "")[law.end() :]  # Chicago's CSL style prints "Pub. L. No." itself
    if entry_type.csl_genre and "genre" not in item:
        item["genre"] = entry_type.csl_genre
    if entry.type == "wire-story" and "container-title" not in item and entry.publisher:
        item["container-title"] = entry.publisher
    for key, attr in DATE_FIELDS.items():
        value = getattr(entry, attr)
        if value is not None:
            item[key] = date_parts(value)
    for key, attr in NAME_FIELDS.items():
        names = getattr(entry, attr)
        if names:
            item[key] = [name_item(name) for name in names]
    if entry.tags:
        item["keyword"] = ", ".join(entry.tags)
    item["custom"] = {CUSTOM_KEY: _ours(entry)}
    if entry.type == "wire-story" and entry.container_title is None and entry.publisher:
        item["custom"][CUSTOM_KEY]["agency-as-container"] = True  # added above only for CSL processors
    return item


CUSTOM_KEY = "dossier"
CSL_TYPE_KEY = "csl-type"  # [extra]: the CSL type an import read, where our type exports as another


def _ours(entry: Entry) -> dict:
    """What CSL has no field for, in the schema's `custom` object (CSL processors ignore it):
    our exact type, archive_url, tags as a list, excerpts. With it CSL-JSON loses nothing."""
    data = entry.to_toml_dict()
    ours = {"type": entry.type}
    for key in ("archive_url", "tags", "extra", "excerpts"):
        if key in data:
            ours[key] = data[key]
    if entry.type == "legislation" and entry.number and _PUBLIC_LAW.match(entry.number):
        ours["number"] = entry.number  # as the entry has it, prefix and all
    return ours


_PUBLIC_LAW = re.compile(r"(?:Pub\.\s*L\.|Public\s+Law)\s*(?:No\.)?\s*", re.I)


# -- reading ---------------------------------------------------------------------------------------

import html  # noqa: E402
import json  # noqa: E402
import unicodedata  # noqa: E402

from dossiercli.formats.records import Failure, Record, ids_from_note  # noqa: E402
from dossiercli.jsonshape import lone_surrogate, surrogate_reason  # noqa: E402
from dossiercli.model.entry import ENTRY_TYPES  # noqa: E402

_CSL_TYPES_IN = {
    "article-newspaper": "article-newspaper",
    "article-magazine": "article-magazine",
    "article-journal": "article-journal",
    "report": "report",
    "book": "book",
    "chapter": "chapter",
    "webpage": "webpage",
    "interview": "interview",
    "thesis": "thesis",
    "speech": "transcript",
    "paper-conference": "paper-conference",
    "article": "preprint",
    "document": "document",
    "manuscript": "manuscript",
    "pamphlet": "report",
    "letter": "letter",
    "personal_communication": "letter",
    "post-weblog": "blog-post",
    "post": "social-media-post",
    "motion_picture": "video",
    "broadcast": "broadcast",
    "song": "song",
    "review": "review",
    "review-book": "review",
    "entry-encyclopedia": "encyclopedia-entry",
    "entry-dictionary": "encyclopedia-entry",
    "entry": "encyclopedia-entry",
    "graphic": "artwork",
    "figure": "artwork",
    "patent": "patent",
    "dataset": "dataset",
    "legal_case": "legal-case",
    "legislation": "legislation",
    "bill": "legislation",
    "hearing": "hearing",
    "treaty": "treaty",
    "software": "software",
    "map": "map",
    "standard": "standard",
    # CSL 1.0.2 types the model folds into a type of its own: the CSL type is kept ([extra] csl-type).
    "classic": "book",
    "collection": "book",
    "periodical": "book",
    "musical_score": "book",
    "event": "document",
    "performance": "document",
    "regulation": "legislation",
}
_GENRES_IN = {(t.csl_type, t.csl_genre): name for name, t in ENTRY_TYPES.items() if t.csl_genre}
# A release as other libraries type it: a CSL report or article whose genre names a press or news release (CMOS 14.200).
_GENRES_IN.update(
    {
        ("report", "press release"): "press-release",
        ("report", "news release"): "press-release",
        ("article", "news release"): "press-release",
    }
)


def _csl_date(value) -> tuple[str | dict | None, str | None]:
    """A CSL date as the EDTF text (or {literal}) an entry file holds, or why it is not one
    (one line: `[2007]` or an object of the wrong shape is a reason, never a traceback)."""
    if isinstance(value, dict):
        parts = value.get("date-parts")
        if parts is not None:
            if not (isinstance(parts, list) and parts and all(isinstance(part, list) for part in parts)):
                return None, f"date-parts must be a list of [year, month, day] lists, not {json.dumps(parts)[:40]}"
            cleaned = []
            for part in parts[:2]:
                numbers = []
                for piece in part[:3]:
                    text = "" if isinstance(piece, bool) else unicodedata.normalize("NFKC", str(piece)).strip()
                    if not text:
                        break  # [["2007", ""]]: a year alone
                    if not (text.isascii() and text.lstrip("-").isdigit()):
                        return None, f"date-parts {json.dumps(part)[:40]} are not numbers"
                    numbers.append(text)
                if numbers:
                    cleaned.append(numbers)
            if len(cleaned) == 2 and not any(int(n) for n in cleaned[1]):  # [[2015],[0]]: an open range
                try:
                    start = PartialDate.parse(_edtf(cleaned[0], value))
                    return {"literal": f"{start.long()}\u2013"}, None
                except (TypeError, ValueError):
                    return None, f"date-parts {json.dumps(parts)[:40]} are not a date"
            if cleaned:
                try:
                    return "/".join(dict.fromkeys(_edtf(part, value) for part in cleaned)), None
                except (TypeError, ValueError):
                    return None, f"date-parts {json.dumps(parts)[:40]} are not a date"
        if value.get("literal"):
            return {"literal": str(value["literal"])}, None
        text = value.get("raw")
        if isinstance(text, (str, int)) and not isinstance(text, bool) and str(text).strip():
            return str(text), None
        return None, "no date-parts, raw or literal date"
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value), None
    return None, f"a date is an object with date-parts, not {type(value).__name__}"


_CONFERENCE_KIND = re.compile(r"paper|presentation|poster|talk|lecture|keynote|address", re.I)
_CONFERENCE = re.compile(r"conference|congress|symposium|workshop|meeting|colloquium", re.I)

# CSL item keys read elsewhere (or ours): not copied to [extra].
_HANDLED = frozenset({"id", "type", "custom", "keyword", "citation-key", "event", *_CSL_NAMES.values()})


# CSL-JSON's rich-text markup (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): the
# model holds plain text, so the tags go and their text stays ("<i>Homo sapiens</i>" -> "Homo sapiens").
_CSL_MARKUP = re.compile(r'</?(?:i|b|sup|sub|sc)>|<span(?: style="[^"]*"| class="nocase")>|</span>', re.I)


def _plain(text: str) -> str:
    return html.unescape(_CSL_MARKUP.sub("", text))


def _edtf(part: list, value: dict) -> str:
    numbers = [int(str(p).strip()) for p in part[:3] if str(p).strip()]
    year = numbers[0] if numbers[0] > 0 else numbers[0] + 1  # historical -44 → astronomical -43
    text = f"-{abs(year):04d}" if year < 0 else f"{year:04d}"
    if len(numbers) == 2 and 13 <= numbers[1] <= 16:  # seasons as some CSL producers write them
        numbers[1] += 8
    text += "".join(f"-{n:02d}" for n in numbers[1:])
    season = value.get("season")
    if len(numbers) == 1 and str(season).strip().isdecimal() and 1 <= int(season) <= 4:
        text += f"-{20 + int(season)}"
    if value.get("circa") in (True, 1, "1", "true"):
        text += "~"
    return text


def record_from_item(item: dict, line: int | None) -> Record:
    csl_type = item.get("type", "document")
    if not isinstance(csl_type, str):
        csl_type = "document"
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    kept = custom.get(CUSTOM_KEY) if isinstance(custom.get(CUSTOM_KEY), dict) else {}
    genre = item.get("genre") if isinstance(item.get("genre"), str) else ""
    ours = _GENRES_IN.get((csl_type, genre.lower())) or _CSL_TYPES_IN.get(csl_type, "report")
    event = (
        item.get("event-title", item.get("event"))
        if isinstance(item.get("event-title", item.get("event")), str)
        else ""
    )
    if csl_type == "personal_communication" and item.get("container-title"):
        ours = "article-newspaper"  # a letter to the editor: published in the paper, cited as its articles are
    elif csl_type == "speech" and (_CONFERENCE_KIND.search(genre) or _CONFERENCE.search(event or "")):
        ours = "paper-conference"  # a paper given at a conference, not a briefing
    if kept.get("type") in ENTRY_TYPES:
        ours = kept["type"]
    table: dict = {"type": ours}
    if csl_type in CSL_TYPES and csl_type != ENTRY_TYPES[ours].csl_type and not kept:
        table["extra"] = {CSL_TYPE_KEY: csl_type}  # the kind of work, kept for CSL-JSON export
    problems: list[str] = []
    warnings: list[str] = []
    for key in TEXT_FIELDS:
        value = item.get(key, item.get(_CSL_NAMES.get(key, key)))
        if value is None or key in _NOT_CSL:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and "<" in value and key not in ("URL", "DOI"):
            value = _plain(value)
        table[key] = value
    if not kept:
        ids_from_note(table)
    if item.get("keyword"):
        table["tags"] = [tag.strip() for tag in str(item["keyword"]).split(",") if tag.strip()]
    for key in (
        "archive_url",
        "tags",
        "excerpts",
        "extra",
        "number",
    ):  # exported by us: taken as they were (parse_entry checks them)
        if key in kept:
            table[key] = kept[key]
    if (
        ours == "wire-story"
        and "container-title" in table
        and table["container-title"] == table.get("publisher")
        and (kept.get("agency-as-container") or not kept)
    ):
        table.pop("container-title")  # written only so that CSL processors print the agency
    if ENTRY_TYPES[ours].csl_genre and str(table.get("genre", "")).lower() == ENTRY_TYPES[ours].csl_genre:
        table.pop("genre")  # the genre only marked the type
    for key in DATE_FIELDS:
        if key in item:
            date, why = _csl_date(item[key])
            if date:
                table[key] = date
            elif key in ENTRY_TYPES[ours].required:
                problems.append(f"{key!r}: {why}")
            else:
                warnings.append(f"{key!r}: {why}; dropped")
    for key in NAME_FIELDS:
        if key not in item:
            continue
        names = item[key]
        if isinstance(names, dict):
            problems.append(f"{key!r} must be a list of names, not one object (write [{{...}}])")
            continue
        if not isinstance(names, list) or not all(isinstance(name, dict) for name in names):
            problems.append(f"{key!r} must be a list of name objects")
            continue
        table[key] = [
            {
                k: v
                for k, v in name.items()
                if k in ("family", "given", "suffix", "non-dropping-particle", "dropping-particle", "literal") and v
            }
            for name in names
        ]
    not_kept = []
    for key, value in item.items():
        if key in _HANDLED or key in TEXT_FIELDS or key in DATE_FIELDS or key in NAME_FIELDS:
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            table.setdefault("extra", {}).setdefault(key, str(value))
        elif isinstance(value, dict) and ("date-parts" in value or "raw" in value or "literal" in value):
            date, _ = _csl_date(value)  # a CSL date the model has no field for (available-date): kept as text
            text = date.get("literal") if isinstance(date, dict) else date
            if text:
                table.setdefault("extra", {}).setdefault(key, str(text))
            else:
                not_kept.append(key)
        elif isinstance(value, list) and value and all(isinstance(n, dict) for n in value):
            people = "; ".join(  # a name role the model has no field for (script-writer): "Family, Given; …"
                n.get("literal") or ", ".join(str(n[k]) for k in ("family", "given") if n.get(k)) for n in value
            )
            if people.strip("; "):
                table.setdefault("extra", {}).setdefault(key, people)
            else:
                not_kept.append(key)
        else:
            not_kept.append(key)
    key = item.get("citation-key") if isinstance(item.get("citation-key"), str) else item.get("id")
    if kept and item.get("id") is not None:
        key = item["id"]  # our export: the id it had names the entry, its citation-key stays with it as a field
    return Record(table, line, str(key) if key is not None else None, problems, warnings=warnings, not_kept=not_kept)


def read_csljson(text: str) -> tuple[list[Record], list[Failure]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [Failure(error.lineno, f"invalid JSON: {error.msg} (column {error.colno})")]
    except ValueError:  # a number over Python's int-string limit (4,300 digits)
        long_number = re.search(r"[0-9]{1000,}", text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        return [], [Failure(line, "a number of thousands of digits: no CSL-JSON field holds one")]
    except RecursionError:
        return [], [Failure(1, "JSON nested too deeply to read")]
    if isinstance(data, dict):
        data = data.get("items", [data]) if "items" in data else [data]
    if not isinstance(data, list):
        return [], [Failure(1, "CSL-JSON must be a list of items (or one item)")]
    lines = _item_lines(text)
    records, failures = [], []
    for index, item in enumerate(data):
        line = lines[index] if index < len(lines) else None
        if not isinstance(item, dict):
            failures.append(Failure(line, f"item {index + 1} is not an object"))
            continue
        where = lone_surrogate(item)
        if where is not None:
            failures.append(Failure(line, f"item {index + 1}: {surrogate_reason(where)}"))
            continue
        records.append(record_from_item(item, line))
    return records, failures


def _item_lines(text: str) -> list[int]:
    """The line each top-level item starts on, for error messages."""
    lines, depth, number, in_string, escaped = [], 0, 1, False, False
    for ch in text:
        if ch == "\n":
            number += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if ch == "{" and depth == 2:
                lines.append(number)
        elif ch in "]}":
            depth -= 1
    return lines or [1]


def write_csljson(entries) -> str:
    return json.dumps([to_csl(entry) for entry in entries], indent=2, ensure_ascii=False) + "\n"
