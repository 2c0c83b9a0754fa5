"""docs/manuscript.md cannot drift: its example, its `cite --footnotes` transcript and its option table."""

import re
import shlex

from conftest import REPO

DOC = (REPO / "docs" / "manuscript.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", DOC, flags=re.S | re.M)


def test_the_example_renders_as_shown(run, tmp_path):
    source, shown = blocks("markdown")[:2]
    paper = tmp_path / "paper.md"
    paper.write_text(source, encoding="utf-8")
    result = run("manuscript", paper, "--no-bibliography", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    body, _, notes = result.stdout.partition("\n\n[^1]: ")
    assert body == shown.partition("\n\n[^1]: ")[0]
    for line in ("[^1]: " + notes).split("\n\n")[:2]:  # the third note is shortened in the docs
        assert line.strip() in shown


def test_the_cite_footnotes_transcript_is_real(run):
    transcript = DOC.split("## `dossier cite --footnotes`")[1].split("```\n")[1]
    for command, output in re.findall(r"^\$ (.*?)\n(.*?)(?=^\$ |\Z)", transcript, flags=re.S | re.M):
        result = run(*shlex.split(command)[1:], "--dir", REPO)
        assert result.stdout == output, command


def test_every_option_is_in_the_table(run):
    help_text = run("manuscript", "--help").stdout
    for option in re.findall(r"(--[a-z-]+)", help_text):
        if option not in ("--help", "--dir"):
            assert option in DOC, option
