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


# The parts of names that are lower-case in running text stay so in a title (CMOS 17 8.159 rule 6: "de or
# von"): an Arabic article written apart ("Countering al Qa’ida"), Dutch ’t ("’t Hooft"), and the others.
_NAME_PARTS = frozenset("al el ’t 't van von de der den du da di la le bin ibn ter ten dos das del della".split())
# Words that cannot be the object of a preposition: before them the preposition is an adverb ("Happened Down Here").
_NOT_OBJECTS = frozenset("here there now then again home today tonight together away back anymore".split())
# Units written after a number keep their lower case ("800 m", "5 kg").
_UNITS = frozenset(
    "m km cm mm nm kg g mg µg s ms ns h min l ml dl kb mb gb tb hz khz mhz ghz w kw mw v mv a ma".split()
)
# Abbreviations whose period does not end a sentence inside a title ("Gen. Petraeus", "St. Louis").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr vs rev hon gen col capt sgt lt maj adm gov sen rep pres corp inc ltd co no vol vols "
    "fig ed eds trans comp mt ft ave dept univ approx ca cf".split()
)


def headline_case(title: str, edition: int = 17) -> str:
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
        first = (
            index == 0
            or previous.rstrip("”’\"')").endswith(_BREAKS)
            or previous in ("—", "–")
            or _ends_sentence(previous)
        )
        following = words[index + 1] if index + 1 < len(words) else ""
        last = not following.strip() or word.rstrip("”’\"')").endswith(_BREAKS) or following in ("—", "–")
        following_word = words[index + 1] if index + 1 < len(words) else ""
        if cores[index] in _UNITS and word[:1].islower() and index and cores[index - 1][:1].isdigit():
            out.append(word)  # a unit after a number keeps its case: "800 m", "5 kg" (8.159: not a word of the title)
            continue
        if not first and word in _NAME_PARTS and following_word[:1].isupper():
            out.append(word)  # "Countering al Qa’ida", "Gerard ’t Hooft" (8.159 rule 6)
            continue
        if _bare(word) in PREPOSITIONS and edition >= 18 and len(_bare(word)) >= 5 and not last:
            out.append(_capitalise_first_letter(word))  # CMOS 18 8.160: "Much Ado About Nothing"
            continue
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


def _ends_sentence(word: str) -> bool:
    """A period that ends a sentence inside a title ("… the Eighteenth Century. A Musicological Study"), not an
    abbreviation's ("Gen.", "U.S.", "J.")."""
    core = word.rstrip("”’\"')")
    if not core.endswith(".") or core.endswith(".."):
        return False
    stem = core[:-1].strip("“‘\"'(")
    return len(stem) > 1 and "." not in stem and stem.isalpha() and stem.lower() not in _ABBREVIATIONS


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
    """NATO, U.S., iPhone, McCain, e.g., @handles and #hashtags (14.209): kept as written."""
    return (
        any(ch.isupper() for ch in core[1:])
        or "." in core.rstrip(".")
        or any(ch.isdigit() for ch in core)
        or core.startswith(("@", "#"))
    )


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
    if after in _NOT_OBJECTS:
        return False  # "What Has Happened Down Here": no object follows, an adverb (8.159 rule 3)
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
    if len(cores) > 1 and cores[0].lower() in _ARABIC_ARTICLES:
        # al-Qaeda: kept, but a title's first word begins with a capital (8.159 rule 6)
        return _capitalise_first_letter(word) if first else word
    out = []
    for index, (part, core) in enumerate(zip(parts, cores, strict=True)):
        bare = core.lower()
        if _kept(core):
            out.append(part)  # COVID-19, NATO, 8: as written ("Post-COVID-19", "8-Year")
        elif index == 0:
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
    """The opening words of a text quoted for a title (a post), cut where a phrase ends as a short title is
    (`short_title`): "In honor of Earth Day, I'm recycling my tweets" -> "In honor of Earth Day", never
    "In honor of Earth" (a name cut in two); without such a place, the first `count` words."""
    units = _units(text)
    if len(units) <= count + 1:
        return text.strip().rstrip(",;:")
    chosen = _phrase_cut(units, sentence_style=True)
    if chosen:
        return " ".join(units[:chosen]).rstrip(",;:")
    cut = units[:count]
    while len(cut) > 1 and (_bare(cut[-1]) in _FUNCTION_WORDS or _inside_name(cut[-1], units[len(cut)], True)):
        cut.pop()
    return " ".join(cut).rstrip(",;:")


def short_title(title: str, news: bool = False) -> str:
    """CMOS 14.33: the key words of the main title, usually no more than four, in their order; subtitle and
    an initial A/An/The dropped.

    The cut falls only where a phrase ends — before a preposition, a conjunction, a relative word or an
    auxiliary verb, or after a comma or dash — and keeps at least two and at most four key words (function
    words do not count): "Daily Notes of a Trader with the Indians" -> "Daily Notes", the Manual's example.
    The first such place is taken. A main title of five words or fewer, or one with no such place, is kept
    whole: a reader must recognise the work, and a cut inside a phrase or a name ("Map of the Southern",
    "Text from Abu Musab") does not let her. A quoted phrase counts as one word.
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
    if len(units) <= 5:
        return main.rstrip(",;")
    chosen = _phrase_cut(units, _sentence_style(units))
    return " ".join(units[:chosen]).rstrip(",;:") if chosen else main.rstrip(",;")


# Words that begin a new phrase: the cut may fall before them (prepositions, conjunctions, relative and
# question words, auxiliary verbs: the end of a subject, "Violent online groups | are pressuring youth").
_PHRASE_STARTS = (
    PREPOSITIONS
    | COORDINATING
    | {"to", "as", "so", "yet", "than", "according"}
    | frozenset(
        "when while because although though if that which who whom whose where whether unless "
        "is are was were has have had will would shall should can could may might must does do did".split()
    )
)


# Verbs that introduce a reported clause: a headline's "X says Y" is kept whole rather than cut inside Y.
_REPORTING = frozenset("says said say tells told claims claimed warns warned reports reported announces".split())


def _phrase_cut(units: list[str], sentence_style: bool) -> int:
    """The number of units to keep: the first phrase boundary after two to four key words; 0 if none."""
    keys = 0
    for n in range(1, len(units)):
        word, following = units[n - 1], units[n]
        if _bare(word) in _REPORTING:
            return 0  # "U.S. diplomat says | NATO has …": a reported clause is never cut (issue 23's "Says Iranian-Origin")
        if _bare(word) not in _FUNCTION_WORDS:
            keys += 1
        if keys > 4:
            return 0
        boundary = word.endswith((",", ";", "—", "–")) or following in ("—", "–") or _bare(following) in _PHRASE_STARTS
        # A past participle wants what follows it: never "Iranian Arms Destined | for Taliban …"
        wants_more = _bare(word).endswith("ed") and len(_bare(word)) > 4 and not word.endswith(",")
        if (
            boundary
            and keys >= 2
            and not wants_more
            and _bare(word) not in _NEVER_LAST
            and not _inside_name(word, following, sentence_style)
        ):
            return n
    return 0


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
    """A cut between `word` and `following` would split a name (CMOS 14.33: never "… Detain Al"): after a
    particle or a hyphen, before a particle ("Abu Musab | al-Zarqawi"), or, in a sentence-style title whose
    capitals show names, inside a run of capitalised words."""
    if word.endswith("-") or _bare(word) in _NAME_PARTICLES:
        return True
    head = _bare(following).split("-")[0]
    if head in _NAME_PARTICLES and following[:1].islower() and _capitalised(word):
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
