"""Every example a user reads runs as written: each command's `--help` examples and the README's.

Examples are run on a copy of the bundled dossier (the one the README and the help texts name
their ids from), with the files they mention (paper.md, refs.bib …) beside it. Help examples run
one by one, each on a fresh copy; a README block runs in order on one copy, as a reader types it.
Examples that need the network (look-ups, link checks) or a person at a terminal are not run, but
every entry id they name must exist in the bundled dossier.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from dossiercli.cli import COMMANDS, main
from dossiercli.load import open_dossier

BUNDLED_IDS = {path.stem for path in (REPO / "entries").glob("*.toml")}

# Needs the network (a look-up, a link check, a capture): checked for its ids, not run.
NETWORK = re.compile(r"--doi |--isbn |--from-url |^dossier (check-urls|verify|archive)\b")
# Asks at a terminal (the examples say so): checked for its ids, not run.
INTERACTIVE = {
    "dossier add",
    "dossier init",
    "dossier excerpt lake2007-iran-secret-plan",
    "dossier rm lake2007-iran-secret-plan",
    "dossier rm ap2007-iran-helping-sunni",
}
# What `pbpaste | …` stands for in the examples that read stdin.
PASTED = {
    "--from-bibtex -": "@book{pollack2004, author={Pollack, Kenneth M.}, title={The Persian Puzzle},"
    " publisher={Random House}, address={New York}, year=2004}",
    "smoking gun": "The documents were described as a smoking gun by one official.",
}
BIB = "@book{pollan2006, author={Pollan, Michael}, title={The Omnivore's Dilemma}, publisher={Penguin}, address={New York}, year=2006}\n"
RIS = "TY  - BOOK\nTI  - The Persian Puzzle\nAU  - Pollack, Kenneth M.\nPB  - Random House\nCY  - New York\nPY  - 2004\nER  - \n"
CSL = '[{"id": "milani2006", "type": "book", "title": "Iran at War", "author": [{"family": "Milani", "given": "M."}], "publisher": "Penguin", "publisher-place": "New York", "issued": {"date-parts": [[2006]]}}]\n'


def workspace(tmp_path: Path, empty: bool = False) -> Path:
    """A copy of the bundled dossier (`empty`: without its entries), with the files the examples mention."""
    root = tmp_path / "work"
    shutil.copytree(
        REPO / "entries",
        root / "entries",
        ignore=(lambda *_: [p.name for p in (REPO / "entries").iterdir()]) if empty else None,
    )
    shutil.copy(REPO / "dossier.toml", root / "dossier.toml")
    paper = (REPO / "examples" / "manuscript" / "backgrounder.md").read_text(encoding="utf-8")
    for name, text in {
        "paper.md": paper,
        "notes.md": paper,
        "refs.bib": BIB,
        "library.bib": BIB,
        "thesis.bib": BIB,
        "library.ris": RIS,
        "zotero.json": CSL,
        "zotero-export.json": CSL,
    }.items():
        (root / name).write_text(text, encoding="utf-8")
    for name, source in {"paper.docx": "paper.docx", "paper-cited.docx": "paper-cited.docx"}.items():
        shutil.copy(REPO / "docs" / "word" / source, root / name)  # the Word manuscript examples
    return root


def help_examples() -> list[str]:
    examples = []
    for name in COMMANDS:
        text = CliRunner().invoke(main, [name, "--help"], terminal_width=200).output
        block = text.split("Examples:", 1)[1] if "Examples:" in text else ""
        lines = []
        for line in block.splitlines():
            if not line.strip():
                if lines:
                    break
                continue
            lines.append(line.strip())
        examples.extend(_joined(lines))
    return sorted(set(examples))


def readme_blocks() -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```(?:sh|console|bash)\n(.*?)```", readme, flags=re.S):
        lines = [line.removeprefix("$ ") for line in body.splitlines() if re.match(r"(\$ )?dossier |\s+--", line)]
        commands = [line for line in _joined(lines) if line.startswith("dossier ")]
        if commands:
            blocks.append(commands)
    return blocks


def _joined(lines: list[str]) -> list[str]:
    """Lines with their `\\` continuations joined, comments after `#` dropped."""
    out: list[str] = []
    pending = ""
    for line in lines:
        line = re.sub(r"\s+#\s.*$", "", line).rstrip()
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        out.append((pending + line.strip()).strip())
        pending = ""
    return [line for line in out if line]


def dossier_part(example: str) -> tuple[list[str], str | None, dict[str, str]]:
    """(dossier's arguments, what is piped into it, environment) of an example line: pipes, `$(…)`,
    redirections and `VAR=value` prefixes are the shell's."""
    stdin = None
    for needle, text in PASTED.items():
        if needle in example and example.startswith("pbpaste |"):
            stdin = text
    command = example
    if "$(" in command:
        command = command.split("$(", 1)[1].split(")", 1)[0]
    command = next(part.strip() for part in command.split("|") if "dossier " in part)
    words = shlex.split(command)
    env = {}
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = "true" if name in ("EDITOR", "VISUAL") else value  # no editor opens in a test
    words = words[words.index("dossier") + 1 :] if "dossier" in words else words
    if ">" in words:
        words = words[: words.index(">")]
    return words, stdin, env


def named_ids(words: list[str]) -> list[str]:
    """The entry ids an example names (with :locator and +joined ids taken apart)."""
    if not words or words[0] not in ("show", "cite", "edit", "rm", "mv", "tag", "excerpt", "export", "archive",
                                      "check-urls", "verify"):  # fmt: skip
        return []
    ids = []
    for word in words[1:]:
        if word.startswith(("-", "+")) or "/" in word or word.endswith((".toml", ".md", ".bib")):
            continue
        for part in word.split("+"):
            ids.append(part.split(":", 1)[0])
    if words[0] == "mv":
        ids = ids[:1]  # the new name is not there yet
    return [i for i in ids if re.fullmatch(r"[a-z][a-z0-9-]*\d{4}[a-z0-9-]*", i)]


def run_example(root: Path, example: str, monkeypatch):
    words, stdin, env = dossier_part(example)
    monkeypatch.chdir(root)
    monkeypatch.delenv("DOSSIER_DIR", raising=False)
    return CliRunner().invoke(main, words, input=stdin, env={"EDITOR": "true", **env}, catch_exceptions=True)


def _resolves(entry_id: str) -> bool:
    dossier = open_dossier(REPO, use_cache=False)
    return dossier.resolver.lookup(entry_id).found


HELP = help_examples()
README = readme_blocks()


@pytest.mark.parametrize("example", [e for e in HELP if "dossier " in e])
def test_every_help_example_names_entries_that_exist(example):
    words, _, _ = dossier_part(example)
    missing = [entry_id for entry_id in named_ids(words) if not _resolves(entry_id)]
    assert not missing, f"{example!r} names {missing}, which the bundled dossier does not have"


@pytest.mark.parametrize(
    "example",
    [e for e in HELP if "dossier" in e and not NETWORK.search(e.split("| ")[-1]) and e not in INTERACTIVE],
)
def test_every_help_example_runs_as_written(tmp_path, monkeypatch, example):
    if example.startswith("pandoc "):
        pytest.skip("runs pandoc, not dossier alone (tests/test_pandocfilter.py runs the filter)")
    words, _, _ = dossier_part(example)
    root = workspace(tmp_path, empty=words[:1] == ["add"])  # adding the bundled sources again is refused
    if "-o" in words:  # an example that writes FILE is run where FILE is not there yet
        (root / words[words.index("-o") + 1]).unlink(missing_ok=True)
    result = run_example(root, example, monkeypatch)
    assert "internal error" not in result.output, result.output
    assert result.exit_code == 0, f"{example}\n{result.output}"


@pytest.mark.parametrize("block", README, ids=[block[0][:40] for block in README])
def test_every_readme_block_runs_in_order(tmp_path, monkeypatch, block):
    root = workspace(tmp_path)
    for example in block:
        words, _, _ = dossier_part(example)
        if NETWORK.search(example) or example in INTERACTIVE or "…" in example and "--from-url" in example:
            continue
        if words[:1] == ["init"]:  # makes a new dossier; the block's next commands are run in it
            result = run_example(tmp_path, example, monkeypatch)
            root = tmp_path / words[1]
        else:
            result = run_example(root, example, monkeypatch)
        assert "internal error" not in result.output, result.output
        assert result.exit_code == 0, f"{example}\n{result.output}"


@pytest.mark.parametrize("example", sorted({e for block in README for e in block}))
def test_every_readme_example_names_entries_that_exist(example):
    words, _, _ = dossier_part(example)
    made_by_the_readme = {"lake2007-plan"}  # its `mv` example's new name, used by the next line
    missing = [i for i in named_ids(words) if i not in made_by_the_readme and not _resolves(i)]
    assert not missing, f"{example!r} names {missing}, which the bundled dossier does not have"
