"""Import and export 10,000 records, beside bibtexparser v2 parsing and writing the same .bib,
as whole processes, interleaved in the same run: CPU time (user + system) and wall, medians.

    python benchmarks/bench_formats.py [N] [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import run_cpu  # noqa: E402
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

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DOSSIER_NO_CACHE")}
    parse = [sys.executable, "-c", f"import bibtexparser; bibtexparser.parse_file({str(source)!r})"]
    roundtrip = [
        sys.executable,
        "-c",
        f"import bibtexparser; lib = bibtexparser.parse_file({str(source)!r}); "
        f"open({str(work / 'bp.bib')!r}, 'w').write(bibtexparser.write_string(lib))",
    ]
    figures: dict[str, list[tuple[float, float, int]]] = {"import": [], "parse": [], "export": [], "roundtrip": []}
    import_times: list = []
    for _ in range(runs):  # interleaved: import, parse, export, parse + write, then again
        root = fresh_dossier()
        figures["import"].append(
            run_cpu([dossier, "import", str(source), "--dir", str(root), "--allow-duplicates"], env)
        )
        import_times.append(1)
        figures["parse"].append(run_cpu(parse, env))
        figures["export"].append(
            run_cpu([dossier, "export", "--dir", str(root), "-o", str(work / "out.bib"), "--force"], env)
        )
        figures["roundtrip"].append(run_cpu(roundtrip, env))
    cpu = {name: statistics.median(item[0] for item in items) for name, items in figures.items()}
    wall = {name: statistics.median(item[1] for item in items) for name, items in figures.items()}
    written = len(list((root / "entries").iterdir()))
    for folder in work.glob("dossier-*"):
        if folder != root:
            shutil.rmtree(folder)
    print(f"records: {count} ({written} entry files written), runs: {runs}, interleaved (medians; CPU = user + system)")
    print(
        f"dossier import (parse, decode LaTeX, check, dedupe, write {written} files): CPU {cpu['import']:6.2f} s  wall {wall['import']:6.2f} s"
    )
    print(
        f"bibtexparser v2 parse_file:                                  CPU {cpu['parse']:6.2f} s  wall {wall['parse']:6.2f} s"
    )
    print(
        f"dossier export (read {written} files, write one .bib):            CPU {cpu['export']:6.2f} s  wall {wall['export']:6.2f} s"
    )
    print(
        f"bibtexparser v2 parse_file + write_string:                   CPU {cpu['roundtrip']:6.2f} s  wall {wall['roundtrip']:6.2f} s"
    )
    print(
        f"CPU ratios: import / parse {cpu['import'] / cpu['parse']:.2f}x, "
        f"export / parse+write {cpu['export'] / cpu['roundtrip']:.2f}x"
    )


if __name__ == "__main__":
    main()
