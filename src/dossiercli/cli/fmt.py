"""`dossier fmt`: canonical order and layout for entry files, comments kept; `--check` for CI."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from dossiercli.cli.options import dir_option, display_path, resolve_root, writes_dossier
from dossiercli.errors import ExitStatus
from dossiercli.load import ENTRIES_DIR, entry_files
from dossiercli.validate import expand_paths


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@dir_option
@click.option("--check", is_flag=True, help="Change nothing; list the files that would change and exit 1 if any.")
@click.option("--diff", "show_diff", is_flag=True, help="Show what would change as a unified diff (implies --check).")
@writes_dossier(when=lambda kw: not kw["check"] and not kw["show_diff"])
def fmt(paths, dossier_dir, check, show_diff) -> None:
    """Rewrite entry files in the canonical field order and layout.

    Comments stay with the field they stand above or beside; values keep the
    form they were written in; unknown fields are kept. Formatting twice
    changes nothing. Files that are not valid TOML are reported and left alone.

    \b
    Examples:
      dossier fmt
      dossier fmt --check            # in CI or a pre-commit hook
      dossier fmt entries/lake2007-iran-secret-plan.toml --diff
    """
    from dossiercli.fmt import format_file

    if paths:
        files = [p for p in expand_paths(paths) if p.name != "dossier.toml"]
    else:
        root = resolve_root(dossier_dir)
        folder = root / ENTRIES_DIR
        files = entry_files(folder) if folder.is_dir() else []
    check = check or show_diff
    changed = broken = 0
    for path in files:
        result = format_file(path, write=not check)
        if result.formatted is None:
            broken += 1
            where = f"{display_path(path)}:{result.line}" if result.line else display_path(path)
            click.echo(f"{where}: {result.error} (not formatted)", err=True)
            continue
        if result.changed:
            changed += 1
            click.echo(f"{'would reformat' if check else 'reformatted'} {display_path(path)}")
            if show_diff:
                click.echo(
                    "".join(
                        difflib.unified_diff(
                            result.original.splitlines(True),
                            result.formatted.splitlines(True),
                            f"a/{display_path(path)}",
                            f"b/{display_path(path)}",
                        )
                    ),
                    nl=False,
                )
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{changed} of {len(files)} files {verb}" + (f", {broken} not valid TOML" if broken else ""), err=True)
    if broken:
        raise SystemExit(ExitStatus.USAGE)
    if check and changed:
        raise SystemExit(ExitStatus.FINDINGS)
