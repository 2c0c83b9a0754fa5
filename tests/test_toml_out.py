"""The canonical writer and the reader agree: any entry written reads back equal."""

from pathlib import Path

import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from dossiercli.model.dates import PartialDate
from dossiercli.model.entry import ENTRY_TYPES, Entry, Excerpt
from dossiercli.model.names import Name
from dossiercli.model.parse import parse_entry
from dossiercli.model.toml_out import entry_to_toml

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)
multiline = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x7f"), min_size=1, max_size=200
).filter(lambda s: s.strip() and all(c >= " " or c in "\n\t" for c in s))
names = st.one_of(
    st.builds(Name, family=text, given=st.none() | text, suffix=st.none() | text, particle=st.none() | text),
    st.builds(Name, literal=text),
)


@st.composite
def dates(draw):
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return PartialDate(year, month, day)


@st.composite
def excerpts(draw):
    body = draw(multiline)
    words = body.split()
    highlights = (words[0],) if words and draw(st.booleans()) else ()
    return Excerpt(text=body, highlights=highlights, label=draw(st.none() | text), locator=draw(st.none() | text))


entries = st.builds(
    Entry,
    id=st.just("x"),
    type=st.sampled_from(sorted(ENTRY_TYPES)),
    title=text,
    container_title=st.none() | text,
    publisher=st.none() | text,
    page=st.none() | text,
    url=st.none() | st.from_regex(r"https://[a-z]{1,10}\.org/[a-z0-9/]{0,20}", fullmatch=True),
    issued=st.none() | dates(),
    accessed=st.none() | dates(),
    note=st.none() | multiline,
    authors=st.lists(names, max_size=3).map(tuple),
    editors=st.lists(names, max_size=2).map(tuple),
    tags=st.lists(text.map(str.strip).filter(bool), max_size=3).map(tuple),
    excerpts=st.lists(excerpts(), max_size=3).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(entries)
def test_written_entries_read_back_equal(entry):
    written = entry_to_toml(entry)
    again, problems = parse_entry(tomli.loads(written), "x")
    assert problems == []
    assert again == entry


# -- the write path's shortcuts write what tomli-w and Entry.to_toml_dict give (issue 22.4) ------------


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=0x7F)), st.integers(), st.dates()))
def test_values_are_written_as_tomli_w_writes_them(value):
    import tomli_w

    from dossiercli.model.toml_out import _value

    assert _value(value) == tomli_w.dumps({"x": value}, multiline_strings=True).split("=", 1)[1].strip()


def test_the_entry_table_is_the_models_own():
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from dossiercli.model.toml_out import entry_table
    from test_cache import _every_field_set

    for entry in _every_field_set():
        assert entry_table(entry) == entry.to_toml_dict()
        assert list(entry_table(entry)) == list(entry.to_toml_dict())
