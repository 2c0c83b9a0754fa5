# How the fixture was re-keyed (run once, by hand, from clones made with the search tool's fetch;
# paths under /tmp/xc are where those clones were unpacked). Not part of the benchmark run.

"""Zotero translator test items -> CSL-JSON, by Zotero's own field map (zotero-schema schema.json, "csl")."""

import collections
import json
import re

schema = json.load(open("/tmp/xc/schema.json"))
csl = schema["csl"]
TYPE = {z: c for c, zs in csl["types"].items() for z in zs}
TEXT = {z: c for c, zs in csl["fields"]["text"].items() for z in zs if c not in ("shortTitle", "journalAbbreviation")}
TEXT["shortTitle"] = "title-short"
TEXT["journalAbbreviation"] = "container-title-short"
DATE = {z: c for c, zs in csl["fields"]["date"].items() for z in (zs if isinstance(zs, list) else [zs])}
NAMES = csl["names"]
BASE = {}
for t in schema["itemTypes"]:
    for f in t["fields"]:
        if "baseField" in f:
            BASE[(t["itemType"], f["field"])] = f["baseField"]
MONTHS = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}


def date(value):
    v = value.strip()
    m = re.match(r"^(\d{4})[-/](\d{4})$", v)
    if m:
        return {"date-parts": [[int(m[1])], [int(m[2])]]}
    m = re.match(r"^(\d{4}) ([A-Za-z]+) (\d{1,2})\b", v)
    if m and m[2][:3].lower() in MONTHS:
        return {"date-parts": [[int(m[1]), MONTHS[m[2][:3].lower()], int(m[3])]]}
    m = re.match(r"^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?", v)
    if m:
        parts = [int(m[1]), int(m[2])] + ([int(m[3])] if m[3] else [])
        return {"date-parts": [[p for p in parts if p]]}
    m = re.match(r"^(?:\w+, )?([A-Za-z]+)\.? (\d{1,2}),? (\d{4})", v)
    if m and m[1][:3].lower() in MONTHS:
        return {"date-parts": [[int(m[3]), MONTHS[m[1][:3].lower()], int(m[2])]]}
    m = re.match(r"^(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", v)
    if m and m[2][:3].lower() in MONTHS:
        return {"date-parts": [[int(m[3]), MONTHS[m[2][:3].lower()], int(m[1])]]}
    m = re.match(r"^([A-Za-z]+)\.? (\d{4})$", v)
    if m and m[1][:3].lower() in MONTHS:
        return {"date-parts": [[int(m[2]), MONTHS[m[1][:3].lower()]]]}
    m = re.match(r"^(\d{4})$", v)
    if m:
        return {"date-parts": [[int(m[1])]]}
    return {"literal": v}


def convert(item, key):
    t = item["itemType"]
    out = {"id": key, "type": TYPE.get(t, "document")}
    for field, value in item.items():
        if field in ("itemType", "creators", "tags", "notes", "attachments", "seeAlso") or value in ("", None):
            continue
        if field == "accessDate":
            continue  # the test cases hold a placeholder (CURRENT_TIMESTAMP), not a date
        base = BASE.get((t, field), field)
        if base in DATE:
            out[DATE[base]] = date(str(value))
        elif base in TEXT:
            out[TEXT[base]] = value
    for creator in item.get("creators", []):
        role = NAMES.get(creator.get("creatorType", "author"), "author")
        if creator.get("fieldMode") == 1 or "name" in creator:
            name = {"literal": creator.get("lastName") or creator.get("name")}
        else:
            name = {"family": creator.get("lastName", ""), "given": creator.get("firstName", "")}
            name = {k: v for k, v in name.items() if v}
        out.setdefault(role, []).append(name)
    return out


PICK = {  # translator -> how many of its English items of the wanted types
    "Washington Post.js": 4,
    "Wall Street Journal.js": 3,
    "The Telegraph.js": 3,
    "BBC.js": 3,
    "Toronto Star.js": 2,
    "The Times of Israel.js": 2,
    "CBC.js": 2,
    "TimesMachine.js": 3,
    "Time.com.js": 2,
    "The New Yorker.js": 2,
    "The New York Review of Books.js": 2,
    "The Intercept.js": 2,
    "Citizen Lab.js": 2,
    "Tony Blair Institute for Global Change.js": 2,
    "RAND.js": 2,
    "Human Rights Watch.js": 2,
    "WHO.js": 1,
    "govinfo.js": 2,
    "WikiLeaks PlusD.js": 2,
    "Defense Technical Information Center.js": 1,
    "Wilson Center Digital Archive.js": 2,
    "Aluka.js": 2,
    "Canadian Letters and Images.js": 1,
    "World Digital Library.js": 1,
    "Desiring God.js": 1,
    "Ariana News.js": 2,
    "AllAfrica.js": 2,
    "newspapers.com.js": 2,
    "Homeland Security Digital Library.js": 2,
    "The National Archives (UK).js": 1,
}
WANTED = {
    "newspaperArticle",
    "magazineArticle",
    "blogPost",
    "report",
    "manuscript",
    "letter",
    "presentation",
    "interview",
    "hearing",
    "document",
    "webpage",
}
items = json.load(open("/tmp/xc/zt_items.json"))
taken = collections.Counter()
out = []
seen = set()
for o in items:
    tr, it = o["translator"], o["item"]
    if tr not in PICK or taken[tr] >= PICK[tr] or it["itemType"] not in WANTED:
        continue
    lang = str(it.get("language", "")).lower()
    if lang and not lang.startswith("en"):
        continue
    if not re.search(r"[A-Za-z]", it.get("title", "")) or it.get("title") in seen:
        continue
    if it.get("title", "").startswith("Article clipped from"):
        continue  # a placeholder, not the work's title
    if re.search(r"[\u0400-\u04ff\u0590-\u06ff]", it.get("title", "")):
        continue
    seen.add(it["title"])
    taken[tr] += 1
    key = re.sub(r"\W+", "-", tr[:-3]).strip("-").lower() + f"-{taken[tr]}"
    out.append(
        {
            "source": f"Zotero translator test case: the item Zotero saves from {o['url']} "
            f"(github.com/zotero/translators, {tr}); converted to CSL-JSON with Zotero's own field map "
            f'(github.com/zotero/zotero-schema, schema.json "csl")',
            "record": convert(it, key),
        }
    )
print(len(out), collections.Counter(r["record"]["type"] for r in out))
for tr in PICK:
    if taken[tr] < PICK[tr]:
        print("short", tr, taken[tr])
json.dump(out, open("/tmp/xc/zt_rekeyed.json", "w"), ensure_ascii=False, indent=1)
for r in out:
    print(
        r["record"]["type"],
        "|",
        r["record"]["title"][:60],
        "|",
        {k: v for k, v in r["record"].items() if k in ("issued", "genre", "publisher", "container-title")},
    )
