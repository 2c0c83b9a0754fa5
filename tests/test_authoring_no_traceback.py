"""The author's commands meet every bad fixture with a message, never a traceback (as test_no_traceback does for readers)."""

import pytest

from test_no_traceback import BAD, as_dossier


def first_id(root):
    stems = sorted(p.stem for p in (root / "entries").rglob("*.toml"))
    return stems[0] if stems else "missing"


@pytest.mark.parametrize("fixture", BAD, ids=[p.name for p in BAD])
def test_writing_commands_on_a_bad_dossier_say_what_is_wrong(run, tmp_path, fixture):
    root = as_dossier(fixture, tmp_path)
    entry_id = first_id(root)
    for command in (
        ["ids"],
        ["ids", "--search", "x"],
        ["tag", entry_id, "+x"],
        ["mv", entry_id, "renamed-id"],
        ["add", "--type", "book", "--title", "A New Book", "--publisher", "P", "--no-input"],
        ["excerpt", "renamed-id", "--text", "Some text."],
        ["rm", "renamed-id", "--yes"],
        ["edit", "nosuch-entry"],
    ):
        result = run(*command, "--dir", root, env={"VISUAL": "true"})
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        assert "Traceback" not in result.output and "internal error" not in result.output, (command, result.output)
        assert result.exit_code in (0, 1, 2), (command, result.exit_code)
        if result.exit_code == 2:
            assert result.stderr.strip().splitlines()[-1].startswith("dossier: error: "), (command, result.stderr)
