"""Shared test helpers: dossiers written to real folders, the real CLI through Click's runner."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossiercli.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

LAKE = """\
type = "article-newspaper"
title = "Iran's Secret Plan For Mayhem"
container-title = "New York Sun"
issued = 2007-01-03
URL = "http://www.nysun.com/article/46032"
tags = ["iran", "quds-force"]

[[author]]
family = "Lake"
given = "Eli"

[[excerpts]]
text = \"\"\"WASHINGTON — Iran is supporting both Sunni and Shiite
terrorists in the Iraqi civil war, according to secret Iranian documents captured by Americans in Iraq.\"\"\"
highlights = ["Iran is supporting both Sunni and Shiite terrorists"]
"""

AP = """\
type = "wire-story"
title = "U.S.: Iran helping some Sunni insurgents"
publisher = "Associated Press"
issued = 2007-05-09
tags = ["iran", "sunni-insurgents"]

[[excerpts]]
text = "A U.S. military spokesman said Wednesday that Shiite-dominated Iran is providing support to some Sunni insurgents."
highlights = ["Iran is providing support to some Sunni insurgents"]
"""

RELEASE = """\
type = "press-release"
title = "Three Suspected Terrorists Captured"
publisher = "Multi-National Force-Iraq"
number = "A070531a"
issued = "2007-05"
URL = "http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21"
tags = ["efp", "detentions"]
"""


def write_dossier(root: Path, entries: dict[str, str], config: str = 'title = "Test dossier"\n') -> Path:
    """A dossier on disk: dossier.toml plus one file per entry id."""
    (root / "entries").mkdir(parents=True, exist_ok=True)
    (root / "dossier.toml").write_text(config, encoding="utf-8")
    for entry_id, text in entries.items():
        (root / "entries" / f"{entry_id}.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "dossier", {"lake2007": LAKE, "ap2007": AP, "mnfi2007": RELEASE})


@pytest.fixture
def run(monkeypatch):
    """Run `dossier ARGS…` in-process; returns Click's Result (exit_code, stdout, stderr)."""
    monkeypatch.delenv("DOSSIER_DIR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args: str, input: str | None = None, env: dict | None = None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=True)

    return invoke
