"""The same source, however it was spelled: same DOI, same page (urlnorm.url_key), or same title and year.

The rule `import` applies to records, applied by `add` to one new entry. Titles are
compared folded to ASCII words ("Iran’s Secret Plan" = "Irans secret plan"), with the year
of issue (two undated works with one title are the same work).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dossiercli.ids import ascii_fold
from dossiercli.model.entry import Entry
from dossiercli.urlnorm import url_key


def _words(text: str) -> str:
    """A title's words folded to ASCII ("Iran’s Secret Plan" = "Irans secret plan"), and the letters of scripts
    with no ASCII form (梅竹錦標對抗賽, Кто) as they are: two Chinese titles are not both the empty string."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(text).lower())
    if not text.isascii():
        words += [w.casefold() for w in _OTHER_SCRIPTS.findall(text)]
    return " ".join(words)


_OTHER_SCRIPTS = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+")


def _first_family(entry: Entry) -> str | None:
    people = entry.authors or entry.editors
    return _words(people[0].family or people[0].literal or "") if people else None


def _families(entry: Entry) -> list[str]:
    return [_words(p.family or p.literal or "") for p in entry.authors]


def _pages(entry: Entry) -> str | None:
    return re.sub(r"[\s–—-]+", "-", entry.page) if entry.page else None


def _differ(first, second) -> bool:
    return bool(first and second and first != second)


def same_work(a: Entry, b: Entry) -> bool:
    """Two records are one work only when their titles agree and, where both have them, so do
    their first authors, pages and containers: a chapter sharing its book's URL, a paper
    sharing its proceedings' DOI, two works both called "Introduction" are not duplicates.
    A shared DOI aside, works of different types are different works (a technical report and
    the later paper, a data set on Zenodo and its paper, software and the paper about it), as
    are works with different numbers, `medium` (howpublished) or author lists (one list may be
    the other cut short: "and others")."""
    if _words(a.title) != _words(b.title):
        return False
    for value in (_first_family, _pages, lambda e: _words(e.container_title) if e.container_title else None):
        if _differ(value(a), value(b)):
            return False
    if a.doi and b.doi and a.doi.lower() == b.doi.lower():
        return True
    if a.type != b.type or _differ(a.number, b.number) or _differ(a.medium, b.medium) or _differ(a.volume, b.volume):
        return False  # volume 1 and volume 2 of a multivolume work are two works
    for kind in (
        "csl-type",
        "ris-type",
        "entrysubtype",
    ):  # kinds another format names and the model folds into one type
        if _differ(dict(a.extra).get(kind), dict(b.extra).get(kind)):
            return False
    first, second = sorted((_families(a), _families(b)), key=len)
    if first and second[: len(first)] != first:
        return False
    for one, other in zip(a.authors, b.authors, strict=False):  # Albert vs Bosworth: two people; A. vs Albert: one
        given, given_too = _words(one.given or ""), _words(other.given or "")
        if given and given_too and given[0] != given_too[0]:
            return False
        if given and given_too and min(len(given.split()[0]), len(given_too.split()[0])) > 1:
            if given.split()[0] != given_too.split()[0]:
                return False
    return True


def title_key(entry: Entry) -> str:
    return _words(entry.title) + f"|{entry.issued.year if entry.issued else ''}"


def keys_of(entry: Entry) -> list[tuple[str, str]]:
    """(what, key) from the strongest evidence to the weakest."""
    keys = []
    if entry.doi:
        keys.append(("DOI", "d:" + entry.doi.lower()))
    if entry.url:
        keys.append(("URL", "u:" + url_key(entry.url)))
    keys.append(("title and year", "t:" + title_key(entry)))
    return keys


class DuplicateIndex:
    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.keys: dict[str, Entry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        for _, key in keys_of(entry):
            self.keys.setdefault(key, entry)

    def find(self, entry: Entry, ignore: str | None = None) -> tuple[str, Entry] | None:
        """(why, the entry it duplicates), or None; `ignore`: an id not to count (the entry itself)."""
        for label, key in keys_of(entry):
            other = self.keys.get(key)
            if other is not None and other.id != ignore and (label != "title and year" or same_work(entry, other)):
                return label, other
        return None


def could_share_a_page(other: str, site: str) -> bool:
    """A cheap test before url_key: two spellings of one page share the site's name (`site_name` of the first)."""
    return not site or site in other.lower()


def find_same(entry: Entry, entries: Iterable[Entry], ignore: str | None = None) -> tuple[str, Entry] | None:
    """The first of `entries` that is the same source as `entry` (as DuplicateIndex.find), without indexing them all:
    a DOI is a string comparison, a URL is normalised only for entries on the same site, a title only for
    entries of the same year. What `add` needs for one new entry in a dossier of thousands."""
    from dossiercli.ids import site_name

    doi = entry.doi.lower() if entry.doi else None
    url = url_key(entry.url) if entry.url else None
    site = site_name(entry.url) if entry.url else ""
    year = entry.issued.year if entry.issued else None
    title = None
    found: dict[str, Entry] = {}
    for other in entries:
        if other.id == ignore or other is entry:
            continue
        if doi and other.doi and other.doi.lower() == doi:
            return "DOI", other
        if (
            url
            and other.url
            and "URL" not in found
            and could_share_a_page(other.url, site)
            and url_key(other.url) == url
        ):
            found["URL"] = other
        if "title" not in found and (other.issued.year if other.issued else None) == year:
            title = title or title_key(entry)
            if title_key(other) == title and same_work(entry, other):
                found["title"] = other
    if "URL" in found:
        return "URL", found["URL"]
    if "title" in found:
        return "title and year", found["title"]
    return None


def known_identifier(
    entries: Iterable[Entry], url: str | None = None, doi: str | None = None
) -> tuple[str, Entry] | None:
    """The entry that already has this DOI or page: checked before a page is fetched or a DOI looked up."""
    from dossiercli.ids import site_name

    wanted_doi = doi.lower() if doi else None
    wanted_url = url_key(url) if url else None
    site = site_name(url) if url else ""
    for entry in entries:
        if wanted_doi and entry.doi and entry.doi.lower() == wanted_doi:
            return "DOI", entry
        if wanted_url and entry.url and could_share_a_page(entry.url, site) and url_key(entry.url) == wanted_url:
            return "URL", entry
    return None
