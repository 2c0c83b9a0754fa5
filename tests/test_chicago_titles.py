"""Headline style (CMOS 17 8.159–8.161) on the Manual's own examples and on real published titles.

Each row is a title as a source may print it (often in sentence style or with every word
capitalised) and the form Chicago gives it in notes and bibliographies.
"""

import pytest

from dossiercli.chicago.titles import headline_case

MANUAL = [
    # 8.159's own examples of its rules.
    ("mnemonics that work are better than rules that do not", "Mnemonics That Work Are Better Than Rules That Do Not"),
    ("singing while you work", "Singing While You Work"),
    ("a little learning is a dangerous thing", "A Little Learning Is a Dangerous Thing"),
    (
        "four theories concerning the gospel according to matthew",
        "Four Theories concerning the Gospel according to Matthew",
    ),
    # 8.159 rule 3: prepositions lowercased, except used as adverbs or adjectives.
    ("look up", "Look Up"),
    ("turn down", "Turn Down"),
    ("turning up in unexpected places", "Turning Up in Unexpected Places"),
    ("the on button", "The On Button"),
    ("come to", "Come To"),
    ("an inside job", "An Inside Job"),
    ("how to log in", "How to Log In"),
    # 8.159 rule 5: "to" in an infinitive and "as" in any function stay lower-case.
    ("born to run, born to hide", "Born to Run, Born to Hide"),
    ("writing as a woman", "Writing as a Woman"),
    # 8.159 rule 1: first and last words of title and subtitle, and every major word.
    ("the war in iraq: an analysis of the surge", "The War in Iraq: An Analysis of the Surge"),
    ("what are you looking at: a study of attention", "What Are You Looking At: A Study of Attention"),
    # 8.161: hyphenated compounds.
    ("under-the-counter transactions", "Under-the-Counter Transactions"),
    ("self-sustaining reactions", "Self-Sustaining Reactions"),
    ("anti-intellectual pursuits", "Anti-intellectual Pursuits"),
    (
        "does foreign aid make sense for non-English-speaking nations?",
        "Does Foreign Aid Make Sense for Non-English-Speaking Nations?",
    ),
    ("gold-collar workers", "Gold-Collar Workers"),
    ("reading the twenty-first century", "Reading the Twenty-First Century"),
    ("life in early twenty-first-century america", "Life in Early Twenty-First-Century America"),
    ("record-breaking borrowing from fly-by-night lenders", "Record-Breaking Borrowing from Fly-by-Night Lenders"),
    ("a two-thirds majority of the voters", "A Two-Thirds Majority of the Voters"),
    # Chicago's Q&A on 8.159: "that" is never a preposition; "according to" is one.
    ("features of the website that are offered as premium", "Features of the Website That Are Offered as Premium"),
    ("the world according to garp", "The World according to Garp"),
]

PUBLISHED = [
    ("Iran's Secret Plan For Mayhem", "Iran's Secret Plan for Mayhem"),
    (
        "US general says Iranian-origin weapons turning up in Sunni insurgent hands",
        "US General Says Iranian-Origin Weapons Turning Up in Sunni Insurgent Hands",
    ),
    (
        "U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban",
        "U.S. Diplomat Says NATO Has Intercepted Iranian Weapons Shipments to Taliban",
    ),
    ("Iran and Al-Qaeda in Iraq: What's the Connection?", "Iran and Al-Qaeda in Iraq: What's the Connection?"),
    ("Coalition forces disrupt al-Qaeda network", "Coalition Forces Disrupt al-Qaeda Network"),
    ("al-Qaeda in Iraq and the surge", "Al-Qaeda in Iraq and the Surge"),
    ("The Clash of Civilizations?", "The Clash of Civilizations?"),
    ("The spy who came in from the cold", "The Spy Who Came In from the Cold"),
    ("One flew over the cuckoo's nest", "One Flew over the Cuckoo's Nest"),
    ("Gone With The Wind", "Gone with the Wind"),
    ("A Room With A View", "A Room with a View"),
    ("The Man Without Qualities", "The Man without Qualities"),
    ("Much ado about nothing", "Much Ado about Nothing"),
    ("Who's afraid of Virginia Woolf?", "Who's Afraid of Virginia Woolf?"),
    ("Do androids dream of electric sheep?", "Do Androids Dream of Electric Sheep?"),
    ("how to win friends and influence people", "How to Win Friends and Influence People"),
    ("What is to be done?", "What Is to Be Done?"),
    ("Because I could not stop for death", "Because I Could Not Stop for Death"),
    ("If on a winter's night a traveler", "If on a Winter's Night a Traveler"),
    ("What happened after we left", "What Happened After We Left"),
    ("After the war", "After the War"),
    ("Things fall apart", "Things Fall Apart"),
    ("All quiet on the western front", "All Quiet on the Western Front"),
    ("Through the looking-glass", "Through the Looking-Glass"),
    ("Standing up for science", "Standing Up for Science"),
    ("Fed up with Washington", "Fed Up with Washington"),
    ("Why the iPhone matters", "Why the iPhone Matters"),
    ("NATO's role in Afghanistan", "NATO's Role in Afghanistan"),
    ("COVID-19 and the economy", "COVID-19 and the Economy"),
    ("So long, and thanks for all the fish", "So Long, and Thanks for All the Fish"),
    ("Is this the 'smoking gun' on Iran?", "Is This the 'Smoking Gun' on Iran?"),
    ("Multi-National Force-Iraq weekly update", "Multi-National Force-Iraq Weekly Update"),
    ("Resistance/transformation of the oppositional binary", "Resistance/Transformation of the Oppositional Binary"),
]


@pytest.mark.parametrize("given, expected", MANUAL + PUBLISHED, ids=[e for _, e in MANUAL + PUBLISHED])
def test_headline_style(given, expected):
    assert headline_case(given) == expected


def test_the_table_is_large_enough_to_mean_something():
    assert len(MANUAL) + len(PUBLISHED) >= 40


def test_already_headline_styled_titles_are_left_alone():
    for _, expected in MANUAL + PUBLISHED:
        assert headline_case(expected) == expected


def test_markup_in_a_title_is_never_recased():
    assert headline_case("the 1600 eruption of <b>Huaynaputina</b>, southern Peru") == (
        "The 1600 Eruption of <b>Huaynaputina</b>, Southern Peru"
    )
    assert headline_case("<i>silent spring</i> and public debate") == "<i>Silent Spring</i> and Public Debate"
