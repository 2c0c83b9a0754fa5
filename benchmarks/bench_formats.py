"""Import and export 10,000 records, beside bibtexparser v2 parsing and writing the same .bib,
as whole processes in the same run (medians).

    python benchmarks/bench_formats.py [N] [RUNS]
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import median_seconds  # noqa: E402
from dossiercli.formats.bibtex import write_bibtex  # noqa: E402
from dossiercli.model.parse import parse_entry  # noqa: E402
from generate import generate  # noqa: E402

OUT = Path(__file__).parent / "out"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    work = OUT / f"formats-{count}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    entries = [parse_entry(table, entry_id)[0] for entry_id, table in generate(count)]
    source = work / "records.bib"
    source.write_text(write_bibtex(entries), encoding="utf-8")
    dossier = shutil.which("dossier") or str(Path(sys.executable).parent / "dossier")

    def fresh_dossier() -> Path:
        # A new folder per run: deleting the last run's 10,000 files first would slow this one down.
        root = work / f"dossier-{len(import_times)}"
        (root / "entries").mkdir(parents=True)
        (root / "dossier.toml").write_text('title = "bench"\n')
        os.sync()  # flush the previous run's deletions now, so the timed import pays only for its own writes
        return root

    import_times = []
    for _ in range(runs):
        root = fresh_dossier()
        import_times.append(
            median_seconds([dossier, "import", str(source), "--dir", str(root), "--allow-duplicates"], 1)
        )
    import_time = sorted(import_times)[len(import_times) // 2]
    written = len(list((root / "entries").iterdir()))
    export_time = median_seconds([dossier, "export", "--dir", str(root), "-o", str(work / "out.bib"), "--force"], runs)
    parse_time = median_seconds(
        [sys.executable, "-c", f"import bibtexparser; bibtexparser.parse_file({str(source)!r})"], runs
    )
    roundtrip_time = median_seconds(
        [
            sys.executable,
            "-c",
            f"import bibtexparser; lib = bibtexparser.parse_file({str(source)!r}); "
            f"open({str(work / 'bp.bib')!r}, 'w').write(bibtexparser.write_string(lib))",
        ],
        runs,
    )
    for folder in work.glob("dossier-*"):
        if folder != root:
            shutil.rmtree(folder)
    print(f"records: {count} ({written} entry files written), runs: {runs} (medians, whole processes)")
    print(f"dossier import (parse, decode LaTeX, check, dedupe, write {written} files): {import_time:6.2f} s")
    print(f"bibtexparser v2 parse_file:                                  {parse_time:6.2f} s")
    print(f"dossier export (read {written} files, write one .bib):            {export_time:6.2f} s")
    print(f"bibtexparser v2 parse_file + write_string:                   {roundtrip_time:6.2f} s")
    print(
        f"ratios: import / parse {import_time / parse_time:.2f}x, export / parse+write {export_time / roundtrip_time:.2f}x"
    )


if __name__ == "__main__":
    main()
