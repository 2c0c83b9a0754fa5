"""Link-check settings: defaults, `[links]` in dossier.toml, then command-line options.

Per-host overrides live in `[links.hosts."example.com"]` (the host and its subdomains).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from dossiercli.errors import DossierError

ARCHIVE_ENDPOINT = "https://archive.org/wayback/available"
SAVE_ENDPOINT = "https://web.archive.org/save/"


@dataclass(frozen=True)
class HostRule:
    """What one site needs: fewer requests at once, more time, statuses that are fine there, or no check at all."""

    per_host: int | None = None
    timeout: float | None = None
    accept: tuple[int, ...] = ()
    skip: bool = False
    fail_blocked: bool | None = None
    soft_404: tuple[str, ...] = ()  # extra regular expressions for this site's "not found" titles


@dataclass(frozen=True)
class LinkOptions:
    concurrency: int = 16  # requests in flight at once
    per_host: int = 2  # at once against one host: a news site is not to be hammered
    timeout: float = 10.0  # connect and read, seconds
    total_timeout: float = 30.0  # one URL's time on the wire (slots held), all attempts, redirects, bodies
    retries: int = 2  # after a timeout, a reset connection, 5xx, 429
    backoff: float = 0.5  # seconds, doubled each retry
    max_retry_after: float = 30.0  # Retry-After is honoured up to this
    max_redirects: int = 10
    max_bytes: int = 5_000_000  # a page read for verify stops here (decoded bytes)
    allow_private: bool = False
    accept: tuple[int, ...] = ()  # extra status codes that count as fine (e.g. 403 for sites that block robots)
    exclude: tuple[str, ...] = ()  # regular expressions: matching URLs are skipped
    archive_endpoint: str = ARCHIVE_ENDPOINT
    save_endpoint: str = SAVE_ENDPOINT  # the Internet Archive's Save Page Now
    offline_archive: bool = False  # do not look up archived copies
    fail_blocked: bool = False  # 401/403/429 walls fail the run too
    fail_moved: bool = False  # links that moved to another site fail the run too
    soft_404: tuple[str, ...] = ()  # extra regular expressions for "not found" titles and headings
    grace: float = 0.0  # seconds a link may stay broken before it fails the run
    transient_max_age: float = 600.0  # seconds a transient failure (DNS, timeout, 5xx) is reused from the cache
    user_agent: str = ""
    hosts: dict[str, HostRule] = field(default_factory=dict)

    def excluded(self, url: str) -> str | None:
        for pattern in self.exclude:
            if re.search(pattern, url):
                return f"matches exclude pattern {pattern!r}"
        return None

    def rule_for(self, host: str) -> HostRule | None:
        """The override for `host` or the nearest parent domain listed in [links.hosts]."""
        host = host.lower().rstrip(".")
        while host:
            rule = self.hosts.get(host)
            if rule is not None:
                return rule
            host = host.partition(".")[2]
        return None

    def fails(self, result) -> bool:
        """Whether `result` fails the run under these settings (the grace period aside)."""
        from dossiercli.links.types import Status

        if result.status is Status.BLOCKED:
            rule = self.rule_for(_host(result.url))
            return rule.fail_blocked if rule and rule.fail_blocked is not None else self.fail_blocked
        if result.status is Status.MOVED:
            return self.fail_moved
        return result.status.failed


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


_NAMES = {f.name for f in fields(LinkOptions)} - {"user_agent", "hosts", "grace", "transient_max_age"}
_DURATIONS = {"grace", "transient_max_age"}
_RULE_NAMES = {f.name for f in fields(HostRule)}


def _check_value(key: str, name: str, value, default, path: Path, where: str):
    if isinstance(default, bool) or name in ("skip", "fail_blocked"):
        ok = isinstance(value, bool)
    elif isinstance(default, tuple) or name in ("accept", "soft_404"):
        ok = isinstance(value, list)
        value = tuple(value) if ok else value
        if ok and name == "accept":
            ok = all(isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 599 for v in value)
        if ok and name in ("exclude", "soft_404"):
            try:
                [re.compile(v) for v in value]
            except (re.error, TypeError) as error:
                raise DossierError(f"{where} {key}: bad regular expression: {error}", path) from None
    elif isinstance(default, (int, float)) or name in ("per_host", "timeout"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        if ok and (name == "per_host" or isinstance(default, int) and not isinstance(default, (bool, float))):
            ok = isinstance(value, int)
    else:
        ok = isinstance(value, str) and value.startswith(("http://", "https://")) and value.isprintable()
    if not ok:
        raise DossierError(f"{where} {key} = {value!r} is not a valid value", path)
    return value


def from_config(section: dict, path: Path) -> LinkOptions:
    """Options from `[links]` of dossier.toml; a wrong key or value is a one-line error naming the file."""
    from dossiercli.links.cache import parse_age

    options = LinkOptions()
    values: dict = {}
    for key, value in section.items():
        name = key.replace("-", "_")
        if name == "hosts":
            values["hosts"] = _host_rules(value, path)
            continue
        if name in _DURATIONS:
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
                values[name] = float(value)
            elif isinstance(value, str):
                values[name] = parse_age(value, f"[links] {key}", path)
            else:
                raise DossierError(f"[links] {key} = {value!r} is not a valid value", path)
            continue
        if name not in _NAMES:
            known = sorted(_NAMES | _DURATIONS | {"hosts"})
            raise DossierError(f"[links] has no setting {key!r} (known: {', '.join(known)})", path)
        values[name] = _check_value(key, name, value, getattr(options, name), path, "[links]")
    return replace(options, **values)


def _host_rules(section, path: Path) -> dict[str, HostRule]:
    if not isinstance(section, dict):
        raise DossierError("[links] hosts must be a table of host names", path)
    rules = {}
    for host, table in section.items():
        where = f"[links.hosts.{host!r}]"
        if not isinstance(table, dict):
            raise DossierError(f"{where} must be a table", path)
        values = {}
        for key, value in table.items():
            name = key.replace("-", "_")
            if name not in _RULE_NAMES:
                raise DossierError(f"{where} has no setting {key!r} (known: {', '.join(sorted(_RULE_NAMES))})", path)
            values[name] = _check_value(key, name, value, getattr(HostRule(), name), path, where)
        rules[host.lower().rstrip(".")] = HostRule(**values)
    return rules
