"""Citation metadata from a web page's own markup.

Reads Highwire/Google Scholar `citation_*` tags, JSON-LD (NewsArticle, Article,
ScholarlyArticle, Report…, also inside @graph), Dublin Core (DC./DCTERMS.), Open Graph
and `article:*` tags, `<meta name="author">` and `<title>`, with the standard library's
HTML parser (enough for <head> metadata; no dependency). Each field is taken from the
best vocabulary that has it, in this order: Highwire, JSON-LD, Dublin Core, Open Graph,
<meta name="author">, <title>. A pure function of the page: fetching is elsewhere.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from dossiercli.model.dates import MONTH_NAMES, DateError, PartialDate

PRECEDENCE = ("highwire", "json-ld", "dublin-core", "open-graph", "meta", "title")
ARTICLE_TYPES = {
    "newsarticle": "article-newspaper",
    "reportagenewsarticle": "article-newspaper",
    "analysisnewsarticle": "article-newspaper",
    "article": "article-newspaper",
    "scholarlyarticle": "article-journal",
    "report": "report",
    "blogposting": "blog-post",
    "webpage": "webpage",
    "book": "book",
    "thesis": "thesis",
    "socialmediaposting": "social-media-post",
    "discussionforumposting": "social-media-post",
    "videoobject": "video",
    "movie": "video",
    "podcastepisode": "podcast",
    "audioobject": "podcast",
    "review": "review",
    "dataset": "dataset",
    "legislation": "legislation",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.I)
# Labels browsers read as windows-1252 (WHATWG Encoding): pages labelled Latin-1 use its curly quotes.
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819", "ibm819"}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_ORGANISATION_WORDS = frozenset(
    """press agency news force forces command department ministry office institute
    staff reuters service services center centre council committee university times post journal corporation inc
    ltd llc group foundation board bureau association commission government embassy army navy corps headquarters
    network media broadcasting tribune herald gazette editors editorial""".split()
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_MONTHS = {name.lower()[:3]: index for index, name in enumerate(MONTH_NAMES, 1)}


@dataclass
class PageMetadata:
    values: dict = field(default_factory=dict)  # entry-file field -> value
    sources: dict = field(default_factory=dict)  # entry-file field -> vocabulary it came from
    entry_type: str | None = None


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self.title = ""
        self.canonical = None
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
            if key and attrs.get("content", "").strip():
                self.meta.append((key.strip(), attrs["content"].strip()))
        elif tag == "script" and attrs.get("type", "").lower() == "application/ld+json":
            self._in = "jsonld"
            self.jsonld.append("")
        elif tag == "title":
            self._in = "title"
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            self.canonical = attrs["href"]

    def handle_endtag(self, tag):
        if tag in ("script", "title"):
            self._in = None

    def handle_data(self, data):
        if self._in == "jsonld":
            self.jsonld[-1] += data
        elif self._in == "title":
            self.title += data


def decode_page(body: bytes, content_type: str | None) -> str:
    """Bytes to text as a browser would: a byte-order mark, else the charset the HTTP header declares,
    else the page's <meta>, else UTF-8 (and windows-1252 when that fails)."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    charset = None
    if content_type:
        match = re.search(r"charset=[\"']?([\w:.-]+)", content_type, re.I)
        charset = match.group(1) if match else None
    if not charset:
        match = _CHARSET.search(body[:4096])
        charset = match.group(1).decode("ascii") if match else None
    if charset and charset.lower() in _AS_WINDOWS_1252:
        charset = "windows-1252"
    for candidate in (charset, "utf-8", "windows-1252"):
        if not candidate:
            continue
        try:
            return body.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _is_organisation(text: str) -> bool:
    words = re.findall(r"[a-z]+\.?", text.lower())
    return len(words) == 1 or len(words) > 4 or any(w.rstrip(".") in _ORGANISATION_WORDS for w in words)


def _person(text: str, organisations: bool = True) -> dict:
    """A byline as a name: "Family, Given" or "Given [particles] Family [Jr.]"; organisations kept as written."""
    text = " ".join(text.split())
    text = re.sub(r"^by\s+", "", text, flags=re.I)
    if "," in text:
        parts = [part.strip() for part in text.split(",")]
        if parts[-1].lower() in _SUFFIXES:  # "Martin Luther King, Jr." or "King, Martin Luther, Jr."
            return {**_person(", ".join(parts[:-1]), organisations), "suffix": parts[-1]}
        family, given = parts[0], ", ".join(parts[1:])
        return {"family": family, "given": given} if given else {"literal": family}
    if organisations and _is_organisation(text):
        return {"literal": text}
    parts = text.split(" ")
    suffix = parts.pop() if len(parts) > 2 and parts[-1].lower() in _SUFFIXES else None
    if len(parts) == 1:
        return {"literal": text}
    start = len(parts) - 1
    while start > 1 and parts[start - 1].islower():  # "Juan de la Cruz": particles before the family name
        start -= 1
    name = {"family": parts[-1], "given": " ".join(parts[:start])}
    if start < len(parts) - 1:
        name["non-dropping-particle"] = " ".join(parts[start:-1])
    if suffix:
        name["suffix"] = suffix
    return name


