"""`dossier init`, `dossier add`, `dossier excerpt`: authoring from the terminal."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from dossiercli.cli.options import DateParam, dir_option, display_path, resolve_root
from dossiercli.errors import DossierError
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES
from dossiercli.model.names import Name, NameError_
from dossiercli.model.parse import DOI_PATTERN, normalise_doi, url_problem
from dossiercli.validate import squash


def _interactive(no_input: bool, interactive: bool) -> bool:
    return not no_input and (interactive or sys.stdin.isatty())


@click.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The dossier's title.")
@click.option("--subtitle", help="A subtitle (e.g. a series and number).")
@click.option("--author", "authors", multiple=True, help='Author as "Family, Given" (repeatable).')
@click.option("--description", help="An introduction shown above the table.")
@click.option("--no-input", is_flag=True, help="Never prompt; use the flags and defaults.")
@click.option("--interactive", "-i", is_flag=True, help="Prompt even when stdin is not a terminal.")
def init(folder: Path, title, subtitle, authors, description, no_input, interactive) -> None:
    """Make a new dossier: dossier.toml, entries/ and a .gitignore for caches.

    Refuses to touch a folder that already holds a dossier.

    \b
    Examples:
      dossier init my-dossier --title "Iran and Al-Qaeda in Iraq" --author "Cochrane, Marisa"
      dossier init                 # here, asking for the title
    """
    from dossiercli.authoring import create_dossier

    if _interactive(no_input, interactive) and not title:
        title = click.prompt("Title", default=folder.resolve().name)
        if not authors:
            answer = click.prompt('Author ("Family, Given", empty for none)', default="", show_default=False)
            authors = (answer,) if answer.strip() else ()
    for author in authors:
        try:
            Name.parse(author)
        except NameError_ as error:
            raise click.BadParameter(str(error), param_hint="--author") from None
    created = create_dossier(folder, title or folder.resolve().name, subtitle, list(authors), description)
    for path in created:
        click.echo(f"created {display_path(path)}")


class DateType(DateParam):
    """A date kept as the entry file writes it (a TOML date, or "YYYY-MM" / "YYYY")."""

    def convert(self, value, param, ctx):
        return super().convert(value, param, ctx).to_toml()


class UrlType(click.ParamType):
    name = "URL"

    def convert(self, value, param, ctx):
        value = value.strip()
        why = url_problem(value)
        if why:
            self.fail(why, param, ctx)
        return value


class DoiType(click.ParamType):
    name = "DOI"

    def convert(self, value, param, ctx):
        doi = normalise_doi(value)
        if not DOI_PATTERN.fullmatch(doi):
            self.fail(f"DOI {value!r} is not of the form 10.NNNN/suffix", param, ctx)
        return doi


class TextType(click.ParamType):
    """Text with its outer white space removed; blank text is refused (and asked again at a prompt)."""

    name = "TEXT"

    def convert(self, value, param, ctx):
        if not value.strip():
            self.fail("this cannot be empty", param, ctx)
        return " ".join(value.split())


class NameType(click.ParamType):
    name = '"Family, Given"'

    def convert(self, value, param, ctx):
        try:
            return Name.parse(value).to_table()
        except NameError_ as error:
            self.fail(str(error), param, ctx)


# field -> (flag, type); the flag is named in "needs --…" errors, the type checks flags and prompts alike.
FIELDS = {
    "title": ("title", TextType()),
    "container-title": ("container", TextType()),
    "collection-title": ("series", TextType()),
    "collection-number": ("series-number", TextType()),
    "publisher": ("publisher", TextType()),
    "publisher-place": ("place", TextType()),
    "event-place": ("event-place", TextType()),
    "genre": ("genre", TextType()),
    "issued": ("date", DateType()),
    "accessed": ("accessed", DateType()),
    "URL": ("url", UrlType()),
    "DOI": ("doi", DoiType()),
    "volume": ("volume", TextType()),
    "issue": ("issue", TextType()),
    "number": ("number", TextType()),
    "page": ("page", TextType()),
    "edition": ("edition", TextType()),
    "author": ("author", NameType()),
    "editor": ("editor", NameType()),
    "interviewer": ("interviewer", NameType()),
}
# The question for a field, by field and optionally by type ("container-title/article-journal").
LABELS = {
    "title": "Title",
    "container-title": "Container (newspaper, journal, web site or book)",
    "container-title/article-newspaper": "Newspaper",
    "container-title/article-magazine": "Magazine",
    "container-title/article-journal": "Journal",
    "container-title/chapter": "Title of the book",
    "container-title/webpage": "Web site",
    "container-title/interview": "Published in (newspaper, programme, web site)",
    "collection-title": "Series (e.g. Backgrounder)",
    "collection-number": "Number in the series",
    "publisher": "Publisher",
    "publisher/wire-story": "News agency (e.g. Associated Press)",
    "publisher/press-release": "Issuing organisation",
    "publisher/thesis": "University",
    "publisher/transcript": "Published by (e.g. the department that posted it)",
    "publisher-place": "Place of publication",
    "event-place": "Where it took place",
    "genre": "Kind",
    "genre/transcript": "Kind (e.g. press conference, briefing)",
    "genre/thesis": "Kind (e.g. PhD diss., master's thesis)",
    "issued": "Date (YYYY-MM-DD, YYYY-MM or YYYY)",
    "accessed": "Accessed on (YYYY-MM-DD)",
    "URL": "URL",
    "DOI": "DOI",
    "volume": "Volume",
    "issue": "Issue",
    "number": "Number",
    "number/press-release": "Release number",
    "number/report": "Report number",
    "page": "Page(s)",
    "edition": "Edition",
    "author": "Author",
    "author/transcript": "Speaker",
    "author/interview": "Person interviewed",
    "editor": "Editor",
    "interviewer": "Interviewer",
}
NAME_LIST_FIELDS = ("author", "editor", "interviewer")


def _label(key: str, entry_type: str) -> str:
    return LABELS.get(f"{key}/{entry_type}") or LABELS[key]


def _optional(kind: click.ParamType):
    """A prompt's value_proc: empty means "skip", anything else is checked by `kind` (and re-asked when bad)."""
    return lambda value: kind.convert(value, None, None) if value.strip() else None


