"""`dossier rm`, `mv`, `tag`, `ids`, `list --format ids` and the selection rules they share (changes.py, select.py)."""

import tomli

from conftest import AP, LAKE, RELEASE, write_dossier


def test_rm_asks_unless_yes_and_refuses_to_guess_off_a_terminal(run, dossier):
    refused = run("rm", "ap2007", "--dir", dossier)
    assert refused.exit_code == 2 and "pass --yes" in refused.stderr
    assert (dossier / "entries" / "ap2007.toml").exists()
    result = run("rm", "ap2007", "mnfi2007", "--yes", "--dir", dossier)
    assert result.exit_code == 0 and result.stdout.count("removed ") == 2
    assert sorted(p.name for p in (dossier / "entries").iterdir()) == ["lake2007.toml"]


def test_rm_of_an_unknown_id_removes_nothing(run, dossier):
    result = run("rm", "ap2007", "nosuch", "--yes", "--dir", dossier)
    assert result.exit_code == 2 and "no entry with id 'nosuch'" in result.stderr
    assert (dossier / "entries" / "ap2007.toml").exists()


def test_mv_renames_and_rewrites_citations_in_manuscripts(run, dossier, tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(
        "As Lake reports [@lake2007, 3; @ap2007], and @lake2007 says; see @{lake2007}.\n"
        "Not these: @lake2007b, @lake2007-other, mail lake2007@example.org, @lake2007.x.\n"
    )
    paper.chmod(0o640)
    result = run("mv", "lake2007", "lake2007-plan", "--update", paper, "--dir", dossier)
    assert result.exit_code == 0, result.output
    assert "3 citations rewritten" in result.stdout
    assert paper.read_text() == (
        "As Lake reports [@lake2007-plan, 3; @ap2007], and @lake2007-plan says; see @{lake2007-plan}.\n"
        "Not these: @lake2007b, @lake2007-other, mail lake2007@example.org, @lake2007.x.\n"
    )
    assert oct(paper.stat().st_mode & 0o777) == "0o640"  # the rewrite kept its mode
    assert (dossier / "entries" / "lake2007-plan.toml").read_text() == LAKE
    assert not (dossier / "entries" / "lake2007.toml").exists()
    assert run("show", "lake2007-plan", "--dir", dossier).exit_code == 0


def test_mv_refuses_a_taken_or_malformed_id(run, dossier):
    taken = run("mv", "lake2007", "ap2007", "--dir", dossier)
    assert taken.exit_code == 2 and "is taken by" in taken.stderr
    bad = run("mv", "lake2007", "lake 2007", "--dir", dossier)
    assert bad.exit_code == 2 and "may use only letters" in bad.stderr
    assert (dossier / "entries" / "lake2007.toml").read_text() == LAKE


def test_tag_adds_and_removes_keeping_every_other_line(run, tmp_path):
    root = write_dossier(
        tmp_path / "d",
        {
            "lake": "# keep me\n"
            + LAKE.replace('tags = ["iran", "quds-force"]', 'tags = ["iran", "quds-force"]  # mine'),
            "ap": AP,
        },
    )
    result = run("tag", "lake", "ap", "+EFP", "-Quds-Force", "+iran", "--dir", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["lake: iran, EFP", "ap: iran, sunni-insurgents, EFP"]
    text = (root / "entries" / "lake.toml").read_text()
    assert text.startswith("# keep me\n") and 'tags = ["iran", "EFP"]  # mine' in text
    assert run("validate", "--dir", root).exit_code == 0
    again = run("tag", "lake", "+efp", "--dir", root)
    assert again.stdout.strip() == "lake: unchanged (iran, EFP)"


def test_tag_needs_a_change_and_an_entry(run, dossier):
    assert "nothing to change" in run("tag", "lake2007", "--dir", dossier).stderr
    assert "name at least one entry" in run("tag", "+x", "--dir", dossier).stderr


def test_tag_on_an_entry_without_tags_adds_the_field(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"r": RELEASE.replace('tags = ["efp", "detentions"]\n', "")})
    assert run("tag", "r", "+efp", "--dir", root).exit_code == 0
    assert tomli.loads((root / "entries" / "r.toml").read_text())["tags"] == ["efp"]


def test_ids_prints_one_id_a_line_never_wrapped(run, tmp_path):
    long_id = "a-very-long-id-" + "x" * 100
    root = write_dossier(tmp_path / "d", {long_id: AP, "lake2007": LAKE})
    result = run("ids", "--dir", root, env={"COLUMNS": "40"})
    assert result.stdout.splitlines() == [long_id, "lake2007"]
    assert run("ids", "--dir", root, "--tag", "quds-force").stdout == "lake2007\n"
    assert run("list", "--format", "ids", "--dir", root, "--sort", "id").stdout.splitlines() == [long_id, "lake2007"]
    assert (
        run("ids", "--long", "--dir", root, "--sort", "date").stdout.splitlines()[0]
        == "lake2007\t2007-01-03\tIran's Secret Plan For Mayhem"
    )


def test_search_covers_url_doi_and_ids(run, dossier):
    assert run("ids", "--search", "nysun.com/article", "--dir", dossier).stdout == "lake2007\n"
    assert run("ids", "--search", "Itemid=21", "--dir", dossier).stdout == "mnfi2007\n"
    assert run("ids", "--search", "AP2007", "--dir", dossier).stdout == "ap2007\n"


def test_tags_filter_without_regard_to_case(run, dossier):
    assert (
        run("list", "--tag", "IRAN", "--format", "ids", "--dir", dossier, "--sort", "id").stdout == "ap2007\nlake2007\n"
    )


def test_since_after_until_is_an_error(run, dossier):
    result = run("list", "--since", "2008", "--until", "2007", "--dir", dossier)
    assert result.exit_code == 2 and "--since 2008 is after --until 2007" in result.stderr
    assert run("list", "--since", "2007-05", "--until", "2007-05", "--dir", dossier, "--format", "ids").exit_code == 0


def test_an_invalid_entry_can_be_removed_or_renamed(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"bad": 'type = "book"\ntitle = "T"\nissued = 2007-02-30\n', "ap": AP})
    assert run("mv", "bad", "bad2", "--dir", root).exit_code == 0
    result = run("rm", "bad2", "--yes", "--dir", root)
    assert result.exit_code == 0 and "removed" in result.stdout
    assert sorted(p.name for p in (root / "entries").iterdir()) == ["ap.toml"]


def test_rm_on_a_terminal_asks_and_defaults_to_no(dossier):
    from terminal import Terminal

    term = Terminal("rm", "ap2007", "--dir", str(dossier))
    term.answer("Remove 1 entry? [y/N]:", "")
    assert term.wait() == 0 and "nothing was removed" in term.transcript
    assert "ap2007  U.S.: Iran helping some Sunni insurgents" in term.transcript
    term = Terminal("rm", "ap2007", "--dir", str(dossier))
    term.answer("Remove 1 entry?", "y")
    assert term.wait() == 0
    assert not (dossier / "entries" / "ap2007.toml").exists()
