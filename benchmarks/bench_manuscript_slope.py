"""How the work of `dossier manuscript` grows with hostile manuscripts: the slope, shape by shape.

    python benchmarks/bench_manuscript_slope.py [LARGEST_KB]

For each shape of tests/adversarial/manuscript_shapes.py (unclosed and nested brackets, footnote
labels, code spans, links, long lines…), the CPU time of scanning and building (in this process, the
least of 3 runs) at 8, 16, 32 and 64 KB (up to LARGEST_KB), and the slope of log(time) against
log(size): 1 is linear, 2 quadratic. Then one whole process, `dossier manuscript --check`, on the
largest size of each shape. Issue 24 measured 38 s of CPU for a 32 KB line of `[@` before the scanner
was indexed, each doubling 3.5-4 times the time (a slope near 2).
"""

from __future__ import annotations

import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "adversarial"))
from manuscript_shapes import SHAPES, manuscript  # noqa: E402

from dossiercli.load import open_dossier  # noqa: E402
from dossiercli.manuscript.build import build  # noqa: E402


def cpu(text: str, resolver) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        build(text, resolver)
        best = min(best, time.process_time() - started)
    return best


def process_cpu(args: list[str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "dossiercli", *args], cwd=cwd, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    largest = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    sizes = [kb for kb in (8, 16, 32, 64, 128, 256) if kb <= largest]
    resolver = open_dossier(ROOT).resolver
    print(f"{'shape':32}" + "".join(f"{kb:>8} KB" for kb in sizes) + "   slope   whole process --check")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "entries").mkdir()
        (root / "dossier.toml").write_text('title = "Slope"\n', encoding="utf-8")
        for name, shape in SHAPES.items():
            times = [cpu(manuscript(shape, kb * 1000), resolver) for kb in sizes]
            points = [(math.log(kb), math.log(max(t, 1e-4))) for kb, t in zip(sizes, times, strict=True)]
            mean_x = sum(x for x, _ in points) / len(points)
            mean_y = sum(y for _, y in points) / len(points)
            slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
            (root / "paper.md").write_text(manuscript(shape, sizes[-1] * 1000), encoding="utf-8")
            whole = process_cpu(["manuscript", "paper.md", "--check"], root)
            cells = "".join(f"{t * 1000:>9.0f}ms" for t in times)
            print(f"{name:32}{cells}   {slope:5.2f}   {whole:.2f} s CPU", flush=True)
    print(f"(CPU of scan and build, least of 3; {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
