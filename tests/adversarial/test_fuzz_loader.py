"""The entry loader on arbitrary input: any bytes, any TOML value in any field. It returns an entry or
findings, never raises; what it builds renders in every Chicago form and every export format."""

import datetime as dt

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiercli.chicago import bibliography_entry, full_note, render, short_note
from dossiercli.formats.bibtex import write_bibtex
from dossiercli.formats.csljson import write_csljson
from dossiercli.formats.ris import write_ris
from dossiercli.load import read_entry
from dossiercli.model.entry import ALL_FIELDS, ENTRY_TYPES

SEEDS = [
    b'type = "book"\ntitle = "T"\npublisher = "P"\n',
    b'type = "article-newspaper"\ntitle = "T"\ncontainer-title = "C"\nissued = 2007-02-30\n',
    b"\xff\xfe\x00",
    b'type = "book"\ntitle = """\n',
    b"[[author]]\nfamily = 3\n",
]

scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.floats(allow_nan=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["2007~", "1914/1918", "-0043", "²", "2007-24", "", " "]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
tables = st.fixed_dictionaries(
    {"type": st.sampled_from(sorted(ENTRY_TYPES)) | values, "title": st.text(max_size=40) | values},
    optional={key: values for key in ALL_FIELDS if key not in ("type", "title")},
)


def exercised(path):
    entry, findings = read_entry(path)
    assert all(finding.message for finding in findings)
    if entry is not None and not any(finding.is_error for finding in findings):
        for form in (full_note(entry, "3"), short_note(entry), bibliography_entry(entry)):
            for target in ("text", "markdown", "html", "latex", "rtf"):
                render(form, target)
        write_bibtex([entry]), write_csljson([entry]), write_ris([entry])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.sampled_from(SEEDS))
def test_any_bytes_are_an_entry_or_findings(tmp_path, data):
    path = tmp_path / "x.toml"
    path.write_bytes(data)
    exercised(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables)
def test_any_value_in_any_field_is_an_entry_or_findings(tmp_path, table):
    path = tmp_path / "x.toml"
    try:
        text = tomli_w.dumps(table)
    except (TypeError, ValueError):  # a value TOML cannot hold
        return
    path.write_text(text, encoding="utf-8")
    exercised(path)