is_organisation = _is_organisation
person_from_byline = _person


def _people(text: str) -> list[dict]:
    """ "Robert H. Reid and Lara Jakes" / "A; B" as two names."""
    parts = re.split(r"\s*;\s*|\s+(?:and|&)\s+", text.strip())
    if len(parts) > 1 and all("," not in part and len(part.split()) <= 4 for part in parts):
        return [_person(part) for part in parts if part]
    return [_person(text)]


def _date(text: str) -> str | None:
    """An ISO date or date-time ("2007-05-09T14:31:00-04:00"), "2006/04/01", "May 9, 2007" or "9 May 2007"
    as the entry file writes it; None when it is not a real date."""
    text = text.strip()
    match = re.match(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?![\d/])", text)
    if match:
        year, month, day = match.groups()
    else:
        match = re.fullmatch(r"(?:(\d{1,2})\s+)?([A-Za-z]{3,})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})", text)
        if not match or match.group(2).lower()[:3] not in _MONTHS or (match.group(1) and match.group(3)):
            return None
        year, month, day = match.group(4), str(_MONTHS[match.group(2).lower()[:3]]), match.group(1) or match.group(3)
    try:
        value = PartialDate.parse(
            year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if month and day else "")
        )
    except DateError:
        return None
    return value.isoformat()


parse_date = _date  # the public names look-ups use


def _highwire(meta) -> dict:
    get = lambda key: next((v for k, v in meta if k.lower() == key), None)  # noqa: E731
    found = {}
    if get("citation_title"):
        found["title"] = get("citation_title")
    authors = [_person(v) for k, v in meta if k.lower() == "citation_author"]
    if authors:
        found["author"] = authors
    date = get("citation_publication_date") or get("citation_date") or get("citation_online_date")
    if date and _date(date):
        found["issued"] = _date(date)
    for key, target in (
        ("citation_journal_title", "container-title"),
        ("citation_publisher", "publisher"),
        ("citation_volume", "volume"),
        ("citation_issue", "issue"),
        ("citation_doi", "DOI"),
        ("citation_abstract_html_url", "URL"),
        ("citation_technical_report_number", "number"),
    ):
        if get(key):
            found[target] = get(key)
    if get("citation_firstpage"):
        last = get("citation_lastpage")
        found["page"] = f"{get('citation_firstpage')}-{last}" if last else get("citation_firstpage")
    if found:
        found["_type"] = (
            "article-journal"
            if "container-title" in found
            else "report"
            if get("citation_technical_report_institution")
            else None
        )
    return found


def _names(value) -> list[dict]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str) and item.strip():
            names += _people(item)
        elif isinstance(item, dict):
            kind = str(item.get("@type", "")).lower()
            name = item.get("name")
            if isinstance(name, list):
                name = next((n for n in name if isinstance(n, str)), None)
            if "organization" in kind and isinstance(name, str):
                names.append({"literal": " ".join(name.split())})
            elif isinstance(item.get("familyName"), str):
                names.append(
                    {
                        "family": item["familyName"].strip(),
                        **({"given": item["givenName"].strip()} if isinstance(item.get("givenName"), str) else {}),
                    }
                )
            elif isinstance(name, str) and name.strip():
                names.append(_person(name, organisations="person" not in kind))
    return names


