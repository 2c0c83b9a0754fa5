"""What a link check finds: one result per URL, plain data the CLI prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Status(str, Enum):
    OK = "ok"
    REDIRECTED = "redirected"  # ends in a success after redirects; `target` is where
    BROKEN = "broken"  # an HTTP error status, or a redirect loop
    TIMEOUT = "timeout"
    DNS_FAILURE = "dns-failure"
    TLS_ERROR = "tls-error"
    REFUSED = "refused"
    ERROR = "error"  # any other network failure
    SKIPPED = "skipped"  # not checked: excluded, private address, not http(s)

    @property
    def failed(self) -> bool:
        return self in FAILED


FAILED = frozenset({Status.BROKEN, Status.TIMEOUT, Status.DNS_FAILURE, Status.TLS_ERROR, Status.REFUSED, Status.ERROR})


@dataclass
class LinkResult:
    url: str
    status: Status
    code: int | None = None  # the last HTTP status
    target: str | None = None  # final URL after redirects
    permanent: bool = False  # every redirect was permanent (301/308): suggest the target as the new URL
    detail: str = ""  # why, for people
    attempts: int = 1
    seconds: float = 0.0
    cached: bool = False
    entries: list[str] = field(default_factory=list)  # ids of the entries that cite the URL
    fields: list[str] = field(default_factory=list)  # "URL" or "archive_url"
    archive: str | None = None  # a Wayback copy found for a failed URL

    def to_data(self) -> dict:
        data = asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_data(cls, data: dict) -> LinkResult:
        return cls(**{**data, "status": Status(data["status"])})
