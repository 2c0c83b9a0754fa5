"""Normalising and matching passages: what counts as the same text, and the closest passage when it is not."""

import pytest

from dossiercli.links.textmatch import Tokens, closest, contains, normalize


@pytest.mark.parametrize(
    "page, passage",
    [
        ("It comprised a \u201csmoking gun.\u201d", 'It comprised a "smoking gun."'),
        ("Iran\u2019s secret plan", "Iran's secret plan"),
        ("WASHINGTON\u2014Iran is", "WASHINGTON — Iran is"),
        ("WASHINGTON -- Iran is", "WASHINGTON \u2013 Iran is"),
        ("ter\u00adrorists in the", "terrorists in the"),
        ("the \ufb01rst of\ufb01cial", "the first official"),
        ("in\u00a0Iraq,\n\n  he said", "in Iraq, he said"),
        ("EXPLOSIVELY FORMED penetrators", "explosively formed Penetrators"),
        ("one two three four five six", "one two \u2026 five six"),
        ("one two three four five six", "one two [...] five six"),
        ("Shi\u02bca government", "Shi'a government"),
    ],
)
def test_the_same_text(page, passage):
    assert contains(normalize(page), normalize(passage))


@pytest.mark.parametrize(
    "page, passage",
    [
        ("Tehran is supporting", "ran is supporting"),  # not from inside a word
        ("Iran is supporting Hamas", "Iran is supporting Hezbollah"),
        ("one two three four five six", "five six \u2026 one two"),  # pieces must stand in order
        ("", "anything"),
    ],
)
def test_not_the_same_text(page, passage):
    assert not contains(normalize(page), normalize(passage))


def test_closest_passage_keeps_the_pages_own_words_and_diffs_words():
    page = (
        "Other news first. WASHINGTON\u2014Iran is supporting both Sunni and Shia terror\u00adists in the Iraqi "
        "civil war, according to \u201csecret\u201d documents. More news after."
    )
    near = closest(
        Tokens.of(page),
        Tokens.of(
            "WASHINGTON — Iran is supporting both Sunni and Shiite terrorists in "
            'the Iraqi civil war, according to "secret" Iranian documents.'
        ),
    )
    assert near.passage.startswith("WASHINGTON\u2014Iran is supporting") and near.passage.endswith("documents.")
    assert near.changes == [("Shiite", "Shia"), ("Iranian", "")]
    assert "[-Shiite-]{+Shia+}" in near.diff and "[-Iranian-]" in near.diff
    assert 0.9 < near.similarity < 1


def test_nothing_in_common_has_no_closest_passage():
    assert closest(Tokens.of("alpha beta gamma"), Tokens.of("delta epsilon")) is None
