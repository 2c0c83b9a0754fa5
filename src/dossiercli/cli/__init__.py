"""The `dossier` command line: thin commands over the core.

Commands are loaded lazily, by name, so `dossier validate` does not pay for the
imports of `dossier check-urls`. Every user error (`DossierError`) is turned
into one line on stderr and exit status 2 here, in one place.
"""

from __future__ import annotations

import importlib

import click

from dossiercli import __version__
from dossiercli.errors import DossierError, ExitStatus

# command name -> "module:function" under dossiercli.cli
COMMANDS: dict[str, str] = {
    "validate": "validate:validate",
    "list": "listing:list_entries",
    "show": "listing:show",
    "cite": "cite:cite",
    "notes": "cite:notes",
    "bibliography": "cite:bibliography_command",
    "import": "transfer:import_command",
    "export": "transfer:export_command",
    "check-urls": "links:check_urls_command",
    "links": "links:links_group",
    "archive": "links:archive_command",
    "verify": "verify:verify_command",
    "init": "authoring:init",
    "add": "authoring:add",
    "excerpt": "authoring:excerpt",
    "add-excerpt": "authoring:excerpt",
    "fmt": "fmt:fmt",
    "render": "render:render",
    "schema": "schema:schema_command",
    "completion": "completion:completion",
    "edit": "entries:edit",
    "rm": "entries:rm",
    "mv": "entries:mv",
    "tag": "entries:tag",
    "ids": "entries:ids",
    "manuscript": "manuscript:manuscript",
    "pandoc-filter": "manuscript:pandoc_filter",
}

EPILOG = """\b
Exit status: 0 ok, 1 findings (validation errors, broken links,
files to reformat), 2 usage or input error.

\b
Examples:
  dossier validate
  dossier list --tag iran --since 2007-05
  dossier show lake2007-iran-secret-plan
  dossier cite lake2007-iran-secret-plan:3 ap2007-iran-helping-sunni
  dossier bibliography --format html
  dossier manuscript paper.md -o paper.tex
"""


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of `dossier --help`, from the commands' docstrings read as text: no command is imported."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            summary = _summary_from_source(name, limit)
            if summary is None:  # not found as text: ask the command itself
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                summary = command.get_short_help_str(limit)
            rows.append((name, summary))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"dossiercli.cli.{module_name}")
        from dossiercli.cli.completion import attach  # ids and tags complete from the dossier

        return attach(getattr(module, attr))

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            if ctx.meta.get("dossier.skipped"):  # entries were skipped (cli.options.report_skipped)
                ctx.exit(ExitStatus.FINDINGS)
            return result
        except DossierError as error:
            from dossiercli.render.plain import terminal_safe  # a message may quote a server's or a file's text

            click.echo(terminal_safe(f"dossier: error: {error}"), err=True)
            ctx.exit(ExitStatus.USAGE)
        except (KeyboardInterrupt, click.exceptions.Abort):  # Ctrl-C anywhere, Ctrl-C or Ctrl-D at a prompt
            click.echo("\ndossier: interrupted", err=True)
            ctx.exit(ExitStatus.INTERRUPTED)
        except (click.exceptions.ClickException, click.exceptions.Exit):
            raise
        except BrokenPipeError:  # `dossier list | head -1`: the reader has gone; stop quietly, as git does
            import os
            import signal
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
            ctx.exit(128 + signal.SIGPIPE)
        except OSError as error:  # a file or device problem the core did not anticipate: still one line
            from dossiercli.render.plain import terminal_safe

            where = f"{error.filename}: " if error.filename else ""
            click.echo(terminal_safe(f"dossier: error: {where}{error.strerror or error}"), err=True)
            ctx.exit(ExitStatus.USAGE)
        except Exception as error:  # a bug: one line, never a traceback (DOSSIER_DEBUG=1 shows it)
            import os

            if os.environ.get("DOSSIER_DEBUG"):
                raise
            from dossiercli.render.plain import terminal_safe

            detail = terminal_safe(str(error).splitlines()[0][:200]) if str(error).strip() else ""
            click.echo(
                f"dossier: internal error: {type(error).__name__}{': ' + detail if detail else ''} "
                "(a bug: please report it with the command you ran; DOSSIER_DEBUG=1 shows the traceback)",
                err=True,
            )
            ctx.exit(ExitStatus.USAGE)


def _summary_from_source(name: str, limit: int) -> str | None:
    """A command's short help as Click makes it from its docstring, read from the module's source text."""
    import importlib.util
    import inspect
    import re

    module_name, attr = COMMANDS[name].split(":")
    try:
        spec = importlib.util.find_spec(f"dossiercli.cli.{module_name}")
        with open(spec.origin, encoding="utf-8") as handle:  # type: ignore[union-attr, arg-type]
            source = handle.read()
    except (ImportError, AttributeError, TypeError, OSError):
        return None
    match = re.search(rf"^def {re.escape(attr)}\(.*?\)(?:\s*->\s*[^:]+)?:\s*\"\"\"(.*?)\"\"\"", source, re.S | re.M)
    if match is None or "hidden" in source[max(0, match.start() - 600) : match.start()].split("\n\n")[-1]:
        return None
    text = inspect.cleandoc(match.group(1)).split("\f", 1)[0]
    return short_help(text, limit)


def short_help(text: str, limit: int) -> str:
    """The first sentence of the first paragraph, cut at a word to fit `limit` with "...".

    What Click shows for a command's help; ours, because Click's helper for it is private
    (it was renamed in Click 8.2 and could change again).
    """
    words = text.split("\n\n", 1)[0].split()
    if words[:1] == ["\b"]:
        words = words[1:]
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            while kept and len(" ".join(kept)) + 3 > limit:
                kept.pop()
            return " ".join(kept) + "..."
        kept.append(word)
        if word.endswith("."):
            break
    return " ".join(kept)


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="dossier")
@click.option("--dir", "dossier_dir", type=click.Path(file_okay=False), help="The dossier folder, for every command.")
@click.pass_context
def main(ctx: click.Context, dossier_dir: str | None) -> None:
    """Keep a research dossier: sources as TOML files, checked, cited in Chicago style.

    A dossier is a folder with a dossier.toml and an entries/ folder holding one
    TOML file per source. Commands find it from --dir, then $DOSSIER_DIR, then
    the current folder and its parents.
    """
    if dossier_dir:
        # `dossier --dir X list` means `dossier list --dir X`: pass it down as the commands' default.
        ctx.default_map = {name: {"dossier_dir": dossier_dir} for name in COMMANDS}
