"""The entry: one source of a dossier, as every command sees it.

Field names follow the CSL-JSON vocabulary so CSL-JSON maps one to one; the few
dossier fields (`excerpts`, `tags`, `archive_url`, `note`) are documented in
docs/entry-format.md. An `Entry` is built once, at the edge, by `model.parse`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dossiercli.model.dates import PartialDate
from dossiercli.model.names import Name


@dataclass(frozen=True, slots=True)
class EntryType:
    name: str
    label: str
    required: tuple[str, ...]
    csl_type: str  # the CSL-JSON type it exports as
    csl_genre: str | None = None  # the CSL "genre" that marks it when the CSL type is broader
    # Fields the citation prints when they are known but can do without (Chicago's own examples omit a
    # publisher or date nobody knows: "n.d.", a report cited by its title alone); missing: a warning (W017).
    recommended: tuple[str, ...] = ()

    @property
    def asked(self) -> tuple[str, ...]:
        """What `add` asks for before writing (an author adding by hand knows the date and publisher)."""
        return self.required + self.recommended


ENTRY_TYPES: dict[str, EntryType] = {
    t.name: t
    for t in (
        EntryType(
            "article-newspaper",
            "newspaper article",
            ("title", "container-title"),
            "article-newspaper",
            recommended=("issued",),
        ),
        EntryType(
            "article-magazine",
            "magazine article",
            ("title", "container-title"),
            "article-magazine",
            recommended=("issued",),
        ),
        EntryType(
            "article-journal",
            "journal article",
            ("title", "container-title"),
            "article-journal",
            recommended=("issued",),
        ),
        EntryType(
            "wire-story",
            "wire story",
            ("title", "publisher"),
            "article-newspaper",
            "wire story",
            recommended=("issued",),
        ),
        # A release without a headline is cited by issuer, description, number and date (CMOS 17 14.200).
        EntryType(
            "press-release", "press release", ("publisher",), "article", "press release", recommended=("issued",)
        ),
        EntryType(
            "transcript", "briefing or press-conference transcript", ("title",), "speech", recommended=("issued",)
        ),
        # A report's issuer is its publisher (`institution`). A report, book or proceedings paper whose
        # publisher is not known is still cited (by its title, "n.d." for a missing date): a warning, not a refusal.
        EntryType("report", "report", ("title",), "report", recommended=("publisher",)),
        EntryType("book", "book", ("title",), "book", recommended=("publisher",)),
        EntryType(
            "chapter", "chapter in an edited book", ("title", "container-title"), "chapter", recommended=("publisher",)
        ),
        EntryType("webpage", "web page", ("title",), "webpage", recommended=("URL",)),
        # An unpublished interview has no title: "Name, interview by Name, date" (CMOS 17 14.213-14.214).
        EntryType("interview", "interview", ("author",), "interview"),
        EntryType(
            "thesis", "thesis or dissertation", ("title",), "thesis", recommended=("publisher", "genre", "issued")
        ),
        # Unpublished material (CMOS 17 14.211-14.232): a letter is writer, recipient and date.
        EntryType(
            "letter", "letter or memorandum", ("author",), "personal_communication", "letter", recommended=("issued",)
        ),
        EntryType("manuscript", "unpublished manuscript", ("title",), "manuscript"),
        EntryType("document", "unpublished document", ("title",), "document"),
        # Web content and media (CMOS 17 14.208-14.209, 14.261-14.268).
        EntryType("blog-post", "blog post", ("title", "container-title"), "post-weblog"),
        EntryType("social-media-post", "social-media post", ("author", "container-title"), "post"),
        EntryType("video", "video, film or broadcast", ("title",), "motion_picture"),
        EntryType("podcast", "podcast episode or audio recording", ("title",), "broadcast", "podcast"),
        # Reviews, reference works, art, patents, data (14.202, 14.232-14.235, 14.258).
        EntryType("review", "review", ("container-title",), "review"),
        EntryType(
            "encyclopedia-entry", "encyclopedia or dictionary entry", ("title", "container-title"), "entry-encyclopedia"
        ),
        EntryType("artwork", "painting, photograph or sculpture", ("title",), "graphic"),
        EntryType("patent", "patent", ("title", "number"), "patent"),
        EntryType("dataset", "data set", ("title",), "dataset"),
        # Legal and public documents, in the Bluebook forms Chicago adopts (14.269-14.305).
        EntryType("legal-case", "court case", ("title",), "legal_case"),
        EntryType("legislation", "statute or bill", ("title",), "legislation"),
        EntryType("hearing", "congressional hearing", ("title",), "hearing"),
        # Issue 27: kinds of work CSL 1.0.2 names that were folded into others (a software's version and a
        # conference paper's event were lost). Their Chicago forms: chicago/notes.py, the block marked issue 27.
        EntryType("paper-conference", "conference paper", ("title",), "paper-conference"),
        EntryType("preprint", "preprint or working paper", ("title",), "article", recommended=("issued",)),
        EntryType("software", "software", ("title",), "software"),
        EntryType("map", "map", ("title",), "map"),
        EntryType("standard", "standard", ("title",), "standard", recommended=("number",)),
        EntryType("treaty", "treaty or international agreement", ("title",), "treaty"),
        EntryType("song", "song, album or music recording", ("title",), "song"),
        EntryType("broadcast", "television or radio broadcast", ("title",), "broadcast"),
    )
}

# Scalar text fields: CSL key -> Entry attribute. Numbers given as TOML integers are kept as text.
TEXT_FIELDS: dict[str, str] = {
    "title": "title",
    "title-short": "title_short",
    "container-title": "container_title",
    "collection-title": "collection_title",
    "collection-number": "collection_number",
    "publisher": "publisher",
    "publisher-place": "publisher_place",
    "event-title": "event_title",
    "event-place": "event_place",
    "URL": "url",
    "DOI": "doi",
    "ISBN": "isbn",
    "page": "page",
    "volume": "volume",
    "issue": "issue",
    "number": "number",
    "edition": "edition",
    "section": "section",
    "genre": "genre",
    "medium": "medium",
    "language": "language",
    "note": "note",
    "archive_url": "archive_url",
    # Fields real libraries carry (Zotero, Better BibTeX, biblatex, publishers' CSL-JSON).
    "citation-key": "citation_key",  # the key a manuscript or another library knows this work by
    "volume-title": "volume_title",  # biblatex `maintitle`'s counterpart: the title of one volume
    "part-number": "part_number",
    "chapter-number": "chapter_number",
    "number-of-volumes": "number_of_volumes",
    "number-of-pages": "number_of_pages",
    "container-title-short": "container_title_short",
    "ISSN": "issn",
    "PMID": "pmid",
    "PMCID": "pmcid",
    "status": "status",  # "forthcoming", "in press"
    "version": "version",
    "archive": "archive",
    "archive_location": "archive_location",  # call number, box and folder
    "archive-place": "archive_place",
    "original-title": "original_title",
    "original-publisher": "original_publisher",
    "original-publisher-place": "original_publisher_place",
    "reviewed-title": "reviewed_title",
    "authority": "authority",
    "jurisdiction": "jurisdiction",
    "dimensions": "dimensions",
    "scale": "scale",
    "abstract": "abstract",
}
NUMBER_LIKE = frozenset(
    {
        "collection-number",
        "page",
        "volume",
        "issue",
        "number",
        "edition",
        "part-number",
        "chapter-number",
        "number-of-volumes",
        "number-of-pages",
        "version",
    }
)
DATE_FIELDS: dict[str, str] = {
    "issued": "issued",
    "accessed": "accessed",
    "original-date": "original_date",
    "event-date": "event_date",
    "submitted": "submitted",
}
NAME_FIELDS: dict[str, str] = {
    "author": "authors",
    "editor": "editors",
    "translator": "translators",
    "interviewer": "interviewers",
    "container-author": "container_authors",
    "collection-editor": "collection_editors",
    "compiler": "compilers",
    "contributor": "contributors",
    "director": "directors",
    "producer": "producers",
    "executive-producer": "executive_producers",
    "performer": "performers",
    "composer": "composers",
    "host": "hosts",
    "guest": "guests",
    "illustrator": "illustrators",
    "organizer": "organizers",
    "chair": "chairs",
    "recipient": "recipients",
    "reviewed-author": "reviewed_authors",
}
# `[extra]`: fields an imported record carried that the model has no place for, kept as text so they round-trip.
EXTRA_FIELD = "extra"
ALL_FIELDS: tuple[str, ...] = ("type", *TEXT_FIELDS, *DATE_FIELDS, *NAME_FIELDS, "tags", EXTRA_FIELD, "excerpts")
# The order fields are written in (by `add`, `import` and `fmt`): who and what, when, where, then ours.
CANONICAL_ORDER: tuple[str, ...] = (
    "type",
    "citation-key",
    "title",
    "title-short",
    "volume-title",
    "container-title",
    "container-title-short",
    "collection-title",
    "collection-number",
    "publisher",
    "publisher-place",
    "event-title",
    "event-place",
    "event-date",
    "genre",
    "status",
    "issued",
    "original-date",
    "submitted",
    "accessed",
    "URL",
    "DOI",
    "ISBN",
    "ISSN",
    "PMID",
    "PMCID",
    "volume",
    "number-of-volumes",
    "issue",
    "number",
    "part-number",
    "chapter-number",
    "page",
    "number-of-pages",
    "edition",
    "version",
    "section",
    "medium",
    "dimensions",
    "scale",
    "authority",
    "jurisdiction",
    "original-title",
    "original-publisher",
    "original-publisher-place",
    "reviewed-title",
    "archive",
    "archive-place",
    "archive_location",
    "language",
    "archive_url",
    "tags",
    "note",
    "abstract",
    EXTRA_FIELD,
    *NAME_FIELDS,
    "excerpts",
)
EXCERPT_FIELDS: tuple[str, ...] = ("text", "highlights", "label", "locator", "note")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A quoted passage; `highlights` are the parts the dossier marks in yellow."""

    text: str
    highlights: tuple[str, ...] = ()
    label: str | None = None  # "AN EXCERPT FROM THE TRANSCRIPT"
    locator: str | None = None  # where in the source: "A19", "para. 4"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: str
    title: str
    path: Path | None = None
    title_short: str | None = None
    container_title: str | None = None
    collection_title: str | None = None
    collection_number: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    event_title: str | None = None
    event_place: str | None = None
    issued: PartialDate | None = None
    accessed: PartialDate | None = None
    url: str | None = None
    doi: str | None = None
    isbn: str | None = None
    page: str | None = None
    volume: str | None = None
    issue: str | None = None
    number: str | None = None
    edition: str | None = None
    section: str | None = None
    genre: str | None = None
    medium: str | None = None
    language: str | None = None
    note: str | None = None
    archive_url: str | None = None
    citation_key: str | None = None
    volume_title: str | None = None
    part_number: str | None = None
    chapter_number: str | None = None
    number_of_volumes: str | None = None
    number_of_pages: str | None = None
    container_title_short: str | None = None
    issn: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    status: str | None = None
    version: str | None = None
    archive: str | None = None
    archive_location: str | None = None
    archive_place: str | None = None
    original_title: str | None = None
    original_publisher: str | None = None
    original_publisher_place: str | None = None
    reviewed_title: str | None = None
    authority: str | None = None
    jurisdiction: str | None = None
    dimensions: str | None = None
    scale: str | None = None
    abstract: str | None = None
    original_date: PartialDate | None = None
    event_date: PartialDate | None = None
    submitted: PartialDate | None = None
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    translators: tuple[Name, ...] = ()
    interviewers: tuple[Name, ...] = ()
    container_authors: tuple[Name, ...] = ()
    collection_editors: tuple[Name, ...] = ()
    compilers: tuple[Name, ...] = ()
    contributors: tuple[Name, ...] = ()
    directors: tuple[Name, ...] = ()
    producers: tuple[Name, ...] = ()
    executive_producers: tuple[Name, ...] = ()
    performers: tuple[Name, ...] = ()
    composers: tuple[Name, ...] = ()
    hosts: tuple[Name, ...] = ()
    guests: tuple[Name, ...] = ()
    illustrators: tuple[Name, ...] = ()
    organizers: tuple[Name, ...] = ()
    chairs: tuple[Name, ...] = ()
    recipients: tuple[Name, ...] = ()
    reviewed_authors: tuple[Name, ...] = ()
    tags: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # (field, value) pairs in file order
    excerpts: tuple[Excerpt, ...] = field(default=())

    @property
    def entry_type(self) -> EntryType:
        return ENTRY_TYPES[self.type]

    def has(self, csl_key: str) -> bool:
        """Whether the CSL field is set (used for per-type required fields)."""
        return bool(self.get(csl_key))

    def get(self, csl_key: str):
        """The value of a field by its CSL-JSON key ("container-title", "URL", "author")."""
        if csl_key == "type":
            return self.type
        attr = TEXT_FIELDS.get(csl_key) or DATE_FIELDS.get(csl_key) or NAME_FIELDS.get(csl_key) or csl_key
        return getattr(self, attr)

    def to_toml_dict(self) -> dict:
        """The entry as the TOML table its file holds, fields in canonical order."""
        data: dict = {}
        for key in CANONICAL_ORDER:
            value = self.get(key)
            if not value:
                continue
            if key in DATE_FIELDS:
                value = value.to_toml()
            elif key in NAME_FIELDS:
                value = [name.to_table() for name in value]
            elif key == "tags":
                value = list(value)
            elif key == EXTRA_FIELD:
                value = dict(value)
            elif key == "excerpts":
                value = [_excerpt_table(excerpt) for excerpt in value]
            data[key] = value
        return data


def entry_data(entry: Entry) -> dict:
    """The entry as JSON-ready data: its id, then its fields, dates as ISO strings."""
    data = {"id": entry.id, **entry.to_toml_dict()}
    for key, attr in DATE_FIELDS.items():
        value = getattr(entry, attr)
        if value is not None:
            data[key] = value.isoformat()
    return data


def _excerpt_table(excerpt: Excerpt) -> dict:
    table: dict = {}
    if excerpt.label:
        table["label"] = excerpt.label
    if excerpt.locator:
        table["locator"] = excerpt.locator
    table["text"] = excerpt.text
    if excerpt.highlights:
        table["highlights"] = list(excerpt.highlights)
    if excerpt.note:
        table["note"] = excerpt.note
    return table
