"""The seed's own footnote ⁱ, rebuilt from a one-paragraph manuscript citing the bundled entries.

The seed (ISW Backgrounder #26) prints its footnote with straight quotes, so the manuscript
is rendered with --ascii; the writer's words come first, the citation is set inline in the
writer's own footnote, "See," is its prefix and A19 its locator.
"""

from pathlib import Path

from conftest import REPO
from dossiercli.chicago.notes import Style
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import Options, build
from dossiercli.manuscript.targets import Document, write

# The seed's paragraph (its first sentences) and footnote ⁱ, re-keyed from seed/000_e118f31f6c6897aa.txt.
SEED_FOOTNOTE = (
    "Several large weapons shipments from elements of the Iranian regime to the Taliban have been intercepted by "
    "NATO forces. Former British Prime Minister, Tony Blair, and the former Undersecretary of State for Political "
    'Affairs, R. Nicholas Burns, have both stated that there was "clear" and "irrefutable" evidence of Iranian '
    'support for the Taliban. See, Jamey Keaten, "U.S. diplomat says NATO has intercepted Iranian weapons shipments '
    'to Taliban," Associated Press Worldstream, June 13, 2007; Robin Wright, "Iranian Arms Destined for Taliban '
    "Seized in Afghanistan, Officials Say; 'Large' Shipment Said to Include Armor-Piercing Bombs,\" *The Washington "
    "Post*, September 16, 2007, A19."
)
MANUSCRIPT = """\
It is widely speculated in the media that the relationship between the Shi'a government of Iran and the Sunni \
insurgent group, al-Qaeda in Iraq, is a hostile one, primarily because of the sectarian differences between the \
two. However, there is clear evidence of Iranian support for another Sunni group, the Taliban in Afghanistan.[^i] \
Therefore, it is worth investigating the potential links between al-Qaeda in Iraq and the Iranian regime.

[^i]: Several large weapons shipments from elements of the Iranian regime to the Taliban have been intercepted by \
NATO forces. Former British Prime Minister, Tony Blair, and the former Undersecretary of State for Political \
Affairs, R. Nicholas Burns, have both stated that there was "clear" and "irrefutable" evidence of Iranian support \
for the Taliban. [See, @keaten2007-us-diplomat-nato; @wright2007-iranian-arms-taliban, A19].
"""


def footnote(root: Path) -> str:
    # As-given titles: the seed prints its sources' headlines as they ran ("U.S. diplomat says NATO…").
    built = build(MANUSCRIPT, open_dossier(root).resolver, Options(Style(headline=False)))
    assert built.findings == []
    markdown = write(Document(built, [], ascii_quotes=True), "markdown")
    body, _, notes = markdown.partition("\n[^1]: ")
    assert "in Afghanistan.[^1] Therefore" in body
    return notes.rstrip("\n")


def test_the_seeds_footnote_from_the_bundled_entries():
    # Word for word the seed's, "See," and "A19" included. The bundled entry gives the paper as the seed
    # prints it, "The Washington Post"; the bundled dossier cites as-given, which keeps it (under headline
    # style the initial "The" of a newspaper is dropped, CMOS 17 14.191).
    assert footnote(REPO) == SEED_FOOTNOTE


def test_under_headline_style_the_papers_initial_the_is_dropped():
    built = build(MANUSCRIPT, open_dossier(REPO).resolver, Options(Style(headline=True)))
    markdown = write(Document(built, [], ascii_quotes=True), "markdown")
    assert "*Washington Post*, September 16, 2007, A19." in markdown and "*The Washington Post*" not in markdown
