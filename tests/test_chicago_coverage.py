"""Every field of every type reaches the reader, or Chicago leaves it out on purpose.

For each entry type in `ENTRY_TYPES` and each field the model allows, the field is set on a
realistic entry of that type (the base entries below: the Manual's own examples where it has
one, real records otherwise) and the test checks that what a reader sees in that mode changes:
the full note (with and without a locator), the short note or the bibliography entry. A field
that changes none of them must be on `chicago.omitted.OMITTED`, the one table of fields Chicago
leaves out for a type, each row with its section of the Manual; docs/chicago.md prints the table.
Run for both editions and all five note modes (a mode without a bibliography shows no
bibliography entry; `18-short` shows no full note).
"""

import tomllib
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from functools import cache

import pytest

from conftest import REPO
from dossiercli.chicago import bibliography_entry, full_note, render, short_note
from dossiercli.chicago.notes import Style
from dossiercli.chicago.omitted import OMITTED, PRECEDENCE, REQUIRES, markdown_table, omission, related
from dossiercli.chicago.settings import MODES
from dossiercli.model.entry import ALL_FIELDS, DATE_FIELDS, ENTRY_TYPES, NAME_FIELDS, TEXT_FIELDS, Entry
from dossiercli.model.parse import parse_entry

# One realistic entry per type. Where it came from is said in the comment of each.
BASES: dict[str, str] = {
    # CMOS 17 14.100-14.117: Takeyh and Simon, as W. W. Norton published it.
    "book": """type = "book"
title = "The Pragmatic Superpower: Winning the Cold War in the Middle East"
publisher = "W. W. Norton"
publisher-place = "New York"
issued = "2016"
author = ["Takeyh, Ray", "Simon, Steven"]""",
    # Institute for the Study of War, Iraq Report 12 (2009).
    "report": """type = "report"
title = "The Fragmentation of the Sadrist Movement"
collection-title = "Iraq Report"
collection-number = "12"
publisher = "Institute for the Study of War"
publisher-place = "Washington, DC"
issued = "2009-01"
URL = "http://www.understandingwar.org/report/fragmentation-sadrist-movement"
author = ["Cochrane, Marisa"]""",
    # Oxford University Press, 2008.
    "chapter": """type = "chapter"
title = "Iran and the Insurgency"
container-title = "Iraq after Saddam"
publisher = "Oxford University Press"
publisher-place = "New York"
issued = "2008"
page = "101-128"
author = ["Nasr, Vali"]
editor = ["Gordon, Michael R."]""",
    "article-journal": """type = "article-journal"
title = "Iran's Policy towards Afghanistan"
container-title = "Middle East Journal"
issued = "2006"
DOI = "10.3751/60.2.12"
volume = "60"
issue = "2"
page = "235-256"
author = ["Milani, Mohsen M."]""",
    "article-magazine": """type = "article-magazine"
title = "The Iran Connection"
container-title = "Newsweek"
issued = 2007-02-19
page = "34-39"
author = ["Dickey, Christopher"]""",
    "article-newspaper": """type = "article-newspaper"
title = "Iran's Secret Plan For Mayhem"
container-title = "New York Sun"
issued = 2007-01-03
URL = "http://www.nysun.com/article/46032"
author = ["Lake, Eli"]""",
    "wire-story": """type = "wire-story"
title = "US general says Iranian-origin weapons turning up in Sunni insurgent hands"
publisher = "Associated Press"
issued = 2007-05-06
author = ["Reid, Robert H."]""",
    "press-release": """type = "press-release"
title = "Three Suspected Terrorists Captured"
publisher = "Multi-National Force-Iraq"
publisher-place = "Baghdad"
issued = 2007-05-31
number = "A070531a"
URL = "http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21\"""",
    "transcript": """type = "transcript"
title = "Weekly Press Conference with Major General William Caldwell"
publisher = "Multi-National Force-Iraq"
event-place = "Baghdad"
genre = "press conference"
issued = 2007-05-09
author = ["Caldwell, William"]""",
    "webpage": """type = "webpage"
title = "Privacy Policy"
container-title = "Google Privacy & Terms"
publisher = "Google"
issued = 2017-03-01
URL = "https://www.google.com/policies/privacy/\"""",
    # PBS NewsHour, January 5, 2007.
    "interview": """type = "interview"
title = "Iran's Role in Iraq"
container-title = "NewsHour"
publisher = "PBS"
issued = 2007-01-05
author = ["Rubin, Michael"]
interviewer = ["Lehrer, Jim"]""",
    "thesis": """type = "thesis"
title = "Sectarian Relations in Arab Iraq: Contested Narratives"
publisher = "University of Exeter"
genre = "PhD diss."
issued = "2010"
author = ["Haddad, Fanar"]""",
    # The Manual's letter (CMOS 17 14.222).
    "letter": """type = "letter"
issued = 1918-09-25
collection-title = "Edward M. House Papers"
archive = "Yale University Library"
author = ["Creel, George"]
recipient = ["House, Edward M."]""",
    "manuscript": """type = "manuscript"
title = "Observations on the Climate of Massachusetts"
issued = "1772"
archive = "Massachusetts Historical Society"
archive-place = "Boston"
author = ["Winthrop, John"]""",
    "document": """type = "document"
title = "Detainee operations"
genre = "memorandum"
issued = 2007-06-12
archive = "National Security Archive"
archive_location = "Box 4, Folder 12"
archive-place = "Washington, DC"
author = ["Roe, Richard"]""",
    # CMOS 17 14.208's example.
    "blog-post": """type = "blog-post"
title = "Futurist Shock"
container-title = "Lingua Franca"
publisher = "Chronicle of Higher Education"
issued = 2017-02-15
URL = "http://www.chronicle.com/blogs/linguafranca/2017/02/15/futurist-shock/"
author = ["Germano, William"]""",
    # CMOS 17 14.209's example.
    "social-media-post": """type = "social-media-post"
title = "In honor of Earth Day, I’m recycling my tweets"
container-title = "Twitter"
issued = 2015-04-22
URL = "https://twitter.com/ConanOBrien/status/590940792967016448"
author = ["O’Brien, Conan"]""",
    # CMOS 17 14.265's example.
    "video": """type = "video"
title = "Monty Python and the Holy Grail"
original-date = "1975"
publisher = "Columbia TriStar Home Entertainment"
publisher-place = "Culver City, CA"
issued = "2001"
medium = "DVD"
director = ["Gilliam, Terry", "Jones, Terry"]""",
    "podcast": """type = "podcast"
title = "Bank Runs and Their Aftermath"
container-title = "Money Talks"
issued = 2023-03-16
dimensions = "32:05"
URL = "https://example.org/podcasts/money-talks/bank-runs"
host = ["Doe, Jane"]""",
    # CMOS 17 14.202's example.
    "review": """type = "review"
title = "Deconstructing Dinner"
container-title = "New York Times"
reviewed-title = "The Omnivore’s Dilemma: A Natural History of Four Meals"
issued = 2006-04-23
section = "Sunday Book Review"
URL = "http://www.nytimes.com/2006/04/23/books/review/23kamp.html"
author = ["Kamp, David"]
reviewed-author = ["Pollan, Michael"]""",
    # CMOS 17 14.233's example.
    "encyclopedia-entry": """type = "encyclopedia-entry"
title = "Stevie Nicks"
container-title = "Wikipedia"
issued = 2016-04-02
URL = "http://en.wikipedia.org/wiki/Stevie_Nicks\"""",
    # CMOS 17 14.235's example.
    "artwork": """type = "artwork"
title = "The Persistence of Memory"
issued = "1931"
medium = "oil on canvas"
dimensions = "9½ × 13″ (24.1 × 33 cm)"
archive = "Museum of Modern Art"
archive-place = "New York"
URL = "http://www.moma.org/collection/works/79018"
author = ["Dalí, Salvador"]""",
    # CMOS 17 14.158's example.
    "patent": """type = "patent"
title = "Cement admixture"
authority = "US"
number = "4,586,960"
submitted = 1984-06-26
issued = 1986-05-06
author = ["Iizuka, Masanori", "Tanaka, Hideki"]""",
    # ICPSR 37080, as ICPSR's own citation gives it.
    "dataset": """type = "dataset"
title = "National Crime Victimization Survey, [United States], 2017"
publisher = "Inter-university Consortium for Political and Social Research"
issued = 2018-10-25
DOI = "10.3886/ICPSR37080.v1"
author = [{literal = "United States. Bureau of Justice Statistics"}]""",
    "legal-case": """type = "legal-case"
title = "Brown v. Board of Education"
volume = "347"
container-title = "U.S."
page = "483"
issued = "1954\"""",
    "legislation": """type = "legislation"
title = "Homeland Security Act of 2002"
number = "Pub. L. No. 107-296"
volume = "116"
container-title = "Stat."
page = "2135"
issued = "2002\"""",
    # The kinds added by issue 27 (interchange), on its own examples (tests/data/chicago-types/).
    "paper-conference": """type = "paper-conference"
title = "Sophisticated Affective Inference: Simulating Anticipatory Affective Dynamics of Imagining Future Events"
container-title = "Active Inference: First International Workshop, IWAI 2020"
event-title = "International Workshop on Active Inference"
event-place = "Ghent, Belgium"
publisher = "Springer"
publisher-place = "Cham"
issued = "2020"
page = "179-186"
DOI = "10.1007/978-3-030-64919-7_18"
author = ["Hesp, Casper"]
editor = ["Verbelen, Tim"]""",
    "preprint": """type = "preprint"
title = "Attention Is All You Need"
container-title = "arXiv"
number = "arXiv:1706.03762"
issued = 2017-06-12
URL = "https://arxiv.org/abs/1706.03762"
author = ["Vaswani, Ashish"]""",
    "software": """type = "software"
title = "RStudio: Integrated Development Environment for R"
version = "1.3.1093"
publisher = "RStudio, PBC"
publisher-place = "Boston, MA"
issued = "2020"
URL = "http://www.rstudio.com/"
author = [{literal = "RStudio Team"}]""",
    "map": """type = "map"
title = "Harpers Ferry, WV-MD-VA"
genre = "topographic map"
scale = "1:24,000"
publisher = "U.S. Geological Survey"
publisher-place = "Reston, VA"
issued = "2003"
author = [{literal = "U.S. Geological Survey"}]""",
    "standard": """type = "standard"
title = "Information and Documentation—Guidelines for Bibliographic References and Citations to Information Resources"
number = "ISO 690:2010"
publisher = "International Organization for Standardization"
publisher-place = "Geneva"
issued = "2010\"""",
    "treaty": """type = "treaty"
title = "Treaty of Peace with Japan"
authority = "Allied Powers-Japan"
issued = 1951-09-08
volume = "3"
container-title = "U.S.T."
page = "3169\"""",
    "song": """type = "song"
title = "I'm a Fool to Want You"
container-title = "Lady in Satin"
publisher = "Columbia"
issued = "1958"
medium = "33⅓ rpm"
author = ["Holiday, Billie"]
composer = ["Herron, Joel"]""",
    "broadcast": """type = "broadcast"
title = "Phoenix"
container-title = "Breaking Bad"
number = "212"
publisher = "AMC"
issued = 2009-05-24
director = ["Bucksey, Colin"]""",
    "hearing": """type = "hearing"
title = "Iraq after the Surge"
publisher = "Senate Committee on Foreign Relations"
authority = "110th Cong."
issued = "2008\"""",
}

