"""Issue 27 item 3: what docs/formats.md promises: a value that cannot be used is set aside with a
warning, or modelled; never a refusal of the record. (RIS `1985///1922` and CSL open ranges are in
test_formats_ris.py and test_formats_csljson_types.py.)"""

from conftest import FIXTURES, write_dossier
from dossiercli.importing import plan_import
from dossiercli.load import open_dossier


def plan(tmp_path, name, text=None):
    path = FIXTURES / "real" / name if text is None else tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return plan_import(open_dossier(write_dossier(tmp_path / "d", {})), [path])


def test_a_url_without_its_scheme_is_read_as_http(tmp_path):
    result = plan(tmp_path, "a.bib", "@misc{c, title = {Paper}, url = {citeseer.nj.nec.com/smith99paper.html}}\n")
    (planned,) = result.planned
    assert planned.entry.url == "http://citeseer.nj.nec.com/smith99paper.html"
    assert "has no scheme" in result.warnings[0][1]


def test_an_access_date_before_the_publication_date_is_kept_aside(tmp_path):
    # The Manual's online-first JAMA article: read online before the date.
    text = (
        "@article{jama, title = {Online First}, journal = {JAMA}, date = {2017-03-01}, urldate = {2017-02-20},\n"
        "  url = {https://jamanetwork.com/x}}\n"
    )
    result = plan(tmp_path, "a.bib", text)
    (planned,) = result.planned
    assert planned.entry.accessed is None and dict(planned.entry.extra)["accessed"] == "2017-02-20"
    assert "before the publication date" in result.warnings[0][1]


def test_biblatex_chicagos_generic_titles_and_reference_works_are_imported(tmp_path):
    result = plan(tmp_path, "biblatex-chicago-notes-test.bib")
    assert result.failures == []
    entries = {p.entry.citation_key.split(":")[0]: p.entry for p in result.planned}
    assert entries["centinel"].title == "Letters" and entries["centinel"].type == "chapter"
    assert (entries["ency"].type, entries["ency"].container_title, entries["ency"].title) == (
        "encyclopedia-entry",
        "Encyclopaedia Britannica",
        "Salvation",
    )
    assert entries["amlen"].type == "book"  # a whole blog, not an article in one
    assert entries["coolidge"].type == "webpage" and entries["coolidge"].url is None  # its URL: a warning
    assert entries["braun"].title == "Reply to"
