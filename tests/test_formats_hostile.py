"""Hostile input to the readers and writers: bounded, one-line reasons, nothing injected (issue 18)."""

import json
import time

import pytest

from conftest import write_dossier
from dossiercli.errors import DossierError
from dossiercli.formats.bibtex import MAX_FIELD_EXPANSION, read_bibtex, write_bibtex
from dossiercli.formats.csljson import read_csljson
from dossiercli.formats.latex import decode
from dossiercli.formats.ris import read_ris
from dossiercli.ids import MAX_ID, base_id
from dossiercli.importing import plan_import, read_records
from dossiercli.load import open_dossier
from dossiercli.model.entry import Entry
from dossiercli.model.names import Name


def test_bibtex_injection_through_url_and_doi_stays_inside_its_field():
    hostile = Entry(
        id="x",
        type="webpage",
        title="T",
        url='https://example.org/a}, title={pwned}}@preamble{"\\input{/etc/passwd}"}',
        doi="10.1000/x}}\n@misc{injected, title={y}",
    )
    text = write_bibtex([hostile])
    from pybtex.database import parse_string
    from pybtex.errors import set_strict_mode

    set_strict_mode(True)
    parsed = parse_string(text, "bibtex")
    assert list(parsed.entries) == ["x"] and not parsed.preamble
    (record,), failures = read_bibtex(text)
    assert failures == [] and record.table["title"] == "T"
    assert "%7D" in record.table["URL"] and "\\input" not in text.replace("%5Cinput", "")


def test_string_amplification_is_a_one_line_error_not_memory_exhaustion():
    chain = ['@string{s0 = "' + "x" * 1000 + '"}']
    chain += [f"@string{{s{i} = s{i - 1} # s{i - 1} # s{i - 1} # s{i - 1}}}" for i in range(1, 30)]
    text = "\n".join(chain) + "\n@book{b, title = s29, publisher = {P}}\n"
    records, failures = read_bibtex(text)
    assert records == [] and failures  # the book uses the macro: refused with the reason, not "s28s28…"
    assert any("uses @string s29, which expands too far" in f.reason for f in failures)
    assert any(f"more than {MAX_FIELD_EXPANSION:,} characters" in f.reason for f in failures)


def test_string_amplification_across_many_fields_stops_the_file(tmp_path):
    macro = '@string{big = "' + "y" * 90_000 + '"}\n'
    fields = ",\n".join(f"  f{i} = big" for i in range(300))
    path = tmp_path / "bomb.bib"
    path.write_text(macro + "@misc{m,\n  title = {T},\n" + fields + "\n}\n", encoding="utf-8")
    with pytest.raises(DossierError) as error:
        read_records(path, None)
    assert "expand to more than" in str(error.value) and "bomb.bib" in str(error.value)


def test_ris_with_many_wrapped_lines_is_read_in_linear_time():
    text = "TY  - JOUR\nTI  - start\n" + "wrapped\n" * 200_000 + "ER  - \n"
    started = time.perf_counter()
    (record,), failures = read_ris(text)
    assert failures == [] and record.table["title"].count("wrapped") == 200_000
    assert time.perf_counter() - started < 30  # quadratic joining took minutes at this size


@pytest.mark.parametrize(
    "item, reason",
    [
        ({"id": "a", "type": "book", "title": "T", "publisher": "P", "issued": {"date-parts": [2007]}}, None),
        ({"id": "a", "type": "article-journal", "title": "T", "container-title": "J", "issued": [2007]}, None),
        ({"id": "a", "type": "book", "title": "T", "publisher": "P", "author": {"family": "X"}}, "list of names"),
        ({"id": "a", "type": "book", "title": "T", "publisher": "P", "author": ["X"]}, "list of name objects"),
    ],
)
def test_csl_json_fields_of_the_wrong_type_are_one_line_reasons(item, reason):
    (record,), failures = read_csljson(json.dumps([item]))
    if reason is None:
        assert record.warnings and "date-parts" in record.warnings[0]  # cited without it ("n.d."): dropped, said so
    else:
        assert any(reason in problem for problem in record.problems), record.problems


def test_csl_json_year_with_an_empty_month_is_the_year():
    (record,), _ = read_csljson('[{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [["2007", ""]]}}]')
    assert record.table["issued"] == "2007"


def test_superscript_digits_in_bibtex_month_and_day_and_ris_dates_and_edition():
    (record,), _ = read_bibtex("@article{a, title={T}, journal={J}, year={2007}, month={²}, day={³}}")
    assert record.table["issued"] == "2007-02-03"
    (record,), _ = read_bibtex("@article{a, title={T}, journal={J}, year={²⁰⁰⁷}}")
    assert record.table["issued"] == "2007"
    (ris,), _ = read_ris("TY  - BOOK\nTI  - T\nPY  - ²\nDA  - 2007/²/\nET  - ²\nER  - \n")
    assert ris.table["edition"] == "2" and ris.table["issued"] == "2007-02"


def test_a_300_character_title_gives_a_short_id(tmp_path):
    root = write_dossier(tmp_path / "d", {})
    title = "Supercalifragilistic" * 15
    bib = tmp_path / "long.bib"
    bib.write_text(f"@book{{{'k' * 300}, title = {{{title}}}, publisher = {{P}}, author = {{{'Q' * 300}, A}}}}\n")
    plan = plan_import(open_dossier(root), [bib])
    (planned,) = plan.planned
    assert len(planned.entry.id) <= MAX_ID and planned.entry.citation_key == "k" * 300
    assert len(base_id(Entry(id="x", type="book", title=title, authors=(Name(family="Q" * 300),)))) <= MAX_ID


@pytest.mark.parametrize(
    "text",
    [
        "{" * 50_000,
        "\\textit{" * 5_000,
        "$" * 1001,
        "\\" * 1001,
        "\\'" * 1000,
        "\\href{" * 100,
        "\\bibstring",
        '\\char"FFFFFFFF',
        "$\\mathrm{" * 100 + "$",
    ],
)
def test_the_decoder_never_fails_and_stays_linear(text):
    assert isinstance(decode(text * 2), str)


def test_a_large_field_of_latex_escapes_decodes_in_linear_time():
    text = "M\\\"uller \\& {\\'e}t\\'e -- " * 40_000  # about 1 MB (10 MB: 16 s, linear)
    started = time.perf_counter()
    out = decode(text)
    assert out.startswith("Müller & été –")
    assert time.perf_counter() - started < 60


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dossiercli.formats.records import FormatError  # noqa: E402

BIBTEXISH = st.lists(
    st.sampled_from(
        list("@{}()\"#=,\\$^_~`'-% \nabAB12²é")
        + ["@article{", "@string{", "author = ", " and ", "crossref = ", "\\'", "$\\mu", "year = ", "month = "]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(BIBTEXISH)
def test_no_bibtex_input_raises(text):
    try:
        records, failures = read_bibtex(text)
    except FormatError:
        return
    for record in records:
        assert isinstance(record.table, dict)


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["id", "type", "title", "issued", "author", "custom", "date-parts", "family"]),
                inner,
                max_size=4,
            )
        ),
        max_leaves=12,
    )
)
def test_no_csl_json_input_raises(value):
    read_csljson(json.dumps([value]))
    read_csljson(json.dumps(value))


@settings(max_examples=100, deadline=None)
@given(st.text(st.sampled_from(list("TYERAUPYDAET  -\n²/0123abc")), max_size=200))
def test_no_ris_input_raises(text):
    read_ris(text)
