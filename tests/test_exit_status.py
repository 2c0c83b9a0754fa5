"""The README's exit-status table, command by command: every status it names is reached, and no other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import AP, FIXTURES, LAKE, REPO, write_dossier
from dossiercli.cli import COMMANDS
from linkserver import start_server

ALIASES = {"add-excerpt"}


def readme_table() -> dict[str, dict[int, str]]:
    """command -> {status: what the README says}; '—' for a status the command never uses."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Exit status") :]
    rows: dict[str, dict[int, str]] = {}
    for line in section.splitlines()[4:]:
        if not line.startswith("| `"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for name in re.findall(r"`([a-z-]+)`", cells[0]):
            rows[name] = {0: cells[1], 1: cells[2], 2: cells[3]}
    return rows


TABLE = readme_table()


def test_every_command_has_a_row():
    missing = sorted(set(COMMANDS) - ALIASES - set(TABLE))
    assert not missing, f"add these commands to the README's exit status table: {missing}"


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - ALIASES))
def test_a_usage_error_is_2_for_every_command(run, name: str):
    result = run(name, "--no-such-option")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return write_dossier(tmp_path / "d", {"lake2007": LAKE})


def cases(root: Path, tmp: Path, base: str) -> dict[str, dict[int, list[str]]]:
    """For each command, arguments that reach each status the table gives it."""
    d = ["--dir", str(root)]
    bad = write_dossier(tmp / "bad", {"x": 'type = "book"\ntitle = "T"\npublisher = "P"\nissued = "2007-02-30"\n'})
    plain = write_dossier(tmp / "plain", {"ap2007": AP})
    imports = write_dossier(tmp / "imports", {"lake2007": LAKE})
    removable = write_dossier(tmp / "removable", {"ap2007": AP})
    skipping = [
        "--dir",
        str(
            write_dossier(
                tmp / "skipping",
                {"lake2007": LAKE, "x": 'type = "book"\ntitle = "T"\npublisher = "P"\nissued = "2007-02-30"\n'},
            )
        ),
    ]
    messy = write_dossier(tmp / "messy", {"x": 'title = "T"\ntype = "book"\npublisher = "P"\n'})
    links = write_dossier(
        tmp / "links",
        {
            "ok": f'type = "webpage"\ntitle = "A"\nURL = "{base}/ok"\n'
            f'[[excerpts]]\ntext = "A passage the page does not hold."\n',
            "gone": f'type = "webpage"\ntitle = "B"\nURL = "{base}/missing"\n',
        },
    )
    fast = ["--allow-private", "--retries", "0", "--no-cache", "--offline-archive"]
    return {
        "validate": {0: ["validate", *d], 1: ["validate", "--dir", str(bad)], 2: ["validate", "--dir", str(tmp)]},
        "check-urls": {
            0: ["check-urls", "ok", "--dir", str(links), *fast],
            1: ["check-urls", "--dir", str(links), *fast],
            2: ["check-urls", "--max-age", "soon", *d],
        },
        "fmt": {0: ["fmt", "--check", *d], 1: ["fmt", "--check", "--dir", str(messy)], 2: ["fmt", "--dir", str(tmp)]},
        "import": {
            0: ["import", str(FIXTURES / "import" / "macros-and-accents.bib"), *d],
            1: ["import", str(FIXTURES / "import" / "messy.bib"), "--dir", str(imports)],
            2: ["import", str(FIXTURES / "import" / "messy.bib"), "--strict", *d],
        },
        "init": {0: ["init", str(tmp / "new"), "--title", "New"], 2: ["init", str(root), "--title", "Again"]},
        "add": {
            0: ["add", "--no-input", "--type", "book", "--title", "A Book", "--publisher", "P", *d],
            2: ["add", "--no-input", "--title", "No type", *d],
        },
        "excerpt": {
            0: ["excerpt", "lake2007", "--text", "A passage.", *d],
            2: ["excerpt", "nobody", "--text", "x", *d],
        },
        "edit": {0: ["edit", "lake2007", *d], 2: ["edit", "nobody", *d]},  # EDITOR=true: saved unchanged
        "rm": {0: ["rm", "ap2007", "--yes", "--dir", str(removable)], 2: ["rm", "nobody", "--yes", *d]},
        "mv": {0: ["mv", "lake2007", "lake2007b", "--dir", str(imports)], 2: ["mv", "nobody", "x", *d]},
        "tag": {0: ["tag", "lake2007", "+checked", *d], 2: ["tag", "nobody", "+checked", *d]},
        "ids": {0: ["ids", *d], 2: ["ids", "--dir", str(tmp)]},
        "list": {0: ["list", *d], 1: ["list", *skipping], 2: ["list", "--dir", str(tmp)]},
        "show": {0: ["show", "lake2007", *d], 1: ["show", "lake2007", *skipping], 2: ["show", "nobody", *d]},
        "cite": {0: ["cite", "lake2007:3", *d], 1: ["cite", "lake2007:3", *skipping], 2: ["cite", "nobody", *d]},
        "notes": {0: ["notes", *d], 1: ["notes", *skipping], 2: ["notes", "--dir", str(tmp)]},
        "bibliography": {
            0: ["bibliography", *d],
            1: ["bibliography", *skipping],
            2: ["bibliography", "--dir", str(tmp)],
        },
        "render": {0: ["render", *d], 1: ["render", *skipping], 2: ["render", "--dir", str(tmp)]},
        "export": {0: ["export", *d], 1: ["export", *skipping], 2: ["export", "nobody", *d]},
        # verify and archive: `plain` has no URL, so nothing leaves the machine; `links` points at 127.0.0.1.
        "verify": {
            0: ["verify", "--dir", str(plain)],
            1: ["verify", "ok", "--dir", str(links), "--allow-private", "--retries", "0"],
            2: ["verify", "--dir", str(tmp)],
        },
        "archive": {
            0: ["archive", "ap2007", "--dir", str(plain)],
            1: ["archive", "ok", "--dir", str(links), "--allow-private", "--save-endpoint", f"{base}/missing/"],
            2: ["archive", *d],
        },
        "links": {0: ["links", "history", *d], 2: ["links", "history", "--dir", str(tmp)]},
        "manuscript": {
            0: ["manuscript", str(paper(tmp, "lake2007")), "--check", *d],
            1: ["manuscript", str(paper(tmp, "nobody")), "--check", *d],
            2: ["manuscript", str(tmp / "no-such-paper.md"), *d],
        },
        "pandoc-filter": {
            0: (["pandoc-filter", *d], pandoc_json("lake2007")),
            1: (["pandoc-filter", *d], pandoc_json("nobody")),
            2: (["pandoc-filter", *d], "not pandoc's JSON"),
        },
        "schema": {0: ["schema", "config"], 2: ["schema", "bibliography"]},
        "completion": {0: ["completion", "zsh"], 2: ["completion", "tcsh"]},
    }


