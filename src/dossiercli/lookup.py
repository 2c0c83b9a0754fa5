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
    "journal-article": "article-journal", "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter",
    "book": "book", "monograph": "book", "edited-book": "book", "reference-book": "book", "book-set": "book",
    "proceedings-article": "paper-conference", "report": "report", "report-series": "report",
    "dissertation": "thesis", "posted-content": "article", "standard": "report", "reference-entry": "chapter",
    "dataset": "dataset", "other": "document",
}


@dataclass
class Found:
    values: dict  # entry-file fields
    entry_type: str | None
    origin: dict = field(default_factory=dict)  # field -> where it came from


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


def _first_strings(item: dict) -> dict:
    """CSL-JSON as servers send it, with list-valued text fields (ISSN, ISBN, Crossref's titles) made single."""
    cleaned = dict(item)
    for key in TEXT_FIELDS:
        value = cleaned.get(key)
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

    record = record_from_item(_first_strings(item), None)
    if record.problems:
        raise DossierError(f"{label}: {'; '.join(record.problems)}")
    values = dict(record.table)
    kind = values.pop("type", None)
    values.pop("tags", None)  # a publisher's keywords are not the dossier's tags
    return Found(values, kind, {key: label for key in values})


def _get_json(url: str, accept: str, allow_private: bool, timeout: float, what: str):
    body, content_type, _ = fetch(url, accept=accept, media_types=None, timeout=timeout,
                                  allow_private=allow_private, max_bytes=MAX_BYTES, what=what)
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
            message = dict(message)
            message["type"] = CROSSREF_TYPES.get(str(message.get("type")), "document")
            for key in ("issued", "published-print", "published-online", "published"):
                if "issued" not in message or not (message["issued"].get("date-parts") or [[None]])[0][0]:
                    if isinstance(message.get(key), dict):
                        message["issued"] = message[key]
            return _from_item(message, "Crossref")
        failures.append(NotThere(f"{crossref_url}: the answer has no 'message' record"))
    raise _explain(f"DOI {doi}", failures)


def _explain(what: str, failures: list[DossierError]) -> DossierError:
    if failures and all(isinstance(f, NotThere) and f.status == 404 for f in failures):
        where = "the DOI resolver or Crossref" if len(failures) > 1 else "the server"
        return DossierError(f"{what} is not known to {where} ({failures[0].message}); "
                            "check it, or give the fields as flags with --no-lookup")
    offline = all(isinstance(f, Unreachable) for f in failures)
    reasons = "; ".join(f.message for f in failures)
    hint = "offline? " if offline else ""
    return DossierError(f"cannot look up {what}: {reasons} ({hint}give the fields as flags with --no-lookup)")


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
    months = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"), 1)}
    match = re.fullmatch(r"([A-Za-z]{3})[a-z]*\.?,? (\d{4})", text)
    if match and match.group(1).lower() in months:
        return f"{match.group(2)}-{months[match.group(1).lower()]:02d}"
    match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text)
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
        raise DossierError(f"ISBN {digits} is not known to Open Library ({url}); give the fields as flags with --no-lookup")
    values: dict = {"title": str(book["title"]).strip()}
    if book.get("subtitle"):
        values["title"] += f": {str(book['subtitle']).strip()}"

    def names(key: str) -> list[str]:
        return [str(item["name"]).strip() for item in book.get(key) or [] if isinstance(item, dict) and item.get("name")]

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
