"""`render` writes the document as it makes it (issue 22.4: 100,000 entries held as one string took 1.7 GB):
a piece per row and per bibliography entry, to stdout or to the -o file, which appears only when complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AP, LAKE, RELEASE, write_dossier
from dossiercli.load import open_dossier
from dossiercli.render import document


@pytest.fixture
def root(tmp_path: Path) -> Path:
    entries = {f"lake{index}": LAKE.replace("Mayhem", f"Mayhem {index}") for index in range(30)}
    return write_dossier(tmp_path / "d", {**entries, "ap2007": AP, "mnfi2007": RELEASE})


@pytest.mark.parametrize("chunks", [document.markdown_chunks, document.html_chunks])
def test_the_document_comes_a_row_and_a_bibliography_entry_at_a_time(root, chunks):
    dossier = open_dossier(root)
    pieces = list(chunks(dossier, dossier.entries))
    assert len(pieces) >= 2 * len(dossier.entries)  # never one string for the whole table or bibliography
    assert max(map(len, pieces)) < 3000


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_stdout_and_the_output_file_hold_the_whole_document(root, run, tmp_path, output_format):
    from dossiercli.select import Selection, select

    dossier = open_dossier(root)
    entries = select(dossier.entries, Selection(), sort="date")  # as `render` orders them
    whole = (document.to_html if output_format == "html" else document.to_markdown)(dossier, entries)
    shown = run("render", "--dir", root, "--format", output_format)
    assert shown.exit_code == 0 and shown.stdout == whole
    target = tmp_path / f"out.{output_format}"
    assert run("render", "--dir", root, "--format", output_format, "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == whole


def test_a_document_that_fails_half_way_leaves_no_file(root, run, tmp_path, monkeypatch):
    def failing(dossier, entries, style=None):
        yield "# half\n"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document, "markdown_chunks", failing)
    target = tmp_path / "out.md"
    result = run("render", "--dir", root, "-o", target)
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert not target.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.md")] == []
