"""Run the fuzz targets: `python -m tests.fuzz --minutes 10 [--target bibtex ...] [--out DIR]`.

A small mutation fuzzer without dependencies: it starts from each target's seeds (the repository's
own fixtures and examples), mutates them (bytes flipped, tokens of the format inserted, pieces
deleted, duplicated or repeated many times, two inputs spliced) and runs each input through the
real command line (see targets.py for what is a finding). Inputs that give an outcome not seen
before join the corpus. Findings are saved under --out (one file per distinct finding, with the
input beside it) and summarised at the end; the exit status is 1 when there were findings.

The time is shared among the chosen targets in turn. It runs niced, one process: the machine it
runs on is shared (`nice -n 19 python -m tests.fuzz --minutes 30`)."""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

from click.testing import CliRunner
from tests.fuzz.targets import BOOK, TARGETS, Target

SLOW_SECONDS = 8.0  # CPU for one input of at most MAX_SIZE bytes: anything near this is a quadratic path
HANG_SECONDS = 60
MAX_SIZE = 200_000
MEMORY = 2 << 30


class Hang(BaseException):  # not an Exception: the CLI's last-resort handler must not swallow it
    pass


def _alarm(signum, frame):
    raise Hang()


def mutate(rng: random.Random, data: bytes, target: Target, corpus: list[bytes]) -> bytes:
    for _ in range(rng.choice((1, 1, 2, 3, 5))):
        choice = rng.randrange(9)
        position = rng.randrange(len(data) + 1)
        if choice == 0 and data:  # flip a byte
            data = data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]
        elif choice in (1, 2):  # a token of the format
            data = data[:position] + rng.choice(target.tokens) + data[position:]
        elif choice == 3 and data:  # delete a piece
            data = data[:position] + data[position + rng.randrange(1, 64) :]
        elif choice == 4 and data:  # duplicate a piece
            end = min(len(data), position + rng.randrange(1, 200))
            data = data[:end] + data[position:end] + data[end:]
        elif choice == 5:  # repeat a token or a piece many times (amplification, quadratic paths)
            piece = rng.choice(target.tokens) if rng.random() < 0.6 or not data else data[position : position + 8]
            data = data[:position] + piece * rng.choice((100, 1000, 5000, 20000)) + data[position:]
        elif choice == 6:  # splice with another input
            other = rng.choice(corpus)
            cut = rng.randrange(len(other) + 1)
            data = data[:position] + other[cut:]
        elif choice == 7:  # nest: a token opened many times
            token = rng.choice(target.tokens)
            data = data[:position] + token * rng.choice((50, 500, 5000)) + data[position:]
        else:  # a line break or an ASCII letter
            data = data[:position] + rng.choice((b"\n", b" ", b"a", b"1", b"\r\n")) + data[position:]
    return data[:MAX_SIZE]


def _signature(line: str) -> str:
    """'internal error: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xef…' -> a line without its
    particulars (numbers, quoted values), so that one cause is one finding."""
    line = line.split("(a bug:")[0]
    line = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", line)
    return re.sub(r"\b0x[0-9a-f]+\b|[0-9]+", "N", line).strip()[:160]


