"""`dossier list` and `dossier show`: the dossier as the seed lays it out."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from dossiercli.cli.options import DateParam, EntryTypeChoice, dir_option, format_option, open_for_reading
from dossiercli.errors import DossierError
from dossiercli.model.entry import entry_data
from dossiercli.select import SORT_KEYS, Selection, select


def _console():
    from rich.console import Console

    return Console(highlight=False)


HUGE_EXCERPTS = 200_000  # characters of excerpts in one entry


@click.command("list")
@dir_option
@click.option("--tag", "tags", multiple=True, help="Only entries with this tag (repeat: all must match).")
@click.option(
    "--type",
    "types",
    multiple=True,
    type=EntryTypeChoice(),
    help="Only entries of this type (repeatable).",
)
@click.option("--since", type=DateParam(), help="Only entries issued on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", type=DateParam(), help="Only entries issued on or before DATE.")
@click.option(
    "--search", help="Only entries whose id, title, names, source, URL, DOI, tags, note or excerpts contain TEXT."
)
@click.option("--sort", type=click.Choice(SORT_KEYS), default="date", show_default=True, help="Order of the rows.")
@click.option("--reverse", is_flag=True, help="Reverse the order.")
@click.option("--full", is_flag=True, help="Show every excerpt in full, not only the highlighted passages.")
@format_option("table", "json", "ids", default="table")
def list_entries(
    dossier_dir: Path | None, tags, types, since, until, search, sort, reverse, full, output_format
) -> None:
    """List the dossier's sources as a DATE | SOURCE | TEXT table.

    Highlighted passages are shown in yellow (marked *like this* when the
    output is not a terminal or NO_COLOR is set). An entry dated less
    precisely than --since/--until is kept when its date may fall in the
    range (--since 2007-05 keeps an entry dated only 2007); an undated one
    is left out. Dates are shown as ISO 8601 ([defaults] dates = "us" in
    dossier.toml shows 1/3/2007).

    \b
    Examples:
      dossier list
      dossier list --tag iran --since 2007-05 --until 2007-07
      dossier list --search "Quds Force" --full
      dossier list --format json | jq '.entries[].id'
    """
    dossier = open_for_reading(dossier_dir)
    selection = Selection(tags=tags, types=types, since=since, until=until, search=search)
    entries = select(dossier.entries, selection, sort=sort, reverse=reverse)
    if output_format == "json":
        # {"schema_version": 1, "entries": [...]} (docs/json-output.md), written entry by entry
        _write_lines(_json_document({"schema_version": 1}, "entries", (entry_data(entry) for entry in entries)))
        return
    if output_format == "ids":  # one id a line, never wrapped (as `dossier ids`)
        _write_lines(entry.id for entry in entries)
        return
    title = f"{dossier.config.title} — {len(entries)} of {len(dossier.entries)} sources"
    dates = _date_style(dossier)
    if _is_plain():
        from dossiercli.render.plain import plain_table_lines

        _write_lines(plain_table_lines(entries, _width(), full=full, title=title, dates=dates))
        return
    from dossiercli.render.table import table_chunks

    console = _console()
    for chunk in table_chunks(entries, console.width, full=full, title=title, dates=dates):
        console.print(chunk)


def _date_style(dossier) -> str:
    """`[defaults] dates` in dossier.toml: "iso" (the default) or "us"."""
    from dossiercli.load import CONFIG_FILE
    from dossiercli.render.plain import DATE_STYLES

    defaults = dossier.config.sections.get("defaults") or {}
    style = defaults.get("dates", "iso") if isinstance(defaults, dict) else "iso"
    if style not in DATE_STYLES:
        raise DossierError(
            f"[defaults] dates = {style!r}: use one of {', '.join(DATE_STYLES)}", dossier.root / CONFIG_FILE
        )
    return style


def _is_plain() -> bool:
    """No styles: NO_COLOR is set, or the output is not a terminal (unless FORCE_COLOR), as rich decides."""
    if os.environ.get("NO_COLOR"):
        return True
    if os.environ.get("FORCE_COLOR"):
        return False
    return not sys.stdout.isatty()


def _width() -> int:
    given = os.environ.get("COLUMNS", "")
    if given.isdecimal() and int(given) > 0:
        return int(given)
    return shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80


def _json_document(head: dict, key: str, items) -> Iterator[str]:
    """The lines of `json.dumps({**head, key: list(items)}, indent=2)`, made as the items come."""
    opening = json.dumps({**head, key: []}, indent=2, ensure_ascii=False)  # ... "key": []\n}
    held = None
    for item in items:
        text = "    " + json.dumps(item, indent=2, ensure_ascii=False, default=str).replace("\n", "\n    ")
        if held is None:
            yield opening[: -len("]\n}")]
        else:
            yield held + ","
        held = text
    if held is None:
        yield opening
    else:
        yield held
        yield "  ]\n}"


def _write_lines(lines, batch: int = 200) -> None:
    """Write lines as they are made, a batch at a time (a closed pipe, `| head`, ends quietly: cli.LazyGroup)."""
    out = sys.stdout
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= batch:
            out.write("\n".join(buffer) + "\n")
            out.flush()
            buffer.clear()
    if buffer:
        out.write("\n".join(buffer) + "\n")
    out.flush()


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
    dossier = open_for_reading(dossier_dir)
    entry = dossier.get(entry_id)
    if output_format == "json":
        data = {"schema_version": 1, "entry": entry_data(entry)}  # docs/json-output.md
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    if _is_plain():
        from dossiercli.render.plain import plain_details_lines

        _write_lines(plain_details_lines(entry, _width()))
        return
    if sum(len(excerpt.text) for excerpt in entry.excerpts) > HUGE_EXCERPTS:
        # rich lays out a Text as a whole before printing it: past a few hundred kilobytes that takes
        # minutes, so a huge entry is shown as the plain layout is, streamed (highlights *marked*).
        from dossiercli.render.plain import plain_details_lines

        _write_lines(plain_details_lines(entry, _console().width))
        return
    from dossiercli.render.table import entry_details

    _console().print(entry_details(entry, plain=False))
