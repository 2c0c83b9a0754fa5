"""The fields Chicago leaves out, per entry type, each with its section of the Manual.

`tests/test_chicago_coverage.py` sets every field the model allows on a realistic entry of
every type, in both editions and all five note modes: a field must change the full note, the
short note or the bibliography entry, or stand in this table. docs/chicago.md prints it
("Fields left out"). Sections are CMOS 17's; "" where we could not check the
paragraph against the Manual.
"""

from __future__ import annotations

from dataclasses import dataclass

NEWS = ("article-newspaper", "article-magazine", "wire-story")
PERIODICALS = ("article-journal", *NEWS, "review")
LEGAL = ("legal-case", "legislation", "hearing", "treaty")  # treaty: issue 27 (interchange)
UNPUBLISHED = ("letter", "manuscript", "document", "interview")
MEDIA = ("video", "podcast")
BOOKLIKE = ("book", "report", "chapter")
WEB = ("webpage", "blog-post", "social-media-post")


def _all_but(*kept: str) -> tuple[str, ...]:
    from dossiercli.model.entry import ENTRY_TYPES

    return tuple(name for name in ENTRY_TYPES if name not in kept)


@dataclass(frozen=True, slots=True)
class Omission:
    fields: tuple[str, ...]
    types: tuple[str, ...] | None  # None: every type
    section: str
    why: str
    editions: tuple[int, ...] = (17, 18)
    modes: tuple[str, ...] | None = None  # None: every mode


