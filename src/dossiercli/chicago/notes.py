"""Full notes, short notes and bibliography entries for every entry type (CMOS 17, chapter 14).

One `TypeForm` per entry type in `FORMS`: how its title is set, its full note and its
bibliography entry. A new entry type is one row there. Each builder returns the citation
without its final period as `Rich`; `finish` adds the period and applies the punctuation
and typography rules. Section numbers refer to The Chicago Manual of Style, 17th edition.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dossiercli.chicago import names as N
from dossiercli.chicago import sections as S
from dossiercli.chicago.richtext import Rich, italic, link, normalise, quoted, with_rule
from dossiercli.chicago.sections import placed
from dossiercli.chicago.titles import headline_case, opening_words, page_range, short_title
from dossiercli.model.entry import NAME_FIELDS, Entry

EDITIONS = (17, 18)


@dataclass(frozen=True, slots=True)
class Style:
    edition: int = 17  # 17 or 18
    headline: bool = True  # recast English titles in headline style (CMOS 17 8.159); off: as the source prints them


Part = Rich | str | None


# -- pieces ---------------------------------------------------------------------------------------


def _english(entry: Entry) -> bool:
    """Headline style is for English titles; others keep their own capitalisation (CMOS 11.6). Where the entry
    names no language, a title whose function words are mostly those of another language (“Le passé d’une
    illusion”, “Recherches sur les défrichements dans la Gâtine”) is taken for one in that language."""
    if entry.language:
        return entry.language.lower().startswith("en")
    return not _looks_foreign(entry.title or "")


_FOREIGN_WORDS = frozenset(
    "le la les des du une un et sur dans aux au pour par avec est qui que ou "
    "der die das und von zur zum mit für im ist ein eine einer den dem des auf über "
    "el los las y del con por para una "
    "il della di dei gli delle nel sulla "
    "het een voor met naar "
    "och av för på "
    "ad cum ex sive atque quod".split()
)
_ENGLISH_WORDS = frozenset("the of and a an in on for to with from by at is are as its this that".split())


def _looks_foreign(title: str) -> bool:
    words = re.findall(r"[^\W\d_]+", title.lower().replace("’", " ").replace("'", " "))
    foreign = sum(1 for word in words if word in _FOREIGN_WORDS or word in ("d", "l", "qu"))
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    return foreign >= 2 and foreign > english


def _cased(entry: Entry, style: Style, text: str) -> str:
    return headline_case(text, style.edition) if style.headline and _english(entry) else text


def _set_title(entry: Entry, text: str) -> Rich:
    form = FORMS[entry.type]
    how = form.part_title if form.part_title and entry.container_title else form.title
    if how == "quoted":
        return quoted(text)
    if how == "italic":
        return italic(text)
    return Rich(text)


@placed(S.title_rule)
def _title(entry: Entry, style: Style, short: bool = False) -> Rich | None:
    """The title as the type sets it; an untitled work has none (its description stands in)."""
    if not entry.title:
        return None
    if short and entry.type == "social-media-post" and not entry.title_short:
        text = opening_words(entry.title)  # a post's text has no main title to cut at: its opening words
    elif short:
        text = entry.title_short or short_title(entry.title, news=FORMS[entry.type].news)
    else:
        text = entry.title
    # A headword after s.v. is the word as the work prints it ("Mucg-Wyrt"): never recased (14.232).
    headword = entry.type == "encyclopedia-entry" and not entry.authors
    return _set_title(entry, text if FORMS[entry.type].keep_case or headword else _cased(entry, style, text))


@placed("title.description")
def _description(entry: Entry) -> str | None:
    """What an untitled work is: its genre, else the type's own word ("interview", "press release")."""
    return entry.genre or FORMS[entry.type].describe


@placed(S.container_rule)
def _container(entry: Entry, style: Style, place: bool = True) -> Rich:
    """Newspapers, journals and books in italics; news agencies and web sites in roman (CMOS 8.171, 14.206)."""
    name = entry.container_title
    form = FORMS[entry.type]
    if entry.type == "wire-story":
        name = name or entry.publisher
    if not name:
        return Rich()
    if form.container_is_title:
        name = _cased(entry, style, name)
    if form.news and style.headline and name.startswith("The ") and len(name) > 4:
        name = name[4:]  # "an initial The is omitted" from a newspaper's name (14.191); as-given keeps the source's
    shown = italic(name) if form.italic_container else Rich(name)
    if place and entry.publisher_place and entry.type in ("article-newspaper", "article-journal", "article-magazine"):
        shown = shown + f" ({entry.publisher_place})"  # *Times* (London), *Lake Forester* (Lake Forest, IL): 14.193
    return shown


@placed(S.date_rule)
def _date(entry: Entry) -> str:
    """The full date; "forthcoming" (the entry's `status`) in place of a date not yet known (CMOS 17 14.146)."""
    return entry.issued.long() if entry.issued else _no_date(entry)


def _year(entry: Entry) -> str:
    return entry.issued.year_text() if entry.issued else _no_date(entry)


@placed("date")
def _no_date(entry: Entry) -> str:
    return entry.status.strip() if entry.status else "n.d."


@placed("accessed")
def _accessed(entry: Entry, capital: bool = False) -> str | None:
    """Access dates only where there is no date of publication; right before the URL (CMOS 14.12)."""
    if entry.issued is None and entry.accessed is not None:
        return f"{'Accessed' if capital else 'accessed'} {entry.accessed.long()}"
    return None


@placed("link")
def _link(entry: Entry) -> Rich | None:
    if entry.doi:
        return link(f"https://doi.org/{entry.doi}")
    return link(entry.url) if entry.url else None


def _tail(entry: Entry, where: str | None, capital: bool = False) -> list[Part]:
    """Locator, access date, URL: the access date goes right before the URL (CMOS 14.12; 14.176's example)."""
    return [where, _accessed(entry, capital), _link(entry)]


_ORDINAL_WORDS = {
    word: index
    for index, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        1,
    )
}
_EDITION_WORDS = {"revised": "rev.", "rev": "rev.", "expanded": "exp.", "exp": "exp.", "enlarged": "enl."}


@placed("edition")
def _edition(entry: Entry) -> str | None:
    """'2nd ed.', 'rev. ed.', '3rd rev. ed.' from what users and importers give ("2", "Second edition", "2nd ed",
    "Revised edition"); a first edition is not mentioned, only "an edition other than the first" (CMOS 17 14.113)."""
    if not entry.edition:
        return None
    text = entry.edition.strip().rstrip(".")
    words = re.split(r"[\s,]+", text)
    out: list[str] = []
    for word in words:
        bare = word.lower().rstrip(".")
        if bare in ("edition", "ed", "edn", "éd"):
            continue
        number = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", bare)
        if number and word.isascii():
            out.append(_ordinal(int(number.group(1))))
        elif bare in _ORDINAL_WORDS:
            out.append(_ordinal(_ORDINAL_WORDS[bare]))
        elif bare in _EDITION_WORDS:
            out.append(_EDITION_WORDS[bare])
        elif bare in ("and", "&"):
            out.append("and")
        else:
            return f"{text}." if re.search(r"\bed$", text) else f"{text} ed."  # "Midwest", "Summer 2019 ed.": as given
    if not out or out == ["1st"]:
        return None
    return " ".join(out) + " ed."