def _ask_names(label: str, required: bool, entry_type: str) -> list[dict]:
    """Names one per prompt until an empty answer; a name without a comma may be an organisation."""
    names: list[dict] = []
    while True:
        hint = '"Family, Given", or an organisation' + ("" if required and not names else "; empty when done")
        answer = click.prompt(f"{label} {len(names) + 1} ({hint})", default="", show_default=False).strip()
        if not answer:
            if required and not names:
                click.echo(f"Error: a {ENTRY_TYPES[entry_type].label} needs at least one {label.lower()}", err=True)
                continue
            return names
        if "," in answer:
            try:
                names.append(Name.parse(answer).to_table())
            except NameError_ as error:
                click.echo(f"Error: {error}", err=True)
            continue
        if click.confirm(f"  is {answer!r} an organisation (kept as written)?", default=True):
            names.append({"literal": " ".join(answer.split())})
        else:
            click.echo('  then write the person as "Family, Given"', err=True)


def _ask_field(key: str, required: bool, entry_type: str, default=None):
    label = _label(key, entry_type)
    kind = FIELDS[key][1]
    if required:
        return click.prompt(label, type=kind, default=default)
    return click.prompt(f"{label} (empty to skip)", default=default or "", show_default=bool(default),
                        value_proc=_optional(kind))


def read_passage(stream) -> str:
    """Lines from `stream` until a line holding only "." or the end of input (paragraph breaks are kept)."""
    lines = []
    for line in iter(stream.readline, ""):
        if line.strip() == ".":
            break
        lines.append(line.rstrip("\r\n"))
    return "\n".join(lines).strip()


def _ask_highlights(text: str) -> list[str]:
    def occurs(value: str):
        if not value.strip():
            return None
        if squash(value) not in squash(text):
            raise click.BadParameter(f"{value.strip()!r} does not occur in the passage")
        return value.strip()

    highlights = []
    while answer := click.prompt("Highlight (a part of the passage; empty when done)", default="",
                                 show_default=False, value_proc=occurs):
        highlights.append(answer)
    return highlights


