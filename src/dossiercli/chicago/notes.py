"""Full notes, short notes and bibliography entries for every entry type (CMOS 17, chapter 14).

One `TypeForm` per entry type in `FORMS`: how its title is set, its full note and its
bibliography entry. A new entry type is one row there. Each builder returns the citation
without its final period as `Rich`; `finish` adds the period and applies the punctuation
and typography rules. Section numbers refer to The Chicago Manual of Style, 17th edition.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from dossiercli.chicago import names as N
from dossiercli.chicago.richtext import Rich, italic, link, normalise, quoted
from dossiercli.chicago.titles import headline_case, page_range, short_title
from dossiercli.model.entry import Entry

EDITIONS = (17, 18)


@dataclass(frozen=True, slots=True)
class Style:
    edition: int = 17  # 17 or 18
    headline: bool = True  # recast English titles in headline style (CMOS 17 8.159); off: as the source prints them


Part = Rich | str | None


# -- pieces ---------------------------------------------------------------------------------------


def _english(entry: Entry) -> bool:
    """Headline style is for English titles; others keep their own capitalisation (CMOS 11.6)."""
    return not entry.language or entry.language.lower().startswith("en")


def _cased(entry: Entry, style: Style, text: str) -> str:
    return headline_case(text) if style.headline and _english(entry) else text


def _set_title(entry: Entry, text: str) -> Rich:
    how = FORMS[entry.type].title
    if how == "quoted":
        return quoted(text)
    if how == "italic":
        return italic(text)
    return Rich(text)


def _title(entry: Entry, style: Style, short: bool = False) -> Rich | None:
    """The title as the type sets it; an untitled work has none (its description stands in)."""
    if not entry.title:
        return None
    if short:
        text = entry.title_short or short_title(entry.title, news=FORMS[entry.type].news)
    else:
        text = entry.title
    return _set_title(entry, _cased(entry, style, text))


def _description(entry: Entry) -> str | None:
    """What an untitled work is: its genre, else the type's own word ("interview", "press release")."""
    return entry.genre or FORMS[entry.type].describe


def _container(entry: Entry, style: Style) -> Rich:
    """Newspapers, journals and books in italics; news agencies and web sites in roman (CMOS 8.171, 14.206)."""
    name = entry.container_title
    form = FORMS[entry.type]
    if entry.type == "wire-story":
        name = name or entry.publisher
    if not name:
        return Rich()
    if form.container_is_title:
        name = _cased(entry, style, name)
    return italic(name) if form.italic_container else Rich(name)


def _date(entry: Entry) -> str:
    return entry.issued.long() if entry.issued else "n.d."


def _accessed(entry: Entry, capital: bool = False) -> str | None:
    """Access dates only where there is no date of publication; right before the URL (CMOS 14.12)."""
    if entry.issued is None and entry.accessed is not None:
        return f"{'Accessed' if capital else 'accessed'} {entry.accessed.long()}"
    return None


def _link(entry: Entry) -> Rich | None:
    if entry.doi:
        return link(f"https://doi.org/{entry.doi}")
    return link(entry.url) if entry.url else None


def _tail(entry: Entry, where: str | None, capital: bool = False) -> list[Part]:
    """Locator, access date, URL: the access date goes right before the URL (CMOS 14.12; 14.176's example)."""
    return [where, _accessed(entry, capital), _link(entry)]


def _edition(entry: Entry) -> str | None:
    if not entry.edition:
        return None
    text = entry.edition.strip()
    if text.isascii() and text.isdecimal():  # "²".isdigit() is true, and int("²") fails
        number = int(text)
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix} ed."
    return text if text.endswith("ed.") else f"{text} ed."


def _volumes(entry: Entry) -> str | None:
    """'3 vols.' for a multivolume work cited as a whole (CMOS 14.117)."""
    count = entry.number_of_volumes
    if not count:
        return None
    count = str(count).strip()
    return f"{count} vols." if count != "1" else "1 vol."


def _publication_facts(entry: Entry, style: Style) -> str:
    """'New York: Random House, 2004' (18th edition: 'Random House, 2004', CMOS 18 13.30)."""
    year = entry.issued.year_text() if entry.issued else "n.d."
    place = entry.publisher_place if style.edition == 17 else None
    who = f"{place}: {entry.publisher}" if place and entry.publisher else (entry.publisher or place)
    return f"{who}, {year}" if who else year


def _series(entry: Entry) -> str | None:
    if entry.collection_title:
        return " ".join(p for p in (entry.collection_title, entry.collection_number) if p)
    if entry.type == "report" and entry.number:
        return f"{entry.genre} no. {entry.number}" if entry.genre else f"no. {entry.number}"
    if entry.type == "report" and entry.genre:
        return entry.genre
    return None


