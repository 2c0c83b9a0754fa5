"""Issue 27 items 4-5: every export of the real files (tests/fixtures/real/, tests/fixtures/import/) is
typeset: BibTeX and biblatex, UTF-8 and --ascii, through pdflatex + biber with biblatex-chicago and
pdflatex + BibTeX (plain style). What the decoder made Unicode is encoded again (α -> $\\alpha$, a
combining mark -> its accent command), so pdflatex never meets a character it cannot set. Skipped
where TeX is not installed."""

import shutil
import subprocess

import pytest

from conftest import FIXTURES, write_dossier
from dossiercli.formats.bibtex import write_bibtex
from dossiercli.importing import apply_import, plan_import
from dossiercli.load import open_dossier

TOOLS = all(shutil.which(tool) for tool in ("pdflatex", "biber", "bibtex", "kpsewhich"))
pytestmark = pytest.mark.skipif(not TOOLS, reason="needs pdflatex, biber and bibtex (texlive, biber)")
REAL = sorted((FIXTURES / "real").glob("*.bib")) + sorted((FIXTURES / "real").glob("*.ris"))
REAL += [FIXTURES / "import" / name for name in ("macros-and-accents.bib", "messy.bib", "items.json", "zotero.ris")]

BIBER_DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[notes,backend=biber,safeinputenc]{biblatex-chicago}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""
BIBTEX_DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{url}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    root = write_dossier(tmp_path_factory.mktemp("real") / "d", {})
    for path in REAL:  # one file at a time: each file's records checked against what is already there
        apply_import(plan_import(open_dossier(root), [path], allow_incomplete=True))
    found = open_dossier(root).entries
    assert len(found) >= 30
    return sorted(found, key=lambda e: e.id)


def typeset(work, bib: str, document: str, backend: str) -> None:
    (work / "refs.bib").write_text(bib, encoding="utf-8")
    (work / "doc.tex").write_text(document, encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    first = subprocess.run(latex, cwd=work, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stdout[-1500:]
    bib_run = subprocess.run([backend, "doc"], cwd=work, capture_output=True, text=True, timeout=300)
    assert bib_run.returncode == 0, bib_run.stdout[-3000:]
    if backend == "biber":
        assert "ERROR" not in bib_run.stdout
    last = subprocess.run(latex, cwd=work, capture_output=True, text=True, timeout=300)
    assert last.returncode == 0, last.stdout[-3000:]
    assert (work / "doc.pdf").stat().st_size > 1000


@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "ascii"])
@pytest.mark.parametrize("biblatex", [True, False], ids=["biblatex+biber", "bibtex"])
def test_every_export_of_the_real_files_is_typeset_by_pdflatex(tmp_path, entries, biblatex, ascii_only):
    bib = write_bibtex(entries, biblatex=biblatex, ascii_only=ascii_only)
    assert bib.isascii() or not ascii_only
    assert "\\symbol{" not in bib
    typeset(tmp_path, bib, BIBER_DOC if biblatex else BIBTEX_DOC, "biber" if biblatex else "bibtex")
