"""Build an `Entry` from the table an entry file holds, collecting every problem.

Parsing is lenient so that `dossier validate` can report all problems of a file
in one run: a bad field is reported and left out, and the entry is still built
unless `type` or `title` is unusable. Each problem carries the key path of the
value (("excerpts", 2, "highlights")) so the loader can point at its line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dossiercli.model.dates import DateError, PartialDate
from dossiercli.model.entry import (
    ALL_FIELDS,
    DATE_FIELDS,
    ENTRY_TYPES,
    EXCERPT_FIELDS,
    EXTRA_FIELD,
    NAME_FIELDS,
    NUMBER_LIKE,
    TEXT_FIELDS,
    Entry,
    Excerpt,
)
from dossiercli.model.names import Name, NameError_
from dossiercli.model.plain import build_date, build_entry, build_excerpt, build_name

KeyPath = tuple[str | int, ...]
_KNOWN = frozenset(ALL_FIELDS)
_EXCERPT_KEYS = frozenset(EXCERPT_FIELDS)
_ORDER = {key: index for index, key in enumerate((*TEXT_FIELDS, *DATE_FIELDS, *NAME_FIELDS))}
_ENTRY_DEFAULTS = {
    field.name: field.default for field in dataclasses.fields(Entry) if field.name not in ("id", "type", "title")
}

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_WHITE_SPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
DOI_PATTERN = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")


SUGGESTIONS = 25  # did-you-mean hints per file (the loader shows 25 findings per file)


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    message: str
    where: KeyPath = ()


def control_or_brace_problem(text: str, what: str) -> str | None:
    """Control characters and unbalanced braces have no place in a URL or DOI: they break every target
    they are exported to (a brace closes a BibTeX field early; an escape sequence rewrites a terminal)."""
    if _CONTROL.search(text):
        return f"{what} {text!r} contains a control character"
    if "{" not in text and "}" not in text:
        return None
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        return f"{what} {text!r} has unbalanced braces"
    return None


def url_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) URL, or None when it is.

    A host is a name with a dot, `localhost`, or an IP address (`http://[::1]:8080/`, `http://127.0.0.1/`).
    """
    from dossiercli.urlnorm import simple_url

    simple = simple_url(url)  # the common form, read once (url_key reads the same result)
    if simple is not None:
        host = simple[1]
        return None if "." in host or host == "localhost" else f"URL {url!r} has no host name"
    return general_url_problem(url)


def general_url_problem(url: str) -> str | None:
    """`url_problem` for any string, through urlsplit (the reference the common form's shortcut must equal)."""
    why = control_or_brace_problem(url, "URL")
    if why:
        return why
    if _WHITE_SPACE.search(url):
        return f"URL {url!r} contains white space"
    try:
        parts = urlsplit(url)
        if ":" in parts.netloc:
            parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        return f"URL {url!r} cannot be read: {error}"
    if parts.scheme not in ("http", "https"):
        return f"URL {url!r} must start with http:// or https://"
    host = parts.hostname
    if host and ":" in host:  # an IPv6 literal, written in brackets
        import ipaddress

        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"URL {url!r} has no host name"
        return None
    if not host or "." not in host and host != "localhost":
        return f"URL {url!r} has no host name"
    return None


def normalise_doi(doi: str) -> str:
    """'https://doi.org/10.1000/x' and 'doi:10.1000/x' are the DOI '10.1000/x'."""
    text = doi.strip()
    lowered = text.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            return text[len(prefix) :]
    return text


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f" (did you mean {close[0]!r}?)" if close else ""


class Fields(dict):
    """The values `parse_entry` read, by Entry attribute, for the checks that need no Entry (a cold validate).

    It answers what the rules ask of an entry (`entry_type`, `has`, `issued`, `excerpts`, …) without
    building one: an Entry of 80 frozen fields costs more than the rest of reading a file.
    """

    __slots__ = ("id", "type")
    id: str
    type: str

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            if name in _ENTRY_DEFAULTS:
                return _ENTRY_DEFAULTS[name]
            raise AttributeError(name) from None

    @property
    def entry_type(self):
        return ENTRY_TYPES[self.type]

    def has(self, csl_key: str) -> bool:
        if csl_key == "type":
            return True
        attr = TEXT_FIELDS.get(csl_key) or DATE_FIELDS.get(csl_key) or NAME_FIELDS.get(csl_key) or csl_key
        return bool(dict.get(self, attr))


