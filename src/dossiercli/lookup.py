"""Looking a source up by its identifier: `add --doi` and `add --isbn`.

A DOI is asked of the DOI resolver by content negotiation for CSL-JSON (what
`curl -LH "Accept: application/vnd.citationstyles.csl+json" https://doi.org/…` returns);
when the resolver cannot answer, of Crossref's REST API (`/works/DOI`). An ISBN is asked
of Open Library's books API. Both answers are read by the CSL-JSON importer, so a
looked-up record is checked as an imported one is.

The endpoints come from `[lookup]` in dossier.toml (`doi_resolver`, `crossref`,
`openlibrary`). Every fetch goes through fetchpage.fetch: timeouts, one total deadline,
a size cap, and the private-address guard for every endpoint, default or configured
(a stand-in server on 127.0.0.1 needs `--allow-private`).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from dossiercli.errors import DossierError
from dossiercli.fetchpage import NotThere, Unreachable, fetch
from dossiercli.model.entry import TEXT_FIELDS

DEFAULT_ENDPOINTS = {
    "doi_resolver": "https://doi.org/",
    "crossref": "https://api.crossref.org/works/",
    "openlibrary": "https://openlibrary.org/",
}
CSL_JSON = "application/vnd.citationstyles.csl+json"
MAX_BYTES = 2_000_000
# Crossref's REST API names its work types differently from CSL.
CROSSREF_TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "proceedings-article": "paper-conference",
    "report": "report",
    "report-series": "report",
    "dissertation": "thesis",
    "posted-content": "article",
    "standard": "report",
    "reference-entry": "chapter",
    "dataset": "dataset",
    "other": "document",
}


@dataclass
class Found:
    values: dict  # entry-file fields
    entry_type: str | None
    origin: dict = field(default_factory=dict)  # field -> where it came from
    key: str | None = None  # the record's own key (a BibTeX key, a CSL id): kept as `import` keeps it


def endpoints_from(config_section: Mapping | None) -> dict[str, str]:
    """The look-up endpoints: [lookup] in dossier.toml over the defaults; a bad value is an error naming it."""
    endpoints = dict(DEFAULT_ENDPOINTS)
    for key, value in (config_section or {}).items():
        if key not in DEFAULT_ENDPOINTS:
            raise DossierError(f"[lookup] has no setting {key!r} (known: {', '.join(DEFAULT_ENDPOINTS)})")
        if not isinstance(value, str) or not re.match(r"https?://[^/\s]+", value):
            raise DossierError(f"[lookup] {key} must be an http(s) address, not {value!r}")
        endpoints[key] = value if value.endswith("/") else value + "/"
    return endpoints


def _name(value) -> dict | None:
    """A name as Crossref writes it: given/family, an organisation's "name" (-> literal), or nothing (dropped)."""
    if not isinstance(value, dict):
        return None
    if value.get("family") or value.get("literal"):
        return value
    text = value.get("name") or value.get("given")
    return {"literal": " ".join(str(text).split())} if text and str(text).strip() else None


