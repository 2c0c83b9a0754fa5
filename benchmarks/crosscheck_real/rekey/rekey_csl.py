# How the fixture was re-keyed (run once, by hand, from clones made with the search tool's fetch;
# paths under /tmp/xc are where those clones were unpacked). Not part of the benchmark run.

"""Re-key the real works among Better BibTeX's CSL-JSON export fixtures into our own fixture."""

import glob
import json
import re

SYNTHETIC_FILES = (
    "Date export",
    "Season ranges",
    "Quotes around last names",
    "Export of creator-type fields",
    "Deterministic ordering",
    "Really Big",
)
SYNTHETIC_TITLES = re.compile(r"^(A report|A film|Title|59 Blog post)$|EDTF|test|months out of range|^-?\d{4}-")
out, seen = [], set()
for path in sorted(glob.glob("/tmp/xc/bbt/*.csl.json")):
    name = path.split("/")[-1]
    if any(name.startswith(s) for s in SYNTHETIC_FILES):
        continue
    try:
        data = json.load(open(path))
    except Exception:
        continue
    if isinstance(data, dict):
        data = data.get("items", [data])
    for item in data:
        title = item.get("title")
        if not title or SYNTHETIC_TITLES.search(title) or title in seen:
            continue
        seen.add(title)
        out.append(
            {
                "source": f"Zotero item exported by Better BibTeX as CSL-JSON; re-keyed from github.com/retorquere/zotero-better-bibtex, test/fixtures/export/{name}",
                "record": item,
            }
        )
print(len(out))
json.dump(out, open("/tmp/xc/bbt_rekeyed.json", "w"), indent=1, ensure_ascii=False)
for r in out:
    print(r["record"]["type"], "|", r["record"]["title"][:60], "|", sorted(r["record"])[:30])
