"""Link-check settings: defaults, `[links]` in dossier.toml, then command-line options."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

from dossiercli.errors import DossierError

ARCHIVE_ENDPOINT = "https://archive.org/wayback/available"


@dataclass(frozen=True)
class LinkOptions:
    concurrency: int = 16  # requests in flight at once
    per_host: int = 2  # at once against one host: a news site is not to be hammered
    timeout: float = 10.0  # connect and read, seconds
    total_timeout: float = 30.0  # one URL, all attempts and redirects included
    retries: int = 2  # after a timeout, a reset connection, 5xx, 429
    backoff: float = 0.5  # seconds, doubled each retry
    max_retry_after: float = 30.0  # Retry-After is honoured up to this
    max_redirects: int = 10
    max_bytes: int = 1_000_000  # read at most this much of a GET body
    allow_private: bool = False
    accept: tuple[int, ...] = ()  # extra status codes that count as fine (e.g. 403 for sites that block robots)
    exclude: tuple[str, ...] = ()  # regular expressions: matching URLs are skipped
    archive_endpoint: str = ARCHIVE_ENDPOINT
    offline_archive: bool = False  # do not look up archived copies
    user_agent: str = ""

    def excluded(self, url: str) -> str | None:
        for pattern in self.exclude:
            if re.search(pattern, url):
                return f"matches exclude pattern {pattern!r}"
        return None


_NAMES = {f.name for f in fields(LinkOptions)} - {"user_agent"}


def from_config(section: dict, path: Path) -> LinkOptions:
    """Options from `[links]` of dossier.toml; a wrong key or value is a one-line error naming the file."""
    options = LinkOptions()
    values = {}
    for key, value in section.items():
        name = key.replace("-", "_")
        if name not in _NAMES:
            raise DossierError(f"[links] has no setting {key!r} (known: {', '.join(sorted(_NAMES))})", path)
        default = getattr(options, name)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, tuple):
            ok = isinstance(value, list)
            value = tuple(value) if ok else value
            if ok and name == "accept":
                ok = all(isinstance(v, int) and 100 <= v <= 599 for v in value)
            if ok and name == "exclude":
                try:
                    [re.compile(v) for v in value]
                except (re.error, TypeError) as error:
                    raise DossierError(f"[links] exclude: bad regular expression: {error}", path) from None
        elif isinstance(default, (int, float)):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        else:
            ok = isinstance(value, str) and value.startswith(("http://", "https://"))
        if not ok:
            raise DossierError(f"[links] {key} = {value!r} is not a valid value", path)
        values[name] = value
    return replace(options, **values)