# A value for each field where the base lacks it: realistic, and different from anything a base holds.
SAMPLE = """type = "book"
title = "Asia in the Making of Europe: A Century of Wonder"
title-short = "Making of Europe"
volume-title = "A Century of Wonder"
container-title = "Journal of Modern History"
container-title-short = "J. Mod. Hist."
collection-title = "Studies in Imperialism"
collection-number = "9"
publisher = "University of Chicago Press"
publisher-place = "Chicago"
event-title = "Annual Meeting of the Middle East Studies Association"
event-place = "Boston, MA"
event-date = 2009-11-21
genre = "working paper"
status = "forthcoming"
issued = 1977-05-04
original-date = "1965"
submitted = 1976-02-01
accessed = 2020-06-15
URL = "https://example.org/sample-work"
DOI = "10.1086/244444"
ISBN = "978-0-226-46730-4"
ISSN = "0022-2801"
PMID = "27467580"
PMCID = "PMC4975411"
volume = "7"
number-of-volumes = "3"
issue = "4"
number = "ICPSR 37080"
part-number = "3"
chapter-number = "11"
page = "412-419"
number-of-pages = "512"
edition = "3"
version = "4.2"
section = "C"
medium = "audio recording"
dimensions = "48 × 36 cm"
scale = "1:50,000"
authority = "Supreme Court of Illinois"
jurisdiction = "Illinois"
original-title = "L'Asie dans la formation de l'Europe"
original-publisher = "Free Press"
original-publisher-place = "Glencoe, IL"
reviewed-title = "The Persian Puzzle"
archive = "Newberry Library"
archive-place = "Chicago"
archive_location = "Box 12, Folder 3"
language = "fr"
archive_url = "https://web.archive.org/web/2020/https://example.org/sample-work"
tags = ["asia"]
note = "Kept for the chapter on trade."
abstract = "A history of European views of Asia."
citation-key = "lach1977asia"
author = ["Lach, Donald F."]
editor = ["Kley, Edwin J. van"]
translator = ["Frank, Margaret"]
interviewer = ["Gross, Terry"]
container-author = ["Braudel, Fernand"]
collection-editor = ["MacKenzie, John M."]
compiler = ["Hale, Sarah"]
contributor = ["Boxer, Charles R."]
director = ["Kurosawa, Akira"]
producer = ["Lucas, George"]
executive-producer = ["Winfrey, Oprah"]
performer = ["Ma, Yo-Yo"]
composer = ["Glass, Philip"]
host = ["Glass, Ira"]
guest = ["Sedaris, David"]
illustrator = ["Sendak, Maurice"]
organizer = ["Arendt, Hannah"]
chair = ["Lugar, Richard G."]
recipient = ["Adams, Abigail"]
reviewed-author = ["Pollack, Kenneth M."]

[extra]
howpublished = "privately printed"

[[excerpts]]
text = "Europe's view of Asia changed."
"""

