"""Chicago notes and bibliography for N generated entries, beside citeproc-py on the same items.

    pip install citeproc-py        # for the comparison only; not a project dependency
    python benchmarks/bench_chicago.py [N] [CITEPROC_N]

citeproc-py is slow (FACTS.md: ~2 s for 200 items), so it runs on the first CITEPROC_N
items and the comparison is per item. Both run in this process, timed the same way.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dossiercli.chicago import Style, render  # noqa: E402
from dossiercli.chicago.sequence import Citation, bibliography, notes_for  # noqa: E402
from dossiercli.formats.csljson import to_csl  # noqa: E402
from dossiercli.model.parse import parse_entry  # noqa: E402
from generate import generate  # noqa: E402

STYLE = Path(__file__).resolve().parents[2] / "shared" / "csl" / "chicago-notes-bibliography-17th-edition.csl"


def ours(entries) -> float:
    """Every entry cited twice, far apart (a full note, then a short one), and the sorted bibliography."""
    by_id = {entry.id: entry for entry in entries}
    sequence = [(Citation(entry.id, "12"),) for entry in entries] * 2
    start = time.perf_counter()
    style = Style()
    notes = [render(note.text) for note in notes_for(sequence, by_id.__getitem__, style)]
    entries_text = [render(text) for _, text in bibliography(entries, style)]
    elapsed = time.perf_counter() - start
    assert len(notes) == 2 * len(entries) and len(entries_text) == len(entries)
    return elapsed


def citeproc_py(entries) -> float:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    items = []
    for entry in entries:
        item = to_csl(entry)
        item.pop("note", None)
        items.append(item)
    start = time.perf_counter()
    source = CiteProcJSON(items)
    style = CitationStylesStyle(str(STYLE), validate=False)
    engine = CitationStylesBibliography(style, source, formatter.plain)
    citations = [Citation([CitationItem(item["id"], locator=Locator("page", "12"))]) for item in items] * 2
    for citation in citations:
        engine.register(citation)
    notes = [str(engine.cite(citation, lambda item: None)) for citation in citations]
    entries_text = [str(text) for text in engine.bibliography()]
    elapsed = time.perf_counter() - start
    assert len(notes) == 2 * len(items) and entries_text
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    their_count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    entries = [parse_entry(table, entry_id)[0] for entry_id, table in generate(count)]
    ours_time = ours(entries)
    print(
        f"dossiercli: {count} entries, 2 notes each (full, then short) + sorted bibliography: {ours_time:.2f} s "
        f"({ours_time / count * 1e6:.0f} µs per item)"
    )
    try:
        theirs = citeproc_py(entries[:their_count])
    except ImportError:
        print("citeproc-py not installed: pip install citeproc-py to compare")
        return
    print(
        f"citeproc-py: {their_count} entries, 2 notes each + bibliography: {theirs:.2f} s ({theirs / their_count * 1e6:.0f} µs per item)"
    )
    print(f"ratio per item, citeproc-py / dossiercli: {theirs / their_count / (ours_time / count):.0f}x")


if __name__ == "__main__":
    main()
