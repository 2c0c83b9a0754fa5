"""`dossier cite --explain`: under each note, the rule and the Manual's section behind every element."""

from __future__ import annotations

import json

from conftest import REPO


def test_text_explains_each_note_and_each_bibliography_entry(run):
    result = run(
        "cite", "wright2007:A19", "wright2007:A20", "--explain", "--mode", "18-ibid", "--as-given", "--dir", REPO
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. Robin Wright, “Iranian Arms")
    assert "   first: CMOS 13.18, the first citation of a work: a full note" in lines
    assert any(line.startswith("     Robin Wright — CMOS 13.23: authors in a note") for line in lines)
    assert any(
        line.startswith(
            "     The Washington Post — CMOS 14.191 (17th ed.): the newspaper in italics, an initial The kept"
        )
        for line in lines
    )
    assert "2. Ibid., A20." in lines
    assert "     Ibid — CMOS 13.37: “Ibid.”, with the locator when it differs [ibid]" in lines
    assert "Bibliography" in lines
    assert any(line.startswith("     Wright, Robin — CMOS 13.23") for line in lines)


def test_json_has_an_explain_field_per_note(run):
    result = run("cite", "wright2007:A19", "keaten2007+wright2007", "--explain", "--format", "json", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    notes = json.loads(result.stdout)
    first = notes[0]["explain"]
    assert [f["rule"] for f in first["forms"]] == ["position.first"]
    assert {"text": "A19", "rule": "locator", "section": "14.191"}.items() <= first["elements"][-1].items()
    assert [entry["id"] for entry in first["bibliography"]] == ["wright2007-iranian-arms-taliban"]
    second = notes[1]["explain"]
    assert [f["position"] for f in second["forms"]] == ["first", "subsequent", "several"]
    assert [entry["id"] for entry in second["bibliography"]] == ["keaten2007-us-diplomat-nato"]
    assert all(set(e) == {"text", "rule", "section", "description", "verified"} for e in second["elements"])


def test_without_explain_the_json_is_unchanged(run):
    result = run("cite", "wright2007:A19", "--format", "json", "--dir", REPO)
    assert "explain" not in json.loads(result.stdout)[0]


def test_explain_is_refused_with_other_formats(run):
    result = run("cite", "wright2007", "--explain", "--format", "html", "--dir", REPO)
    assert result.exit_code == 2 and "--explain goes with --format text or --format json" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_shows_an_example(run):
    result = run("cite", "--help")
    assert "--explain" in result.stdout and "[names.note]" in result.stdout
