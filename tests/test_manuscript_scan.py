"""What the scanner takes for a citation, and what it leaves alone."""

from dossiercli.manuscript.scan import Group, InlineNote, Ref, scan


def keys(text: str) -> list[str]:
    return [c.key for item in scan(text).items if isinstance(item, Group) for c in item.cites]


def test_bracketed_and_bare_citations():
    assert keys("A [@a, 3] b [see @b; -@c] and @d says [p. 4].") == ["a", "b", "c", "d"]
    [bare] = [i for i in scan("@d says [p. 4].").items if isinstance(i, Group)]
    assert bare.in_text and bare.cites[0].locator is None  # "says" stands between: no locator
    [bare] = [i for i in scan("@d [p. 4] says.").items if isinstance(i, Group)]
    assert bare.cites[0].locator.value == "4" and bare.end == len("@d [p. 4]")


def test_code_comments_addresses_urls_links_and_escapes_are_left_alone():
    text = (
        "`[@code]` and ``[@two `ticks`]``, <!-- [@comment]\nover lines -->, me@example.com, <mail@example.com>, "
        "https://example.com/@user, www.example.com/@x, [a link to @site](https://x.org/@y), [ref @r][label], "
        "\\@escaped, [\\@escaped-in-brackets]\n"
    )
    assert keys(text) == []


def test_fenced_and_indented_code_blocks_are_left_alone_but_list_continuations_are_not():
    text = (
        "Para.\n\n```\n[@fenced]\n```\n\n~~~~\n[@tilde]\n~~~~\n\n    [@indented]\n\n- item\n\n    continued [@cited]\n"
    )
    assert keys(text) == ["cited"]


def test_an_unclosed_fence_runs_to_the_end():
    assert keys("Text [@a].\n\n```\n[@b]\n") == ["a"]


def test_footnote_definitions_with_indented_and_lazy_continuations():
    text = "Body.[^n] More.[^2]\n\n[^n]: First line [@a],\nlazy line [@b].\n\n    Second paragraph [@c].\n\n[^2]: Two.\n\nAfter.\n"
    result = scan(text)
    assert [type(i).__name__ for i in result.items] == ["Ref", "Ref"]
    note = result.definitions["n"]
    assert [c.key for g in note.items for c in g.cites] == ["a", "b", "c"]
    assert text[note.start : note.end].endswith("Second paragraph [@c].\n")
    assert "After." not in text[result.definitions["2"].start : result.definitions["2"].end]


def test_inline_notes_hold_their_citations():
    [note] = scan("Text^[see [@a, 2] too] end.").items
    assert isinstance(note, InlineNote) and note.items[0].cites[0].key == "a"


def test_malformed_groups_are_problems_with_positions():
    result = scan("Good [@a].\nBad [see @b; nothing here].\n")
    assert keys("Good [@a].") == ["a"]
    [problem] = result.problems
    assert result.position(problem.offset) == (2, 13) and "names no source" in problem.message


def test_footnote_references():
    [ref] = scan("Text.[^note-1]").items
    assert isinstance(ref, Ref) and ref.label == "note-1"


def test_constructs_of_pandocs_citation_test_rekeyed():
    # Forms from pandoc's test/markdown-citations.txt, on which the scanner finds the same 21
    # citations (keys, prefixes, locators, suffixes, modes) as pandoc's own reader.
    text = (
        "-   @a [-@b p. 30; see also @c] says blah.\n\n"
        "-   Citation with a suffix and locator [@a pp. 33, 35-37, and nowhere else].\n\n"
        "-   With some markup [*see* @a p. **32**].\n"
    )
    groups = [i for i in scan(text).items if isinstance(i, Group)]
    assert [(g.in_text, [(c.key, c.prefix, c.suppress_author) for c in g.cites]) for g in groups] == [
        (True, [("a", "", False)]),
        (False, [("b", "", True), ("c", "see also", False)]),
        (False, [("a", "", False)]),
        (False, [("a", "*see*", False)]),
    ]
    assert groups[2].cites[0].locator.value == "33, 35-37" and groups[2].cites[0].suffix == ", and nowhere else"
    assert groups[3].cites[0].locator.value == "32"


def test_indented_code_inside_list_items_is_code():
    # As in pandoc's changelog: an example indented four spaces past a list item's text.
    text = (
        "  * New features:\n\n        Water is wet [see @doe99, pp. 33-35].\n\n"
        "    +   Nested:\n\n            [link text][@a]\n\n        but this [@cited] is text.\n"
    )
    assert keys(text) == ["cited"]
