"""Issue 27 item 8: a library is imported. Only what a citation cannot do without is required;
a record lacking what Chicago prints when known (a report's issuer, a proceedings paper's
publisher, a date) is imported with a warning naming the field, and `validate` warns (W017)."""

import json

from conftest import write_dossier
from dossiercli.importing import plan_import
from dossiercli.load import open_dossier

DBLP_STYLE = """@inproceedings{DBLP:conf/ecai/Doe09,
  author    = {Jane Doe},
  title     = {Effective Hybrid Search},
  booktitle = {Proceedings of ECAI},
  pages     = {100--114},
  year      = {2009}
}
@techreport{iridia2009,
  author      = {Doe, J.},
  title       = {Hybrid Search, the Technical Report},
  institution = {IRIDIA, Universit{\\'e} Libre de Bruxelles},
  number      = {TR/IRIDIA/2009-020},
  year        = {2009}
}
@techreport{noissuer, author = {Doe, J.}, title = {A Report Nobody Issued}, year = {2010}}
@phdthesis{nogenre, author = {Doe, J.}, title = {A Thesis}, year = {2011}}
@article{nojournal, author = {Doe, J.}, title = {An Article in Nothing}, year = {2012}}
"""


def plan(tmp_path, name, text, **options):
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    root = write_dossier(tmp_path / "d", {})
    return plan_import(open_dossier(root), [path], **options)


def test_what_chicago_cites_without_is_imported_with_a_warning_naming_the_field(tmp_path):
    result = plan(tmp_path, "dblp.bib", DBLP_STYLE)
    entries = {p.entry.id.replace("DBLP:conf/ecai/", ""): p.entry for p in result.planned}
    assert len(entries) == 4
    report = next(e for e in entries.values() if e.number == "TR/IRIDIA/2009-020")
    assert report.publisher == "IRIDIA, Université Libre de Bruxelles"  # institution: the report's issuer
    warned = {source.rsplit(":", 1)[1]: text for source, text in result.warnings}
    assert "1" not in warned  # a conference paper in proceedings: cited by its proceedings, no publisher needed
    assert next(e for e in entries.values() if e.container_title == "Proceedings of ECAI").type == "paper-conference"
    assert "a report usually has 'publisher'" in warned["15"]
    assert "a thesis or dissertation usually has 'publisher'" in warned["16"]
    # A journal article without its journal cannot be cited: refused, unless --allow-incomplete.
    ((source, reason),) = result.failures
    assert source.endswith(":17") and "needs 'container-title' (--allow-incomplete imports it anyway)" in reason
    allowed = plan(tmp_path / "again", "dblp.bib", DBLP_STYLE, allow_incomplete=True)
    assert len(allowed.planned) == 5 and not allowed.failures


def test_a_zotero_csl_json_conference_paper_without_a_publisher_is_imported(tmp_path):
    items = [
        {
            "id": "p1",
            "type": "paper-conference",
            "title": "Graph Search",
            "container-title": "Proc. of X",
            "author": [{"family": "Roe", "given": "R."}],
            "issued": {"date-parts": [[2019]]},
        },
        {"id": "r1", "type": "report", "title": "A Working Paper", "issued": {"date-parts": [[2020]]}},
        {"id": "b1", "type": "book", "title": "A Book Without Its Press"},
    ]
    result = plan(tmp_path, "zotero.json", json.dumps(items))
    assert [p.entry.id for p in result.planned] == ["p1", "r1", "b1"] and not result.failures


def test_validate_warns_and_strict_fails(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"tr": 'type = "report"\ntitle = "Effective Hybrid Search"\nissued = 2009\n'})
    result = run("validate", "--dir", root)
    assert result.exit_code == 0 and "W017 a report usually has 'publisher': cited without it" in result.stdout
    assert run("validate", "--strict", "--dir", root).exit_code == 1