OMITTED: tuple[Omission, ...] = (
    # -- for every type: what a dossier or a library keeps, not a fact a reader needs to find the work
    Omission(
        ("tags", "excerpts", "note", "abstract", "extra", "citation-key"),
        None,
        "14.2",
        "the dossier's or the library's own: a citation gives what a reader needs to find the source",
    ),
    Omission(
        ("ISBN", "ISSN", "PMID", "PMCID"),
        None,
        "14.6–14.8",
        "a DOI, else a URL, is the identifier a citation gives; catalogue numbers are left out",
    ),
    Omission(
        ("archive_url",),
        None,
        "14.7",
        "the source's own URL is cited; the archived copy is the link checker's fallback",
    ),
    Omission(
        ("language",),
        None,
        "11.6",
        "not printed: it decides whether a title is recast in headline style (non-English titles keep theirs)",
    ),
    Omission(
        ("container-title-short",),
        None,
        "14.172",
        "journal and book titles are given in full in notes-bibliography style",
    ),
    Omission(("number-of-pages",), None, "14.100", "a book's page count is not among its elements"),
    Omission(("scale",), None, "14.236", "a map's scale belongs to maps, which the model has no type for "),
    Omission(("collection-editor",), None, "14.123", "the editor of a series is usually omitted"),
    Omission(
        ("contributor", "illustrator", "organizer", "chair", "executive-producer", "composer"),
        None,
        "14.103",
        "Chicago names authors, editors, translators and compilers; other roles only in the role's own "
        "forms (a film's director, 14.265; a podcast's host, 14.267)",
    ),
    Omission(
        ("jurisdiction",),
        _all_but("patent"),
        "14.276",
        "the court (`authority`) carries the jurisdiction (Bluebook form); a patent's country is printed (14.158)",
    ),
    Omission(
        ("chapter-number",),
        _all_but("chapter", "paper-conference"),
        "14.106",
        "a chapter number belongs to a chapter (“chap. 7 in *Book*”); for other types it is a locator of the note",
    ),
    Omission(
        ("original-title",),
        None,
        "14.114",
        "a reprint gives the original facts of publication, not the original title",
    ),
    Omission(
        ("original-publisher", "original-publisher-place"),
        _all_but("book", "report", "chapter"),
        "14.114",
        "the original publisher of a reprint: “(London: Breitkopf & Härtel, 1911; repr., New York: Dover, 1966)”",
    ),
    # -- per type
    Omission(
        ("title", "title-short", "genre"),
        ("letter",),
        "14.222",
        "a letter is named by writer, recipient and date, not by a title",
    ),
    Omission(
        ("title-short",),
        ("encyclopedia-entry",),
        "14.232",
        "an entry's short note repeats s.v. and its headword in full",
    ),
    Omission(
        ("author", "editor", "translator", "compiler"),
        LEGAL,
        "14.269",
        "legal documents are cited by their names (Bluebook)",
    ),
    Omission(
        ("container-author",),
        _all_but("chapter", "paper-conference"),
        "14.110",
        "the author of the book that holds a part is named only for a chapter in another's book",
    ),
    Omission(
        ("container-title",),
        (
            "book",
            "report",
            "thesis",
            "manuscript",
            "document",
            "letter",
            "patent",
            "dataset",
            "artwork",
            "hearing",
            "press-release",
            "transcript",
        ),
        "14.100",
        "a work that stands alone has no container; a series goes in `collection-title`",
    ),
    Omission(
        ("collection-title", "collection-number"),
        _all_but(
            "book",
            "report",
            "chapter",
            "article-journal",
            "letter",
            "manuscript",
            "document",
            "interview",
            "podcast",
            "paper-conference",
            "map",
        ),
        "14.123",
        "series are given for books, journals (a journal's series, 14.180), archival collections and shows",
    ),
    Omission(
        ("publisher",),
        (
            "article-journal",
            "article-newspaper",
            "article-magazine",
            "review",
            "social-media-post",
            "artwork",
            "patent",
            "letter",
            "legal-case",
            "legislation",
        ),
        "14.171",
        "a periodical or platform is cited without its publisher; a patent by its number; a reference work given "
        "with its publisher is cited with its facts (14.234)",
    ),
    Omission(
        ("publisher-place",),
        (
            "wire-story",
            "review",
            "thesis",
            "webpage",
            "blog-post",
            "social-media-post",
            "podcast",
            "encyclopedia-entry",
            "artwork",
            "patent",
            "dataset",
            *LEGAL,
            "interview",
        ),
        "14.171, 14.206",
        "a place is given for books (17th edition), newspapers that share a name, releases and archives only",
    ),
    Omission(
        ("collection-number",),
        ("article-journal", "letter", "manuscript", "document", "interview", "podcast"),
        "14.180, 14.222",
        "a journal's series and an archival collection are named, not numbered",
    ),
    Omission(
        ("publisher-place",),
        ("book", "report", "chapter", "video"),
        "18th 14.30",
        "the 18th edition drops the place of publication for books published after 1900",
        editions=(18,),
    ),
    Omission(
        ("genre",),
        (
            "book",
            "chapter",
            "article-journal",
            "blog-post",
            "encyclopedia-entry",
            "artwork",
            "patent",
            "review",
            "interview",
            "legal-case",
            "legislation",
        ),
        "14.100",
        "a book, article or entry says what it is by its form; a work of art's kind is its medium (14.235)",
    ),
    Omission(
        ("genre",),
        ("video",),
        "14.265",
        "a film is described by its medium (DVD); a video on a platform by its kind (“YouTube video”, 14.267)",
    ),
    Omission(
        ("section",),
        _all_but("review", "article-newspaper", "legal-case", "legislation"),
        "14.191",
        "a section is given for newspapers only",
    ),
    Omission(
        ("issue",),
        _all_but("article-journal", "review", "video", "podcast"),
        "14.171",
        "issue numbers are given for journals; magazines and papers are cited by date",
    ),
    Omission(
        ("volume",),
        _all_but(
            "book", "report", "chapter", "article-journal", "review", "legal-case", "legislation", "video", "treaty"
        ),
        "14.171, 14.121",
        "volumes are given for journals, multivolume books and reporters",
    ),
    Omission(
        ("volume-title",),
        _all_but("book", "report", "chapter", "video"),
        "14.121",
        "the title of one volume belongs to multivolume books (and a television episode, 14.265)",
    ),
    Omission(("part-number",), _all_but("book", "report", "chapter"), "14.121", "parts belong to multivolume books"),
    Omission(
        ("number-of-volumes",),
        _all_but("book", "report"),
        "14.117",
        "the number of volumes is given for a multivolume work cited whole",
    ),
    Omission(
        ("edition",),
        _all_but("book", "report", "chapter", "encyclopedia-entry", "paper-conference", "map", "standard"),
        "14.113",
        "editions are given for books and reference works",
    ),
    Omission(
        ("number",),
        _all_but(
            "report",
            "press-release",
            "patent",
            "dataset",
            "legislation",
            "video",
            "podcast",
            "preprint",
            "standard",
            "broadcast",
        ),
        "14.123",
        "a number in a series is `collection-number`; `number` is a report's, release's, patent's, data set's or law's own",
    ),
    Omission(
        ("page",),
        (
            *NEWS[1:],
            "webpage",
            "blog-post",
            "social-media-post",
            "video",
            "podcast",
            "artwork",
            "patent",
            "dataset",
            "press-release",
            "interview",
            "transcript",
            "thesis",
            "letter",
            "manuscript",
            "document",
            "book",
            "report",
            "encyclopedia-entry",
            "review",
            "hearing",
        ),
        "14.171, 14.191",
        "a page range is given for articles in journals and chapters; for others the note's locator is the page",
    ),
    Omission(
        ("page",),
        ("article-newspaper",),
        "14.191",
        "a newspaper's page is given in a full note only; the bibliography omits it",
        modes=("18-short",),
    ),
    Omission(("version",), _all_but("dataset", "software"), "14.257", "versions are given for data and software"),
    Omission(("submitted",), _all_but("patent"), "14.158", "the date of filing belongs to patents"),
    Omission(
        ("event-title", "event-place", "event-date"),
        _all_but("transcript"),
        "14.217",
        "an event is the setting of a speech or paper",
    ),
    Omission(
        ("status",),
        ("artwork", "encyclopedia-entry", "interview", "patent", *LEGAL),
        "14.146",
        "“forthcoming” stands in for the date of a work under contract; these are dated or undated as they are",
    ),
    Omission(("interviewer",), _all_but("interview", "podcast"), "14.213", "an interviewer belongs to interviews"),
    Omission(
        ("accessed",),
        LEGAL,
        "14.269",
        "legal documents are cited by reporter, code or congress, without an access date (Bluebook)",
    ),
    Omission(("recipient",), _all_but("letter"), "14.222", "a recipient belongs to letters"),
    Omission(
        ("reviewed-title", "reviewed-author"), _all_but("review"), "14.202", "the reviewed work belongs to reviews"
    ),
    Omission(
        ("director", "producer", "performer", "host", "guest"),
        _all_but(*MEDIA, "broadcast"),
        "14.265, 14.267",
        "credits belong to films, broadcasts and recordings",
    ),
    Omission(
        ("dimensions",),
        _all_but("artwork", *MEDIA, "map"),
        "14.235, 14.265",
        "size and running time belong to works of art and recordings",
    ),
    Omission(
        ("medium",),
        _all_but("artwork", "interview", *MEDIA, "software", "song", "broadcast"),
        "14.235, 14.265",
        "a medium is given for art, recordings and transcripts of interviews; print or online goes unsaid",
    ),
    Omission(
        ("archive_location",),
        ("artwork",),
        "14.235",
        "a work of art is placed by its museum and city; an accession number is left out",
    ),
    Omission(
        ("archive", "archive-place", "archive_location"),
        _all_but(*UNPUBLISHED, "artwork"),
        "14.221",
        "a published work is cited by its publication, not where a copy is kept",
    ),
    Omission(
        ("authority",),
        _all_but(*LEGAL, "patent", "treaty"),
        "14.269",
        "an authority (court, Congress, patent office) belongs to legal documents and patents",
    ),
    Omission(
        ("translator",),
        (
            "artwork",
            "patent",
            "dataset",
            "social-media-post",
            "letter",
            "interview",
            "press-release",
            "review",
            *MEDIA,
            "broadcast",
            "map",
            "preprint",
            "software",
            "song",
            "standard",
            "treaty",
        ),
        "14.103",
        "a translator is given for translated text",
    ),
    Omission(
        ("original-date",),
        _all_but("book", "report", "chapter", "manuscript", "document", "video"),
        "14.114",
        "an original date is given for reprints and films re-released",
    ),
    Omission(
        ("compiler",),
        _all_but("book", "report", "chapter", "paper-conference"),
        "14.103",
        "compilers are named for books and chapters, like editors",
    ),
    Omission(
        ("editor",),
        _all_but(
            "book",
            "report",
            "chapter",
            "video",
            "podcast",
            "webpage",
            "press-release",
            "encyclopedia-entry",
            "paper-conference",
            "standard",
            "broadcast",
        ),
        "14.103",
        "editors and compilers are named for books and chapters (and stand first where there is no author); "
        "a periodical's or a web site's editor is not named",
    ),
    # -- the kinds issue 27 (interchange) added, as their forms in notes.py print them
    Omission(
        ("genre",),
        ("broadcast", "paper-conference", "software", "song", "standard"),
        "14.100",
        "a recording, program, paper in proceedings or standard says what it is by its form",
    ),
    Omission(
        ("page",),
        ("broadcast", "map", "preprint", "software", "song", "standard"),
        "14.100",
        "a work that stands alone is cited by its locator, not a page range",
    ),
    Omission(
        ("publisher-place",),
        ("broadcast", "preprint", "song", "treaty"),
        "14.263, 14.265",
        "a label, network or repository is named without its place",
    ),
    Omission(("status",), ("broadcast", "song"), "14.146", "recordings and broadcasts are dated as they are"),
    Omission(
        ("container-title",),
        ("map", "software", "standard"),
        "14.100",
        "a map, program or standard that stands alone has no container",
    ),
    Omission(("publisher", "genre"), ("treaty",), "14.269", "a treaty is cited by its parties, date and treaty series"),
    Omission(
        ("original-publisher-place",),
        ("book", "report", "chapter"),
        "18th 14.30",
        "the 18th edition drops the place of publication, the original's as the reprint's",
        editions=(18,),
    ),
    Omission(
        ("publisher-place",),
        ("paper-conference", "software"),
        "18th 14.30",
        "the 18th edition drops the place of publication for books published after 1900",
        editions=(18,),
    ),
    Omission(
        ("dimensions",),
        ("map",),
        "14.237",
        "a map's size is given in the note only (open: the bibliography entry should carry it too)",
        modes=("18-short",),
    ),
)

