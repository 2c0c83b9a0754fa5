"""Each CSL-JSON record is reported at the line it starts on, whatever its strings hold."""

from dossiercli.formats.csljson import read_csljson


def test_an_escaped_quote_does_not_shift_the_lines_of_later_records():
    # A Zotero abstract with an escaped quote before a brace, as "\"{" in "set \"{x}\"".
    text = (
        '[\n{"id": "a", "type": "book", "title": "T", "abstract": "the set \\"{x: x > 0\\" and more"},\n'
        '{"id": "b", "type": "book", "title": "U"},\n'
        '{"id": "c", "type": "book", "title": "A backslash \\\\"}\n,'
        '{"id": "d", "type": "book", "title": "V"}\n]\n'
    )
    records, failures = read_csljson(text)
    assert failures == []
    assert [(record.key, record.line) for record in records] == [("a", 2), ("b", 3), ("c", 4), ("d", 5)]
