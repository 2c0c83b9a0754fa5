"""Which rule placed each element of a note, and the section of the Manual behind it (`--explain`).

One table, `RULES`: rule id -> the CMOS 17 section, the 18th edition's where we know it differs,
and a one-line description. The builders in `notes.py` tag what they emit with a rule id
(`@placed("edition")` on the helper that writes "2nd ed."), the tag travels with the text as
`Span.rule` (inside `explaining()` only: tagging costs time), and `explain` reads it back: so `dossier cite --explain`, docs/chicago.md's rule
index (generated from this table and tested) and the code say the same thing.

A rule whose `cmos17` is None is placed by the form of the entry's type ("the date as a press
release's form places it"): its section is the form's, `form.<type>`. Every piece of text a
builder emits is tagged at least with its type's form; the most specific rule wins. Sections
marked `verified=False` are our reading of the Manual, with the paragraph number not checked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from dossiercli.chicago.richtext import Rich, Span, with_rule


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    cmos17: str | None  # None: the section of the type's form
    description: str
    cmos18: str | None = None  # where the 18th edition's section differs and we know it
    verified: bool = True

    def section(self, edition: int = 17) -> str | None:
        """The section for `edition`; for the 18th where we have not recorded its own, the 17th's, said so."""
        if edition == 18 and self.cmos18:
            return self.cmos18
        return f"{self.cmos17} (17th ed.)" if edition == 18 and self.cmos17 else self.cmos17


