"""Are the quoted passages still at the source? One result per excerpt, plain data the CLI prints.

Each entry's page is fetched with the link checker (same politeness, guard and bounds,
reading whole pages), its readable text extracted (links/textextract.py), and every
excerpt and highlight looked for in it (links/textmatch.py). Where the live page is dead,
walled, a soft-404, or lacks the passage, the entry's `archive_url` is read too. Per
excerpt:

- found: in the live page;
- archived: only in the archived copy (the live page changed or is gone);
- changed: not there, but a passage at least 60% like it is (closest passage, score, diff);
- missing: nothing like it;
- unreachable: no copy could be read (with why).

Matching results are cached by the page's content hash and the excerpt's text, so an
unchanged page is never matched twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from dossiercli.atomic import write_atomic
from dossiercli.links.checker import Checker
from dossiercli.links.options import LinkOptions
from dossiercli.links.textextract import PageText, extract
from dossiercli.links.textmatch import CHANGED_AT, Tokens, closest, contains, normalize
from dossiercli.links.types import LinkResult, Status
from dossiercli.model.entry import Entry

CACHE_FILE = Path(".dossier-cache") / "verify.json"
CACHE_LIMIT = 20_000
MATCHING = "2"  # part of every cache key: raise it when extraction or matching rules change
STATES = ("found", "archived", "changed", "missing", "unreachable")
_WAYBACK = re.compile(r"^(https?://web\.archive\.org/web/[0-9]{1,14})(?:[a-z]{2}_)?/", re.I)


@dataclass
class HighlightCheck:
    text: str
    found: bool
    similarity: float | None = None
    passage: str = ""


@dataclass
class ExcerptCheck:
    index: int  # 1-based, as the excerpts stand in the file
    status: str  # one of STATES
    where: str = ""  # "live" or "archive": the copy the result speaks of
    similarity: float | None = None
    passage: str = ""  # the closest passage, in the page's own words
    diff: str = ""
    detail: str = ""
    highlights: list[HighlightCheck] = field(default_factory=list)
    cached: bool = False


@dataclass
class PageInfo:
    url: str
    status: str  # the link status (ok, broken, soft-404…)
    code: int | None = None
    detail: str = ""
    chars: int = 0  # length of the readable text
    kind: str = ""

    @property
    def readable(self) -> bool:
        return self.status in ("ok", "redirected", "moved") and not self.detail.startswith("unreadable")


@dataclass
class SourceCheck:
    entry_id: str
    path: Path | None
    url: str | None
    archive_url: str | None
    live: PageInfo | None = None
    archive: PageInfo | None = None
    excerpts: list[ExcerptCheck] = field(default_factory=list)

    def to_data(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path) if self.path else None
        return data


class MatchCache:
    """Matching results by (page content hash, excerpt): an unchanged page is matched once."""

    def __init__(self, root: Path | None):
        from dossiercli.paths import cache_folder

        self.path = cache_folder(root) / CACHE_FILE.name if root else None
        self.items: dict[str, dict] = {}
        self.used: dict[str, dict] = {}
        if self.path:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.items = data if isinstance(data, dict) else {}
            except (OSError, ValueError, RecursionError):  # RecursionError: a planted, deeply nested file
                pass

    def get(self, key: str) -> dict | None:
        item = self.items.get(key)
        if isinstance(item, dict):
            self.used[key] = item
            return item
        return None

    def put(self, key: str, value: dict) -> None:
        self.items[key] = self.used[key] = value

    def save(self) -> None:
        if not self.path or not self.used:
            return
        kept = {k: v for k, v in self.items.items() if k not in self.used}
        kept = dict(list(kept.items())[-(CACHE_LIMIT - len(self.used)) :]) if len(self.used) < CACHE_LIMIT else {}
        write_atomic(self.path, json.dumps({**kept, **self.used}, sort_keys=True), overwrite=True, parents=True)


class _Page:
    """One fetched copy: its text, normalised once, tokenised only when a passage is not found."""

    def __init__(self, result: LinkResult):
        self.result = result
        body = result.body or b""
        self.hash = hashlib.sha256(body).hexdigest()
        try:
            self.text: PageText = extract(body, result.content_type) if body else PageText("", problem="an empty page")
        except Exception as error:  # noqa: BLE001 - a page no parser rule foresaw is that page's result, not a crash
            self.text = PageText("", problem=f"a page that cannot be parsed ({type(error).__name__}: {error})"[:200])
        self.normal = normalize(self.text.text)
        self._tokens: Tokens | None = None

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            self._tokens = Tokens.of(self.text.text)
        return self._tokens

    def info(self, url: str) -> PageInfo:
        r = self.result
        detail = r.detail if r.status is not Status.OK else ""
        if r.status in (Status.OK, Status.REDIRECTED, Status.MOVED) and self.text.problem:
            detail = f"unreadable: {self.text.problem}"
        return PageInfo(url, r.status.value, r.code, detail, len(self.text.text), self.text.kind)


def fetch_url(url: str) -> str:
    """The URL to read for `url`: a Wayback copy is asked for raw (`id_`), without the archive's toolbar."""
    match = _WAYBACK.match(url)
    return f"{match.group(1)}id_/{url[match.end() :]}" if match else url


