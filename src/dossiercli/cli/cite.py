"""`dossier cite`, `dossier notes`, `dossier bibliography`: Chicago citations in six formats."""

from __future__ import annotations

import json
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import click

from dossiercli.chicago import TARGETS, bibliography_entry, full_note, render, short_note
from dossiercli.chicago.sequence import bibliography, notes_for, parse_note
from dossiercli.chicago.settings import MODES, ChicagoSettings, resolve
from dossiercli.cli.options import DateParam, EntryTypeChoice, dir_option, open_for_reading
from dossiercli.load import CONFIG_FILE, Dossier
from dossiercli.render.citations import bibliography_document, notes_document
from dossiercli.select import Selection, select


def style_options(command):
    command = click.option(
        "--ascii",
        "ascii_quotes",
        is_flag=True,
        help='Straight quotes and hyphens ("…", -) instead of typographic ones.',
    )(command)
    command = click.option(
        "--headline/--as-given",
        default=None,
        help="Titles in headline style (CMOS 8.159; the default) or as the source prints them "
        "(default: [chicago] titles in dossier.toml).",
    )(command)
    command = click.option(
        "--edition",
        type=click.Choice(["17", "18"]),
        default=None,
        help="Chicago Manual of Style edition (default: the mode's; see docs/chicago.md for what 18 changes).",
    )(command)
    command = click.option(
        "--mode",
        type=click.Choice(list(MODES)),
        default=None,
        help="Note mode: "
        + "; ".join(f"{m.name}: {m.summary}" for m in MODES.values())
        + " (default: [chicago] notes in dossier.toml, else full-bib).",
    )(command)
    command = click.option(
        "--format",
        "output_format",
        type=click.Choice([*TARGETS, "json"]),
        default="text",
        show_default=True,
        help="Output format.",
    )(command)
    return command


def selection_options(command):
    command = click.option("--search", help="Only entries containing TEXT.")(command)
    command = click.option("--until", type=DateParam(), help="Only entries issued on or before DATE.")(command)
    command = click.option("--since", type=DateParam(), help="Only entries issued on or after DATE.")(command)
    command = click.option(
        "--type", "types", multiple=True, type=EntryTypeChoice(), help="Only this type (repeatable)."
    )(command)
    command = click.option("--tag", "tags", multiple=True, help="Only entries with this tag (repeatable).")(command)
    return command


def _settings(
    dossier: Dossier, mode: str | None, edition: str | None, headline: bool | None, ibid: bool = False
) -> ChicagoSettings:
    """Defaults, then the dossier's [chicago] section, then the flags."""
    return resolve(
        dossier.config.sections.get("chicago", {}),
        dossier.root / CONFIG_FILE,
        mode=mode,
        edition=int(edition) if edition else None,
        ibid=ibid,
        headline=headline,
    )


