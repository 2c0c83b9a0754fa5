"""Options and output helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import click

from dossiercli.load import find_root


class DateParam(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD, checked as entry dates are (a bad one is asked again at a prompt)."""

    name = "DATE"

    def convert(self, value, param, ctx):
        from dossiercli.model.dates import DateError, PartialDate  # here: `validate` starts without the model

        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.parse(value)
        except DateError as error:
            self.fail(str(error), param, ctx)


class EntryTypeChoice(click.Choice):
    """An entry type, with "did you mean" for a near miss, as `validate`'s E014 has (at a prompt too)."""

    def __init__(self) -> None:
        from dossiercli.model.entry import ENTRY_TYPES

        super().__init__(sorted(ENTRY_TYPES))

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        import difflib

        close = difflib.get_close_matches(str(value), [str(c) for c in self.choices], n=2, cutoff=0.6)
        if close:
            self.fail(f"{value!r} is not an entry type; did you mean {' or '.join(map(repr, close))}?", param, ctx)
        return super().convert(value, param, ctx)


def dir_option(command):
    return click.option(
        "--dir",
        "dossier_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="DOSSIER_DIR",
        show_envvar=True,
        help="The dossier folder (default: the nearest folder upwards with a dossier.toml).",
    )(command)


def resolve_root(dossier_dir: Path | None) -> Path:
    # The envvar is already folded into --dir by Click; pass an empty env so it is not read twice.
    return find_root(dossier_dir, env={})


def open_for_reading(dossier_dir: Path | None):
    """The dossier for a command that reads entries: invalid entry files are skipped with a warning.

    One line on stderr per skipped file, naming it; the command goes on with the others and
    exits 1 at the end (see `cli.LazyGroup.invoke`), so scripts see that something was left out.
    """
    from dossiercli.load import open_dossier

    dossier = open_dossier(resolve_root(dossier_dir))
    report_skipped(dossier.skipped)
    return dossier


SKIPPED_KEY = "dossier.skipped"


def report_skipped(findings) -> None:
    for finding in findings:
        where = display_path(finding.path) + (f":{finding.line}" if finding.line else "")
        tail = "" if finding.code == "W007" else "; entry skipped (run `dossier validate`)"
        click.echo(f"dossier: warning: {where}: {finding.code} {finding.message}{tail}", err=True)
    context = click.get_current_context(silent=True)
    if findings and context is not None:
        context.meta[SKIPPED_KEY] = context.meta.get(SKIPPED_KEY, 0) + len(findings)


def display_path(path: Path | None) -> str:
    """Paths as a user would type them (`paths.shown_path`)."""
    from dossiercli.paths import shown_path

    return shown_path(path)


def format_option(*choices: str, default: str = "text"):
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def writes_dossier(when=None):
    """Run the command holding the dossier's write lock (lock.py); `when(kwargs)` limits it to some runs.

    Put it under the Click decorators. A dossier that cannot be found is left to the
    command, which reports it as it always does.
    """
    import functools

    def decorate(callback):
        @functools.wraps(callback)
        def run(*args, **kwargs):
            if when is not None and not when(kwargs):
                return callback(*args, **kwargs)
            from dossiercli.errors import DossierError
            from dossiercli.lock import dossier_lock

            try:
                root = resolve_root(kwargs.get("dossier_dir"))
            except DossierError:
                return callback(*args, **kwargs)
            with dossier_lock(root):
                return callback(*args, **kwargs)

        return run

    return decorate
