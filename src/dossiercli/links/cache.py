"""Results kept in `<dossier>/.dossier-cache/links.json` for a while, so CI re-runs are cheap."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from dossiercli.atomic import write_atomic
from dossiercli.errors import DossierError
from dossiercli.links.types import LinkResult, Status

CACHE_FILE = Path(".dossier-cache") / "links.json"
_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw]?)")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_age(text: str) -> float:
    """'1d', '6h', '90m', '3600' -> seconds."""
    match = _AGE.fullmatch(text.strip().lower())
    if not match:
        raise DossierError(f"--max-age {text!r}: write a number with s, m, h, d or w (e.g. 6h, 1d)")
    return float(match.group(1)) * _UNITS[match.group(2)]


class LinkCache:
    def __init__(self, root: Path, max_age: float, now: float | None = None):
        self.path = root / CACHE_FILE
        self.max_age = max_age
        self.now = now or time.time()
        self.entries: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.entries = {k: v for k, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError):
            pass  # no cache yet, or a damaged one: start afresh

    def get(self, url: str) -> LinkResult | None:
        item = self.entries.get(url)
        if not item or self.now - item.get("checked_at", 0) > self.max_age:
            return None
        try:
            result = LinkResult.from_data(item["result"])
        except (KeyError, TypeError, ValueError):
            return None
        result.cached = True
        return result

    def put(self, result: LinkResult) -> None:
        if result.status is Status.SKIPPED:
            return
        data = result.to_data()
        for key in ("entries", "fields", "cached", "archive"):
            data.pop(key, None)
        self.entries[result.url] = {"checked_at": self.now, "result": data}

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True), overwrite=True, parents=True)
