"""`dossier manuscript --check-quotes`: 10,000 quotations against 2,000 entries, as a whole process.

    python benchmarks/bench_quotes.py [QUOTATIONS] [ENTRIES]

Generates a dossier (benchmarks/generate.py) and a manuscript whose quotations are taken
from its excerpts: 90% word for word (4 to 14 words), 4% with one word changed, 3% with
an ellipsis between two pieces of one excerpt, 2% with a bracketed interpolation, 1% from
another entry than the one cited (the wrong source). Every quotation is cited right after
its closing mark, a few in footnotes. Times the whole command (start-up, reading every
entry, scanning, checking) and prints the median CPU time (user + system) of 5 runs, and
the time of the checking alone, in process.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out" / "quotes"


def manuscript(entries: list[tuple[str, dict]], quotations: int, seed: int = 26) -> tuple[str, dict[str, int]]:
    rng = random.Random(seed)
    kinds = {"verbatim": 0, "altered": 0, "ellipsis": 0, "bracket": 0, "wrong source": 0}
    paragraphs, notes = [], []
    sentence_count = 0
    for index in range(quotations):
        entry_id, table = rng.choice(entries)
        words = rng.choice(table["excerpts"])["text"].split()
        length = rng.randint(4, 14)
        start = rng.randrange(max(1, len(words) - length))
        piece = words[start : start + length]
        roll = rng.random()
        if roll < 0.04:
            piece[len(piece) // 2] = "bananas"
            kinds["altered"] += 1
        elif roll < 0.07 and start + length + 8 < len(words):
            piece = piece + ["…"] + words[start + length + 4 : start + length + 8]
            kinds["ellipsis"] += 1
        elif roll < 0.09:
            piece[0] = f"[{rng.choice(['the officials', 'Iran', 'they'])}]"
            kinds["bracket"] += 1
        elif roll < 0.10:
            entry_id = rng.choice(entries)[0]
            kinds["wrong source"] += 1
        else:
            kinds["verbatim"] += 1
        quoted = " ".join(piece).strip(".,;:")
        if index % 50 == 49:
            notes.append(f"[^q{index}]: As the source put it, “{quoted}” [@{entry_id}].")
            text = f"A claim of the writer's own.[^q{index}]"
        else:
            text = f"The report said that “{quoted}” [@{entry_id}]."
        paragraphs.append(text)
        sentence_count += 1
    body = "\n\n".join(" ".join(paragraphs[i : i + 5]) for i in range(0, len(paragraphs), 5))
    return body + "\n\n" + "\n\n".join(notes) + "\n", kinds


def cpu_of(args: list[str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall, done.stderr


def main() -> None:
    quotations = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    entries = generate(count)
    root = write_dossier(OUT / f"d{count}", entries)
    text, kinds = manuscript(entries, quotations)
    paper = OUT / "paper.md"
    paper.write_text(text, encoding="utf-8")
    print(f"{quotations:,} quotations ({', '.join(f'{n} {k}' for k, n in kinds.items())}) against {count:,} entries")
    command = [sys.executable, "-m", "dossiercli", "manuscript", str(paper), "--check-quotes", "--dir", str(root)]
    cpu_of(command)  # warm the file cache
    runs = [cpu_of(command) for _ in range(5)]
    print(runs[0][2].strip().splitlines()[-1])
    print(
        f"dossier manuscript --check-quotes: CPU {statistics.median(r[0] for r in runs):.2f} s (median of 5), "
        f"wall {statistics.median(r[1] for r in runs):.2f} s"
    )

    from dossiercli.load import open_dossier
    from dossiercli.manuscript.quotes import check_markdown

    dossier = open_dossier(root)
    lookup = lambda key: dossier.resolver.lookup(key).entry  # noqa: E731
    times = []
    for _ in range(5):
        start = time.process_time()
        check_markdown(text, dossier.entries, lookup)
        times.append(time.process_time() - start)
    print(f"finding and checking alone (in process): CPU {statistics.median(times):.2f} s (median of 5)")


if __name__ == "__main__":
    main()
