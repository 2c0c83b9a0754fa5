"""`dossier add --set FIELD=VALUE`: every field of the entry format from the command line, checked as its kind."""

import tomli

from conftest import write_dossier


def test_any_field_of_any_type_from_the_command_line(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add",
        "--dir",
        root,
        "--no-input",
        "--type",
        "review",
        "--title",
        "Deconstructing Dinner",
        "--author",
        "Kamp, David",
        "--container",
        "New York Times",
        "--date",
        "2006-04-23",
        "--set",
        "reviewed-title=The Omnivore's Dilemma",
        "--set",
        "reviewed-author=Pollan, Michael",
        "--set",
        "section=Sunday Book Review",
    )
    assert result.exit_code == 0, result.output
    table = tomli.loads((root / "entries" / "kamp2006-deconstructing-dinner.toml").read_text())
    assert table["reviewed-title"] == "The Omnivore's Dilemma" and table["section"] == "Sunday Book Review"
    assert table["reviewed-author"] == [{"family": "Pollan", "given": "Michael"}]
    assert "review of The Omnivore’s Dilemma, by Michael Pollan" in result.output


def test_dates_and_repeated_names_are_read_as_their_kind(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add",
        "--dir",
        root,
        "--no-input",
        "--type",
        "video",
        "--title",
        "Monty Python and the Holy Grail",
        "--set",
        "director=Gilliam, Terry",
        "--set",
        "director=Jones, Terry",
        "--set",
        "original-date=1975",
        "--set",
        "medium=DVD",
        "--publisher",
        "Columbia TriStar",
        "--date",
        "2001",
    )
    assert result.exit_code == 0, result.output
    assert "directed by Terry Gilliam and Terry Jones (1975; Columbia TriStar, 2001), DVD." in result.output


def test_bad_settings_are_one_line_errors(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    base = ["add", "--dir", root, "--no-input", "--type", "video", "--title", "A Film"]
    for setting, message in (
        ("bogus=1", "unknown field 'bogus'"),
        ("medium", "write FIELD=VALUE"),
        ("director=Gilliam", "--set director:"),
        ("submitted=2007-02-30", "--set submitted:"),
        ("excerpts=x", "unknown field 'excerpts'"),
    ):
        result = run(*base, "--set", setting)
        assert result.exit_code == 2, (setting, result.output)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, (setting, result.stderr)
