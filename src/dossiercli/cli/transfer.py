"""`dossier import` and `dossier export`: BibTeX, biblatex, CSL-JSON and RIS."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dossiercli.atomic import write_output
from dossiercli.cli.options import dir_option, display_path, open_for_reading, resolve_root, writes_dossier
from dossiercli.errors import DossierError, ExitStatus
from dossiercli.importing import FORMATS, apply_import, plan_import
from dossiercli.load import open_dossier


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@dir_option
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Format of the files (default: sniffed from content)."
)
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--strict", is_flag=True, help="All or nothing: if any record cannot be imported, write nothing (for CI)."
)
@click.option("--keep-going", is_flag=True, hidden=True, help="The default now: import the good records (exit 1).")
@click.option("--allow-duplicates", is_flag=True, help="Import records that duplicate existing entries as new entries.")
@click.option("--force", is_flag=True, help="Replace the existing entry a record duplicates.")
@click.option(
    "--merge", is_flag=True, help="Merge duplicates: fill in the missing fields of the entry (or record) kept."
)
@click.option("--rekey", is_flag=True, help="Generate authoryear-title ids instead of keeping the records' own keys.")
@click.option(
    "--allow-incomplete",
    is_flag=True,
    help="Import records that lack a field their type requires (validate will flag them).",
)
@writes_dossier(when=lambda kw: not kw["dry_run"])
def import_command(
    files, dossier_dir, fmt, dry_run, strict, keep_going, allow_duplicates, force, merge, rekey, allow_incomplete
) -> None:
    """Create one entry file per record of BibTeX, CSL-JSON or RIS files.

    A record keeps its own key (BibTeX key, CSL-JSON citation-key or id, RIS ID)
    as its id when that is a valid id and free; otherwise it gets an
    authoryear-title id and its key is kept as citation-key (--rekey: always
    generated ids). A record is a duplicate when an identifier (DOI or URL) or
    its title and year match AND its title, first author, pages and container
    agree: a duplicate of an entry is skipped (--merge fills in the entry's
    missing fields, --force replaces it); of another record, the fuller one is
    kept (--merge: the two merged). Every skip names both records.

    By default the good records are imported and each record that cannot be
    is listed with its reason (exit 1); --strict writes nothing unless every
    record can be imported. A value that cannot be used in an optional field
    (a bad URL, an unreadable access date) is set aside with a warning, never
    a refusal. The last line says which source fields were not kept.

    Exit status: 0 all imported (or skipped as duplicates), 1 some records
    could not be imported (the rest were), 2 nothing written.

    \b
    Examples:
      dossier import refs.bib
      dossier import zotero-export.json --dry-run
      dossier import library.ris --strict
      dossier import thesis.bib --allow-incomplete --merge
    """
    for path in files:
        if not path.exists():
            raise DossierError("no such file", path)
    dossier = open_dossier(resolve_root(dossier_dir))
    plan = plan_import(
        dossier,
        files,
        fmt,
        allow_duplicates=allow_duplicates,
        force=force,
        allow_incomplete=allow_incomplete,
        merge=merge,
        rekey=rekey,
    )
    for source, reason in plan.failures:
        click.echo(f"{_where(source)}: error: {reason}", err=True)
    for source, why in plan.duplicates:
        click.echo(f"{_where(source)}: duplicate: {why}", err=True)
    for source, what in plan.warnings + plan.incomplete:
        click.echo(f"{_where(source)}: warning: {what}", err=True)
    if plan.failures and strict:
        raise DossierError(f"{len(plan.failures)} record(s) cannot be imported; nothing was written (--strict)")
    verb = "would write" if dry_run else "wrote"
    if not dry_run:
        apply_import(plan)
    for planned in plan.planned:
        action = ("update" if planned.merged else "replace") if planned.replaces else verb
        click.echo(f"{action} {display_path(planned.path)}  <- {planned.source}")
    click.echo(
        f"{len(plan.planned)} imported, {len(plan.duplicates)} duplicates, "
        f"{len(plan.failures)} failed, {len(plan.warnings)} warnings"
        + (" (dry run: nothing written)" if dry_run else ""),
        err=True,
    )
    not_kept = plan.not_kept_line()
    if not_kept:
        click.echo(not_kept, err=True)
    if plan.failures:
        raise SystemExit(ExitStatus.FINDINGS)


def _where(source: str) -> str:
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return f"{display_path(Path(path))}:{line}"
    return display_path(Path(source))


@click.command("export")
@click.argument("ids", nargs=-1)
@dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["bibtex", "biblatex", "csl-json", "ris"]),
    default="bibtex",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of stdout.",
)
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

    dossier = open_for_reading(dossier_dir)
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
