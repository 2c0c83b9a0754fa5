"""Titles and numbers: headline-style capitals (CMOS 8.159), short titles (14.32), page ranges (9.64)."""

from __future__ import annotations

import re

from dossiercli.chicago.richtext import EN_DASH

# Lowercased in headline style unless first or last (CMOS 17 8.159): articles, the coordinating
# conjunctions and, but, for, or, nor; prepositions whatever their length; "to" and "as".
ARTICLES = frozenset({"a", "an", "the"})
COORDINATING = frozenset({"and", "but", "for", "or", "nor"})
PREPOSITIONS = frozenset(
    "at by in of off on per up via with from into onto over upon out among about above across after against "
    "along amid around before behind below beneath beside besides between beyond despite down during except "
    "inside like near outside past since through throughout toward towards under underneath unlike until "
    "within without versus concerning regarding".split()
)
MINOR_WORDS = ARTICLES | COORDINATING | PREPOSITIONS | {"to", "as"}
INITIAL_ARTICLES = ("a ", "an ", "the ")
_FUNCTION_WORDS = MINOR_WORDS | {"so", "yet"}
# Words that may be prepositions or subordinating conjunctions: before a clause ("After We Left",
# "Since You Asked") they are conjunctions and capitalised (CMOS 8.159 rule 1: "some conjunctions";
# its example "Mnemonics That Work Are Better Than Rules That Do Not"; "than" is never lowercased).
_ALSO_CONJUNCTIONS = frozenset({"after", "before", "since", "until", "till", "like"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "there", "this", "these", "those"})
# Determiners: a preposition right after one is an adjective or noun ("An Inside Job", "The On Button").
_DETERMINERS = ARTICLES | {"this", "that", "these", "those", "my", "your", "his", "her", "its", "our", "their", "no"}
# A first element that cannot stand alone as a word leaves the next one lower-case (8.161 rule 3).
PREFIXES = frozenset(
    "anti pre post non re un co sub semi multi inter intra extra ultra mid pro counter over under neo "
    "pseudo quasi macro micro mini trans bi tri de dis".split()
)
_ARABIC_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "ad", "at", "az", "ul"})
_BREAKS = (":", "?", "!", "—", ";")
# Pairs that are one preposition ("Getting Out of Debt"): the first word is no adverb there.
_COMPOUND_PREPOSITIONS = frozenset(
    {("inside", "of"), ("outside", "of"), ("off", "of"), ("along", "with"), ("up", "until"), ("as", "of")}
)


def headline_case(title: str) -> str:
    """Headline style (CMOS 17 8.159–8.161), the default for English titles in notes and bibliographies.

    First and last words of the title and of a subtitle are capitalised, and all major words;
    articles, the five coordinating conjunctions, prepositions, "to" and "as" are lowercased,
    except a preposition used as an adverb or adjective ("Turning Up in Sunni Hands", "An
    Inside Job", "Log In"). Words whose capitals are not just the first letter (NATO, U.S.,
    iPhone, al-Qaeda, McCain) are kept as written. Hyphenated compounds follow 8.161.
    """
    words = title.split(" ")
    cores = [_bare(word) for word in words]
    out = []
    for index, word in enumerate(words):
        previous = words[index - 1] if index else ""
        first = index == 0 or previous.rstrip("”’\"')").endswith(_BREAKS) or previous in ("—", "–")
        following = words[index + 1] if index + 1 < len(words) else ""
        last = not following.strip() or word.rstrip("”’\"')").endswith(_BREAKS) or following in ("—", "–")
        out.append(
            _headline_word(
                word,
                first=first,
                last=last,
                before=cores[index - 1] if index else "",
                after=cores[index + 1] if index + 1 < len(words) else "",
            )
        )
    return " ".join(out)


