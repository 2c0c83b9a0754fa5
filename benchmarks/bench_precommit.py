"""Time what the pre-commit hook runs: `dossier validate FILE…` on a handful of staged files of a
10,000-entry dossier (each checked fully, and against every other entry for duplicate ids, URLs
and DOIs), beside `dossier validate` of the whole dossier, as whole processes (medians).

    python benchmarks/bench_precommit.py [N] [RUNS] [STAGED]

One staged file repeats the DOI of an entry elsewhere in the dossier: the run must find it (E052).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import median_seconds  # noqa: E402
from generate import generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    staged_count = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    root = OUT / f"precommit-{count}"
    shutil.rmtree(root, ignore_errors=True)
    entries = generate(count)
    write_dossier(root, entries)
    files = sorted((root / "entries").glob("*.toml"))
    staged = files[-staged_count:]
    with_doi = next(path for path in files[: count // 2] if "DOI = " in path.read_text(encoding="utf-8"))
    doi_line = next(line for line in with_doi.read_text(encoding="utf-8").splitlines() if line.startswith("DOI = "))
    text = staged[0].read_text(encoding="utf-8")  # top-level keys first: the DOI goes on line 1
    staged[0].write_text(doi_line.replace("10.", "https://doi.org/10.") + "\n" + text, encoding="utf-8")

    dossier = shutil.which("dossier") or str(Path(sys.executable).parent / "dossier")
    command = [dossier, "validate", "-q", *map(str, staged)]
    found = subprocess.run(command, capture_output=True, text=True)
    assert found.returncode == 1 and "E052" in found.stdout, found.stdout + found.stderr
    few = median_seconds(command, runs, expect=(1,))
    whole = median_seconds([dossier, "validate", "-q", "--dir", str(root)], runs, expect=(0, 1))  # warm read cache
    os.environ["DOSSIER_NO_CACHE"] = "1"
    cold = median_seconds([dossier, "validate", "-q", "--dir", str(root)], runs, expect=(0, 1))
    few_cold = median_seconds(command, runs, expect=(1,))
    del os.environ["DOSSIER_NO_CACHE"]
    baseline = median_seconds([sys.executable, "-c", "import dossiercli.cli"], runs)
    print(f"entries: {count}, staged files: {staged_count}, runs: {runs} (medians, whole processes)")
    print(
        f"dossier validate STAGED… (with cross-entry rules): {few:6.2f} s  ({few_cold:.2f} s with DOSSIER_NO_CACHE=1)"
    )
    print(f"dossier validate (whole dossier, warm read cache): {whole:6.2f} s")
    print(f"dossier validate (whole dossier, DOSSIER_NO_CACHE=1): {cold:6.2f} s")
    print(f"python + import dossiercli.cli alone:              {baseline:6.2f} s")
    print(f"ratio whole / staged:                              {whole / few:6.2f}x warm, {cold / few_cold:.2f}x cold")
    print(f"found: {found.stdout.strip().splitlines()[0]}")


if __name__ == "__main__":
    main()
