"""A manuscript scanner that stays linear whatever the text holds (issue 24, class 2).

`dossier manuscript --check` runs in CI on contributed files: a 32 KB line of `[@` once took 38 s of CPU,
each doubling four times as long. Each shape below is a way to make a scanner look ahead again and again
(unclosed or nested brackets, footnote labels, code spans, links, comments, long lines); each is checked
twice: the work at 4n is about 4 times the work at n (never the 16 times of a quadratic path), and the real
CLI finishes it at 64 KB under the memory and time limits of `hostile.bounded`."""

from __future__ import annotations

import time

import pytest
from hostile import bounded, make_dossier
from manuscript_shapes import SHAPES, manuscript

from conftest import REPO
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import build
from dossiercli.manuscript.scan import scan
from dossiercli.manuscript.targets import Document, write

RESOLVER = None


def work(text: str) -> float:
    """CPU seconds to scan and build a manuscript (the least of three runs: the machine is shared)."""
    global RESOLVER
    if RESOLVER is None:
        RESOLVER = open_dossier(REPO).resolver
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        scan(text)
        build(text, RESOLVER)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("name", SHAPES)
def test_the_work_grows_linearly_with_the_text(name):
    small, large = manuscript(SHAPES[name], 4_000), manuscript(SHAPES[name], 16_000)
    ratio = work(large) / max(work(small), 1e-3)
    assert ratio < 8, f"{name}: 4 times the text took {ratio:.1f} times the work (linear: 4, quadratic: 16)"


@pytest.mark.parametrize("name", SHAPES)
def test_the_cli_checks_64_kilobytes_of_each_shape(tmp_path, name):
    root = make_dossier(tmp_path, {"a": 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'})
    (root / "paper.md").write_text(manuscript(SHAPES[name], 64_000), encoding="utf-8")
    bounded(["manuscript", "paper.md", "--check"], root, seconds=30)


def test_every_shape_at_once_builds_in_every_target(tmp_path):
    root = make_dossier(tmp_path, {"a": 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'})
    text = "\n\n".join(manuscript(shape, 16_000) for shape in SHAPES.values())
    (root / "paper.md").write_text(text, encoding="utf-8")
    for suffix in ("md", "tex", "html", "rtf"):
        bounded(["manuscript", "paper.md", "-o", f"out.{suffix}"], root, seconds=60)


def test_nested_inline_notes_are_a_finding_not_a_recursion():
    text = "Text" + "^[note " * 5000 + "]" * 5000 + "."
    built = build(text, open_dossier(REPO).resolver)
    assert any("cannot hold another footnote" in finding.message for finding in built.findings)
    for target in ("markdown", "latex", "html", "rtf"):
        write(Document(built, []), target)
