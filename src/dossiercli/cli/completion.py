"""Shell completion (bash, zsh, fish), through Click's own completion protocol.

`dossier completion SHELL` prints the script; the shell then calls `dossier` back with
`_DOSSIER_COMPLETE=…_complete`, and Click asks each parameter for its completions. Entry
types, formats and other choices complete from their `click.Choice`; the commands' entry
ids (and citation keys, where the dossier resolves them), `ID:LOCATOR+ID` citations and tags
complete from the dossier's files, attached here by parameter name so that the commands need
not know about completion. A completion never fails: no dossier, no suggestions.
"""

from __future__ import annotations

import functools
import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import click
from click.shell_completion import CompletionItem, get_completion_class

SHELLS = ("bash", "zsh", "fish")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _shell() -> str:
    """The shell asking (Click's protocol names it in _DOSSIER_COMPLETE: bash_complete, zsh_complete…)."""
    return os.environ.get("_DOSSIER_COMPLETE", "").partition("_")[0]


def _item(value: str, help: str | None = None) -> CompletionItem | None:
    """What is offered for `value`: quoted for bash (which inserts it into the command line as it is; zsh
    and fish quote what they insert), with a description free of control characters; a value holding
    control characters cannot be typed back and is not offered."""
    if _CONTROL.search(value):
        return None
    if _shell() == "bash":
        value = shlex.quote(value)
    return CompletionItem(value, help=" ".join(_CONTROL.sub(" ", help).split()) if help else help)


def _items(pairs) -> list[CompletionItem]:
    return [item for value, help in pairs if (item := _item(value, help)) is not None]


def _entry_files(ctx: click.Context) -> list[Path]:
    """The entry files of the dossier the command line points at (--dir, DOSSIER_DIR, the folders upwards)."""
    from dossiercli.load import ENTRIES_DIR, entry_files, find_root

    explicit = None
    context: click.Context | None = ctx
    while context is not None and explicit is None:
        explicit = context.params.get("dossier_dir")
        context = context.parent
    try:
        root = find_root(Path(explicit) if explicit else None, env=os.environ)
        return entry_files(root / ENTRIES_DIR)
    except Exception:  # noqa: BLE001 - completion must never print a traceback into the shell
        return []


def _tables(paths: list[Path], needle: bytes = b""):
    """(path, TOML table) of the files that mention `needle`; unreadable files are skipped."""
    import tomli

    for path in paths:
        try:
            data = path.read_bytes()
            if needle in data:
                yield path, tomli.loads(data.decode("utf-8-sig"))
        except (OSError, ValueError, RecursionError):  # UnicodeDecodeError, TOMLDecodeError, a 5,000-digit integer
            continue


_SAFE_KEY = re.compile(r"[\w.:+/-]+")  # citation keys offered: no shell syntax, no white space


def entry_keys(ctx: click.Context, prefix: str = "") -> list[tuple[str, str]]:
    """(key, title) for the entries whose id (or citation key) starts with `prefix`.

    Ids are file names, listed without reading the files (a 10,000-entry dossier completes at
    once); titles, shown by zsh and fish, are read when at most 50 entries match.
    """
    from dossiercli.model.parse import ID_PATTERN

    paths = _entry_files(ctx)
    # Only ids validate accepts (letters, digits, - _ .): a file named like a shell command is never offered.
    found = {path.stem: path for path in paths if path.stem.startswith(prefix) and ID_PATTERN.fullmatch(path.stem)}
    titles: dict[str, str] = {}
    if len(found) <= 50:
        for path, table in _tables(list(found.values())):
            if isinstance(table.get("title"), str):
                titles[path.stem] = " ".join(table["title"].split())
    keys = [(key, titles.get(key, "")) for key in sorted(found)]
    # Citation keys (citation-key = "…"), offered where the commands accept them: where Dossier.get finds the entry.
    from dossiercli.load import Dossier, DossierConfig, read_entry

    keyed = [
        entry
        for path, table in _tables(paths, b"citation-key")
        if isinstance(table.get("citation-key"), str) and (entry := read_entry(path)[0]) is not None
    ]
    resolver = Dossier(Path("."), DossierConfig(), keyed)
    for entry in keyed:
        key = getattr(entry, "citation_key", None)
        if not key or key == entry.id or key in found or not key.startswith(prefix) or not _SAFE_KEY.fullmatch(key):
            continue
        try:
            if resolver.get(key) is entry:
                keys.append((key, " ".join(entry.title.split())))
        except Exception:  # noqa: BLE001 - an unknown key: not offered
            continue
    return keys


