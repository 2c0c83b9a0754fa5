""" "Ibid." only after a note that cites exactly one work (CMOS 17 14.34; issue 23, item 11).

The seed's own case: a writer's footnote `[^a]: Compare [@keaten2007] and [@wright2007, A19].`
cites two works, so the next note citing Wright cannot be "Ibid., A20." (nor "Wright, A20.",
which leans on the note before in the same way): it is the short note. A writer's note that
cites one work, even twice, does license "Ibid.". Every route that sequences notes: the
manuscript command (with --ibid and in mode 18-ibid), the pandoc filter (`dossier-ibid: true`,
through the real pandoc where installed) and `dossier cite` (mode 18-ibid).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

SHORT = "Wright, “Iranian Arms Destined for Taliban,” A20."
SEVERAL = """Weapons were seized.[^a] More came later [@wright2007, A20].

[^a]: Compare [@keaten2007] and [@wright2007, A19].
"""
SEVERAL_IN_ONE_GROUP = """Weapons were seized.[^a] More came later [@wright2007, A20].

[^a]: Compare [@keaten2007; @wright2007, A19].
"""
ONE_WORK = """Weapons were seized.[^a] More came later [@wright2007, A20].

[^a]: Wright's account [@wright2007, A19] and its sequel [@wright2007, A19].
"""
ONE_THEN_OTHER = """Weapons were seized.[^a] More came later [@wright2007, A20].

[^a]: Compare [@wright2007, A19] with [@keaten2007].
"""
ROUTES = {
    "manuscript --ibid": ("--ibid",),
    "manuscript --mode 18-ibid": ("--mode", "18-ibid"),
}


def last_note(run, text: str, tmp_path: Path, *options: str) -> str:
    paper = tmp_path / "paper.md"
    paper.write_text(text, encoding="utf-8")
    result = run("manuscript", paper, "--no-bibliography", "--dir", REPO, *options)
    assert result.exit_code == 0, result.stderr
    return result.stdout.rstrip("\n").rsplit("\n", 1)[-1].split(": ", 1)[1]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "text", [SEVERAL, SEVERAL_IN_ONE_GROUP, ONE_THEN_OTHER], ids=["two-groups", "one-group", "last-is-other"]
)
def test_no_ibid_after_a_writers_note_citing_several_works(run, tmp_path, route, text):
    assert last_note(run, text, tmp_path, *ROUTES[route]) == SHORT


@pytest.mark.parametrize("route", ROUTES)
def test_ibid_after_a_writers_note_citing_one_work(run, tmp_path, route):
    assert last_note(run, ONE_WORK, tmp_path, *ROUTES[route]) == "Ibid., A20."


def test_without_ibid_the_same_work_again_is_the_author_and_page_only_after_a_single_work(run, tmp_path):
    """CMOS 17 14.34's "Wright, A20." stands for ibid. and has its limits: after several works, the short note."""
    assert last_note(run, SEVERAL, tmp_path) == SHORT
    assert last_note(run, ONE_WORK, tmp_path) == "Wright, A20."


def test_cite_in_mode_18_ibid(run):
    result = run("cite", "keaten2007+wright2007:A19", "wright2007:A20", "--mode", "18-ibid", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"2. {SHORT}"
    single = run("cite", "wright2007:A19", "wright2007:A20", "--mode", "18-ibid", "--dir", REPO)
    assert single.stdout.splitlines()[-1] == "2. Ibid., A20."


def test_the_pandoc_filter_with_dossier_ibid(run):
    from dossiercli.load import open_dossier
    from dossiercli.pandocfilter import filter_document, stringify

    def cite(key, locator=None):
        suffix = [{"t": "Str", "c": ","}, {"t": "Space"}, {"t": "Str", "c": locator}] if locator else []
        citation = {
            "citationId": key,
            "citationPrefix": [],
            "citationSuffix": suffix,
            "citationMode": {"t": "NormalCitation"},
            "citationNoteNum": 0,
            "citationHash": 0,
        }
        return {"t": "Cite", "c": [[citation], []]}

    own = {
        "t": "Note",
        "c": [
            {
                "t": "Para",
                "c": [
                    {"t": "Str", "c": "Compare"},
                    {"t": "Space"},
                    cite("keaten2007"),
                    {"t": "Space"},
                    {"t": "Str", "c": "and"},
                    {"t": "Space"},
                    cite("wright2007", "A19"),
                    {"t": "Str", "c": "."},
                ],
            }
        ],
    }
    para = [
        {"t": "Str", "c": "Seized."},
        own,
        {"t": "Space"},
        {"t": "Str", "c": "More"},
        {"t": "Space"},
        cite("wright2007", "A20"),
        {"t": "Str", "c": "."},
    ]
    document = {"pandoc-api-version": [1, 23], "meta": {}, "blocks": [{"t": "Para", "c": para}]}
    result = filter_document(document, open_dossier(REPO).resolver, ibid=True)
    notes = [item for item in result.document["blocks"][0]["c"] if item.get("t") == "Note"]
    assert stringify(notes[-1]["c"][0]["c"]) == SHORT


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize("text,expected", [(SEVERAL, SHORT), (ONE_WORK, "Ibid., A20.")], ids=["several", "one"])
def test_the_pandoc_filter_through_pandoc_with_dossier_ibid_metadata(tmp_path, text, expected):
    filter_script = tmp_path / "filter"
    filter_script.write_text(
        f"#!{sys.executable}\nfrom dossiercli.cli.manuscript import pandoc_filter_main\npandoc_filter_main()\n"
    )
    filter_script.chmod(0o755)
    paper = tmp_path / "paper.md"
    paper.write_text("---\ndossier-ibid: true\nsuppress-bibliography: true\n---\n" + text, encoding="utf-8")
    out = subprocess.run(
        ["pandoc", str(paper), "--filter", str(filter_script), "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        env={"DOSSIER_DIR": str(REPO), "PATH": "/usr/bin:/bin"},
        check=True,
        timeout=60,
    ).stdout
    assert out.rstrip().endswith(f"[2] {expected}")
