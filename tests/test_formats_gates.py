"""Every BibTeX export is read by the consumers people use: pybtex (strict), and where installed
`bibtex` and `biber` building a biblatex-chicago document (skipped with a reason where absent)."""

import re
import shutil
import subprocess

import pytest
from pybtex.database import parse_string
from pybtex.errors import set_strict_mode

from conftest import REPO
from dossiercli.formats.bibtex import read_bibtex, write_bibtex
from dossiercli.load import open_dossier
from dossiercli.model.dates import PartialDate
from dossiercli.model.entry import Entry
from dossiercli.model.names import Name

HARD = [
    Entry(
        id="braces",
        type="book",
        title="Literal {braces} } and \\ backslash, 100% & $5 ~ ^ _ #1",
        publisher="P{",
        issued=PartialDate(2001),
        authors=(
            Name(family="Vulpen", particle="van", given="Ruud"),
            Name(family="Montes de Oca", given="Marco"),
            Name(family="Beethoven", dropping_particle="von", given="Ludwig"),
            Name(family="Sadr", particle="al-", given="Muqtada"),
            Name(literal="Smith and Sons {Ltd"),
        ),
    ),
    Entry(
        id="math",
        type="article-journal",
        title="Films of 5 μm and $\\frac{a}{b}$ with “quotes” – dashes — ’",
        container_title="Physica",
        issued=PartialDate(2010, 2, 3),
        page="1-10",
        volume="3",
        issue="2",
        url="https://example.org/a}b{c\\d?x=1%20#frag",
        doi="10.1000/x}},@preamble{x",
        extra=(("et-al", "author"), ("eprintclass", "hep-th")),
        authors=(Name(family="Ḥasan", given="ʿAlī"),),
    ),
    Entry(
        id="film",
        type="report",
        title="A Documentary",
        publisher="Studio",
        issued=PartialDate(1999),
        volume_title="Collected Works",
        issn="1234-5678",
        status="forthcoming",
        original_date=PartialDate(1950),
        directors=(Name(family="Ford", given="John"),),
        producers=(Name(family="Selznick", given="David O."),),
        abstract="An abstract with a } brace.",
        citation_key="Ford:1999",
    ),
    Entry(id="range", type="book", title="Annals", publisher="P", issued=PartialDate.parse("1982/1983")),
    Entry(
        id="words",
        type="book",
        title="Undated",
        publisher="P",
        issued=PartialDate.parse({"literal": "ca. 1850–60"}),
        note="A note that must survive.",
    ),
]


def exports():
    entries = sorted(open_dossier(REPO).entries, key=lambda e: e.id) + HARD
    return {
        f"{name}{'-ascii' if ascii_only else ''}": write_bibtex(
            entries, biblatex=name == "biblatex", ascii_only=ascii_only
        )
        for name in ("bibtex", "biblatex")
        for ascii_only in (False, True)
    }


EXPORTS = exports()


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_pybtex_strict_reads_every_export_and_every_entry(name):
    set_strict_mode(True)
    parsed = parse_string(EXPORTS[name], "bibtex")
    assert len(parsed.entries) == 15 + len(HARD) and not parsed.preamble
    assert "Ford:1999" in parsed.entries  # the record's own key, where it is a valid BibTeX key


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_our_reader_reads_every_export_back(name):
    records, failures = read_bibtex(EXPORTS[name])
    assert failures == [] and len(records) == 15 + len(HARD)
    braces = next(r for r in records if r.key == "braces").table
    assert braces["title"] == HARD[0].title and braces["publisher"] == "P{"
    assert [a.get("family") or a.get("literal") for a in braces["author"]] == [
        "Vulpen",
        "Montes de Oca",
        "Beethoven",
        "al-Sadr",
        "Smith and Sons {Ltd",
    ]


def test_ascii_export_is_ascii():
    assert EXPORTS["bibtex-ascii"].isascii() and EXPORTS["biblatex-ascii"].isascii()
    assert "{\\'i}" in EXPORTS["bibtex-ascii"] or "{\\=i}" in EXPORTS["bibtex-ascii"]


@pytest.mark.skipif(not shutil.which("bibtex"), reason="bibtex is not installed (Debian: texlive-binaries)")
def test_bibtex_reads_the_export_without_an_error(tmp_path):
    (tmp_path / "refs.bib").write_text(EXPORTS["bibtex-ascii"], encoding="utf-8")
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    result = subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "doc.bbl").read_text().count("\\bibitem") == 15 + len(HARD)


def _biblatex_package() -> str:
    found = subprocess.run(["kpsewhich", "xstring.sty"], capture_output=True, text=True).stdout.strip()
    if found:
        return r"\usepackage[notes,backend=biber]{biblatex-chicago}"
    # biblatex-chicago needs xstring.sty (texlive-latex-extra): without it, biblatex with its data model
    return r"\usepackage[backend=biber,style=authoryear,datamodel=cms]{biblatex}"


@pytest.mark.skipif(
    not (shutil.which("biber") and shutil.which("pdflatex") and shutil.which("kpsewhich")),
    reason="biber and pdflatex are not installed (Debian: biber, texlive-latex-recommended)",
)
def test_biber_builds_a_biblatex_chicago_document_from_the_export(tmp_path):
    if not subprocess.run(["kpsewhich", "cms.dbx"], capture_output=True, text=True).stdout.strip():
        pytest.skip("biblatex-chicago is not installed (Debian: texlive-bibtex-extra)")
    (tmp_path / "refs.bib").write_text(EXPORTS["biblatex"], encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n"
        + _biblatex_package()
        + "\n\\addbibresource{refs.bib}\n\\begin{document}\n"
        "\\nocite{*}\n\\printbibliography\n\\end{document}\n",
        encoding="utf-8",
    )
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    subprocess.run(latex, cwd=tmp_path, capture_output=True, timeout=120)
    biber = subprocess.run(["biber", "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert biber.returncode == 0 and not re.search(r"^ERROR", biber.stdout, re.M), biber.stdout[-2000:]
    assert (tmp_path / "doc.bbl").read_text(encoding="utf-8").count("\\entry{") == 15 + len(HARD)