def _ordinal(number: int) -> str:
    """2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    return f"{number}{'th' if 10 <= number % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


@placed("volumes.count")
def _volumes(entry: Entry) -> str | None:
    """'3 vols.' for a multivolume work cited as a whole (CMOS 14.117)."""
    count = entry.number_of_volumes
    if not count:
        return None
    count = str(count).strip()
    return f"{count} vols." if count != "1" else "1 vol."


@placed("publication-facts")
def _publication_facts(entry: Entry, style: Style, bib: bool = False) -> str:
    """'New York: Random House, 2004'; the 18th edition drops the place for books published after 1900:
    'Random House, 2004' (CMOS 18 14.30–14.31). A reprint gives the original year first: "1956; repr.,
    London: Penguin Books, 2004" in a note, "1956. Reprint, London: …" in a bibliography (CMOS 17 14.114)."""
    year = _year(entry)
    if (entry.original_date or entry.original_publisher) and entry.type in _REPRINTABLE:
        first = entry.original_publisher
        where = entry.original_publisher_place if style.edition == 17 or not first else None
        who = f"{where}: {first}" if where and first else (first or where)
        year = entry.original_date.year_text() if entry.original_date else None
        original = ", ".join(p for p in (who, year) if p)  # "London: Breitkopf & Härtel, 1911; repr., …"
        rest = _publication_facts(replace(entry, original_date=None, original_publisher=None), style)
        return f"{original}. Reprint, {rest}" if bib else f"{original}; repr., {rest}"
    old_book = entry.issued is not None and isinstance(entry.issued.year, int) and entry.issued.year < 1900
    publisher = entry.publisher
    if (
        style.edition >= 18
        and publisher
        and any(name.literal and name.literal.strip() == publisher.strip() for name in entry.authors[:1])
    ):
        # An organisation that is author and publisher: the 17th edition names it twice, as its own example does
        # ("University of Chicago Press. *The Chicago Manual of Style*. … Chicago: University of Chicago Press,
        # 2017", 14.84); under the 18th it is named once, as author.
        publisher = None
    place = entry.publisher_place if style.edition == 17 or old_book or not publisher else None
    who = f"{place}: {publisher}" if place and publisher else (publisher or place)
    return f"{who}, {year}" if who else year


_REPRINTABLE = ("book", "report", "chapter")


@placed("series")
def _series(entry: Entry, style: Style | None = None) -> str | None:
    """A series title in roman, headline style like any title (CMOS 14.123): "Strategies for Social Inquiry"."""
    if entry.collection_title:
        title = _cased(entry, style, entry.collection_title) if style is not None else entry.collection_title
        return " ".join(p for p in (title, entry.collection_number) if p)
    if entry.type == "report" and entry.number:
        return f"{entry.genre} no. {entry.number}" if entry.genre else f"no. {entry.number}"
    if entry.type == "report" and entry.genre:
        return entry.genre
    return None


@placed("locator")
def _locator(locator: str | None) -> str | None:
    return page_range(locator) if locator else None


def _author_role(entry: Entry):
    """Who stands first: authors; editors (with ed., or ed. and trans.) for books and reports."""
    if entry.authors:
        return entry.authors, None
    if entry.editors and entry.type not in ("chapter", "encyclopedia-entry"):
        return entry.editors, "ed. and trans." if _same(entry.editors, entry.translators) else "ed"
    if entry.compilers and entry.type in ("book", "report"):
        return entry.compilers, "comp"  # "Sarah Hale, comp." (CMOS 17 14.103)
    return (), None


def _more(entry: Entry, people) -> bool:
    """Whether a name list goes on past its names ("Doe, J. and others" in BibTeX, kept as `extra.et-al`)."""
    roles = dict(entry.extra).get("et-al")
    if not roles or not people:
        return False
    for role in (r.strip() for r in roles.split(",")):
        if role in NAME_FIELDS and getattr(entry, NAME_FIELDS[role]) is people:
            return True
    return False


def _same(first, second) -> bool:
    return bool(first) and tuple(first) == tuple(second)


def _role(people, role: str | None) -> str:
    if not role:
        return ""
    if role == "ed. and trans.":
        return f", {'eds.' if len(people) > 1 else 'ed.'} and trans."
    return N.role_suffix(people, role)


@placed(S.lead_rule)
def _lead_note(entry: Entry, style: Style) -> str | None:
    if FORMS[entry.type].no_lead:
        return None
    people, role = _author_role(entry)
    if people:
        return N.note_names(people, style.edition, _more(entry, people)) + _role(people, role)
    if FORMS[entry.type].issuer_leads and entry.publisher:
        return entry.publisher
    return _channel(entry)


@placed("names.channel")
def _channel(entry: Entry) -> str | None:
    """The channel that posted an unsigned online video stands as its author ("National Geographic, “Hidden
    Tomb …,” YouTube video, 2:54"), as a web page's owner does (14.206, 14.267)."""
    return entry.publisher if entry.type == "video" and entry.container_title and not entry.authors else None


@placed(functools.partial(S.lead_rule, bibliography=True))
def lead_bibliography(entry: Entry, style: Style) -> Rich | None:
    if FORMS[entry.type].no_lead:
        return None
    people, role = _author_role(entry)
    if people:
        return Rich(N.bibliography_names(people, style.edition, _more(entry, people)) + _role(people, role))
    if FORMS[entry.type].issuer_leads and entry.publisher:
        return Rich(entry.publisher)
    # Unsigned news: the paper or agency stands in place of the author (CMOS 14.207).
    if FORMS[entry.type].news and entry.type != "press-release":
        return _container(entry, style) or None
    if entry.type == "webpage":
        return Rich(entry.publisher or entry.container_title) if (entry.publisher or entry.container_title) else None
    return Rich(_channel(entry)) if _channel(entry) else None


@placed("contributors")
def _contributors_note(entry: Entry, style: Style) -> list[str]:
    parts = []
    editors_after = entry.editors and entry.authors and entry.type in ("book", "report")
    if editors_after and _same(entry.editors, entry.translators):
        return ["ed. and trans. " + N.note_names(entry.editors, style.edition)]  # CMOS 14.104
    if editors_after:
        parts.append("ed. " + N.note_names(entry.editors, style.edition))
    if entry.compilers and (entry.authors or entry.editors):
        parts.append("comp. " + N.note_names(entry.compilers, style.edition))
    if entry.translators and not (not entry.authors and _same(entry.editors, entry.translators)):
        parts.append("trans. " + N.note_names(entry.translators, style.edition))
    return parts


@placed("contributors")
def _contributors_bibliography(entry: Entry, style: Style) -> list[str]:
    parts = []
    editors_after = entry.editors and entry.authors and entry.type in ("book", "report")
    if editors_after and _same(entry.editors, entry.translators):
        return ["Edited and translated by " + N.note_names(entry.editors, 17)]  # CMOS 14.104
    if editors_after:
        parts.append("Edited by " + N.note_names(entry.editors, 17 if len(entry.editors) <= 10 else style.edition))
    if entry.compilers and (entry.authors or entry.editors):
        parts.append("Compiled by " + N.note_names(entry.compilers, 17))
    if entry.translators and not (not entry.authors and _same(entry.editors, entry.translators)):
        parts.append("Translated by " + N.note_names(entry.translators, 17))
    return parts


def _capitalised(text: str | None) -> str | None:
    return text[:1].upper() + text[1:] if text else text


@placed("journal.issue")
def _journal_issue(entry: Entry, style: Style) -> Rich:
    """'Middle East Journal 60, no. 2 (Spring 2006)' (CMOS 14.171)."""
    head = _container(entry, style)
    if entry.collection_title:
        # A journal's series: "Proceedings of the Massachusetts Historical Society, 2nd ser., 10" (CMOS 14.180)
        series = entry.collection_title.strip()
        if series.isascii() and series.isdecimal():  # biblatex's `series = {2}`
            series = f"{_ordinal(int(series))} ser."
        head = head + ", " + re.sub(r"\bseries\b", "ser.", series, flags=re.I) + ("," if entry.volume else "")
    if entry.volume:
        head = head + f" {entry.volume}"
    if entry.issue:
        several = re.search(r"\d\s*[-–/]\s*\d|,|&| and ", entry.issue)
        head = head + f", {'nos.' if several else 'no.'} {page_range(entry.issue) if several else entry.issue}"
    # A journal issue is dated by month or season and year, never the day (CMOS 14.171).
    when = (
        _no_date(entry)
        if entry.issued is None
        else entry.issued.long()
        if entry.issued.end
        else replace(entry.issued, day=None).long()
    )
    return head + f" ({when})"


@placed("archive")
def _archive(entry: Entry) -> list[str]:
    """Where an unpublished item is kept, most specific first: box/folder, collection, repository, place (14.221–14.222)."""
    location = entry.archive_location
    archive = entry.archive
    place = entry.archive_place
    repository = ", ".join(p for p in (archive, place) if p) or None
    return [p for p in (location, entry.collection_title, repository) if p]


def _recipients(entry: Entry, style: Style, short: bool = False) -> str | None:
    people = entry.recipients
    if not people:
        return None
    return N.short_names(people, style.edition) if short else N.note_names(people, style.edition)