def parse_entry(
    raw: dict, entry_id: str, path: Path | None = None, build: bool = True
) -> tuple[Entry | None, list[Problem]]:
    """The entry a file's table gives (None if `type` or `title` is unusable), and every problem found.

    `build=False`: a `Fields` of the values instead of an Entry (what validate's rules need).
    """
    problems: list[Problem] = []
    report = lambda code, message, *where: problems.append(Problem(code, message, where))  # noqa: E731

    if not ID_PATTERN.fullmatch(entry_id):
        report("E016", f"id {entry_id!r} (the file name) may use only letters, digits, '-', '_' and '.'")

    if not _KNOWN.issuperset(raw):
        unknown = 0
        for key in raw:
            if key not in _KNOWN:
                unknown += 1  # a suggestion costs a fuzzy match over every field: only for as many as are shown
                hint = did_you_mean(key, ALL_FIELDS) if unknown <= SUGGESTIONS else ""
                report("E010", f"unknown field {key!r}{hint}", key)

    values: dict = {}
    entry_type = raw.get("type")
    if entry_type is None:
        report("E012", "missing field 'type'")
    elif not isinstance(entry_type, str):
        report("E011", f"'type' must be a string, not {_kind(entry_type)}", "type")
        entry_type = None
    elif entry_type not in ENTRY_TYPES:
        report("E014", f"unknown entry type {entry_type!r}{did_you_mean(entry_type, ENTRY_TYPES)}", "type")
        entry_type = None

    # The fields the file has, in the order the checks below have always reported them (text, dates,
    # names, then ours): a loop over the file's few keys, not over every field the model knows.
    present = sorted([key for key in raw if key in _ORDER], key=_ORDER.__getitem__)
    text_keys = [key for key in present if key in TEXT_FIELDS]
    for key in text_keys:
        attr = TEXT_FIELDS[key]
        value = raw[key]
        if type(value) is not str:
            if isinstance(value, int) and not isinstance(value, bool) and key in NUMBER_LIKE:
                value = str(value)
            else:
                kind = "a string or a number" if key in NUMBER_LIKE else "a string"
                report("E011", f"{key!r} must be {kind}, not {_kind(value)}", key)
                continue
        if not value or value.isspace():
            report("E013", f"{key!r} is empty: give a value or leave the field out", key)
            continue
        if key in ("URL", "archive_url"):
            why = url_problem(value)
            if why:
                report("E030", why, key)
                continue
        elif key == "DOI":
            value = normalise_doi(value)
            why = control_or_brace_problem(value, "DOI")
            if why:
                report("E031", why, key)
                continue
            if not DOI_PATTERN.fullmatch(value):
                report("E031", f"DOI {raw[key]!r} is not of the form 10.NNNN/suffix", key)
                continue
        values[attr] = value

    for key in present:
        date_attr = DATE_FIELDS.get(key)
        if date_attr is not None:
            value = raw[key]
            if type(value) is dt.date:  # the common TOML date, 2007-01-03
                values[date_attr] = build_date({"year": value.year, "month": value.month, "day": value.day})
                continue
            try:
                values[date_attr] = PartialDate.parse(value)
            except DateError as error:
                report("E020", f"{key!r}: {error}", key)

    for key in present:
        name_attr = NAME_FIELDS.get(key)
        if name_attr is None:
            continue
        value = raw[key]
        if isinstance(value, (str, dict)):
            value = [value]  # author = "Lake, Eli" is one name
        if not isinstance(value, list):
            report("E011", f"{key!r} must be a list of names, not {_kind(value)}", key)
            continue
        if not value:
            report("E013", f"{key!r} is an empty list: leave the field out", key)
            continue
        names = []
        for index, item in enumerate(value):
            try:
                names.append(_name(item))
            except NameError_ as error:
                report("E015", f"{key}[{index + 1}]: {error}", key, index)
        values[name_attr] = tuple(names)

    if "tags" in raw:
        tags = raw["tags"]
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            report("E011", "'tags' must be a list of strings", "tags")
        elif any(not tag.strip() for tag in tags):
            report("E013", "'tags' has an empty tag", "tags")
        else:
            values["tags"] = tuple(tags)

    if EXTRA_FIELD in raw:
        extra = raw[EXTRA_FIELD]
        if not isinstance(extra, dict):
            report(
                "E011",
                f"'{EXTRA_FIELD}' must be a table of text fields ([{EXTRA_FIELD}]), not {_kind(extra)}",
                EXTRA_FIELD,
            )
        else:
            pairs = []
            for key, value in extra.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = str(value)
                if not isinstance(value, str):
                    report("E011", f"{EXTRA_FIELD}.{key} must be a string, not {_kind(value)}", EXTRA_FIELD, key)
                elif value.strip():
                    pairs.append((key, value))
            values["extra"] = tuple(pairs)

    if "excerpts" in raw:
        values["excerpts"] = tuple(_parse_excerpts(raw["excerpts"], report))

    title = values.get("title")
    untitled = entry_type is not None and "title" not in ENTRY_TYPES[entry_type].required  # an interview, a release
    if "title" not in raw and not untitled:
        report("E012", "missing field 'title'")
    if entry_type is None or (title is None and not (untitled and "title" not in raw)):
        return None, problems
    values.setdefault("title", "")
    if not build:
        fields = Fields(values)
        fields.id, fields.type = entry_id, entry_type  # type: ignore[attr-defined]
        return fields, problems  # type: ignore[return-value]
    values["id"], values["type"], values["path"] = entry_id, entry_type, path
    return build_entry(values), problems