def _first_strings(item: dict) -> dict:
    """CSL-JSON as servers send it, with list-valued text fields (ISSN, ISBN, Crossref's titles) made single,
    objects where text belongs made text or dropped (Crossref's event, version), and names made readable."""
    from dossiercli.model.entry import NAME_FIELDS

    cleaned = dict(item)
    event = cleaned.get("event")
    if isinstance(event, dict):  # Crossref: {"name", "location", "start", "end"}
        cleaned.pop("event")
        if isinstance(event.get("name"), str):
            cleaned["event"] = event["name"]
        if isinstance(event.get("location"), str) and "event-place" not in cleaned:
            cleaned["event-place"] = event["location"]
    version = cleaned.get("version")
    if isinstance(version, dict):
        cleaned["version"] = version.get("version")
    from dossiercli.model.entry import DATE_FIELDS

    for key in DATE_FIELDS:  # {"date-parts": [[null]]} and other dates with no year: left out, not guessed
        value = cleaned.get(key)
        if isinstance(value, dict) and not _has_date(value) and not value.get("raw") and not value.get("literal"):
            cleaned.pop(key)
        elif isinstance(value, dict) and _has_date(value):
            parts = [p for p in value["date-parts"][0][:3] if isinstance(p, (int, str)) and str(p).strip().isdecimal()]
            if parts:
                cleaned[key] = {"date-parts": [parts]}
            else:
                cleaned.pop(key)
    for key in NAME_FIELDS:
        if isinstance(cleaned.get(key), list):
            names = [name for name in map(_name, cleaned[key]) if name]
            if names:
                cleaned[key] = names
            else:
                cleaned.pop(key)
    for key in TEXT_FIELDS:
        value = cleaned.get(key)
        if isinstance(value, dict) or value is None:
            cleaned.pop(key, None)
            continue
        if isinstance(value, list):
            strings = [str(v) for v in value if isinstance(v, (str, int)) and str(v).strip()]
            if strings:
                cleaned[key] = strings[0]
            else:
                cleaned.pop(key)
    for key in list(cleaned):
        if isinstance(cleaned[key], str):
            cleaned[key] = re.sub(r"<[^>]+>", "", cleaned[key]).strip()  # Crossref's JATS markup in titles
    return cleaned


def _from_item(item: dict, label: str) -> Found:
    from dossiercli.formats.csljson import record_from_item

    if item.get("type") in CROSSREF_TYPES and item.get("type") not in ("book", "report", "dataset"):
        return crossref_work(item)  # Crossref's own JSON where CSL was asked for ("journal-article"): seen in the wild

    try:
        record = record_from_item(_first_strings(item), None)
    except (TypeError, ValueError, AttributeError) as error:
        raise DossierError(f"{label}: the record cannot be read ({type(error).__name__}: {error})") from None
    if record.problems:
        raise DossierError(f"{label}: {'; '.join(record.problems)}")
    values = dict(record.table)
    kind = values.pop("type", None)
    values.pop("tags", None)  # a publisher's keywords are not the dossier's tags
    values.pop("extra", None)  # nor its bookkeeping (reference-count, indexed, license …) the entry's data
    return Found(values, kind, {key: label for key in values})


def _get_json(url: str, accept: str, allow_private: bool, timeout: float, what: str):
    body, content_type, _ = fetch(
        url,
        accept=accept,
        media_types=None,
        timeout=timeout,
        allow_private=allow_private,
        max_bytes=MAX_BYTES,
        what=what,
    )
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        media = (content_type or "").split(";")[0].strip() or "no stated type"
        raise NotThere(f"{url}: the answer is {media}, not JSON") from None


def lookup_doi(doi: str, endpoints: Mapping[str, str], allow_private: bool = False, timeout: float = 15.0) -> Found:
    resolver_url = endpoints["doi_resolver"] + quote(doi, safe="/:;()")
    failures: list[DossierError] = []
    try:
        item = _get_json(resolver_url, f"{CSL_JSON}, application/json;q=0.5", allow_private, timeout, "DOI record")
        if isinstance(item, dict) and item.get("type"):
            return _from_item(item, "doi.org CSL-JSON" if "doi.org" in resolver_url else "DOI resolver CSL-JSON")
        failures.append(NotThere(f"{resolver_url}: the answer is not a CSL-JSON record"))
    except (Unreachable, NotThere) as error:
        failures.append(error)
    crossref_url = endpoints["crossref"] + quote(doi, safe="/:;()")
    try:
        answer = _get_json(crossref_url, "application/json", allow_private, timeout, "Crossref record")
    except (Unreachable, NotThere) as error:
        failures.append(error)
    else:
        message = answer.get("message") if isinstance(answer, dict) else None
        if isinstance(message, dict):
            return crossref_work(message)
        failures.append(NotThere(f"{crossref_url}: the answer has no 'message' record"))
    raise _explain(f"DOI {doi}", failures)


def _has_date(value) -> bool:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    return bool(parts and isinstance(parts, list) and parts[0] and isinstance(parts[0], list) and parts[0][0])


