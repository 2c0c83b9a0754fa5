"""Shell completion through Click's protocol: `_DOSSIER_COMPLETE=…_complete dossier` with COMP_WORDS/COMP_CWORD."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AP, LAKE, RELEASE, write_dossier
from dossiercli.cli import main


def complete(words: str, shell: str = "bash", cwd: Path | None = None, env: dict | None = None) -> list[str]:
    """The completions a shell would be offered for the command line `words` (the last word is being typed)."""
    parts = words.split(" ")
    variables = {
        "_DOSSIER_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1) if shell != "fish" else parts[-1],
        **(env or {}),
    }
    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        result = CliRunner().invoke(main, [], env=variables, prog_name="dossier")
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    if shell == "bash":  # "type,value" per line (an empty line when there is nothing to offer)
        return [line.split(",", 1)[1] for line in result.output.splitlines() if line]
    if shell == "zsh":  # type, value, help: three lines each
        lines = result.output.splitlines()
        return [f"{lines[i + 1]}|{lines[i + 2]}" for i in range(0, len(lines), 3)]
    return [line.split(",", 1)[1] for line in result.output.splitlines()]  # fish: "type,value\thelp"


@pytest.fixture
def tagged(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "d", {"lake2007": LAKE, "ap2007": AP, "mnfi2007": RELEASE})


def test_commands_complete():
    assert complete("dossier val") == ["validate"]
    assert {"schema", "completion", "check-urls"} <= set(complete("dossier "))


def test_entry_ids_complete_from_the_dossier_found_upwards(tagged: Path):
    assert complete("dossier show ", cwd=tagged / "entries") == ["ap2007", "lake2007", "mnfi2007"]
    assert complete("dossier show l", cwd=tagged) == ["lake2007"]
    assert complete("dossier check-urls m", cwd=tagged) == ["mnfi2007"]
    assert complete("dossier export a", cwd=tagged) == ["ap2007"]
    assert complete("dossier verify a", cwd=tagged) == ["ap2007"]
    assert complete("dossier archive m", cwd=tagged) == ["mnfi2007"]
    assert complete("dossier edit l", cwd=tagged) == ["lake2007"]
    assert complete("dossier rm ap2007 m", cwd=tagged) == ["mnfi2007"]
    assert complete("dossier mv a", cwd=tagged) == ["ap2007"]


def test_tag_completes_ids_then_signed_tags(tagged: Path):
    assert complete("dossier tag l", cwd=tagged) == ["lake2007"]
    assert complete("dossier tag lake2007 +i", cwd=tagged) == ["+iran"]
    # "-TAG" is not offered: Click completes a word starting with "-" as an option name.


def test_ids_follow_dir_and_the_environment(tagged: Path, tmp_path: Path):
    assert complete(f"dossier show --dir {tagged} a", cwd=tmp_path) == ["ap2007"]
    assert complete(f"dossier --dir {tagged} show a", cwd=tmp_path) == ["ap2007"]
    assert complete("dossier show a", cwd=tmp_path, env={"DOSSIER_DIR": str(tagged)}) == ["ap2007"]


def test_zsh_and_fish_show_the_title_beside_the_id(tagged: Path):
    assert complete("dossier show l", shell="zsh", cwd=tagged) == ["lake2007|Iran's Secret Plan For Mayhem"]
    assert complete("dossier show a", shell="fish", cwd=tagged) == ["ap2007\tU.S.: Iran helping some Sunni insurgents"]


def test_citations_complete_the_id_after_the_last_plus(tagged: Path):
    assert complete("dossier cite lake2007:3+a", cwd=tagged) == ["lake2007:3+ap2007"]
    assert complete("dossier cite mn", cwd=tagged) == ["mnfi2007"]
    assert complete("dossier cite lake2007:", cwd=tagged) == []  # a locator is the user's to type


def test_citation_keys_are_offered_only_where_the_commands_accept_them(tmp_path: Path, run):
    root = write_dossier(tmp_path / "d", {"lake2007": 'citation-key = "Lake2007Iran"\n' + LAKE})
    offered = complete("dossier show L", cwd=root)
    accepted = run("show", "Lake2007Iran", "--dir", root).exit_code == 0
    assert offered == (["Lake2007Iran"] if accepted else [])
    assert complete("dossier show l", cwd=root) == ["lake2007"]


def test_tags_complete_with_their_counts(tagged: Path):
    assert complete("dossier list --tag i", cwd=tagged) == ["iran"]
    assert complete("dossier list --tag i", shell="zsh", cwd=tagged) == ["iran|2 entries"]
    assert complete("dossier notes --tag d", cwd=tagged) == ["detentions"]
    assert complete("dossier add --tag e", cwd=tagged) == ["efp"]


def test_types_and_formats_complete_from_their_choices():
    assert complete("dossier list --type wire") == ["wire-story"]
    assert complete("dossier validate --format g") == ["github"]
    assert complete("dossier export --format csl") == ["csl-json"]
    assert complete("dossier schema ") == ["entry", "config"]
    assert complete("dossier completion ") == ["bash", "zsh", "fish"]


def test_no_dossier_means_no_suggestions_and_no_error(tmp_path: Path):
    assert complete("dossier show ", cwd=tmp_path) == []
    assert complete("dossier list --tag ", cwd=tmp_path) == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script_click_would(run, shell: str):
    result = run("completion", shell)
    assert result.exit_code == 0
    assert "_DOSSIER_COMPLETE" in result.stdout
    assert f"{shell}_complete" in result.stdout


def test_the_installed_command_answers_the_protocol(tagged: Path):
    dossier = shutil.which("dossier")
    if dossier is None:
        pytest.skip("the dossier command is not installed in this environment")
    env = {**os.environ, "_DOSSIER_COMPLETE": "bash_complete", "COMP_WORDS": "dossier show la", "COMP_CWORD": "2"}
    env.pop("DOSSIER_DIR", None)
    out = subprocess.run([dossier], cwd=tagged, env=env, capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["plain,lake2007"]


def test_tags_differing_only_in_case_are_offered_once(tmp_path: Path):
    """`tag` compares tags without case, so completion offers "efp" once, in its most used spelling."""
    upper = RELEASE.replace('tags = ["efp"', 'tags = ["EFP"')
    root = write_dossier(tmp_path / "d", {"a": RELEASE, "b": RELEASE.replace("Three", "3"), "c": upper})
    assert complete("dossier list --tag e", cwd=root) == ["efp"]
    assert complete("dossier list --tag E", shell="zsh", cwd=root) == ["efp|3 entries"]
    assert complete("dossier tag a +E", cwd=root) == ["+efp"]