def _locator(locator: str | None) -> str | None:
    return page_range(locator) if locator else None


def _author_role(entry: Entry):
    """Who stands first: authors; editors (with ed., or ed. and trans.) for books and reports."""
    if entry.authors:
        return entry.authors, None
    if entry.editors and entry.type in ("book", "report"):
        return entry.editors, "ed. and trans." if _same(entry.editors, entry.translators) else "ed"
    return (), None


def _same(first, second) -> bool:
    return bool(first) and tuple(first) == tuple(second)


def _role(people, role: str | None) -> str:
    if not role:
        return ""
    if role == "ed. and trans.":
        return f", {'eds.' if len(people) > 1 else 'ed.'} and trans."
    return N.role_suffix(people, role)


def _lead_note(entry: Entry, style: Style) -> str | None:
    people, role = _author_role(entry)
    if people:
        return N.note_names(people, style.edition) + _role(people, role)
    if FORMS[entry.type].issuer_leads and entry.publisher:
        return entry.publisher
    return None


def lead_bibliography(entry: Entry, style: Style) -> Rich | None:
    people, role = _author_role(entry)
    if people:
        return Rich(N.bibliography_names(people, style.edition) + _role(people, role))
    if FORMS[entry.type].issuer_leads and entry.publisher:
        return Rich(entry.publisher)
    # Unsigned news: the paper or agency stands in place of the author (CMOS 14.207).
    if FORMS[entry.type].news and entry.type != "press-release":
        return _container(entry, style) or None
    if entry.type == "webpage":
        return Rich(entry.publisher or entry.container_title) if (entry.publisher or entry.container_title) else None
    return None


def _contributors_note(entry: Entry, style: Style) -> list[str]:
    parts = []
    editors_after = entry.editors and entry.authors and entry.type in ("book", "report")
    if editors_after and _same(entry.editors, entry.translators):
        return ["ed. and trans. " + N.note_names(entry.editors, style.edition)]  # CMOS 14.104
    if editors_after:
        parts.append("ed. " + N.note_names(entry.editors, style.edition))
    if entry.translators and not (not entry.authors and _same(entry.editors, entry.translators)):
        parts.append("trans. " + N.note_names(entry.translators, style.edition))
    return parts


def _contributors_bibliography(entry: Entry, style: Style) -> list[str]:
    parts = []
    editors_after = entry.editors and entry.authors and entry.type in ("book", "report")
    if editors_after and _same(entry.editors, entry.translators):
        return ["Edited and translated by " + N.note_names(entry.editors, 17)]  # CMOS 14.104
    if editors_after:
        parts.append("Edited by " + N.note_names(entry.editors, 17 if len(entry.editors) <= 10 else style.edition))
    if entry.translators and not (not entry.authors and _same(entry.editors, entry.translators)):
        parts.append("Translated by " + N.note_names(entry.translators, 17))
    return parts


def _capitalised(text: str | None) -> str | None:
    return text[:1].upper() + text[1:] if text else text


def _journal_issue(entry: Entry, style: Style) -> Rich:
    """'Middle East Journal 60, no. 2 (Spring 2006)' (CMOS 14.171)."""
    head = _container(entry, style)
    if entry.volume:
        head = head + f" {entry.volume}"
    if entry.issue:
        head = head + f", no. {entry.issue}"
    # A journal issue is dated by month or season and year, never the day (CMOS 14.171).
    when = "n.d." if entry.issued is None else entry.issued.long() if entry.issued.end else \
        replace(entry.issued, day=None).long()
    return head + f" ({when})"


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


def _book_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    body = Rich.join(", ", [lead, _title(e, s) or _description(e), *_contributors_note(e, s), _edition(e), _volumes(e),
                            _series(e)])
    return Rich.join(", ", [_parens(body, [_publication_facts(e, s)]), *_tail(e, where)])


def _book_bib(e: Entry, s: Style) -> list[Part]:
    return [_title(e, s) or _capitalised(_description(e)), *_contributors_bibliography(e, s),
            _capitalised(_edition(e)), _volumes(e), _series(e), _publication_facts(e, s), _accessed(e, True), _link(e)]


def _chapter_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    editors = f", ed. {N.note_names(e.editors, s.edition)}" if e.editors else ""
    container = Rich("in ", _container(e, s), editors)
    body = Rich.join(", ", [lead, _title(e, s), container])
    return Rich.join(", ", [_parens(body, [_publication_facts(e, s)]),
                            *_tail(e, where or (page_range(e.page) if e.page else None))])


