"""citeproc-py doing what `dossier notes` + `dossier bibliography` do, on the first N items.

python citeproc_notes.py STYLE.csl ITEMS.json N      # run with the peers' venv (benchmarks/run.py)
"""

import json
import sys

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

style_path, items_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = json.load(open(items_path, encoding="utf-8"))
items = (data if isinstance(data, list) else data["items"])[:count]
for item in items:
    item.pop("note", None)
engine = CitationStylesBibliography(
    CitationStylesStyle(style_path, validate=False), CiteProcJSON(items), formatter.plain
)
citations = [Citation([CitationItem(item["id"])]) for item in items]
for citation in citations:
    engine.register(citation)
notes = [str(engine.cite(citation, lambda item: None)) for citation in citations]
entries = [str(text) for text in engine.bibliography()]
assert len(notes) == len(items) and len(entries) == len(items), (len(notes), len(entries))
