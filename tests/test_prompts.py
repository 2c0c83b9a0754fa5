"""The questions on a terminal (interview.py): sensible defaults, asking again, the review, Ctrl-C."""

import tomli

from conftest import LAKE, write_dossier
from terminal import Terminal


def test_init_asks_again_for_a_name_it_cannot_read(run, tmp_path):
    result = run("init", tmp_path / "new", "-i", input="My Dossier\nJane Doe\nDoe, Jane\n")
    assert result.exit_code == 0, result.output
    assert 'write the name as "Family, Given" (e.g. "Doe, Jane")' in result.output
    config = tomli.loads((tmp_path / "new" / "dossier.toml").read_text())
    assert config["author"] == [{"family": "Doe", "given": "Jane"}]


def test_a_persons_name_is_not_taken_for_an_organisation_by_default(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = [
        "book",
        "The Persian Puzzle",
        "Random House",
        "Kenneth M. Pollack",
        "",  # no comma: the organisation question defaults to No
        "Council on Foreign Relations",
        "",  # ... and to Yes for an organisation's name
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        ".",
        "",
    ]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "is 'Kenneth M. Pollack' an organisation (kept as written)? [y/N]" in result.output
    assert "read as 'Pollack, Kenneth M.'" in result.output
    assert "is 'Council on Foreign Relations' an organisation (kept as written)? [Y/n]" in result.output
    table = tomli.loads((root / "entries" / "pollack-nd-persian-puzzle.toml").read_text())
    assert table["author"] == [
        {"family": "Pollack", "given": "Kenneth M."},
        {"literal": "Council on Foreign Relations"},
    ]


def test_an_empty_answer_skips_the_access_date_and_today_fills_it(run, tmp_path):
    import datetime as dt

    root = write_dossier(tmp_path / "d", {})
    base = ["webpage", "A page", "https://example.org/a", "", "", "2007"]
    for accessed in ("", "today"):
        answers = base + [accessed, "", ".", ""]
        result = run("add", "--dir", root, "-i", "--allow-duplicate", input="\n".join(answers) + "\n")
        assert result.exit_code == 0, result.output
        assert "Accessed on (YYYY-MM-DD, or 'today') (empty to skip): " in result.output  # no [today] default
    first, second = root / "entries" / "example2007-page.toml", root / "entries" / "example2007-page-b.toml"
    assert "accessed" not in tomli.loads(first.read_text())
    assert tomli.loads(second.read_text())["accessed"] == dt.date.today()


def test_the_review_changes_a_field_before_writing(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = [
        "wire-story",
        "U.S.: Iran helping some Sunni insurgents",
        "Assocated Press",
        "2007-05-09",
        "",
        "",
        "",
        ".",
        "publisher",
        "Associated Press",  # the review: fix the typo in the agency
        "",
    ]  # then write
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("The entry:") == 2 and "publisher  Assocated Press" in result.output
    table = tomli.loads((root / "entries" / "ap2007-us-iran-helping.toml").read_text())
    assert table["publisher"] == "Associated Press"


def test_the_review_can_cancel(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = ["wire-story", "T", "Associated Press", "2007", "", "", "", ".", "n"]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0 and "cancelled: nothing was written" in result.output
    assert list((root / "entries").iterdir()) == []


def test_an_error_found_in_review_asks_for_the_field_to_fix(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = [
        "webpage",
        "A page",
        "https://example.org/a",
        "",
        "",
        "2007-05-01",
        "2007-04-01",
        "",
        ".",
        "accessed",
        "2007-05-02",
        "",
    ]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "error: E022 accessed 2007-04-01 is before the publication date 2007-05-01" in result.output
    assert "Fix a field" in result.output


def test_interactive_add_refuses_the_same_source_before_the_review(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    answers = ["webpage", "Something", "https://nysun.com/article/46032/", "", "", "", "", "", "."]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 2 and "same URL as 'lake'" in result.stderr


def test_a_highlight_differing_only_in_case_gets_a_did_you_mean(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    result = run(
        "excerpt",
        "lake",
        "--dir",
        root,
        "--text",
        "Iran is supporting both sides.",
        "--highlight",
        "iran is Supporting",
    )
    assert result.exit_code == 2 and "did you mean 'Iran is supporting'?" in result.stderr
    bad = LAKE.replace('highlights = ["Iran is supporting', 'highlights = ["iran is supporting')
    root2 = write_dossier(tmp_path / "d2", {"lake": bad})
    assert (
        "did you mean 'Iran is supporting both Sunni and Shiite terrorists'?" in run("validate", "--dir", root2).stdout
    )


def test_ctrl_c_at_a_prompt_exits_130_writing_nothing(tmp_path):
    root = write_dossier(tmp_path / "d", {})
    term = Terminal("add", "--dir", str(root))
    term.answer("Type (", "book")
    term.expect("Title:")
    term.interrupt()
    assert term.wait() == 130
    assert "interrupted" in term.transcript and "Traceback" not in term.transcript
    assert list((root / "entries").iterdir()) == []


def test_init_on_a_real_terminal_asks_again_for_a_name(tmp_path):
    term = Terminal("init", str(tmp_path / "new"))
    term.answer("Title", "Iran and Al-Qaeda in Iraq")
    term.answer("Author", "Marisa Cochrane")
    term.expect('(e.g. "Cochrane, Marisa")')
    term.answer("Author", "Cochrane, Marisa")
    assert term.wait() == 0, term.transcript
    config = tomli.loads((tmp_path / "new" / "dossier.toml").read_text())
    assert config["title"] == "Iran and Al-Qaeda in Iraq" and config["author"] == [
        {"family": "Cochrane", "given": "Marisa"}
    ]
