"""Time `add`'s duplicate check and `dossier ids` on a 1,000-entry dossier (the author's loop must stay instant).

    python benchmarks/bench_authoring.py [N] [RUNS]

Measured twice, medians of RUNS:
- in the process: reading the dossier and finding the same source for a new entry
  (`authoring.plan_new_entry`: DOI, normalised URL, title and year, plus validate's rules
  across entries), and the ids alone;
- as whole processes, as a user meets them: `dossier add` refusing a duplicate (everything
  `add` does before it would write), `dossier ids`, `dossier ids --search …`, beside
  `python -c pass` (the interpreter's own start) for scale.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out"
LIMIT = 0.3


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def median(function, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (this process and its children): on a shared machine the
    CPU time is what the work costs, the wall time what it cost this time."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def process(command: list[str], expect: int) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != expect:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}, not {expect}:\n{done.stderr[-2000:]}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    root = OUT / f"authoring{count}"
    if not (root / "dossier.toml").exists():
        write_dossier(root, generate(count))
    import tomli

    from dossiercli.authoring import plan_new_entry
    from dossiercli.errors import DossierError
    from dossiercli.load import ENTRIES_DIR, entry_files, open_dossier

    existing = tomli.loads(next((root / ENTRIES_DIR).glob("e00001.toml")).read_text())
    duplicate = {**existing, "title": "Another title", "URL": existing["URL"].replace("https://www.", "http://") + "/"}
    fresh = {**existing, "title": "A title nobody has", "URL": "https://example.net/new"}
    fresh.pop("DOI", None)

    def check(table, refused):
        dossier = open_dossier(root)
        try:
            plan_new_entry(table, dossier)
        except DossierError:
            assert refused
        else:
            assert not refused

    loaded = open_dossier(root)

    def check_only(table, refused):
        try:
            plan_new_entry(table, loaded)
        except DossierError:
            assert refused
        else:
            assert not refused

    rows = [
        ("duplicate check alone, a duplicate (in process)", median(lambda: check_only(duplicate, True), runs)),
        ("duplicate check alone, a new source (in process)", median(lambda: check_only(fresh, False), runs)),
        ("read the dossier (in process)", median(lambda: open_dossier(root), runs)),
        ("read the dossier + duplicate check, a duplicate (in process)", median(lambda: check(duplicate, True), runs)),
        ("read the dossier + duplicate check, a new source (in process)", median(lambda: check(fresh, False), runs)),
        ("the ids (in process)", median(lambda: sorted(p.stem for p in entry_files(root / ENTRIES_DIR)), runs)),
    ]
    dossier = [sys.executable, "-m", "dossiercli"]
    add = [
        *dossier,
        "add",
        "--dir",
        str(root),
        "--type",
        "webpage",
        "--title",
        "Another title",
        "--no-input",
        "--url",
        duplicate["URL"],
    ]
    rows += [
        (
            "`python -c pass` (interpreter start, for scale)",
            median(lambda: process([sys.executable, "-c", "pass"], 0), runs),
        ),
        ("`dossier add` refusing a duplicate (process)", median(lambda: process(add, 2), runs)),
        ("`dossier ids` (process)", median(lambda: process([*dossier, "ids", "--dir", str(root)], 0), runs)),
        (
            "`dossier ids --search iran` (process)",
            median(lambda: process([*dossier, "ids", "--dir", str(root), "--search", "iran"], 0), runs),
        ),
    ]
    load = os.getloadavg()[0]
    print(f"{count} entries, medians of {runs} runs, load average {load:.1f} on {os.cpu_count()} cores")
    print(f"  {'':<66} {'wall':>10} {'CPU':>10}")
    for label, (wall, cpu) in rows:
        flag = "" if cpu < LIMIT else f"  (CPU over {LIMIT} s)"
        print(f"  {label:<66} {wall * 1000:7.1f} ms {cpu * 1000:7.1f} ms{flag}")


if __name__ == "__main__":
    main()
