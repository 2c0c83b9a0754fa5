"""Import real .bib / CSL-JSON / RIS files, export them again, and check the exports with the
consumers people use: the table in docs/formats.md comes from this script.

    python benchmarks/realfiles.py FILE... [--no-latex]

For each file: records read, imported, duplicates, refused (by reason), warnings, fields not
kept; then the imported dossier is exported as BibTeX and biblatex and each export is given to
pybtex (strict mode), `bibtex` (plain style, \\nocite{*}: error count) and `biber` through a
biblatex-chicago document (pdflatex, biber, exit status and error count), where installed.
Third-party files are fetched, never committed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from dossiercli.formats.bibtex import write_bibtex
from dossiercli.importing import apply_import, plan_import
from dossiercli.load import open_dossier


def _reason(text: str) -> str:
    text = re.sub(r"^[^:]*: ", "", text, count=1) if ": " in text else text
    text = re.sub(r"'[^']*'", "'…'", text)
    return text[:70]


def pybtex_strict(text: str) -> str:
    try:
        from pybtex.database import parse_string
        from pybtex.errors import set_strict_mode
    except ImportError:
        return "absent"
    set_strict_mode(True)
    try:
        parse_string(text, "bibtex")
        return "ok"
    except Exception as error:  # noqa: BLE001 - a report, not a control flow
        return f"fails: {str(error)[:60]}"


def run_bibtex(text: str, work: Path) -> str:
    if not shutil.which("bibtex"):
        return "absent"
    (work / "refs.bib").write_text(text, encoding="utf-8")
    (work / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    result = subprocess.run(["bibtex", "doc"], cwd=work, capture_output=True, text=True, timeout=300)
    errors = len(re.findall(r"^I was expecting|^I'm skipping|^Repeated entry|error message", result.stdout, re.M))
    entries = (work / "doc.bbl").read_text(errors="replace").count("\\bibitem") if (work / "doc.bbl").exists() else 0
    return (
        f"ok ({entries} items)"
        if result.returncode == 0
        else f"exit {result.returncode}, {errors} errors, {entries} items"
    )


def _biblatex_line() -> str:
    """biblatex-chicago where LaTeX can load it (it needs xstring.sty, in texlive-latex-extra); else
    biblatex with biblatex-chicago's data model (cms.dbx): biber then reads the same fields."""
    found = subprocess.run(["kpsewhich", "xstring.sty"], capture_output=True, text=True).stdout.strip()
    return (
        r"\usepackage[notes,backend=biber]{biblatex-chicago}"
        if found
        else r"\usepackage[backend=biber,style=authoryear,datamodel=cms]{biblatex}"
    )


DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
BIBLATEX
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""


def run_biber(text: str, work: Path) -> str:
    if not (shutil.which("biber") and shutil.which("pdflatex")):
        return "absent"
    (work / "refs.bib").write_text(text, encoding="utf-8")
    (work / "doc.tex").write_text(DOCUMENT.replace("BIBLATEX", _biblatex_line()), encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    subprocess.run(latex, cwd=work, capture_output=True, timeout=600)
    result = subprocess.run(["biber", "doc"], cwd=work, capture_output=True, text=True, timeout=600)
    errors = len(re.findall(r"^ERROR", result.stdout, re.M))
    entries = (work / "doc.bbl").read_text(errors="replace").count("\\entry{") if (work / "doc.bbl").exists() else 0
    final = subprocess.run(latex, cwd=work, capture_output=True, timeout=600)
    pdf = "pdf" if final.returncode == 0 else "no pdf"
    status = "ok" if result.returncode == 0 and errors == 0 else f"exit {result.returncode}, {errors} errors"
    return f"{status} ({entries} entries, {pdf})"


def measure(path: Path, latex: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "d"
        (root / "entries").mkdir(parents=True)
        (root / "dossier.toml").write_text('title = "real"\n', encoding="utf-8")
        plan = plan_import(open_dossier(root), [path])
        apply_import(plan)
        reasons = Counter(_reason(reason) for _, reason in plan.failures)
        warnings = Counter(_reason(w) for _, w in plan.warnings)
        entries = sorted(open_dossier(root).entries, key=lambda e: e.id)
        row = {
            "file": path.name,
            "records": len(plan.planned) + len(plan.duplicates) + len(plan.failures),
            "imported": len(plan.planned),
            "duplicates": len(plan.duplicates),
            "refused": len(plan.failures),
            "reasons": reasons.most_common(4),
            "warnings": warnings.most_common(4),
            "not kept": plan.not_kept.most_common(6),
        }
        for name, biblatex in (("bibtex", False), ("biblatex", True)):
            text = write_bibtex(entries, biblatex=biblatex)
            row[f"pybtex strict ({name})"] = pybtex_strict(text)
            if latex:
                work = Path(tmp) / name
                work.mkdir()
                row[f"bibtex ({name})"] = run_bibtex(text, work) if not biblatex else "-"
                row[f"biber+chicago ({name})"] = run_biber(text, work) if biblatex else "-"
        ascii_text = write_bibtex(entries, ascii_only=True)
        row["--ascii is ASCII"] = ascii_text.isascii()
        return row


def main() -> None:
    latex = "--no-latex" not in sys.argv
    for arg in sys.argv[1:]:
        if arg.startswith("--"):
            continue
        row = measure(Path(arg), latex)
        print(" | ".join(f"{k}: {v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
