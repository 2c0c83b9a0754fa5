"""`dossier fmt`: canonical layout, comments kept, idempotent; `--check` for CI."""

import tomli
from hypothesis import given, settings

from conftest import LAKE, REPO, write_dossier
from dossiercli.fmt import format_text, is_canonical
from dossiercli.model.toml_out import entry_to_toml
from test_toml_out import entries as generated_entries

MESSY = """# Notes on this source, kept at the top of the file.

title = "Iran's Secret Plan For Mayhem"   # as printed
URL = "http://www.nysun.com/article/46032"
# the paper's name without "The"
container-title = 'New York Sun'
type = "article-newspaper"
author = [{family = "Lake", given = "Eli"}]
issued = 2007-01-03

[[excerpts]]
# the lede
text = "Iran is supporting both Sunni and Shiite terrorists."
highlights = ["both Sunni and Shiite"]
"""

FORMATTED = """# Notes on this source, kept at the top of the file.

type = "article-newspaper"
title = "Iran's Secret Plan For Mayhem"   # as printed
# the paper's name without "The"
container-title = 'New York Sun'
issued = 2007-01-03
URL = "http://www.nysun.com/article/46032"

[[author]]
family = "Lake"
given = "Eli"

[[excerpts]]
# the lede
text = "Iran is supporting both Sunni and Shiite terrorists."
highlights = ["both Sunni and Shiite"]
"""


def test_canonical_order_and_layout_keeping_every_comment():
    assert format_text(MESSY) == FORMATTED


def test_formatting_twice_changes_nothing():
    assert format_text(FORMATTED) == FORMATTED


def test_unknown_fields_are_kept_after_the_known_ones():
    out = format_text('colour = "red"\ntype = "book"\ntitle = "T"\n')
    assert out == 'type = "book"\ntitle = "T"\ncolour = "red"\n'


@settings(max_examples=100, deadline=None)
@given(generated_entries)
def test_files_written_by_add_and_import_are_already_formatted(entry):
    written = entry_to_toml(entry)
    assert format_text(written) == written
    assert is_canonical(written, tomli.loads(written)) or "#" in written  # the quick check agrees


def test_the_bundled_dossier_is_formatted(run):
    assert run("fmt", "--check", "--dir", REPO).exit_code == 0


def test_check_lists_changed_files_and_exits_1_without_writing(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"messy": MESSY, "lake": LAKE})
    result = run("fmt", "--check", "--dir", root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"would reformat {root / 'entries' / 'messy.toml'}"]
    assert (root / "entries" / "messy.toml").read_text() == MESSY
    assert run("fmt", "--dir", root).exit_code == 0
    assert (root / "entries" / "messy.toml").read_text() == FORMATTED
    assert run("fmt", "--check", "--dir", root).exit_code == 0


def test_invalid_toml_is_reported_with_its_line_and_left_alone(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"bad": 'type = "book"\ntitle = \n'})
    result = run("fmt", "--dir", root)
    assert result.exit_code == 2
    assert "bad.toml:2: invalid TOML" in result.stderr and "Traceback" not in result.output
    assert (root / "entries" / "bad.toml").read_text() == 'type = "book"\ntitle = \n'


# --- messy files, generated: any order, inline or table names, comments everywhere ---

from hypothesis import strategies as st  # noqa: E402

from dossiercli.fmt import comments_of  # noqa: E402
from dossiercli.model.toml_out import _value  # noqa: E402

comment_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(lambda s: ("# " + s).strip())


