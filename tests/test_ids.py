from dossiercli.ids import ascii_fold, base_id, slug, unique_id
from dossiercli.model.parse import parse_entry


def entry(**fields):
    built, problems = parse_entry({"type": "book", "title": "T", "publisher": "P", **fields}, "x")
    assert not problems
    return built


def test_author_year_and_three_key_words_of_the_title():
    lake = entry(title="Iran's Secret Plan For Mayhem", issued="2007-01-03", author=["Lake, Eli"])
    assert base_id(lake) == "lake2007-irans-secret-plan"


def test_organisations_become_initials_and_undated_is_nd():
    release = entry(title="Three Suspected Terrorists Captured", publisher="Multi-National Force-Iraq")
    assert (
        base_id(release) == "mnfi-nd-three-suspected-terrorists"
        or base_id(release) == "mnfind-three-suspected-terrorists"
    )


def test_unicode_is_folded_to_ascii():
    assert ascii_fold("Ḥusayn Müller Øresund Straße") == "Husayn Muller Oresund Strasse"
    assert slug("Al-Qāʿida in Iraq") == "al-qaida-in-iraq"


def test_taken_ids_get_a_letter():
    assert unique_id("lake2007-plan", set()) == "lake2007-plan"
    assert unique_id("lake2007-plan", {"lake2007-plan"}) == "lake2007-plan-b"
    assert unique_id("lake2007-plan", {"lake2007-plan", "lake2007-plan-b"}) == "lake2007-plan-c"