# Fields that take the place of another when both are given; the coverage test leaves them out to see the other.
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "URL": ("DOI",),  # a DOI is preferred to a URL (14.8)
    "accessed": ("issued",),  # an access date only where there is no date of publication (14.12)
    "status": ("issued",),  # "forthcoming" in place of a date (14.146)
    "event-date": ("issued",),  # the date of the event where the item has no date of its own (14.217)
    "number": ("collection-number", "collection-title"),  # a report's own number where it is in no series (14.220)
    "transcript.publisher-place": ("event-place",),  # the place of the event first (14.217)
    "podcast.collection-title": ("container-title",),  # a podcast's series stands for a missing show name
    "legislation.section": ("page",),  # a code's section stands where a first page would (Bluebook 12)
    "legal-case.section": ("page",),
    "patent.jurisdiction": ("authority",),  # the country where no office is given (14.158)
    # the repository: arXiv as container, else as publisher
    "preprint.publisher": ("container-title",),
    # an agency that is author and publisher is named once in the 18th edition (14.84 names it twice)
    "map.publisher": ("author",),
    "genre": ("collection-title",),  # a report's kind where it is in no series
}


# Fields printed only together with another (a series number with its series): the coverage test sets both.
REQUIRES: dict[str, tuple[str, ...]] = {
    # "Iraq Report 12" (14.123)
    "collection-number": ("collection-title",),
    # a review in a journal: volume and issue (14.171)
    "review.issue": ("volume",),
    # a reference work given with its facts (14.234)
    "encyclopedia-entry.editor": ("publisher",),
    # a season is given for a television episode (14.265)
    "video.volume": ("volume-title",),
    # the original facts of a reprint (14.114)
    "original-publisher-place": ("original-publisher",),
}


