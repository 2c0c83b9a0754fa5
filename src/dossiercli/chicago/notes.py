"""Full notes, short notes and bibliography entries for every entry type (CMOS 17, chapter 14).

Each builder returns the citation without its final period as `Rich`; `finish`
adds the period and applies the punctuation rules. Section numbers refer to
The Chicago Manual of Style, 17th edition.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dossiercli.chicago import names as N
from dossiercli.chicago.richtext import Rich, italic, link, normalise, quoted, typographic_apostrophes
from dossiercli.chicago.titles import headline_case, page_range, short_title
from dossiercli.model.entry import Entry

QUOTED_TITLE_TYPES = frozenset({
    "article-newspaper", "article-magazine", "article-journal", "wire-story", "press-release",
    "transcript", "chapter", "webpage", "interview", "thesis",
})
NEWS_TYPES = frozenset({"article-newspaper", "article-magazine", "wire-story", "press-release"})
ITALIC_CONTAINER_TYPES = frozenset({"article-newspaper", "article-magazine", "article-journal", "chapter", "interview"})


EDITIONS = (17, 18)


@dataclass(frozen=True, slots=True)
class Style:
    edition: int = 17  # 17 or 18
    headline: bool = False  # recase titles headline-style (CMOS 8.159); off: titles as the source prints them


# -- pieces ---------------------------------------------------------------------------------------


def _title_text(entry: Entry, style: Style, text: str | None = None) -> str:
    text = text if text is not None else entry.title
    return headline_case(text) if style.headline else text


def _title(entry: Entry, style: Style, short: bool = False) -> Rich:
    if short:
        text = entry.title_short or short_title(entry.title, news=entry.type in NEWS_TYPES)
    else:
        text = entry.title
    text = _title_text(entry, style, text)
    if entry.type in QUOTED_TITLE_TYPES:
        return quoted(text)
    return italic(typographic_apostrophes(text))


def _container(entry: Entry, style: Style) -> Rich:
    """Newspapers, journals and books in italics; news agencies and web sites in roman (CMOS 8.171, 14.206)."""
    name = entry.container_title
    if entry.type == "wire-story":
        name = name or entry.publisher
    if not name:
        return Rich()
    name = typographic_apostrophes(_title_text(entry, style, name) if entry.type == "chapter" else name)
    return italic(name) if entry.type in ITALIC_CONTAINER_TYPES else Rich(name)


def _date(entry: Entry) -> str:
    return entry.issued.long() if entry.issued else "n.d."


def _accessed_note(entry: Entry) -> str | None:
    """Access dates only where there is no date of publication (CMOS 14.12)."""
    if entry.issued is None and entry.accessed is not None:
        return f"accessed {entry.accessed.long()}"
    return None


def _link(entry: Entry) -> Rich | None:
    if entry.doi:
        return link(f"https://doi.org/{entry.doi}")
    return link(entry.url) if entry.url else None


def _edition(entry: Entry) -> str | None:
    if not entry.edition:
        return None
    text = entry.edition.strip()
    if text.isdigit():
        number = int(text)
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix} ed."
    return text if text.endswith("ed.") else f"{text} ed."


def _publication_facts(entry: Entry, style: Style) -> str:
    """'New York: Random House, 2004' (18th edition: 'Random House, 2004', CMOS 18 14.30)."""
    year = entry.issued.year_text() if entry.issued else "n.d."
    place = entry.publisher_place if style.edition == 17 else None
    who = f"{place}: {entry.publisher}" if place and entry.publisher else (entry.publisher or place)
    return f"{who}, {year}" if who else year


def _series(entry: Entry) -> str | None:
    if entry.collection_title:
        return " ".join(p for p in (entry.collection_title, entry.collection_number) if p)
    if entry.type == "report" and entry.number:
        return f"{entry.genre or 'Report'} no. {entry.number}" if entry.genre else f"no. {entry.number}"
    return None


def _locator(locator: str | None) -> str | None:
    return page_range(locator) if locator else None


def _author_role(entry: Entry):
    """Who stands first: authors; editors (with ed.); for a press release, its issuing organisation."""
    if entry.authors:
        return entry.authors, None
    if entry.editors and entry.type in ("book", "report"):
        return entry.editors, "ed"
    return (), None


def _lead_note(entry: Entry, style: Style) -> str | None:
    people, role = _author_role(entry)
    if people:
        text = N.note_names(people, style.edition)
        return text + (N.role_suffix(people, role) if role else "")
    if entry.type == "press-release" and entry.publisher:
        return entry.publisher
    return None


def lead_bibliography(entry: Entry, style: Style) -> Rich | None:
    people, role = _author_role(entry)
    if people:
        return Rich(N.bibliography_names(people, style.edition) + (N.role_suffix(people, role) if role else ""))
    if entry.type == "press-release" and entry.publisher:
        return Rich(entry.publisher)
    # Unsigned news: the paper or agency stands in place of the author (CMOS 14.207).
    if entry.type in ("article-newspaper", "article-magazine", "wire-story"):
        return _container(entry, style) or None
    if entry.type == "webpage":
        return Rich(entry.publisher or entry.container_title) if (entry.publisher or entry.container_title) else None
    return None


def _contributors_note(entry: Entry, style: Style) -> list[str]:
    parts = []
    if entry.editors and entry.authors and entry.type in ("book", "report"):
        parts.append("ed. " + N.note_names(entry.editors, style.edition))
    if entry.translators:
        parts.append("trans. " + N.note_names(entry.translators, style.edition))
    return parts


def _contributors_bibliography(entry: Entry, style: Style) -> list[str]:
    parts = []
    if entry.editors and entry.authors and entry.type in ("book", "report"):
        parts.append("Edited by " + N.note_names(entry.editors, 17 if len(entry.editors) <= 10 else style.edition))
    if entry.translators:
        parts.append("Translated by " + N.note_names(entry.translators, 17))
    return parts


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _journal_issue(entry: Entry) -> Rich:
    """'Middle East Journal 60, no. 2 (Spring 2006)' (CMOS 14.171)."""
    head = _container(entry, Style())
    if entry.volume:
        head = head + f" {entry.volume}"
    if entry.issue:
        head = head + f", no. {entry.issue}"
    # A journal issue is dated by month or season and year, never the day (CMOS 14.171).
    when = "n.d." if entry.issued is None else entry.issued.long() if entry.issued.end else \
        replace(entry.issued, day=None).long()
    return head + f" ({when})"


# -- full notes -----------------------------------------------------------------------------------


def full_note_body(entry: Entry, locator: str | None = None, style: Style = Style()) -> Rich:
    parts: list = [_lead_note(entry, style)]
    kind = entry.type
    title = _title(entry, style)
    where = _locator(locator)
    if kind in ("book", "report"):
        parts += [title, *_contributors_note(entry, style), _edition(entry), _series(entry)]
        body = Rich.join(", ", parts) + f" ({_publication_facts(entry, style)})"
        return Rich.join(", ", [body, where, _link(entry)])
    if kind == "chapter":
        editors = f", ed. {N.note_names(entry.editors, style.edition)}" if entry.editors else ""
        container = Rich("in ", _container(entry, style), editors)
        body = Rich.join(", ", parts + [title, container]) + f" ({_publication_facts(entry, style)})"
        return Rich.join(", ", [body, where or (page_range(entry.page) if entry.page else None), _link(entry)])
    if kind == "thesis":
        facts = ", ".join(p for p in (entry.genre, entry.publisher, entry.issued.year_text() if entry.issued else "n.d.") if p)
        return Rich.join(", ", [Rich.join(", ", parts + [title]) + f" ({facts})", where, _link(entry)])
    if kind == "transcript":
        facts = ", ".join(p for p in (entry.genre, entry.event_title, entry.publisher, entry.event_place,
                                      _date(entry)) if p)
        return Rich.join(", ", [Rich.join(", ", parts + [title]) + f" ({facts})", where, _link(entry)])
    if kind == "article-journal":
        issue = _journal_issue(entry)
        pages = where or (page_range(entry.page) if entry.page else None)
        return Rich.join(", ", parts + [title, issue + (f": {pages}" if pages else "")] + [_link(entry)])
    if kind == "press-release":
        label = "press release" + (f" {entry.number}" if entry.number else "")
        return Rich.join(", ", parts + [title, label, entry.publisher_place, _date(entry), where,
                                        _accessed_note(entry), _link(entry)])
    if kind == "interview":
        interviewer = f"interview by {N.note_names(entry.interviewers, style.edition)}" if entry.interviewers else "interview"
        return Rich.join(", ", parts + [title, interviewer, _container(entry, style), entry.publisher,
                                        _date(entry) if entry.issued else None, where, _link(entry)])
    if kind == "webpage":
        site = entry.container_title
        owner = entry.publisher if entry.publisher != site else None
        return Rich.join(", ", parts + [title, site, owner, entry.issued.long() if entry.issued else None,
                                        _accessed_note(entry) or (None if entry.issued else "n.d."), where, _link(entry)])
    # article-newspaper, article-magazine, wire-story (CMOS 14.191 ff.): page only as a locator or
    # for print newspapers where the note cites it.
    page = where or (entry.page if kind == "article-newspaper" else None)
    return Rich.join(", ", parts + [title, _container(entry, style), _date(entry), page,
                                    _accessed_note(entry) if not entry.issued else None, _link(entry)])


def short_note_body(entry: Entry, locator: str | None = None, style: Style = Style()) -> Rich:
    """Surname(s), short title, locator (CMOS 14.29–32); unsigned works by short title alone."""
    return Rich.join(", ", [_short_lead(entry, style), _title(entry, style, short=True), _locator(locator)])


def _short_lead(entry: Entry, style: Style) -> str | None:
    people, _ = _author_role(entry)
    if people:
        return N.short_names(people, style.edition)
    if entry.type == "press-release" and entry.publisher:
        return entry.publisher
    if entry.type == "webpage":
        return entry.publisher or entry.container_title  # the site's owner, as in "Google, “Privacy Policy.”" (14.206)
    return None


def consecutive_note_body(entry: Entry, locator: str, style: Style = Style()) -> Rich:
    """The same work as the note just before: "Lake, 5." (CMOS 14.34); unsigned works keep the short title."""
    lead = _short_lead(entry, style)
    if lead is None:
        return short_note_body(entry, locator, style)
    return Rich.join(", ", [lead, _locator(locator)])


def ibid_body(locator: str | None) -> Rich:
    return Rich.join(", ", ["Ibid.", _locator(locator)]) if locator else Rich("Ibid.")


# -- bibliography ----------------------------------------------------------------------------------


def bibliography_body(entry: Entry, style: Style = Style()) -> Rich:
    lead = lead_bibliography(entry, style)
    kind = entry.type
    title = _title(entry, style)
    link = _link(entry)
    accessed = f"Accessed {entry.accessed.long()}" if entry.issued is None and entry.accessed else None
    blocks: list = [lead, title]
    if kind in ("book", "report"):
        blocks += [*_contributors_bibliography(entry, style), _capitalised(_edition(entry) or ""), _series(entry),
                   _publication_facts(entry, style), link]
    elif kind == "chapter":
        editors = f", edited by {N.note_names(entry.editors, 17)}" if entry.editors else ""
        pages = f", {page_range(entry.page)}" if entry.page else ""
        blocks += [Rich("In ", _container(entry, style), editors, pages), _publication_facts(entry, style), link]
    elif kind == "thesis":
        blocks += [", ".join(p for p in (entry.genre, entry.publisher, entry.issued.year_text() if entry.issued else "n.d.") if p), link]
    elif kind == "transcript":
        facts = ", ".join(p for p in (entry.genre, entry.event_title, entry.publisher, entry.event_place, _date(entry)) if p)
        blocks += [_capitalised(facts), link]
    elif kind == "article-journal":
        issue = _journal_issue(entry)
        blocks += [issue + (f": {page_range(entry.page)}" if entry.page else ""), link]
    elif kind == "press-release":
        label = "Press release" + (f" {entry.number}" if entry.number else "")
        blocks += [", ".join(p for p in (label, entry.publisher_place, _date(entry)) if p), accessed, link]
    elif kind == "interview":
        interviewer = f"Interview by {N.note_names(entry.interviewers, 17)}" if entry.interviewers else "Interview"
        blocks += [interviewer, Rich.join(", ", [_container(entry, style), entry.publisher,
                                                 _date(entry) if entry.issued else None]), link]
    elif kind == "webpage":
        site = entry.container_title if (lead is None or lead.plain() != entry.container_title) else None
        blocks += [site, entry.issued.long() if entry.issued else (accessed or "n.d."), link]
    else:
        container = _container(entry, style)
        if lead is not None and container and lead.plain() == container.plain():
            blocks += [_date(entry), accessed, link]  # unsigned: the paper already leads
        else:
            blocks += [Rich.join(", ", [container, _date(entry)]), accessed, link]
    return _join_blocks(blocks)


def _join_blocks(blocks) -> Rich:
    """Bibliography elements are separated by periods (CMOS 14.21)."""
    out: list = []
    for block in blocks:
        if not block:
            continue
        if out:
            out.append(". ")
        out.append(block)
    return Rich(*out)


def finish(body: Rich) -> Rich:
    """The final period, and the punctuation rules (commas and periods inside quotes, ?/! absorbing)."""
    return normalise(Rich(body, "."))


def bibliography_sort_key(entry: Entry) -> tuple:
    """By the first element as printed, ignoring A/An/The and an Arabic al- (CMOS 14.66, 8.14)."""
    from dossiercli.ids import ascii_fold

    people, _ = _author_role(entry)
    if people:
        first = N.sort_key(people[0])
    else:
        lead = lead_bibliography(entry, Style())
        first = lead.plain() if lead else entry.title
    first = first.lstrip("“‘\"'")
    for article in ("a ", "an ", "the "):
        if first.lower().startswith(article):
            first = first[len(article):]
            break
    return (ascii_fold(first).casefold(), ascii_fold(entry.title).casefold())
