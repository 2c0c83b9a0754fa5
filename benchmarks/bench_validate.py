"""Time `dossier validate` on N generated entries as a whole process, cold (no cache) and warm (nothing
changed), beside bibtexparser v2 parsing the same records as one .bib file: CPU time (user + system)
of paired runs, interleaved (A B C A B C …), medians and ratios.

    python benchmarks/bench_validate.py [N] [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, to_bibtex, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out"


def run_cpu(command: list[str], env: dict | None = None, expect: tuple[int, ...] = (0, 1)) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, peak RSS in KiB) of one whole process (its children included)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in expect:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{stderr[-2000:]}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss


def paired(commands: dict[str, tuple[list[str], dict | None]], runs: int) -> dict[str, tuple[float, float, int]]:
    """Median CPU, median wall and peak RSS of each command, the commands run in turn `runs` times."""
    found: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            found[name].append(run_cpu(command, env))
    return {
        name: (
            statistics.median(cpu for cpu, _, _ in items),
            statistics.median(wall for _, wall, _ in items),
            max(rss for _, _, rss in items),
        )
        for name, items in found.items()
    }


def median_seconds(command: list[str], runs: int, expect: tuple[int, ...] = (0,)) -> float:
    """Median wall seconds of a whole process (kept for the benchmarks that time one command alone)."""
    return statistics.median(run_cpu(command, None, expect)[1] for _ in range(runs))


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
    validate = [dossier, "validate", "-q", "--dir", str(root)]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DOSSIER_NO_CACHE")}
    cold_env = {**env, "DOSSIER_NO_CACHE": "1"}
    time.sleep(3.5)  # past the cache's racy window (cache.RACY_SECONDS): files this new are always hashed
    for _ in range(2):  # byte code compiled and the cache written before anything is timed
        run_cpu(validate, env)
    figures = paired(
        {
            "cold": (validate, cold_env),
            "warm": (validate, env),
            "bibtexparser": (
                [
                    sys.executable,
                    "-c",
                    f"import bibtexparser; assert len(bibtexparser.parse_file({str(bib)!r}).entries) == {count}",
                ],
                env,
            ),
            "python": ([sys.executable, "-c", "pass"], env),
        },
        runs,
    )
    cold, warm, theirs, start = (figures[name] for name in ("cold", "warm", "bibtexparser", "python"))
    print(f"entries: {count}, runs: {runs}, interleaved (medians, whole processes; CPU = user + system)")
    print(f"dossier validate, cold (parse + all checks):  CPU {cold[0]:6.2f} s  wall {cold[1]:6.2f} s")
    print(f"dossier validate, warm (nothing changed):     CPU {warm[0]:6.2f} s  wall {warm[1]:6.2f} s")
    print(f"bibtexparser v2 parse_file (parse only):      CPU {theirs[0]:6.2f} s  wall {theirs[1]:6.2f} s")
    print(f"python start-up alone:                        CPU {start[0]:6.2f} s")
    print(f"cold / bibtexparser: CPU {cold[0] / theirs[0]:.2f}x, wall {cold[1] / theirs[1]:.2f}x")
    print(f"warm / bibtexparser: CPU {warm[0] / theirs[0]:.2f}x")


if __name__ == "__main__":
    main()
