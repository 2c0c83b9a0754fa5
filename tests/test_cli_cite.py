"""`dossier cite`, `notes`, `bibliography` through the real CLI, on the bundled dossier."""

import json

from conftest import REPO

LAKE = "lake2007-iran-secret-plan"


def test_cite_numbers_the_notes_full_then_short(run):
    result = run("cite", f"{LAKE}:3", "ap2007-iran-helping-sunni", f"{LAKE}:5", "--dir", REPO)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, 3,")
    assert lines[2] == "3. Lake, “Iran’s Secret Plan For Mayhem,” 5."


def test_cite_with_ibid(run):
    result = run("cite", LAKE, LAKE, "--ibid", "--dir", REPO)
    assert result.stdout.splitlines()[1] == "2. Ibid."


def test_cite_unknown_id_is_one_line_with_suggestions(run):
    result = run("cite", "lake2007-iran-secret-plam", "--dir", REPO)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"dossier: error: no entry with id 'lake2007-iran-secret-plam' in {REPO / 'entries'}; did you mean {LAKE}?"
    )


def test_cite_takes_unique_prefixes_as_the_same_work(run):
    lines = run("cite", "lake2007:3", f"{LAKE}:5", "--dir", REPO).stdout.splitlines()
    assert lines[0].startswith("1. Eli Lake, “Iran’s Secret Plan For Mayhem,”") and lines[1] == "2. Lake, 5."


def test_cite_ambiguous_prefix_names_the_candidates(run):
    result = run("cite", "mnfi2007", "--dir", REPO)
    assert result.exit_code == 2 and "'mnfi2007' fits several entries" in result.stderr
    assert "mnfi2007-coalition-forces-disrupt, mnfi2007-coalition-forces-nab" in result.stderr


def test_cite_json(run):
    data = json.loads(run("cite", f"{LAKE}:3", LAKE, "--format", "json", "--dir", REPO).stdout)
    assert [n["positions"] for n in data] == [["first"], ["subsequent"]]
    assert data[0]["html"].startswith("Eli Lake, “Iran’s Secret Plan For Mayhem,” <i>New York Sun</i>")


def test_notes_for_a_selection_in_markdown(run):
    result = run(
        "notes",
        "--tag",
        "taliban",
        "--type",
        "article-newspaper",
        "--type",
        "wire-story",
        "--format",
        "markdown",
        "--dir",
        REPO,
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "1. Jamey Keaten, “U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban,” Associated Press Worldstream, June 13, 2007.",
        "2. Robin Wright, “Iranian Arms Destined for Taliban Seized in Afghanistan, Officials Say; ‘Large’ Shipment Said to Include Armor-Piercing Bombs,” *The Washington Post*, September 16, 2007, A19.",
    ]


def test_bibliography_in_every_format(run):
    for target, marker in (
        ("text", "Bibliography\n"),
        ("markdown", "## Bibliography"),
        ("html", "<h2>Bibliography</h2>"),
        ("latex", "\\section*{Bibliography}"),
        ("rtf", "{\\rtf1"),
    ):
        result = run("bibliography", "--format", target, "--dir", REPO)
        assert result.exit_code == 0 and result.stdout.startswith(marker), target


def test_bibliography_18th_edition_and_ascii(run):
    out = run("bibliography", "--edition", "18", "--ascii", "--dir", REPO).stdout
    assert '"' in out and "“" not in out


def test_cite_the_same_work_again_at_once_is_author_and_page(run):
    result = run("cite", f"{LAKE}:3", f"{LAKE}:5", "--format", "json", "--dir", REPO)
    data = json.loads(result.stdout)
    assert [n["positions"] for n in data] == [["first"], ["consecutive"]]
    assert data[1]["text"] == "Lake, 5."


def test_cite_latex_is_ascii(run):
    result = run("cite", "wright2007-iranian-arms-taliban", "--format", "latex", "--dir", REPO)
    assert result.exit_code == 0 and result.stdout.isascii()
    assert r"``Iranian Arms Destined for Taliban" in result.stdout and r"\textit{The Washington Post}" in result.stdout


def test_titles_follow_the_dossiers_chicago_section_and_the_flags_override_it(run, tmp_path):
    from conftest import LAKE as LAKE_TOML
    from conftest import write_dossier

    headline = write_dossier(tmp_path / "h", {"lake2007": LAKE_TOML})
    assert "“Iran’s Secret Plan for Mayhem,”" in run("cite", "lake2007", "--dir", headline).stdout  # CMOS 8.159
    assert "“Iran’s Secret Plan For Mayhem,”" in run("cite", "lake2007", "--as-given", "--dir", headline).stdout
    assert "“Iran’s Secret Plan For Mayhem,”" in run("cite", LAKE, "--dir", REPO).stdout  # titles = "as-given"
    assert "“Iran’s Secret Plan for Mayhem,”" in run("notes", "--headline", "--dir", REPO).stdout


def test_modes_on_the_command_line(run):
    short = run("cite", f"{LAKE}:3", f"{LAKE}:5", "--mode", "18-short", "--dir", REPO).stdout.splitlines()
    assert short == ["1. Lake, “Iran’s Secret Plan For Mayhem,” 3.", "2. Lake, 5."]
    ibid = run("cite", f"{LAKE}:3", f"{LAKE}:5", "--mode", "18-ibid", "--dir", REPO).stdout.splitlines()
    assert ibid[1] == "2. Ibid., 5."
    notes = run("notes", "--mode", "18-short", "--type", "article-newspaper", "--dir", REPO).stdout.splitlines()
    assert notes == [
        "1. Lake, “Iran’s Secret Plan For Mayhem.”",
        "2. Wright, “Iranian Arms Destined for Taliban.”",
    ]  # all short


def test_a_wrong_chicago_setting_is_a_one_line_error(run, tmp_path):
    from conftest import write_dossier

    root = write_dossier(tmp_path / "d", {}, 'title = "T"\n[chicago]\ntitles = "sentence"\n')
    result = run("cite", "x", "--dir", root)
    assert result.exit_code != 0 and len(result.stderr.strip().splitlines()) == 1
    assert "dossier.toml" in result.stderr and "titles must be one of" in result.stderr


def test_notes_can_show_the_id_to_cite_each_by(run):
    result = run("notes", "--ids", "--search", "Taliban", "--dir", REPO)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines and all(line.endswith("]") and " [" in line for line in lines)
    assert any(line.endswith("[wright2007-iranian-arms-taliban]") for line in lines)
