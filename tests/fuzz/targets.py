"""One fuzz target per reader: seeds, a dictionary of tokens worth inserting, and how an input is run.

Every input goes through the real command line (Click's runner, in this process, as a user's shell
would call it) against a small dossier in a temporary folder. What counts as a finding:

- "internal error" or a traceback in the output, or an exit status other than 0, 1 or 2;
- an import that succeeded (exit 0 or 1) but wrote an entry file that does not load back;
- a temporary file left in the dossier;
- an input that takes more than `SLOW_SECONDS` of CPU (a quadratic path) or exhausts memory.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURES = REPO / "tests" / "fixtures"

BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'


def _read(*paths: Path) -> list[bytes]:
    return [path.read_bytes() for path in paths if path.is_file()]


@dataclass
class Target:
    name: str
    suffix: str
    seeds: list[bytes]
    tokens: list[bytes]
    commands: list[list[str]] = field(default_factory=list)  # {file} is the input's path
    stdin: bool = False  # the input goes to standard input instead of a file
    imports: bool = False  # the commands write entries: check they load back


CONTROL = [b"\x1b]0;x\x07", b"\x1b[2J", b"\x00", "\u009b".encode(), b"\r", b"\t", b"\xef\xbb\xbf"]
UNICODE = ["\u0301", "\u202e", "²", "\U0001f600", "ǅ", "ﬁ", "\u2028", "\ufeff"]
NUMBERS = [b"9" * 5000, b"-0", b"1e999", b"0x10", b"2007-02-30", b"99999-99-99", b"NaN"]


def _unicode() -> list[bytes]:
    return [u.encode() for u in UNICODE]


def bibtex() -> Target:
    seeds = _read(*sorted((FIXTURES / "import").glob("*.bib")), *sorted((FIXTURES / "real-shaped").glob("*.bib")))
    seeds.append(b"@string{k = {a}}\n@book{k, title = k, publisher = {P}, year = 2000}\n@string{k = {b}}\n")
    seeds.append(b"@book{a, crossref = {b}, title = {T}}\n@book{b, crossref = {a}, publisher = {P}, year = 1}\n")
    tokens = [
        b"@string{",
        b"@preamble{",
        b"@comment{",
        b"@book{",
        b"@article{",
        b"@xdata{",
        b"crossref = ",
        b"xdata = ",
        b"{",
        b"}",
        b"(",
        b")",
        b'"',
        b"#",
        b",",
        b"=",
        b"\\'",
        b'\\"{o}',
        b"\\url{",
        b"$",
        b"%",
        b"\\",
        b"author = {",
        b" and ",
        b"others",
        b"year = ",
        b"date = {",
        b"month = ",
        b"edition = ",
        b"pages = {",
        b"title = {",
        b"doi = {",
        b"url = {",
        b"\\v{",
        b"\\relax",
        b"\\begin{",
        b"}}}}",
        b"{{{{",
        *NUMBERS,
        *CONTROL,
        *_unicode(),
    ]
    return Target("bibtex", ".bib", seeds, tokens, [["import", "{file}", "--format", "bibtex"]], imports=True)


def ris() -> Target:
    seeds = _read(*sorted((FIXTURES / "import").glob("*.ris")))
    tokens = [
        b"TY  - ",
        b"ER  - ",
        b"TI  - ",
        b"AU  - ",
        b"A1  - ",
        b"PY  - ",
        b"DA  - ",
        b"Y1  - ",
        b"PB  - ",
        b"T2  - ",
        b"JO  - ",
        b"SP  - ",
        b"EP  - ",
        b"UR  - ",
        b"DO  - ",
        b"ET  - ",
        b"VL  - ",
        b"IS  - ",
        b"KW  - ",
        b"\n",
        b"\r\n",
        b"  - ",
        b"BOOK",
        b"JOUR",
        b"/",
        b"//",
        b",",
        b";",
        *NUMBERS,
        *CONTROL,
        *_unicode(),
    ]
    return Target("ris", ".ris", seeds, tokens, [["import", "{file}", "--format", "ris"]], imports=True)


def csljson() -> Target:
    seeds = _read(FIXTURES / "import" / "items.json", FIXTURES / "real-shaped" / "zotero.csl.json")
    seeds.append(b'[{"id": "a", "type": "book", "title": "T", "publisher": "P", "note": "k\\nx: v"}]')
    tokens = [
        b'"id"',
        b'"type"',
        b'"title"',
        b'"author"',
        b'"issued"',
        b'"date-parts"',
        b'"literal"',
        b'"raw"',
        b'"season"',
        b'"circa"',
        b'"edtf"',
        b'"family"',
        b'"given"',
        b'"note"',
        b'"URL"',
        b'"DOI"',
        b'"ISBN"',
        b"[",
        b"]",
        b"{",
        b"}",
        b",",
        b":",
        b"null",
        b"true",
        b"false",
        b"0",
        b"-1",
        b"1.5",
        b'"\\ud800"',
        b'"\\udfff"',
        b'"\\u0000"',
        b'"a\\nb"',
        b'"a.b"',
        b'"[x]"',
        b'"a\\"b"',
        b'""',
        *NUMBERS,
        *CONTROL,
        *_unicode(),
    ]
    return Target("csljson", ".json", seeds, tokens, [["import", "{file}", "--format", "csl-json"]], imports=True)


def entry_toml() -> Target:
    seeds = [BOOK.encode()]
    seeds += _read(*sorted((FIXTURES / "invalid").glob("*/*.toml")))
    seeds += _read(*sorted((REPO / "entries").glob("*.toml"))[:10])
    tokens = [
        b"type = ",
        b"title = ",
        b"issued = ",
        b"tags = [",
        b"[[author]]\n",
        b"[[excerpts]]\n",
        b"[extra]\n",
        b"family = ",
        b"given = ",
        b"literal = ",
        b"URL = ",
        b"DOI = ",
        b"accessed = ",
        b"edition = ",
        b"citation-key = ",
        b'text = """',
        b'"""',
        b"'''",
        b'"',
        b"'",
        b"[",
        b"]",
        b"{",
        b"}",
        b"=",
        b"\n",
        b"1979-05-27T07:32:00Z",
        b"2007-02-30",
        b"inf",
        b"nan",
        b"0o17",
        b"1_000",
        b"\\u0000",
        b"\\U0010FFFF",
        *NUMBERS,
        *CONTROL,
        *_unicode(),
    ]
    commands = [
        ["validate"],
        ["list"],
        ["show", "fuzz"],
        ["fmt", "--check"],
        ["notes"],
        ["export", "--format", "bibtex"],
        ["export", "--format", "csl-json"],
        ["export", "--format", "ris"],
        ["bibliography"],
    ]
    return Target("entry-toml", ".toml", seeds, tokens, commands)


