"""Cross-check our Chicago notes against citeproc-js on records of real works, imported as a user would.

    python benchmarks/crosscheck_real.py            # writes benchmarks/crosscheck_real/results.{md,json}
    python benchmarks/crosscheck_real.py --limit 10 --out /tmp/xc   # a quick look at ten records

The records are in benchmarks/crosscheck_real/: sources.json (CSL-JSON items as Zotero / Better
BibTeX exported them, each with a `source` note) and sources.bib (biblatex records of
biblatex-chicago's notes test file, each with a `% source:` line). Facts are re-keyed; no
third-party file is vendored. What the run does:

1. makes a fresh dossier (`dossier init`) in a temporary folder and imports both files with
   `dossier import --keep-going --allow-incomplete`, exactly as a user would; nothing is fixed
   by hand. Refused records are reported as import failures.
2. renders, for each official style (CMOS 17; CMOS 18; CMOS 17 with "Ibid.", against our
   `--ibid`), six forms of every imported record with our engine: the first (full) note with and
   without a page locator, the short note with and without one, the same work again at once,
   and the bibliography entry;
3. renders the same forms with citeproc-js and the official CSL styles in ../shared/csl/, from
   the record itself (CSL-JSON) or from pandoc's conversion of the biblatex record (pandoc is
   the converter a biblatex user would reach for);
4. compares the two (italics kept as *…*), and writes every difference with both outputs, the
   counts per form, and the fields the import lost (a CSL field of the record that our entry,
   exported again as CSL-JSON, no longer carries).

Needs node (citeproc is installed by npm into benchmarks/out/node on first run) and pandoc.
The classification of the differences is benchmarks/crosscheck_real/DEFECTS.md, written from
these results by benchmarks/crosscheck_classify.py.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from dossiercli.chicago import bibliography_entry, render
from dossiercli.chicago.sequence import Citation, notes_for
from dossiercli.chicago.settings import resolve
from dossiercli.formats.csljson import to_csl
from dossiercli.load import CONFIG_FILE, open_dossier
from dossiercli.model.parse import parse_entry

HERE = Path(__file__).resolve().parent
DATA = HERE / "crosscheck_real"
# The official styles: $CROSSCHECK_CSL_DIR, else the nearest shared/csl/ above the repository.
CSL_DIR = (
    Path(os.environ["CROSSCHECK_CSL_DIR"])
    if os.environ.get("CROSSCHECK_CSL_DIR")
    else next(
        (parent / "shared" / "csl" for parent in HERE.parents if (parent / "shared" / "csl").is_dir()), HERE / "csl"
    )
)
NODE_DIR = HERE / "out" / "node"
# Each official style beside the `dossier cite` options that mean the same: (style file, --mode, --ibid).
STYLES = {
    "17": ("chicago-notes-bibliography-17th-edition.csl", "full-bib", False),
    "18": ("chicago-notes-bibliography.csl", "18", False),
    "17-ibid": ("chicago-notes-bibliography-subsequent-ibid-17th-edition.csl", "full-bib", True),
}
FORMS = ("first-locator", "first", "short-locator", "short", "again-locator", "bibliography")
FORM_LABELS = {
    "first-locator": "first note, p. 12",
    "first": "first note, no locator",
    "short-locator": "short note, p. 15",
    "short": "short note, no locator",
    "again-locator": "same work again at once, p. 16",
    "bibliography": "bibliography entry",
}
# A neutral work cited between two citations of each record (so that the second is "subsequent").
OTHER = {
    "id": "crosscheck-other",
    "type": "book",
    "title": "A Neutral Work",
    "publisher": "Other Press",
    "publisher-place": "Chicago",
    "issued": {"date-parts": [[2000]]},
    "author": [{"family": "Other", "given": "Anne"}],
}
OTHER_TOML = {
    "type": "book",
    "title": "A Neutral Work",
    "publisher": "Other Press",
    "publisher-place": "Chicago",
    "issued": "2000",
    "author": [{"family": "Other", "given": "Anne"}],
}
WROTE = re.compile(r"^(?:wrote|replace) (?P<path>\S+)  <- (?P<file>.+):(?P<line>\d+)$")
MESSAGE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>error|warning|duplicate): (?P<text>.*)$")
# CSL fields an import may drop without losing anything a citation prints.
NOT_CITED = frozenset(
    {
        "id",
        "citation-key",
        "abstract",
        "language",
        "source",
        "call-number",
        "file",
        "GSCC",
        "license",
        "note",
        "keyword",
        "ISSN",
        "PMID",
        "PMCID",
        "number-of-pages",
        "available-date",
        "custom",
    }
)


# -- the records -------------------------------------------------------------------------------------


def load_sources(limit: int | None = None) -> list[dict]:
    """Every record: {id, origin ('csl-json' | 'biblatex'), source, record (CSL-JSON or biblatex text)}."""
    wrapped = json.loads((DATA / "sources.json").read_text(encoding="utf-8"))
    records = [
        {"id": str(w["record"]["id"]), "origin": "csl-json", "source": w["source"], "record": w["record"]}
        for w in wrapped
    ]
    bib = (DATA / "sources.bib").read_text(encoding="utf-8")
    for match in re.finditer(r"^% source: (?P<source>.*)\n@(?P<type>\w+)\{(?P<key>[^,]+),", bib, re.M):
        records.append({"id": match["key"], "origin": "biblatex", "source": match["source"], "type": match["type"]})
    if limit:
        half = max(1, limit // 2)
        records = records[:half] + [r for r in records if r["origin"] == "biblatex"][: limit - half]
    return records


def write_exports(records: list[dict], folder: Path) -> tuple[Path | None, Path | None, dict]:
    """The files a user would import: the CSL-JSON library (one item a line) and the .bib; which record starts on which line."""
    lines: dict[tuple[str, int], str] = {}
    json_path = bib_path = None
    items = [r for r in records if r["origin"] == "csl-json"]
    if items:
        json_path = folder / "library.json"
        body = (
            ["["]
            + [
                json.dumps(r["record"], ensure_ascii=False) + ("," if i < len(items) - 1 else "")
                for i, r in enumerate(items)
            ]
            + ["]"]
        )
        json_path.write_text("\n".join(body) + "\n", encoding="utf-8")
        for i, r in enumerate(items):
            lines[(json_path.name, i + 2)] = r["id"]
    keys = {r["id"] for r in records if r["origin"] == "biblatex"}
    if keys:
        bib_path = folder / "library.bib"
        text = (DATA / "sources.bib").read_text(encoding="utf-8")
        chunks = re.split(r"(?m)^(?=% source: )", text)
        kept = [chunks[0]] + [c for c in chunks[1:] if re.search(r"^@\w+\{([^,]+),", c, re.M)[1] in keys]
        text = "".join(kept)
        bib_path.write_text(text, encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            match = re.match(r"@\w+\{([^,]+),", line)
            if match:
                lines[(bib_path.name, number)] = match[1]
    return json_path, bib_path, lines


def dossier_import(root: Path, files: list[Path], lines: dict) -> tuple[dict[str, Path], dict[str, list[str]], str]:
    """Run `dossier import` as a user would; which entry file each record became, and what it said about each."""
    command = [
        sys.executable,
        "-m",
        "dossiercli",
        "import",
        "--dir",
        str(root),
        "--keep-going",
        "--allow-incomplete",
        *map(str, files),
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=root)
    written: dict[str, Path] = {}
    said: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        match = WROTE.match(line.strip())
        if match:
            key = lines.get((Path(match["file"]).name, int(match["line"])))
            if key:
                written[key] = root / match["path"] if not Path(match["path"]).is_absolute() else Path(match["path"])
    for line in result.stderr.splitlines():
        match = MESSAGE.match(line.strip())
        if match:
            key = lines.get((Path(match["file"]).name, int(match["line"])))
            if key:
                text = match["text"].replace(str(root.parent) + "/", "")  # the temporary folder: not worth a diff
                said.setdefault(key, []).append(f"{match['kind']}: {text}")
    summary = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    return written, said, summary


def pandoc_items(bib_path: Path) -> dict[str, dict]:
    """pandoc's CSL-JSON for the biblatex records (what citeproc-js is given for them)."""
    result = subprocess.run(
        ["pandoc", str(bib_path), "-f", "biblatex", "-t", "csljson"], capture_output=True, text=True, check=True
    )
    return {str(item["id"]): item for item in json.loads(result.stdout)}