EMPTY = {f.name: f.default for f in dataclass_fields(Entry)}


def parse(text: str, entry_id: str = "example") -> Entry:
    built, problems = parse_entry(tomllib.loads(text), entry_id)
    assert built is not None and not [p for p in problems if p.code != "E012"], problems
    return built


SAMPLE_ENTRY = parse(SAMPLE, "sample")
ATTR = {**TEXT_FIELDS, **DATE_FIELDS, **NAME_FIELDS, "tags": "tags", "extra": "extra", "excerpts": "excerpts"}
FIELDS = [key for key in ALL_FIELDS if key != "type"]


def every_form(entry: Entry, edition: int) -> dict[str, str]:
    style = Style(edition=edition)
    return {
        "short note, p. 15": render(short_note(entry, "15", style), "text"),
        "short note": render(short_note(entry, None, style), "text"),
        "full note, p. 12": render(full_note(entry, "12", style), "text"),
        "full note": render(full_note(entry, None, style), "text"),
        "bibliography": render(bibliography_entry(entry, style), "text"),
    }


def seen(forms: dict[str, str], mode_name: str) -> tuple[str, ...]:
    """What a reader sees of an entry in a mode: the forms the mode prints."""
    mode = MODES[mode_name]
    shown = ["short note, p. 15", "short note"]
    if not mode.short_only:
        shown += ["full note, p. 12", "full note"]
    if mode.bibliography:
        shown.append("bibliography")
    return tuple(forms[name] for name in shown)