@st.composite
def messy_files(draw):
    """(text, comments, canonical text): an entry written by hand, badly, and as `add` would write it."""
    entry = draw(generated_entries)
    data = entry.to_toml_dict()
    comments = []

    def maybe_comment():
        if draw(st.booleans()):
            comments.append(draw(comment_text))
            return [comments[-1]]
        return []

    scalars = [k for k in data if not isinstance(data[k], list) or k == "tags"]
    tables = [k for k in data if k not in scalars]
    lines = []
    inline = {k: draw(st.booleans()) and k != "excerpts" for k in tables}
    for key in draw(st.permutations(scalars + [k for k in tables if inline[k]])):
        lines += maybe_comment()
        if key in scalars:
            line = f"{_value(key) if key == 'URL' and draw(st.booleans()) else key} = {_value(data[key])}"
        else:
            line = (
                f"{key} = ["
                + ", ".join("{" + ", ".join(f"{k} = {_value(v)}" for k, v in t.items()) + "}" for t in data[key])
                + "]"
            )
        lines.append(line + ("  " + comments[-1] if maybe_comment() else ""))
    for key in draw(st.permutations([k for k in tables if not inline[k]])):
        for table in data[key]:
            lines += [""] * draw(st.integers(0, 2)) + maybe_comment() + [f"[[{key}]]"]
            for k, v in table.items():
                lines.append(f"{k} = {_value(v)}")
    return "\n".join(lines) + "\n", comments, entry_to_toml(entry)


@settings(max_examples=80, deadline=None)
@given(messy_files())
def test_any_hand_written_layout_formats_to_the_same_data_keeping_every_comment(case):
    text, comments, canonical = case
    formatted = format_text(text)
    assert tomli.loads(formatted) == tomli.loads(text)
    assert sorted(comments_of(formatted)) == sorted(comments)
    assert format_text(formatted) == formatted
    if not comments:
        assert formatted == canonical
    if is_canonical(text, tomli.loads(text)):  # the quick check never says yes to a file fmt would change
        assert formatted == text


def test_comments_on_table_headers_and_inside_inline_lists_are_kept():
    text = (
        'type = "book"\ntitle = "T"\npublisher = "P"\n'
        'author = [\n  # the first author\n  {family = "A"},\n  {family = "B"},  # the second\n]  # both\n'
        '[[excerpts]]  # from page 3\ntext = "x"\n'
    )
    assert format_text(text) == (
        'type = "book"\ntitle = "T"\npublisher = "P"\n\n'
        '# the first author\n[[author]]  # both\nfamily = "A"\n\n'
        '[[author]]  # the second\nfamily = "B"\n\n'
        '[[excerpts]]  # from page 3\ntext = "x"\n'
    )


def test_a_layout_that_cannot_be_rewritten_safely_is_left_alone(run, tmp_path):
    text = 'type = "book"\ntitle = "T"\npublisher = "P"\n\n[[excerpts]]\ntext = "x"\n[excerpts.source]\npage = 3\n'
    root = write_dossier(tmp_path / "d", {"sub": text})
    result = run("fmt", "--dir", root)
    assert result.exit_code == 2
    assert "sub.toml: its layout cannot be rewritten without changing its data (not formatted)" in result.stderr
    assert (root / "entries" / "sub.toml").read_text() == text


def test_short_lists_go_on_one_line_long_ones_one_value_a_line_unless_they_hold_comments():
    long = ["the leader of an al Qaeda cell in Samarra", "directly involved with an EFP factory in Samarra"]
    one_line = f'type = "book"\ntitle = "T"\ntags = ["{long[0]}", "{long[1]}"]\n'
    assert format_text(one_line) == f'type = "book"\ntitle = "T"\ntags = [\n    "{long[0]}",\n    "{long[1]}",\n]\n'

    text = 'type = "book"\ntitle = "T"\ntags = [\n    "iran",\n    "efp",\n]  # two\n'
    assert format_text(text) == 'type = "book"\ntitle = "T"\ntags = ["iran", "efp"]  # two\n'
    commented = 'type = "book"\ntitle = "T"\ntags = [\n    "iran",  # the country\n    "efp",\n]\n'
    assert format_text(commented) == commented


def test_deeply_nested_values_are_reported_not_a_traceback(run, tmp_path):
    root = write_dossier(tmp_path, {"deep": 'type = "book"\ntitle = "B"\nx = ' + "[" * 5000 + "]" * 5000 + "\n"})
    result = run("fmt", "--check", "--dir", root)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "deep.toml" in result.stderr