def crossref_work(message: dict) -> Found:
    """A work of Crossref's REST API (`message` of /works/DOI) as entry fields: its type mapped to CSL's,
    the first of its list-valued titles, the first date it has (issued, else print, else online)."""
    work = dict(message)
    work["type"] = CROSSREF_TYPES.get(str(work.get("type")), "document")
    if work["type"] == "thesis":  # the university, not the library that registered the DOI; the degree's kind
        institutions = [i.get("name") for i in work.get("institution") or [] if isinstance(i, dict) and i.get("name")]
        if institutions:
            work["publisher"] = institutions[0]
        degree = " ".join(str(d) for d in work.get("degree") or [])
        if re.search(r"\bmaster|\bM\.?A\b|\bM\.?S", degree, flags=re.I):
            work["genre"] = "Master's thesis"
        elif re.search(r"ph\.?\s?d|doctor", degree, flags=re.I) or not degree:
            work["genre"] = "PhD diss."
        else:
            work["genre"] = degree
    if not _has_date(work.get("issued")):
        work.pop("issued", None)
        for key in ("published-print", "published-online", "published", "approved", "created"):
            if _has_date(work.get(key)):
                work["issued"] = work[key]
                break
    for key in ("subtitle", "short-title"):
        work.pop(key, None)
    return _from_item(work, "Crossref")


class LookupFailed(DossierError):
    """A DOI or ISBN look-up that found nothing (offline, a server down, an unknown identifier).

    Not the user's mistake in what was typed: `add` goes on with the fields given as flags (or at
    the prompts) and says the look-up failed, instead of throwing a complete entry away.
    """


def _explain(what: str, failures: list[DossierError]) -> DossierError:
    if failures and all(isinstance(f, NotThere) and f.status == 404 for f in failures):
        where = "the DOI resolver or Crossref" if len(failures) > 1 else "the server"
        return LookupFailed(
            f"{what} is not known to {where} ({failures[0].message}); "
            "check it, or give the fields as flags with --no-lookup"
        )
    offline = all(isinstance(f, Unreachable) for f in failures)
    reasons = "; ".join(f.message for f in failures)
    hint = "offline? " if offline else ""
    return LookupFailed(f"cannot look up {what}: {reasons} ({hint}give the fields as flags with --no-lookup)")


# -- ISBN ------------------------------------------------------------------------------------------


def normalise_isbn(text: str) -> str:
    """The ISBN's digits (and a final X), checked: a mistyped ISBN fails its check digit."""
    digits = re.sub(r"[\s-]", "", text.strip()).upper().removeprefix("ISBN")
    digits = digits.lstrip(":")
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        if total % 11 == 0:
            return digits
        raise DossierError(f"ISBN {text!r}: the check digit is wrong (mistyped?)")
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        if total % 10 == 0:
            return digits
        raise DossierError(f"ISBN {text!r}: the check digit is wrong (mistyped?)")
    raise DossierError(f"ISBN {text!r}: an ISBN has 10 digits (the last may be X) or 13 starting 978/979")


def _ol_date(text: str) -> str | None:
    from dossiercli.pagemeta import parse_date

    text = " ".join(str(text).split())
    found = parse_date(text)
    if found:
        return found
    months = {
        m: i
        for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
    }
    match = re.fullmatch(r"([A-Za-z]{3})[a-z]*\.?,? (\d{4})", text)
    if match and match.group(1).lower() in months:
        return f"{match.group(2)}-{months[match.group(1).lower()]:02d}"
    match = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", text)  # "c2004", "[2003?]", "1st ed., 2001"
    return match.group(1) if match else None


