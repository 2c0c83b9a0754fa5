"""Titles and numbers: headline-style capitals (CMOS 8.159), short titles (14.32), page ranges (9.64)."""

from __future__ import annotations

import re

from dossiercli.chicago.richtext import EN_DASH

# Lowercased in headline style unless first or last (CMOS 8.159): articles, coordinating
# conjunctions, prepositions (whatever their length), "to" and "as".
MINOR_WORDS = frozenset(
    "a an the and but for or nor as to at by in of off on per up via with from into onto over upon "
    "among about above after against along around before behind below beneath beside between beyond "
    "despite down during except inside like near outside past since than through throughout toward "
    "towards under underneath unlike until within without".split()
)
INITIAL_ARTICLES = ("a ", "an ", "the ")
_FUNCTION_WORDS = MINOR_WORDS | {"so", "yet"}


def headline_case(title: str) -> str:
    """Headline-style capitalisation; words with capitals inside (U.S., NATO, iPhone, al-Qaeda) are kept."""
    words = title.split(" ")
    last = len(words) - 1
    out: list[str] = []
    for index, word in enumerate(words):
        previous = out[-1] if out else ""
        after_break = index == 0 or previous.endswith((":", "?", "!", "—", ";"))
        out.append(_headline_word(word, first=after_break, last=index == last))
    return " ".join(out)


def _headline_word(word: str, first: bool, last: bool) -> str:
    if not word:
        return word
    core = word.strip("“”‘’\"'([{")
    if any(ch.isupper() for ch in core[1:]) or "." in core.rstrip("."):
        return word  # U.S., NATO, McCain, e.g.: leave as written
    if "-" in core:
        parts = word.split("-")
        return "-".join(
            _headline_word(part, first=first and i == 0, last=last and i == len(parts) - 1) if i == 0
            or part.lower() not in MINOR_WORDS else part.lower()
            for i, part in enumerate(parts)
        )
    bare = core.lower().rstrip(",.;:?!")
    if bare in MINOR_WORDS and not first and not last:
        return word.lower()
    return _capitalise_first_letter(word)


def _capitalise_first_letter(word: str) -> str:
    for index, ch in enumerate(word):
        if ch.isalpha():
            return word[:index] + ch.upper() + word[index + 1 :]
    return word


def short_title(title: str, news: bool = False) -> str:
    """CMOS 14.32: key words of the main title, at most four, in their order; subtitle and A/An/The dropped.

    Where the main title is longer, the cut prefers a phrase boundary (before a function
    word or after a comma: "Daily Notes of a Trader with the Indians" -> "Daily Notes",
    the manual's example), never ends on a function word, and never falls inside
    quotation marks (a quoted phrase counts as one word).
    """
    main = re.split(r":\s|;\s|\?\s|—", title, maxsplit=1)[0].strip()
    if title[len(main):len(main) + 1] == "?":
        main += "?"
    elif news and _is_label(main) and title[len(main):len(main) + 1] == ":":
        return short_title(title[len(main) + 1:].strip())  # "U.S.: Iran helping…": a headline's label, not a title
    for article in INITIAL_ARTICLES:
        if main.lower().startswith(article):
            main = main[len(article):]
            break
    units = _units(main)
    if len(units) <= 4:
        return main.rstrip(",;")
    valid = [n for n in range(1, 5) if _bare(units[n - 1]) not in _FUNCTION_WORDS]
    at_boundary = [n for n in valid if n > 1 and (units[n - 1].endswith(",") or _bare(units[n]) in _FUNCTION_WORDS)]
    chosen = max(at_boundary or valid or [4])
    return " ".join(units[:chosen]).rstrip(",;:")


def _units(text: str) -> list[str]:
    """Words, with a quoted phrase ("Smoking Gun") kept as one."""
    return re.findall(r"[“\"‘'][^“”\"‘’']*[”\"’'](?:\S*)|\S+", text)


def _bare(word: str) -> str:
    return word.lower().strip(",;:.“”‘’\"'()")


def _is_label(text: str) -> bool:
    """A headline's lead-in such as "U.S.", "NATO", "UPDATE": one word, an initialism or in capitals."""
    return " " not in text and len(text) > 1 and (text.isupper() or bool(re.fullmatch(r"(?:[A-Z]\.)+", text)))


def page_range(pages: str) -> str:
    """'165-176' -> '165–76' (CMOS 9.64 inclusive numbers, en dash); other text kept."""
    return re.sub(r"\b(\d+)\s*(?:-{1,2}|–)\s*(\d+)\b", lambda m: _abbreviate(m.group(1), m.group(2)), pages)


def _abbreviate(first: str, second: str) -> str:
    start, end = int(first), int(second)
    if end <= start or len(second) < len(first):
        return f"{first}{EN_DASH}{second}"
    if start < 100 or start % 100 == 0:
        shown = second  # 3–10, 71–72, 100–104, 1100–1113
    elif start % 100 < 10:
        shown = str(end % 100) if end // 100 == start // 100 else second  # 101–8, 808–33, 1103–4
    else:
        # 321–28, 498–532, 1087–89, 1496–1504, 11564–615, 12991–13001: at least two digits, more if they change.
        digits = 2
        while digits < len(second) and first[:-digits] != second[:-digits]:
            digits += 1
        shown = second[-digits:] if first[:-digits] == second[:-digits] else second
        if len(first) == 4 and len(shown) == 3:
            shown = second  # four digits of which three change: all four (1496–1504, 2787–2816)
    return f"{first}{EN_DASH}{shown}"