def _pandoc_seeds() -> list[bytes]:
    """Pandoc JSON of the manuscript fixtures (made with pandoc when it is there), and a hand-made one."""
    import subprocess

    seeds = []
    if shutil.which("pandoc"):
        for path in [FIXTURES / "manuscript" / "every-form.md", *sorted((REPO / "examples").glob("**/*.md"))]:
            try:
                done = subprocess.run(["pandoc", "-t", "json", str(path)], capture_output=True, timeout=60)
            except subprocess.TimeoutExpired:
                continue
            if done.returncode == 0:
                seeds.append(done.stdout)
    cite = {
        "t": "Cite",
        "c": [
            [
                {
                    "citationId": "fuzz",
                    "citationPrefix": [{"t": "Str", "c": "see"}],
                    "citationSuffix": [{"t": "Str", "c": ", 23"}],
                    "citationMode": {"t": "NormalCitation"},
                    "citationNoteNum": 1,
                    "citationHash": 0,
                }
            ],
            [{"t": "Str", "c": "[@fuzz]"}],
        ],
    }
    document = {
        "pandoc-api-version": [1, 23, 1],
        "meta": {"nocite": {"t": "MetaInlines", "c": [cite]}},
        "blocks": [
            {"t": "Para", "c": [{"t": "Str", "c": "Text."}, cite]},
            {"t": "Para", "c": [{"t": "Note", "c": [{"t": "Para", "c": [cite]}]}]},
        ],
    }
    seeds.append(json.dumps(document).encode())
    return seeds


def pandoc_json() -> Target:
    tokens = [
        b'{"t": "Cite", "c": ',
        b'{"t": "Note", "c": ',
        b'{"t": "Emph", "c": ',
        b'{"t": "Para", "c": ',
        b'{"t": "Str", "c": "x"}',
        b'{"t": "Quoted", "c": ',
        b'{"t": "Span", "c": ',
        b'{"t": "Header", "c": ',
        b'"citationId"',
        b'"citationMode"',
        b'"citationSuffix"',
        b'"meta"',
        b'"blocks"',
        b"null",
        b"[",
        b"]",
        b"{",
        b"}",
        b",",
        b":",
        b"1",
        b'""',
        b'"AuthorInText"',
        b'"SuppressAuthor"',
        b'"MetaBool"',
        b"true",
        *CONTROL,
    ]
    return Target("pandoc-json", ".json", _pandoc_seeds(), tokens, [["pandoc-filter"]], stdin=True)


def markdown() -> Target:
    seeds = _read(FIXTURES / "manuscript" / "every-form.md", *sorted((REPO / "examples").glob("**/*.md")))
    seeds.append(b"Text [see @fuzz, 23; @fuzz, chap. 2].[^1]\n\n[^1]: A note ^[inline @fuzz].\n")
    tokens = [
        b"[@",
        b"[",
        b"]",
        b"@fuzz",
        b"@{fuzz}",
        b"-@fuzz",
        b"[^1]",
        b"[^1]: ",
        b"^[",
        b"`",
        b"``",
        b"```\n",
        b"~~~\n",
        b"<!--",
        b"-->",
        b"<a href='",
        b">",
        b"<",
        b"http://",
        b"www.",
        b"\\",
        b"\n\n",
        b"\n    ",
        b"; ",
        b", p. ",
        b"pp. 3-5",
        b"{",
        b"}",
        b"(",
        b")",
        b"---\n",
        b"- ",
        b"1. ",
        b"> ",
        b"*",
        b"_",
        *CONTROL,
        *_unicode(),
    ]
    commands = [
        ["manuscript", "{file}", "--check"],
        ["manuscript", "{file}", "--to", "latex"],
        ["manuscript", "{file}", "--to", "html"],
        ["manuscript", "{file}", "--to", "rtf"],
    ]
    return Target("markdown", ".md", seeds, tokens, commands)


TARGETS = {
    "bibtex": bibtex,
    "ris": ris,
    "csljson": csljson,
    "entry-toml": entry_toml,
    "pandoc-json": pandoc_json,
    "markdown": markdown,
}
