"""examples/manuscript/: a short manuscript and what `dossier manuscript` makes of it, kept current.

After a deliberate change to the output, rewrite the examples with
`DOSSIER_UPDATE_EXAMPLES=1 pytest tests/test_examples_manuscript.py` and read the diff.
"""

import os

import pytest

from conftest import REPO

EXAMPLES = REPO / "examples" / "manuscript"
SOURCE = EXAMPLES / "backgrounder.md"
OUTPUTS = {
    "markdown": "backgrounder.notes.md",
    "latex": "backgrounder.tex",
    "html": "backgrounder.html",
    "rtf": "backgrounder.rtf",
}


@pytest.mark.parametrize("target", OUTPUTS)
def test_the_example_outputs_are_what_the_command_writes_today(run, target):
    result = run("manuscript", SOURCE, "--to", target, "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    path = EXAMPLES / OUTPUTS[target]
    if os.environ.get("DOSSIER_UPDATE_EXAMPLES"):
        path.write_text(result.stdout, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == result.stdout, (
        f"{path.name} is stale: run DOSSIER_UPDATE_EXAMPLES=1 pytest tests/test_examples_manuscript.py"
    )


def test_the_example_reproduces_the_seeds_footnote_text():
    notes = (EXAMPLES / OUTPUTS["markdown"]).read_text(encoding="utf-8")
    assert (
        "have been intercepted by NATO forces. See, Jamey Keaten, “U.S. diplomat says NATO has intercepted "
        "Iranian weapons shipments to Taliban,” Associated Press Worldstream, June 13, 2007; Robin Wright,"
    ) in notes
