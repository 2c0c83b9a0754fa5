"""The pre-commit hooks (.pre-commit-hooks.yaml), run as pre-commit runs them: `entry` + the staged files its `files` selects.

`pre-commit try-repo` itself (it installs this repository into a fresh environment) is recorded
in docs/ci.md; here the same command line runs against a scratch dossier repository.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import AP, REPO, write_dossier

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
JOURNAL = 'type = "article-journal"\ntitle = "{title}"\ncontainer-title = "Middle East Journal"\nissued = {issued}\nDOI = "{doi}"\n'


def selected(hook: dict, staged: list[str]) -> list[str]:
    pattern = re.compile(hook["files"])
    return [path for path in staged if pattern.search(path)]


def run_hook(hook_id: str, repo: Path, staged: list[str]) -> subprocess.CompletedProcess:
    hook = HOOKS[hook_id]
    assert hook["language"] == "python"  # pre-commit installs this repository (pip install .) for it
    files = selected(hook, staged)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("DOSSIER_DIR", None)
    return subprocess.run(
        [*shlex.split(hook["entry"]), *hook.get("args", []), *files], cwd=repo, env=env, capture_output=True, text=True
    )


def test_the_hooks_select_entry_files_and_dossier_toml():
    staged = [
        "entries/a.toml",
        "research/entries/news/b.toml",
        "dossier.toml",
        "research/dossier.toml",
        "pyproject.toml",
        "entries/notes.md",
        "myentries/c.toml",
    ]
    assert selected(HOOKS["dossier-validate"], staged) == staged[:4]
    assert selected(HOOKS["dossier-fmt"], staged) == staged[:2]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_dossier(
        tmp_path,
        {
            "milani2006": JOURNAL.format(title="Iran's Policy Towards Afghanistan", issued=2006, doi="10.3751/60.2.12"),
            "ap2007": AP,
        },
    )


def test_validate_hook_fails_a_staged_duplicate_and_passes_the_fix(repo: Path):
    bad = JOURNAL.format(title="A copy", issued='"2006-02-30"', doi="https://doi.org/10.3751/60.2.12")
    (repo / "entries" / "milani-again.toml").write_text(bad, encoding="utf-8")
    result = run_hook("dossier-validate", repo, ["entries/milani-again.toml"])
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "entries/milani-again.toml:4: E020 'issued': '2006-02-30': February 2006 has 28 days",
        "entries/milani-again.toml:5: E052 DOI 10.3751/60.2.12 is also the DOI of 'milani2006'",
    ]
    fixed = JOURNAL.format(title="A review", issued='"2006-02"', doi="10.3751/60.2.13")
    (repo / "entries" / "milani-again.toml").write_text(fixed, encoding="utf-8")
    assert run_hook("dossier-validate", repo, ["entries/milani-again.toml"]).returncode == 0


def test_fmt_hook_rewrites_a_staged_file_and_then_passes(repo: Path):
    path = repo / "entries" / "unordered.toml"
    path.write_text('title = "Reordered"\ntype = "book"\npublisher = "P"\n', encoding="utf-8")
    first = run_hook("dossier-fmt", repo, ["entries/unordered.toml"])
    assert first.returncode == 0  # pre-commit fails the hook because the file changed
    assert path.read_text(encoding="utf-8").startswith('type = "book"\ntitle = "Reordered"')
    second = run_hook("dossier-fmt", repo, ["entries/unordered.toml"])
    assert second.returncode == 0 and path.read_text(encoding="utf-8").startswith('type = "book"')
