"""The answer to link rot: find an archived copy, ask for a new one, record it in the entry file.

Copies are looked up with the Internet Archive's availability API and made with its Save
Page Now endpoint; both endpoints are configurable (tests and mirrors stand in for them)
and both pass the private-address guard like any URL, since they may come from a
contributed dossier.toml.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from dossiercli.atomic import write_atomic
from dossiercli.errors import DossierError
from dossiercli.links.guard import private_host_reason
from dossiercli.links.options import LinkOptions
from dossiercli.model.parse import parse_entry, url_problem

ANSWER_BYTES = 1_000_000  # an archive's answer is small: more is not read
WAYBACK_COPY = re.compile(r"""/web/([0-9]{14})(?:[a-z_]{0,4})/([^\s"'<>]+)""")


class ArchiveUnavailable(DossierError):
    """The archive cannot be asked at all: a refused endpoint, or no network."""


async def _guard_endpoint(endpoint: str, options: LinkOptions, what: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname or not endpoint.isprintable():
        raise ArchiveUnavailable(f"{what} {endpoint!r} is not an http(s) URL")
    if not options.allow_private:
        reason = await private_host_reason(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        if reason:
            raise ArchiveUnavailable(f"{what} {endpoint}: {reason}")


async def _get_bounded(client: httpx.AsyncClient, url: str, **kwargs) -> httpx.Response:
    """A GET whose body is read within ANSWER_BYTES, however it is compressed (an endpoint may be hostile)."""
    from dossiercli.links.body import read_body

    async with client.stream("GET", url, **kwargs) as response:
        body, _ = await read_body(response, ANSWER_BYTES)
    return httpx.Response(
        response.status_code,
        headers=[
            (k, v) for k, v in response.headers.items() if k.lower() not in ("content-encoding", "content-length")
        ],
        content=body,
    )


async def _lookup(client: httpx.AsyncClient, endpoint: str, url: str) -> str | None:
    from dossiercli.links.body import BodyError

    try:
        response = await _get_bounded(client, endpoint, params={"url": url})
        if response.status_code != 200:
            return None
        closest = (response.json().get("archived_snapshots") or {}).get("closest") or {}
    except (httpx.HTTPError, BodyError, ValueError, AttributeError):
        return None
    found = closest.get("url") if isinstance(closest, dict) and closest.get("available", True) else None
    return found if isinstance(found, str) and url_problem(found) is None else None


def find_archived(urls: list[str], options: LinkOptions) -> dict[str, str]:
    """Archived copies of `urls`, where the archive has one (lookups of single URLs fail quietly).

    Raises ArchiveUnavailable when the endpoint itself may not be asked (a private address).
    """

    async def run() -> dict[str, str]:
        await _guard_endpoint(options.archive_endpoint, options, "archive_endpoint")
        limit = asyncio.Semaphore(4)  # the archive is one host: be polite
        async with httpx.AsyncClient(timeout=options.timeout, trust_env=False) as client:

            async def one(url):
                async with limit:
                    return url, await _lookup(client, options.archive_endpoint, url)

            return {url: found for url, found in await asyncio.gather(*map(one, urls)) if found}

    return asyncio.run(run()) if urls else {}


@dataclass
class Capture:
    url: str
    archive_url: str | None = None
    captured: dt.datetime | None = None  # the snapshot's timestamp (UTC)
    error: str = ""
    network: bool = False  # the archive could not be reached at all (offline?)


def wayback_timestamp(archive_url: str) -> dt.datetime | None:
    """The capture time written in a Wayback URL (…/web/20070103120000/…), or None."""
    match = WAYBACK_COPY.search(archive_url)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def _capture_from(response: httpx.Response, endpoint: str, url: str) -> str | None:
    """Where Save Page Now says the new copy is: Location, Content-Location, Link, or the page."""
    for header in ("Location", "Content-Location", "Link"):
        for value in response.headers.get_list(header):
            match = WAYBACK_COPY.search(value)
            if match:
                return urljoin(endpoint, value[match.start() :].split(">")[0].split(";")[0].strip())
    if response.status_code >= 400:
        return None
    # in the page, only a copy of this very URL counts (the page links to other captures too)
    bare = re.escape(url.split("://", 1)[-1])
    match = re.search(
        rf"/web/[0-9]{{14}}(?:[a-z_]{{0,4}})/(?:https?://)?{bare}(?=[\s\"'<>]|$)", response.text[:200_000]
    )
    return urljoin(endpoint, match.group(0)) if match else None


async def _save_one(client: httpx.AsyncClient, endpoint: str, url: str) -> Capture:
    from dossiercli.links.body import BodyError
    from dossiercli.links.checker import classify_error
    from dossiercli.links.types import Status

    try:
        response = await _get_bounded(client, endpoint + url)
    except (httpx.InvalidURL, BodyError) as error:
        return Capture(url, error=f"cannot be requested: {error}")
    except httpx.HTTPError as error:
        status, detail = classify_error(error)
        network = status in (Status.DNS_FAILURE, Status.REFUSED, Status.TIMEOUT, Status.ERROR, Status.TLS_ERROR)
        return Capture(url, error=f"{status.value}: {detail}", network=network)
    found = _capture_from(response, endpoint, url)
    if found and url_problem(found) is None:
        return Capture(url, found, wayback_timestamp(found))
    if response.status_code == 429:
        return Capture(url, error="HTTP 429: the archive asks to slow down; try again later")
    return Capture(url, error=f"HTTP {response.status_code}: the archive did not say where the copy is")


def save_pages(urls: list[str], options: LinkOptions, timeout: float = 120.0) -> list[Capture]:
    """Ask Save Page Now to capture each URL; one Capture per URL (errors included), in order.

    Raises ArchiveUnavailable when the endpoint may not be asked, or when no request reached it.
    """

    async def run() -> list[Capture]:
        endpoint = options.save_endpoint
        await _guard_endpoint(endpoint, options, "save_endpoint")
        limit = asyncio.Semaphore(2)  # captures are expensive for the archive: two at a time
        headers = {"User-Agent": options.user_agent or _user_agent()}
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=options.timeout),
            headers=headers,
            follow_redirects=False,
            trust_env=False,
        ) as client:

            async def one(url):
                async with limit:
                    return await _save_one(client, endpoint, url)

            return list(await asyncio.gather(*map(one, urls)))

    captures = asyncio.run(run()) if urls else []
    if captures and all(c.network for c in captures):
        raise ArchiveUnavailable(f"cannot reach the archive at {options.save_endpoint}: {captures[0].error}")
    return captures


def _user_agent() -> str:
    from dossiercli.links.checker import USER_AGENT

    return USER_AGENT


def add_archive_url(path: Path, archive_url: str, replace: bool = True) -> bool:
    """Set `archive_url` in an entry file through the TOML library: comments and layout stay.

    The key goes on the line after `URL` (or after the last top-level key); the new text
    is parsed and checked before it is written, atomically. False when the entry already
    had one and `replace` is off.
    """
    import tomli
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        text = path.read_text(encoding="utf-8")
        document = tomlkit.parse(text)
    except (OSError, UnicodeDecodeError) as error:
        raise DossierError(f"cannot read: {error}", path) from None
    except TOMLKitError as error:
        raise DossierError(f"not valid TOML ({error}); left unchanged", path) from None
    if "archive_url" in document:
        if not replace:
            return False
        document["archive_url"] = archive_url
    elif "URL" in document:
        document = _with_key_after(document, "URL", "archive_url", archive_url)
    else:
        document["archive_url"] = archive_url
    new = tomlkit.dumps(document)
    try:
        _, problems = parse_entry(tomli.loads(new), path.stem, path)
    except tomli.TOMLDecodeError as error:
        raise DossierError(f"adding archive_url would break the file ({error}); left unchanged", path) from None
    if any(p.code in ("E004", "E030") for p in problems):
        raise DossierError("adding archive_url would make the file invalid; left unchanged", path)
    write_atomic(path, new, overwrite=True)
    return True


def _with_key_after(document, after: str, key: str, value: str):
    """A copy of a tomlkit document with `key = value` on the line after top-level `after`.

    tomlkit has no public "insert after"; the document is rebuilt item by item through its
    public `body` and `add`, which keeps comments, blank lines and tables as they were.
    """
    import tomlkit

    rebuilt = tomlkit.document()
    for existing, item in document.body:
        if existing is None:  # a comment or blank line
            rebuilt.add(item)
            continue
        rebuilt.add(existing, item)
        if existing.key == after:
            rebuilt.add(key, value)
    return rebuilt


def prefer_archive(entry):
    """The entry as cited from its archived copy (CMOS 14.7), when it has one: URL = archive_url."""
    import dataclasses

    return dataclasses.replace(entry, url=entry.archive_url) if entry.archive_url else entry