def _parens(body: Rich, facts: list[Part]) -> Rich:
    inside = Rich.join(", ", facts)
    return body + Rich(" (", inside, ")") if inside else body


# -- builders: one per type -------------------------------------------------------------------------
# A note builder gets (entry, style, lead, locator) and returns the parts of the note after which
# nothing but the final period follows; a bibliography builder returns the blocks after the lead.


@placed("volume")
def _volume(e: Entry, s: Style, capital: bool = False) -> Rich | None:
    """One volume of a multivolume work: "vol. 2, *A Century of Wonder*" (CMOS 14.119–14.121)."""
    if not (e.volume or e.volume_title or e.part_number) or e.type not in ("book", "report", "chapter"):
        return None
    number = (e.volume or "").strip()
    head = (number if number.lower().startswith(("vol", "bk", "pt")) else f"vol. {number}") if number else None
    part = e.part_number.strip() if e.part_number else None
    part = (part if part.lower().startswith(("pt", "bk")) else f"pt. {part}") if part else None
    head = ", ".join(p for p in (head, part) if p) or None
    head = _capitalised(head) if capital else head
    return Rich.join(", ", [head, italic(_cased(e, s, e.volume_title)) if e.volume_title else None])


@placed("contributors")
def _translated(e: Entry, s: Style, capital: bool = False) -> str | None:
    """'trans. Margaret Frank' after the title of a translated text; "Translated by …" in a bibliography (14.103)."""
    if not e.translators:
        return None
    return ("Translated by " if capital else "trans. ") + N.note_names(e.translators, 17 if capital else s.edition)


def _book_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    body = Rich.join(
        ", ",
        [
            lead,
            _title(e, s) or _description(e),
            _volume(e, s),
            *_contributors_note(e, s),
            _edition(e),
            _volumes(e),
            _series(e, s),
        ],
    )
    return Rich.join(", ", [_parens(body, [_publication_facts(e, s)]), *_tail(e, where)])


def _book_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s) or _capitalised(_description(e)),
        _volume(e, s, capital=True),
        *_contributors_bibliography(e, s),
        _capitalised(_edition(e)),
        _volumes(e),
        _series(e, s),
        _publication_facts(e, s, bib=True),
        _accessed(e, True),
        _link(e),
    ]


@placed("contributors")
def _book_people(e: Entry, s: Style, capital: bool = False) -> list[str]:
    """Who made the book that holds a chapter: "by Fernand Braudel, ed. Michael R. Gordon, comp. …" (14.106–14.110)."""
    edition = 17 if capital else s.edition
    roles = (("by", e.container_authors), ("edited by" if capital else "ed.", e.editors))
    roles += (("compiled by" if capital else "comp.", e.compilers),)
    return [f"{word} {N.note_names(people, edition)}" for word, people in roles if people]


@placed("container.book")
def _chapter_in(e: Entry) -> str:
    return f"Chap. {e.chapter_number.strip()} in " if e.chapter_number else "In "


def _chapter_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    container = Rich.join(
        ", ", [Rich("in ", _container(e, s)), _volume(e, s), *_book_people(e, s), _edition(e), _series(e, s)]
    )
    if e.chapter_number:  # "“The Frontal Lobes …,” chap. 7 in *The Humanizing Brain*" (CMOS 17 14.106's example)
        container = Rich(f"chap. {e.chapter_number.strip()} ", container)
    body = Rich.join(", ", [lead, _title(e, s), _translated(e, s), container])
    return Rich.join(
        ", ", [_parens(body, [_publication_facts(e, s)]), *_tail(e, where or (page_range(e.page) if e.page else None))]
    )


def _chapter_bib(e: Entry, s: Style) -> list[Part]:
    pages = page_range(e.page) if e.page else None
    return [
        _title(e, s),
        _translated(e, s, True),
        Rich.join(", ", [Rich(_chapter_in(e), _container(e, s)), _volume(e, s), *_book_people(e, s, True), pages]),
        _capitalised(_edition(e)),
        _series(e, s),
        _publication_facts(e, s, bib=True),
        _accessed(e, True),
        _link(e),
    ]


@placed("thesis.facts")
def _thesis_facts(e: Entry) -> list[Part]:
    return [e.genre, e.publisher, _year(e)]


def _thesis_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    body = Rich.join(", ", [lead, _title(e, s), _translated(e, s)])
    return Rich.join(", ", [_parens(body, _thesis_facts(e)), *_tail(e, where)])


def _thesis_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s),
        _translated(e, s, True),
        _capitalised(", ".join(p for p in _thesis_facts(e) if p)),
        _accessed(e, True),
        _link(e),
    ]


@placed("speech.facts")
def _speech_facts(e: Entry) -> list[Part]:
    """Setting of a speech or briefing: kind, occasion, sponsor, place, date (CMOS 14.217)."""
    place = e.event_place or e.publisher_place
    date = _date(e) if e.issued or not e.event_date else e.event_date.long()  # a talk's date is its event's (14.217)
    return [e.genre, e.event_title, e.publisher, place, date]


def _transcript_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    body = Rich.join(", ", [lead, _title(e, s), _translated(e, s)])
    return Rich.join(", ", [_parens(body, _speech_facts(e)), *_tail(e, where)])


def _transcript_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s),
        _translated(e, s, True),
        _capitalised(", ".join(p for p in _speech_facts(e) if p)),
        _accessed(e, True),
        _link(e),
    ]


def _journal_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    pages = where or (page_range(e.page) if e.page else None)
    issue = _journal_issue(e, s) + (Rich(": ", pages) if pages else "")
    return Rich.join(", ", [lead, _title(e, s), _translated(e, s), issue, _accessed(e), _link(e)])


def _journal_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s),
        _translated(e, s, True),
        _journal_issue(e, s) + (f": {page_range(e.page)}" if e.page else ""),
        _accessed(e, True),
        _link(e),
    ]


@placed("release.label")
def _release_label(e: Entry) -> str:
    """'press release A070531a'; a genre such as "news release" names it where given (CMOS 14.200)."""
    label = (e.genre or "press release").strip()
    return f"{label} {e.number}" if e.number else label


def _release_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    return Rich.join(", ", [lead, _title(e, s), _release_label(e), e.publisher_place, _date(e), *_tail(e, where)])


def _release_bib(e: Entry, s: Style) -> list[Part]:
    facts = ", ".join(p for p in (_capitalised(_release_label(e)), e.publisher_place, _date(e)) if p)
    return [_title(e, s), facts, _accessed(e, True), _link(e)]


@placed("interview.by")
def _interviewer(e: Entry, s: Style, capital: bool) -> str:
    word = "Interview" if capital else "interview"
    return f"{word} by {N.note_names(e.interviewers, s.edition if not capital else 17)}" if e.interviewers else word


def _interview_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Published: "Name, “Title,” interview by Name, *Program*, Network, Date"; unpublished: "Name, interview by
    Name, Date, transcript, Collection, Archive" (CMOS 14.213–14.214)."""
    location, *kept = _archive(e) if e.archive_location else [None, *_archive(e)]
    return Rich.join(
        ", ",
        [
            lead,
            _title(e, s),
            _interviewer(e, s, False),
            _container(e, s),
            e.publisher,
            _date(e) if e.issued else None,
            location,
            e.medium,
            *kept,
            *_tail(e, where),
        ],
    )


def _interview_bib(e: Entry, s: Style) -> list[Part]:
    published = Rich.join(", ", [_container(e, s), e.publisher, _date(e) if e.issued else None])
    location, *kept = _archive(e) if e.archive_location else [None, *_archive(e)]
    held = ", ".join(p for p in (location, e.medium) if p)
    return [
        _title(e, s),
        _interviewer(e, s, True),
        published,
        _capitalised(held) if held else None,
        *kept,
        _accessed(e, True),
        _link(e),
    ]


def _webpage_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    site = e.container_title
    owner = e.publisher if e.publisher != site else None
    date = e.issued.long() if e.issued else (None if e.accessed else _no_date(e))
    kind = e.genre if e.title else None  # "video, 5:53" (CMOS 14.267)
    title = _title(e, s) or _description(e)
    return Rich.join(", ", [lead, title, _translated(e, s), kind, site, owner, date, *_tail(e, where)])