def _headline_word(word: str, first: bool, last: bool, before: str = "", after: str = "") -> str:
    if not word:
        return word
    core = word.strip("“”‘’\"'([{)]},.;:?!")
    if not core:
        return word
    if "/" in core.strip("/") and "://" not in word and "<" not in word:
        # "Resistance/Transformation": each side of a slash is a word of its own
        parts = word.split("/")
        return "/".join(
            _headline_word(part, first=first and i == 0, last=last and i == len(parts) - 1)
            for i, part in enumerate(parts)
        )
    if "-" in core and not core.startswith("-") and not core.endswith("-"):
        return _compound(word, first, last)
    if _kept(core):
        return _capitalise_first_letter(word) if first and _arabic_article_start(core) else word
    bare = core.lower()
    if not first and not last and _stays_lower(bare, before, after):
        return _lower_letters(word)
    return _capitalise_first_letter(word)


def _kept(core: str) -> bool:
    """NATO, U.S., iPhone, McCain, e.g.: capitals beyond the first letter, or inner periods; kept as written."""
    return any(ch.isupper() for ch in core[1:]) or "." in core.rstrip(".") or any(ch.isdigit() for ch in core)


def _arabic_article_start(core: str) -> bool:
    head, _, rest = core.partition("-")
    return head in _ARABIC_ARTICLES and bool(rest)


def _stays_lower(bare: str, before: str, after: str) -> bool:
    if bare == "according" and after == "to":
        return True  # "The World according to Garp": a participial preposition (Chicago's Q&A on 8.159)
    if bare not in MINOR_WORDS:
        return False
    if bare in ("to", "as") or bare in ARTICLES or bare in COORDINATING:
        return True
    # A preposition: lowercased unless used as an adverb or adjective (8.159 rule 3) or as a conjunction.
    if before in _DETERMINERS:
        return False  # "An Inside Job", "The On Button"
    if bare in _ALSO_CONJUNCTIONS and after in _SUBJECT_PRONOUNS:
        return False  # "After We Left": a subordinating conjunction
    if (after in PREPOSITIONS or after in COORDINATING or after == "to") and (
        bare,
        after,
    ) not in _COMPOUND_PREPOSITIONS:
        return False  # "Turning Up in Sunni Hands", "Fed Up with …", "Up and Down": no object follows
    return True


def _compound(word: str, first: bool, last: bool) -> str:
    """Hyphenated compounds (CMOS 17 8.161): first element always capitalised; later ones unless
    articles, prepositions or coordinating conjunctions; after a prefix that cannot stand alone
    (anti-, pre-, non-) the next element stays lower-case unless a proper noun."""
    parts = word.split("-")
    cores = [part.strip("“”‘’\"'([{)]},.;:?!") for part in parts]
    if any(_kept(core) for core in cores) or (len(cores) > 1 and cores[0].lower() in _ARABIC_ARTICLES):
        # al-Qaeda, Anti-NATO, COVID-19: kept, but a title's first word begins with a capital
        return _capitalise_first_letter(word) if first else word
    out = []
    for index, (part, core) in enumerate(zip(parts, cores, strict=True)):
        bare = core.lower()
        if index == 0:
            out.append(_capitalise_first_letter(part))  # rule 1: always
        elif index == 1 and cores[0].lower() in PREFIXES and core[:1].islower():
            out.append(part)  # rule 3: "Anti-intellectual", "Pre-war"
        elif bare in ARTICLES or bare in COORDINATING or bare in PREPOSITIONS or bare == "to":
            out.append(part.lower())  # rule 2: "Fly-by-Night", "Under-the-Counter", "Up-to-Date"
        else:
            out.append(_capitalise_first_letter(part))  # rule 2 and 4: "Self-Sustaining", "Twenty-First"
    return "-".join(out)


def _lower_letters(word: str) -> str:
    return re.sub(r"[^<]+|<[^>]*>?", lambda m: m.group(0) if m.group(0).startswith("<") else m.group(0).lower(), word)