class Runner:
    def __init__(self, work: Path):
        self.work = work
        self.cli = CliRunner()
        from dossiercli.cli import main

        self.main = main

    def dossier(self, entry: bytes | None = None) -> Path:
        root = self.work / "dossier"
        if root.exists():
            shutil.rmtree(root)
        (root / "entries").mkdir(parents=True)
        (root / "dossier.toml").write_text('title = "Fuzz"\n', encoding="utf-8")
        (root / "entries" / "fuzz.toml").write_bytes(entry if entry is not None else BOOK.encode())
        return root

    def run(self, target: Target, data: bytes) -> list[str]:
        """The problems one input shows (empty: none), as short signatures."""
        problems = []
        root = self.dossier(data if target.name == "entry-toml" else None)
        path = self.work / f"input{target.suffix}"
        path.write_bytes(data)
        for command in target.commands:
            args = [arg.replace("{file}", str(path)) for arg in command] + ["--dir", str(root)]
            if command[0] == "manuscript" and "--check" not in command:
                args += ["-o", str(self.work / "out"), "--force"]
            result = self.cli.invoke(self.main, args, input=data if target.stdin else None, catch_exceptions=True)
            output = (result.stdout or "") + (result.stderr if result.stderr_bytes is not None else "")
            if isinstance(result.exception, (Hang, MemoryError)):
                raise result.exception
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                frames = traceback.extract_tb(result.exception.__traceback__)
                where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
                problems.append(f"{' '.join(command[:1])}: {type(result.exception).__name__} at {where}")
            elif "internal error" in output or "Traceback" in output:
                line = next((ln for ln in output.splitlines() if "internal error" in ln or "Traceback" in ln), "")
                problems.append(f"{command[0]}: {_signature(line)}")
            elif result.exit_code not in (0, 1, 2):
                problems.append(f"{command[0]}: exit {result.exit_code}")
            if target.imports and result.exit_code in (0, 1):
                check = self.cli.invoke(self.main, ["validate", "--dir", str(root)])
                text = check.stdout or ""
                if "E001" in text or "internal error" in text + (check.stderr or ""):
                    problems.append(f"{command[0]}: wrote an entry that does not load: {text.splitlines()[:1]}")
            leftovers = [p.name for p in root.rglob("*") if ".tmp" in p.name or p.name.startswith(".dossier-tmp")]
            if leftovers:
                problems.append(f"{command[0]}: temporary file left: {leftovers[0]}")
        return problems


def fuzz(names: list[str], minutes: float, out: Path, seed: int) -> int:
    rng = random.Random(seed)
    targets = [TARGETS[name]() for name in names]  # before the memory limit: seeds may be made by pandoc
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    signal.signal(signal.SIGALRM, _alarm)
    out.mkdir(parents=True, exist_ok=True)
    corpora = {t.name: [s for s in t.seeds if s] or [b""] for t in targets}
    seen_outcomes: dict[str, set] = {t.name: set() for t in targets}
    findings: dict[str, tuple[str, int]] = {}
    counts = {t.name: 0 for t in targets}
    deadline = time.monotonic() + minutes * 60
    with tempfile.TemporaryDirectory(prefix="dossier-fuzz-") as work:
        runner = Runner(Path(work))
        while time.monotonic() < deadline:
            for target in targets:
                if time.monotonic() >= deadline:
                    break
                corpus = corpora[target.name]
                data = mutate(rng, rng.choice(corpus), target, corpus)
                counts[target.name] += 1
                cpu = time.process_time()
                signal.alarm(HANG_SECONDS)
                try:
                    problems = runner.run(target, data)
                except Hang:
                    problems = [f"hang over {HANG_SECONDS} s"]
                except MemoryError:
                    problems = ["memory exhausted"]
                finally:
                    signal.alarm(0)
                spent = time.process_time() - cpu
                if spent > SLOW_SECONDS:
                    problems.append(f"slow: {spent:.1f} s CPU for {len(data)} bytes")
                outcome = (
                    tuple(sorted(p.split(":")[0] for p in problems)),
                    hashlib.sha1(data[:64] + data[-64:]).hexdigest()[:2],
                )
                if outcome not in seen_outcomes[target.name] and len(corpus) < 500 and len(data) < 20_000:
                    seen_outcomes[target.name].add(outcome)
                    corpus.append(data)
                for problem in problems:
                    signature = f"{target.name}: {problem if not problem.startswith('slow') else 'slow'}"
                    if signature not in findings:
                        name = hashlib.sha1(signature.encode()).hexdigest()[:10]
                        (out / f"{target.name}-{name}{target.suffix}").write_bytes(data)
                        (out / f"{target.name}-{name}.txt").write_text(signature + "\n", encoding="utf-8")
                        print(f"finding: {signature} ({len(data)} bytes) -> {out}/{target.name}-{name}", flush=True)
                        findings[signature] = (name, len(data))
    print(f"ran {sum(counts.values())} inputs in {minutes:g} min: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"{len(findings)} distinct findings" + (":" if findings else ""))
    for signature in findings:
        print("  " + signature)
    return 1 if findings else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="How long in all (default 5).")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="A target (default: all).")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "dossier-fuzz", help="Findings.")
    parser.add_argument("--seed", type=int, default=int.from_bytes(os.urandom(4), "big"))
    args = parser.parse_args()
    print(f"seed {args.seed}", flush=True)
    return fuzz(args.target or sorted(TARGETS), args.minutes, args.out, args.seed)


if __name__ == "__main__":
    sys.exit(main())
