"""Issue 27 item 2: distinct works that share a title and year are not duplicates. Different types
(a technical report and the later paper, a Zenodo supplement and its paper, software and the paper
about it), different numbers, `howpublished`, or author lists that differ make different works; a
shared DOI, or one author list cut short ("and others"), still makes one."""

from conftest import write_dossier
from dossiercli.importing import plan_import
from dossiercli.load import open_dossier

DISTINCT = """@techreport{tr, author={Doe, J.}, title={Effective Hybrid Search}, institution={IRIDIA},
  number={TR/IRIDIA/2009-020}, year=2009}
@incollection{pa, author={Doe, J.}, title={Effective Hybrid Search}, booktitle={Hybrid Metaheuristics},
  publisher={Springer}, pages={100--114}, year=2009}
@misc{supp, author={Doe, J.}, title={Effective Hybrid Search}, howpublished={Zenodo}, year=2009,
  url={https://zenodo.org/record/1}}
@software{code, author={Doe, J.}, title={Effective Hybrid Search}, year=2009, version={1.0}}
@techreport{tr2, author={Doe, J.}, title={Effective Hybrid Search}, institution={IRIDIA},
  number={TR/IRIDIA/2009-021}, year=2009}
@article{a1, author={Doe, J. and Roe, R.}, title={On Graphs}, journal={J}, year=2010}
@article{a2, author={Moe, M. and Poe, P.}, title={On Graphs}, journal={J}, year=2010}
"""
SAME = """@article{b1, author={Doe, J. and Roe, R. and Zoe, Z.}, title={Same Paper}, journal={J}, year=2011}
@article{b2, author={Doe, J. and others}, title={Same paper}, journal={J}, year=2011, pages={1--9}}
@misc{c1, title={Shared DOI}, doi={10.1000/x}, year=2012}
@article{c2, title={Shared DOI}, journal={K}, doi={10.1000/x}, year=2012}
"""


def plan(tmp_path, text, entries=None):
    (tmp_path / "in.bib").write_text(text, encoding="utf-8")
    return plan_import(open_dossier(write_dossier(tmp_path / "d", entries or {})), [tmp_path / "in.bib"])


def test_distinct_works_with_one_title_and_year_are_all_imported(tmp_path):
    result = plan(tmp_path, DISTINCT)
    assert result.duplicates == [] and len(result.planned) == 7


def test_the_same_work_twice_is_still_one(tmp_path):
    result = plan(tmp_path, SAME)
    assert len(result.planned) == 2 and len(result.duplicates) == 2


def test_add_does_not_call_a_report_a_duplicate_of_the_paper(run, tmp_path):
    root = write_dossier(
        tmp_path / "d",
        {
            "pa": 'type = "chapter"\ntitle = "Effective Hybrid Search"\ncontainer-title = "Hybrid Metaheuristics"\n'
            'publisher = "Springer"\nissued = 2009\n'
        },
    )
    result = run(
        "add",
        "--type",
        "report",
        "--title",
        "Effective Hybrid Search",
        "--publisher",
        "IRIDIA",
        "--date",
        "2009",
        "--no-input",
        "--dir",
        root,
    )
    assert result.exit_code == 0, result.output


def test_titles_in_scripts_without_an_ascii_form_are_not_all_the_same_title(tmp_path):
    # Better BibTeX's fixtures: Chinese titles with no author or date (export fixtures, CJK names #2624 and others)
    text = (
        "@book{a, title = {梅竹錦標對抗賽}, langid = {chinese-traditional}}\n"
        "@book{b, title = {小明畢業於國立交通大學資訊科學與工程研究所}, langid = {chinese-traditional}}\n"
        "@book{c, title = {Кто виноват?}}\n@book{d, title = {Что делать?}}\n"
    )
    result = plan(tmp_path, text)
    assert result.duplicates == [] and len(result.planned) == 4


def test_authors_with_other_given_names_are_other_people_but_initials_agree(tmp_path):
    # The CSL test suite's disambiguation fixtures: Asthma, Albert; Bronchitis, Beauregarde vs … Bronchitis, Bosworth
    text = (
        "@book{x1, author = {Asthma, Albert and Bronchitis, Beauregarde}, title = {Book A}, year = 2000}\n"
        "@book{x2, author = {Asthma, Albert and Bronchitis, Bosworth}, title = {Book A}, year = 2000}\n"
        "@book{x3, author = {Asthma, A. and Bronchitis, B.}, title = {Book A}, year = 2000, publisher = {P}}\n"
    )
    result = plan(tmp_path, text)
    assert len(result.planned) == 2 and len(result.duplicates) == 1


def test_a_film_and_its_broadcast_and_two_volumes_are_distinct(tmp_path):
    # Better BibLaTeX's exports: @video with entrysubtype film / tvbroadcast; an @mvbook's volumes
    text = (
        "@video{f, entrysubtype = {film}, title = {One Flew over the Cuckoo's Nest}, date = {1975}}\n"
        "@video{t, entrysubtype = {tvbroadcast}, title = {One Flew over the Cuckoo's Nest}, date = {1975}}\n"
        "@book{d1, title = {Œuvres de Descartes}, volume = {1}, date = {1897}, publisher = {Cerf}}\n"
        "@book{d2, title = {Œuvres de Descartes}, volume = {2}, date = {1897}, publisher = {Cerf}}\n"
    )
    result = plan(tmp_path, text)
    assert result.duplicates == [] and len(result.planned) == 4
    kinds = {p.entry.id: p.entry.type for p in result.planned}
    assert (kinds["f"], kinds["t"]) == ("video", "broadcast")