_TABLE: tuple[Rule, ...] = (
    # -- which form a citation takes
    Rule("position.first", "14.20", "the first citation of a work: a full note", "13.18"),
    Rule(
        "position.first-short",
        "14.29–14.30",
        "a first citation in a short note (18th-edition shortened notes)",
        "13.28",
    ),
    Rule("position.subsequent", "14.29–14.32", "a later citation: the short note, surname(s), short title, locator"),
    Rule(
        "position.consecutive",
        "14.34",
        "the work of the note just before, cited again: the author and locator, title left out",
        "13.37",
    ),
    Rule("position.ibid", "14.34", "“Ibid.” for the single work of the note just before", "13.37"),
    Rule(
        "position.bibliography",
        "14.61–14.67",
        "a bibliography entry: first author inverted, elements closed by periods",
    ),
    Rule("note.several", "14.28", "several works in one note, separated by semicolons"),
    # -- who stands first
    Rule(
        "names.note",
        "14.76",
        "authors in a note, given name first; one to three in full, four or more: the first and “et al.”"
        " (18th: up to two, three or more “et al.”)",
        "13.23",
    ),
    Rule(
        "names.bibliography",
        "14.76",
        "authors in a bibliography entry, the first inverted; up to ten, more: the first seven and “et al.”"
        " (18th: up to six, more: three and “et al.”)",
        "13.23",
    ),
    Rule("names.short", "14.32", "surnames only in a short note; “ed.” dropped"),
    Rule("names.editors", "14.103", "editors in the authors’ place, with “ed.”/“eds.” (“ed. and trans.”, 14.104)"),
    Rule(
        "names.issuer",
        "14.200",
        "the issuing organisation stands as author (an agency may, 14.200); one that is author and publisher"
        " is named twice under the 17th edition, as its own example at 14.84 does, and once, as author, under"
        " the 18th (our reading)",
    ),
    Rule("names.stand-in.news", "14.207", "unsigned news: the paper or agency stands in the author’s place"),
    Rule("names.stand-in.web", "14.205–14.206", "a web page without an author: its owner or site stands first"),
    Rule(
        "names.channel",
        "14.267",
        "the channel that posted an unsigned online video stands as its author",
        verified=False,
    ),
    Rule(
        "names.particles",
        "8.5, 8.14, 16.76",
        "particles: an Arabic al- after the given name, ignored in sorting",
        "15.83",
    ),
    Rule("names.initials", "10.12", "initials take periods"),
    Rule("names.suffix", "6.43, 14.74", "Jr. after the name in notes, after the given name in a bibliography"),
    # -- titles
    Rule("title.quoted", None, "the title of a part or short work (article, chapter, page, post) in quotation marks"),
    Rule("title.italic", None, "the title of a work published on its own (book, report, film, data set) in italics"),
    Rule("title.roman", None, "a title in roman: a legal name, a patent, a letter’s description"),
    Rule(
        "title.short",
        "14.33",
        "the short title: title-short, else the main title without A/An/The, four words or so, cut at a phrase boundary",
    ),
    Rule("title.post", "14.209", "a post’s own words, up to 160 characters, stand for its title, as written"),
    Rule(
        "title.headline",
        "8.159–8.161",
        "headline-style capitals in English titles (as-given keeps the source’s; other languages keep theirs, 11.6)",
    ),
    Rule("title.inner-quotes", "13.30", "quotation marks inside a quoted title become single"),
    Rule("title.description", None, "what an untitled work is (interview, press release, letter)"),
    # -- where it appeared
    Rule(
        "container.newspaper",
        "14.191",
        "the newspaper or magazine in italics; an initial The is omitted (kept when titles are as-given)",
    ),
    Rule(
        "container.newspaper.as-given",
        "14.191",
        "the newspaper in italics, an initial The kept as the source prints it",
    ),
    Rule("container.agency", "8.171, 14.200", "a news agency in roman"),
    Rule("container.journal", "14.171", "the journal’s name in italics, headline style"),
    Rule("container.book", "14.106–14.110", "the book that holds the chapter: “in *Book*”, its edition (14.112)"),
    Rule("container.site", "14.205–14.206", "a website’s name in roman"),
    Rule("container.program", "14.213", "the program or publication that carried an interview"),
    Rule("container.other", None, "the work or platform that holds this one"),
    Rule("place.paper", "14.193", "the place that tells a paper apart: *Times* (London)"),
    Rule("journal.issue", "14.171", "volume, issue and date (month or season and year): pages"),
    Rule("journal.series", "14.180", "a journal in a series: “*Proceedings …*, 2nd ser., 10”", verified=False),
    Rule("blog", "14.208", "the blog’s name in italics with “(blog)”, then the publication it belongs to"),
    Rule("platform", "14.209", "the platform and the kind of post: Twitter, Instagram photo, YouTube video"),
    Rule("podcast.show", "14.267", "the show in italics, then “(podcast)”", verified=False),
    # -- facts of publication
    Rule("date", None, "the date of publication where the form puts it; “n.d.” when there is none"),
    Rule("date.news", "14.191", "the full date of a news item: month, day, year"),
    Rule("date.forthcoming", "14.146", "“forthcoming” in place of a date"),
    Rule("reprint", "14.114", "a reprint: the original date, then “repr.” and the reprint’s facts"),
    Rule("accessed", "14.12", "an access date, only where there is no date of publication, right before the URL"),
    Rule("link", "14.6–14.8", "the DOI as https://doi.org/…, else the URL, last", verified=False),
    Rule("edition", "14.113", "the edition after the title: “2nd ed.”"),
    Rule("volumes.count", "14.117", "the number of volumes of a multivolume work cited whole: “3 vols.”"),
    Rule("volume", "14.119–14.121", "one volume of a multivolume work: “vol. 2, *Volume Title*”"),
    Rule("contributors", "14.103–14.104", "editor and translator after the title: “ed.”, “trans.”; “Edited by”"),
    Rule("series", "14.123", "a series in roman, with its number; a report’s number (14.220)"),
    Rule(
        "publication-facts",
        "14.100",
        "the facts of publication: (Place: Publisher, Year); the 18th drops the place for books after 1900",
        "14.30–14.31",
    ),
    Rule("locator", None, "the page or other locator cited (a news note’s page is optional, 14.191)"),
    Rule("range", "9.64", "an en dash in number ranges, inclusive numbers abbreviated (165–76)"),
    # -- kinds of works
    Rule("news.kind", "14.267", "what a news item is when not an article: “video, 2:01”", verified=False),
    Rule("release.label", "14.200", "“press release” (or its genre) and its number"),
    Rule("speech.facts", "14.216–14.218", "(kind, occasion, sponsor, place, date) of a speech or briefing"),
    Rule("interview.by", "14.213–14.214", "“interview by” the interviewer"),
    Rule("letter.lead", "14.111, 14.222", "writer to recipient, standing for a title"),
    Rule("unpublished.kind", "14.221–14.225", "what an unpublished item is: “unpublished manuscript”, “memorandum”"),
    Rule("archive", "14.221–14.222", "where it is kept: box or folder, collection, repository, place"),
    Rule("credits", "14.265", "“directed by”, “hosted by”, “produced by”"),
    Rule("episode.number", "14.265", "season and episode of a program, or the number of an episode"),
    Rule("version", None, "the version of a data set or a piece of software"),
    Rule("running", "14.265–14.267", "the medium and running time: “DVD”, “YouTube video, 3:12”", verified=False),
    Rule("review.of", "14.202", "“review of *Work*, by Author”"),
    Rule("reference.revised", "14.233", "an online reference work’s revision date, else its access date"),
    Rule("artwork.held", "14.235", "where a work of art is: collection, place"),
    Rule("patent.number", "14.258", "the patent’s office and number, filing and issue dates", verified=False),
    Rule("thesis.facts", None, "(PhD diss., University, Year)"),
    Rule("ibid", "14.34", "“Ibid.”, with the locator when it differs", "13.37"),
    Rule(
        "citation.prefix",
        "14.36",
        "the writer’s words before or after a citation: “See”, “emphasis added”",
        verified=False,
    ),
    # -- typography applied throughout
    Rule(
        "punctuation.quotes",
        "6.9–6.10",
        "periods and commas inside closing quotation marks; colons and semicolons outside",
    ),
    Rule(
        "punctuation.question",
        "6.119",
        "a title’s own ? or ! takes the place of a period; a comma is kept (14.96’s example)",
    ),
    Rule("quotes.typographic", "6.115, 7.30", "typographic quotation marks and apostrophes in every field"),
    Rule("bibliography.capital", "14.21", "each element of a bibliography entry begins with a capital"),
    Rule(
        "bibliography.order",
        "14.66–14.67",
        "sorted by the first element; a repeated author may become a 3-em dash",
        "13.73",
    ),
    # -- the form of each type: where an element with no section of its own takes its section from
    Rule("form.book", "14.100", "a book: author, *Title*, (facts of publication), page"),
    Rule("form.report", "14.220", "a report, treated like a book, in its numbered series"),
    Rule("form.chapter", "14.106–14.108", "a chapter: “Title,” in *Book*, ed. Name (facts), pages"),
    Rule("form.thesis", None, "a thesis: “Title” (PhD diss., University, Year)"),
    Rule(
        "form.transcript",
        "14.216–14.218",
        "a speech, briefing or press conference: “Title” (kind, occasion, place, date)",
    ),
    Rule(
        "form.article-journal", "14.168–14.175", "a journal article: “Title,” *Journal* volume, no. issue (date): pages"
    ),
    Rule("form.article-magazine", "14.188–14.190", "a magazine article: “Title,” *Magazine*, date"),
    Rule("form.article-newspaper", "14.191", "a newspaper article: “Headline,” *Paper*, date, page (optional)"),
    Rule("form.wire-story", "8.171, 14.200", "a wire story: “Headline,” Agency, date"),
    Rule("form.press-release", "14.200", "a press release: Issuer, “Title,” press release number, place, date"),
    Rule("form.interview", "14.213–14.214", "an interview: Name, “Title,” interview by Name, *Program*, date"),
    Rule("form.webpage", "14.205–14.206", "a web page: “Title,” Site, Owner, date or access date, URL"),
    Rule("form.letter", "14.111, 14.221–14.222", "a letter: Writer to Recipient, date, collection, repository"),
    Rule("form.manuscript", "14.221–14.231", "an unpublished manuscript: “Title” (description, date), archive"),
    Rule("form.document", "14.221–14.231", "an unpublished document: “Title” (description, date), archive"),
    Rule("form.blog-post", "14.208", "a blog post: Author, “Title,” *Blog* (blog), date, URL"),
    Rule("form.social-media-post", "14.209", "a post: Author, “text of the post,” Platform, date, URL"),
    Rule(
        "form.video",
        "14.265–14.267",
        "a film or video: *Title*, directed by … (facts), medium; online: “Title,” platform",
    ),
    Rule("form.podcast", "14.267", "a podcast episode: “Title,” *Show* (podcast), host, date, length", verified=False),
    Rule("form.review", "14.202", "a review: Reviewer, “Title,” review of *Work*, by Author, *Periodical*, date"),
    Rule("form.encyclopedia-entry", "14.232–14.234", "a reference work: *Work*, s.v. “Entry”; signed: like a chapter"),
    Rule("form.artwork", "14.235", "a work of art: Artist, *Title*, year, medium, collection, place"),
    Rule("form.patent", "14.258", "a patent: Inventor, Title, office Patent number, filed and issued", verified=False),
    Rule(
        "form.dataset",
        "14.257",
        "a data set: Author, *Title*, version (data set), publisher, date, DOI",
        verified=False,
    ),
    Rule(
        "form.legal-case",
        "14.269–14.305",
        "a court case in the Bluebook’s form Chicago adopts: *Name*, reporter, (court year)",
    ),
    Rule(
        "form.legislation", "14.269–14.305", "a statute or bill in the Bluebook’s form: Name, Pub. L. No., Stat. (year)"
    ),
    Rule("form.hearing", "14.269–14.305", "a hearing: *Title*: Hearing Before the Committee, Congress page (year)"),
    # the kinds the interchange work adds (issue 27), with the sections their builders cite
    Rule(
        "form.paper-conference",
        "14.217",
        "a conference paper: in proceedings like a chapter; else (paper presented at …)",
    ),
    Rule("form.preprint", "14.218", "a preprint: “Title” (preprint, repository, date), URL", verified=False),
    Rule("form.software", "14.169", "software as a book, with its version", verified=False),
    Rule("form.map", "14.237", "a map as a book, with its scale and kind", verified=False),
    Rule("form.standard", "14.220", "a standard as a report, its number after the title", verified=False),
    Rule(
        "form.treaty", "14.304", "a treaty in the Bluebook’s form: Name, parties, date, treaty series", verified=False
    ),
    Rule("form.song", "14.263", "a recording: Performer, “Track,” on *Album*, Label, Year, medium", verified=False),
    Rule(
        "form.broadcast",
        "14.265",
        "a broadcast: “Episode,” *Program*, season, episode, aired on Network, Date",
        verified=False,
    ),
)
RULES: dict[str, Rule] = {rule.id: rule for rule in _TABLE}

