"""Building an Entry from the table of an entry file (model/parse.py)."""

import datetime as dt

from dossiercli.model.dates import PartialDate
from dossiercli.model.names import Name
from dossiercli.model.parse import normalise_doi, parse_entry, url_problem


def codes(problems):
    return [problem.code for problem in problems]


def test_a_complete_entry_is_built_with_typed_values():
    entry, problems = parse_entry(
        {
            "type": "article-journal",
            "title": "A Paper",
            "container-title": "Journal of Things",
            "issued": dt.date(2007, 1, 3),
            "volume": 12,
            "page": "165-76",
            "DOI": "https://doi.org/10.1000/xyz",
            "author": [{"family": "Lake", "given": "Eli"}, "Reid, Robert H."],
            "tags": ["iran"],
            "excerpts": [{"text": "Some text.", "highlights": ["Some"], "locator": "p. 3"}],
        },
        "lake2007-paper",
    )
    assert problems == []
    assert entry.issued == PartialDate(2007, 1, 3)
    assert entry.volume == "12"  # numbers kept as text: "12a" and "XII" are volumes too
    assert entry.doi == "10.1000/xyz"
    assert entry.authors == (Name("Lake", "Eli"), Name("Reid", "Robert H."))
    assert entry.excerpts[0].locator == "p. 3"
    assert entry.get("container-title") == "Journal of Things"


def test_every_problem_of_a_file_is_reported_not_only_the_first():
    entry, problems = parse_entry(
        {"type": "book", "title": "T", "publisher": 3, "issued": "2007-13", "URL": "ftp://x", "colour": "red"},
        "x",
    )
    assert sorted(codes(problems)) == ["E010", "E011", "E020", "E030"]
    assert entry is not None and entry.publisher is None


def test_problems_carry_the_key_path_of_their_value():
    _, problems = parse_entry(
        {"type": "book", "title": "T", "excerpts": [{"text": "a"}, {"text": "b", "highlights": "x", "colour": 1}]},
        "x",
    )
    assert ("excerpts", 1, "colour") in [p.where for p in problems]


def test_no_entry_without_a_usable_type_or_title():
    assert parse_entry({"title": "T"}, "x")[0] is None
    assert parse_entry({"type": "novel", "title": "T"}, "x")[0] is None
    assert parse_entry({"type": "book"}, "x")[0] is None


def test_unknown_type_suggests_the_closest():
    _, problems = parse_entry({"type": "article-newpaper", "title": "T"}, "x")
    assert "did you mean 'article-newspaper'" in problems[0].message


def test_single_name_and_single_excerpt_tables_are_accepted():
    entry, problems = parse_entry(
        {"type": "book", "title": "T", "author": {"literal": "Multi-National Force-Iraq"}, "excerpts": {"text": "a"}},
        "x",
    )
    assert problems == []
    assert entry.authors[0].literal == "Multi-National Force-Iraq"
    assert len(entry.excerpts) == 1


def test_url_rules():
    assert url_problem("http://www.nysun.com/article/46032") is None
    assert url_problem("https://example.org/a?b=c&d=e") is None
    assert "http://" in url_problem("ftp://example.org")
    assert "white space" in url_problem("http://www.mnf- iraq.com/")
    assert "no host" in url_problem("http:///path")
    assert "port" in url_problem("http://example.org:99999/") or url_problem("http://example.org:99999/")


def test_doi_forms_are_normalised():
    assert normalise_doi("doi:10.1000/x") == "10.1000/x"
    assert normalise_doi("https://dx.doi.org/10.1000/x") == "10.1000/x"
    assert normalise_doi("10.1000/x") == "10.1000/x"


def test_control_characters_and_unbalanced_braces_are_refused_in_urls_and_dois():
    for url in ("https://example.org/\x1b]0;pwned\x07", "https://example.org/a}b", "https://example.org/{a"):
        assert "URL" in url_problem(url)
    assert url_problem("https://example.org/{a}") is None  # balanced: encoded on export
    for doi in ("10.1000/a}b", "10.1000/\x1b[2J"):
        _, problems = parse_entry({"type": "webpage", "title": "T", "URL": "https://example.org/", "DOI": doi}, "t")
        assert codes(problems) == ["E031"]
    sici = "10.1002/(SICI)1097-4636(199706)35:4<500::AID-JBM10>3.0.CO;2-I"  # a real DOI with angle brackets
    entry, problems = parse_entry({"type": "webpage", "title": "T", "URL": "https://example.org/", "DOI": sici}, "t")
    assert problems == [] and entry.doi == sici
