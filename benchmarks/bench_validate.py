"""Time `dossier validate` on N generated entries as a whole process, beside bibtexparser v2
parsing the same records as one .bib file, in the same run (median of several runs).

    python benchmarks/bench_validate.py [N] [RUNS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, to_bibtex, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out"


def median_seconds(command: list[str], runs: int, expect: tuple[int, ...] = (0,)) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if completed.returncode not in expect:
            raise SystemExit(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stderr[-2000:]}")
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    root = OUT / f"validate-{count}"
    shutil.rmtree(root, ignore_errors=True)
    entries = generate(count)
    write_dossier(root, entries)
    bib = root / "same-records.bib"
    bib.write_text(to_bibtex(entries), encoding="utf-8")

    dossier = shutil.which("dossier") or str(Path(sys.executable).parent / "dossier")
    ours = median_seconds([dossier, "validate", "-q", "--dir", str(root)], runs, expect=(0, 1))
    theirs = median_seconds(
        [
            sys.executable,
            "-c",
            f"import bibtexparser; lib = bibtexparser.parse_file({str(bib)!r}); "
            f"assert len(lib.entries) == {count}, len(lib.entries)",
        ],
        runs,
    )
    baseline = median_seconds([sys.executable, "-c", "pass"], runs)
    print(f"entries: {count}, runs: {runs} (medians, whole processes)")
    print(f"dossier validate (parse + all checks):     {ours:6.2f} s")
    print(f"bibtexparser v2 parse_file (parse only):   {theirs:6.2f} s")
    print(f"python start-up alone:                     {baseline:6.2f} s")
    print(f"ratio dossier validate / bibtexparser:     {ours / theirs:6.2f}x")


if __name__ == "__main__":
    main()
