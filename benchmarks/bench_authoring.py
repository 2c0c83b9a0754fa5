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

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out"
LIMIT = 0.3


def median(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    from dossiercli.authoring import plan_new_entry
    from dossiercli.errors import DossierError
    from dossiercli.load import ENTRIES_DIR, entry_files, open_dossier

    import tomli

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

    rows = [
        ("read the dossier + duplicate check, a duplicate (in process)", median(lambda: check(duplicate, True), runs)),
        ("read the dossier + duplicate check, a new source (in process)", median(lambda: check(fresh, False), runs)),
        ("the ids (in process)", median(lambda: sorted(p.stem for p in entry_files(root / ENTRIES_DIR)), runs)),
    ]
    dossier = [sys.executable, "-m", "dossiercli"]
    add = [*dossier, "add", "--dir", str(root), "--type", "webpage", "--title", "Another title", "--no-input",
           "--url", duplicate["URL"]]
    rows += [
        ("`python -c pass` (interpreter start, for scale)", median(lambda: process([sys.executable, "-c", "pass"], 0), runs)),
        ("`dossier add` refusing a duplicate (process)", median(lambda: process(add, 2), runs)),
        ("`dossier ids` (process)", median(lambda: process([*dossier, "ids", "--dir", str(root)], 0), runs)),
        ("`dossier ids --search iran` (process)",
         median(lambda: process([*dossier, "ids", "--dir", str(root), "--search", "iran"], 0), runs)),
    ]
    print(f"{count} entries, medians of {runs} runs")
    for label, seconds in rows:
        flag = "" if seconds < LIMIT else f"  (over {LIMIT} s)"
        print(f"  {label:<66} {seconds * 1000:7.1f} ms{flag}")


if __name__ == "__main__":
    main()