def _capitalise_first_letter(word: str) -> str:
    inside_tag = False
    for index, ch in enumerate(word):
        if ch == "<":
            inside_tag = True  # CSL rich-text markup (<i>, <sub>) is never recased
        elif ch == ">":
            inside_tag = False
        elif ch.isalpha() and not inside_tag:
            return word[:index] + ch.upper() + word[index + 1 :]
    return word


def opening_words(text: str, count: int = 4) -> str:
    """The first `count` words of a text quoted for a title (a post), never ending on a function word:
    "In honor of Earth Day, I'm recycling my tweets" -> "In honor of Earth"."""
    words = text.split()
    if len(words) <= count + 1:
        return text.strip().rstrip(",;:")
    cut = words[:count]
    while len(cut) > 1 and _bare(cut[-1]) in _FUNCTION_WORDS:
        cut.pop()
    return " ".join(cut).rstrip(",;:")


def short_title(title: str, news: bool = False) -> str:
    """CMOS 14.32: key words of the main title, at most four, in their order; subtitle and A/An/The dropped.

    Where the main title is longer, the cut prefers a phrase boundary (before a function
    word or after a comma: "Daily Notes of a Trader with the Indians" -> "Daily Notes",
    the manual's example), never ends on a function word, and never falls inside
    quotation marks (a quoted phrase counts as one word).
    """
    main = re.split(r":\s|;\s|\?\s|—", title, maxsplit=1)[0].strip()
    if title[len(main) : len(main) + 1] == "?":
        main += "?"
    elif news and _is_label(main) and title[len(main) : len(main) + 1] == ":":
        return short_title(title[len(main) + 1 :].strip())  # "U.S.: Iran helping…": a headline's label, not a title
    for article in INITIAL_ARTICLES:
        if main.lower().startswith(article):
            main = main[len(article) :]
            break
    units = _units(main)
    if len(units) <= 4:
        return main.rstrip(",;")
    sentence_style = _sentence_style(units)
    valid = [
        n
        for n in range(1, 5)
        if _bare(units[n - 1]) not in _NEVER_LAST and not _inside_name(units[n - 1], units[n], sentence_style)
    ]
    at_boundary = [n for n in valid if n > 1 and (units[n - 1].endswith(",") or _bare(units[n]) in _FUNCTION_WORDS)]
    if not sentence_style and not at_boundary and len(units) <= 5:
        valid = []  # capitals show no names in headline style: one word over four is better than a cut phrase
    if not valid:
        return main.rstrip(",;")  # no good cut within four key words: the whole main title (14.33)
    chosen = max(at_boundary or valid)
    return " ".join(units[:chosen]).rstrip(",;:")


# Name particles that never end a short title: "Al Qaeda", "Abu Musab", "bin Laden", "van Gogh".
_NAME_PARTICLES = frozenset(
    "al el ad ash abu abd abdul ibn bin bint ben umm de del della der di da du van von la le st. san santa mac".split()
)


# A short title never ends on a function word, an auxiliary verb or a question word ("How Social Is").
_NEVER_LAST = _FUNCTION_WORDS | frozenset(
    "is are was were be been being am has have had do does did will would shall should can could may might must "
    "how what why when where who whom whose which that whether if".split()
)


def _capitalised(word: str) -> bool:
    core = word.lstrip("“‘\"'(")
    return core[:1].isupper()


def _sentence_style(units: list[str]) -> bool:
    """A title in sentence style shows its names: a major word after the first is lower-case."""
    return any(
        not _capitalised(unit) and _bare(unit) not in _FUNCTION_WORDS and unit[:1].isalpha() for unit in units[1:]
    )


def _inside_name(word: str, following: str, sentence_style: bool) -> bool:
    """A cut between `word` and `following` would split a name (CMOS 14.32: never "… Detain Al")."""
    if word.endswith("-") or _bare(word) in _NAME_PARTICLES:
        return True
    return sentence_style and _capitalised(word) and _capitalised(following) and not word.endswith((",", ";", ":"))


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
