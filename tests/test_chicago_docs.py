"""docs/chicago.md cannot drift: its per-type examples are what the engine prints for those entries."""

import re

from conftest import REPO
from dossiercli.chicago import bibliography_entry, full_note, render, short_note
from dossiercli.load import open_dossier
from dossiercli.model.entry import ENTRY_TYPES

DOC = (REPO / "docs" / "chicago.md").read_text(encoding="utf-8")
CASES = open_dossier(REPO / "benchmarks" / "crosscheck_cases")
UNPUBLISHED = open_dossier(REPO / "tests" / "data" / "chicago-types")  # letter, manuscript, document


def lookup(entry_id):
    return UNPUBLISHED.get(entry_id) if entry_id in UNPUBLISHED else CASES.get(entry_id)


def test_every_type_has_an_example_and_each_matches_the_engine():
    examples = re.findall(r"^### ([a-z-]+) — `([^`]+)`\n\n```text\n(.*?)```", DOC, flags=re.S | re.M)
    assert {kind for kind, _, _ in examples} == set(ENTRY_TYPES)
    for kind, entry_id, block in examples:
        entry = lookup(entry_id)
        assert entry.type == kind
        lines = dict(line.split(":", 1) for line in block.splitlines())
        assert lines["Note"].strip() == render(full_note(entry, "12"), "markdown")
        assert lines["Short note"].strip() == render(short_note(entry, "15"), "markdown")
        assert lines["Bibliography"].strip() == render(bibliography_entry(entry), "markdown")
