"""Every command the same however the dossier and the entry are named.

Two matrices, over the whole command set rather than a named case:

* **the dossier**: `--dir` absolute, `.`, `..`, relative, through a symlinked folder, the
  group's own `dossier --dir X cmd`, `$DOSSIER_DIR` (absolute and `.`), and no name at all from
  inside `entries/`. The dossier's folder name has a space and non-ASCII letters. Every read
  command must print the same bytes (paths shown relative to where it runs are mapped back to
  the file they name, so `entries/x.toml` from the root and `x.toml` from `entries/` agree), and
  every write must land on the right file.
* **the entry**: full id, unique prefix, `citation-key` give the same result for every command
  that takes an id; an ambiguous prefix is a clean error naming the candidates; an unknown id a
  clean error with a suggestion.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AP, LAKE, RELEASE, write_dossier
from dossiercli.cli import main

ROOT_NAME = "my dossier é"
KEYED_LAKE = LAKE.replace('tags = ["iran"', 'citation-key = "Lake2007Secret"\ntags = ["iran"')
BROKEN = 'type = "wire-story"\ntitle = "Broken"\npublisher = "AP"\nissued = "2007-02-30"\n'
ENTRIES = {
    "lake2007-iran-secret-plan": KEYED_LAKE,
    "ap2007-iran-helping-sunni": AP,
    "mnfi2007-three-suspected": RELEASE,
    "mnfi2007-three-suspected-copy": RELEASE.replace("Three", "3").replace("option=com", "option=x"),
    "broken2007": BROKEN,
}
PAPER = "Iran's plan[@lake2007-iran-secret-plan, 3] and the AP story.[@ap2007]\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = write_dossier(tmp_path / ROOT_NAME, ENTRIES)
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    return folder


# -- ways of naming the dossier: (name, cwd relative to tmp_path, args before the command, args after, env)

NAMINGS = {
    "absolute --dir": lambda r: (r.parent, [], ["--dir", str(r)], {}),
    "--dir .": lambda r: (r, [], ["--dir", "."], {}),
    "--dir .. from entries/": lambda r: (r / "entries", [], ["--dir", ".."], {}),
    "relative --dir": lambda r: (r.parent, [], ["--dir", ROOT_NAME], {}),
    "symlinked folder": lambda r: (r.parent, [], ["--dir", "link"], {}),
    "dossier --dir . CMD": lambda r: (r, ["--dir", "."], [], {}),
    "DOSSIER_DIR absolute": lambda r: (r.parent, [], [], {"DOSSIER_DIR": str(r)}),
    "DOSSIER_DIR=.": lambda r: (r, [], [], {"DOSSIER_DIR": "."}),
    "inside entries/": lambda r: (r / "entries", [], [], {}),
}

# Commands that only read: (name, args). Paths they take (the paper) are absolute: only the dossier's naming varies.
READS = [
    ("validate", ["validate"]),
    ("validate json", ["validate", "--format", "json"]),
    ("validate github", ["validate", "--format", "github"]),
    ("validate sarif", ["validate", "--format", "sarif"]),
    ("validate one file", ["validate", "{root}/entries/broken2007.toml"]),
    ("list", ["list"]),
    ("list json", ["list", "--format", "json"]),
    ("show", ["show", "lake2007"]),
    ("cite", ["cite", "lake2007-iran-secret-plan:3", "ap2007"]),
    ("notes", ["notes"]),
    ("bibliography", ["bibliography"]),
    ("export", ["export", "--format", "bibtex"]),
    ("export csl-json", ["export", "--format", "csl-json", "lake2007"]),
    ("fmt --check", ["fmt", "--check"]),
    ("ids", ["ids"]),
    ("render", ["render"]),
    ("manuscript", ["manuscript", "{paper}"]),
    ("manuscript --check", ["manuscript", "{paper}", "--check", "--report", "json"]),
]


def invoke(cwd: Path, args: list[str], env: dict[str, str], monkeypatch, input: str | None = None):
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("DOSSIER_DIR", raising=False)
    for name in ("FORCE_COLOR", "NO_COLOR", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner().invoke(main, args, env=env, input=input, catch_exceptions=True)


def canonical(text: str, root: Path, cwd: Path) -> str:
    """Output with every way of showing a dossier path mapped to `<ROOT>/…`: as shown relative to `cwd`,
    absolute, inside JSON strings and percent-encoded (SARIF URIs)."""
    files = [root / "entries" / f"{name}.toml" for name in ENTRIES] + [root.parent / "paper.md"]
    replacements: dict[str, str] = {}
    for path in [*files, root / "dossier.toml", root / "entries", root]:
        canonical_name = "<ROOT>" + str(path)[len(str(root)) :] if path.is_relative_to(root) else path.name
        shown = os.path.relpath(path, cwd)
        forms = {str(path)}
        if path in files:  # "entries" and "dossier.toml" are also words of messages: only absolute forms of those
            forms.add(shown if not shown.startswith("..") else str(path))
        for form in list(forms):
            forms.add(json.dumps(form)[1:-1])
            forms.add(urllib.parse.quote(form))
        for form in forms:
            if form not in (".", ""):
                replacements[form] = canonical_name
    # Longest first, and only where the form is a whole path (not the tail of a longer one).
    for form in sorted(replacements, key=len, reverse=True):
        text = _replace_paths(text, form, replacements[form])
    return re.sub(r" +\|", " |", text)  # a table's padding follows the length of the path as shown


def _replace_paths(text: str, form: str, canonical_name: str) -> str:
    out, start = [], 0
    while (at := text.find(form, start)) != -1:
        before = text[at - 1] if at else " "
        if before.isalnum() or before in "/-_.<>" or before == "%":
            out.append(text[start : at + len(form)])
        else:
            out.append(text[start:at] + canonical_name)
        start = at + len(form)
    out.append(text[start:])
    return "".join(out)


def fill(args: list[str], root: Path) -> list[str]:
    paper = root.parent / "paper.md"
    return [arg.format(root=root, paper=paper) for arg in args]


@pytest.mark.parametrize("command", [name for name, _ in READS])
def test_every_read_command_prints_the_same_however_the_dossier_is_named(root, monkeypatch, command):
    args = fill(dict(READS)[command], root)
    outputs = {}
    for naming, make in NAMINGS.items():
        cwd, before, after, env = make(root)
        result = invoke(cwd, [*before, args[0], *after, *args[1:]], env, monkeypatch)
        assert "internal error" not in result.output, (naming, result.output)
        outputs[naming] = (
            result.exit_code,
            canonical(result.stdout, root, cwd),
            canonical(result.stderr, root, cwd),
        )
    reference = outputs["absolute --dir"]
    assert "<ROOT>" in reference[1] + reference[2] or command not in ("validate", "validate github"), reference
    for naming, output in outputs.items():
        assert output == reference, f"{command} with {naming} differs from --dir ABSOLUTE"


def test_github_annotations_and_sarif_name_files_that_exist(root, monkeypatch):
    for naming, make in NAMINGS.items():
        cwd, before, after, env = make(root)
        result = invoke(cwd, [*before, "validate", *after, "--format", "github"], env, monkeypatch)
        files = [line.split("file=", 1)[1].split(",", 1)[0] for line in result.stdout.splitlines() if "file=" in line]
        assert files, (naming, result.output)
        for file in files:
            assert (cwd / urllib.parse.unquote(file)).is_file(), (naming, file)
        result = invoke(cwd, [*before, "validate", *after, "--format", "sarif"], env, monkeypatch)
        sarif = json.loads(result.stdout)
        uris = [
            location["physicalLocation"]["artifactLocation"]["uri"]
            for run in sarif["runs"]
            for found in run["results"]
            for location in found["locations"]
        ]
        assert uris, naming
        for uri in uris:
            path = urllib.parse.unquote(uri.removeprefix("file://"))
            assert (cwd / path).is_file(), (naming, uri)


# -- writes: each lands on the right file, whatever the naming ------------------------------------

_APPEND = b'note = "edited"\n'.hex()
EDITOR = f'{shlex.quote(sys.executable)} -c \'import sys; open(sys.argv[1], "a").write(bytes.fromhex("{_APPEND}").decode())\''


def _writes(root: Path):
    """(args, stdin, check) for every command that writes an entry."""
    entries = root / "entries"
    bib = root.parent / "one.bib"
    bib.write_text(
        "@book{Pollan2006,\n  author={Pollan, Michael},\n  title={The Omnivore's Dilemma},\n"
        "  publisher={Penguin},\n  address={New York},\n  year={2006}\n}\n",
        encoding="utf-8",
    )
    unformatted = 'title = "Needs a format"\ntype = "wire-story"\npublisher = "AP"\nissued = 2007\n'
    return {
        "tag": (
            ["tag", "lake2007", "+seams"],
            None,
            lambda: "seams" in (entries / "lake2007-iran-secret-plan.toml").read_text(),
        ),
        "excerpt": (
            ["excerpt", "ap2007", "--text", "A new passage."],
            None,
            lambda: "A new passage." in (entries / "ap2007-iran-helping-sunni.toml").read_text(),
        ),
        "rm": (["rm", "broken2007", "--yes"], None, lambda: not (entries / "broken2007.toml").exists()),
        "rm prefix": (
            ["rm", "ap2007", "--yes"],
            None,
            lambda: not (entries / "ap2007-iran-helping-sunni.toml").exists(),
        ),
        "mv": (
            ["mv", "lake2007", "lake2007-plan"],
            None,
            lambda: (
                (entries / "lake2007-plan.toml").is_file() and not (entries / "lake2007-iran-secret-plan.toml").exists()
            ),
        ),
        "add": (
            ["add", "--type", "wire-story", "--title", "Seams hold", "--publisher", "AP", "--date", "2007-06-01"],
            None,
            lambda: any("Seams hold" in p.read_text() for p in entries.glob("*.toml")),
        ),
        "import": (
            ["import", str(bib)],
            None,
            lambda: any("Omnivore" in p.read_text() for p in entries.glob("*.toml")),
        ),
        "fmt": (
            ["fmt"],
            "unformatted",
            lambda: (entries / "ap2007-iran-helping-sunni.toml").read_text().startswith('type = "wire-story"\ntitle'),
        ),
        "edit": (
            ["edit", "mnfi2007-three-suspected-copy"],
            None,
            lambda: "edited" in (entries / "mnfi2007-three-suspected-copy.toml").read_text(),
        ),
    }, unformatted


@pytest.mark.parametrize("naming", list(NAMINGS))
@pytest.mark.parametrize("command", ["tag", "excerpt", "rm", "rm prefix", "mv", "add", "import", "fmt", "edit"])
def test_every_write_lands_on_the_right_file(tmp_path, monkeypatch, naming, command):
    root = write_dossier(tmp_path / ROOT_NAME, ENTRIES)
    (tmp_path / "link").symlink_to(root, target_is_directory=True)
    writes, unformatted = _writes(root)
    args, setup, landed = writes[command]
    if setup == "unformatted":
        (root / "entries" / "ap2007-iran-helping-sunni.toml").write_text(
            unformatted.replace("Needs a format", "U.S.: Iran")
        )
    before = {p.name: p.read_bytes() for p in (root / "entries").iterdir()}
    cwd, group, after, env = NAMINGS[naming](root)
    env = {**env, "EDITOR": EDITOR} if command == "edit" else env
    result = invoke(cwd, [*group, args[0], *after, *args[1:]], env, monkeypatch)
    assert result.exit_code == 0, (naming, result.output)
    assert landed(), (naming, result.output)
    # Nothing else in the dossier's parent folder, the cwd or a wrongly cut path was created.
    assert not (tmp_path / "tries").exists() and not (cwd / "tries").exists()
    changed = {p.name for p in (root / "entries").iterdir()} ^ set(before)
    assert changed or command in ("tag", "excerpt", "fmt", "edit"), naming


# -- ways of naming the entry ---------------------------------------------------------------------

ID_COMMANDS = [
    ("show", ["show", "{id}"]),
    ("cite", ["cite", "{id}"]),
    ("export", ["export", "--format", "ris", "{id}"]),
    ("check-urls", ["check-urls", "{id}", "--timeout", "0.2", "--retries", "0", "--offline-archive", "--no-cache"]),
    ("verify", ["verify", "{id}", "--timeout", "0.2", "--retries", "0", "--no-cache"]),
    ("archive", ["archive", "{id}", "--timeout", "1", "--save-endpoint", "http://127.0.0.1:9/save/"]),
    ("excerpt", ["excerpt", "{id}", "--text", "A passage."]),
    ("tag", ["tag", "{id}", "+t"]),
    ("edit", ["edit", "{id}"]),
    ("mv", ["mv", "{id}", "renamed2007"]),
    ("rm", ["rm", "{id}", "--yes"]),
]
NAMES = {
    "full id": "lake2007-iran-secret-plan",
    "unique prefix": "lake2007",
    "citation-key": "Lake2007Secret",
}


def _run_with_entry_name(tmp_path, monkeypatch, args, name):
    root = write_dossier(tmp_path / name.replace("/", "_"), ENTRIES)
    filled = [arg.format(id=name) for arg in args]
    env = {"EDITOR": EDITOR}
    # No network: the entry's URL is replaced by a closed local port, so link commands fail the same fast way.
    lake = root / "entries" / "lake2007-iran-secret-plan.toml"
    lake.write_text(lake.read_text().replace("http://www.nysun.com/article/46032", "http://127.0.0.1:9/a"))
    result = invoke(root, filled, env, monkeypatch)
    files = sorted((p.name, p.read_text()) for p in (root / "entries").iterdir())
    return result, files


@pytest.mark.parametrize("command", [name for name, _ in ID_COMMANDS])
def test_every_command_that_takes_an_id_takes_a_prefix_and_a_citation_key(tmp_path, monkeypatch, command):
    args = dict(ID_COMMANDS)[command]
    results = {
        how: _run_with_entry_name(tmp_path / how.replace(" ", "-"), monkeypatch, args, name)
        for how, name in NAMES.items()
    }
    reference_result, reference_files = results["full id"]
    assert "internal error" not in reference_result.output, reference_result.output
    for how, (result, files) in results.items():
        assert "internal error" not in result.output, (how, result.output)
        assert result.exit_code == reference_result.exit_code, (how, result.output, reference_result.output)
        assert result.stdout == reference_result.stdout, how  # what was found is shown, not what was typed
        assert files == reference_files, how


@pytest.mark.parametrize("command", [name for name, _ in ID_COMMANDS])
def test_an_ambiguous_prefix_is_a_clean_error_naming_the_candidates(dossier_root_for_errors, monkeypatch, command):
    args = [arg.format(id="mnfi2007") for arg in dict(ID_COMMANDS)[command]]
    before = sorted((p.name, p.read_bytes()) for p in (dossier_root_for_errors / "entries").iterdir())
    result = invoke(dossier_root_for_errors, args, {"EDITOR": EDITOR}, monkeypatch)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dossier: error:"), result.stderr
    assert "mnfi2007-three-suspected, mnfi2007-three-suspected-copy" in lines[0]
    assert sorted((p.name, p.read_bytes()) for p in (dossier_root_for_errors / "entries").iterdir()) == before


@pytest.mark.parametrize("command", [name for name, _ in ID_COMMANDS])
def test_an_unknown_id_is_a_clean_error_with_a_suggestion(dossier_root_for_errors, monkeypatch, command):
    args = [arg.format(id="lake2070-iran-secret-plan") for arg in dict(ID_COMMANDS)[command]]
    result = invoke(dossier_root_for_errors, args, {"EDITOR": EDITOR}, monkeypatch)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dossier: error:"), result.stderr
    assert "lake2007-iran-secret-plan" in lines[0]


@pytest.fixture
def dossier_root_for_errors(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "d", {k: v for k, v in ENTRIES.items() if k != "broken2007"})


# -- link commands: the same through the same naming matrix, against a real server on 127.0.0.1 ----


@pytest.fixture
def linked(tmp_path: Path):
    from linkserver import start_server

    server, state = start_server()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    state.pages["/lake"] = (
        "text/html",
        b"<p>WASHINGTON \xe2\x80\x94 Iran is supporting both Sunni and Shiite terrorists</p>",
    )
    entries = dict(ENTRIES)
    entries["lake2007-iran-secret-plan"] = KEYED_LAKE.replace("http://www.nysun.com/article/46032", f"{base}/lake")
    entries["mnfi2007-three-suspected"] = RELEASE.replace(
        "http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21", f"{base}/missing"
    )
    del entries["mnfi2007-three-suspected-copy"]
    root = write_dossier(tmp_path / ROOT_NAME, entries)
    (tmp_path / "link").symlink_to(root, target_is_directory=True)
    yield root
    server.shutdown()


LINK_COMMANDS = [
    (
        "check-urls github",
        ["check-urls", "--format", "github", "--allow-private", "--no-cache", "--retries", "0", "--offline-archive"],
    ),
    (
        "check-urls json",
        ["check-urls", "--format", "json", "--allow-private", "--no-cache", "--retries", "0", "--offline-archive"],
    ),
    ("verify github", ["verify", "--format", "github", "--allow-private", "--no-cache", "--retries", "0"]),
]


@pytest.mark.parametrize("command", [name for name, _ in LINK_COMMANDS])
def test_link_commands_report_the_same_files_however_the_dossier_is_named(linked, monkeypatch, command):
    args = dict(LINK_COMMANDS)[command]
    outputs = {}
    for naming, make in NAMINGS.items():
        cwd, before, after, env = make(linked)
        result = invoke(cwd, [*before, args[0], *after, *args[1:]], env, monkeypatch)
        assert "internal error" not in result.output, (naming, result.output)
        for line in result.stdout.splitlines():
            if "file=" in line:
                file = line.split("file=", 1)[1].split(",", 1)[0].split("::", 1)[0]
                assert (cwd / file).is_file(), (naming, line)
        text = re.sub(r"\d+(\.\d+)? ?(ms|s)\b|\"(elapsed|checked_at|time|seconds)\": [\d.e+-]+", "<t>", result.stdout)
        outputs[naming] = (result.exit_code, canonical(text, linked, cwd))
    reference = outputs["absolute --dir"]
    assert reference[0] == 1, reference  # a broken link, an excerpt not at its page: each names its entry
    assert "json" in command or "file=<ROOT>/entries/" in reference[1], reference
    for naming, output in outputs.items():
        assert output == reference, f"{command} with {naming} differs from --dir ABSOLUTE"
