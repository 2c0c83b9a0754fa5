"""Start-up stays small: `--help` lists the commands without importing them, and `validate`
does not import what it does not use (rich, httpx, the model on a warm run)."""

import subprocess
import sys

import click

from dossiercli.cli import COMMANDS, _summary_from_source, main

PROBE = """
import sys
from dossiercli.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(sorted(name for name in sys.modules if name.startswith(("dossiercli", "rich", "httpx", "bibtexparser",
                                                              "pylatexenc", "tomlkit", "tomli"))))
"""


def loaded_after(*args: str, cwd=None) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True, cwd=cwd, check=True
    )
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307 - our own probe's printed list


def test_the_command_list_is_read_from_the_docstrings_as_click_would_make_it():
    context = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(context, name)
        for limit in (45, 80):
            assert _summary_from_source(name, limit) == command.get_short_help_str(limit), name


def test_help_imports_no_command():
    loaded = loaded_after("--help")
    assert not [name for name in loaded if name.startswith("dossiercli.cli.") and name != "dossiercli.cli"], loaded


def test_validate_imports_neither_rich_nor_httpx(dossier):
    loaded = loaded_after("validate", "--dir", str(dossier))
    assert not [
        name for name in loaded if name.split(".")[0] in ("rich", "httpx", "bibtexparser", "pylatexenc", "tomlkit")
    ]
    assert "dossiercli.model.parse" in loaded  # the first run parses every entry...
    warm = loaded_after("validate", "--dir", str(dossier))
    assert not [name for name in warm if name.startswith("dossiercli.model")], warm  # ...the next one only the cache


def test_piped_list_does_not_import_rich(dossier):
    loaded = loaded_after("list", "--dir", str(dossier))
    assert not [name for name in loaded if name.startswith("rich")], loaded
