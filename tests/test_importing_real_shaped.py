"""One small real-shaped record per problem real libraries showed (tests/fixtures/real-shaped/, written by us)."""

from conftest import FIXTURES, write_dossier
from dossiercli.formats.bibtex import read_bibtex
from dossiercli.importing import plan_import
from dossiercli.load import open_dossier

SHAPED = FIXTURES / "real-shaped"


def plan(tmp_path, *names, **options):
    root = write_dossier(tmp_path / "d", {})
    return plan_import(open_dossier(root), [SHAPED / name for name in names], **options)


def planned(result):
    return {p.entry.citation_key or p.entry.id: p.entry for p in result.planned}


def test_keys_that_differ_only_in_case_are_two_works_and_the_clash_is_named(tmp_path):
    result = plan(tmp_path, "case-keys.bib")
    ids = [p.entry.id for p in result.planned]
    assert ids == ["schwarz_2011", "schwarz2011-militias-after-surge", "smith2010-key-no-file"]
    second = result.planned[1].entry
    assert second.citation_key == "Schwarz_2011" and second.title == "Militias after the Surge"
    assert result.planned[2].entry.citation_key == "smith:2010/a"  # not a valid file name: kept as citation-key
    ((source, warning),) = result.warnings
    assert source.endswith("case-keys.bib:9")
    assert "differs only in case from 'schwarz_2011' (" in warning and "case-keys.bib:2)" in warning


def test_rekey_generates_every_id_and_keeps_the_keys_as_citation_keys(tmp_path):
    result = plan(tmp_path, "case-keys.bib", rekey=True)
    assert [p.entry.id for p in result.planned][0] == "schwarz2011-borders-levant"
    assert result.planned[0].entry.citation_key == "schwarz_2011"


def test_chapters_sharing_a_url_or_an_inherited_doi_and_same_titled_works_are_not_duplicates(tmp_path):
    result = plan(tmp_path, "false-duplicates.bib")
    entries = planned(result)
    assert {"volume", "ch1", "ch2", "ch3", "ch4", "orphan"} <= set(entries)
    ((source, why),) = result.duplicates  # only the poorer copy of Lake's article
    assert source.endswith(":51") and "duplicate of" in why and ":44 (poor)" in why and "(full)" in why
    assert "same URL and title" in why and "the fuller record" in why
    kept = [p.entry for p in result.planned if p.entry.title == "Iran's Secret Plan for Mayhem"]
    assert len(kept) == 1 and kept[0].authors[0].family == "Lake" and kept[0].page == "1"
    assert kept[0].id == "full" and "poor" not in entries  # the kept record keeps its own key


def test_merge_fills_in_the_kept_record(tmp_path):
    result = plan(tmp_path, "false-duplicates.bib", merge=True)
    ((_, why),) = result.duplicates
    assert "merged into one entry" in why


def test_a_missing_crossref_parent_is_a_warning_not_a_refusal(tmp_path):
    result = plan(tmp_path, "false-duplicates.bib")
    assert planned(result)["orphan"].container_title == "Lost Volume"
    assert any("crossref 'missing-parent' is not in the file" in w for _, w in result.warnings)


def test_crossref_follows_biblatex_inheritance_and_xdata():
    records = {r.key: r for r in read_bibtex((SHAPED / "crossref-chain.bib").read_text())[0]}
    chapter = records["inchapter"].table  # @inbook from @book: title -> booktitle, subtitle -> booksubtitle
    assert chapter["title"] == "The Draining" and "subtitle" not in chapter
    assert chapter["container-title"] == "Wars of the Marshes: Iraq, 1991–2003"
    assert chapter["container-author"] == chapter["author"] == [{"family": "Said", "given": "Karim"}]
    assert "DOI" in records["inchapter"].inherited  # the book's identifier, not the chapter's
    volume = records["volume2"].table  # @book from @mvbook: title -> maintitle; publisher via the parent's @xdata
    assert volume["volume-title"] == "A History of the Gulf" and volume["title"] == "The Twentieth Century"
    assert volume["publisher"] == "Cambridge University Press" and volume["number-of-volumes"] == "3"


def test_latex_decoded_and_fields_real_exports_carry_kept(tmp_path):
    result = plan(tmp_path, "latex.bib")
    entry = planned(result)["decoder"]
    assert entry.title == (
        "Growth of 5 μm films: “quoted” Kept code $\\frac{a}{b}$ [other] linked text \\unknownmacro{arg}"
    )
    assert entry.container_title == "Parallel Problem Solving from Nature – PPSN XI"  # nested @string macros
    assert [a.family for a in entry.authors] == ["Silva", "Müller", "van Vulpen", "Montes de Oca", "Ash"]
    assert entry.authors[0].given == "João" and entry.authors[0].particle == "da"
    assert str(entry.issued) == "1973-02" or entry.issued.year == 1973 and entry.issued.month == 2  # \noopsort, ²
    assert entry.status == "forthcoming" and entry.language == "english" and entry.issue == "4"
    assert entry.publisher_place == "Berlin" and entry.url == "https://arxiv.org/abs/1234.5678"
    assert entry.original_date.year == 1950 and entry.event_date.day == 11 and entry.abstract == "An abstract."
    assert [d.family for d in entry.directors] == ["Ford"] and not entry.editors  # editortype = director
    assert dict(entry.extra)["et-al"] == "author"  # "and others"
    assert result.not_kept_line() == "not kept: file ×1, timestamp ×1"


def test_what_can_still_be_cited_is_imported_with_a_warning(tmp_path):
    result = plan(tmp_path, "refusals.bib")
    assert result.failures == []
    entries = planned(result)
    assert entries["shortdoi"].url == "https://doi.org/10/fqd6hj"
    assert entries["range"].issued.isoformat() == "1958/1967"  # EDTF range
    assert entries["badurldate"].accessed is None
    assert dict(entries["ftp"].extra)["url"] == "ftp://ftp.example.org/pub/file.txt"
    assert entries["bc"].issued.isoformat() == "-0049"  # EDTF: 50 BC
    assert entries["literal"].status == "forthcoming"
    season = entries["season"]  # EDTF season; the first URL of a Zotero field that also held attachment paths
    assert season.issued.isoformat() == "2001-23" and season.url == "http://example.org/a"
    assert season.note == "Also at: http://example.org/b" and "files/121" in dict(season.extra)["url"]
    assert len(result.warnings) == 3  # short DOI, urldate, ftp


def test_csl_json_fields_zotero_exports_are_kept_and_a_wrong_shape_is_a_reason(tmp_path):
    result = plan(tmp_path, "zotero.csl.json")
    (entry,) = [p.entry for p in result.planned]
    assert entry.id == "nasr2006" and entry.citation_key is None  # citation-key wins over Zotero's item URI
    assert (entry.container_title_short, entry.issn, entry.pmid) == ("Foreign Aff.", "0015-7120", "12345678")
    assert entry.abstract.startswith("The war") and entry.original_date.year == 2005
    assert dict(entry.extra) == {"source": "JSTOR"}  # a CSL variable the model has no field for
    ((source, reason),) = result.failures
    assert source.endswith("zotero.csl.json:22") and "'author' must be a list of names, not one object" in reason
