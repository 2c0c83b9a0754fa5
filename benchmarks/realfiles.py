"""Import real .bib / CSL-JSON / RIS files, export them again, and typeset the exports: the table in
docs/formats.md comes from this script.

    python benchmarks/realfiles.py FILE_OR_FOLDER... [--no-latex]

For each file (a folder: its files imported one after another into one dossier): the records the
file holds (counted without our reader), written, merged as duplicates, refused (by reason), and
silent = records - written - merged - refused, which must be 0; fields not kept. The duplicates are
listed in $TMPDIR/duplicates-NAME.txt, to be read by hand. Then the dossier is exported as BibTeX
and biblatex, UTF-8 and --ascii, and each export is given to pybtex (strict mode) and typeset:
pdflatex + BibTeX (plain) + pdflatex, and pdflatex + biber + pdflatex with biblatex-chicago
(safeinputenc), where installed: exit status, items, and whether the PDF was made.
Third-party files are fetched, never committed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from dossiercli.errors import DossierError
from dossiercli.formats.bibtex import write_bibtex
from dossiercli.importing import apply_import, plan_import
from dossiercli.load import open_dossier


def _reason(text: str) -> str:
    text = re.sub(r"^\S+: ", "", text, count=1)  # the record's key
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
        r"\usepackage[notes,backend=biber,safeinputenc]{biblatex-chicago}"
        if found
        else r"\usepackage[backend=biber,style=authoryear,datamodel=cms]{biblatex}"
    )


DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb}
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
    pdf = "PDF" if final.returncode == 0 else "no PDF"
    status = "ok" if result.returncode == 0 and errors == 0 else f"exit {result.returncode}, {errors} errors"
    return f"{status}, {entries}, {pdf}"


BIBTEX_DOCUMENT = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{url,amsmath,amssymb}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""


def run_bibtex_pdf(text: str, work: Path) -> str:
    """pdflatex + BibTeX (plain) + pdflatex: BibTeX's exit status and items, and whether the PDF was made."""
    if not (shutil.which("bibtex") and shutil.which("pdflatex")):
        return "absent"
    (work / "refs.bib").write_text(text, encoding="utf-8")
    (work / "doc.tex").write_text(BIBTEX_DOCUMENT, encoding="utf-8")
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    subprocess.run(latex, cwd=work, capture_output=True, timeout=600)
    result = subprocess.run(["bibtex", "doc"], cwd=work, capture_output=True, text=True, timeout=600)
    items = (work / "doc.bbl").read_text(errors="replace").count("\\bibitem") if (work / "doc.bbl").exists() else 0
    final = subprocess.run(latex, cwd=work, capture_output=True, timeout=600)
    pdf = "PDF" if final.returncode == 0 else "no PDF"
    return f"{'ok' if result.returncode == 0 else f'exit {result.returncode}'}, {items}, {pdf}"


_BIB_BLOCK = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(]", re.M)


def source_records(path: Path) -> tuple[int, int]:
    """(records, @set blocks) counted from the file itself, without our reader: what must be accounted for."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    if path.suffix == ".json":
        data = json.loads(text)
        return (len(data) if isinstance(data, list) else 1), 0
    if re.search(r"^TY  - ", text, re.M):
        return len(re.findall(r"^TY  - ", text, re.M)), 0
    kinds = [k.lower() for k in _BIB_BLOCK.findall(text)]
    sets = kinds.count("set")
    return sum(1 for k in kinds if k not in ("string", "comment", "preamble", "xdata", "set")), sets


def measure(paths: list[Path], name: str, latex: bool = True, duplicates_out: Path | None = None) -> dict:
    """Import `paths` (one file after another) into an empty dossier, account for every record, export."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "d"
        (root / "entries").mkdir(parents=True)
        (root / "dossier.toml").write_text('title = "real"\n', encoding="utf-8")
        counted = written = merged = refused = sets = 0
        reasons: Counter = Counter()
        not_kept: Counter = Counter()
        duplicate_lines = []
        for path in paths:
            records, set_blocks = source_records(path)
            counted += records
            sets += set_blocks
            try:
                plan = plan_import(open_dossier(root), [path])
            except DossierError as error:  # a whole file refused (empty, not UTF-8): its records are refused
                reasons[_reason(str(error).rsplit(": ", 1)[-1])] += max(records, 1)
                refused += records
                continue
            apply_import(plan)
            record_failures = [(s, r) for s, r in plan.failures if not r.startswith("@string")]
            written += len([p for p in plan.planned if not p.merged])
            merged += len(plan.duplicates)
            refused += len(record_failures)
            reasons.update(_reason(reason) for _, reason in record_failures)
            not_kept.update(plan.not_kept)
            duplicate_lines += [f"{source}: {why}" for source, why in plan.duplicates]
        if duplicates_out is not None:
            duplicates_out.write_text("\n".join(duplicate_lines) + "\n", encoding="utf-8")
        entries = sorted(open_dossier(root).entries, key=lambda e: e.id)
        row: dict = {
            "file": name,
            "records": counted,
            "written": written,
            "merged": merged,
            "refused": refused,
            "reasons": reasons.most_common(4),
            "silent": counted - written - merged - refused,
            "not kept": not_kept.most_common(5),
        }
        for label, biblatex, ascii_only in (
            ("bibtex", False, False),
            ("bibtex --ascii", False, True),
            ("biblatex", True, False),
            ("biblatex --ascii", True, True),
        ):
            text = write_bibtex(entries, biblatex=biblatex, ascii_only=ascii_only)
            row[f"pybtex ({label})"] = pybtex_strict(text)
            if latex:
                work = Path(tmp) / label.replace(" ", "_")
                work.mkdir()
                row[label] = run_biber(text, work) if biblatex else run_bibtex_pdf(text, work)
        return row


def main() -> None:
    latex = "--no-latex" not in sys.argv
    for arg in sys.argv[1:]:
        if arg.startswith("--"):
            continue
        path = Path(arg)
        paths = sorted(p for p in path.iterdir() if p.suffix in (".bib", ".json", ".ris")) if path.is_dir() else [path]
        name = f"{path.name} ({len(paths)} files)" if path.is_dir() else path.name
        out = Path(tempfile.gettempdir()) / f"duplicates-{path.name}.txt"
        row = measure(paths, name, latex, out)
        print(" | ".join(f"{k}: {v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
