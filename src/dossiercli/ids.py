"""Entry ids: `authoryear-shorttitle` slugs, unique within a dossier."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from dossiercli.model.entry import Entry

_STOP_WORDS = frozenset("a an the of in on at to for and or but with by from as is are was were its it s".split())


_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ʿ": "",
        "ʾ": "",
        "’": "",
        "'": "",
    }
)


def ascii_fold(text: str) -> str:
    """'Ḥasan', 'Müller', 'Ø' -> 'Hasan', 'Muller', 'O': Unicode folded to plain ASCII."""
    if text.isascii():
        return text.replace("'", "")
    text = text.translate(_SPECIAL)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str, max_words: int | None = None) -> str:
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # "U.S." -> "US"
    words = re.findall(r"[a-z0-9]+", ascii_fold(text).lower())
    if max_words is not None:
        key_words = [w for w in words if w not in _STOP_WORDS] or words
        words = key_words[:max_words]
    return "-".join(words)


def base_id(entry: Entry) -> str:
    """'lake2007-iran-secret-plan': first author's surname (or the organisation), year, three title words.

    Without a person the site's short name stands in ("cfr" for www.cfr.org, "wikipedia"),
    else the organisation's initials; an undated work gets "nd" as a word of its own
    ("wikipedia-nd-iran"), never glued to the name ("wikipediand").
    """
    people = entry.authors or entry.editors
    if people:
        who = people[0].family or people[0].literal or ""
        who = slug(who).replace("-", "") if people[0].family else _initials(who)
    else:
        who = (site_name(entry.url) if entry.url else "") or _initials(entry.publisher or entry.container_title or "")
    title = slug(entry.title, max_words=3)
    year = entry.issued.year if entry.issued else None
    who = who[:MAX_WHO]
    head = f"{who}{year}" if year is not None and year > 0 else f"{who}-nd"
    return _capped("-".join(part for part in (head[: MAX_WHO + 8], title) if part)) or "entry"


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "mil", "or", "ne", "go", "gv", "nic"})


def site_name(url: str) -> str:
    """A site's short name from its address: 'www.cfr.org' -> 'cfr', 'news.bbc.co.uk' -> 'bbc' ('' if none)."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return ""
    labels = labels[:-1]  # the top-level domain
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    name = re.sub(r"[^a-z0-9]", "", ascii_fold(labels[-1]))
    return name[:16] if name not in ("www", "") else ""


MAX_ID = 60  # file names stay far below any file system's limit (255 bytes), whatever the title
MAX_WHO = 24


def _capped(text: str) -> str:
    """At most MAX_ID characters, cut at a hyphen where there is one."""
    if len(text) <= MAX_ID:
        return text
    cut = text[:MAX_ID]
    return cut[: cut.rfind("-")] if cut.rfind("-") > MAX_ID // 2 else cut.rstrip("-")


def _initials(organisation: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", ascii_fold(organisation))
    if len(words) <= 1:
        return (words[0].lower() if words else "anon")[:12]
    return "".join(word[0] for word in words).lower()


def unique_id(candidate: str, taken: Container[str]) -> str:
    """`candidate`, or `candidate-b`, `-c` … when it is taken (as biblatex disambiguates 2007a/2007b)."""
    if candidate not in taken:
        return candidate
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if f"{candidate}-{suffix}" not in taken:
            return f"{candidate}-{suffix}"
    number = 2
    while f"{candidate}-{number}" in taken:
        number += 1
    return f"{candidate}-{number}"
