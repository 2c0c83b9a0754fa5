"""Time `dossier fmt` on N generated entry files (keys out of canonical order, so every file
changes) beside taplo (the Rust TOML formatter a user would otherwise run in CI), in the same
run, as whole processes; medians of several runs.

    pip install taplo   # the PyPI wheel of the taplo CLI; not a dependency of dossiercli
    python benchmarks/bench_fmt.py [N] [RUNS]

Both tools do their own job: taplo normalises white space and quoting; `dossier fmt` also
puts fields in the canonical order, turns inline name lists into tables and checks that
data and comments survive. So the ratio is what our extra work costs, not a like-for-like race.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out"


def median_seconds(make_command, runs: int, fresh: Path | None = None, expect=(0, 1)) -> float:
    times = []
    for _ in range(runs):
        target = OUT / "fmt-work"
        if fresh is not None:  # writing runs start from the same unformatted copy each time
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(fresh, target)
        command = make_command(target if fresh is not None else None)
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if completed.returncode not in expect:
            raise SystemExit(f"{' '.join(command)} exited {completed.returncode}:\n{completed.stderr[-2000:]}")
    return statistics.median(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    root = OUT / f"fmt-{count}"
    shutil.rmtree(root, ignore_errors=True)
    write_dossier(root, generate(count))
    bindir = Path(sys.executable).parent
    dossier = shutil.which("dossier") or str(bindir / "dossier")
    taplo = shutil.which("taplo") or str(bindir / "taplo")
    if not Path(taplo).exists() and not shutil.which("taplo"):
        raise SystemExit("taplo is not installed: pip install taplo")
    files = lambda folder: sorted(str(p) for p in (folder / "entries").glob("*.toml"))  # noqa: E731

    ours_check = median_seconds(lambda _: [dossier, "fmt", "--check", "--dir", str(root)], runs)
    theirs_check = median_seconds(lambda _: [taplo, "fmt", "--check", *files(root)], runs)
    ours_write = median_seconds(lambda work: [dossier, "fmt", "--dir", str(work)], runs, fresh=root)
    theirs_write = median_seconds(lambda work: [taplo, "fmt", *files(work)], runs, fresh=root)
    clean = OUT / f"fmt-{count}-formatted"  # the CI case: files already formatted, nothing to change
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean)
    subprocess.run([dossier, "fmt", "--dir", str(clean)], capture_output=True, check=True)
    ours_clean = median_seconds(lambda _: [dossier, "fmt", "--check", "--dir", str(clean)], runs, expect=(0,))
    theirs_clean = median_seconds(lambda _: [taplo, "fmt", "--check", *files(clean)], runs)
    print(f"entry files: {count}, runs: {runs} (medians, whole processes)")
    print(
        f"dossier fmt --check:  {ours_check:6.2f} s    taplo fmt --check:  {theirs_check:6.2f} s    "
        f"ratio {ours_check / theirs_check:5.1f}x"
    )
    print(
        f"dossier fmt (write):  {ours_write:6.2f} s    taplo fmt (write):  {theirs_write:6.2f} s    "
        f"ratio {ours_write / theirs_write:5.1f}x"
    )
    print(
        f"--check, formatted:   {ours_clean:6.2f} s    taplo fmt --check:  {theirs_clean:6.2f} s    "
        f"ratio {ours_clean / theirs_clean:5.1f}x"
    )


if __name__ == "__main__":
    main()
