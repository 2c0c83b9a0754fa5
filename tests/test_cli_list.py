"""`dossier list` and `dossier show`: the seed's DATE | SOURCE | TEXT table."""

import json
from pathlib import Path


def test_rows_are_in_date_order_with_every_date_shown_one_way(run, dossier: Path):
    result = run("list", "--dir", dossier)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("2007-01-03") < out.index("2007-05 ") < out.index("2007-05-09")  # ISO 8601 by default
    assert "DATE" in out and "SOURCE" in out and "TEXT" in out


def test_the_seeds_date_column_is_a_setting(run, dossier: Path):
    config = dossier / "dossier.toml"
    config.write_text(config.read_text() + '\n[defaults]\ndates = "us"\n')
    out = run("list", "--dir", dossier).stdout
    assert out.index("1/3/2007") < out.index("| 5/2007 ") < out.index("5/9/2007")  # month/day/year, as the seed
    config.write_text(config.read_text().replace('"us"', '"roman"'))
    result = run("list", "--dir", dossier)
    assert result.exit_code == 2 and "dossier.toml" in result.stderr and "iso, us" in result.stderr


def test_plain_output_marks_highlights_and_has_no_escape_codes(run, dossier: Path):
    out = run("list", "--dir", dossier).stdout
    assert "\x1b[" not in out
    assert (
        "*Iran is supporting both Sunni and Shiite terrorists*" in " ".join(out.split()).replace("| ", "")
        or "*Iran is supporting" in out
    )


def test_highlights_are_yellow_on_a_colour_terminal(run, dossier: Path):
    result = run("list", "--dir", dossier, env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert "\x1b[30;43m" in result.stdout  # black on yellow
    assert "*Iran" not in result.stdout


def test_no_color_is_respected(run, dossier: Path):
    result = run("list", "--dir", dossier, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[30;43m" not in result.stdout


def test_lines_fit_80_columns(run, dossier: Path):
    out = run("list", "--dir", dossier, "--full", env={"COLUMNS": "80"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 80


def test_filters(run, dossier: Path):
    def ids(*args):
        result = run("list", "--dir", dossier, "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [entry["id"] for entry in json.loads(result.stdout)["entries"]]

    assert ids() == ["lake2007", "mnfi2007", "ap2007"]
    assert ids("--tag", "iran") == ["lake2007", "ap2007"]
    assert ids("--tag", "iran", "--tag", "quds-force") == ["lake2007"]
    assert ids("--type", "press-release") == ["mnfi2007"]
    assert ids("--since", "2007-05") == ["mnfi2007", "ap2007"]
    assert ids("--until", "2007-05-08") == ["lake2007", "mnfi2007"]  # May 2007 may be before May 8
    assert ids("--search", "shiite-DOMINATED") == ["ap2007"]
    assert ids("--sort", "title") == ["lake2007", "mnfi2007", "ap2007"]
    assert ids("--reverse") == ["ap2007", "mnfi2007", "lake2007"]


def test_bad_filter_date_is_a_usage_error(run, dossier: Path):
    result = run("list", "--dir", dossier, "--since", "2007-13")
    assert result.exit_code == 2
    assert "month must be 1-12" in result.stderr


def test_json_dates_are_iso_strings(run, dossier: Path):
    (lake,) = [
        e
        for e in json.loads(run("list", "--dir", dossier, "--format", "json").stdout)["entries"]
        if e["id"] == "lake2007"
    ]
    assert lake["issued"] == "2007-01-03"
    assert lake["author"] == [{"family": "Lake", "given": "Eli"}]


def test_show_prints_every_field_and_excerpt(run, dossier: Path):
    result = run("show", "lake2007", "--dir", dossier)
    assert result.exit_code == 0
    for text in ("container-title", "New York Sun", "Eli Lake", "Excerpt 1", "*Iran is supporting"):
        assert text in result.stdout


def test_show_unknown_id_suggests_close_ones(run, dossier: Path):
    result = run("show", "laek2007", "--dir", dossier)
    assert result.exit_code == 2
    assert "no entry with id 'laek2007'" in result.stderr and "did you mean lake2007" in result.stderr


def test_show_takes_a_unique_prefix(run, dossier: Path):
    assert "New York Sun" in run("show", "lake", "--dir", dossier).stdout


def test_show_json(run, dossier: Path):
    data = json.loads(run("show", "ap2007", "--dir", dossier, "--format", "json").stdout)["entry"]
    assert data["publisher"] == "Associated Press"


def test_a_less_precise_date_is_kept_when_it_may_fall_in_the_range(run, dossier: Path):
    """The documented rule: --since 2007-05 keeps an entry dated only 2007; one dated 2006 is out."""
    (dossier / "entries" / "yearonly.toml").write_text(
        'type = "wire-story"\ntitle = "Only a year"\npublisher = "AP"\nissued = 2007\n', encoding="utf-8"
    )
    (dossier / "entries" / "before.toml").write_text(
        'type = "wire-story"\ntitle = "The year before"\npublisher = "AP"\nissued = 2006\n', encoding="utf-8"
    )
    ids = run("list", "--dir", dossier, "--since", "2007-05", "--format", "ids").stdout.split()
    assert "yearonly" in ids and "before" not in ids and "lake2007" not in ids
    help_text = run("list", "--help").stdout
    assert "--since 2007-05 keeps an entry dated only 2007" in " ".join(help_text.split())