def lookup_isbn(isbn: str, endpoints: Mapping[str, str], allow_private: bool = False, timeout: float = 15.0) -> Found:
    from dossiercli.pagemeta import person_from_byline

    digits = normalise_isbn(isbn)
    url = f"{endpoints['openlibrary']}api/books?bibkeys=ISBN:{digits}&format=json&jscmd=data"
    try:
        answer = _get_json(url, "application/json", allow_private, timeout, "Open Library record")
    except (Unreachable, NotThere) as error:
        raise _explain(f"ISBN {digits}", [error]) from None
    book = answer.get(f"ISBN:{digits}") if isinstance(answer, dict) else None
    if not isinstance(book, dict) or not book.get("title"):
        raise LookupFailed(
            f"ISBN {digits} is not known to Open Library ({url}); give the fields as flags with --no-lookup"
        )
    values: dict = {"title": str(book["title"]).strip()}
    if book.get("subtitle"):
        values["title"] += f": {str(book['subtitle']).strip()}"

    def names(key: str) -> list[str]:
        return [
            str(item["name"]).strip() for item in book.get(key) or [] if isinstance(item, dict) and item.get("name")
        ]

    authors = [person_from_byline(name) for name in names("authors")]
    if authors:
        values["author"] = authors
    if names("publishers"):
        values["publisher"] = names("publishers")[0]
    if names("publish_places"):
        values["publisher-place"] = names("publish_places")[0]
    if book.get("publish_date") and _ol_date(book["publish_date"]):
        values["issued"] = _ol_date(book["publish_date"])
    values["ISBN"] = digits
    return Found(values, "book", {key: "Open Library" for key in values})


# -- every source of found fields, for `add` ---------------------------------------------------------


def find_fields(
    *,
    from_url: str | None = None,
    bibtex: str | None = None,
    csl_json_file=None,
    doi: str | None = None,
    isbn: str | None = None,
    allow_private: bool = False,
    lookup_config: Mapping | None = None,
) -> Found | None:
    """The fields a web page, one BibTeX record, one CSL-JSON record, a DOI or an ISBN gives; None without a source.

    A record file or a page wins over the identifiers (which are then only fields). Control characters in what
    was found (a third party's text: an escape sequence would rewrite the terminal it is shown on, or the
    file it is written to) are taken out."""
    found = _find_fields(
        from_url=from_url,
        bibtex=bibtex,
        csl_json_file=csl_json_file,
        doi=doi,
        isbn=isbn,
        allow_private=allow_private,
        lookup_config=lookup_config,
    )
    if found is not None:
        found = dataclasses.replace(found, values=_without_controls(found.values))
    return found


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1
_SURROGATES = re.compile(r"[\ud800-\udfff]")  # half a character, from a JSON escape: cannot be written


def _without_controls(value):
    if isinstance(value, str):
        return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", value))
    if isinstance(value, dict):
        return {key: _without_controls(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_controls(item) for item in value]
    return value


def _find_fields(
    *,
    from_url: str | None,
    bibtex: str | None,
    csl_json_file,
    doi: str | None,
    isbn: str | None,
    allow_private: bool,
    lookup_config: Mapping | None,
) -> Found | None:
    sources = [s for s in (from_url, bibtex, csl_json_file) if s]
    if len(sources) > 1:
        raise DossierError("use one of --from-url, --from-bibtex, --from-doi-json")
    if from_url:
        from dossiercli.fetchpage import fetch_page
        from dossiercli.pagemeta import extract

        body, content_type, final = fetch_page(from_url, allow_private=allow_private)
        page = extract(body, content_type, final)
        return Found(dict(page.values), page.entry_type or "webpage", dict(page.sources))
    if bibtex or csl_json_file:
        if bibtex:
            from dossiercli.formats.bibtex import read_bibtex

            records, failures = read_bibtex(bibtex)
            label = "BibTeX"
        else:
            from dossiercli.formats.csljson import read_csljson

            try:
                text = csl_json_file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise DossierError(f"cannot read: {error}", csl_json_file) from None
            records, failures = read_csljson(text)
            label = "CSL-JSON"
        if failures or len(records) != 1:
            reason = failures[0].reason if failures else f"expected one record, found {len(records)}"
            raise DossierError(f"{label}: {reason}")
        values = dict(records[0].table)
        kind = values.pop("type", None)
        return Found(values, kind, {key: label for key in values}, key=records[0].key)
    if doi:
        return lookup_doi(doi, endpoints_from(lookup_config), allow_private=allow_private)
    if isbn:
        return lookup_isbn(isbn, endpoints_from(lookup_config), allow_private=allow_private)
    return None