def match_excerpt(page: _Page, text: str, highlights: tuple[str, ...], cache: MatchCache) -> dict:
    """{'found', 'similarity', 'passage', 'diff', 'highlights'} for one excerpt in one page (cached)."""
    key = hashlib.sha256(f"{MATCHING}\0{page.hash}\0{text}\0{chr(0).join(highlights)}".encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return {**hit, "cached": True}
    found = contains(page.normal, normalize(text))
    result: dict = {"found": found, "similarity": None, "passage": "", "diff": "", "highlights": []}
    if not found:
        near = closest(page.tokens, Tokens.of(text))
        if near:
            result.update(similarity=near.similarity, passage=near.passage, diff=near.diff)
    for highlight in highlights:
        here = found or contains(page.normal, normalize(highlight))
        item = {"text": highlight, "found": here, "similarity": None, "passage": ""}
        if not here:
            near = closest(page.tokens, Tokens.of(highlight))
            if near:
                item.update(similarity=near.similarity, passage=near.passage)
        result["highlights"].append(item)
    cache.put(key, result)
    return {**result, "cached": False}


def _fetch(urls: list[str], options: LinkOptions, on_done) -> dict[str, _Page]:
    import asyncio

    if not urls:
        return {}
    fetched = {fetch_url(u): u for u in urls}
    pages: dict[str, _Page] = {}

    def done(result: LinkResult) -> None:  # text is extracted while slower pages are still on their way
        pages[fetched[result.url]] = _Page(result)
        result.body = None
        if on_done:
            on_done(result)

    asyncio.run(Checker(options, done, want_body=True).check_all(list(dict.fromkeys(fetched))))
    return pages


def verify(
    entries: list[Entry],
    options: LinkOptions,
    *,
    archived: bool = False,
    root: Path | None = None,
    on_done: Callable[[LinkResult], None] | None = None,
    use_cache: bool = True,
) -> list[SourceCheck]:
    """Check every excerpt of `entries` against its source (and archived copy); one SourceCheck per entry."""
    cache = MatchCache(root if use_cache else None)
    entries = [e for e in entries if e.excerpts and (e.url or e.archive_url)]
    live_urls = [] if archived else [e.url for e in entries if e.url]
    first = [e.archive_url for e in entries if e.archive_url and (archived or not e.url)]
    pages = _fetch(list(dict.fromkeys(live_urls + first)), options, on_done)

    def live_page(entry) -> _Page | None:
        return None if archived or not entry.url else pages[entry.url]

    def readable(page: _Page | None) -> bool:
        return page is not None and page.info("").readable and bool(page.normal)

    later = []  # archived copies needed because the live page failed or lacks a passage
    for entry in entries:
        page = live_page(entry)
        if (
            entry.archive_url
            and entry.archive_url not in pages
            and (not readable(page) or any(not contains(page.normal, normalize(x.text)) for x in entry.excerpts))
        ):
            later.append(entry.archive_url)
    pages.update(_fetch(list(dict.fromkeys(later)), options, on_done))

    checks = []
    for entry in entries:
        live = live_page(entry)
        copy = pages.get(entry.archive_url) if entry.archive_url else None
        check = SourceCheck(
            entry.id,
            entry.path,
            entry.url,
            entry.archive_url,
            live.info(entry.url) if live else None,
            copy.info(entry.archive_url) if copy else None,
        )
        for index, excerpt in enumerate(entry.excerpts, 1):
            check.excerpts.append(
                _judge(index, excerpt, live if readable(live) else None, copy if readable(copy) else None, check, cache)
            )
        checks.append(check)
    cache.save()
    return checks


def _judge(index, excerpt, live: _Page | None, copy: _Page | None, check: SourceCheck, cache) -> ExcerptCheck:
    on_live = match_excerpt(live, excerpt.text, excerpt.highlights, cache) if live else None
    if on_live and on_live["found"]:
        return _result(index, "found", "live", on_live)
    on_copy = match_excerpt(copy, excerpt.text, excerpt.highlights, cache) if copy else None
    if on_copy and on_copy["found"]:
        if check.live is None:  # the copy is the only source asked (--archived, or no URL)
            return _result(index, "found", "archive", on_copy)
        why = "the live page lacks it" if on_live else f"the live page cannot be read ({_why(check.live)})"
        return _result(index, "archived", "archive", on_copy, detail=why)
    best, where = (on_live, "live") if on_live else (on_copy, "archive")
    if best is None:
        reasons = [
            f"{label}: {_why(info)}" for label, info in (("live", check.live), ("archive", check.archive)) if info
        ]
        if not reasons:
            reasons = ["no archive_url to read (--archived)" if check.url else "no copy to read"]
        return ExcerptCheck(index, "unreachable", detail="; ".join(reasons))
    similarity = best["similarity"] or 0.0
    status = "changed" if similarity >= CHANGED_AT else "missing"
    return _result(index, status, where, best)


def _why(info: PageInfo | None) -> str:
    if info is None:
        return "not read"
    if info.detail:
        return f"{info.status}: {info.detail}" if not info.detail.startswith("unreadable") else info.detail
    return info.status if info.chars else f"{info.status}: no readable text"


def _result(index, status, where, match, detail="") -> ExcerptCheck:
    return ExcerptCheck(
        index,
        status,
        where,
        match["similarity"],
        match["passage"],
        match["diff"],
        detail,
        [HighlightCheck(h["text"], h["found"], h["similarity"], h["passage"]) for h in match["highlights"]],
        match.get("cached", False),
    )
