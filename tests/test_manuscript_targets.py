"""Targets on the constructs that need care: block quotes, tables, notes with code, front matter."""

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from dossiercli.chicago.notes import Style
from dossiercli.chicago.richtext import latex_text, rtf_escape
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import Options, build
from dossiercli.manuscript.targets import Document, _latex_fast, _rtf_fast, write

RESOLVER = open_dossier(REPO).resolver
TEXT = """\
> Quoted text
> [@lake2007, 3].

| claim | source |
|---|---|
| a plan | [@ap2007] |

A note with code.[^c]

[^c]: First paragraph [@reid2007].

    ```
    [@not-a-cite]
    ```

    After the code [@lake2007, 9].
"""


def render(target: str) -> str:
    built = build(TEXT, RESOLVER, Options(Style(headline=False)))
    assert built.findings == []
    return write(Document(built, []), target)


def test_a_citation_on_a_block_quotes_own_line_joins_the_line_above():
    assert render("markdown").startswith("> Quoted text.[^1]\n")


def test_markdown_notes_keep_their_code_blocks_indented():
    assert "[^3]: First paragraph Robert H. Reid," in render("markdown")
    assert (
        "\n\n    ```\n    [@not-a-cite]\n    ```\n\n    After the code Lake, “Iran’s Secret Plan For Mayhem,” 9."
        in render("markdown")
    )


def test_latex_notes_in_a_table_are_marked_there_and_written_after_it():
    latex = render("latex")
    assert "a plan & \\footnotemark{} \\\\\n\\end{tabular}\n\\addtocounter{footnote}{-1}\n" in latex
    assert "\\stepcounter{footnote}\\footnotetext{``U.S.: Iran helping some Sunni insurgents,''" in latex
    assert "\\par \\texttt{[@not-a-cite]}\\par After the code" in latex


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_the_latex_compiles(tmp_path: Path):
    (tmp_path / "t.tex").write_text(render("latex"), encoding="utf-8")
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_rtf_and_html_carry_every_note():
    assert render("rtf").count("{\\footnote") == 3
    html = render("html")
    assert all(f'id="fn{n}"' in html and f'href="#fnref{n}"' in html for n in (1, 2, 3))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab -–—'’\"”“‘,.;:!?`~^&%$#_{}\\<>é\u00a0…ʿ|@*()+=/\n", max_size=20))
def test_the_fast_latex_escape_is_latex_text(text):
    assert _latex_fast(text) == latex_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_the_fast_rtf_escape_is_rtf_escape(text):
    assert _rtf_fast(text) == rtf_escape(text)
