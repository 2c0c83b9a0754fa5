"""Every field of real records reaches the reader, or Chicago leaves it out on purpose.

    python benchmarks/crosscheck_fields.py FILE.bib [FILE.json …]

The coverage test (tests/test_chicago_coverage.py) on records nobody here wrote: the files are
imported as a user would (`dossier import --keep-going --allow-incomplete` into a fresh dossier),
and for every imported entry and every field it carries, the field is taken away and the full
note (with and without a locator), the short note and the bibliography entry, CMOS 17 and 18,
are rendered again. A field whose removal changes nothing and that `chicago.omitted.OMITTED`
does not list for the entry's type is reported: a fact the importer kept and the formatter
drops. Fields left out by a rule that depends on the other fields (`by_rule`: a first edition, a
publisher that is also the author) are not counted, nor fields that only stand in for another (`PRECEDENCE`: a URL beside a DOI) are not counted
when the other is there.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from pathlib import Path

from dossiercli.chicago import bibliography_entry, full_note, render, short_note
from dossiercli.chicago.notes import Style, _edition
from dossiercli.chicago.omitted import PRECEDENCE, omission, related
from dossiercli.chicago.titles import short_title
from dossiercli.load import open_dossier
from dossiercli.model.entry import ALL_FIELDS, DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS, Entry

ATTR = {**TEXT_FIELDS, **DATE_FIELDS, **NAME_FIELDS, "tags": "tags", "extra": "extra", "excerpts": "excerpts"}
EMPTY = {f.name: f.default for f in dataclass_fields(Entry)}


def forms(entry: Entry) -> tuple[str, ...]:
    out = []
    for edition in (17, 18):
        style = Style(edition=edition)
        out += [
            render(full_note(entry, "12", style), "text"),
            render(full_note(entry, None, style), "text"),
            render(short_note(entry, "15", style), "text"),
            render(bibliography_entry(entry, style), "text"),
        ]
    return tuple(out)


def by_rule(entry: Entry, key: str) -> str | None:
    """A field left out by a rule that depends on the other fields (the section), not by the type."""
    if key == "title-short" and (entry.title_short or "").casefold() == short_title(entry.title).casefold():
        return "14.33: the short title we derive is the same"
    if key == "edition" and _edition(entry) is None:
        return "14.113: a first edition is not mentioned"
    if key == "publisher" and any(n.literal and n.literal.strip() == entry.publisher for n in entry.authors[:1]):
        return "18th edition: the organisation that is author and publisher is named once"
    if key == "issued" and entry.type == "encyclopedia-entry" and not (entry.authors or entry.publisher or entry.url):
        return "14.232: a well-known reference work is cited without facts of publication"
    return None


def silent_fields(entry: Entry) -> list[str]:
    """The fields of an entry that change no form and are not on the omitted list for its type."""
    shown = forms(entry)
    silent = []
    for key in ALL_FIELDS:
        if key == "type" or not entry.get(key) or omission(entry.type, key) is not None or by_rule(entry, key):
            continue
        if any(entry.get(other) for other in related(PRECEDENCE, entry.type, key)):
            continue  # a URL beside a DOI, an access date beside a publication date: rightly not printed
        empty = "" if key == "title" else EMPTY[ATTR[key]]
        if forms(replace(entry, **{ATTR[key]: empty})) == shown:
            silent.append(key)
    return silent


def main(files: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "dossier"
        dossier_cmd = [sys.executable, "-m", "dossiercli"]
        subprocess.run([*dossier_cmd, "init", str(root), "--title", "fields"], check=True, capture_output=True)
        for file in files:
            result = subprocess.run(
                [*dossier_cmd, "import", str(Path(file).resolve()), "--keep-going", "--allow-incomplete"],
                capture_output=True,
                text=True,
                cwd=root,
            )
            print(
                f"{file}: {result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:]}"
            )
        dossier = open_dossier(root)
        pairs = Counter()
        by_type: Counter = Counter()
        total = 0
        for entry in dossier.entries:
            total += sum(1 for key in ALL_FIELDS if key != "type" and entry.get(key))
            for key in silent_fields(entry):
                pairs[(entry.type, key)] += 1
                by_type[entry.type] += 1
                print(f"  silent: {entry.id} ({entry.type}) {key} = {str(entry.get(key))[:60]!r}")
        print(f"{len(dossier.entries)} entries, {total} fields set, {sum(pairs.values())} silent and not omitted")
        for (kind, key), count in pairs.most_common():
            print(f"{count:4} {kind}.{key}")
    return 1 if pairs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
