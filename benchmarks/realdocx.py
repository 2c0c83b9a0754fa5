"""Type citations into real .docx and .odt files and cite them: the sweep behind docs/manuscript.md's Word section.

    python benchmarks/realdocx.py FOLDER_OR_FILE...

For each document: citations are typed into up to four body paragraphs (each split over two
runs, as Word leaves them), `dossier manuscript`'s engine cites it against the bundled
dossier, and the result is checked: no exception but a one-line `DossierError`; every part
other than the story, the footnotes, the styles, the content types and the story's
relationships byte for byte as read; every typed citation a footnote, or a warning saying why
not (a field's result, a link). Third-party files are fetched, never committed (small ones
are kept in tests/fixtures/docx/ with where they came from).
"""

from __future__ import annotations

import io
import re
import sys
import traceback
import zipfile
from collections import Counter
from pathlib import Path

from dossiercli.errors import DossierError
from dossiercli.load import open_dossier
from dossiercli.manuscript import ooxml
from dossiercli.manuscript.odt import cite_odt, o, t
from dossiercli.manuscript.ooxml import Package, w
from dossiercli.manuscript.word import cite_docx

REPO = Path(__file__).resolve().parents[1]


def type_citations(data: bytes, name: str) -> tuple[bytes, int]:
    package = Package(data, name)
    body = package.xml(package.main).find(w("body"))
    paragraphs = [
        p
        for p in (body.iter(w("p")) if body is not None else [])
        if "".join(t.text or "" for t in p.iter(w("t"))).strip()
        and not any(a.tag == w("txbxContent") for a in p.iterancestors())
    ]
    chosen = paragraphs[:: max(1, len(paragraphs) // 4)][:4]
    for paragraph in chosen:
        paragraph.append(ooxml.run(" [@lake"))
        paragraph.append(ooxml.run("2007, 3]."))
    package.touch(package.main)
    return package.save(), len(chosen)


def type_into_odt(data: bytes, name: str) -> tuple[bytes, int]:
    from lxml import etree

    package = Package(data, name, odf=True)
    office_text = package.xml("content.xml").find(f"{o('body')}/{o('text')}")
    paragraphs = [
        p
        for p in (office_text.iter(t("p"), t("h")) if office_text is not None else [])
        if "".join(p.itertext()).strip()
        and not any(a.tag in (t("note-body"), t("tracked-changes")) for a in p.iterancestors())
    ]
    chosen = paragraphs[:: max(1, len(paragraphs) // 4)][:4]
    for paragraph in chosen:
        span = etree.SubElement(paragraph, t("span"))  # split over a span and the text after it
        span.text, span.tail = " [@lake", "2007, 3]."
    package.touch("content.xml")
    return package.save(), len(chosen)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def main() -> None:
    resolver = open_dossier(REPO).resolver
    files = [
        p
        for arg in sys.argv[1:]
        for p in (sorted([*Path(arg).glob("*.docx"), *Path(arg).glob("*.odt")]) if Path(arg).is_dir() else [Path(arg)])
    ]
    tally: Counter[str] = Counter()
    for path in files:
        try:
            odf = path.suffix == ".odt"
            typed, count = (type_into_odt if odf else type_citations)(path.read_bytes(), path.name)
            result = (cite_odt if odf else cite_docx)(typed, resolver, name=path.name)
        except DossierError as error:
            tally["refused with a message"] += 1
            print(f"refused  {error}")
            continue
        except Exception:  # a defect: report it with its traceback
            tally["EXCEPTION"] += 1
            print(f"EXCEPTION {path.name}")
            traceback.print_exc(limit=4)
            continue
        if result.errors:
            tally["problems reported"] += 1
            print(f"problems {path.name}: {result.errors[0].format(path.name)}")
            continue
        before, after = parts(typed), parts(result.data)
        package = Package(typed, odf=odf)
        allowed = {package.main, ooxml.rels_name(package.main), ooxml.CONTENT_TYPES, "word/styles.xml"}
        allowed |= {name for name in after if "footnotes" in name}
        changed = {name for name in after if before.get(name) != after[name]} - allowed
        story = Package(result.data, odf=odf).parts[package.main]
        left = re.sub(rb'(text:name|w:instr)="[^"]*"|<w:instrText[^>]*>[^<]*', b"", story).count(
            b"[@lake"
        )  # not our marks
        warned = sum(1 for f in result.findings if f.warning)
        if changed:
            tally["OTHER PARTS CHANGED"] += 1
            print(f"CHANGED  {path.name}: {sorted(changed)}")
        elif left > warned:
            tally["CITATION LEFT SILENTLY"] += 1
            print(f"LEFT     {path.name}: {left} citations left, {warned} warnings")
        else:
            tally["cited" + (" (some left, with a warning)" if left else "")] += 1
        tally["citations typed"] += count
    print(", ".join(f"{key}: {value}" for key, value in sorted(tally.items())), f"(of {len(files)} documents)")


if __name__ == "__main__":
    main()
