"""What a link check finds: one result per URL, plain data the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    OK = "ok"
    REDIRECTED = "redirected"  # ends in a success after redirects on the same site; `target` is where
    MOVED = "moved"  # ends in a success on another site (a sold or merged domain): reported, not failing by default
    SOFT_404 = "soft-404"  # a success that says "not found": its title or heading, or a redirect to the home page
    BLOCKED = "blocked"  # 401, 403, 429 or a bot challenge: a browser may well pass; reported apart, not failing
    BROKEN = "broken"  # an HTTP error status (404, 410: dead), or a redirect loop
    TIMEOUT = "timeout"
    DNS_FAILURE = "dns-failure"
    TLS_ERROR = "tls-error"
    REFUSED = "refused"
    ERROR = "error"  # any other network failure
    INVALID = "invalid"  # the URL, or a redirect's Location, cannot be requested (bad port, control character…)
    SKIPPED = "skipped"  # not checked: excluded, private address, not http(s)

    @property
    def failed(self) -> bool:
        return self in FAILED


# Failing the run by default; BLOCKED and MOVED only when configured so (fail_blocked, fail_moved).
FAILED = frozenset(
    {
        Status.BROKEN,
        Status.SOFT_404,
        Status.TIMEOUT,
        Status.DNS_FAILURE,
        Status.TLS_ERROR,
        Status.REFUSED,
        Status.ERROR,
        Status.INVALID,
    }
)
# Failures that say something about the moment, not the link: cached briefly, never for --max-age.
TRANSIENT = frozenset({Status.TIMEOUT, Status.DNS_FAILURE, Status.REFUSED, Status.ERROR})


@dataclass
class LinkResult:
    url: str
    status: Status
    code: int | None = None  # the last HTTP status
    target: str | None = None  # final URL after redirects
    permanent: bool = False  # every redirect was permanent (301/308): suggest the target as the new URL
    detail: str = ""  # why, for people: the evidence (status, title, redirect target…)
    attempts: int = 1
    seconds: float = 0.0
    cached: bool = False
    entries: list[str] = field(default_factory=list)  # ids of the entries that cite the URL
    fields: list[str] = field(default_factory=list)  # "URL" or "archive_url"
    archive: str | None = None  # a Wayback copy found for a failed URL
    first_broken: float | None = None  # from the history: when this URL was first seen failing (epoch seconds)
    in_grace: bool = False  # failing, but for less than --grace: reported, not failing the run
    body: bytes | None = field(default=None, repr=False)  # the page itself, when asked for (verify)
    content_type: str = ""

    @property
    def transient(self) -> bool:
        """A result that may well differ in a minute: network trouble, 5xx, 429."""
        return (
            self.status in TRANSIENT
            or (self.status is Status.BROKEN and (self.code or 0) >= 500)
            or (self.status is Status.BLOCKED and self.code == 429)
        )

    def to_data(self) -> dict:
        """The fields as plain data, in field order, without the body (dataclasses.asdict deep-copies: 10× slower)."""
        data = {name: getattr(self, name) for name in _DATA_FIELDS}
        data["status"] = self.status.value
        data["entries"], data["fields"] = list(self.entries), list(self.fields)
        return data

    @classmethod
    def from_data(cls, data: dict) -> LinkResult:
        known = {k: v for k, v in data.items() if k in _FIELDS and k != "body"}
        return cls(**{**known, "status": Status(data["status"])})


_FIELDS = set(LinkResult.__dataclass_fields__)
_DATA_FIELDS = tuple(name for name in LinkResult.__dataclass_fields__ if name != "body")