# -- the two engines -------------------------------------------------------------------------------


def ensure_citeproc() -> Path:
    modules = NODE_DIR / "node_modules"
    if not (modules / "citeproc").is_dir():
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "citeproc@2"],
            check=True,
            capture_output=True,
        )
    return modules


def citeproc(items: list[dict], edition: str, modules: Path) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(items + [OTHER], handle)
    try:
        result = subprocess.run(
            [
                "node",
                str(HERE / "crosscheck_real.js"),
                str(modules),
                str(CSL_DIR / STYLES[edition][0]),
                str(CSL_DIR / "locales-en-US.xml"),
                handle.name,
                OTHER["id"],
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(handle.name).unlink()
    return json.loads(result.stdout)


def our_settings(dossier, edition: str):
    """What `dossier cite --mode … [--ibid]` would use in this dossier: its [chicago] section, then the options."""
    _, mode, ibid = STYLES[edition]
    return resolve(dossier.config.sections.get("chicago", {}), dossier.root / CONFIG_FILE, mode=mode, ibid=ibid)


def ours(entry, other, settings) -> dict:
    style, mode = settings.style, settings.mode
    by_id = {entry.id: entry, other.id: other}
    c = Citation
    notes = notes_for(
        [
            (c(entry.id, "12"),),
            (c(other.id),),
            (c(entry.id, "15"),),
            (c(entry.id, "16"),),
            (c(other.id),),
            (c(entry.id),),
        ],
        by_id.__getitem__,
        style,
        ibid=mode.ibid,
        mode=mode,
    )
    alone = notes_for([(c(entry.id),)], by_id.__getitem__, style, ibid=mode.ibid, mode=mode)
    return {
        "first-locator": render(notes[0].text, "html"),
        "first": render(alone[0].text, "html"),
        "short-locator": render(notes[2].text, "html"),
        "again-locator": render(notes[3].text, "html"),
        "short": render(notes[5].text, "html"),
        "bibliography": render(bibliography_entry(entry, style), "html"),
    }


_ITALIC = re.compile(r"</?(?:i|em)>")
_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """HTML of either engine as comparable text: italics as *…*, other markup dropped, entities decoded."""
    text = _ITALIC.sub("*", markup)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = text.replace("**", "")  # adjacent italic runs
    return re.sub(r"\s+", " ", text).strip()


# -- the import check ----------------------------------------------------------------------------------


def _flat(value) -> str:
    if isinstance(value, dict):
        return " ".join(_flat(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_flat(v) for v in value)
    return str(value)


def lost_fields(record_item: dict, entry, synthesized: frozenset = frozenset()) -> list[str]:
    """CSL fields the record carried whose value our entry (exported again) no longer carries anywhere.

    A value kept under another field (a site name taken as `container-title` rather than
    `publisher`) is not lost; nor is a field the reference converter made up (`synthesized`)."""
    ours_item = to_csl(entry)
    ours_text = re.sub(r"\s+", " ", _flat({k: v for k, v in ours_item.items() if k != "custom"})).lower()
    lost = []
    for key, value in record_item.items():
        if key in NOT_CITED or key in synthesized or value in (None, "", []) or key == "type":
            continue
        if key in ours_item or (key == "event" and "event-title" in ours_item):
            continue
        text = re.sub(r"\s+", " ", _flat(value)).lower().strip()
        if (
            key not in DATE_KEYS
            and not isinstance(value, list)
            and len(text) > 3
            and re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", ours_text)
        ):
            continue  # kept, under another name
        lost.append(key)
    if (
        record_item.get("type")
        and record_item["type"] != ours_item.get("type")
        and (record_item["type"], ours_item.get("type")) not in SAME_TYPES
    ):
        lost.append(f"type {record_item['type']} -> {ours_item.get('type')} ({entry.type})")
    return lost


# CSL 1.0.1 and 1.0.2 names of one type.
SAME_TYPES = frozenset({("review-book", "review"), ("personal_communication", "letter"), ("post", "post-weblog")})
DATE_KEYS = frozenset({"issued", "accessed", "original-date", "event-date", "submitted", "available-date"})


def pandoc_made_up(item: dict) -> frozenset:
    """Fields pandoc adds that the biblatex record did not have: a title-short cut at the title's colon."""
    title, short = str(item.get("title", "")), str(item.get("title-short", ""))
    if short and re.split(r"[:?!.]\s", title, maxsplit=1)[0].rstrip("?!.") == short.rstrip("?!."):
        return frozenset({"title-short"})
    return frozenset()


# -- the run --------------------------------------------------------------------------------------


def run(limit: int | None = None, editions: tuple[str, ...] = tuple(STYLES)) -> dict:
    if not (CSL_DIR / STYLES["17"][0]).is_file():
        raise SystemExit(f"crosscheck_real: no Chicago CSL styles in {CSL_DIR} (set CROSSCHECK_CSL_DIR)")
    for tool in ("node", "pandoc"):
        if not shutil.which(tool):
            raise SystemExit(f"crosscheck_real: {tool} is needed and not installed")
    modules = ensure_citeproc()
    records = load_sources(limit)
    with tempfile.TemporaryDirectory(prefix="crosscheck-real-") as tmp:
        folder = Path(tmp)
        root = folder / "dossier"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "dossiercli",
                "init",
                str(root),
                "--no-input",
                "--title",
                "Cross-check on real sources",
            ],
            check=True,
            capture_output=True,
        )
        json_path, bib_path, lines = write_exports(records, folder)
        files = [p for p in (json_path, bib_path) if p]
        written, said, summary = dossier_import(root, files, lines)
        dossier = open_dossier(root)
        by_path = {entry.path.resolve(): entry for entry in dossier.entries}
        entries = {key: by_path[path.resolve()] for key, path in written.items() if path.resolve() in by_path}
        reference_items = {r["id"]: r["record"] for r in records if r["origin"] == "csl-json"}
        if bib_path:
            reference_items.update({k: v for k, v in pandoc_items(bib_path).items()})
    other, problems = parse_entry(OTHER_TOML, OTHER["id"])
    assert other is not None, problems
    items = [reference_items[r["id"]] for r in records if r["id"] in reference_items]
    report: dict = {"import": {"summary": summary}, "records": [], "counts": {}}
    per_record = {
        r["id"]: {
            "id": r["id"],
            "origin": r["origin"],
            "source": r["source"],
            "import": said.get(r["id"], []),
            "entry": None,
            "lost": [],
            "forms": {},
        }
        for r in records
    }
    for key, entry in entries.items():
        per_record[key]["entry"] = {"id": entry.id, "type": entry.type}
        mine = to_csl(entry)
        mine.pop("custom", None)
        per_record[key]["ours-csl"] = mine  # what the import made of the record, as CSL-JSON
        if key in reference_items:
            item = reference_items[key]
            made_up = pandoc_made_up(item) if per_record[key]["origin"] == "biblatex" else frozenset()
            per_record[key]["lost"] = lost_fields(item, entry, made_up)
    for key, item in reference_items.items():
        per_record[key]["reference-csl"] = item  # what citeproc-js was given
    for edition in editions:
        theirs = citeproc(items, edition, modules)
        counts = {form: Counter() for form in FORMS}
        for r in records:
            row = per_record[r["id"]]
            entry = entries.get(r["id"])
            reference = theirs.get(r["id"], {"error": "no CSL-JSON item"})
            if entry is None:
                row["forms"][edition] = {"not-imported": True}
                for form in FORMS:
                    counts[form]["not imported"] += 1
                continue
            mine = ours(entry, other, our_settings(dossier, edition))
            forms = {}
            for form in FORMS:
                if "error" in reference:
                    forms[form] = {"ours": plain(mine[form]), "citeproc": None, "error": reference["error"]}
                    counts[form]["citeproc error"] += 1
                    continue
                a, b = plain(mine[form]), plain(reference[form])
                forms[form] = {"same": a == b, "ours": a, "citeproc": b}
                counts[form]["identical" if a == b else "different"] += 1
            row["forms"][edition] = forms
        report["counts"][edition] = {form: dict(counts[form]) for form in FORMS}
    report["records"] = list(per_record.values())
    report["sources"] = {
        "total": len(records),
        "imported": len(entries),
        "by-origin": dict(Counter(r["origin"] for r in records)),
    }
    return report


def counts_table(report: dict) -> str:
    """The identical / different counts per form and style, as docs/crosscheck.md shows them."""
    variants = list(report["counts"])
    head = " | ".join(f"{LABELS.get(v, v)} identical | {LABELS.get(v, v)} different" for v in variants)
    lines = [f"| form | {head} |", "|---" * (1 + 2 * len(variants)) + "|"]
    for form in FORMS:
        cells = []
        for variant in variants:
            c = report["counts"][variant].get(form, {})
            cells += [str(c.get("identical", 0)), str(c.get("different", 0))]
        lines.append(f"| {FORM_LABELS[form]} | " + " | ".join(cells) + " |")
    totals = []
    for variant in variants:
        forms = report["counts"][variant]
        totals += [
            str(sum(c.get("identical", 0) for c in forms.values())),
            str(sum(c.get("different", 0) for c in forms.values())),
        ]
    lines.append("| **all six forms** | " + " | ".join(f"**{t}**" for t in totals) + " |")
    return "\n".join(lines)


LABELS = {"17": "CMOS 17", "18": "CMOS 18", "17-ibid": "CMOS 17 ibid."}


DOCS = HERE.parent / "docs" / "crosscheck.md"


def update_docs(report: dict) -> None:
    """Put the new counts between the markers of docs/crosscheck.md (a test checks they match results.json)."""
    text = DOCS.read_text(encoding="utf-8")
    start, end = "<!-- counts: generated", "<!-- /counts -->"
    head, rest = text.split(start, 1)
    marker_line, _, rest = rest.partition("\n")
    _, tail = rest.split(end, 1)
    DOCS.write_text(f"{head}{start}{marker_line}\n{docs_block(report)}\n{end}{tail}", encoding="utf-8")


def docs_block(report: dict) -> str:
    """What docs/crosscheck.md shows of a run: the import's outcome and the counts."""
    refused = Counter()
    for record in report["records"]:
        if record["entry"] is None:
            message = " ".join(record["import"])
            refused[
                "a short DOI (10/…) refused"
                if "DOI '10/" in message
                else "skipped as a duplicate of another record of the same work"
                if "duplicate" in message
                else "refused: " + message.replace(f"error: {record['id']}: ", "")
            ] += 1
    why = "; ".join(f"{n} {reason}" for reason, n in refused.most_common())
    return (
        f"{report['sources']['imported']} of {report['sources']['total']} records imported ({why}).\n\n"
        + counts_table(report)
    )


def markdown(report: dict) -> str:
    out = [
        "# Cross-check on real sources: dossiercli vs citeproc-js",
        "",
        "Written by `python benchmarks/crosscheck_real.py` (do not edit by hand). Each record was imported with",
        "`dossier import --keep-going --allow-incomplete` into a fresh dossier, then cited by both engines;",
        "italics are shown as *…*. Every difference is listed with both outputs (identical forms are only named;",
        "results.json holds both texts of every form; a CMOS 17 ibid. difference that is the same as under",
        "CMOS 17 is listed once, under 17). The classification is in [DEFECTS.md](DEFECTS.md).",
        "",
        f"Records: {report['sources']['total']} ({', '.join(f'{n} {k}' for k, n in report['sources']['by-origin'].items())}); "
        f"imported: {report['sources']['imported']}. Import said: {report['import']['summary']}",
        "",
    ]
    out += ["| edition | form | identical | different | not imported / citeproc error |", "|---|---|---|---|---|"]
    for edition, forms in report["counts"].items():
        for form, c in forms.items():
            out.append(
                f"| {edition} | {FORM_LABELS[form]} | {c.get('identical', 0)} | {c.get('different', 0)} | "
                f"{c.get('not imported', 0) + c.get('citeproc error', 0)} |"
            )
        total_same = sum(c.get("identical", 0) for c in forms.values())
        total = sum(c.get("identical", 0) + c.get("different", 0) for c in forms.values())
        out.append(f"| {edition} | **all forms** | **{total_same}** | **{total - total_same}** | |")
    lost = Counter(
        field.split(" ->")[0] if field.startswith("type ") else field for r in report["records"] for field in r["lost"]
    )
    out += [
        "",
        "## Fields lost on import",
        "",
        "CSL fields a record carried (as exported, or as pandoc converts the biblatex record) that the imported",
        "entry, exported again as CSL-JSON, does not carry (fields no citation prints, such as abstract or",
        "language, are not counted):",
        "",
    ]
    out += [f"- `{field}`: {n}" for field, n in lost.most_common()] or ["- none"]
    out += ["", "## Every record", ""]
    for r in report["records"]:
        entry = r["entry"]
        head = f"### {r['id']} ({r['origin']}" + (
            f" → {entry['type']} `{entry['id']}`)" if entry else ", not imported)"
        )
        out += [head, "", f"Source: {r['source']}."]
        if r["import"]:
            out.append("Import: " + "; ".join(r["import"]) + ".")
        if r["lost"]:
            out.append("Lost on import: " + ", ".join(f"`{f}`" for f in r["lost"]) + ".")
        out.append("")
        for edition, forms in r["forms"].items():
            if forms.get("not-imported"):
                continue
            same = [FORM_LABELS[form] for form, f in forms.items() if f.get("same")]
            if same:
                out.append(f"- {edition} identical: {', '.join(same)}")
            for form, f in forms.items():
                if f.get("same"):
                    continue
                plain17 = r["forms"].get("17", {}).get(form, {})
                if edition == "17-ibid" and (f.get("ours"), f.get("citeproc")) == (
                    plain17.get("ours"),
                    plain17.get("citeproc"),
                ):
                    continue  # the same difference as under CMOS 17, listed there
                elif f.get("error"):
                    out.append(f"- {edition} {FORM_LABELS[form]}: citeproc-js error ({f['error']}); ours: {f['ours']}")
                else:
                    out += [
                        f"- {edition} {FORM_LABELS[form]}: **different**",
                        f"  - ours:     {f['ours']}",
                        f"  - citeproc: {f['citeproc']}",
                    ]
        out.append("")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N records (half CSL-JSON, half biblatex)")
    parser.add_argument("--out", type=Path, default=DATA, help="folder for results.md and results.json")
    args = parser.parse_args()
    report = run(args.limit)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(markdown(report) + "\n", encoding="utf-8")
    if args.out == DATA and not args.limit:
        update_docs(report)
    for edition, forms in report["counts"].items():
        same = sum(c.get("identical", 0) for c in forms.values())
        total = sum(c.get("identical", 0) + c.get("different", 0) for c in forms.values())
        print(
            f"{LABELS.get(edition, edition)}: {same} of {total} forms identical "
            + ", ".join(
                f"{form} {c.get('identical', 0)}/{c.get('identical', 0) + c.get('different', 0)}"
                for form, c in forms.items()
            )
        )
    print(
        f"{report['sources']['imported']} of {report['sources']['total']} records imported; "
        f"results in {args.out / 'results.md'}"
    )


if __name__ == "__main__":
    main()
