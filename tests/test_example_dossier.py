"""The bundled example dossier: the sources of ISW Backgrounder #26, as the README's quick start uses them."""

import datetime as dt
import json

from conftest import REPO
from dossiercli.load import open_dossier
from dossiercli.validate import validate_dossier


def test_validates_with_no_findings_at_all():
    assert validate_dossier(REPO, today=dt.date(2026, 11, 25)) == []


def test_holds_the_twelve_rows_the_two_footnote_works_and_the_backgrounder():
    entries = open_dossier(REPO).entries
    assert len(entries) == 15
    kinds = sorted(e.type for e in entries)
    assert kinds.count("press-release") == 5 and kinds.count("transcript") == 3
    assert {e.id for e in entries} >= {
        "lake2007-iran-secret-plan",
        "wright2007-iranian-arms-taliban",
        "keaten2007-us-diplomat-nato",
        "cochrane2007-iran-al-qaeda",
    }


def test_urls_are_repaired_from_the_seeds_line_breaks():
    urls = {e.url for e in open_dossier(REPO).entries if e.url}
    assert "http://www.nysun.com/article/46032" in urls
    assert "http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=14191&Itemid=21" in urls
    assert all(" " not in url for url in urls)


def test_every_quoted_source_has_highlights():
    for entry in open_dossier(REPO).entries:
        if entry.excerpts:
            assert any(excerpt.highlights for excerpt in entry.excerpts), entry.id


def test_list_runs_in_date_order(run):
    result = run("list", "--dir", REPO, "--format", "json")
    dates = [e.get("issued") for e in json.loads(result.stdout)["entries"]]
    assert dates[0] == "2007"  # the backgrounder: year only, sorts before the dated rows of 2007
    assert dates[1:] == sorted(dates[1:])
    assert dates[1] == "2007-01-03"


def test_list_shows_the_highlights_in_yellow(run):
    result = run("list", "--dir", REPO, env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    assert result.stdout.count("\x1b[30;43m") >= 15
