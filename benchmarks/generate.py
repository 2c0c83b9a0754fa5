"""Generate realistic dossiers of N entries for benchmarks (deterministic for a given seed).

python benchmarks/generate.py 10000 benchmarks/out/d10k
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import tomli_w

FAMILIES = ["Lake", "Reid", "Keaten", "Wright", "Cochrane", "Gordon", "Sadr", "Müller", "Ḥusayn", "van Dijk", "O'Brien"]
GIVENS = ["Eli", "Robert H.", "Jamey", "Robin", "Marisa", "Michael R.", "Leila", "Jürgen", "Ṣaddām", "Anna", "Seán"]
ORGS = [
    "Multi-National Force-Iraq",
    "Associated Press",
    "American Forces Press Service",
    "Institute for the Study of War",
]
PAPERS = ["New York Sun", "Washington Post", "New York Times", "Guardian", "Los Angeles Times"]
WORDS = (
    "iran sunni shiite insurgents weapons quds force baghdad coalition detained network explosively formed "
    "penetrators intelligence support militias training smuggling officials report briefing"
).split()
TYPES = [
    "article-newspaper",
    "wire-story",
    "press-release",
    "transcript",
    "report",
    "book",
    "article-journal",
    "webpage",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def entry_table(index: int, rng: random.Random) -> dict:
    kind = TYPES[index % len(TYPES)]
    issued = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(3, 9)))
    table: dict = {"type": kind, "title": f"{title} {index}", "issued": issued}
    if kind in ("article-newspaper", "article-journal"):
        table["container-title"] = rng.choice(PAPERS)
    if kind in ("wire-story", "press-release", "report", "book"):
        table["publisher"] = rng.choice(ORGS)
    if kind == "article-journal":
        table |= {
            "volume": str(rng.randint(1, 80)),
            "issue": str(rng.randint(1, 12)),
            "page": "165-76",
            "DOI": f"10.{1000 + index % 9000}/bench.{index}",
        }
    if kind != "article-journal" or index % 3:
        table["URL"] = f"https://www.example{index % 50}.org/news/{issued.year}/{index}"
    if kind == "webpage":
        table["accessed"] = issued + dt.timedelta(days=30)
    table["tags"] = rng.sample(["iran", "al-qaeda", "efp", "quds-force", "detentions"], 2)
    if kind not in ("press-release", "wire-story") or index % 2:
        table["author"] = [
            {"family": rng.choice(FAMILIES), "given": rng.choice(GIVENS)} for _ in range(rng.randint(1, 3))
        ]
    excerpts = []
    for _ in range(rng.randint(1, 2)):
        text = " ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 6)))
        words = text.split()
        start = rng.randrange(max(1, len(words) - 6))
        excerpts.append({"text": text, "highlights": [" ".join(words[start : start + 5])]})
    table["excerpts"] = excerpts
    return table


def generate(n: int, seed: int = 2007) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    return [(f"e{index:05d}", entry_table(index, rng)) for index in range(n)]


def write_dossier(root: Path, entries: list[tuple[str, dict]]) -> Path:
    (root / "entries").mkdir(parents=True, exist_ok=True)
    (root / "dossier.toml").write_text(f'title = "Benchmark dossier of {len(entries)} entries"\n', encoding="utf-8")
    for entry_id, table in entries:
        (root / "entries" / f"{entry_id}.toml").write_text(
            tomli_w.dumps(table, multiline_strings=True), encoding="utf-8"
        )
    return root


def _bib_value(text: str) -> str:
    return "{" + text.replace("\\", "").replace("{", "").replace("}", "") + "}"


def to_bibtex(entries: list[tuple[str, dict]]) -> str:
    """The same records as one .bib file, for comparing with BibTeX tooling on equal data."""
    kinds = {"article-newspaper": "article", "article-journal": "article", "book": "book", "report": "techreport"}
    chunks = []
    for entry_id, table in entries:
        fields = {"title": table["title"], "year": str(table["issued"].year), "month": str(table["issued"].month)}
        if "author" in table:
            fields["author"] = " and ".join(f"{a['family']}, {a['given']}" for a in table["author"])
        for key, bib in (
            ("container-title", "journal"),
            ("publisher", "publisher"),
            ("URL", "url"),
            ("DOI", "doi"),
            ("volume", "volume"),
            ("issue", "number"),
            ("page", "pages"),
        ):
            if key in table:
                fields[bib] = table[key]
        fields["keywords"] = ", ".join(table["tags"])
        fields["annote"] = " ".join(e["text"] for e in table["excerpts"])
        body = ",\n".join(f"  {key} = {_bib_value(value)}" for key, value in fields.items())
        chunks.append(f"@{kinds.get(table['type'], 'misc')}{{{entry_id},\n{body}\n}}\n")
    return "\n".join(chunks)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "out" / f"d{count}"
    write_dossier(target, generate(count))
    print(f"wrote {count} entries to {target}")
