"""docs/manuscript.md's "Checking quotations" cannot drift: its worked example runs as shown."""

from __future__ import annotations

import json
import re

from conftest import REPO

SECTION = (REPO / "docs" / "manuscript.md").read_text(encoding="utf-8").split("## Checking quotations\n")[1]
SECTION = SECTION.split("\n## ")[0]


def test_the_worked_example_prints_what_the_doc_shows(run, tmp_path, monkeypatch):
    paper = re.search(r"```markdown\n(.*?)```", SECTION, flags=re.S).group(1)
    transcript = re.search(r"```\n\$ (dossier .*?)\n(.*?)```", SECTION, flags=re.S)
    command, shown = transcript.group(1), transcript.group(2)
    (tmp_path / "paper.md").write_text(paper, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(*command.split()[1:], "--dir", REPO)
    assert result.exit_code == 1
    assert result.stderr == shown


def test_the_examples_conventions_are_verbatim_as_the_doc_says(run, tmp_path, monkeypatch):
    paper = re.search(r"```markdown\n(.*?)```", SECTION, flags=re.S).group(1)
    (tmp_path / "paper.md").write_text(paper, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("manuscript", "paper.md", "--check-quotes", "--report", "json", "--dir", REPO).stdout)
    by_line = {q["line"]: q for q in data["quotations"]}
    assert by_line[5]["status"] == "verbatim" and by_line[5]["remarks"] == [
        "[t]he: a capital changed to fit the sentence (CMOS 13.18)"
    ]
    assert by_line[6]["status"] == "verbatim" and by_line[1]["status"] == "verbatim"
    assert by_line[4]["elsewhere"] == ["ap2007-iran-helping-sunni"]
    assert by_line[7]["elsewhere"] == ["cochrane2007-iran-al-qaeda"]
