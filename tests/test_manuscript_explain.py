"""`dossier manuscript --explain`: every note a manuscript makes, every element with its rule (issue 23, item 12)."""

from __future__ import annotations

from conftest import FIXTURES, REPO
from dossiercli.chicago.notes import Style
from dossiercli.chicago.sections import explaining, untagged
from dossiercli.load import open_dossier
from dossiercli.manuscript.build import Options, build

EVERY_FORM = FIXTURES / "manuscript" / "every-form.md"


def test_every_note_and_inline_citation_of_the_every_form_manuscript_is_tagged():
    """Prefixes, suffixes, locator labels, author in the text, a writer's own notes, both editions, Ibid."""
    resolver = open_dossier(REPO).resolver
    for options in (Options(), Options(Style(18), ibid=True), Options(Style(18), short_only=True)):
        with explaining():
            built = build(EVERY_FORM.read_text(encoding="utf-8"), resolver, options)
        citations = [n.generated for n in built.notes if n.generated is not None]
        citations += [built.inline[index] for index in built.inline_positions]
        assert len(citations) > 15
        for text in citations:
            assert untagged(text) == [], text.plain()


def test_the_report_explains_notes_own_notes_and_the_bibliography(run):
    result = run("manuscript", EVERY_FORM, "--explain", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("1. Eli Lake, “Iran’s Secret Plan For Mayhem,”")
    assert "   first: CMOS 14.20, the first citation of a work: a full note\n" in out
    assert "   consecutive: CMOS 14.34, the work of the note just before, cited again" in out
    assert "(your note) The writer's own footnote:" in out
    assert "   cited inline: See, Jamey Keaten," in out
    assert "emphasis added — CMOS 14.36 (paragraph not verified): the writer’s words" in out
    assert "\nBibliography\n" in out and "[names.bibliography]" in out


def test_explain_writes_no_manuscript(run, tmp_path):
    out = tmp_path / "paper.html"
    result = run("manuscript", EVERY_FORM, "--explain", "-o", out, "--dir", REPO)
    assert result.exit_code == 0 and not out.exists()