def _webpage_bib(e: Entry, s: Style, lead: Rich | None) -> list[Part]:
    site = e.container_title if (lead is None or lead.plain() != e.container_title) else None
    date = e.issued.long() if e.issued else (None if e.accessed else _no_date(e))
    kind = _capitalised(e.genre) if e.title and e.genre else None
    title = _title(e, s) or _capitalised(_description(e))
    # The site and its date of publication are one element, as a periodical's name and date are (14.206, 14.191).
    where = Rich.join(", ", [site, date]) if site else date
    return [title, _translated(e, s, True), kind, where, _accessed(e, True), _link(e)]


def _news_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Newspapers, magazines, wire stories (CMOS 14.191 ff.): the page only as a locator or for print newspapers."""
    page = where or (page_range(e.page) if e.page and e.type == "article-newspaper" else None)
    section = e.section if e.type == "article-newspaper" else None
    parts = [lead, _title(e, s), _translated(e, s), _kind(e), _container(e, s), _date(e), section]
    return Rich.join(", ", [*parts, *_tail(e, page)])


@placed("news.kind")
def _kind(e: Entry) -> str | None:
    """What a news item is when it is not an article: "video, 2:01" (CMOS 14.267's New York Times video)."""
    genre = (e.genre or "").strip()
    return genre if genre and genre.lower() != (e.entry_type.csl_genre or "") else None


def _news_bib(e: Entry, s: Style, lead: Rich | None) -> list[Part]:
    container = _container(e, s)
    kind = _capitalised(_kind(e))
    section = e.section if e.type == "article-newspaper" else None
    trans = _translated(e, s, True)
    if lead is not None and container and lead.plain() == container.plain():
        # unsigned: the paper already leads
        return [_title(e, s), trans, kind, Rich.join(", ", [_date(e), section]), _accessed(e, True), _link(e)]
    return [_title(e, s), trans, kind, Rich.join(", ", [container, _date(e), section]), _accessed(e, True), _link(e)]


@placed("letter.lead")
def _letter_lead(e: Entry, s: Style, short: bool = False) -> str | None:
    """'George Creel to Edward M. House' (CMOS 14.111, 14.222): writer to recipient stands for a title."""
    writer = (
        (N.short_names(e.authors, s.edition) if short else N.note_names(e.authors, s.edition)) if e.authors else None
    )
    recipient = _recipients(e, s, short)
    if recipient:
        return f"{writer} to {recipient}" if writer else f"Letter to {recipient}"
    return writer


def _letter_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    head = _letter_lead(e, s)
    title = None if e.recipients else (_title(e, s) or _description(e))
    return Rich.join(", ", [head, title, e.publisher_place, _date(e), *_archive(e), *_tail(e, where)])


def _letter_bib(e: Entry, s: Style) -> list[Part]:
    what = _letter_lead(e, s) if e.recipients else (_title(e, s) or _capitalised(_description(e)))
    return [Rich.join(", ", [what, e.publisher_place, _date(e)]), *_archive_blocks(e), _accessed(e, True), _link(e)]


@placed("archive")
def _archive_blocks(e: Entry) -> list[str]:
    """In a bibliography the collection and the repository are elements of their own (CMOS 14.222)."""
    parts = _archive(e)
    location = e.archive_location
    if location and len(parts) > 1:
        return [f"{parts[0]}, {parts[1]}", *parts[2:]]
    return parts


def _unpublished_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Unpublished manuscripts and documents: “Title” (description, full date), archive (CMOS 14.211, 14.221–14.225)."""
    facts = [_unpublished_kind(e), e.publisher, e.publisher_place, _unpublished_date(e)]
    body = Rich.join(", ", [lead, _title(e, s), _translated(e, s)])
    if not _title(e, s):
        return Rich.join(", ", [lead, *facts, *_archive(e), *_tail(e, where)])
    return Rich.join(", ", [_parens(body, facts), *_archive(e), *_tail(e, where)])


@placed("unpublished.kind")
def _unpublished_kind(e: Entry) -> str | None:
    """ "unpublished manuscript", "memorandum": a titled document says what it is only when the entry does."""
    if e.type == "manuscript" and not e.genre and e.title and (e.archive or e.collection_title or e.archive_location):
        return None  # a manuscript in an archive: the repository says what it is (CMOS 17 14.222's Purcell)
    return _description(e) if (e.genre or e.type == "manuscript" or not e.title) else None


def _unpublished_bib(e: Entry, s: Style) -> list[Part]:
    kind = _capitalised(_unpublished_kind(e))
    facts = ", ".join(p for p in (kind, e.publisher, e.publisher_place, _unpublished_date(e)) if p)
    return [_title(e, s), _translated(e, s, True), facts, *_archive_blocks(e), _accessed(e, True), _link(e)]


@placed("date")
def _unpublished_date(e: Entry) -> str:
    """The date written; with an original date, both as a film's are given: "1772; 1805" (14.114, 14.265)."""
    if e.original_date is None:
        return _date(e)
    return f"{e.original_date.long()}; {_date(e)}" if e.issued else e.original_date.long()


# -- web content and media (CMOS 17 14.205–14.210, 14.261–14.268) ------------------------------------


@placed("blog")
def _blog(e: Entry, s: Style) -> Rich:
    """'*Lingua Franca* (blog), *Chronicle of Higher Education*': "(blog)" unless the name says so (14.208)."""
    name = italic(_cased(e, s, e.container_title)) if e.container_title else Rich()
    if e.container_title and "blog" not in e.container_title.lower():
        name = name + " (blog)"
    return Rich.join(", ", [name, italic(e.publisher) if e.publisher else None])


def _blog_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    return Rich.join(", ", [lead, _title(e, s), _translated(e, s), _blog(e, s), _date(e), *_tail(e, where)])


def _blog_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s),
        _translated(e, s, True),
        Rich.join(", ", [_blog(e, s), _date(e)]),
        _accessed(e, True),
        _link(e),
    ]


@placed("platform")
def _platform(e: Entry) -> str | None:
    """'Twitter', 'Instagram photo', 'YouTube video': the platform and what kind of post (14.209, 14.267);
    a video on a platform says so without a `genre` ("YouTube video")."""
    kind = e.genre or ("video" if e.type == "video" else None)
    return " ".join(p for p in (e.container_title, kind) if p) or None