# -- tagging (used by notes.py) ----------------------------------------------------------------------

_NEWS_PAPERS = frozenset({"article-newspaper", "article-magazine"})
_NEWS = frozenset({"article-newspaper", "article-magazine", "wire-story", "press-release"})
_FORM = "/"  # a tag is "rule/type" once the form of the entry's type has seen it


_EXPLAINING: ContextVar[bool] = ContextVar("explaining", default=False)


@contextmanager
def explaining() -> Iterator[None]:
    """Citations built inside carry their rules (tagging costs about a third more time, so it is done
    only when an explanation is asked for: `cite --explain`, `manuscript --explain`, the tests)."""
    token = _EXPLAINING.set(True)
    try:
        yield
    finally:
        _EXPLAINING.reset(token)


def placed(rule: str | Callable[..., str | None]):
    """Tag what a builder returns with `rule` (a rule id, or a function of the result and the builder's
    arguments that chooses one) wherever a more specific builder has not tagged it already."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            result = function(*args, **kwargs)
            if not _EXPLAINING.get():
                return result
            name = rule if isinstance(rule, str) else rule(result, *args, **kwargs)
            if isinstance(result, list):
                return [with_rule(part, name) for part in result]
            return with_rule(result, name)

        return wrapper

    return decorate


def typed(rich: Rich, entry_type: str) -> Rich:
    """`rich` with every tag knowing the entry's type (what `formed` does for the note builders): for the
    pieces built without an entry, such as "Ibid., 5.", whose locator takes its section from the form."""
    if not _EXPLAINING.get():
        return rich
    return Rich(
        *(
            s if not s.rule or _FORM in s.rule else Span(s.text, s.italic, s.url, f"{s.rule}{_FORM}{entry_type}")
            for s in rich.spans
        )
    )


def formed(function):
    """The last tag, on the public note and bibliography builders: every untagged piece is placed by the
    form of the entry's type, and every rule that takes its section from that form learns which it is."""

    @functools.wraps(function)
    def wrapper(entry, *args, **kwargs):
        result = function(entry, *args, **kwargs)
        if not _EXPLAINING.get():
            return result
        suffix = f"{_FORM}{entry.type}"
        form = f"form.{entry.type}{suffix}"
        return Rich.of_spans(
            Span(span.text, span.italic, span.url, form if not span.rule else span.rule + suffix)
            if not span.rule or _FORM not in span.rule
            else span
            for span in result.spans
        )

    return wrapper