def complete_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _items(entry_keys(ctx, incomplete))


def complete_citations(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """`ID[:LOCATOR][+ID…]`: the id after the last '+' (none once a locator is being typed)."""
    head, _, last = incomplete.rpartition("+")
    if ":" in last:
        return []
    prefix = head + "+" if head else ""
    return _items((prefix + key, title) for key, title in entry_keys(ctx, last))


def _tag_spellings(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    """(tag, "N entries") for the tags starting with what is typed, case ignored as `tag` ignores it:
    "EFP" and "efp" are one tag, offered in its most used spelling."""
    spellings: dict[str, dict[str, int]] = {}
    wanted = incomplete.casefold()
    for _, table in _tables(_entry_files(ctx), b"tags"):
        tags = table.get("tags")
        for tag in tags if isinstance(tags, list) else ():
            if isinstance(tag, str) and tag.casefold().startswith(wanted):
                forms = spellings.setdefault(tag.casefold(), {})
                forms[tag] = forms.get(tag, 0) + 1
    chosen = []
    for forms in spellings.values():
        spelling = max(sorted(forms), key=lambda form: forms[form])
        chosen.append((spelling, f"{sum(forms.values())} entries"))
    return sorted(chosen, key=lambda pair: pair[0].casefold())


def complete_tags(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return _items(_tag_spellings(ctx, incomplete))


def complete_tag_words(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """`dossier tag ID… +TAG -TAG`: +TAG, or else an id (Click completes a word starting with "-" as an option)."""
    if incomplete[:1] in ("+", "-"):
        sign = incomplete[0]
        return _items((sign + tag, help) for tag, help in _tag_spellings(ctx, incomplete[1:]))
    return complete_ids(ctx, param, incomplete)


# parameter name (as the commands declare it) -> how to complete it
COMPLETERS: dict[str, Callable[[click.Context, click.Parameter, str], list[CompletionItem]]] = {
    "entry_id": complete_ids,
    "entry_ids": complete_ids,
    "old_id": complete_ids,
    "ids": complete_ids,
    "words": complete_tag_words,
    "citations": complete_citations,
    "tags": complete_tags,
}


def attach(command: click.Command) -> click.Command:
    """Give the command's id and tag parameters their completion.

    Click asks `param.shell_complete(ctx, incomplete)`; the instance's own attribute answers first
    (public API only: Click's private `_custom_shell_complete` changed between releases before).
    """
    for param in command.params:
        completer = COMPLETERS.get(param.name or "")
        if completer is not None:
            param.shell_complete = functools.partial(_complete, completer, param)  # type: ignore[method-assign]
    return command


def _complete(completer, param: click.Parameter, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    return completer(ctx, param, incomplete)


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the shell completion script for bash, zsh or fish.

    Completes commands, options, entry types, formats, entry ids and tags.

    \b
    Examples:
      eval "$(dossier completion bash)"                 # in ~/.bashrc
      eval "$(dossier completion zsh)"                  # in ~/.zshrc
      dossier completion fish > ~/.config/fish/completions/dossier.fish
    """
    from dossiercli.cli import main

    completer = get_completion_class(shell)
    assert completer is not None  # every name in SHELLS is one Click supports
    click.echo(completer(main, {}, "dossier", "_DOSSIER_COMPLETE").source())