def _post_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Author, “up to 160 characters of the post,” Platform, date, URL (14.209)."""
    return Rich.join(", ", [lead, _title(e, s), _platform(e), _date(e), *_tail(e, where)])


def _post_bib(e: Entry, s: Style) -> list[Part]:
    return [_title(e, s), Rich.join(", ", [_platform(e), _date(e)]), _accessed(e, True), _link(e)]


@placed("credits")
def _credits(e: Entry, s: Style, capital: bool = False) -> list[str]:
    """'directed by …', 'hosted by …', 'produced by …' (14.265): who made a recording besides its author."""
    roles = (
        ("directed by", e.directors),
        ("hosted by", e.hosts),
        ("interview by", e.interviewers if e.type == "podcast" else ()),
        ("with guest", e.guests),  # the CSL locale's verb, as citeproc-js prints it
        ("produced by", e.producers),
        ("performed by", e.performers),
    )
    parts = [f"{verb} {N.note_names(people, 17 if capital else s.edition)}" for verb, people in roles if people]
    return [_capitalised(parts[0]), *parts[1:]] if capital and parts else parts


@placed("running")
def _running(e: Entry) -> list[Part]:
    """'YouTube video, 3:12' or 'DVD': the medium and its running time (CSL `dimensions`)."""
    return [e.medium, e.dimensions]


def _tv_episode(e: Entry, s: Style) -> list[Part]:
    """A television episode: “Episode,” *Series*, season 5, episode 3 (CMOS 17 14.265); the episode's title is
    `volume-title` when the series is the `title` (biblatex's maintitle), season `volume`, episode `number`."""
    if not e.volume_title:
        return [_title(e, s), _numbered(e)]
    series = italic(_cased(e, s, e.title)) if e.title else None
    season = f"season {e.volume}" if e.volume else None
    return [quoted(_cased(e, s, e.volume_title)), series, season, _numbered(e)]


@placed("date")
def _aired(e: Entry) -> str:
    on = f", on {e.publisher}" if e.publisher else ""
    return f"aired {_date(e)}{on}" if e.issued else f"{_date(e)}{on}"


@placed("episode.number")
def _numbered(e: Entry) -> str | None:
    """'episode 32' for a recording in a numbered run."""
    number = (e.number or e.issue or "").strip()
    if not number:
        return None
    return f"episode {number}" if not re.search(r"[^\W\d_]", number) else number  # "Season 3, Episode 12": as given


def _video_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Online: Creator, “Title,” YouTube video, 3:12, channel, date, URL; a film: *Title*, directed by …
    (year; place: distributor, year), DVD (CMOS 17 14.265–14.267)."""
    if e.container_title:
        channel = e.publisher if e.authors else None  # an unsigned video's channel leads
        date = _date(e) if e.issued else None
        return Rich.join(", ", [lead, *_tv_episode(e, s), _platform(e), e.dimensions, channel, date, *_tail(e, where)])
    if e.volume_title:  # a television episode: "…, directed by …, aired July 21, 2006, on USA Network" (14.265)
        parts = [lead, *_tv_episode(e, s), *_credits(e, s), _aired(e), *_running(e)]
        return Rich.join(", ", [*parts, *_tail(e, where)])
    release = _publication_facts(e, s) if (e.publisher or e.publisher_place) else None
    if e.original_date and release:
        release = f"{e.original_date.year_text()}; {release}"
    body = Rich.join(", ", [lead, *_tv_episode(e, s), *_credits(e, s)])
    facts = [release] if release else [_date(e)]
    return Rich.join(", ", [_parens(body, facts), *_running(e), *_tail(e, where)])


def _video_bib(e: Entry, s: Style) -> list[Part]:
    if e.container_title:
        return [
            Rich.join(", ", _tv_episode(e, s)),
            Rich.join(
                ", ", [_platform(e), e.dimensions, e.publisher if e.authors else None, _date(e) if e.issued else None]
            ),
            _accessed(e, True),
            _link(e),
        ]
    if e.volume_title:
        credits = ", ".join(_credits(e, s, capital=True)) or None
        running = _capitalised(", ".join(p for p in _running(e) if p)) or None
        return [
            Rich.join(", ", _tv_episode(e, s)),
            credits,
            _capitalised(_aired(e)),
            running,
            _accessed(e, True),
            _link(e),
        ]
    release = _publication_facts(e, s) if (e.publisher or e.publisher_place) else _date(e)
    if e.original_date:
        release = f"{e.original_date.year_text()}; {release}"
    return [
        Rich.join(", ", _tv_episode(e, s)),
        ", ".join(_credits(e, s, capital=True)) or None,
        release,
        _capitalised(", ".join(p for p in _running(e) if p)) or None,
        _accessed(e, True),
        _link(e),
    ]


@placed("podcast.show")
def _show(e: Entry, s: Style) -> Rich:
    """'*Planet Money* (podcast)': the show in italics, the kind in parentheses (14.267)."""
    kind = e.genre or FORMS[e.type].describe
    show = e.container_title or e.collection_title  # Zotero keeps a podcast's name as its series
    shown = italic(_cased(e, s, show)) + f" ({kind})" if show else Rich(kind or "")
    return Rich.join(", ", [shown, _numbered(e), e.medium])


def _podcast_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    facts = [_show(e, s), *_credits(e, s), e.publisher, _date(e), e.dimensions]
    return Rich.join(", ", [lead, _title(e, s), *facts, *_tail(e, where)])


def _podcast_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s),
        Rich.join(", ", [_show(e, s), *_credits(e, s), e.publisher, _date(e), e.dimensions]),
        _accessed(e, True),
        _link(e),
    ]


# -- reviews, reference works, art, patents, data (14.202, 14.232–14.235, 14.258) ----------------------


@placed("review.of")
def _reviewed(e: Entry, s: Style, capital: bool = False) -> Rich | None:
    """'review of *The Omnivore's Dilemma*, by Michael Pollan' (14.202)."""
    if not e.reviewed_title:
        return None
    work = italic(_cased(e, s, e.reviewed_title))
    by = f", by {N.note_names(e.reviewed_authors, s.edition)}" if e.reviewed_authors else ""
    return Rich("Review of " if capital else "review of ", work, by)


def _review_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Reviewer, “Title,” review of *Work*, by Author, *Periodical*, date, section, URL (CMOS 17 14.202)."""
    if e.volume:  # a journal: volume, issue and date as for any article
        pages = where or (page_range(e.page) if e.page else None)
        place = _journal_issue(e, s) + (Rich(": ", pages) if pages else "")
        return Rich.join(", ", [lead, _title(e, s), _reviewed(e, s), place, _accessed(e), _link(e)])
    return Rich.join(
        ", ", [lead, _title(e, s), _reviewed(e, s), _container(e, s), _date(e), e.section, *_tail(e, where)]
    )


def _review_bib(e: Entry, s: Style) -> list[Part]:
    if e.volume:
        place = _journal_issue(e, s) + (f": {page_range(e.page)}" if e.page else "")
        return [_title(e, s), _reviewed(e, s, capital=True), place, _accessed(e, True), _link(e)]
    return [
        _title(e, s),
        _reviewed(e, s, capital=True),
        Rich.join(", ", [_container(e, s), _date(e), e.section]),
        _accessed(e, True),
        _link(e),
    ]


@placed("reference.revised")
def _revised(e: Entry, capital: bool = False) -> str | None:
    """An online reference work's revision date, else its access date (14.233)."""
    if e.issued and e.url:
        return f"{'Last' if capital else 'last'} modified {e.issued.long()}"
    return _accessed(e, capital)


def _entry_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Signed: like a chapter (14.234); unsigned: *Work*, edition, s.v. “Entry,” date, URL (14.232–14.233). A work
    given with its publisher is not one of the well-known ones whose facts go unsaid: its editor, edition and
    facts of publication are given as for a book."""
    if not e.container_title:  # the reference work cited as a whole: as a book (14.232)
        return _book_note(replace(e, type="book"), s, lead, where)
    work = italic(_cased(e, s, e.container_title)) if e.container_title else None
    editors = f"ed. {N.note_names(e.editors, s.edition)}" if e.editors and e.publisher else None
    facts = [_publication_facts(e, s)] if e.publisher else []
    if e.authors:
        inside = Rich.join(", ", [Rich("in ", work) if work else None, editors, _edition(e)])
        body = Rich.join(", ", [lead, _title(e, s), _translated(e, s), inside])
        return Rich.join(
            ", ",
            [
                _parens(body, facts),
                where or (page_range(e.page) if e.page else None),
                _revised(e) if not e.publisher else None,
                _link(e),
            ],
        )
    head = _parens(Rich.join(", ", [work, editors, _edition(e)]), facts)
    revised = _revised(e) if not e.publisher else None
    return Rich.join(", ", [head, Rich("s.v. ", _title(e, s)), _translated(e, s), revised, _link(e)])


def _entry_bib(e: Entry, s: Style) -> list[Part]:
    if not e.container_title:
        return _book_bib(replace(e, type="book"), s)
    work = italic(_cased(e, s, e.container_title)) if e.container_title else None
    editors = f"edited by {N.note_names(e.editors, 17)}" if e.editors and e.publisher else None
    facts = _publication_facts(e, s, bib=True) if e.publisher else None
    revised = _revised(e, True) if not e.publisher else None
    trans = _translated(e, s, True)
    if e.authors:
        inside = Rich.join(", ", [Rich("In ", work) if work else None, editors])
        return [_title(e, s), trans, inside, _capitalised(_edition(e)), facts, revised, _link(e)]
    return [
        work,
        _capitalised(editors),
        _capitalised(_edition(e)),
        facts,
        Rich("S.v. ", _title(e, s)),
        trans,
        revised,
        _link(e),
    ]


@placed("artwork.held")
def _held(e: Entry) -> str | None:
    """'Museum of Modern Art, New York': where a work of art is (14.235)."""
    return ", ".join(p for p in (e.archive or e.publisher, e.archive_place or e.publisher_place) if p) or None


def _artwork_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Artist, *Title*, year, medium, dimensions, collection, place, URL (CMOS 17 14.235)."""
    year = e.issued.year_text() if e.issued else None
    return Rich.join(", ", [lead, _title(e, s), year, e.medium, e.dimensions, _held(e), *_tail(e, where)])


def _artwork_bib(e: Entry, s: Style) -> list[Part]:
    year = e.issued.year_text() if e.issued else None
    return [
        _title(e, s),
        year,
        _capitalised(", ".join(p for p in (e.medium, e.dimensions) if p)) or None,
        _held(e),
        _accessed(e, True),
        _link(e),
    ]


@placed("patent.number")
def _patent_number(e: Entry) -> str:
    """'US Patent 4,586,960, filed June 26, 1984, and issued May 6, 1986' (CMOS 17 14.258)."""
    number = e.number or ""
    office = e.authority or e.jurisdiction  # Zotero and CSL keep a patent's country as its jurisdiction
    if office and not number.lower().startswith(office.lower()):
        number = f"{office} Patent {number}"
    elif "patent" not in number.lower():
        number = f"Patent {number}"
    dates = []
    if e.submitted:
        dates.append(f"filed {e.submitted.long()}")
    if e.issued:
        dates.append(f"issued {e.issued.long()}")
    when = ", and ".join(dates) if len(dates) == 2 else (dates[0] if dates else None)
    return ", ".join(p for p in (number, when) if p)


def _patent_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    return Rich.join(", ", [lead, _title(e, s), _patent_number(e), *_tail(e, where)])


def _patent_bib(e: Entry, s: Style) -> list[Part]:
    return [_title(e, s), _patent_number(e), _accessed(e, True), _link(e)]


def _dataset_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Author, *Title*, version (data set), publisher, date, DOI: the facts of 14.206 with a description."""
    kind = f"({e.genre or 'data set'})"
    version = f"version {e.version} {kind}" if e.version else None
    title = _title(e, s) if e.version else Rich(_title(e, s), " ", kind)
    publisher = e.publisher if lead != e.publisher else None  # an issuer that leads is not named twice
    return Rich.join(", ", [lead, title, version, e.number, publisher, _date(e), *_tail(e, where)])


def _dataset_bib(e: Entry, s: Style) -> list[Part]:
    version = f"Version {e.version}" if e.version else None
    publisher = e.publisher if not (FORMS[e.type].issuer_leads and not e.authors) else None
    return [
        _title(e, s),
        version,
        _capitalised(e.genre or "data set"),
        e.number,  # the archive's identifier: "ICPSR 37080" (14.257)
        Rich.join(", ", [publisher, _date(e)]),
        _accessed(e, True),
        _link(e),
    ]


# -- legal and public documents (CMOS 17 14.269–14.305, in the Bluebook's forms Chicago adopts) -------


def _reporter(e: Entry, where: Part) -> str | None:
    """'347 U.S. 483, 495': volume, reporter or code, first page or section, and the pinpoint."""
    first = e.page or e.section
    cite = " ".join(p for p in (e.volume, e.container_title, first) if p) or None
    if cite and where:
        return f"{cite}, {where}"
    return cite or (str(where) if where else None)


def _court_year(e: Entry) -> str | None:
    year = e.issued.year_text() if e.issued else None
    inside = " ".join(p for p in (e.authority, year) if p)
    return f"({inside})" if inside else None


_GOVERNMENT_PARTIES = re.compile(
    r"^(?:United States(?: of America)?|U\.\s?S\.|USA|State|People|Commonwealth|Government|Crown|R\.?|Rex|Regina)"
    r"(?: of [A-Z][\w .]*)?$"
)


def _case_short_name(title: str) -> str:
    """A case's short form names the first party, unless that is a government ("*Christmas*" for *United States
    v. Christmas*, Bluebook 10.9, which Chicago follows, CMOS 17 14.276)."""
    parties = [part.strip() for part in re.split(r"\s+v\.?\s+", title, maxsplit=1)]
    if len(parties) == 2 and _GOVERNMENT_PARTIES.match(parties[0]):
        return parties[1]
    return parties[0]


def _case_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """*Brown v. Board of Education*, 347 U.S. 483, 495 (1954): the name in roman in a full note (Bluebook 2.1)."""
    cite = " ".join(p for p in (_reporter(e, where), _court_year(e)) if p)
    return Rich.join(", ", [Rich(e.title), cite or None, _link(e)])


def _case_bib(e: Entry, s: Style) -> list[Part]:
    cite = " ".join(p for p in (_reporter(e, None), _court_year(e)) if p)
    return [Rich.join(", ", [Rich(e.title), cite or None]), _link(e)]


def _statute_cite(e: Entry, where: Part) -> str:
    year = f"({e.issued.year_text()})" if e.issued else None
    code = _reporter(e, where)
    return " ".join(p for p in (", ".join(p for p in (e.number, e.authority, code) if p), year) if p)


def _statute_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Homeland Security Act of 2002, Pub. L. No. 107-296, 116 Stat. 2135 (2002); a bill: H.R. 1099, 109th Cong. (2005)."""
    return Rich.join(", ", [Rich(e.title), _statute_cite(e, where) or None, _link(e)])


