"""Name lists as Chicago writes them in notes, short notes and bibliographies (CMOS 14.76, 14.29)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from dossiercli.model.names import Name

ARABIC_ARTICLES = ("al-", "el-", "an-", "ar-", "as-", "ash-", "ad-", "at-", "az-")


def is_demoted_particle(name: Name) -> bool:
    """Arabic al- is ignored in alphabetising and follows the given name when inverted (CMOS 8.14)."""
    return (name.particle or "").lower() in ARABIC_ARTICLES


def split_arabic_article(name: Name) -> Name:
    """'al-Zarqawi' entered as one family name is read as particle 'al-' and family 'Zarqawi'
    (CMOS 17 16.76, 18 15.83), so it inverts and sorts as if the particle were entered apart."""
    family = name.family or ""
    if name.particle or name.literal is not None:
        return name
    lowered = family.lower()
    for article in ARABIC_ARTICLES:
        if lowered.startswith(article) and len(family) > len(article) and family[len(article)].isalpha():
            return replace(name, particle=family[: len(article)], family=family[len(article) :])
    return name


def dotted(name: Name) -> Name:
    """An initial takes a period: "Nancy K Adams" -> "Nancy K. Adams", "J R R" -> "J. R. R." (CMOS 10.12)."""
    given = name.given
    if not given or not re.search(r"(?:^|[\s-])[A-Z](?=$|[\s-])", given):
        return name
    return replace(name, given=re.sub(r"(?:^|(?<=[\s-]))([A-Z])(?=$|[\s-])", r"\1.", given))


def natural(name: Name) -> str:
    return dotted(name).natural()


def inverted(name: Name) -> str:
    """'Sadr, Moqtada al-' (CMOS 8.14), 'van Gogh, Vincent', 'King, Martin Luther, Jr.'."""
    name = dotted(split_arabic_article(name))
    if is_demoted_particle(name):
        given = " ".join(part for part in (name.given, name.dropping_particle) if part)
        text = (
            f"{name.family}, {given} {name.particle}".replace("  ", " ") if given else f"{name.family}, {name.particle}"
        )
        return f"{text}, {name.suffix}" if name.suffix else text
    return name.inverted()


def sort_key(name: Name) -> str:
    name = split_arabic_article(name)
    if name.literal:
        return name.literal
    if is_demoted_particle(name):
        return f"{name.family} {name.given or ''}"
    return f"{name.surname} {name.given or ''}"


def _series(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B, and C' (serial comma, CMOS 6.19)."""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + ", and " + items[-1]


def note_names(names: Sequence[Name], edition: int, more: bool = False) -> str:
    """Full notes: up to three names (two in the 18th edition), else the first and "et al."; `more`: the list
    goes on past the names given (BibTeX's "and others"), so the first and "et al." (14.76)."""
    listed = 3 if edition == 17 else 2
    if len(names) > listed or (more and names):
        return f"{natural(names[0])} et al."
    return _series([natural(name) for name in names])


def short_names(names: Sequence[Name], edition: int, more: bool = False) -> str:
    listed = 3 if edition == 17 else 2
    if len(names) > listed or (more and names):
        return f"{names[0].surname} et al."
    return _series([name.surname for name in names])


def bibliography_names(names: Sequence[Name], edition: int, more: bool = False) -> str:
    """First name inverted; up to ten listed, else seven and "et al." (18th: six, else three); `more`: the
    names given and "et al.", the rest being unknown."""
    limit, keep = (10, 7) if edition == 17 else (6, 3)
    shown = list(names) if len(names) <= limit else list(names[:keep])
    parts = [inverted(shown[0])] + [natural(name) for name in shown[1:]]
    if len(names) > limit or more:
        return ", ".join(parts) + ", et al."
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def role_suffix(names: Sequence[Name], role: str) -> str:
    """', ed.' / ', eds.' after editors standing in for authors."""
    return f", {role}s." if len(names) > 1 else f", {role}."
