"""`dossier init`, `dossier add`, `dossier excerpt`: authoring from the terminal.

Thin: the questions live in dossiercli.interview, the checks and writes in dossiercli.authoring,
look-ups by DOI and ISBN in dossiercli.lookup.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dossiercli.cli.options import EntryTypeChoice, dir_option, display_path, resolve_root, writes_dossier
from dossiercli.errors import DossierError
from dossiercli.interview import FIELDS, DateType, DoiType, NameType, TextType, UrlType, interactive
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES
from dossiercli.model.names import Name, NameError_


@click.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The dossier's title.")
@click.option("--subtitle", help="A subtitle (e.g. a series and number).")
@click.option("--author", "authors", multiple=True, help='Author as "Family, Given" (repeatable).')
@click.option("--description", help="An introduction shown above the table.")
@click.option("--no-input", is_flag=True, help="Never prompt; use the flags and defaults.")
@click.option("--interactive", "-i", "ask", is_flag=True, help="Prompt even when stdin is not a terminal.")
def init(folder: Path, title, subtitle, authors, description, no_input, ask) -> None:
    """Make a new dossier: dossier.toml, entries/ and a .gitignore for caches.

    Refuses to touch a folder that already holds a dossier.

    \b
    Examples:
      dossier init my-dossier --title "Iran and Al-Qaeda in Iraq" --author "Cochrane, Marisa"
      dossier init                 # here, asking for the title
    """
    from dossiercli.authoring import create_dossier

    if interactive(no_input, ask) and not title:
        from dossiercli.interview import ask_dossier_author

        title = click.prompt("Title", default=folder.resolve().name)
        if not authors:
            authors = tuple(ask_dossier_author())
    for author in authors:
        try:
            Name.parse(author)
        except NameError_ as error:
            raise click.BadParameter(str(error), param_hint="--author") from None
    created = create_dossier(folder, title or folder.resolve().name, subtitle, list(authors), description)
    for path in created:
        click.echo(f"created {display_path(path)}")


@click.command()
@dir_option
@click.option("--type", "entry_type", type=EntryTypeChoice(), help="Entry type (asked first when prompting).")
@click.option("--title", type=TextType())
@click.option("--author", "authors", multiple=True, type=NameType(), help='"Family, Given" (repeatable).')
@click.option(
    "--org", "orgs", multiple=True, type=TextType(), help="An organisation as author, as written (repeatable)."
)
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
@click.option(
    "--doi",
    type=DoiType(),
    help="The DOI: its record is looked up (CSL-JSON from the DOI resolver, else Crossref) unless --no-lookup.",
)
@click.option("--isbn", help="The ISBN: the book is looked up in Open Library unless --no-lookup.")
@click.option("--no-lookup", is_flag=True, help="With --doi / --isbn: only set the field, look nothing up.")
@click.option("--page", type=TextType())
@click.option("--volume", type=TextType())
@click.option("--issue", type=TextType())
@click.option("--number", type=TextType(), help="Report or release number.")
@click.option("--edition", type=TextType())
@click.option("--genre", type=TextType(), help='e.g. "press conference", "PhD diss.".')
@click.option("--tag", "tags", multiple=True, type=TextType(), help="Tag (repeatable).")
@click.option("--note", type=TextType())
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="FIELD=VALUE",
    help='Any other field of the entry format, e.g. --set reviewed-title="The Omnivore\'s Dilemma", '
    '--set director="Gilliam, Terry", --set submitted=1984-06-26 (repeatable; names repeat).',
)
@click.option("--excerpt", help="A quoted passage ('-' reads it from stdin).")
@click.option("--highlight", "highlights", multiple=True, help="A passage of the excerpt to highlight (repeatable).")
@click.option(
    "--from-url",
    "from_url",
    help="Fill the entry from the page's citation metadata (Highwire, JSON-LD, Dublin Core, Open Graph).",
)
@click.option("--from-bibtex", "from_bibtex", help="Fill the entry from one BibTeX record ('-' reads stdin).")
@click.option(
    "--from-doi-json",
    "from_doi_json",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fill the entry from a CSL-JSON record (as doi.org returns).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="With --from-url, --doi, --isbn: allow hosts on private or loopback addresses.",
)
@click.option(
    "--archive", is_flag=True, help="Then ask the Internet Archive to capture the URL, and record archive_url."
)
@click.option("--id", "entry_id", help="The id (file name); default authoryear-shorttitle.")
@click.option(
    "--force", is_flag=True, help="Update the entry for the same source (or replace the file with this --id)."
)
@click.option(
    "--allow-duplicate",
    is_flag=True,
    help="Add the entry even when the dossier has the same source (not the same DOI).",
)
@click.option("--no-input", is_flag=True, help="Never prompt: fail listing what is missing.")
@click.option("--interactive", "-i", "ask", is_flag=True, help="Prompt even when stdin is not a terminal.")
def add(
    dossier_dir,
    entry_type,
    title,
    authors,
    orgs,
    editors,
    interviewers,
    date,
    accessed,
    container,
    series,
    series_number,
    publisher,
    place,
    event_place,
    url,
    doi,
    isbn,
    no_lookup,
    page,
    volume,
    issue,
    number,
    edition,
    genre,
    tags,
    note,
    settings,
    excerpt,
    highlights,
    from_url,
    from_bibtex,
    from_doi_json,
    allow_private,
    archive,
    entry_id,
    force,
    allow_duplicate,
    no_input,
    ask,
) -> None:
    """Add an entry, from flags, by answering prompts, or by looking it up.

    On a terminal it asks for the type first, then for the fields that type
    uses (required ones first; Enter skips the others), tags and an excerpt
    with its highlights; a bad date, URL or DOI is explained and asked again.
    It ends with a review of the entry, where any field can be changed.

    The entry is checked as `dossier validate` would, against the whole
    dossier too: the same source (same DOI, same page however its URL is
    spelled, or same title and year) is refused naming the entry it repeats
    (--force updates that entry, --allow-duplicate adds anyway). It is written
    atomically, never over an existing file, and its Chicago note is printed.

    \b
    Examples:
      dossier add
      dossier add --type article-newspaper --title "Iran's Secret Plan For Mayhem" \\
          --author "Lake, Eli" --container "New York Sun" --date 2007-01-03 \\
          --url http://www.nysun.com/article/46032 --tag iran
      dossier add --doi 10.3751/60.2.12 --tag iran
      dossier add --isbn 978-1-4000-6315-4
      dossier add --type review --title "Deconstructing Dinner" --author "Kamp, David" \\
          --container "New York Times" --date 2006-04-23 \\
          --set reviewed-title="The Omnivore's Dilemma" --set reviewed-author="Pollan, Michael"
      dossier add --from-url https://www.example.org/news/2007/iran-sunni --tag iran
      dossier add --from-url https://www.example.org/news/2007/iran-sunni --archive
      pbpaste | dossier add --from-bibtex -
    """
    from dossiercli.authoring import plan_new_entry, write_entry
    from dossiercli.load import read_config
    from dossiercli.lock import dossier_lock

    root = resolve_root(dossier_dir)
    asking = interactive(no_input, ask)
    if excerpt == "-" and asking:
        raise DossierError("--excerpt - reads stdin, which the prompts need: use --no-input, or --excerpt TEXT")
    if isbn is not None:
        from dossiercli.lookup import normalise_isbn

        isbn = normalise_isbn(isbn)
    lookups = {} if no_lookup else {"doi": doi, "isbn": isbn}
    if (from_url or doi) and not force and not allow_duplicate:  # before fetching or looking anything up
        from dossiercli.duplicates import known_identifier

        dossier = open_dossier(root)
        known = known_identifier(dossier.entries, url=from_url or url, doi=doi)
        if known:
            why, existing = known
            raise DossierError(
                f"same {why} as {existing.id!r} ({display_path(existing.path)}): nothing was fetched "
                "or written (--force updates that entry, --allow-duplicate adds this one anyway)"
            )
    from dossiercli.lookup import LookupFailed

    lookup_failed: LookupFailed | None = None
    try:
        found, found_type, found_key = _found_metadata(
            from_url, from_bibtex, from_doi_json, lookups, allow_private, read_config(root)[0].sections.get("lookup")
        )
    except LookupFailed as failure:  # degrade, never destroy: go on with the flags (or the prompts)
        found, found_type, found_key, lookup_failed = {}, None, None, failure
        if asking:
            click.echo(f"dossier: warning: {failure}; go on with the prompts", err=True)
    if entry_type is None and asking and (from_url or not found_type):  # a page's type is a guess: confirm it
        entry_type = click.prompt("Type", type=EntryTypeChoice(), default=found_type or "article-newspaper")
    entry_type = entry_type or found_type
    if entry_type is None:
        raise lookup_failed or DossierError("missing --type (one of: " + ", ".join(sorted(ENTRY_TYPES)) + ")")
    from dossiercli.authoring import new_table

    given = {
        "title": title,
        "container-title": container,
        "collection-title": series,
        "collection-number": series_number,
        "publisher": publisher,
        "issued": date,
        "URL": url,
        "genre": genre,
        "accessed": accessed,
        "publisher-place": place,
        "event-place": event_place,
        "DOI": doi,
        "ISBN": isbn,
        "page": page,
        "volume": volume,
        "issue": issue,
        "number": number,
        "edition": edition,
        "note": note,
        "tags": list(tags),
        "editor": list(editors),
        "author": list(authors) + [{"literal": org} for org in orgs],
        "interviewer": list(interviewers),
    }
    for key, value in _settings(settings).items():
        if given.get(key):
            raise DossierError(f"--set {key}=… repeats a field given by its own flag")
        given[key] = value
    if highlights and not excerpt:
        raise DossierError("--highlight needs --excerpt")
    passage = (sys.stdin.read() if excerpt == "-" else excerpt) if excerpt else None
    table = new_table(entry_type, found, given, passage, list(highlights))
    if asking:
        from dossiercli.interview import complete_and_review

        if not complete_and_review(
            table, entry_type, open_dossier(root), entry_id, refuse_same=not force and not allow_duplicate
        ):
            click.echo("cancelled: nothing was written", err=True)
            return
    else:
        missing = [key for key in ENTRY_TYPES[entry_type].asked if key not in table]
        if missing:
            flags = ", ".join("--" + (FIELDS[k][0] if k in FIELDS else k) for k in missing)
            raise lookup_failed or DossierError(f"a {ENTRY_TYPES[entry_type].label} needs {flags}")
        if lookup_failed is not None:
            click.echo(f"dossier: warning: {lookup_failed}; the entry is written from the flags", err=True)

    with dossier_lock(root):  # read (again) under the lock: another writer may have added the same source
        dossier = open_dossier(root)
        if found_key and entry_id is None and "citation-key" not in table:
            from dossiercli.importing import name_from_key

            entry_id, key = name_from_key(found_key, {entry.id.lower() for entry in dossier.entries})
            if key:
                table["citation-key"] = key
        planned = plan_new_entry(table, dossier, entry_id, force=force, allow_duplicate=allow_duplicate)
        for warning in planned.warnings:
            click.echo(f"warning: {warning.code} {warning.message}", err=True)
        if planned.duplicate:
            why, existing = planned.duplicate
            click.echo(f"warning: same {why} as {existing.id!r}; added anyway (--allow-duplicate)", err=True)
        path = write_entry(planned.entry, force=force or planned.replaces is not None)
    click.echo(f"{'updated' if planned.replaces is not None else 'wrote'} {display_path(path)}")
    from dossiercli.chicago import full_note, render  # only once written: a refused add does not pay for it
    from dossiercli.chicago.settings import dossier_settings
    from dossiercli.render.plain import terminal_safe  # the note may hold a looked-up title

    click.echo(terminal_safe(render(full_note(planned.entry, style=dossier_settings(dossier).style))))
    if archive:  # Save Page Now, then archive_url (docs/links.md)
        from dossiercli.cli.links import archive_new_entry

        archive_new_entry(root, path, planned.entry.url, allow_private)


def _settings(settings) -> dict:
    """`--set FIELD=VALUE` pairs as entry-file values: names parsed as names (repeatable), dates as dates."""
    from dossiercli.model.entry import ALL_FIELDS, DATE_FIELDS, NAME_FIELDS
    from dossiercli.model.parse import did_you_mean

    values: dict = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        key = key.strip()
        if not sep or not value.strip():
            raise DossierError(f"--set {setting!r}: write FIELD=VALUE, e.g. --set medium=DVD")
        if key not in ALL_FIELDS or key in ("type", "tags", "excerpts", "extra"):
            raise DossierError(f"--set: unknown field {key!r}{did_you_mean(key, ALL_FIELDS)}")
        try:
            if key in NAME_FIELDS:
                values.setdefault(key, []).append(NameType().convert(value, None, None))
            elif key in values:
                raise DossierError(f"--set {key}=… is given twice")
            elif key in DATE_FIELDS:
                values[key] = DateType().convert(value, None, None)
            else:
                values[key] = " ".join(value.split())
        except click.BadParameter as error:
            raise DossierError(f"--set {key}: {error.message}") from None
    return values


def _found_metadata(
    from_url, from_bibtex, from_doi_json, lookups, allow_private, lookup_config
) -> tuple[dict, str | None, str | None]:
    """Fields found in a web page, a BibTeX or CSL-JSON record, or by DOI / ISBN (shown on stderr), the
    type they suggest, and the record's own key."""
    if not (from_url or from_bibtex or from_doi_json or lookups.get("doi") or lookups.get("isbn")):
        return {}, None, None
    from dossiercli.interview import show_found
    from dossiercli.lookup import find_fields

    bibtex = (sys.stdin.read() if from_bibtex == "-" else from_bibtex) if from_bibtex else None
    found = find_fields(
        from_url=from_url,
        bibtex=bibtex,
        csl_json_file=from_doi_json,
        doi=lookups.get("doi"),
        isbn=lookups.get("isbn"),
        allow_private=allow_private,
        lookup_config=lookup_config,
    )
    if found is None:
        return {}, None, None
    show_found(found.values, found.origin)
    return found.values, found.entry_type, found.key


