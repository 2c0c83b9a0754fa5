"""verify's text extraction and matching on real pages: trafilatura's own real-world test corpus.

trafilatura (github.com/adbar/trafilatura) keeps ~100 saved news and blog pages in
tests/cache/ and, in tests/realworld_tests.py, sentences its extractor must find in each
(`assert "…" in result`) and boilerplate it must drop (`assert "…" not in result`). Those
pages are not ours and are not committed here: bring a copy of the repository and point
this script at it.

    python benchmarks/realworld_extract.py /path/to/trafilatura   # a checkout or a bare git dir

For every "must find" sentence it reports whether `dossier verify` would find it in the
page (extract + normalise + match), and for every "must drop" phrase whether our text
still holds it (we keep more than a reader-mode extractor: for verification, dropping a
quoted sentence is the worse error).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from dossiercli.links.textextract import extract
from dossiercli.links.textmatch import contains, normalize


def read(repo: Path, path: str) -> bytes:
    if (repo / path).exists():
        return (repo / path).read_bytes()
    return subprocess.run(
        ["git", "--git-dir", str(repo if (repo / "HEAD").exists() else repo / ".git"), "show", f"HEAD:{path}"],
        capture_output=True,
        check=True,
    ).stdout


def cases(source: str):
    """(file, sentence, must_find): each `assert "…" [not] in result` after `result = load(URL)` of a saved page."""
    tree = ast.parse(source)
    pages = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "MOCK_PAGES":
            pages = ast.literal_eval(node.value)

    def statements(body):
        for node in body:
            yield node
            for field in ("body", "orelse", "finalbody"):
                yield from statements(getattr(node, field, []) or [])

    for function in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        current = None
        for node in statements(function.body):
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "result":
                call = node.value
                first = call.args[0] if isinstance(call, ast.Call) and call.args else None
                url = first.value if isinstance(first, ast.Constant) else None
                current = pages.get(url) if isinstance(url, str) else None
            elif isinstance(node, ast.Assert) and current and isinstance(node.test, ast.Compare):
                test = node.test
                if (
                    isinstance(test.left, ast.Constant)
                    and isinstance(test.left.value, str)
                    and len(test.ops) == 1
                    and isinstance(test.ops[0], (ast.In, ast.NotIn))
                    and getattr(test.comparators[0], "id", "") == "result"
                ):
                    yield current, test.left.value, isinstance(test.ops[0], ast.In)


def main() -> None:
    repo = Path(sys.argv[1])
    source = read(repo, "tests/realworld_tests.py").decode("utf-8")
    texts: dict[str, str] = {}
    found = kept = must_find = must_drop = formatted = 0
    misses = []
    for name, sentence, positive in cases(source):
        if name not in texts:
            try:
                body = read(repo, f"tests/cache/{name}")
            except (OSError, subprocess.CalledProcessError):
                continue
            texts[name] = normalize(extract(body, "text/html").text)
        if re.search(r"\*\*|\]\(|(?<!\w)\*\w", sentence):
            formatted += 1  # trafilatura's Markdown output (**bold**, [link](…)): not page text
            continue
        here = contains(texts[name], normalize(sentence))
        if positive:
            must_find += 1
            found += here
            if not here:
                misses.append((name, sentence))
        else:
            must_drop += 1
            kept += here
    print(
        f"{len(texts)} real pages; sentences to find: {found} of {must_find} found ({found / must_find:.1%}); "
        f"{formatted} expectations of trafilatura's Markdown output left out"
    )
    print(
        f"boilerplate phrases trafilatura must drop: {kept} of {must_drop} still in our text ({kept / must_drop:.1%})"
    )
    for name, sentence in misses:
        print(f"  not found in {name}: {sentence!r}")


if __name__ == "__main__":
    main()