def _statute_bib(e: Entry, s: Style) -> list[Part]:
    return [Rich.join(", ", [Rich(e.title), _statute_cite(e, None) or None]), _link(e)]


def _hearing_cite(e: Entry, s: Style, where: Part) -> Rich:
    """*Title*: Hearing Before the Committee on …, 110th Cong. 12 (2008) (statement of …)."""
    before = e.genre or (f"Hearing Before the {e.publisher}" if e.publisher else "Hearing")
    if re.search(r"\bhearings?\b", e.title or "", re.I):
        before = None  # the title already says it is a hearing: "…: Hearing Before the Committee on …" once
    year = f"({e.issued.year_text()})" if e.issued else None
    congress = " ".join(str(p) for p in (e.authority, where) if p) or None
    head = Rich(_title(e, s), ": ", before) if before else Rich(_title(e, s))
    return Rich.join(", ", [head, " ".join(p for p in (congress, year) if p) or None])


def _hearing_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    return Rich.join(", ", [_hearing_cite(e, s, where), _link(e)])


def _hearing_bib(e: Entry, s: Style) -> list[Part]:
    return [_hearing_cite(e, s, None), _link(e)]


@dataclass(frozen=True, slots=True)
class TypeForm:
    title: str  # "quoted", "italic" or "roman"
    note: Callable[[Entry, Style, Part, Part], Rich]
    bibliography: Callable  # (entry, style) or, with `needs_lead`, (entry, style, lead)
    needs_lead: bool = False
    news: bool = False  # short titles skip a headline's label; an unsigned item's paper leads the bibliography
    italic_container: bool = False
    container_is_title: bool = False  # the container is a work's title (a book, a journal): headline style
    issuer_leads: bool = False  # the issuing organisation stands as author
    describe: str | None = None  # what an untitled work is called
    keep_case: bool = False  # the title is quoted text (a post) or a legal name: never recast in headline style
    no_lead: bool = False  # the title leads (legal documents): no author before it
    part_title: str | None = None  # how the title is set when the work is part of a container (a video on a platform)


