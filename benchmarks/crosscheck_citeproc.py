"""Compare our Chicago output with citeproc-js on the official Chicago CSL style, case by case.

    (cd benchmarks/out/node && npm install citeproc)   # once; not a project dependency
    python benchmarks/crosscheck_citeproc.py [--edition 18] [DOSSIER_DIR ...] > benchmarks/out/crosscheck.txt

Without a directory it reads benchmarks/crosscheck_cases/ (our own cases, one or more per
entry type and name form) and the bundled dossier. For every entry it prints our first
note, subsequent short note, the note for the same work again at once, and the
bibliography entry beside citeproc-js's, then the count of identical forms. Where they
differ, docs/chicago.md says which rule of the Manual we follow.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from dossiercli.chicago import Style, bibliography_entry, render
from dossiercli.chicago.sequence import Citation, notes_for
from dossiercli.formats.csljson import to_csl
from dossiercli.load import open_dossier

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "csl"
STYLES = {17: "chicago-notes-bibliography-17th-edition.csl", 18: "chicago-notes-bibliography.csl"}
FORMS = ("first", "subsequent", "consecutive", "bibliography")


def csl_item(entry) -> dict:
    """Our entry as CSL-JSON; the `note` field is dropped (citeproc-js reads "key: value" lines in it as fields)."""
    item = to_csl(entry)
    item.pop("note", None)
    return item


def citeproc(items: list[dict], edition: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(items, handle)
    result = subprocess.run(
        [
            "node",
            str(HERE / "crosscheck_citeproc.js"),
            str(HERE / "out" / "node" / "node_modules"),
            str(SHARED / STYLES[edition]),
            str(SHARED / "locales-en-US.xml"),
            handle.name,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def ours(entry, other, entries_by_id, style: Style) -> dict:
    """The same four-note sequence the JS script runs: item p. 3, another item, item p. 5, item p. 6."""
    sequence = [
        (Citation(entry.id, "3"),),
        (Citation(other.id),),
        (Citation(entry.id, "5"),),
        (Citation(entry.id, "6"),),
    ]
    notes = notes_for(sequence, entries_by_id.__getitem__, style)
    return {
        "first": render(notes[0].text),
        "subsequent": render(notes[2].text),
        "consecutive": render(notes[3].text),
        "bibliography": render(bibliography_entry(entry, style)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=[HERE / "crosscheck_cases", HERE.parent])
    parser.add_argument("--edition", type=int, choices=sorted(STYLES), default=17)
    args = parser.parse_args()
    entries = [entry for root in args.dirs for entry in open_dossier(root).entries]
    by_id = {entry.id: entry for entry in entries}
    reference = citeproc([csl_item(entry) for entry in entries], args.edition)
    style = Style(edition=args.edition)
    same = total = 0
    for index, entry in enumerate(entries):
        other = entries[1] if index == 0 else entries[0]
        mine, theirs = ours(entry, other, by_id, style), reference[entry.id]
        print(f"== {entry.id} ({entry.type})")
        for form in FORMS:
            total += 1
            if mine[form] == theirs[form]:
                same += 1
                print(f"  {form:12} same:     {mine[form]}")
            else:
                print(f"  {form:12} ours:     {mine[form]}\n  {'':12} citeproc: {theirs[form]}")
    print(f"\n{same} of {total} forms identical to citeproc-js with {STYLES[args.edition]}")


if __name__ == "__main__":
    main()
