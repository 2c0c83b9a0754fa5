"""Shell completion cannot run a command (issue 24, class 3).

An entry file named ``a$(touch X)`id`;x.toml`` (flagged E016 by validate) was offered by bash completion
unquoted: the completed line, once run, ran `touch X` and `id`. Only valid ids are offered; every other
value (tags, citation keys, the id part of a citation) is quoted for bash; values holding control
characters are not offered; zsh and fish descriptions (titles) carry no control characters. The bash
case runs the real completion script in a real bash, then runs the completed command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import make_dossier

BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'
HOSTILE_NAMES = [
    "a$(touch X)`touch Y`;touch Z",
    "a;touch X",
    "a|touch X",
    "a&touch X&",
    "a>X",
    "a *",
    "a'$(touch X)'",
    'a"$(touch X)"',
    "a\\$(touch X)",
    "a{touch,X}",
    "a~",
    "a!x",
]
HOSTILE_TAGS = ["$(touch X)", "`touch Y`", "t;touch Z", "t *", "t'q", "t\x1b]0;pwned\x07", "t\nfile,/etc"]
CONTROL = "\x1b]0;pwned\x07\x1b[2J\x9b\x00"

bash = shutil.which("bash")


def dossier(tmp_path: Path) -> Path:
    root = make_dossier(tmp_path / "d", {"a-good": BOOK, "b": BOOK.replace("A Book", f"Evil{CONTROL} title")})
    for name in HOSTILE_NAMES:
        (root / "entries" / f"{name}.toml").write_text(BOOK, encoding="utf-8")
    tags = ", ".join(
        '"'
        + t.replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\x1b", "\\u001b")
        .replace("\x07", "\\u0007")
        .replace('"', '\\"')
        + '"'
        for t in HOSTILE_TAGS
    )
    (root / "entries" / "tagged.toml").write_text(BOOK + f"tags = [{tags}]\n", encoding="utf-8")
    (root / "entries" / "keyed.toml").write_text(BOOK + 'citation-key = "k$(touch X)"\n', encoding="utf-8")
    (root / "entries" / "keyed2.toml").write_text(BOOK + 'citation-key = "kgood2007"\n', encoding="utf-8")
    return root


def protocol(root: Path, shell: str, words: str) -> str:
    """What `dossier` answers a shell's completion request (Click's protocol), as a real process."""
    env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_DIR",)}
    env.update(
        _DOSSIER_COMPLETE=f"{shell}_complete",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split(" ")) - 1) if shell != "fish" else words.split(" ")[-1],
        DOSSIER_DIR=str(root),
    )
    program = str(Path(sys.executable).parent / "dossier")  # the installed script: its name is what Click reads
    done = subprocess.run([program], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("words", ["dossier show a", "dossier show ", "dossier cite a", "dossier cite b+a"])
def test_only_valid_ids_are_offered(tmp_path, words):
    root = dossier(tmp_path)
    for shell in ("bash", "zsh", "fish"):
        answer = protocol(root, shell, words)
        assert "touch" not in answer, (shell, answer)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_descriptions_carry_no_control_characters(tmp_path, shell):
    root = dossier(tmp_path)
    for words in ("dossier show b", "dossier show ", "dossier list --tag ", "dossier tag b +"):
        answer = protocol(root, shell, words)
        assert not any(ch in answer for ch in "\x1b\x07\x9b\x00"), (words, answer)
        if shell == "zsh":
            assert len(answer.split("\n")) % 3 in (0, 1)  # type, value, help: no line smuggled in


@pytest.mark.skipif(bash is None, reason="bash is not installed")
@pytest.mark.parametrize(
    "line",
    [
        "dossier show ",
        "dossier show a",
        "dossier list --tag ",
        "dossier list --tag t",
        "dossier tag b +",
        "dossier cite k",
        "dossier cite a-good+",
    ],
)
def test_a_completed_line_run_by_bash_runs_nothing_it_did_not_say(tmp_path, line):
    """Source the real bash completion script, complete `line` as bash does on Tab, then run each
    completed line with `printarg` in place of `dossier`: only the printed words, no `touch`."""
    root = dossier(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_DIR"}
    env.update(DOSSIER_DIR=str(root), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    script = subprocess.run(
        [sys.executable, "-m", "dossiercli", "completion", "bash"], capture_output=True, text=True, env=env, check=True
    ).stdout
    program = f"""
{script}
printarg() {{ printf '<%s>\\n' "$@"; }}
COMP_WORDS=({line})
{"COMP_WORDS+=('')" if line.endswith(" ") else ""}
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="{line}"
_dossier_completion dossier
for reply in "${{COMPREPLY[@]}}"; do
    completed="${{COMP_WORDS[*]:0:$COMP_CWORD}} $reply"
    eval "printarg ${{completed#dossier }}"
done
"""
    done = subprocess.run([bash, "-c", program], cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert list(work.iterdir()) == [], f"the completed line ran a command: {sorted(p.name for p in work.iterdir())}"
    assert "uid=" not in done.stdout
    printed = done.stdout.splitlines()
    assert printed, f"nothing was offered for {line!r}: {done.stderr}"
