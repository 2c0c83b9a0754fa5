"""`dossier manuscript --explain`: every note of a manuscript with the rule behind each element.

The same report as `dossier cite --explain` (chicago/sections.py), for the notes the manuscript
makes: each generated note with the form its citations take and its elements; in a writer's own
footnote, each citation set inline; then the bibliography entries.
"""

from __future__ import annotations

from dossiercli.chicago.richtext import Rich, render
from dossiercli.chicago.sections import explain, explain_lines
from dossiercli.manuscript.build import PLACEHOLDER, Built


def report(built: Built, bibliography: list[Rich], edition: int, short_only: bool, headline: bool) -> str:
    lines: list[str] = []
    for note in built.notes:
        if note.generated is not None:
            lines.append(f"{note.number}. {render(note.generated, 'text')}")
            lines.extend(
                explain_lines(
                    explain(note.generated, edition, note.positions, short_only=short_only, headline=headline)
                )
            )
            continue
        own = PLACEHOLDER.sub(
            lambda m: f"[{render(built.inline[int(m.group(2))], 'text')}]" if m.group(2) else f"[^{m.group(1)}]",
            note.own or "",
        )
        lines.append(f"{note.number}. (your note) {own}")
        for match in PLACEHOLDER.finditer(note.own or ""):
            if match.group(2) is None:
                continue
            index = int(match.group(2))
            citation = built.inline[index]
            lines.append(f"   cited inline: {render(citation, 'text')}")
            positions = built.inline_positions.get(index, ())
            lines.extend(
                explain_lines(explain(citation, edition, positions, short_only=short_only, headline=headline), "     ")
            )
    if bibliography:
        lines.append("")
        lines.append("Bibliography")
    for entry in bibliography:
        lines.append(f"   {render(entry, 'text')}")
        lines.extend(explain_lines(explain(entry, edition, headline=headline)))
    return "\n".join(lines) + "\n" if lines else ""
