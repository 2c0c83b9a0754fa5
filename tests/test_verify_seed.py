"""The bundled dossier's excerpts against local copies of their pages, typeset as publishers do.

Each entry's page is built from its excerpts — the seed's passages, transcribed into the
entries — the way a news site would serve them: curly quotes and apostrophes, dashes
without spaces, other line breaks, soft hyphens in long words, entities, inline markup,
and navigation, scripts, a cookie banner and a footer around the article. Every excerpt
must be found; one deliberately edited copy must be reported as changed, with the diff.
"""

import json
import re
import shutil
import textwrap

import pytest
import tomlkit

from conftest import REPO
from linkserver import start_server


def smart_quotes(text: str) -> str:
    text = re.sub(r'(^|[\s(\[—-])"', "\\1\u201c", text)
    text = text.replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[—-])'", "\\1\u2018", text)
    return text.replace("'", "\u2019")


def soft_hyphens(text: str) -> str:
    return re.sub(r"\b([A-Za-z]{5})([a-z]{5,})\b", "\\1\u00ad\\2", text)


def typeset(passage: str) -> str:
    """One excerpt as a publisher's HTML: paragraphs, curly quotes, unspaced em dashes, rewrapped, soft hyphens."""
    html = []
    for paragraph in re.split(r"\n\s*\n", passage):
        text = smart_quotes(" ".join(paragraph.split())).replace(" — ", "&mdash;").replace("&", "&amp;")
        text = text.replace("&amp;mdash;", "&mdash;").replace("<", "&lt;")
        text = soft_hyphens(text)
        words = text.split(" ")
        if len(words) > 6:
            words[3] = f"<em>{words[3]}</em>"
        html.append("<p>" + "\n".join(textwrap.wrap(" ".join(words), 47)) + "</p>")
    return "\n".join(html)


def page(entry: dict) -> bytes:
    body = "\n<div class='ad-slot'>Advertisement</div>\n".join(typeset(x["text"]) for x in entry["excerpts"])
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset='utf-8'>"
        f"<title>{entry['title']}</title><style>p {{ margin: 0 }}</style>"
        "<script>window.dataLayer = [{'page': 'article'}];</script></head><body>"
        "<header><a href='/'>Home</a> | <a href='/world'>World</a></header>"
        "<nav role='navigation'><ul><li>Politics</li><li>Middle East</li></ul></nav>"
        "<div id='cookie-banner'>We use cookies to improve your experience.</div>"
        f"<main><article><h1>{entry['title']}</h1><div class='byline'>Staff</div>{body}</article></main>"
        "<aside class='related'>Related: Iran denies involvement</aside>"
        "<footer>Copyright 2007. All rights reserved.</footer></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A copy of the bundled dossier whose every entry with excerpts points at its local page."""
    server, state = start_server()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    root = tmp_path_factory.mktemp("seed") / "dossier"
    shutil.copytree(REPO / "entries", root / "entries")
    shutil.copy(REPO / "dossier.toml", root / "dossier.toml")
    excerpts = 0
    for path in sorted((root / "entries").glob("*.toml")):
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
        if not document.get("excerpts"):
            continue
        data = document.unwrap()
        excerpts += len(data["excerpts"])
        state.pages[f"/{path.stem}"] = ("text/html; charset=utf-8", page(data))
        document["URL"] = f"{base}/{path.stem}"
        document.pop("archive_url", None)
        path.write_text(tomlkit.dumps(document), encoding="utf-8")
    yield root, base, state, excerpts
    server.shutdown()


def test_every_excerpt_of_the_bundled_dossier_is_found(run, served):
    root, _, _, excerpts = served
    result = run("verify", "--dir", root, "--allow-private", "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert excerpts >= 15 and data["counts"]["found"] == excerpts, data["counts"]
    assert all(h["found"] for s in data["sources"] for x in s["excerpts"] for h in x["highlights"])


def test_a_deliberately_edited_copy_is_reported_as_changed_with_the_diff(run, served, tmp_path):
    root, base, state, _ = served
    original = state.pages["/ap2007-iran-helping-sunni"]
    data = tomlkit.parse((root / "entries" / "ap2007-iran-helping-sunni.toml").read_text(encoding="utf-8")).unwrap()
    text = data["excerpts"][0]["text"]
    data["excerpts"][0]["text"] = text.replace("Iran is providing support", "Iran is offering support", 1)
    assert data["excerpts"][0]["text"] != text
    state.pages["/ap2007-iran-helping-sunni"] = (original[0], page(data))
    try:
        result = run("verify", "ap2007-iran-helping-sunni", "--dir", root, "--allow-private", "--format", "json")
    finally:
        state.pages["/ap2007-iran-helping-sunni"] = original
    (source,) = json.loads(result.stdout)["sources"]
    (excerpt,) = source["excerpts"]
    assert excerpt["status"] == "changed" and excerpt["similarity"] > 0.99
    assert "Iran is [-providing-]{+offering+} support to some" in excerpt["diff"]
    assert excerpt["diff"].count("[-") == 1  # only the edited word, despite curly quotes, soft hyphens, rewrapping
    first, second = excerpt["highlights"]
    assert not first["found"] and second["found"]  # the first highlight held the edited word
