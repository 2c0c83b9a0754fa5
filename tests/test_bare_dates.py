"""`issued = 2007-02-30`, the form the docs recommend, mistyped: E020 on its line, with the file's other findings."""

from conftest import write_dossier
from dossiercli.baredates import quote_impossible_dates


def test_an_impossible_bare_date_is_e020_beside_the_other_findings(run, tmp_path):
    root = write_dossier(
        tmp_path / "d",
        {
            "reid": (
                'type = "wire-story"\ntitle = "T"\npublisher = "Associated Press"\nissued = 2007-02-30  # typo\n'
                'accessed = 2007-13-01\ncolour = "red"\n'
            )
        },
    )
    result = run("validate", "--dir", root)
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and "E004" not in result.stdout
    assert any(line.endswith("reid.toml:4: E020 'issued': '2007-02-30': February 2007 has 28 days") for line in lines)
    assert any(":5: E020 'accessed'" in line for line in lines)
    assert any(":6: E010 unknown field 'colour'" in line for line in lines)


def test_only_impossible_dates_on_key_lines_are_quoted():
    text = 'a = 2007-02-28\nb = 2007-02-29\nc = "2007-02-30"\nd = 2008-02-29T10:00:00Z\ne = 2007-04-31 # x\n'
    assert quote_impossible_dates(text) == (
        'a = 2007-02-28\nb = "2007-02-29"\nc = "2007-02-30"\nd = 2008-02-29T10:00:00Z\ne = "2007-04-31" # x\n'
    )


def test_real_toml_errors_are_still_e004(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"x": 'type = "book"\ntitle = "T\n'})
    assert "E004 invalid TOML" in run("validate", "--dir", root).stdout