def title_rule(result, entry, style=None, short: bool = False) -> str | None:
    if short:
        return "title.short"
    if entry.type == "social-media-post":
        return "title.post"
    spans = result.spans if isinstance(result, Rich) else ()
    if spans and spans[0].italic:
        return "title.italic"
    return "title.quoted" if result and result.plain().startswith("\u201c") else "title.roman"


def container_rule(result, entry, style=None, place: bool = True) -> str | None:
    if entry.type in _NEWS_PAPERS or (entry.type == "review" and not entry.volume):
        name = entry.container_title or ""
        as_given = style is not None and not style.headline and name.startswith("The ")
        return "container.newspaper.as-given" if as_given else "container.newspaper"
    return {
        "wire-story": "container.agency",
        "chapter": "container.book",
        "article-journal": "container.journal",
        "review": "container.journal",
        "interview": "container.program",
        "webpage": "container.site",
    }.get(entry.type, "container.other")


def lead_rule(result, entry, style=None, *, bibliography: bool = False, short: bool = False) -> str | None:
    if entry.authors:
        return "names.short" if short else "names.bibliography" if bibliography else "names.note"
    if entry.editors and entry.type != "chapter":
        return "names.short" if short else "names.editors"
    if entry.type in _NEWS and entry.type != "press-release":
        return "names.stand-in.news"
    if entry.type == "webpage":
        return "names.stand-in.web"
    return "names.issuer"


