"""Results and link-health history, kept in `<dossier>/.dossier-cache/links.json`.

Per URL: the last result and when it was checked (reused while younger than --max-age,
or only briefly when it was transient: a DNS failure, a timeout, a 5xx), and the history
of the link's health: the state (ok or broken), when it was first seen broken in the
current run of failures, when it was last seen fine, and how often it flipped.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from dossiercli.atomic import write_atomic
from dossiercli.errors import DossierError
from dossiercli.links.types import LinkResult, Status

CACHE_FILE = Path(".dossier-cache") / "links.json"
_AGE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*([smhdw]?)")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_age(text: str, what: str = "--max-age", path: Path | None = None) -> float:
    """'1d', '6h', '90m', '3600' -> seconds."""
    match = _AGE.fullmatch(str(text).strip().lower())
    if not match:
        raise DossierError(f"{what} {text!r}: write a number with s, m, h, d or w (e.g. 6h, 1d)", path)
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass
class History:
    url: str
    state: str  # "ok" or "broken"
    status: str  # the last status seen
    detail: str
    last_checked: float
    first_broken: float | None  # start of the current run of failures (None when fine)
    last_ok: float | None
    flips: int  # changes between ok and broken


class LinkCache:
    def __init__(self, root: Path, max_age: float, now: float | None = None, transient_max_age: float = 600.0):
        from dossiercli.paths import cache_folder

        self.path = cache_folder(root) / CACHE_FILE.name
        self.max_age = max_age
        self.transient_max_age = min(transient_max_age, max_age)
        self.now = now or time.time()
        self.entries: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.entries = {k: v for k, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError, RecursionError):  # RecursionError: a planted, deeply nested file
            pass  # no cache yet, or a damaged one: start afresh

    def get(self, url: str) -> LinkResult | None:
        item = self.entries.get(url)
        if not item or not isinstance(item.get("checked_at"), (int, float)):
            return None
        try:
            result = LinkResult.from_data(item["result"])
        except (KeyError, TypeError, ValueError):
            return None
        age = self.now - item["checked_at"]
        if age > (self.transient_max_age if result.transient else self.max_age) or age < 0:
            return None
        result.cached = True
        result.first_broken = item.get("first_broken")
        return result

    def put(self, result: LinkResult, failing: bool | None = None) -> None:
        """Record a fresh result: as the cached answer, and in the link's history.

        `failing` says whether the result counts as broken (the options decide for blocked
        and moved links); a blocked link leaves the history as it was.
        """
        if result.status is Status.SKIPPED or result.cached:
            return
        data = result.to_data()
        for key in ("entries", "fields", "cached", "archive", "first_broken", "in_grace", "content_type"):
            data.pop(key, None)
        item = self.entries.get(result.url) or {}
        item = {**item, "checked_at": self.now, "result": data}
        failing = result.status.failed if failing is None else failing
        state = None if result.status is Status.BLOCKED and not failing else ("broken" if failing else "ok")
        if state is not None:
            before = item.get("state")
            if before and before != state:
                item["flips"] = int(item.get("flips") or 0) + 1
            item["state"] = state
            if state == "ok":
                item["last_ok"] = self.now
                item["first_broken"] = None
            elif not item.get("first_broken") or before != "broken":
                item["first_broken"] = self.now
        self.entries[result.url] = item
        result.first_broken = item.get("first_broken")

    def history(self) -> list[History]:
        rows = []
        for url, item in self.entries.items():
            result = item.get("result") or {}
            rows.append(
                History(
                    url,
                    str(item.get("state") or "-"),
                    str(result.get("status", "-")),
                    str(result.get("detail") or ""),
                    float(item.get("checked_at") or 0),
                    item.get("first_broken"),
                    item.get("last_ok"),
                    int(item.get("flips") or 0),
                )
            )
        return rows

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True), overwrite=True, parents=True)
