"""The bundled dossier's sources (the seed's ISW Backgrounder #26) as Chicago cites them.

Each expected string is worked from the CMOS 17 rule named beside it; the bundled entry
files are the input, so these tests also guard the example dossier's data.
"""

from html.parser import HTMLParser

import pytest

from conftest import REPO
from dossiercli.chicago import TARGETS, bibliography_entry, full_note, render, short_note
from dossiercli.chicago.settings import dossier_settings
from dossiercli.load import open_dossier

DOSSIER = open_dossier(REPO)
STYLE = dossier_settings(DOSSIER).style  # [chicago] titles = "as-given": headlines as the seed prints them

PINNED = {
    # 14.191: author, “headline,” italic paper, date; URL last (14.6). Headline as printed (the dossier's setting).
    "lake2007-iran-secret-plan": (
        "Eli Lake, “Iran’s Secret Plan For Mayhem,” *New York Sun*, January 3, 2007, <http://www.nysun.com/article/46032>.",
        "Lake, “Iran’s Secret Plan For Mayhem.”",
        "Lake, Eli. “Iran’s Secret Plan For Mayhem.” *New York Sun*, January 3, 2007. <http://www.nysun.com/article/46032>.",
    ),
    # 14.207: an unsigned item begins with its headline in full notes; the agency stands for the author in the
    # bibliography and so leads the short note too (as biblatex-chicago and the CSL style do; the Manual shows none).
    "ap2007-iran-helping-sunni": (
        "“U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.",
        "Associated Press, “Iran Helping Some Sunni Insurgents.”",
        "Associated Press. “U.S.: Iran helping some Sunni insurgents.” May 9, 2007.",
    ),
    # Press release: the issuing body as author, the release number, the date, the URL (14.207 by analogy).
    "mnfi2007-three-suspected-terrorists": (
        "Multi-National Force-Iraq, “Three Suspected Terrorists Captured,” press release A070531a, May 31, 2007, "
        "<http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21>.",
        "Multi-National Force-Iraq, “Three Suspected Terrorists Captured.”",
        "Multi-National Force-Iraq. “Three Suspected Terrorists Captured.” Press release A070531a, May 31, 2007. "
        "<http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21>.",
    ),
    # 14.217: a briefing as a speech, its setting in parentheses; title-short as the entry gives it (14.32).
    "gibbs2007-dod-news-briefing": (
        "Ricky Gibbs, “Department of Defense News Briefing with Colonel Ricky Gibbs, Commander, 4th Brigade Combat "
        "Team, 1st Infantry Division” (news briefing, U.S. Department of Defense, May 25, 2007).",
        "Gibbs, “News Briefing with Colonel Ricky Gibbs.”",
        "Gibbs, Ricky. “Department of Defense News Briefing with Colonel Ricky Gibbs, Commander, 4th Brigade Combat "
        "Team, 1st Infantry Division.” News briefing, U.S. Department of Defense, May 25, 2007.",
    ),
    # 14.191: the page in the note, not in the bibliography; 13.30: the headline's own quotes become single.
    "wright2007-iranian-arms-taliban": (
        "Robin Wright, “Iranian Arms Destined for Taliban Seized in Afghanistan, Officials Say; ‘Large’ Shipment "
        "Said to Include Armor-Piercing Bombs,” *The Washington Post*, September 16, 2007, A19.",
        "Wright, “Iranian Arms Destined for Taliban.”",
        "Wright, Robin. “Iranian Arms Destined for Taliban Seized in Afghanistan, Officials Say; ‘Large’ Shipment "
        "Said to Include Armor-Piercing Bombs.” *The Washington Post*, September 16, 2007.",
    ),
    # 14.220 reports in a series; 17 6.119 the title's "?" keeps the comma after it; 14.32 four key words at most.
    "cochrane2007-iran-al-qaeda": (
        "Marisa Cochrane, *Iran and Al-Qaeda in Iraq: What’s the Connection?*, Backgrounder 26 "
        "(Institute for the Study of War, 2007).",
        "Cochrane, *Iran and Al-Qaeda in Iraq*.",
        "Cochrane, Marisa. *Iran and Al-Qaeda in Iraq: What’s the Connection?* Backgrounder 26. "
        "Institute for the Study of War, 2007.",
    ),
    # 14.195 ff.: a signed wire story with the service in roman, as the seed's footnote i prints it.
    "keaten2007-us-diplomat-nato": (
        "Jamey Keaten, “U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban,” "
        "Associated Press Worldstream, June 13, 2007.",
        "Keaten, “U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban.”",
        "Keaten, Jamey. “U.S. diplomat says NATO has intercepted Iranian weapons shipments to Taliban.” "
        "Associated Press Worldstream, June 13, 2007.",
    ),
}


@pytest.mark.parametrize("entry_id", sorted(PINNED))
def test_the_seeds_sources_full_short_and_bibliography(entry_id):
    entry = DOSSIER.get(entry_id)
    full, short, bibliography = PINNED[entry_id]
    assert render(full_note(entry, style=STYLE), "markdown") == full
    assert render(short_note(entry, style=STYLE), "markdown") == short
    assert render(bibliography_entry(entry, STYLE), "markdown") == bibliography


def test_the_bundled_dossier_asks_for_titles_as_given_and_the_default_mode():
    settings = dossier_settings(DOSSIER)
    assert settings.titles == "as-given" and settings.mode.name == "full-bib" and not STYLE.headline


@pytest.mark.parametrize("entry", DOSSIER.entries, ids=lambda entry: entry.id)
def test_every_bundled_source_renders_in_every_target(entry):
    for rich in (full_note(entry, "3"), short_note(entry, "3"), bibliography_entry(entry)):
        text = render(rich)
        assert text.endswith((".", ".”")) and ".." not in text.replace("...", "") and " ," not in text
        for target in TARGETS:
            assert render(rich, target)
        parser = HTMLParser()
        parser.feed(render(rich, "html"))
        parser.close()
        latex = render(rich, "latex")
        assert latex.isascii() and latex.count("{") == latex.count("}")
