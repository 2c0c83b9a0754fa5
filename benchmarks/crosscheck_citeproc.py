"""Compare our Chicago output with citeproc-js on the official CMOS 17 CSL style, case by case.

    (cd benchmarks/out/node && npm install citeproc)   # once; not a project dependency
    python benchmarks/crosscheck_citeproc.py [DOSSIER_DIR] > benchmarks/out/crosscheck.txt

Prints, for every entry, our full note, short note and bibliography entry beside the
reference processor's, and a count of exact matches. Where they differ, docs/chicago.md
says which rule of the Manual we follow.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from dossiercli.chicago import bibliography_entry, full_note, render, short_note
from dossiercli.formats.csljson import to_csl
from dossiercli.load import open_dossier

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "csl"


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent
    extra = HERE / "crosscheck_cases"
    entries = open_dossier(root).entries + (open_dossier(extra).entries if (extra / "dossier.toml").exists() else [])
    items = []
    for entry in entries:
        item = to_csl(entry)
        item.pop("note", None)  # citeproc-js reads "key: value" lines in note as fields
        items.append(item)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(items, handle)
    reference = json.loads(subprocess.run(
        ["node", str(HERE / "crosscheck_citeproc.js"), str(HERE / "out" / "node" / "node_modules"),
         str(SHARED / "chicago-notes-bibliography-17th-edition.csl"), str(SHARED / "locales-en-US.xml"), handle.name],
        capture_output=True, text=True, check=True).stdout)
    same = total = 0
    for entry in entries:
        theirs = reference[entry.id]
        ours = {"first": render(full_note(entry, "3")), "subsequent": render(short_note(entry, "5")),
                "bibliography": render(bibliography_entry(entry))}
        print(f"== {entry.id} ({entry.type})")
        for form in ("first", "subsequent", "bibliography"):
            total += 1
            if ours[form] == theirs[form]:
                same += 1
                print(f"  {form:12} same: {ours[form]}")
            else:
                print(f"  {form:12} ours:      {ours[form]}\n  {'':12} citeproc:  {theirs[form]}")
    print(f"\n{same} of {total} forms identical to citeproc-js with the official CMOS 17 style")


if __name__ == "__main__":
    main()
