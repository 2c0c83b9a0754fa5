"""Our LaTeX decoding beside pandoc's biblatex reader and pybtex's on the same real .bib files:
titles and first authors' surnames, record by record. docs/formats.md summarises what this prints.

    python benchmarks/compare_decoders.py FILE.bib... [--examples N]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata

from dossiercli.formats.bibtex import read_bibtex


def normal(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def loose(text: str) -> str:
    """Ignoring what a CSL processor changes anyway: case (pandoc writes sentence case), quote style."""
    return text.casefold().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def ours(text: str) -> dict[str, tuple[str, str]]:
    records, _ = read_bibtex(text)
    out = {}
    for record in records:
        people = record.table.get("author") or record.table.get("editor") or [{}]
        family = " ".join(p for p in (people[0].get("non-dropping-particle"), people[0].get("family")) if p)
        out.setdefault(record.key, (normal(record.table.get("title")), normal(family or people[0].get("literal"))))
    return out


def pandoc(path: str) -> dict[str, tuple[str, str]]:
    if not shutil.which("pandoc"):
        return {}
    result = subprocess.run(
        ["pandoc", "-f", "biblatex", "-t", "csljson", path], capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        return {"<pandoc failed>": (result.stderr.strip()[:80], "")}
    out = {}
    for item in json.loads(result.stdout):
        people = item.get("author") or item.get("editor") or [{}]
        family = " ".join(p for p in (people[0].get("non-dropping-particle"), people[0].get("family")) if p)
        out[item["id"]] = (normal(item.get("title")), normal(family or people[0].get("literal")))
    return out


def pybtex(path: str) -> dict[str, tuple[str, str]]:
    from pybtex.database import parse_file
    from pybtex.errors import set_strict_mode
    from pybtex.richtext import Text

    set_strict_mode(False)

    def text(value: str) -> str:
        try:
            return normal(Text.from_latex(value).render_as("text"))
        except Exception as error:  # noqa: BLE001 - counted as a difference
            return f"<error: {type(error).__name__}>"

    out = {}
    for key, entry in parse_file(path, "bibtex").entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        family = text(" ".join(people[0].prelast_names + people[0].last_names)) if people else ""
        out[key] = (text(entry.fields.get("title", "")), family)
    return out


def main() -> None:
    examples = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 5
    for path in [a for a in sys.argv[1:] if a.endswith((".bib", ".biblatex"))]:
        with open(path, encoding="utf-8") as handle:
            mine = ours(handle.read())
        for name, theirs in (("pandoc", pandoc(path)), ("pybtex", pybtex(path))):
            shared = [k for k in mine if k in theirs]
            titles = [k for k in shared if loose(mine[k][0]) != loose(theirs[k][0])]
            names = [k for k in shared if mine[k][1].replace(" ", "") != theirs[k][1].replace(" ", "")]
            print(
                f"{path} vs {name}: {len(shared)} records in both; titles differ {len(titles)} (ignoring case "
                f"and quote style), "
                f"first surnames differ {len(names)}"
            )
            for key in titles[:examples]:
                print(f"    {key}: ours {mine[key][0][:90]!r}\n    {' ' * len(key)}  {name} {theirs[key][0][:90]!r}")
            for key in names[:examples]:
                print(f"    {key}: ours {mine[key][1]!r}  {name} {theirs[key][1]!r}")


if __name__ == "__main__":
    main()
