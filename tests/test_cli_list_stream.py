"""`dossier list` and `show` as streams: invalid entries skipped with a warning, ids whole,
no terminal escapes from entry fields, JSON and tables written row by row."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import AP, LAKE, RELEASE, write_dossier
from dossiercli.load import open_dossier
from dossiercli.model.entry import entry_data
from dossiercli.render.plain import column_widths, plain_table_lines, terminal_safe, wrap

BAD_DATE = 'type = "book"\ntitle = "T"\npublisher = "P"\nissued = "2007-02-30"\n'
LONG_ID = "caldwell2007-weekly-press-conference"  # from the example dossier


def test_an_invalid_entry_is_skipped_with_one_warning_and_exit_1(run, tmp_path: Path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE, "ap2007": AP, "reid2007": BAD_DATE})
    for command in (
        ["list"],
        ["list", "--format", "json"],
        ["notes"],
        ["bibliography"],
        ["export"],
        ["render"],
        ["cite", "lake2007"],
    ):
        result = run(*command, "--dir", root)
        assert result.exit_code == 1, (command, result.output)
        (warning,) = result.stderr.strip().splitlines()
        assert warning.startswith("dossier: warning: ") and "reid2007.toml:4: E020" in warning, warning
        assert warning.endswith("entry skipped (run `dossier validate`)")
        assert "Iran" in result.stdout, command  # the other entries are all there
    assert run("list", "--dir", write_dossier(tmp_path / "ok", {"lake2007": LAKE})).exit_code == 0


def test_show_of_a_skipped_entry_says_why(run, tmp_path: Path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE, "reid2007": BAD_DATE})
    result = run("show", "reid2007", "--dir", root)
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("dossier: error: entry 'reid2007' is skipped because it is invalid")
    )


def test_ids_are_never_broken_across_lines(run, tmp_path: Path):
    root = write_dossier(tmp_path / "d", {LONG_ID: LAKE, "ap2007": AP})
    for width in ("80", "100", "120"):
        out = run("list", "--dir", root, env={"COLUMNS": width}).stdout
        assert f"[{LONG_ID}]" in out, width
        assert max(len(line) for line in out.splitlines()) <= int(width)
    out = run("list", "--dir", root, env={"FORCE_COLOR": "1", "COLUMNS": "80"}).stdout
    assert LONG_ID in out


def test_column_widths_make_room_for_the_longest_id_but_keep_the_text_readable():
    class Stub:
        def __init__(self, id):
            self.id = id

    assert column_widths([Stub("lake2007")], 80) == (22, 38)  # 3:5, as before
    assert column_widths([Stub(LONG_ID)], 80) == (len(LONG_ID) + 2, 60 - len(LONG_ID) - 2)
    assert column_widths([Stub("x" * 100)], 80)[1] == 20  # an absurd id may fold, the text keeps 20 columns


def test_control_characters_in_fields_are_shown_not_sent(run, tmp_path: Path):
    hostile = LAKE.replace("Iran's Secret Plan For Mayhem", "Plan\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202eevil")
    hostile = hostile.replace("WASHINGTON", "WASHINGTON\\u001b[31m")
    root = write_dossier(tmp_path / "d", {"lake2007": hostile})
    for env in ({"COLUMNS": "200"}, {"FORCE_COLOR": "1", "COLUMNS": "200"}):
        for command in (["list"], ["list", "--full"], ["show", "lake2007"]):
            out = run(*command, "--dir", root, env=env).stdout
            assert "\x07" not in out and "\x9b" not in out and "\u202e" not in out, (command, env)
            assert "\x1b]" not in out and "\x1b[2J" not in out and "\x1b[31m" not in out, (command, env)
            assert "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eevil" in out.replace("\n", "").replace(" ", ""), (
                command,
                env,
            )


def test_terminal_safe_keeps_text_and_newlines():
    assert terminal_safe("Müller — “quoted”\nnext") == "Müller — “quoted”\nnext"
    assert terminal_safe("a\x1b[31mb\tc") == "a\\x1b[31mb c"


def test_wrap_is_greedy_and_folds_only_words_longer_than_the_line():
    assert wrap("Iran is supporting both Sunni and Shiite terrorists", 20) == [
        "Iran is supporting",
        "both Sunni and",
        "Shiite terrorists",
    ]
    assert wrap("http://www.nysun.com/article/46032", 12) == ["http://www.n", "ysun.com/art", "icle/46032"]
    assert wrap("", 10) == [""]


def test_json_is_streamed_as_the_same_document(run, dossier: Path):
    out = run("list", "--dir", dossier, "--format", "json").stdout
    entries = [entry_data(entry) for entry in sorted(open_dossier(dossier).entries, key=lambda e: e.issued.sort_key())]
    expected = json.dumps({"schema_version": 1, "entries": entries}, indent=2, ensure_ascii=False, default=str)
    assert out == expected + "\n"  # the very text one json.dumps gives
    empty = write_dossier(dossier.parent / "empty", {})
    assert json.loads(run("list", "--dir", empty, "--format", "json").stdout) == {"schema_version": 1, "entries": []}


def test_plain_rows_come_one_at_a_time(dossier: Path):
    entries = sorted(open_dossier(dossier).entries, key=lambda e: e.id)
    lines = plain_table_lines(entries, 80, title="T")
    first = [next(lines) for _ in range(5)]  # title, border, header, rule, the first row's first line
    assert first[2].startswith("| DATE") and first[4].startswith("| 2007-05-09")
    rest = list(lines)
    assert rest[-1] == first[1]
    assert sum(line.startswith("|---") for line in rest) == len(entries) - 1


def test_a_colour_terminal_gets_the_table_in_chunks(run, tmp_path: Path):
    entries = {f"e{index:02d}": RELEASE.replace("Three", f"Number {index}") for index in range(30)}
    root = write_dossier(tmp_path / "d", entries)
    out = run("list", "--dir", root, env={"FORCE_COLOR": "1", "COLUMNS": "100"}).stdout
    assert out.count("SOURCE") == 1  # one header, though the rows come in two chunks
    assert all(f"[e{index:02d}]" in out for index in range(30))


def test_show_streams_a_large_excerpt(run, tmp_path: Path):
    text = " ".join(["Iran is supporting both Sunni and Shiite terrorists."] * 20_000)  # 1 MB
    entry = f'type = "report"\ntitle = "Big"\npublisher = "P"\n\n[[excerpts]]\ntext = "{text}"\nhighlights = ["Shiite terrorists. Iran"]\n'
    root = write_dossier(tmp_path / "d", {"big": entry})
    result = run("show", "big", "--dir", root)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "*Shiite terrorists. Iran*" in result.stdout.replace("\n", " ")
    coloured = run("show", "big", "--dir", root, env={"FORCE_COLOR": "1", "COLUMNS": "100"})  # streamed too
    assert coloured.exit_code == 0 and max(len(line) for line in coloured.stdout.splitlines()) <= 100


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab*-/.x ", max_size=120), st.integers(min_value=1, max_value=40))
def test_the_fast_wrap_of_ascii_text_is_the_greedy_wrap(text, width):
    from dossiercli.render.plain import _wrap_cells

    assert wrap(text, width) == _wrap_cells(text, width)