def toggled(base: Entry, key: str) -> tuple[Entry, Entry]:
    """The base without the field and with it; without the fields that take its place (PRECEDENCE) and with
    those it is printed with (REQUIRES)."""
    attr = ATTR[key]
    without = replace(base, **{ATTR[k]: EMPTY[ATTR[k]] for k in related(PRECEDENCE, base.type, key)})
    needed = {
        ATTR[k]: getattr(base, ATTR[k]) or getattr(SAMPLE_ENTRY, ATTR[k]) for k in related(REQUIRES, base.type, key)
    }
    without = replace(without, **needed)
    value = getattr(base, attr) or getattr(SAMPLE_ENTRY, attr)
    return replace(without, **{attr: EMPTY[attr] if attr != "title" else ""}), replace(without, **{attr: value})


@cache
def forms_of_pair(type_name: str, key: str, edition: int) -> tuple[dict[str, str], dict[str, str]]:
    base = parse(BASES[type_name])
    assert base.type == type_name
    without, with_field = toggled(base, key)
    return every_form(without, edition), every_form(with_field, edition)


def silent_fields(mode_name: str, edition: int) -> list[str]:
    silent = []
    for type_name in ENTRY_TYPES:
        for key in FIELDS:
            if omission(type_name, key, edition, mode_name) is not None:
                continue
            without, with_field = forms_of_pair(type_name, key, edition)
            if seen(without, mode_name) == seen(with_field, mode_name):
                silent.append(f"{type_name}.{key}")
    return silent


