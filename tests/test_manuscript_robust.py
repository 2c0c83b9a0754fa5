"""Whatever a writer types, the manuscript command answers with findings or a document, never a crash."""

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import build
from dossiercli.manuscript.targets import Document, write

RESOLVER = open_dossier(REPO).resolver
PIECES = [
    "[",
    "]",
    "@",
    "@lake2007",
    "@ap2007",
    "-@reid2007",
    "[^1]",
    "[^1]: ",
    "^[",
    "`",
    "```\n",
    "~~~\n",
    "<!--",
    "-->",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    ", ",
    "; ",
    "p. 3",
    "{",
    "}",
    "\\",
    "see ",
    "text ",
    ".",
    '"',
    "“",
    "’",
    "*",
    "_",
    "#",
    "|",
    "(",
    ")",
    "https://x.org/@a",
    "me@example.com",
    "---\n",
    "é",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_builds_and_renders_in_every_target(text):
    built = build(text, RESOLVER)
    for finding in built.findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message
    if not built.errors:
        document = Document(built, built.bibliography())
        for target in ("markdown", "latex", "html", "rtf"):
            assert isinstance(write(document, target), str)