def _chapter_bib(e: Entry, s: Style) -> list[Part]:
    editors = f", edited by {N.note_names(e.editors, 17)}" if e.editors else ""
    pages = f", {page_range(e.page)}" if e.page else ""
    return [_title(e, s), Rich("In ", _container(e, s), editors, pages), _publication_facts(e, s), _accessed(e, True),
            _link(e)]


def _thesis_facts(e: Entry) -> list[Part]:
    return [e.genre, e.publisher, e.issued.year_text() if e.issued else "n.d."]


def _thesis_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    return Rich.join(", ", [_parens(Rich.join(", ", [lead, _title(e, s)]), _thesis_facts(e)), *_tail(e, where)])


def _thesis_bib(e: Entry, s: Style) -> list[Part]:
    return [_title(e, s), _capitalised(", ".join(p for p in _thesis_facts(e) if p)), _accessed(e, True), _link(e)]


def _speech_facts(e: Entry) -> list[Part]:
    """Setting of a speech or briefing: kind, occasion, sponsor, place, date (CMOS 14.217)."""
    place = e.event_place or e.publisher_place
    return [e.genre, e.event_title, e.publisher, place, _date(e)]


def _transcript_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    return Rich.join(", ", [_parens(Rich.join(", ", [lead, _title(e, s)]), _speech_facts(e)), *_tail(e, where)])


def _transcript_bib(e: Entry, s: Style) -> list[Part]:
    return [_title(e, s), _capitalised(", ".join(p for p in _speech_facts(e) if p)), _accessed(e, True), _link(e)]


def _journal_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    pages = where or (page_range(e.page) if e.page else None)
    issue = _journal_issue(e, s) + (f": {pages}" if pages else "")
    return Rich.join(", ", [lead, _title(e, s), issue, _accessed(e), _link(e)])


def _journal_bib(e: Entry, s: Style) -> list[Part]:
    return [_title(e, s), _journal_issue(e, s) + (f": {page_range(e.page)}" if e.page else ""), _accessed(e, True),
            _link(e)]


def _release_label(e: Entry) -> str:
    """'press release A070531a'; a genre such as "news release" names it where given (CMOS 14.200)."""
    label = (e.genre or "press release").strip()
    return f"{label} {e.number}" if e.number else label


def _release_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    return Rich.join(", ", [lead, _title(e, s), _release_label(e), e.publisher_place, _date(e), *_tail(e, where)])


def _release_bib(e: Entry, s: Style) -> list[Part]:
    facts = ", ".join(p for p in (_capitalised(_release_label(e)), e.publisher_place, _date(e)) if p)
    return [_title(e, s), facts, _accessed(e, True), _link(e)]


def _interviewer(e: Entry, s: Style, capital: bool) -> str:
    word = "Interview" if capital else "interview"
    return f"{word} by {N.note_names(e.interviewers, s.edition if not capital else 17)}" if e.interviewers else word


def _interview_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Published: "Name, “Title,” interview by Name, *Program*, Network, Date"; unpublished: "Name, interview by
    Name, Date, transcript, Collection, Archive" (CMOS 14.213–14.214)."""
    location, *kept = _archive(e) if e.archive_location else [None, *_archive(e)]
    return Rich.join(", ", [lead, _title(e, s), _interviewer(e, s, False), _container(e, s), e.publisher,
                            _date(e) if e.issued else None, location, e.medium, *kept, *_tail(e, where)])


def _interview_bib(e: Entry, s: Style) -> list[Part]:
    published = Rich.join(", ", [_container(e, s), e.publisher, _date(e) if e.issued else None])
    location, *kept = _archive(e) if e.archive_location else [None, *_archive(e)]
    held = ", ".join(p for p in (location, e.medium) if p)
    return [_title(e, s), _interviewer(e, s, True), published, _capitalised(held) if held else None, *kept,
            _accessed(e, True), _link(e)]


def _webpage_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    site = e.container_title
    owner = e.publisher if e.publisher != site else None
    date = e.issued.long() if e.issued else (None if e.accessed else "n.d.")
    return Rich.join(", ", [lead, _title(e, s) or _description(e), site, owner, date, *_tail(e, where)])


def _webpage_bib(e: Entry, s: Style, lead: Rich | None) -> list[Part]:
    site = e.container_title if (lead is None or lead.plain() != e.container_title) else None
    date = e.issued.long() if e.issued else (None if e.accessed else "n.d.")
    return [_title(e, s) or _capitalised(_description(e)), site, date, _accessed(e, True), _link(e)]


