"""The TOML parsers a dossier could be read with, compared on what decides the choice (issue 22.4):
CPU time to parse N generated entry files, whether an error names its line and column, and
conformance on toml-test (TOML 1.0 and 1.1: every valid document read to the right values,
every invalid one refused).

    python benchmarks/bench_parsers.py [N] [TOML_TEST_DIR]

TOML_TEST_DIR is the `tests/` folder of a toml-lang/toml-test checkout (not committed: fetch it);
without it the conformance columns are left out. Parsers that are not installed are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, write_dossier  # noqa: E402

OUT = Path(__file__).parent / "out"


def parsers() -> dict[str, tuple[Callable[[str], dict], str]]:
    """name -> (loads, TOML version it reads)."""
    found: dict[str, tuple[Callable[[str], dict], str]] = {}
    import tomllib

    found["tomllib (stdlib)"] = (tomllib.loads, "1.1" if sys.version_info >= (3, 15) else "1.0")
    try:
        import tomli

        found[f"tomli {getattr(tomli, '__version__', '')}"] = (tomli.loads, "1.1")
    except ImportError:
        pass
    try:
        import rtoml

        found[f"rtoml {rtoml.VERSION if hasattr(rtoml, 'VERSION') else ''}"] = (rtoml.loads, "1.0")
    except ImportError:
        pass
    try:
        import toml_rs

        found[f"toml-rs {toml_rs.__version__} (1.0)"] = (lambda s: toml_rs.loads(s, toml_version="1.0.0"), "1.0")
        found[f"toml-rs {toml_rs.__version__} (1.1)"] = (lambda s: toml_rs.loads(s, toml_version="1.1.0"), "1.1")
    except ImportError:
        pass
    return found


def tagged(value):
    """A parsed value in toml-test's tagged JSON form, for comparison."""
    if isinstance(value, dict):
        return {key: tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [tagged(item) for item in value]
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("integer", value)
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, dt.datetime):
        return ("datetime" if value.tzinfo else "datetime-local", value)
    if isinstance(value, dt.date):
        return ("date-local", value)
    if isinstance(value, dt.time):
        return ("time-local", value)
    return ("?", repr(value))


def expected(value):
    if isinstance(value, list):
        return [expected(item) for item in value]
    if isinstance(value, dict) and set(value) == {"type", "value"} and isinstance(value["value"], str):
        kind, text = value["type"], value["value"]
        if kind == "integer":
            return (kind, int(text))
        if kind == "float":
            number = float(text.replace("_", ""))
            return (kind, "nan" if math.isnan(number) else number)
        if kind == "bool":
            return (kind, text == "true")
        if kind in ("datetime", "datetime-local"):
            return (kind, dt.datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00").replace(" ", "T")))
        if kind == "date-local":
            return (kind, dt.date.fromisoformat(text))
        if kind == "time-local":
            return (kind, dt.time.fromisoformat(text))
        return (kind, text)
    if isinstance(value, dict):
        return {key: expected(item) for key, item in value.items()}
    return value


def conformance(loads: Callable[[str], dict], tests: Path, version: str) -> tuple[int, int, int, int]:
    """(valid read right, valid total, invalid refused, invalid total) for toml-test's list of `version`."""
    names = (tests / f"files-toml-{version}.0").read_text().split()
    valid_ok = valid = invalid_ok = invalid = 0
    for name in names:
        if not name.endswith(".toml"):
            continue
        path = tests / name
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if name.startswith("valid/"):
            valid += 1
            try:
                got = tagged(loads(text)) if text is not None else None
                want = expected(json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
                valid_ok += got == want
            except Exception:  # noqa: BLE001, S112 - a parser that fails a valid document fails the case
                continue
        else:
            invalid += 1
            if text is None:
                invalid_ok += 1  # not UTF-8: refused before any parser sees it
                continue
            try:
                loads(text)
            except Exception:  # noqa: BLE001 - any refusal is a refusal
                invalid_ok += 1
    return valid_ok, valid, invalid_ok, invalid


def error_position(loads: Callable[[str], dict]) -> str:
    try:
        loads('type = "book"\ntitle = "T"\ntags = ["a" "b"]\n')
    except Exception as error:  # noqa: BLE001
        line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
        if line:
            return f"attributes: line {line}, column {column}"
        return f"message only: {str(error).splitlines()[0][:60]!r}"
    return "accepted the error"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    tests = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    root = OUT / f"parsers-{count}"
    if not (root / "entries").is_dir():
        write_dossier(root, generate(count))
    texts = [path.read_bytes().decode("utf-8") for path in sorted((root / "entries").rglob("*.toml"))]
    print(f"{len(texts)} entry files; CPU seconds to parse them all (best of 3)")
    print("| parser | CPU s | × fastest | error position | toml-test 1.0 valid / invalid | 1.1 valid / invalid |")
    print("|---|---|---|---|---|---|")
    rows = []
    for name, (loads, _) in parsers().items():
        best = math.inf
        for _ in range(3):
            start = time.process_time()
            for text in texts:
                loads(text)
            best = min(best, time.process_time() - start)
        cells = []
        for version in ("1.0", "1.1"):
            if tests is None:
                cells.append("—")
                continue
            valid_ok, valid, invalid_ok, invalid = conformance(loads, tests, version)
            cells.append(f"{valid_ok}/{valid} · {invalid_ok}/{invalid}")
        rows.append((best, name, error_position(loads), cells))
    fastest = min(row[0] for row in rows)
    for best, name, position, cells in rows:
        print(f"| {name} | {best:.2f} | {best / fastest:.1f} | {position} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
