"""Ids as users type them: exact, citation-key, unique prefix; ambiguous and unknown ones explained."""

from dataclasses import replace

import pytest

from dossiercli.errors import UnknownEntry
from dossiercli.model.entry import Entry
from dossiercli.resolve import AmbiguousEntry, Resolver


def entry(entry_id: str, **fields) -> Entry:
    return Entry(id=entry_id, type="book", title="A Title", **fields)


ENTRIES = [
    entry("lake2007-iran-secret-plan"),
    entry("lake2008-iraq"),
    entry("mnfi2007-coalition-forces-nab"),
    entry("mnfi2007-coalition-forces-disrupt"),
    entry("ap2007-iran-helping-sunni"),
    entry("ap2007"),
]


def test_the_exact_id_wins_over_a_longer_id_it_is_a_prefix_of():
    assert Resolver(ENTRIES).lookup("ap2007").entry.id == "ap2007"


def test_a_unique_prefix_resolves():
    resolution = Resolver(ENTRIES).lookup("lake2007")
    assert resolution.entry.id == "lake2007-iran-secret-plan" and resolution.how == "prefix"


def test_an_ambiguous_prefix_names_every_candidate_and_guesses_nothing():
    resolver = Resolver(ENTRIES)
    resolution = resolver.lookup("mnfi2007-coalition")
    assert resolution.entry is None
    assert resolution.candidates == ("mnfi2007-coalition-forces-disrupt", "mnfi2007-coalition-forces-nab")
    with pytest.raises(AmbiguousEntry, match="fits several entries: mnfi2007-coalition-forces-disrupt, "):
        resolver.resolve("mnfi2007-coalition")
    assert (
        resolver.message("lake", resolver.lookup("lake"))
        == "ambiguous source 'lake': it could be lake2007-iran-secret-plan, lake2008-iraq (type more of the id)"
    )


def test_an_unknown_id_suggests_close_matches():
    resolver = Resolver(ENTRIES)
    assert resolver.lookup("lake2007-iran-secret-plam").suggestions == ("lake2007-iran-secret-plan",)
    assert (
        resolver.message("lake2007-iran-secret-plam", resolver.lookup("lake2007-iran-secret-plam"))
        == "unknown source 'lake2007-iran-secret-plam' (did you mean lake2007-iran-secret-plan?)"
    )
    with pytest.raises(UnknownEntry, match=r"no entry with id 'zzz'$"):
        Resolver(ENTRIES).resolve("zzz")


@pytest.mark.skipif("citation_key" not in Entry.__dataclass_fields__, reason="the model has no citation-key field yet")
def test_a_citation_key_resolves_and_a_shared_one_is_ambiguous():
    keyed = [replace(e, citation_key="Lake2007Secret") if e.id.startswith("lake2007") else e for e in ENTRIES]
    resolver = Resolver(keyed)
    assert resolver.lookup("Lake2007Secret").entry.id == "lake2007-iran-secret-plan"
    assert resolver.lookup("Lake2007Secret").how == "citation-key"
    shared = Resolver([*keyed, replace(keyed[1], citation_key="Lake2007Secret")])
    assert shared.lookup("Lake2007Secret").candidates == ("lake2007-iran-secret-plan", "lake2008-iraq")