def test_every_type_has_a_realistic_base_entry():
    assert set(ENTRY_TYPES) <= set(BASES), "add a realistic entry for each new type to BASES"
    for text in BASES.values():
        tomllib.loads(text)  # bases of types another branch adds are parsed once the type exists


@pytest.mark.parametrize("edition", [17, 18])
@pytest.mark.parametrize("mode_name", list(MODES))
def test_every_field_of_every_type_is_printed_or_omitted_on_purpose(mode_name, edition):
    silent = silent_fields(mode_name, edition)
    assert silent == [], f"{len(silent)} fields changed nothing and are not in chicago.omitted.OMITTED: {silent}"


def test_the_omitted_table_names_a_section_for_every_row_and_only_real_fields():
    for row in OMITTED:
        assert row.section and row.why
        assert set(row.fields) <= set(FIELDS), set(row.fields) - set(FIELDS)
        assert row.types is None or set(row.types) <= set(BASES), set(row.types) - set(BASES)


def test_the_omitted_table_is_not_stale():
    """A row that omits a field which in fact changes the output is wrong: the table says what Chicago leaves out."""
    stale = []
    for edition in (17, 18):
        for type_name in ENTRY_TYPES:
            for key in FIELDS:
                row = omission(type_name, key, edition, "full-bib")
                if row is None or row.types is None:
                    continue  # a row for every type may name a field a few types print in passing (language)
                without, with_field = forms_of_pair(type_name, key, edition)
                if without != with_field:
                    stale.append(f"{type_name}.{key} ({edition})")
    assert stale == [], f"rows of OMITTED name fields that are printed: {stale}"


def test_docs_state_the_omitted_table():
    doc = (REPO / "docs" / "chicago.md").read_text(encoding="utf-8")
    assert markdown_table() in doc, "paste chicago.omitted.markdown_table() into docs/chicago.md (Fields left out)"
