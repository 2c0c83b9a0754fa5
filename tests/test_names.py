import pytest

from dossiercli.model.names import Name, NameError_


def test_person_from_table_and_from_shorthand_string_are_the_same():
    assert Name.parse({"family": "Lake", "given": "Eli"}) == Name.parse("Lake, Eli")


def test_organisation_is_a_literal_name():
    name = Name.parse({"literal": "Multi-National Force-Iraq"})
    assert name.is_literal
    assert name.natural() == name.inverted() == name.surname == "Multi-National Force-Iraq"


def test_suffix_goes_after_the_name_and_after_a_comma_when_inverted():
    name = Name.parse("King, Martin Luther, Jr.")
    assert name.natural() == "Martin Luther King Jr."
    assert name.inverted() == "King, Martin Luther, Jr."


def test_particles_attach_with_or_without_a_space():
    sadr = Name.parse({"family": "Sadr", "given": "Moqtada", "non-dropping-particle": "al-"})
    assert sadr.natural() == "Moqtada al-Sadr"
    assert sadr.surname == "al-Sadr"
    gogh = Name.parse({"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"})
    assert gogh.inverted() == "van Gogh, Vincent"
    beethoven = Name.parse({"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"})
    assert beethoven.natural() == "Ludwig van Beethoven"
    assert beethoven.inverted() == "Beethoven, Ludwig van"


def test_diacritics_are_kept():
    assert Name.parse("Ḥusayn, Ṣaddām").natural() == "Ṣaddām Ḥusayn"


@pytest.mark.parametrize(
    "value, message",
    [
        ("Eli Lake", "Family, Given"),
        ({"given": "Eli"}, "needs 'family'"),
        ({"family": "Lake", "middle": "X"}, "unknown name field 'middle'"),
        ({"literal": "AP", "family": "Press"}, "stands alone"),
        ({"family": ""}, "empty"),
        (42, "table or"),
    ],
)
def test_unreadable_names_say_how_to_write_them(value, message):
    with pytest.raises(NameError_, match=message):
        Name.parse(value)


def test_round_trip_through_a_table():
    name = Name.parse({"family": "Sadr", "given": "Moqtada", "non-dropping-particle": "al-"})
    assert Name.parse(name.to_table()) == name
