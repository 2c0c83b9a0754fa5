"""`dossier render`: the whole dossier as a document, as the seed lays it out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dossiercli.atomic import write_output
from dossiercli.cli.cite import selection_options
from dossiercli.cli.options import dir_option, display_path, report_skipped, resolve_root
from dossiercli.select import Selection


@click.command()
@dir_option
@click.option(
    "--format", "output_format", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (atomically).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@selection_options
def render(dossier_dir, output_format, output, force, tags, types, since, until, search) -> None:
    """Render the dossier as a document: title, introduction, a DATE | SOURCE | TEXT
    table with the highlighted passages, and a Chicago bibliography.

    \b
    Examples:
      dossier render > dossier.md
      dossier render --format html -o dossier.html
      dossier render --tag iran --since 2007-05 --format html -o may.html
    """
    from dossiercli.chicago.settings import dossier_settings
    from dossiercli.load import open_dossier
    from dossiercli.render.document import chosen, html_chunks, markdown_chunks

    # Entries are made when their row or bibliography entry is written, and not kept (100,000 entries).
    dossier = open_dossier(resolve_root(dossier_dir), lazy=True)
    report_skipped(dossier.skipped)
    entries = chosen(dossier.entries, Selection(tags, types, since, until, search), sort="date")
    # Written piece by piece as it is made (a row, a bibliography entry): 100,000 entries are never one string.
    chunks = (html_chunks if output_format == "html" else markdown_chunks)(
        dossier, entries, dossier_settings(dossier).style
    )
    if output is None:
        sys.stdout.writelines(chunks)
    else:
        write_output(output, chunks, overwrite=force)
        click.echo(f"wrote {display_path(output)}", err=True)
