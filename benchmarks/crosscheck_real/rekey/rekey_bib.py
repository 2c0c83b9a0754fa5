# How the fixture was re-keyed (run once, by hand, from clones made with the search tool's fetch;
# paths under /tmp/xc are where those clones were unpacked). Not part of the benchmark run.

"""Re-key chosen records of biblatex-chicago's notes-test.bib into our own fixture (facts only, no annotations)."""

import re
import sys

text = open("/tmp/xc/notes-test.bib").read()
strings = dict(re.findall(r"@String\{(\w+)\s*=\s*\{([^}]*)\}\}", text))


def fields_of(body):
    out, i = [], 0
    while True:
        m = re.compile(r"\s*,?\s*([A-Za-z]+)\s*=\s*").match(body, i)
        if not m:
            break
        name, i = m.group(1).lower(), m.end()
        if body[i] == "{":
            depth, j = 0, i
            while True:
                if body[j] == "{":
                    depth += 1
                elif body[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            value, i = body[i + 1 : j], j + 1
        elif body[i] == '"':
            j = body.index('"', i + 1)
            value, i = body[i + 1 : j], j + 1
        else:
            m2 = re.compile(r"[A-Za-z0-9]+").match(body, i)
            value, i = m2.group(0), m2.end()
            value = strings.get(value, value)
        out.append((name, re.sub(r"\s+", " ", value.strip())))
    return out


records = []
for m in re.finditer(r"^@(\w+)\{", text, re.M):
    typ = m.group(1)
    if typ == "String":
        continue
    depth, j = 0, m.end() - 1
    while True:
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                break
        j += 1
    inner = text[m.end() : j]
    key, _, body = inner.partition(",")
    records.append((typ, key.strip(), fields_of(body)))

KEEP_TYPES = {
    "book",
    "article",
    "inbook",
    "incollection",
    "collection",
    "online",
    "letter",
    "misc",
    "unpublished",
    "techreport",
    "phdthesis",
    "mastersthesis",
    "review",
    "booklet",
    "inreference",
    "inproceedings",
    "manual",
}
SKIP_FIELDS = {"annote"}
chosen = []
for typ, key, fields in records:
    names = {n for n, _ in fields}
    if typ.lower() not in KEEP_TYPES:
        continue
    if names & {"crossref", "xref", "related", "userf", "userc", "usere"}:
        continue  # needs another record
    sub = dict(fields).get("entrysubtype", "")
    if sub in ("classical", "music", "defined"):
        continue
    if "title" not in names:
        continue
    chosen.append((typ, key, fields))
print(len(chosen), file=sys.stderr)
out = [
    "% Records re-keyed for dossiercli's cross-check from biblatex-chicago's notes-test.bib",
    "% (David Fussner, biblatex-chicago 2.3b, CTAN macros/latex/contrib/biblatex-contrib/biblatex-chicago/doc/,",
    "% LPPL 1.3; read from the public mirror github.com/yrammos/biblatex-chicago-claude, prompt-context/notes-test.bib).",
    "% Only the bibliographic facts are kept: every field of each record except its `annote` (the package",
    "% author's commentary); @String abbreviations expanded. Each record's `% source:` line names its key there.",
    "",
]
for typ, key, fields in chosen:
    out.append(f"% source: biblatex-chicago notes-test.bib, record {key} ({typ})")
    out.append(f"@{typ}{{{key},")
    for name, value in fields:
        if name in SKIP_FIELDS:
            continue
        out.append(f"  {name} = {{{value}}},")
    out.append("}")
    out.append("")
open("../sources.bib", "w").write("\n".join(out))