_PERSON = {
    "family": "family",
    "given": "given",
    "suffix": "suffix",
    "non-dropping-particle": "particle",
    "dropping-particle": "dropping_particle",
}


def _name(item: object) -> Name:
    """Name.parse, with the common table (non-blank strings under a person's keys, or one literal) built directly."""
    if type(item) is dict:
        if "family" in item and item.keys() <= _PERSON.keys():
            values = {}
            for key, value in item.items():
                if type(value) is not str or not value or value.isspace():
                    return Name.parse(item)  # which says what is wrong
                values[_PERSON[key]] = value
            return build_name(values)
        literal = item.get("literal")
        if len(item) == 1 and type(literal) is str and literal and not literal.isspace():
            return build_name({"literal": literal})
    return Name.parse(item)


def _parse_excerpts(value, report) -> list[Excerpt]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        report("E011", f"'excerpts' must be an array of tables ([[excerpts]]), not {_kind(value)}", "excerpts")
        return []
    excerpts = []
    for index, table in enumerate(value):
        where = ("excerpts", index)
        if not isinstance(table, dict):
            report("E011", f"excerpt {index + 1} must be a table with 'text', not {_kind(table)}", *where)
            continue
        if not _EXCERPT_KEYS.issuperset(table):
            for key in table:
                if key not in _EXCERPT_KEYS:
                    hint = did_you_mean(key, EXCERPT_FIELDS)
                    report("E010", f"excerpt {index + 1}: unknown field {key!r}{hint}", *where, key)
        text = table.get("text")
        if text is None:
            report("E012", f"excerpt {index + 1} has no 'text'", *where)
            continue
        if not isinstance(text, str):
            report("E011", f"excerpt {index + 1}: 'text' must be a string, not {_kind(text)}", *where, "text")
            continue
        if not text or text.isspace():
            report("E013", f"excerpt {index + 1}: 'text' is empty", *where, "text")
            continue
        fields = {}
        if len(table) > 2 or "highlights" not in table:
            for key in ("label", "locator", "note"):
                if key in table:
                    label = f"excerpt {index + 1}"
                    if not isinstance(table[key], str):
                        report("E011", f"{label}: {key!r} must be a string, not {_kind(table[key])}", *where, key)
                    elif not table[key].strip():
                        report("E013", f"{label}: {key!r} is empty", *where, key)
                    else:
                        fields[key] = table[key]
        highlights = table.get("highlights", [])
        if isinstance(highlights, str):
            highlights = [highlights]
        if not isinstance(highlights, list) or not set(map(type, highlights)) <= {str}:
            report("E011", f"excerpt {index + 1}: 'highlights' must be a list of strings", *where, "highlights")
            highlights = []
        elif not all(highlights) or any(h.isspace() for h in highlights):
            report("E013", f"excerpt {index + 1}: 'highlights' has an empty string", *where, "highlights")
            highlights = [h for h in highlights if h.strip()]
        fields["text"], fields["highlights"] = text, tuple(highlights)
        excerpts.append(build_excerpt(fields))
    return excerpts


def _kind(value) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)