def _ask_excerpt() -> dict | None:
    click.echo("Excerpt: paste the passage, then a line with only a dot (.); just the dot for none.")
    text = read_passage(sys.stdin)
    if not text:
        return None
    highlights = _ask_highlights(text)
    return {"text": text, **({"highlights": highlights} if highlights else {})}


def _interview(table: dict, entry_type: str) -> None:
    """Ask for the fields this type uses that `table` lacks: required ones first, then the rest, then tags."""
    from dossiercli.authoring import questions, still_wanted

    for key, required in questions(entry_type, table):
        if not still_wanted(key, table):
            continue
        if key in NAME_LIST_FIELDS:
            names = _ask_names(_label(key, entry_type), required, entry_type)
            if names:
                table[key] = names
            continue
        default = dt.date.today().isoformat() if key == "accessed" else None
        value = _ask_field(key, required, entry_type, default)
        if value:
            table[key] = value
    if "tags" not in table:
        answer = click.prompt("Tags (comma-separated; empty for none)", default="", show_default=False)
        tags = [" ".join(tag.split()) for tag in answer.split(",") if tag.strip()]
        if tags:
            table["tags"] = tags
    if "excerpts" not in table:
        excerpt_table = _ask_excerpt()
        if excerpt_table:
            table["excerpts"] = [excerpt_table]