FORMS: dict[str, TypeForm] = {
    "book": TypeForm("italic", _book_note, _book_bib),
    "report": TypeForm("italic", _book_note, _book_bib, describe="report"),
    "chapter": TypeForm("quoted", _chapter_note, _chapter_bib, italic_container=True, container_is_title=True),
    "thesis": TypeForm("quoted", _thesis_note, _thesis_bib),
    "transcript": TypeForm("quoted", _transcript_note, _transcript_bib),
    "article-journal": TypeForm("quoted", _journal_note, _journal_bib, italic_container=True, container_is_title=True),
    "article-magazine": TypeForm("quoted", _news_note, _news_bib, needs_lead=True, news=True, italic_container=True),
    "article-newspaper": TypeForm("quoted", _news_note, _news_bib, needs_lead=True, news=True, italic_container=True),
    "wire-story": TypeForm("quoted", _news_note, _news_bib, needs_lead=True, news=True),
    "press-release": TypeForm(
        "quoted", _release_note, _release_bib, news=True, issuer_leads=True, describe="press release"
    ),
    "interview": TypeForm("quoted", _interview_note, _interview_bib, italic_container=True, describe="interview"),
    "webpage": TypeForm("quoted", _webpage_note, _webpage_bib, needs_lead=True, describe="web page"),
    "letter": TypeForm("roman", _letter_note, _letter_bib, describe="letter"),
    "manuscript": TypeForm("quoted", _unpublished_note, _unpublished_bib, describe="unpublished manuscript"),
    "document": TypeForm("quoted", _unpublished_note, _unpublished_bib, issuer_leads=True, describe="document"),
    "blog-post": TypeForm("quoted", _blog_note, _blog_bib),
    "social-media-post": TypeForm("quoted", _post_note, _post_bib, keep_case=True, describe="post"),
    "video": TypeForm("italic", _video_note, _video_bib, describe="video", part_title="quoted"),
    "podcast": TypeForm("quoted", _podcast_note, _podcast_bib, describe="podcast"),
    "review": TypeForm(
        "quoted", _review_note, _review_bib, italic_container=True, container_is_title=True, describe="review"
    ),
    "encyclopedia-entry": TypeForm("quoted", _entry_note, _entry_bib, describe="entry"),
    "artwork": TypeForm("italic", _artwork_note, _artwork_bib),
    "patent": TypeForm("roman", _patent_note, _patent_bib, keep_case=True),
    "dataset": TypeForm("italic", _dataset_note, _dataset_bib, issuer_leads=True),
    "legal-case": TypeForm("italic", _case_note, _case_bib, keep_case=True, no_lead=True),
    "legislation": TypeForm("roman", _statute_note, _statute_bib, keep_case=True, no_lead=True),
    "hearing": TypeForm("italic", _hearing_note, _hearing_bib, no_lead=True),
}


# == issue 27 (interchange): the kinds of work CSL 1.0.2 names that the model lacked ======================
# Kept apart from the builders above (the `chicago` work edits those). Section numbers marked "unverified"
# were not checked against the Manual's text this session; the forms follow the Manual's general pattern
# for the nearest kind (books 14.100ff., chapters 14.106ff., speeches 14.217, recordings 14.263ff.).


@placed("version")
def _with_version(e: Entry) -> str | None:
    return f"version {e.version}" if e.version else None


def _software_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Author, *Title*, version 2.1 (Place: Publisher, 2020), URL — software as a book with its version
    (CMOS 17 14.169, unverified)."""
    body = Rich.join(", ", [lead, _title(e, s), _with_version(e), e.medium])
    return Rich.join(", ", [_parens(body, [_publication_facts(e, s)]), *_tail(e, where)])


def _software_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s),
        _capitalised(_with_version(e)),
        _capitalised(e.medium),
        _publication_facts(e, s),
        _accessed(e, True),
        _link(e),
    ]


def _map_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Cartographer, *Title*, 1:50,000 (Place: Publisher, 2003) — a map as a book with its scale and kind
    (CMOS 17 14.237, unverified)."""
    body = Rich.join(", ", [lead, _title(e, s), e.genre, e.scale, _edition(e), _series(e, s)])
    return Rich.join(", ", [_parens(body, [_publication_facts(e, s)]), e.dimensions, *_tail(e, where)])


def _map_bib(e: Entry, s: Style) -> list[Part]:
    return [
        _title(e, s),
        _capitalised(", ".join(p for p in (e.genre, e.scale) if p)) or None,
        _capitalised(_edition(e)),
        _series(e, s),
        _publication_facts(e, s),
        _accessed(e, True),
        _link(e),
    ]