@click.command()
@click.argument("entry_id", metavar="ID")
@dir_option
@click.option("--text", help="The passage; read from stdin when not given.")
@click.option("--highlight", "highlights", multiple=True, help="A part of the passage to highlight (repeatable).")
@click.option("--label", help='A heading, e.g. "AN EXCERPT FROM THE TRANSCRIPT".')
@click.option("--locator", help="Where in the source: a page, a paragraph.")
@writes_dossier()
def excerpt(entry_id, dossier_dir, text, highlights, label, locator) -> None:
    """Append a quoted passage to an entry, with highlighted parts.

    The passage comes from --text, else stdin; on a terminal it is pasted at a
    prompt (ended by a line with only a dot) and the highlights are asked for,
    each checked to occur in the passage (white space is ignored) and asked
    again when it does not. The entry file keeps every line and comment it
    had; the excerpt is added at its end, atomically.

    \b
    Examples:
      dossier excerpt lake2007-iran-secret-plan --text "Iran is supporting both sides." --highlight "Iran is supporting"
      pbpaste | dossier excerpt lake2007-iran-secret-plan --highlight "smoking gun"
      dossier excerpt lake2007-iran-secret-plan          # on a terminal: paste, then mark
    """
    from dossiercli.authoring import append_excerpt
    from dossiercli.interview import ask_highlights, read_passage

    dossier = open_dossier(resolve_root(dossier_dir))
    entry = dossier.get(entry_id)
    on_terminal = sys.stdin.isatty()
    if text is None:
        if on_terminal:
            click.echo("Paste the passage, then a line with only a dot (.):")
        text = read_passage(sys.stdin) if on_terminal else sys.stdin.read()
    if on_terminal and not highlights and text.strip():
        highlights = ask_highlights(text)
    append_excerpt(entry.path, text, list(highlights), label, locator)
    click.echo(f"added an excerpt to {display_path(entry.path)}")