def paper(tmp: Path, key: str) -> Path:
    path = tmp / f"paper-{key}.md"
    path.write_text(f"Iran armed both sides.[@{key}, 3]\n", encoding="utf-8")
    return path


def pandoc_json(key: str) -> str:
    """A one-citation document as `pandoc -t json` writes it."""
    import json

    cite = {
        "citationId": key,
        "citationPrefix": [],
        "citationSuffix": [],
        "citationMode": {"t": "NormalCitation"},
        "citationNoteNum": 1,
        "citationHash": 0,
    }
    return json.dumps(
        {
            "pandoc-api-version": [1, 23, 1],
            "meta": {},
            "blocks": [{"t": "Para", "c": [{"t": "Cite", "c": [[cite], [{"t": "Str", "c": f"[@{key}]"}]]}]}],
        }
    )


@pytest.fixture(scope="module")
def server():
    server, _ = start_server()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_each_command_reaches_each_status_its_row_names(run, dossier: Path, tmp_path: Path, server: str, monkeypatch):
    monkeypatch.setenv("EDITOR", "true")  # `dossier edit`: the editor saves the file as it was
    monkeypatch.setenv("VISUAL", "true")
    table_cases = cases(dossier, tmp_path / "scratch", server)
    for name, row in TABLE.items():
        if name not in COMMANDS:
            continue
        assert name in table_cases, f"test_exit_status.py has no cases for {name!r}"
        reached = table_cases[name]
        for status, meaning in row.items():
            if meaning == "—":
                assert status not in reached, (name, status)
                continue
            assert status in reached, f"{name}: the README names status {status} ({meaning}) but no case reaches it"
            args, stdin = reached[status] if isinstance(reached[status], tuple) else (reached[status], None)
            result = run(*args, input=stdin)
            assert result.exit_code == status, (name, args, result.output)
            if status == 2:
                assert "Traceback" not in result.output
                error_lines = [line for line in result.stderr.splitlines() if "rror" in line]
                assert error_lines, (name, result.stderr)