def _standard_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Issuer, *Title*, ISO 690:2010 (Geneva: ISO, 2010) — a standard as a report: its number after the
    title (CMOS 17 14.220's reports; unverified for standards)."""
    publisher = e.publisher if lead != e.publisher else None
    facts = _publication_facts(replace(e, publisher=publisher), s)
    body = Rich.join(", ", [lead, _title(e, s), e.number, _edition(e)])
    return Rich.join(", ", [_parens(body, [facts]), *_tail(e, where)])


def _standard_bib(e: Entry, s: Style) -> list[Part]:
    publisher = e.publisher if e.authors else None
    return [
        _title(e, s),
        e.number,
        _capitalised(_edition(e)),
        _publication_facts(replace(e, publisher=publisher), s),
        _accessed(e, True),
        _link(e),
    ]


def _repository(e: Entry) -> str | None:
    return e.container_title or e.publisher


def _preprint_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Author, “Title” (preprint, arXiv, May 2, 2020), URL — an unpublished paper with where it was posted
    (CMOS 17 14.218's unpublished papers; unverified for preprints)."""
    kind = e.genre or "preprint"
    facts = [kind, _repository(e), e.number, _date(e)]
    return Rich.join(", ", [_parens(Rich.join(", ", [lead, _title(e, s)]), facts), *_tail(e, where)])


def _preprint_bib(e: Entry, s: Style) -> list[Part]:
    facts = [e.genre or "preprint", _repository(e), e.number, _date(e)]
    return [_title(e, s), _capitalised(", ".join(p for p in facts if p)), _accessed(e, True), _link(e)]


def _treaty_cite(e: Entry, where: Part) -> str | None:
    parties = e.authority or e.jurisdiction
    date = e.issued.long() if e.issued else None
    return ", ".join(p for p in (parties, date, _reporter(e, where)) if p) or None


def _treaty_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Treaty of Peace with Japan, U.S.-Japan, September 8, 1951, 3 U.S.T. 3169 — the Bluebook form
    Chicago adopts for treaties (CMOS 17 14.304, unverified)."""
    return Rich.join(", ", [Rich(e.title), _treaty_cite(e, where), _link(e)])


def _treaty_bib(e: Entry, s: Style) -> list[Part]:
    return [Rich.join(", ", [Rich(e.title), _treaty_cite(e, None)]), _link(e)]


def _paper_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """In published proceedings: as a chapter (“Title,” in *Proceedings*, ed. …, pages); presented only: Author,
    “Title” (paper presented at the Event, Place, Date) (CMOS 17 14.217)."""
    if e.container_title:
        return _chapter_note(e, s, lead, where)
    facts = [e.genre or "paper presented at " + e.event_title if e.event_title else e.genre]
    facts += [e.publisher, e.event_place or e.publisher_place, _date(e)]
    return Rich.join(", ", [_parens(Rich.join(", ", [lead, _title(e, s)]), facts), *_tail(e, where)])


def _paper_bib(e: Entry, s: Style) -> list[Part]:
    if e.container_title:
        return _chapter_bib(e, s)
    facts = [e.genre or "paper presented at " + e.event_title if e.event_title else e.genre]
    facts += [e.publisher, e.event_place or e.publisher_place, _date(e)]
    return [_title(e, s), _capitalised(", ".join(p for p in facts if p)), _accessed(e, True), _link(e)]


def _album(e: Entry, s: Style) -> Rich | None:
    return Rich("on ", italic(_cased(e, s, e.container_title))) if e.container_title else None


@placed("publication-facts")
def _label(e: Entry) -> str | None:
    """Label and year: 'Columbia, 1958'; the medium after ('33⅓ rpm', 'MP3')."""
    return ", ".join(p for p in (e.publisher, e.issued.year_text() if e.issued else None) if p) or None


def _song_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Performer, “Track,” by Composer, on *Album*, Label, Year, medium — a track; an album alone in
    italics (CMOS 17 14.263, unverified)."""
    composers = f"by {N.note_names(e.composers, s.edition)}" if e.composers else None
    return Rich.join(", ", [lead, _title(e, s), composers, _album(e, s), _label(e), e.medium, *_tail(e, where)])


def _song_bib(e: Entry, s: Style) -> list[Part]:
    composers = f"By {N.note_names(e.composers, 17)}" if e.composers else None
    album = Rich("On ", italic(_cased(e, s, e.container_title))) if e.container_title else None
    return [_title(e, s), composers, Rich.join(", ", [album, _label(e), e.medium]), _accessed(e, True), _link(e)]


@placed("episode.number")
def _episode(e: Entry) -> str | None:
    return f"episode {e.number}" if e.number else None


def _broadcast_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """“Episode,” *Program*, season 2, episode 5, directed by …, aired on Network, Date — a television or radio
    broadcast (CMOS 17 14.265, unverified)."""
    program = italic(_cased(e, s, e.container_title)) if e.container_title else None
    aired = f"aired {e.issued.long()}" if e.issued else None
    network = f"{e.publisher}" if e.publisher else None
    return Rich.join(
        ", ",
        [lead, _title(e, s), program, _episode(e), *_credits(e, s), network, aired, e.medium, *_tail(e, where)],
    )


def _broadcast_bib(e: Entry, s: Style) -> list[Part]:
    program = italic(_cased(e, s, e.container_title)) if e.container_title else None
    aired = f"aired {e.issued.long()}" if e.issued else None
    return [
        _title(e, s),
        Rich.join(", ", [program, _episode(e)]) or None,
        ", ".join(_credits(e, s, capital=True)) or None,
        _capitalised(", ".join(p for p in (e.publisher, aired) if p)) or None,
        _capitalised(e.medium),
        _accessed(e, True),
        _link(e),
    ]


FORMS.update(
    {
        "paper-conference": TypeForm(
            "quoted", _paper_note, _paper_bib, italic_container=True, container_is_title=True, describe="paper"
        ),
        "preprint": TypeForm("quoted", _preprint_note, _preprint_bib, describe="preprint"),
        "software": TypeForm("italic", _software_note, _software_bib, describe="software"),
        "map": TypeForm("italic", _map_note, _map_bib, describe="map"),
        "standard": TypeForm("italic", _standard_note, _standard_bib, issuer_leads=True, describe="standard"),
        "treaty": TypeForm("roman", _treaty_note, _treaty_bib, keep_case=True, no_lead=True),
        "song": TypeForm("quoted", _song_note, _song_bib, describe="recording", part_title="quoted"),
        "broadcast": TypeForm("quoted", _broadcast_note, _broadcast_bib, describe="broadcast"),
    }
)
# == end of issue 27's block ==========================================================================


# -- the three forms ------------------------------------------------------------------------------


@S.formed
def full_note_body(entry: Entry, locator: str | None = None, style: Style = Style()) -> Rich:
    form = FORMS[entry.type]
    return form.note(entry, style, _lead_note(entry, style), _locator(locator))


@S.formed
def short_note_body(
    entry: Entry, locator: str | None = None, style: Style = Style(), *, author_in_text: bool = False
) -> Rich:
    """Surname(s), short title, locator (CMOS 14.29–32). `author_in_text`: the text names the author
    ("Lake argues…"), so nothing stands in the author's place, not even an unsigned item's paper."""
    if entry.type == "letter" and entry.recipients:
        return Rich.join(", ", [_letter_lead(entry, style, short=True), _locator(locator)])
    if entry.type == "legal-case":  # *Brown*, 347 U.S. at 495 (Bluebook 10.9)
        name = entry.title_short or _case_short_name(entry.title)
        cite = " ".join(p for p in (entry.volume, entry.container_title) if p)
        at = f"{cite} at {_locator(locator)}" if locator and cite else _locator(locator)
        return Rich.join(", ", [italic(name), at])
    if entry.type == "encyclopedia-entry" and not entry.authors and entry.container_title:
        work = italic(_cased(entry, style, entry.container_title))
        return Rich.join(", ", [work, Rich("s.v. ", _title(entry, style)), _locator(locator)])
    where = _volume_locator(entry, locator)
    title = _short_title(entry, style)
    if author_in_text:
        return Rich.join(", ", [title, where])
    return Rich.join(", ", [_short_lead(entry, style), title, where])


def _short_title(entry: Entry, style: Style) -> Rich | str | None:
    if entry.type == "video" and entry.volume_title:  # a television episode: “Mr. Monk and the Actor” (14.265)
        return quoted(_cased(entry, style, short_title(entry.volume_title)))
    return _title(entry, style, short=True) or _description(entry)


@placed("locator")
def _volume_locator(entry: Entry, locator: str | None) -> str | None:
    """One volume of a multivolume work, cited again: volume and page with a colon, "Lach, *Asia*, 2:45" (14.121)."""
    where = _locator(locator)
    volume = (entry.volume or "").strip()
    if entry.type not in ("book", "report") or not volume:
        return where
    if where and volume.isdecimal() and re.fullmatch(r"[\d–-]+", where):
        return f"{volume}:{where}"
    if not where:  # without a page the volume still says which book of the set is meant: "Lach, *Asia*, vol. 2."
        return volume if volume.lower().startswith(("vol", "bk", "pt")) else f"vol. {volume}"
    return where


@placed(functools.partial(S.lead_rule, short=True))
def _short_lead(entry: Entry, style: Style) -> Rich | str | None:
    if FORMS[entry.type].no_lead:
        return None
    people, _ = _author_role(entry)
    if people:
        return N.short_names(people, style.edition, _more(entry, people))
    if FORMS[entry.type].issuer_leads and entry.publisher:
        return entry.publisher
    return _stand_in(entry, style)


def _stand_in(entry: Entry, style: Style) -> Rich | str | None:
    """What stands in the author's place in a short note when no one signed the work: the paper or agency
    of an unsigned news item (as it leads the bibliography entry, CMOS 14.207: *New York Times*, “Smoking
    Gun,” 5.), the owner of a web page ("Google, “Privacy Policy,”" 14.206)."""
    if FORMS[entry.type].news and entry.type != "press-release":
        return _container(entry, style, place=False) or None  # *Lake Forester*, “Pushcarts Evolve,” 15.
    if entry.type == "webpage":
        return entry.publisher or entry.container_title
    return _channel(entry)


@S.formed
def consecutive_note_body(entry: Entry, locator: str, style: Style = Style(), *, author_in_text: bool = False) -> Rich:
    """The same work as the note just before: "Lake, 5." (CMOS 14.34). Where no author stands first
    (unsigned news, a web page cited by its owner) the short title stays: only an author's name can carry it."""
    people, _ = _author_role(entry)
    lead = _short_lead(entry, style)
    if (
        author_in_text
        or lead is None
        or entry.type in ("letter", "legal-case", "encyclopedia-entry")
        or (not people and _stand_in(entry, style))
    ):
        return short_note_body(entry, locator, style, author_in_text=author_in_text)
    return Rich.join(", ", [lead, _volume_locator(entry, locator)])


@placed("ibid")
def ibid_body(locator: str | None) -> Rich:
    return Rich.join(", ", ["Ibid.", _locator(locator)]) if locator else Rich("Ibid.")


@S.formed
def bibliography_body(entry: Entry, style: Style = Style()) -> Rich:
    form = FORMS[entry.type]
    lead = lead_bibliography(entry, style)
    blocks = form.bibliography(entry, style, lead) if form.needs_lead else form.bibliography(entry, style)
    return _join_blocks([lead, *blocks])


def _join_blocks(blocks) -> Rich:
    """Bibliography elements are separated by periods, each beginning with a capital (CMOS 14.21)."""
    out: list = []
    for block in blocks:
        if not block:
            continue
        if out:
            out.append(". ")
            if isinstance(block, str) and not block.startswith("n.d."):
                block = with_rule(_capitalised(block), getattr(block, "rule", None))  # the capital keeps the tag
        out.append(block)
    return Rich(*out)


def finish(body: Rich) -> Rich:
    """The final period, and the punctuation and typography rules (richtext.normalise)."""
    return normalise(Rich(body, "."))


def bibliography_sort_key(entry: Entry) -> tuple:
    """By the first element as printed, ignoring A/An/The and an Arabic al- (CMOS 14.66, 8.14)."""
    from dossiercli.ids import ascii_fold

    people, _ = _author_role(entry)
    if people:
        first = N.sort_key(people[0])
    else:
        # The first element as printed: an unsigned encyclopedia entry sorts under its work (*Wikipedia*), not
        # under its headword; an unsigned news item under its paper (14.66).
        first = bibliography_body(entry, Style()).plain().split(". ")[0] or entry.title or _description(entry) or ""
    first = first.lstrip("“‘\"'")
    for article in ("a ", "an ", "the "):
        if first.lower().startswith(article):
            first = first[len(article) :]
            break
    return (ascii_fold(first).casefold(), ascii_fold(entry.title).casefold())