def _news_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Newspapers, magazines, wire stories (CMOS 14.191 ff.): the page only as a locator or for print newspapers."""
    page = where or (e.page if e.type == "article-newspaper" else None)
    return Rich.join(", ", [lead, _title(e, s), _container(e, s), _date(e), *_tail(e, page)])


def _news_bib(e: Entry, s: Style, lead: Rich | None) -> list[Part]:
    container = _container(e, s)
    if lead is not None and container and lead.plain() == container.plain():
        return [_title(e, s), _date(e), _accessed(e, True), _link(e)]  # unsigned: the paper already leads
    return [_title(e, s), Rich.join(", ", [container, _date(e)]), _accessed(e, True), _link(e)]


def _letter_lead(e: Entry, s: Style, short: bool = False) -> str | None:
    """'George Creel to Edward M. House' (CMOS 14.111, 14.222): writer to recipient stands for a title."""
    writer = (N.short_names(e.authors, s.edition) if short else N.note_names(e.authors, s.edition)) if e.authors else None
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


def _archive_blocks(e: Entry) -> list[str]:
    """In a bibliography the collection and the repository are elements of their own (CMOS 14.222)."""
    parts = _archive(e)
    location = e.archive_location
    if location and len(parts) > 1:
        return [f"{parts[0]}, {parts[1]}", *parts[2:]]
    return parts


def _unpublished_note(e: Entry, s: Style, lead: Part, where: Part) -> Rich:
    """Unpublished manuscripts and documents: “Title” (description, full date), archive (CMOS 14.211, 14.221–14.225)."""
    facts = [_description(e), e.publisher, e.publisher_place, _date(e)]
    body = Rich.join(", ", [lead, _title(e, s)])
    if not _title(e, s):
        return Rich.join(", ", [lead, *facts, *_archive(e), *_tail(e, where)])
    return Rich.join(", ", [_parens(body, facts), *_archive(e), *_tail(e, where)])


def _unpublished_bib(e: Entry, s: Style) -> list[Part]:
    facts = ", ".join(p for p in (_capitalised(_description(e)), e.publisher, e.publisher_place, _date(e)) if p)
    return [_title(e, s), facts, *_archive_blocks(e), _accessed(e, True), _link(e)]


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
    "press-release": TypeForm("quoted", _release_note, _release_bib, news=True, issuer_leads=True,
                              describe="press release"),
    "interview": TypeForm("quoted", _interview_note, _interview_bib, italic_container=True, describe="interview"),
    "webpage": TypeForm("quoted", _webpage_note, _webpage_bib, needs_lead=True, describe="web page"),
    "letter": TypeForm("roman", _letter_note, _letter_bib, describe="letter"),
    "manuscript": TypeForm("quoted", _unpublished_note, _unpublished_bib, describe="unpublished manuscript"),
    "document": TypeForm("quoted", _unpublished_note, _unpublished_bib, issuer_leads=True, describe="document"),
}


# -- the three forms ------------------------------------------------------------------------------


def full_note_body(entry: Entry, locator: str | None = None, style: Style = Style()) -> Rich:
    form = FORMS[entry.type]
    return form.note(entry, style, _lead_note(entry, style), _locator(locator))


def short_note_body(entry: Entry, locator: str | None = None, style: Style = Style()) -> Rich:
    """Surname(s), short title, locator (CMOS 14.29–32); unsigned works by short title alone."""
    if entry.type == "letter" and entry.recipients:
        return Rich.join(", ", [_letter_lead(entry, style, short=True), _locator(locator)])
    title = _title(entry, style, short=True) or _description(entry)
    return Rich.join(", ", [_short_lead(entry, style), title, _locator(locator)])


def _short_lead(entry: Entry, style: Style) -> str | None:
    people, _ = _author_role(entry)
    if people:
        return N.short_names(people, style.edition)
    if FORMS[entry.type].issuer_leads and entry.publisher:
        return entry.publisher
    if entry.type == "webpage":
        return entry.publisher or entry.container_title  # the site's owner, as in "Google, “Privacy Policy.”" (14.206)
    return None


def consecutive_note_body(entry: Entry, locator: str, style: Style = Style()) -> Rich:
    """The same work as the note just before: "Lake, 5." (CMOS 14.34); unsigned works keep the short title."""
    lead = _short_lead(entry, style)
    if lead is None or entry.type == "letter":
        return short_note_body(entry, locator, style)
    return Rich.join(", ", [lead, _locator(locator)])


def ibid_body(locator: str | None) -> Rich:
    return Rich.join(", ", ["Ibid.", _locator(locator)]) if locator else Rich("Ibid.")


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
                block = _capitalised(block)
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
        lead = lead_bibliography(entry, Style())
        first = lead.plain() if lead else (entry.title or _description(entry) or "")
    first = first.lstrip("“‘\"'")
    for article in ("a ", "an ", "the "):
        if first.lower().startswith(article):
            first = first[len(article):]
            break
    return (ascii_fold(first).casefold(), ascii_fold(entry.title).casefold())