@click.command()
@dir_option
@click.option("--type", "entry_type", type=click.Choice(sorted(ENTRY_TYPES)), help="Entry type (asked first when prompting).")
@click.option("--title", type=TextType())
@click.option("--author", "authors", multiple=True, type=NameType(), help='"Family, Given" (repeatable).')
@click.option("--org", "orgs", multiple=True, type=TextType(), help="An organisation as author, as written (repeatable).")
@click.option("--editor", "editors", multiple=True, type=NameType(), help='"Family, Given" (repeatable).')
@click.option("--interviewer", "interviewers", multiple=True, type=NameType(), help='"Family, Given" (repeatable).')
@click.option("--date", type=DateType(), help="Publication date: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--accessed", type=DateType(), help="Access date.")
@click.option("--container", type=TextType(), help="Newspaper, journal, web site or book (container-title).")
@click.option("--series", type=TextType(), help="Series of a report or book (collection-title).")
@click.option("--series-number", type=TextType(), help="Number in the series (collection-number).")
@click.option("--publisher", type=TextType(), help="Publisher, news agency or issuing organisation.")
@click.option("--place", type=TextType(), help="Place of publication.")
@click.option("--event-place", type=TextType(), help="Where a briefing or press conference took place.")
@click.option("--url", type=UrlType())
@click.option("--doi", type=DoiType())
@click.option("--page", type=TextType())
@click.option("--volume", type=TextType())
@click.option("--issue", type=TextType())
@click.option("--number", type=TextType(), help="Report or release number.")
@click.option("--edition", type=TextType())
@click.option("--genre", type=TextType(), help='e.g. "press conference", "PhD diss.".')
@click.option("--tag", "tags", multiple=True, type=TextType(), help="Tag (repeatable).")
@click.option("--note", type=TextType())
@click.option("--excerpt", help="A quoted passage ('-' reads it from stdin).")
@click.option("--highlight", "highlights", multiple=True, help="A passage of the excerpt to highlight (repeatable).")
@click.option("--from-url", "from_url", help="Fill the entry from the page's citation metadata (Highwire, JSON-LD, Dublin Core, Open Graph).")
@click.option("--from-bibtex", "from_bibtex", help="Fill the entry from one BibTeX record ('-' reads stdin).")
@click.option("--from-doi-json", "from_doi_json", type=click.Path(dir_okay=False, path_type=Path), help="Fill the entry from a CSL-JSON record (as doi.org returns).")
@click.option("--allow-private", is_flag=True, help="With --from-url: allow hosts on private or loopback addresses.")
@click.option("--id", "entry_id", help="The id (file name); default authoryear-shorttitle.")
@click.option("--force", is_flag=True, help="Replace an existing entry file with the same id.")
@click.option("--no-input", is_flag=True, help="Never prompt: fail listing what is missing.")
@click.option("--interactive", "-i", is_flag=True, help="Prompt even when stdin is not a terminal.")
def add(dossier_dir, entry_type, title, authors, orgs, editors, interviewers, date, accessed, container, series,
        series_number, publisher, place, event_place, url, doi, page, volume, issue, number, edition, genre, tags, note, excerpt,
        highlights, from_url, from_bibtex, from_doi_json, allow_private, entry_id, force, no_input, interactive) -> None:
    """Add an entry, from flags or by answering prompts.

    On a terminal it asks for the type first, then for the fields that type
    uses (required ones first; Enter skips the others), tags and an excerpt
    with its highlights; a bad date, URL or DOI is explained and asked again.
    The entry is checked as `dossier validate` would, written atomically, never
    over an existing file, and its full Chicago note is printed.

    \b
    Examples:
      dossier add
      dossier add --type article-newspaper --title "Iran's Secret Plan For Mayhem" \\
          --author "Lake, Eli" --container "New York Sun" --date 2007-01-03 \\
          --url http://www.nysun.com/article/46032 --tag iran
      dossier add --type press-release --org "Multi-National Force-Iraq" --publisher "Multi-National Force-Iraq" \\
          --title "Three Suspected Terrorists Captured" --date 2007-05-31 --no-input
      dossier add --from-url https://www.example.org/news/2007/iran-sunni --tag iran
      pbpaste | dossier add --from-bibtex -
    """
    from dossiercli.authoring import build_entry, write_entry
    from dossiercli.chicago import full_note, render
    from dossiercli.chicago.settings import dossier_settings

    dossier = open_dossier(resolve_root(dossier_dir))
    asking = _interactive(no_input, interactive)
    if excerpt == "-" and asking:
        raise DossierError("--excerpt - reads stdin, which the prompts need: use --no-input, or --excerpt TEXT")
    found, found_type = _found_metadata(from_url, from_bibtex, from_doi_json, allow_private)
    if entry_type is None and asking and (from_url or not found_type):  # a page's type is a guess: confirm it
        entry_type = click.prompt("Type", type=click.Choice(sorted(ENTRY_TYPES)),
                                  default=found_type or "article-newspaper")
    entry_type = entry_type or found_type
    if entry_type is None:
        raise DossierError("missing --type (one of: " + ", ".join(sorted(ENTRY_TYPES)) + ")")
    table: dict = {"type": entry_type}
    given = {"title": title, "container-title": container, "collection-title": series,
             "collection-number": series_number, "publisher": publisher,
             "issued": date, "URL": url, "genre": genre, "accessed": accessed, "publisher-place": place,
             "event-place": event_place, "DOI": doi, "page": page, "volume": volume, "issue": issue,
             "number": number, "edition": edition, "note": note}
    table.update({k: v for k, v in found.items() if k != "type"})
    table.update({k: v for k, v in given.items() if v})
    names = list(authors) + [{"literal": org} for org in orgs]
    for key, value in (("author", names), ("editor", list(editors)), ("interviewer", list(interviewers)),
                       ("tags", list(tags))):
        if value:
            table[key] = value
    if excerpt:
        text = sys.stdin.read() if excerpt == "-" else excerpt
        table["excerpts"] = [{"text": text.strip(), **({"highlights": list(highlights)} if highlights else {})}]
    elif highlights:
        raise DossierError("--highlight needs --excerpt")

    if asking:
        _interview(table, entry_type)
    else:
        missing = [key for key in ENTRY_TYPES[entry_type].required if key not in table]
        if missing:
            flags = ", ".join("--" + (FIELDS[k][0] if k in FIELDS else k) for k in missing)
            raise DossierError(f"a {ENTRY_TYPES[entry_type].label} needs {flags}")

    entry, problems = build_entry(table, dossier, entry_id)
    errors = [p for p in problems if not p.code.startswith("W")]
    if entry is None or errors:
        first = (errors or problems)[0]
        raise DossierError(f"{first.code} {first.message} (nothing was written)")
    for warning in problems:
        click.echo(f"warning: {warning.code} {warning.message}", err=True)
    path = write_entry(entry, force=force)
    click.echo(f"wrote {display_path(path)}")
    click.echo(render(full_note(entry, style=dossier_settings(dossier).style)))