def related(table: dict[str, tuple[str, ...]], type_name: str, key: str) -> tuple[str, ...]:
    """The row of PRECEDENCE or REQUIRES for a field of a type ("type.field" before "field")."""
    return table.get(f"{type_name}.{key}", table.get(key, ()))


def omission(type_name: str, key: str, edition: int | None = None, mode: str | None = None) -> Omission | None:
    """The row of `OMITTED` that leaves `key` out of citations of `type_name` (in `edition` and `mode`), if any."""
    for row in OMITTED:
        if key in row.fields and (row.types is None or type_name in row.types):
            if (edition is None or edition in row.editions) and (row.modes is None or mode in row.modes):
                return row
    return None


def markdown_table() -> str:
    """The table as docs/chicago.md prints it (tests/test_chicago_coverage.py keeps the two equal)."""
    from dossiercli.model.entry import ENTRY_TYPES

    lines = ["| fields | types | section | why |", "|---|---|---|---|"]
    for row in OMITTED:
        if row.types is None:
            types = "every type"
        else:
            others = [name for name in ENTRY_TYPES if name not in row.types]
            types = ", ".join(row.types) if len(row.types) <= len(others) else "every type but " + ", ".join(others)
        if row.editions != (17, 18):
            types += f" ({', '.join(map(str, row.editions))}th edition)"
        if row.modes:
            types += f" (mode {', '.join(row.modes)})"
        fields = ", ".join(f"`{key}`" for key in row.fields)
        lines.append(f"| {fields} | {types} | {row.section} | {row.why} |")
    return "\n".join(lines) + "\n"
