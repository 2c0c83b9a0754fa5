"""`dossier list` and `dossier show`: the dossier as the seed lays it out."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dossiercli.cli.options import DateParam, dir_option, format_option, resolve_root
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES, entry_data
from dossiercli.select import SORT_KEYS, Selection, select


def _console():
    from rich.console import Console

    return Console(highlight=False)


def _is_plain(console) -> bool:
    return console.no_color or not console.is_terminal


@click.command("list")
@dir_option
@click.option("--tag", "tags", multiple=True, help="Only entries with this tag (repeat: all must match).")
@click.option("--type", "types", multiple=True, type=click.Choice(sorted(ENTRY_TYPES)), help="Only entries of this type (repeatable).")
@click.option("--since", type=DateParam(), help="Only entries issued on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", type=DateParam(), help="Only entries issued on or before DATE.")
@click.option("--search", help="Only entries whose title, names, source, tags, note or excerpts contain TEXT.")
@click.option("--sort", type=click.Choice(SORT_KEYS), default="date", show_default=True, help="Order of the rows.")
@click.option("--reverse", is_flag=True, help="Reverse the order.")
@click.option("--full", is_flag=True, help="Show every excerpt in full, not only the highlighted passages.")
@format_option("table", "json", default="table")
def list_entries(dossier_dir: Path | None, tags, types, since, until, search, sort, reverse, full, output_format) -> None:
    """List the dossier's sources as a DATE | SOURCE | TEXT table.

    Highlighted passages are shown in yellow (marked *like this* when the
    output is not a terminal or NO_COLOR is set).

    \b
    Examples:
      dossier list
      dossier list --tag iran --since 2007-05 --until 2007-07
      dossier list --search "Quds Force" --full
      dossier list --format json | jq '.entries[].id'
    """
    dossier = open_dossier(resolve_root(dossier_dir))
    selection = Selection(tags=tags, types=types, since=since, until=until, search=search)
    entries = select(dossier.entries, selection, sort=sort, reverse=reverse)
    if output_format == "json":
        data = {"schema_version": 1, "entries": [entry_data(entry) for entry in entries]}  # docs/json-output.md
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    from dossiercli.render.table import entries_table

    console = _console()
    plain = _is_plain(console)
    title = f"{dossier.config.title} — {len(entries)} of {len(dossier.entries)} sources"
    console.print(entries_table(entries, plain=plain, full=full, title=title))


@click.command()
@click.argument("entry_id", metavar="ID")
@dir_option
@format_option("table", "json", default="table")
def show(entry_id: str, dossier_dir: Path | None, output_format: str) -> None:
    """Show one entry in full: every field and every excerpt, highlights marked.

    \b
    Examples:
      dossier show lake2007-iran-secret-plan
      dossier show lake2007-iran-secret-plan --format json
    """
    dossier = open_dossier(resolve_root(dossier_dir))
    entry = dossier.get(entry_id)
    if output_format == "json":
        data = {"schema_version": 1, "entry": entry_data(entry)}  # docs/json-output.md
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    from dossiercli.render.table import entry_details

    console = _console()
    console.print(entry_details(entry, plain=_is_plain(console)))