def _found_metadata(from_url, from_bibtex, from_doi_json, allow_private) -> tuple[dict, str | None]:
    """Fields found in a web page, a BibTeX record or a CSL-JSON record; what was found is shown on stderr."""
    sources = [s for s in (from_url, from_bibtex, from_doi_json) if s]
    if len(sources) > 1:
        raise DossierError("use one of --from-url, --from-bibtex, --from-doi-json")
    if not sources:
        return {}, None
    if from_url:
        from dossiercli.fetchpage import fetch_page
        from dossiercli.pagemeta import extract

        body, content_type, final = fetch_page(from_url, allow_private=allow_private)
        page = extract(body, content_type, final)
        values, origin, kind = page.values, page.sources, page.entry_type or "webpage"
    else:
        if from_bibtex:
            from dossiercli.formats.bibtex import read_bibtex

            text = sys.stdin.read() if from_bibtex == "-" else from_bibtex
            records, failures = read_bibtex(text)
            label = "BibTeX"
        else:
            from dossiercli.formats.csljson import read_csljson

            try:
                text = from_doi_json.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise DossierError(f"cannot read: {error}", from_doi_json) from None
            records, failures = read_csljson(text)
            label = "CSL-JSON"
        if failures or len(records) != 1:
            reason = failures[0].reason if failures else f"expected one record, found {len(records)}"
            raise DossierError(f"{label}: {reason}")
        values = dict(records[0].table)
        kind = values.pop("type", None)
        origin = {key: label for key in values}
    from rich.console import Console
    from rich.table import Table

    shown = Table("field", "value", "from", title="Found", box=None, title_justify="left")
    for key, value in values.items():
        text = "; ".join(Name.parse(v).natural() for v in value) if key in ("author", "editor", "translator") else str(value)
        shown.add_row(key, text, origin.get(key, ""))
    Console(stderr=True, highlight=False).print(shown)
    return values, kind


@click.command()
@click.argument("entry_id", metavar="ID")
@dir_option
@click.option("--text", help="The passage; read from stdin when not given.")
@click.option("--highlight", "highlights", multiple=True, help="A part of the passage to highlight (repeatable).")
@click.option("--label", help='A heading, e.g. "AN EXCERPT FROM THE TRANSCRIPT".')
@click.option("--locator", help="Where in the source: a page, a paragraph.")
def excerpt(entry_id, dossier_dir, text, highlights, label, locator) -> None:
    """Append a quoted passage to an entry, with highlighted parts.

    The passage comes from --text, else stdin; on a terminal it is pasted at a
    prompt (ended by a line with only a dot) and the highlights are asked for,
    each checked to occur in the passage (white space is ignored) and asked
    again when it does not. The entry file keeps every line and comment it
    had; the excerpt is added at its end, atomically.

    \b
    Examples:
      dossier excerpt lake2007-iran-secret-plan --text "..." --highlight "Iran is supporting"
      pbpaste | dossier excerpt lake2007-iran-secret-plan --highlight "smoking gun"
      dossier excerpt lake2007-iran-secret-plan          # on a terminal: paste, then mark
    """
    from dossiercli.authoring import append_excerpt

    dossier = open_dossier(resolve_root(dossier_dir))
    entry = dossier.get(entry_id)
    on_terminal = sys.stdin.isatty()
    if text is None:
        if on_terminal:
            click.echo("Paste the passage, then a line with only a dot (.):")
        text = read_passage(sys.stdin) if on_terminal else sys.stdin.read()
    if on_terminal and not highlights and text.strip():
        highlights = _ask_highlights(text)
    append_excerpt(entry.path, text, list(highlights), label, locator)
    click.echo(f"added an excerpt to {display_path(entry.path)}")