def date_rule(result, entry, *args, **kwargs) -> str:
    return "date.news" if entry.type in _NEWS else "date"


# -- reading the tags back ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a citation as printed, with the rule that placed it and the section for the edition."""

    text: str
    rule: Rule
    section: str | None
    entry_type: str | None = None

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "rule": self.rule.id,
            "section": self.section,
            "description": self.rule.description,
            "verified": self.rule.verified,
        }

    def line(self) -> str:
        where = f"CMOS {self.section}" if self.section else "section not recorded"
        mark = "" if self.rule.verified else " (paragraph not verified)"
        return f"{self.text} — {where}{mark}: {self.rule.description} [{self.rule.id}]"


_SEPARATORS = " ,;:.()"


def rule_of(tag: str | None) -> tuple[Rule | None, str | None]:
    """A span's tag as (rule, entry type); an unknown id is (None, type)."""
    if not tag:
        return None, None
    rule_id, _, entry_type = tag.partition(_FORM)
    return RULES.get(rule_id), entry_type or None


def section_for(rule: Rule, entry_type: str | None, edition: int = 17) -> str | None:
    own = rule.section(edition)
    if own or entry_type is None:
        return own
    form = RULES.get(f"form.{entry_type}")
    return form.section(edition) if form else None


def elements(rich: Rich, edition: int = 17) -> list[Element]:
    """The elements of a citation: each run of text placed by one rule, separators left out.
    Text no rule placed (the final period, a writer's own words) is left out too."""
    out: list[Element] = []
    runs: list[tuple[str | None, str]] = []
    for span in rich.spans:
        if runs and (runs[-1][0] == span.rule or not re.search(r"\w", span.text)):
            runs[-1] = (runs[-1][0], runs[-1][1] + span.text)  # a separator joins the element before it
        else:
            runs.append((span.rule, span.text))
    for tag, text in runs:
        rule, entry_type = rule_of(tag)
        text = re.sub(r"[.,](?=[\u201d\u2019]$)", "", text.strip(_SEPARATORS))  # “Title,” -> “Title”
        if rule is None or not re.search(r"\w", text):
            continue
        out.append(Element(text, rule, section_for(rule, entry_type, edition), entry_type))
    return out


def untagged(rich: Rich) -> list[str]:
    """Pieces of text with a letter or digit that no rule placed: what the coverage test forbids."""
    return [s.text for s in rich.spans if re.search(r"\w", s.text) and rule_of(s.rule)[0] is None]


POSITIONS = {
    "first": "position.first",
    "first-short": "position.first-short",
    "subsequent": "position.subsequent",
    "consecutive": "position.consecutive",
    "ibid": "position.ibid",
}


def position_rule(position: str, short_only: bool = False) -> Rule:
    """The rule behind the form a citation takes in its place in the text."""
    if position == "first" and short_only:
        position = "first-short"
    return RULES[POSITIONS[position]]


