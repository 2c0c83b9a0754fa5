"""`dossier manuscript` on a 20,000-word manuscript with 500 citations of 300 sources, beside pandoc --citeproc.

    python benchmarks/bench_manuscript.py [WORDS] [CITATIONS] [SOURCES]

Generates a dossier (benchmarks/generate.py) and a manuscript mixing every citation form
(locators, prefixes, several works in a note, the author in the text, the author left
out, the writer's own footnotes with citations inside), then times whole processes, as a
writer runs them: `dossier manuscript` to each target and `--check`, and pandoc with
--citeproc and the official Chicago notes style on the same manuscript and the same
sources (exported as CSL-JSON), where pandoc is installed. Medians of 5 runs.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import WORDS, generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out" / "manuscript"
STYLES = [
    Path(__file__).resolve().parents[2] / "shared" / "csl" / "chicago-notes-bibliography-17th-edition.csl",
    Path("/usr/share/texlive/texmf-dist/tex/latex/citation-style-language/styles/chicago-note-bibliography.csl"),
]


def manuscript(ids: list[str], words: int, citations: int, seed: int = 1) -> str:
    """Paragraphs of generated prose with `citations` citation groups spread evenly; every source cited."""
    rng = random.Random(seed)
    order = ids + [rng.choice(ids) for _ in range(max(0, citations * 2 - len(ids)))]
    keys = iter(order)
    every = max(1, words // citations)
    paragraphs, sentence, paragraph, own_notes = [], [], [], []
    cited = 0
    for index in range(words):
        sentence.append(rng.choice(WORDS))
        if index % every == every - 1 and cited < citations:
            cited += 1
            form = cited % 20
            page = rng.randint(1, 400)
            if form < 11:
                sentence.append(f"[@{next(keys)}, {page}]")
            elif form < 14:
                sentence.append(
                    f"[see @{next(keys)}, pp. {page}-{page + 4}; also @{next(keys)}, chap. {page % 12 + 1}]"
                )
            elif form < 16:
                sentence.insert(0, f"@{next(keys)} [p. {page}] says")
            elif form < 18:
                sentence.append(f"[-@{next(keys)}, sec. {page % 9 + 1}, emphasis added]")
            else:
                label = f"n{cited}"
                sentence.append(f"[^{label}]")
                own_notes.append(f"[^{label}]: A remark of the writer's, citing [@{next(keys)}, {page}] in passing.")
        if len(sentence) >= rng.randint(12, 24):
            paragraph.append(" ".join(sentence).capitalize() + ".")
            sentence = []
            if len(paragraph) >= 6:
                paragraphs.append(" ".join(paragraph))
                paragraph = []
    paragraph.append(" ".join(sentence).capitalize() + ".")
    paragraphs.append(" ".join(paragraph))
    return "# A generated paper\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n\n".join(own_notes) + "\n"


def timed(command: list[str], runs: int = 5, **kwargs) -> str:
    """Median wall-clock time and median CPU time (user + system) of the process: on a shared machine
    the wall clock waits for other work, the CPU time does not."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, **kwargs)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return f"{statistics.median(walls):.3f} s wall, {statistics.median(cpus):.3f} s CPU"


def main() -> None:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    citations = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    sources = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    if OUT.exists():
        shutil.rmtree(OUT)
    entries = generate(sources)
    root = write_dossier(OUT / "dossier", entries)
    paper = OUT / "paper.md"
    paper.write_text(manuscript([entry_id for entry_id, _ in entries], words, citations), encoding="utf-8")
    dossier = shutil.which("dossier") or "dossier"
    check = subprocess.run(
        [dossier, "manuscript", str(paper), "--check", "--dir", str(root)], capture_output=True, text=True
    )
    print(f"manuscript: {len(paper.read_text().split()):,} words; {check.stderr.strip()}")
    for target in ("markdown", "latex", "html", "rtf"):
        seconds = timed([dossier, "manuscript", str(paper), "--to", target, "--dir", str(root)])
        print(f"dossier manuscript --to {target:8}  {seconds}")
    print(
        f"dossier manuscript --check         {timed([dossier, 'manuscript', str(paper), '--check', '--dir', str(root)])}"
    )
    print(f"dossier --version (start-up alone) {timed([dossier, '--version'])}")
    pandoc = shutil.which("pandoc")
    style = next((s for s in STYLES if s.exists()), None)
    if pandoc is None or style is None:
        print("pandoc or a Chicago notes CSL style not found: no comparison")
        return
    references = OUT / "references.json"
    subprocess.run(
        [dossier, "export", "--format", "csl-json", "-o", str(references), "--dir", str(root)],
        check=True,
        capture_output=True,
    )
    command = [pandoc, str(paper), "--citeproc", f"--bibliography={references}", f"--csl={style}", "-t", "markdown"]
    print(f"pandoc --citeproc ({style.name}, to markdown)  {timed(command, runs=3)}")
    print(f"load average during the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