@click.command()
@click.argument("citations", nargs=-1, required=True, metavar="ID[:LOCATOR][+ID[:LOCATOR]…]…")
@dir_option
@style_options
@click.option(
    "--ibid",
    is_flag=True,
    help='A note citing the same single work as the note before is "Ibid." (CMOS 17 prefers short notes).',
)
@click.option(
    "--footnotes",
    is_flag=True,
    help="As footnotes: [^1]: definitions with --format markdown, \\footnote{…} with --format latex.",
)
@click.option(
    "--prefer-archive",
    is_flag=True,
    help="Cite an entry's archive_url, where it has one, instead of its URL (CMOS 14.7).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="After each note, and for each work's bibliography entry, the rule that placed every element "
    "and its section of the Manual (with --format json: an `explain` field).",
)
def cite(
    citations,
    dossier_dir: Path | None,
    output_format,
    mode,
    edition,
    headline,
    ascii_quotes,
    ibid,
    footnotes,
    prefer_archive,
    explain,
) -> None:
    """Print the notes for a sequence of citations, numbered as in a text.

    Each argument is one note; join several works in one note with "+".
    The first citation of a work gets a full note, later ones a short note;
    the same work again at once is the author and page ("Lake, 5."), or
    "Ibid., 5." with --ibid (CMOS 14.34).

    \b
    Examples:
      dossier cite lake2007-iran-secret-plan:3 ap2007-iran-helping-sunni lake2007-iran-secret-plan:5
      dossier cite wright2007-iranian-arms-taliban+keaten2007-us-diplomat-nato --format markdown
      dossier cite lake2007-iran-secret-plan lake2007-iran-secret-plan:4 --ibid --format latex
      dossier cite lake2007-iran-secret-plan:3 lake2007-iran-secret-plan:5 --mode 18-short
      dossier cite lake2007:3 ap2007 --format markdown --footnotes     # [^1]: …, unique prefixes
      dossier cite wright2007:A19 wright2007:A20 --explain             # which rule, which section

    \b
    --explain prints, under each note, the form it takes and every element
    with the rule that placed it and its section of the Manual, e.g.:
      1. Robin Wright, “Iranian Arms Destined for Taliban …,” Washington Post, September 16, 2007, A19.
         first: CMOS 14.20, the first citation of a work: a full note
           Robin Wright — CMOS 14.76: authors in a note, given name first; … [names.note]
           Washington Post — CMOS 14.191: the newspaper or magazine in italics; … [container.newspaper]
           A19 — CMOS 14.191: the page or other locator cited … [locator]
    then each work's bibliography entry, explained the same way.
    """
    if footnotes and output_format not in ("markdown", "latex"):
        raise click.UsageError("--footnotes goes with --format markdown or --format latex")
    if explain and (footnotes or output_format not in ("text", "json")):
        raise click.UsageError("--explain goes with --format text or --format json")
    dossier = open_for_reading(dossier_dir)
    settings = _settings(dossier, mode, edition, headline, ibid)
    # Ids as typed (a unique prefix, a citation-key) become the entries' own ids, so that a work
    # cited once by prefix and once in full is recognised as the same work.
    sequence = [
        tuple(replace(c, entry_id=dossier.get(c.entry_id).id) for c in parse_note(argument)) for argument in citations
    ]
    get = dossier.get
    if prefer_archive:
        from dossiercli.links.archive import prefer_archive as archived

        get = lambda entry_id: archived(dossier.get(entry_id))  # noqa: E731
    from dossiercli.chicago.sections import explaining

    with explaining() if explain else nullcontext():
        notes = notes_for(sequence, get, settings.style, mode=settings.mode)
        explained = _explained(notes, get, settings, ascii_quotes) if explain else {}
    if output_format == "json":
        data = [
            {
                "number": n.number,
                "ids": [c.entry_id for c in n.citations],
                "positions": list(n.positions),
                "locators": [c.locator for c in n.citations],
                "text": render(n.text, "text", ascii_quotes),
                "html": render(n.text, "html", ascii_quotes),
                **({"explain": explained[n.number]} if explain else {}),
            }
            for n in notes
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if explain:
        click.echo(_explain_text(notes, explained, ascii_quotes), nl=False)
        return
    if footnotes:
        from dossiercli.manuscript.footnotes import footnotes as footnote_forms

        click.echo(footnote_forms([(n.number, n.text) for n in notes], output_format, ascii_quotes), nl=False)
        return
    click.echo(notes_document([(n.number, n.text) for n in notes], output_format, ascii_quotes), nl=False)


def _explained(notes, get, settings: ChicagoSettings, ascii_quotes: bool) -> dict[int, dict]:
    """Each note's explanation, with the bibliography entries of the works it cites first."""
    from dossiercli.chicago import sections

    style, edition = settings.style, settings.style.edition
    seen: set[str] = set()
    out = {}
    for note in notes:
        explained = sections.explain(
            note.text, edition, note.positions, short_only=settings.mode.short_only, headline=style.headline
        )
        entries = []
        for citation in note.citations:
            if citation.entry_id in seen:
                continue
            seen.add(citation.entry_id)
            entry_text = bibliography_entry(get(citation.entry_id), style)
            entries.append(
                {
                    "id": citation.entry_id,
                    "text": render(entry_text, "text", ascii_quotes),
                    **sections.explain(entry_text, edition, headline=style.headline),
                }
            )
        out[note.number] = {**explained, "bibliography": entries}
    return out


def _explain_text(notes, explained: dict[int, dict], ascii_quotes: bool) -> str:
    from dossiercli.chicago.sections import explain_lines

    lines = []
    for note in notes:
        lines.append(f"{note.number}. {render(note.text, 'text', ascii_quotes)}")
        lines.extend(explain_lines(explained[note.number]))
    entries = [entry for note in notes for entry in explained[note.number]["bibliography"]]
    if entries:
        lines.append("")
        lines.append("Bibliography")
    for entry in entries:
        lines.append(f"   {entry['text']}")
        lines.extend(explain_lines(entry))
    return "\n".join(lines) + "\n"


@click.command()
@dir_option
@style_options
@selection_options
@click.option(
    "--sort", type=click.Choice(["date", "author", "id"]), default="date", show_default=True, help="Order of the notes."
)
@click.option(
    "--ids",
    "with_ids",
    is_flag=True,
    help="Text: each note followed by its entry's id, to cite it by (e.g. [lake2007-…]).",
)
def notes(
    dossier_dir: Path | None,
    output_format,
    mode,
    edition,
    headline,
    ascii_quotes,
    tags,
    types,
    since,
    until,
    search,
    sort,
    with_ids,
) -> None:
    """Print a full note for every entry (or those selected); a short one in --mode 18-short.

    \b
    Examples:
      dossier notes
      dossier notes --tag iran --sort author --format markdown
      dossier notes --format html > notes.html
      dossier notes --ids --search taliban     # which id to cite each by
    """
    dossier = open_for_reading(dossier_dir)
    entries = select(dossier.entries, Selection(tags, types, since, until, search), sort=sort)
    settings = _settings(dossier, mode, edition, headline)
    note = short_note if settings.mode.short_only else full_note
    texts = [(number, note(entry, style=settings.style)) for number, entry in enumerate(entries, 1)]
    if output_format == "json":
        data = [
            {"number": n, "id": e.id, "text": render(t, "text", ascii_quotes), "html": render(t, "html", ascii_quotes)}
            for (n, t), e in zip(texts, entries, strict=True)
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if with_ids and output_format == "text":
        for (number, text), entry in zip(texts, entries, strict=True):
            click.echo(f"{number}. {render(text, 'text', ascii_quotes)}  [{entry.id}]")
        return
    click.echo(notes_document(texts, output_format, ascii_quotes), nl=False)


@click.command("bibliography")
@dir_option
@style_options
@selection_options
@click.option("--dash", is_flag=True, help="Replace a repeated author by a 3-em dash (CMOS 14.67).")
@click.option("--title", default="Bibliography", show_default=True, help="Heading of the list.")
def bibliography_command(
    dossier_dir: Path | None,
    output_format,
    mode,
    edition,
    headline,
    ascii_quotes,
    tags,
    types,
    since,
    until,
    search,
    dash,
    title,
) -> None:
    """Print the bibliography, sorted as Chicago says (author, then title).

    \b
    Examples:
      dossier bibliography
      dossier bibliography --dash --format html > bibliography.html
      dossier bibliography --format latex --edition 18
    """
    dossier = open_for_reading(dossier_dir)
    settings = _settings(dossier, mode, edition, headline)
    if not settings.mode.bibliography:  # full-only: the full notes are the whole record (CMOS 17 14.19)
        raise click.UsageError(
            f"mode {settings.mode.name} has no bibliography: its full notes are the record (use --mode full-bib)"
        )
    entries = select(dossier.entries, Selection(tags, types, since, until, search))
    items = bibliography(entries, settings.style, dash=dash)
    if output_format == "json":
        data = [
            {"id": e.id, "text": render(t, "text", ascii_quotes), "html": render(t, "html", ascii_quotes)}
            for e, t in items
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(bibliography_document([t for _, t in items], output_format, ascii_quotes, title), nl=False)