def typography(rich: Rich, headline: bool = True) -> list[Rule]:
    """The typographic rules the printed citation shows having applied."""
    text = rich.plain()
    found = []
    if headline and any(rule_of(s.rule)[0] and rule_of(s.rule)[0].id.startswith("title.") for s in rich.spans):  # type: ignore[union-attr]
        found.append(RULES["title.headline"])
    if re.search(r"[.,][\u201d\u2019]", text):
        found.append(RULES["punctuation.quotes"])
    if re.search(r"\u201c[^\u201d]*\u2018", text):
        found.append(RULES["title.inner-quotes"])
    if re.search(r"\d\u2013\d", text):
        found.append(RULES["range"])
    return found


# -- the documentation ---------------------------------------------------------------------------------


def markdown_table() -> str:
    """docs/chicago.md's rule index, generated from this table (tests/test_chicago_sections.py keeps it so)."""
    lines = ["| rule | CMOS 17 | CMOS 18 | what it places |", "|---|---|---|---|"]
    for rule in _TABLE:
        seventeen = rule.cmos17 or "the type’s form"
        if not rule.verified:
            seventeen += " (not verified)"
        lines.append(f"| `{rule.id}` | {seventeen} | {rule.cmos18 or ''} | {rule.description} |")
    return "\n".join(lines) + "\n"


SECTION = re.compile(r"\b(\d{1,2})\.(\d{1,3})(?:\s*[–-]\s*(?:\d{1,2}\.)?(\d{1,3}))?\b")


def section_numbers(text: str) -> set[str]:
    """Every section number a text names, both ends of a range: "14.29–32" -> {"14.29", "14.32"}."""
    found = set()
    for chapter, first, last in SECTION.findall(text):
        found.add(f"{chapter}.{first}")
        if last:
            found.add(f"{chapter}.{last}")
    return found


def _ranges(text: str) -> list[tuple[int, int, int]]:
    return [(int(chapter), int(first), int(last or first)) for chapter, first, last in SECTION.findall(text)]


def claimed(section: str) -> bool:
    """Whether some rule of the table claims `section` ("14.191"), in its sections, a range of them or
    its description: a section the docs cite and no rule claims is a drift `tests/test_chicago_sections.py` reports."""
    chapter, number = (int(part) for part in section.split("."))
    return any(
        c == chapter and first <= number <= last
        for rule in _TABLE
        for c, first, last in _ranges(f"{rule.cmos17 or ''} {rule.cmos18 or ''} {rule.description}")
    )


# -- the explanation of one citation, as data and as lines of text ---------------------------------------


def explain(
    text: Rich,
    edition: int = 17,
    positions: tuple[str, ...] | list[str] = (),
    *,
    short_only: bool = False,
    headline: bool = True,
) -> dict:
    """What `--explain` reports for one note or bibliography entry: the form each citation takes in its
    place (`positions`, none for a bibliography entry), then every element with its rule and section,
    then the typographic rules the text shows."""

    def rule_dict(rule: Rule, entry_type: str | None = None) -> dict:
        return {
            "rule": rule.id,
            "section": section_for(rule, entry_type, edition),
            "description": rule.description,
            "verified": rule.verified,
        }

    if positions:
        forms = [{"position": p, **rule_dict(position_rule(p, short_only))} for p in positions]
    else:
        forms = [{"position": "bibliography", **rule_dict(RULES["position.bibliography"])}]
    if len(positions) > 1:
        forms.append({"position": "several", **rule_dict(RULES["note.several"])})
    return {
        "forms": forms,
        "elements": [element.as_dict() for element in elements(text, edition)],
        "typography": [rule_dict(rule) for rule in typography(text, headline)],
    }


def explain_lines(explained: dict, indent: str = "   ") -> list[str]:
    """The explanation as lines of text: forms, elements, typography."""

    def where(item: dict) -> str:
        section = f"CMOS {item['section']}" if item["section"] else "section not recorded"
        return section + ("" if item["verified"] else " (paragraph not verified)")

    lines = [f"{indent}{item['position']}: {where(item)}, {item['description']}" for item in explained["forms"]]
    for item in explained["elements"]:
        lines.append(f"{indent}  {item['text']} — {where(item)}: {item['description']} [{item['rule']}]")
    for item in explained["typography"]:
        lines.append(f"{indent}  throughout — {where(item)}: {item['description']} [{item['rule']}]")
    return lines
