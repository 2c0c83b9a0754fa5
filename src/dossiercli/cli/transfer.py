"""`dossier import` and `dossier export`: BibTeX, biblatex, CSL-JSON and RIS."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dossiercli.atomic import write_output
from dossiercli.cli.options import dir_option, display_path, resolve_root, writes_dossier
from dossiercli.errors import DossierError, ExitStatus
from dossiercli.importing import FORMATS, apply_import, plan_import
from dossiercli.load import open_dossier


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@dir_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Format of the files (default: sniffed from content).")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--keep-going", is_flag=True, help="Import the good records even if some cannot be read (exit 1).")
@click.option("--allow-duplicates", is_flag=True, help="Import records that duplicate existing entries as new entries.")
@click.option("--force", is_flag=True, help="Replace the existing entry a record duplicates.")
@click.option("--allow-incomplete", is_flag=True,
              help="Import records that lack a field their type requires (validate will flag them).")
@writes_dossier(when=lambda kw: not kw["dry_run"])
def import_command(files, dossier_dir, fmt, dry_run, keep_going, allow_duplicates, force, allow_incomplete) -> None:
    """Create one entry file per record of BibTeX, CSL-JSON or RIS files.

    Ids are generated as authoryear-shorttitle. Records that duplicate an entry
    (same DOI, same URL, or same title and year) are skipped and reported. By
    default the import is all or nothing: one unreadable record and nothing is
    written (use --keep-going to import the rest). A record that lacks a field
    its type requires is refused unless --allow-incomplete.

    Exit status: 0 all imported (or skipped as duplicates), 1 some records
    failed under --keep-going, 2 nothing written.

    \b
    Examples:
      dossier import refs.bib
      dossier import zotero-export.json --dry-run
      dossier import library.ris --keep-going
      dossier import thesis.bib --allow-incomplete
    """
    for path in files:
        if not path.exists():
            raise DossierError("no such file", path)
    dossier = open_dossier(resolve_root(dossier_dir))
    plan = plan_import(dossier, files, fmt, allow_duplicates=allow_duplicates, force=force,
                       allow_incomplete=allow_incomplete)
    for source, reason in plan.failures:
        click.echo(f"{display_path(Path(source.rsplit(':', 1)[0]))}{':' + source.rsplit(':', 1)[1] if ':' in source else ''}: "
                   f"error: {reason}", err=True)
    for source, why in plan.duplicates:
        click.echo(f"{source}: duplicate: {why}", err=True)
    for source, what in plan.incomplete:
        click.echo(f"{source}: warning: {what}", err=True)
    if plan.failures and not keep_going:
        raise DossierError(f"{len(plan.failures)} record(s) cannot be imported; nothing was written "
                           f"(fix them, or pass --keep-going to import the rest)")
    verb = "would write" if dry_run else "wrote"
    if not dry_run:
        apply_import(plan)
    for planned in plan.planned:
        action = "replace" if planned.replaces else verb
        click.echo(f"{action} {display_path(planned.path)}  <- {planned.source}")
    click.echo(f"{len(plan.planned)} imported, {len(plan.duplicates)} duplicates skipped, "
               f"{len(plan.failures)} failed" + (" (dry run: nothing written)" if dry_run else ""), err=True)
    if plan.failures:
        raise SystemExit(ExitStatus.FINDINGS)


@click.command("export")
@click.argument("ids", nargs=-1)
@dir_option
@click.option("--format", "fmt", type=click.Choice(["bibtex", "biblatex", "csl-json", "ris"]), default="bibtex",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option("--ascii", "ascii_only", is_flag=True, help="LaTeX-encode non-ASCII characters (for classic BibTeX).")
def export_command(ids, dossier_dir, fmt, output, force, ascii_only) -> None:
    """Write entries (all, or the IDS given) as BibTeX, biblatex, CSL-JSON or RIS.

    \b
    Examples:
      dossier export > dossier.bib
      dossier export --format biblatex -o refs.bib
      dossier export lake2007-iran-secret-plan --format csl-json
      dossier export --format ris -o dossier.ris --force
    """
    from dossiercli.formats.bibtex import write_bibtex
    from dossiercli.formats.csljson import write_csljson
    from dossiercli.formats.ris import write_ris

    dossier = open_dossier(resolve_root(dossier_dir))
    entries = [dossier.get(entry_id) for entry_id in ids] if ids else sorted(dossier.entries, key=lambda e: e.id)
    if fmt in ("bibtex", "biblatex"):
        text = write_bibtex(entries, biblatex=fmt == "biblatex", ascii_only=ascii_only)
    elif fmt == "csl-json":
        text = write_csljson(entries)
    else:
        text = write_ris(entries)
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, text, overwrite=force)
        click.echo(f"wrote {len(entries)} entries to {display_path(output)}", err=True)
