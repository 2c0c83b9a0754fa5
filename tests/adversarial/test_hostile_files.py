"""Files the loader or the importer could not handle (issue 24, class 5).

- a CSL-JSON key holding a newline made `import` write a file that is not TOML, and exit 0: every key
  `[extra]` gets is written as a valid TOML key (quoted, escaped), so what is imported loads back;
- one 5,000-digit integer in one entry (over Python's int-string limit) made `validate`, `list` and `fmt`
  exit 2 for the whole dossier with neither file nor line: it is a finding for that file, with its line,
  and the rest of the dossier is checked;
- a lone surrogate (`"\\ud800"`) in CSL-JSON ended in an internal error and left a temporary file: it is
  a reason naming the record, and nothing is left behind; the same for every reader that takes JSON.
"""

from __future__ import annotations

import json

import pytest
import tomli
from hostile import bounded, make_dossier

BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'
ITEM = {"type": "book", "title": "T", "publisher": "P", "issued": {"date-parts": [[2000]]}}
ODD_KEYS = ["odd\nkey", 'a"b', "a\\b", "", " ", "a.b", "[x]", "a=b", "é", "a\tb", "\x1b[2J", "#", "a b", "'''", '"""']


def leftovers(root):
    return [p.name for p in root.rglob("*") if p.name.endswith(".tmp") or ".tmp" in p.name]


def test_every_odd_key_in_csl_json_is_imported_as_a_file_that_loads(tmp_path):
    items = [{"id": f"k{i}", **ITEM, "title": f"Title {i}", key: "value"} for i, key in enumerate(ODD_KEYS)]
    (tmp_path / "odd.json").write_text(json.dumps(items), encoding="utf-8")
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "odd.json"], root)
    written = sorted((root / "entries").glob("*.toml"))
    assert len(written) == len(ODD_KEYS)
    for path in written:
        tomli.loads(path.read_text(encoding="utf-8"))  # raises on a file that is not TOML
    outcome = bounded(["validate"], root)
    assert "E004" not in outcome.stdout, outcome.stdout
    assert not leftovers(root)


HUGE = "9" * 5000
HUGE_PLACES = {
    "a field": BOOK + f"volume = {HUGE}\n",
    "extra": BOOK + f"[extra]\nn = {HUGE}\n",
    "an array": BOOK + f"tags = [1, {HUGE}]\n",
    "a name": BOOK + f"[[author]]\nfamily = {HUGE}\n",
    "underscores": BOOK + "volume = " + "_".join(["999"] * 2000) + "\n",
    "negative": BOOK + f"volume = -{HUGE}\n",
}


@pytest.mark.parametrize("where", HUGE_PLACES)
def test_a_huge_integer_is_a_finding_for_its_file_and_the_rest_is_checked(tmp_path, where):
    root = make_dossier(tmp_path, {"good": BOOK, "bad": HUGE_PLACES[where], "other": 'type = "book"\ntitle = "T"\n'})
    line = HUGE_PLACES[where].count("\n", 0, HUGE_PLACES[where].index("99")) + 1
    outcome = bounded(["validate"], root)
    assert outcome.status == 1, outcome.stderr
    assert f"bad.toml:{line}" in outcome.stdout, outcome.stdout[:2000]
    assert "other.toml" in outcome.stdout  # the rest of the dossier was checked (it lacks a publisher)
    listed = bounded(["list"], root)
    assert "A Book" in listed.stdout and "bad.toml" in listed.stderr
    formatted = bounded(["fmt", "--check"], root)
    assert formatted.status in (1, 2) and "bad.toml" in formatted.stdout + formatted.stderr
    for command in (["notes"], ["export"], ["show", "good"], ["ids"], ["fmt"]):
        bounded(command, root)


SURROGATES = [
    {"id": "s1", **ITEM, "title": "T\ud800"},
    {"id": "s2", **ITEM, "author": [{"family": "X\udfff", "given": "A"}]},
    {"id": "s3", **ITEM, "odd\ud800": "v"},
    {"id": "s4", **ITEM, "note": "\udc00"},
]


@pytest.mark.parametrize("index", range(len(SURROGATES)))
def test_a_lone_surrogate_in_csl_json_is_a_reason_and_leaves_nothing_behind(tmp_path, index):
    items = [{"id": "fine", **ITEM, "title": "Fine"}, SURROGATES[index]]
    (tmp_path / "s.json").write_text(json.dumps(items), encoding="ascii")  # json.dumps writes \ud800 escapes
    root = make_dossier(tmp_path / "d", {})
    outcome = bounded(["import", tmp_path / "s.json"], root)
    assert outcome.status == 1
    assert "surrogate" in outcome.stderr + outcome.stdout
    assert [p.name for p in (root / "entries").iterdir()] == ["fine.toml"]
    assert not leftovers(root)
    single = tmp_path / "one.json"
    single.write_text(json.dumps(SURROGATES[index]), encoding="ascii")
    outcome = bounded(["add", "--from-doi-json", single], root)
    assert outcome.status == 2 and "surrogate" in outcome.stderr
    assert not leftovers(root)


def test_a_lone_surrogate_in_pandoc_json_is_a_reason(tmp_path):
    root = make_dossier(tmp_path, {"good": BOOK})
    document = {
        "pandoc-api-version": [1, 23],
        "meta": {},
        "blocks": [{"t": "Para", "c": [{"t": "Str", "c": "\ud800"}]}],
    }
    outcome = bounded(["pandoc-filter"], root, stdin=json.dumps(document))
    assert outcome.status == 2 and "surrogate" in outcome.stderr
