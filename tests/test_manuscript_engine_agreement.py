"""The manuscript's sequencing agrees with the engine's `notes_for` wherever both apply.

`manuscript/notes.py` keeps its own position tracking because a manuscript needs more than a
list of notes (citations set inline in the writer's footnotes, a writer's note breaking the
run, the author left out); on plain sequences of notes the two must give the same text in
every note mode, so a rule changed in the engine cannot silently diverge here.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from dossiercli.chicago.notes import Style
from dossiercli.chicago.richtext import render
from dossiercli.chicago.sequence import Citation, notes_for
from dossiercli.chicago.settings import MODES
from dossiercli.load import open_dossier
from dossiercli.manuscript.cites import Cite, Locator
from dossiercli.manuscript.notes import Placed, Sequencer, compose, note_text

DOSSIER = open_dossier(REPO)
IDS = [
    "lake2007-iran-secret-plan",
    "ap2007-iran-helping-sunni",
    "wright2007-iranian-arms-taliban",
    "cochrane2007-iran-al-qaeda",
]
citation = st.tuples(st.sampled_from(IDS), st.sampled_from([None, "3", "4", "12–14"]))
sequences = st.lists(st.lists(citation, min_size=1, max_size=2), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(sequences, st.sampled_from(sorted(MODES)), st.booleans())
def test_same_notes_as_the_engine(sequence, mode_name, headline):
    mode = MODES[mode_name]
    style = Style(edition=mode.edition, headline=headline)
    theirs = notes_for([tuple(Citation(i, loc) for i, loc in note) for note in sequence], DOSSIER.get, style, mode=mode)
    sequencer = Sequencer(style, mode.ibid, mode.short_only)
    ours = []
    for note in sequence:
        unit = [Placed(Cite(i, 0, locator=Locator("page", loc) if loc else None), DOSSIER.get(i)) for i, loc in note]
        ours.append(render(note_text(compose(unit, sequencer.bodies(unit)))))
    assert ours == [render(n.text) for n in theirs]
