"""A small part of the cross-check on real sources (benchmarks/crosscheck_real.py), so that it cannot rot.

The full run is the benchmark command, not a test; this one imports four records (two CSL-JSON
items as Zotero exported them, two biblatex records) and compares the CMOS 17 forms.
"""

import importlib.util
import shutil
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "crosscheck_real.py"
spec = importlib.util.spec_from_file_location("crosscheck_real", BENCH)
crosscheck = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crosscheck)

missing = [tool for tool in ("node", "pandoc") if not shutil.which(tool)]
if not (crosscheck.NODE_DIR / "node_modules" / "citeproc").is_dir():
    missing.append("citeproc (npm install --prefix benchmarks/out/node citeproc)")
if not (crosscheck.CSL_DIR / crosscheck.STYLES["17"][0]).is_file():
    missing.append(f"the official Chicago CSL styles ({crosscheck.CSL_DIR})")
needs_tools = pytest.mark.skipif(bool(missing), reason="needs " + ", ".join(missing))


@needs_tools
def test_four_real_records_are_imported_and_cited_by_both_engines():
    report = crosscheck.run(limit=4, editions=("17",))
    assert report["sources"] == {"total": 4, "imported": 4, "by-origin": {"csl-json": 2, "biblatex": 2}}
    counts = report["counts"]["17"]
    assert all(sum(c.values()) == 4 for c in counts.values())
    for record in report["records"]:
        for form in crosscheck.FORMS:
            result = record["forms"]["17"][form]
            assert result["ours"] and result["citeproc"] is not None
            assert result["same"] == (result["ours"] == result["citeproc"])
    # Olson's journal article, Zotero's export: the same work again at once is "Olson, 16." in both.
    olson = next(r for r in report["records"] if r["id"] == "Olson2006")
    assert olson["forms"]["17"]["again-locator"] == {"same": True, "ours": "Olson, 16.", "citeproc": "Olson, 16."}
    assert olson["entry"]["type"] == "article-journal"
    for record in report["records"]:  # a field reported lost is one the record carried
        for field in record["lost"]:
            assert field.startswith("type ") or field in record["reference-csl"]
    assert "container-title-short" not in olson["lost"]  # kept since the model has the field (MODEL_NOTE)


def test_both_engines_markup_compares_with_italics_kept():
    assert crosscheck.plain("<i>Past and Present</i> 62 (1974): 47&#8211;95.") == "*Past and Present* 62 (1974): 47–95."
    assert crosscheck.plain('<em>A</em><em>B</em>, <a href="https://x.org">https://x.org</a>') == "*AB*, https://x.org"


def test_the_counts_in_the_docs_are_those_of_the_committed_run():
    import json

    report = json.loads((crosscheck.DATA / "results.json").read_text(encoding="utf-8"))
    docs = (BENCH.parent.parent / "docs" / "crosscheck.md").read_text(encoding="utf-8")
    assert crosscheck.docs_block(report) in docs
