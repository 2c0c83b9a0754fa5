# How the fixture was re-keyed (run once, by hand, from clones made with the search tool's fetch;
# paths under /tmp/xc are where those clones were unpacked). Not part of the benchmark run.

import collections
import glob
import json
import re

out = []
for path in sorted(glob.glob("/tmp/xc/zt/*.js")):
    text = open(path, encoding="utf-8", errors="replace").read()
    m = re.search(
        r"/\*\* BEGIN TEST CASES \*\*/\s*var testCases = (\[.*\])\s*;?\s*/\*\* END TEST CASES \*\*/", text, re.S
    )
    if not m:
        continue
    try:
        cases = json.loads(m.group(1))
    except Exception:
        continue
    for case in cases:
        if case.get("type") not in ("web", "import", "search"):
            continue
        items = case.get("items")
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and item.get("itemType"):
                out.append({"translator": path.split("/")[-1], "url": case.get("url"), "item": item})
json.dump(out, open("/tmp/xc/zt_items.json", "w"), ensure_ascii=False)
c = collections.Counter(o["item"]["itemType"] for o in out)
print(len(out), c.most_common())
