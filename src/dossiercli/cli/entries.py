"""`dossier edit`, `rm`, `mv`, `tag` and `ids`: changing, removing, renaming, tagging and finding entries."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dossiercli.cli.options import (
    DateParam,
    EntryTypeChoice,
    dir_option,
    display_path,
    report_skipped,
    resolve_root,
    writes_dossier,
)
from dossiercli.errors import DossierError
from dossiercli.load import open_dossier
from dossiercli.select import SORT_KEYS, Selection, select


@click.command()
@click.argument("entry_id", metavar="ID")
@dir_option
def edit(entry_id: str, dossier_dir: Path | None) -> None:
    """Edit an entry in $VISUAL / $EDITOR, checked as `validate` checks it.

    The editor opens a copy. When you save and quit, the copy is checked (the
    rules across entries too); with errors it is reopened (on a terminal), and
    the entry file is only replaced once the copy is valid — the original is
    kept until then, and a failed edit is kept in a file the message names.
    The file keeps its mode; a symlinked entry is written through.

    \b
    Examples:
      dossier edit lake2007-iran-secret-plan
      EDITOR="code --wait" dossier edit lake2007-iran-secret-plan
    """
    from dossiercli.atomic import write_atomic
    from dossiercli.changes import find_entry_file
    from dossiercli.interview import edit_until_valid
    from dossiercli.lock import dossier_lock

    root = resolve_root(dossier_dir)
    dossier = open_dossier(root)
    entry = find_entry_file(dossier, entry_id)  # an invalid entry too: editing is how it gets fixed
    before = entry.path.read_bytes()
    text = edit_until_valid(dossier, entry, on_terminal=sys.stdin.isatty())
    if text is None:
        click.echo(f"no changes: {display_path(entry.path)} is as it was", err=True)
        return
    with dossier_lock(root):  # not held while the editor is open: another command may have changed the file
        if entry.path.read_bytes() != before:
            raise DossierError("changed by another command while you edited it; your edit was not written", entry.path)
        write_atomic(entry.path, text, overwrite=True)
    click.echo(f"wrote {display_path(entry.path)}")


@click.command()
@click.argument("entry_ids", metavar="ID…", nargs=-1, required=True)
@dir_option
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@writes_dossier()
def rm(entry_ids, dossier_dir: Path | None, yes: bool) -> None:
    """Remove entries (their files). Asks first unless --yes.

    \b
    Examples:
      dossier rm lake2007-iran-secret-plan
      dossier rm ap2007-iran-helping-sunni mnfi2007-three-suspected --yes
    """
    from dossiercli.changes import find_entry_file, remove_entries

    dossier = open_dossier(resolve_root(dossier_dir))
    named = [find_entry_file(dossier, entry_id) for entry_id in entry_ids]
    entries = list({entry.path: entry for entry in named}.values())  # "lake" and its full id: one entry
    if not yes:
        if not sys.stdin.isatty():
            raise DossierError("not a terminal, so nothing can be confirmed: pass --yes to remove without asking")
        for entry in entries:
            click.echo(f"  {entry.id}  {entry.title}")
        if not click.confirm(f"Remove {len(entries)} entr{'ies' if len(entries) > 1 else 'y'}?", default=False):
            click.echo("nothing was removed", err=True)
            return
    removed, gone = remove_entries(entries)
    for path in removed:
        click.echo(f"removed {display_path(path)}")
    if gone:
        names = ", ".join(display_path(path) for path in gone)
        raise DossierError(f"already gone (removed by something else meanwhile): {names}")


@click.command()
@click.argument("old_id", metavar="OLD")
@click.argument("new_id", metavar="NEW")
@dir_option
@click.option(
    "--update",
    "manuscripts",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A manuscript whose citations of OLD ([@OLD], @OLD, @{OLD}) become NEW (repeatable).",
)
@writes_dossier()
def mv(old_id: str, new_id: str, dossier_dir: Path | None, manuscripts) -> None:
    """Rename an entry: its file (the id) and, with --update, its citations in manuscripts.

    \b
    Examples:
      dossier mv lake2007-iran-secret-plan lake2007-plan
      dossier mv lake2007-iran-secret-plan lake2007 --update paper.md --update notes.md
    """
    from dossiercli.changes import find_entry_file, rename_entry

    dossier = open_dossier(resolve_root(dossier_dir))
    entry = find_entry_file(dossier, old_id)
    old_path = entry.path
    counts = rename_entry(dossier, entry, new_id, list(manuscripts))
    click.echo(f"renamed {display_path(old_path)} -> {display_path(old_path.with_name(new_id + '.toml'))}")
    for path, count in counts:
        click.echo(f"{display_path(path)}: {count} citation{'' if count == 1 else 's'} rewritten")


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("words", metavar="ID… +TAG -TAG", nargs=-1, required=True, type=click.UNPROCESSED)
@dir_option
@writes_dossier()
def tag(words, dossier_dir: Path | None) -> None:
    """Add (+TAG) and remove (-TAG) tags on entries; every other line of the files is kept.

    Tags are compared without regard to case: +Iran on an entry tagged "iran"
    changes nothing, -IRAN removes "iran".

    \b
    Examples:
      dossier tag lake2007-iran-secret-plan ap2007-iran-helping-sunni +efp -draft
      dossier tag mnfi2007-three-suspected "+quds force"
    """
    from dossiercli.changes import parse_tag_changes, retag

    ids, add, remove = parse_tag_changes(words)
    dossier = open_dossier(resolve_root(dossier_dir))
    entries = [dossier.get(entry_id) for entry_id in dict.fromkeys(ids)]
    for entry in entries:
        tags = retag(entry, add, remove)
        if tags is None:
            click.echo(f"{entry.id}: unchanged ({', '.join(entry.tags) or 'no tags'})")
        else:
            click.echo(f"{entry.id}: {', '.join(tags) or 'no tags'}")


@click.command()
@dir_option
@click.option("--tag", "tags", multiple=True, help="Only entries with this tag (repeat: all must match).")
@click.option("--type", "types", multiple=True, type=EntryTypeChoice(), help="Only entries of this type.")
@click.option("--since", type=DateParam(), help="Only entries issued on or after DATE.")
@click.option("--until", type=DateParam(), help="Only entries issued on or before DATE.")
@click.option(
    "--search", help="Only entries with TEXT in their id, title, names, source, URL, DOI, tags, note or excerpts."
)
@click.option("--sort", type=click.Choice(SORT_KEYS), default="id", show_default=True)
@click.option("--long", "long_form", is_flag=True, help="Id, date and title, tab-separated.")
def ids(dossier_dir: Path | None, tags, types, since, until, search, sort, long_form) -> None:
    """Print the entries' ids, one per line, never wrapped: for copying, completion and scripts.

    \b
    Examples:
      dossier ids
      dossier ids --search quds | fzf
      dossier ids --long --sort date
    """
    root = resolve_root(dossier_dir)
    selection = Selection(tags=tags, types=types, since=since, until=until, search=search)
    if selection == Selection() and sort == "id" and not long_form:
        from dossiercli.load import ENTRIES_DIR, entry_files

        folder = root / ENTRIES_DIR
        stems = sorted({path.stem for path in (entry_files(folder) if folder.is_dir() else [])})
        if stems:
            click.echo("\n".join(stems))
        return

    dossier = open_dossier(root)
    report_skipped(dossier.skipped)
    entries = select(dossier.entries, selection, sort=sort)
    for entry in entries:
        if long_form:
            click.echo(f"{entry.id}\t{entry.issued or 'n.d.'}\t{' '.join(entry.title.split())}")
        else:
            click.echo(entry.id)
