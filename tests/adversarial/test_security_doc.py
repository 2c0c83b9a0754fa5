"""SECURITY.md names, for each promise, the tests that hold the tool to it: every test it names exists."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_test_security_md_names_exists():
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(named) > 20
    for path, name in named:
        source = (REPO / path).read_text(encoding="utf-8")
        assert not name or re.search(rf"^def {name}\(", source, re.M), f"{path}::{name}"
    for path, names in re.findall(r"`(tests/[\w/]+\.py)` \(([^)]*)\)", text):
        source = (REPO / path).read_text(encoding="utf-8")
        for name in re.findall(r"`(test_\w+)`", names):
            assert re.search(rf"^def {name}\(", source, re.M), f"{path}::{name}"