def _first_text(value) -> str | None:
    """A JSON-LD value that may be a string, a list of strings or an object with a name."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str) and item.strip():
            return " ".join(item.split())
    return None


def _jsonld_objects(blocks: list[str]):
    for block in blocks:
        try:
            data = json.loads(block.strip().removeprefix("<!--").removesuffix("-->"))
        except (ValueError, RecursionError):  # not JSON, a number of thousands of digits, nesting past the parser
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                yield item


def _jsonld(blocks) -> dict:
    for item in _jsonld_objects(blocks):
        kinds = item.get("@type", [])
        kinds = [k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]
        ours = next((ARTICLE_TYPES[k] for k in kinds if k in ARTICLE_TYPES and k != "webpage"), None)
        if not ours:
            continue
        found = {"_type": ours}
        title = _first_text(item.get("headline")) or _first_text(item.get("name"))
        if ours == "social-media-post" and not title and isinstance(item.get("articleBody") or item.get("text"), str):
            text = " ".join(str(item.get("articleBody") or item.get("text")).split())
            title = text if len(text) <= 160 else text[:160].rsplit(" ", 1)[0]  # up to 160 characters (CMOS 14.209)
        if title:
            found["title"] = title
        if ours == "video" and isinstance(item.get("duration"), str):
            running = _iso_duration(item["duration"])
            if running:
                found["dimensions"] = running
        if (
            ours in ("video", "social-media-post")
            and _first_text(item.get("publisher")) is None
            and _first_text(item.get("provider"))
        ):
            found["container-title"] = _first_text(item["provider"])
        authors = _names(item.get("author")) if item.get("author") else []
        if authors:
            found["author"] = authors
        for key in ("datePublished", "dateCreated"):
            if isinstance(item.get(key), str) and _date(item[key]):
                found["issued"] = _date(item[key])
                break
        if _first_text(item.get("publisher")):
            found["publisher"] = _first_text(item["publisher"])
        if _first_text(item.get("isPartOf")):
            found["container-title"] = _first_text(item["isPartOf"])
        if isinstance(item.get("url"), str):
            found["URL"] = item["url"]
        return found
    return {}


def _iso_duration(text: str) -> str | None:
    """'PT1H2M3S' -> '1:02:03', 'PT3M12S' -> '3:12': a video's running time as citations print it."""
    match = re.fullmatch(r"P(?:0D)?T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.\d+)?S)?", text.strip(), flags=re.I)
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _dublin_core(meta) -> dict:
    """DC.title, dc:title, DCTERMS.issued, DC.date.issued …: element names without prefix or refinement."""
    values: dict[str, list[str]] = {}
    for key, value in meta:
        match = re.fullmatch(r"(?:dc|dcterms)[.:](\w+)(?:\.(\w+))?", key.lower())
        if match:
            element, refinement = match.groups()
            values.setdefault(element, []).append(value)
            if refinement:
                values.setdefault(f"{element}.{refinement}", []).append(value)
    found = {}
    if values.get("title"):
        found["title"] = values["title"][0]
    if values.get("creator"):
        found["author"] = [_person(v) for v in values["creator"]]
    for key in ("date.issued", "issued", "date", "created", "date.created"):
        date = next((_date(v) for v in values.get(key, []) if _date(v)), None)
        if date:
            found["issued"] = date
            break
    if values.get("publisher"):
        found["publisher"] = values["publisher"][0]
    for identifier in values.get("identifier", []):
        doi = re.search(r"\b10\.\d{4,9}/\S+", identifier)
        if doi and ("doi" in identifier.lower() or identifier.startswith("10.")):
            found.setdefault("DOI", doi.group(0))
        elif identifier.startswith(("http://", "https://")):
            found.setdefault("URL", identifier)
    kind = (values.get("type") or [""])[0].lower()
    if "press release" in kind or "news release" in kind:
        found["_type"] = "press-release"
    elif "transcript" in kind:
        found["_type"] = "transcript"
    elif "report" in kind:
        found["_type"] = "report"
    return found


def _open_graph(meta) -> dict:
    get = lambda key: next((v for k, v in meta if k.lower() == key), None)  # noqa: E731
    found = {}
    if get("og:title"):
        found["title"] = get("og:title")
    if get("og:site_name"):
        found["container-title"] = get("og:site_name")
    if get("og:url"):
        found["URL"] = get("og:url")
    date = get("article:published_time")
    if date and _date(date):
        found["issued"] = _date(date)
    authors = [
        name
        for k, v in meta
        if k.lower() == "article:author" and not v.startswith(("http:", "https:"))
        for name in _people(v)
    ]
    if authors:
        found["author"] = authors
    if (get("og:type") or "").lower() == "article":
        found["_type"] = "article-newspaper"
    return found


def _meta_author(meta) -> dict:
    authors = [
        name for k, v in meta if k.lower() == "author" and not v.startswith(("http:", "https:")) for name in _people(v)
    ]
    return {"author": authors} if authors else {}


def _title(text: str, site: str | None) -> dict:
    """<title>, without the site's name when it is appended ("Headline | World | Example Tribune")."""
    title = " ".join(text.split())
    if site:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(separator + site):
                title = title[: -len(separator + site)].split(separator)[0].strip()
    return {"title": title} if title else {}


def extract(body: bytes, content_type: str | None = None, url: str | None = None) -> PageMetadata:
    """The page's metadata: each field from the best vocabulary that has it (see PRECEDENCE)."""
    collector = _Collector()
    collector.feed(decode_page(body, content_type))
    collector.close()
    candidates = {
        "highwire": _highwire(collector.meta),
        "json-ld": _jsonld(collector.jsonld),
        "dublin-core": _dublin_core(collector.meta),
        "open-graph": _open_graph(collector.meta),
        "meta": _meta_author(collector.meta),
    }
    site = candidates["open-graph"].get("container-title") or candidates["json-ld"].get("publisher")
    candidates["title"] = _title(collector.title, site)
    result = PageMetadata()
    for vocabulary in PRECEDENCE:
        for key, value in candidates[vocabulary].items():
            if key == "_type":
                if value and result.entry_type is None:
                    result.entry_type = value
            elif key not in result.values and value:
                result.values[key] = value
                result.sources[key] = vocabulary
    if "URL" not in result.values and (collector.canonical or url):
        result.values["URL"] = collector.canonical or url
        result.sources["URL"] = "link rel=canonical" if collector.canonical else "the address fetched"
    if url and "URL" in result.values:  # a relative canonical link or og:url, read against the page's address
        result.values["URL"] = urljoin(url, result.values["URL"])
    if (
        result.entry_type == "article-newspaper"
        and "container-title" not in result.values
        and "publisher" in result.values
    ):
        result.values["container-title"] = result.values["publisher"]
        result.sources["container-title"] = result.sources["publisher"]
    return result
