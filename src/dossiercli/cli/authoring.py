"""`dossier init`, `dossier add`, `dossier excerpt`: authoring from the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dossiercli.cli.options import DateParam, dir_option, display_path, resolve_root
from dossiercli.errors import DossierError
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES
from dossiercli.model.names import Name, NameError_
from dossiercli.model.parse import url_problem


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
        why = url_problem(value)
        if why:
            self.fail(why, param, ctx)
        return value


class NameType(click.ParamType):
    name = '"Family, Given"'

    def convert(self, value, param, ctx):
        try:
            return Name.parse(value).to_table()
        except NameError_ as error:
            self.fail(str(error), param, ctx)


# field -> (flag, prompt text, type)
FIELDS = {
    "title": ("title", "Title", str),
    "container-title": ("container", "Newspaper, journal, site or book (container)", str),
    "publisher": ("publisher", "Publisher, agency or issuing organisation", str),
    "issued": ("date", "Date (YYYY-MM-DD, YYYY-MM or YYYY)", DateType()),
    "URL": ("url", "URL", UrlType()),
    "genre": ("genre", "Genre (e.g. press conference, PhD diss.)", str),
}


@click.command()
@dir_option
@click.option("--type", "entry_type", type=click.Choice(sorted(ENTRY_TYPES)), help="Entry type (asked first when prompting).")
@click.option("--title")
@click.option("--author", "authors", multiple=True, type=NameType(), help='"Family, Given" (repeatable).')
@click.option("--org", "orgs", multiple=True, help="An organisation as author (repeatable).")
@click.option("--editor", "editors", multiple=True, type=NameType(), help='"Family, Given" (repeatable).')
@click.option("--date", type=DateType(), help="Publication date: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--accessed", type=DateType(), help="Access date.")
@click.option("--container", help="Newspaper, journal, web site or book (container-title).")
@click.option("--publisher")
@click.option("--place", help="Place of publication.")
@click.option("--url", type=UrlType())
@click.option("--doi")
@click.option("--page")
@click.option("--volume")
@click.option("--issue")
@click.option("--number", help="Report or release number.")
@click.option("--genre")
@click.option("--tag", "tags", multiple=True, help="Tag (repeatable).")
@click.option("--note")
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
def add(dossier_dir, entry_type, title, authors, orgs, editors, date, accessed, container, publisher, place, url, doi,
        page, volume, issue, number, genre, tags, note, excerpt, highlights, from_url, from_bibtex, from_doi_json,
        allow_private, entry_id, force, no_input, interactive) -> None:
    """Add an entry, from flags or by answering prompts.

    On a terminal it asks for the type first, then for the fields that type
    needs; a bad date or URL is asked again. The entry is checked as
    `dossier validate` would, written atomically, never over an existing file,
    and its full Chicago note is printed.

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

    dossier = open_dossier(resolve_root(dossier_dir))
    asking = _interactive(no_input, interactive)
    found, found_type = _found_metadata(from_url, from_bibtex, from_doi_json, allow_private)
    entry_type = entry_type or found_type
    if entry_type is None:
        if not asking:
            raise DossierError("missing --type (one of: " + ", ".join(sorted(ENTRY_TYPES)) + ")")
        entry_type = click.prompt("Type", type=click.Choice(sorted(ENTRY_TYPES)), default="article-newspaper")
    table: dict = {"type": entry_type}
    given = {"title": title, "container-title": container, "publisher": publisher, "issued": date, "URL": url,
             "genre": genre, "accessed": accessed, "publisher-place": place, "DOI": doi, "page": page, "volume": volume,
             "issue": issue, "number": number, "note": note}
    table.update({k: v for k, v in found.items() if k != "type"})
    table.update({k: v for k, v in given.items() if v})
    names = list(authors) + [{"literal": org} for org in orgs]
    if names:
        table["author"] = names
    if editors:
        table["editor"] = list(editors)
    if tags:
        table["tags"] = list(tags)

    required = [key for key in ENTRY_TYPES[entry_type].required if key not in table]
    if asking:
        for key in required:
            if key == "author":
                table["author"] = [click.prompt('Author ("Family, Given")', type=NameType())]
                continue
            _, text, kind = FIELDS[key]
            table[key] = click.prompt(text, type=kind)
        if "author" not in table and entry_type not in ("press-release", "wire-story"):
            answer = click.prompt('Author ("Family, Given", empty for none)', default="", show_default=False,
                                  value_proc=lambda v: NameType().convert(v, None, None) if v.strip() else None)
            if answer:
                table["author"] = [answer]
        if "issued" not in table:
            answer = click.prompt("Date (YYYY-MM-DD, YYYY-MM or YYYY; empty for none)", default="", show_default=False,
                                  value_proc=lambda v: DateType().convert(v, None, None) if v.strip() else None)
            if answer:
                table["issued"] = answer
        if "URL" not in table:
            answer = click.prompt("URL (empty for none)", default="", show_default=False,
                                  value_proc=lambda v: UrlType().convert(v, None, None) if v.strip() else None)
            if answer:
                table["URL"] = answer
    else:
        missing = [key for key in ENTRY_TYPES[entry_type].required if key not in table]
        if missing:
            flags = ", ".join("--" + (FIELDS[k][0] if k in FIELDS else k) for k in missing)
            raise DossierError(f"a {ENTRY_TYPES[entry_type].label} needs {flags}")

    if excerpt:
        text = sys.stdin.read() if excerpt == "-" else excerpt
        table["excerpts"] = [{"text": text.strip(), **({"highlights": list(highlights)} if highlights else {})}]
    elif highlights:
        raise DossierError("--highlight needs --excerpt")

    entry, problems = build_entry(table, dossier, entry_id)
    errors = [p for p in problems if not p.code.startswith("W")]
    if entry is None or errors:
        first = (errors or problems)[0]
        raise DossierError(f"{first.code} {first.message} (nothing was written)")
    for warning in problems:
        click.echo(f"warning: {warning.code} {warning.message}", err=True)
    path = write_entry(entry, force=force)
    click.echo(f"wrote {display_path(path)}")
    click.echo(render(full_note(entry)))


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

    Each highlight must occur in the passage (white space is ignored). The
    entry file keeps every line and comment it had; the excerpt is added at
    its end, atomically.

    \b
    Examples:
      dossier excerpt lake2007-iran-secret-plan --text "..." --highlight "Iran is supporting"
      pbpaste | dossier excerpt lake2007-iran-secret-plan --highlight "smoking gun"
    """
    from dossiercli.authoring import append_excerpt

    dossier = open_dossier(resolve_root(dossier_dir))
    entry = dossier.get(entry_id)
    if text is None:
        if sys.stdin.isatty():
            text = click.edit("") or ""
        else:
            text = sys.stdin.read()
    append_excerpt(entry.path, text, list(highlights), label, locator)
    click.echo(f"added an excerpt to {display_path(entry.path)}")
