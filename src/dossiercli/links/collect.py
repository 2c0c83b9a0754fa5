"""Which URLs a dossier cites, and by which entries."""

from __future__ import annotations

from collections.abc import Iterable

from dossiercli.model.entry import Entry


def cited_urls(entries: Iterable[Entry]) -> dict[str, list[tuple[str, str]]]:
    """URL -> [(entry id, field)] for every URL and archive_url, in entry order.

    Spellings of one address (host case, default port, tracking parameters: urlnorm.clean_url)
    are checked once, under the first spelling met."""
    from dossiercli.urlnorm import clean_url

    urls: dict[str, list[tuple[str, str]]] = {}
    spelling: dict[str, str] = {}
    for entry in entries:
        for field, url in (("URL", entry.url), ("archive_url", entry.archive_url)):
            if url:
                urls.setdefault(spelling.setdefault(clean_url(url), url), []).append((entry.id, field))
    return urls
