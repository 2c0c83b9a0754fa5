"""The documentation cannot drift: its examples are validated, its tables list every type and code."""

import datetime as dt
import re

import tomli

from conftest import REPO
from dossiercli.findings import CODES
from dossiercli.model.entry import ENTRY_TYPES
from dossiercli.model.parse import parse_entry
from dossiercli.validate import check_entry

ENTRY_FORMAT = (REPO / "docs" / "entry-format.md").read_text(encoding="utf-8")


def type_examples() -> dict[str, str]:
    sections = re.findall(r"^### ([a-z-]+)\n+```toml\n(.*?)```", ENTRY_FORMAT, flags=re.S | re.M)
    return dict(sections)


def test_every_entry_type_has_an_example_that_validates():
    examples = type_examples()
    assert set(examples) == set(ENTRY_TYPES)
    for name, text in examples.items():
        entry, problems = parse_entry(tomli.loads(text), f"example-{name}")
        assert problems == [], (name, problems)
        assert entry.type == name
        assert check_entry(entry, dt.date(2026, 11, 25)) == [], name


def test_every_validation_code_is_documented():
    table = (REPO / "docs" / "validation.md").read_text(encoding="utf-8")
    for code, (slug, _, _) in CODES.items():
        assert f"| {code} | {slug} |" in table


def test_every_command_is_in_the_readme_with_its_help_example():
    from click.testing import CliRunner

    from dossiercli.cli import COMMANDS, main

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        if name == "add-excerpt":  # an alias of excerpt
            continue
        assert f"dossier {name}" in readme, name
        help_text = CliRunner().invoke(main, [name, "--help"]).output
        assert "Examples:" in help_text and f"dossier {name}" in help_text, name


def test_every_entry_example_is_in_the_layout_fmt_writes():
    """A reader copies an example into entries/: `dossier fmt --check` must pass on it."""
    from dossiercli.fmt import format_text

    for body in re.findall(r"```toml\n(.*?)```", ENTRY_FORMAT, flags=re.S):
        try:
            data = tomli.loads(body)
        except tomli.TOMLDecodeError:
            continue  # a fragment showing alternatives, not an entry file
        if "type" in data:
            assert format_text(body) == body, body.splitlines()[0]
