"""The answer to link rot: find an archived copy, and record it in the entry file.

Copies are looked up with the Internet Archive's availability API; the endpoint is
configurable so tests (and mirrors) can stand in for it.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx

from dossiercli.atomic import write_atomic
from dossiercli.errors import DossierError
from dossiercli.links.options import LinkOptions
from dossiercli.model.parse import parse_entry, url_problem


async def _lookup(client: httpx.AsyncClient, endpoint: str, url: str) -> str | None:
    try:
        response = await client.get(endpoint, params={"url": url})
        if response.status_code != 200:
            return None
        closest = (response.json().get("archived_snapshots") or {}).get("closest") or {}
    except (httpx.HTTPError, ValueError, AttributeError):
        return None
    found = closest.get("url") if closest.get("available", True) else None
    return found if isinstance(found, str) and url_problem(found) is None else None


def find_archived(urls: list[str], options: LinkOptions) -> dict[str, str]:
    """Archived copies of `urls`, where the archive has one (lookups fail quietly)."""

    async def run() -> dict[str, str]:
        limit = asyncio.Semaphore(4)  # the archive is one host: be polite
        async with httpx.AsyncClient(timeout=options.timeout, trust_env=False) as client:
            async def one(url):
                async with limit:
                    return url, await _lookup(client, options.archive_endpoint, url)
            return {url: found for url, found in await asyncio.gather(*map(one, urls)) if found}

    return asyncio.run(run()) if urls else {}


_TOP_KEY = re.compile(r"""^\s*(?:"?URL"?)\s*=""")
_ARCHIVE_KEY = re.compile(r"""^\s*(?:"?archive_url"?)\s*=.*$""", flags=re.M)


def add_archive_url(path: Path, archive_url: str) -> None:
    """Add or set `archive_url` in an entry file, leaving every other line exactly as it was."""
    text = path.read_text(encoding="utf-8")
    line = f'archive_url = "{archive_url}"'
    if _ARCHIVE_KEY.search(text.split("\n[", 1)[0]):
        head, sep, tail = text.partition("\n[")
        new = _ARCHIVE_KEY.sub(line, head, count=1) + sep + tail
    else:
        lines = text.split("\n")
        at = next((i + 1 for i, line in enumerate(lines) if _TOP_KEY.match(line)), None)
        if at is None:  # after the last top-level key, before the first table
            at = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
            while at > 0 and not lines[at - 1].strip():
                at -= 1
        lines.insert(at, line)
        new = "\n".join(lines)
    import tomli

    try:
        _, problems = parse_entry(tomli.loads(new), path.stem, path)
    except tomli.TOMLDecodeError as error:
        raise DossierError(f"adding archive_url would break the file ({error}); left unchanged", path) from None
    if any(p.code in ("E004", "E030") for p in problems):
        raise DossierError("adding archive_url would make the file invalid; left unchanged", path)
    write_atomic(path, new, overwrite=True)
