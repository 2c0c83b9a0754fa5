"""Citation metadata from a web page's own markup.

Reads Highwire/Google Scholar `citation_*` tags, JSON-LD (NewsArticle, Article,
ScholarlyArticle, Report…, also inside @graph), Dublin Core (DC./DCTERMS.), Open Graph
and `article:*` tags, and `<title>`, with the standard library's HTML parser. Each
field is taken from the best vocabulary that has it, in this order: Highwire, JSON-LD,
Dublin Core, Open Graph, <title>. A pure function of the page: fetching is elsewhere.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

PRECEDENCE = ("highwire", "json-ld", "dublin-core", "open-graph", "title")
ARTICLE_TYPES = {"newsarticle": "article-newspaper", "reportagenewsarticle": "article-newspaper",
                 "analysisnewsarticle": "article-newspaper", "article": "article-newspaper",
                 "scholarlyarticle": "article-journal", "report": "report", "blogposting": "webpage",
                 "webpage": "webpage", "book": "book", "thesis": "thesis"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


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
    """Bytes to text by the charset the HTTP header declares, else the page's <meta>, else UTF-8."""
    charset = None
    if content_type:
        match = re.search(r"charset=([\w-]+)", content_type, re.I)
        charset = match.group(1) if match else None
    if not charset:
        match = _CHARSET.search(body[:4096])
        charset = match.group(1).decode("ascii") if match else None
    for candidate in (charset, "utf-8", "windows-1252"):
        if not candidate:
            continue
        try:
            return body.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _person(text: str) -> dict:
    text = " ".join(text.split())
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return {"family": family, "given": given} if given else {"literal": family}
    parts = text.split(" ")
    if len(parts) == 1:
        return {"literal": text}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def _date(text: str) -> str | None:
    match = re.match(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if month and day else "")


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
    for key, target in (("citation_journal_title", "container-title"), ("citation_publisher", "publisher"),
                        ("citation_volume", "volume"), ("citation_issue", "issue"), ("citation_doi", "DOI"),
                        ("citation_abstract_html_url", "URL"), ("citation_technical_report_number", "number")):
        if get(key):
            found[target] = get(key)
    if get("citation_firstpage"):
        last = get("citation_lastpage")
        found["page"] = f"{get('citation_firstpage')}-{last}" if last else get("citation_firstpage")
    if found:
        found["_type"] = "article-journal" if "container-title" in found else "report" \
            if get("citation_technical_report_institution") else None
    return found


def _names(value) -> list[dict]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, str) and item.strip():
            names.append(_person(item))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            kind = str(item.get("@type", "")).lower()
            names.append({"literal": item["name"]} if "organization" in kind else _person(item["name"]))
    return names


def _jsonld_objects(blocks: list[str]):
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
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
        title = item.get("headline") or item.get("name")
        if isinstance(title, str):
            found["title"] = title
        authors = _names(item.get("author")) if item.get("author") else []
        if authors:
            found["author"] = authors
        if isinstance(item.get("datePublished"), str) and _date(item["datePublished"]):
            found["issued"] = _date(item["datePublished"])
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            found["publisher"] = publisher["name"]
        elif isinstance(publisher, str):
            found["publisher"] = publisher
        part = item.get("isPartOf")
        if isinstance(part, dict) and isinstance(part.get("name"), str):
            found["container-title"] = part["name"]
        if isinstance(item.get("url"), str):
            found["URL"] = item["url"]
        return found
    return {}


def _dublin_core(meta) -> dict:
    values: dict[str, list[str]] = {}
    for key, value in meta:
        lowered = key.lower()
        if lowered.startswith(("dc.", "dcterms.")):
            values.setdefault(lowered.split(".", 1)[1], []).append(value)
    found = {}
    if values.get("title"):
        found["title"] = values["title"][0]
    if values.get("creator"):
        found["author"] = [_person(v) if "," in v or len(v.split()) in (2, 3) and not any(
            w in v.lower() for w in ("force", "command", "department", "ministry", "office", "agency")) else {"literal": v}
            for v in values["creator"]]
    date = (values.get("date") or values.get("issued") or values.get("created") or [None])[0]
    if date and _date(date):
        found["issued"] = _date(date)
    if values.get("publisher"):
        found["publisher"] = values["publisher"][0]
    kind = (values.get("type") or [""])[0].lower()
    if "press release" in kind or "news release" in kind:
        found["_type"] = "press-release"
    elif "transcript" in kind:
        found["_type"] = "transcript"
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
    authors = [_person(v) for k, v in meta if k.lower() == "article:author" and not v.startswith("http")]
    if authors:
        found["author"] = authors
    if (get("og:type") or "").lower() == "article":
        found["_type"] = "article-newspaper"
    return found


def extract(body: bytes, content_type: str | None = None, url: str | None = None) -> PageMetadata:
    collector = _Collector()
    collector.feed(decode_page(body, content_type))
    candidates = {
        "highwire": _highwire(collector.meta),
        "json-ld": _jsonld(collector.jsonld),
        "dublin-core": _dublin_core(collector.meta),
        "open-graph": _open_graph(collector.meta),
        "title": {"title": " ".join(collector.title.split())} if collector.title.strip() else {},
    }
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
    if result.entry_type == "article-newspaper" and "container-title" not in result.values and "publisher" in result.values:
        result.values["container-title"] = result.values["publisher"]
        result.sources["container-title"] = result.sources["publisher"]
    return result
