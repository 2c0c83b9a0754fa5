"""`dossier pandoc-filter`: pandoc's Cite elements become our notes.

The unit tests feed a hand-written pandoc AST (no pandoc needed); the last ones run the real
pandoc where it is installed and check that the filter and `dossier manuscript` agree.
"""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, REPO
from dossiercli.chicago.notes import Style
from dossiercli.load import open_dossier
from dossiercli.pandocfilter import filter_document, stringify

AS_GIVEN = Style(headline=False)

LAKE = "lake2007-iran-secret-plan"


def text(*words):
    out = []
    for index, word in enumerate(words):
        if index:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def cite(key, prefix=(), suffix=(), mode="NormalCitation"):
    citation = {
        "citationId": key,
        "citationPrefix": list(prefix),
        "citationSuffix": list(suffix),
        "citationMode": {"t": mode},
        "citationNoteNum": 0,
        "citationHash": 0,
    }
    return {"t": "Cite", "c": [[citation], text(f"[@{key}]")]}


def document(*inlines, meta=None):
    return {"pandoc-api-version": [1, 22, 2], "meta": meta or {}, "blocks": [{"t": "Para", "c": list(inlines)}]}


def notes(blocks):
    out = []
    for item in blocks[0]["c"]:
        if item.get("t") == "Note":
            out.append(stringify(item["c"][0]["c"]))
    return out


def test_cites_become_notes_after_the_punctuation_with_prefix_and_locator():
    doc = document(
        *text("A", "claim"),
        {"t": "Space"},
        cite(LAKE, text("see"), [{"t": "Str", "c": ","}, {"t": "Space"}, *text("p.", "3")]),
        {"t": "Str", "c": "."},
        {"t": "Space"},
        *text("Again"),
        {"t": "Space"},
        cite("lake2007", (), text(", 5")),
        {"t": "Str", "c": "."},
    )
    result = filter_document(doc, open_dossier(REPO).resolver, AS_GIVEN)
    assert result.problems == []
    para = result.document["blocks"][0]["c"]
    assert para[3] == {"t": "Str", "c": "."} and para[4]["t"] == "Note"  # "claim." then the note
    assert notes(result.document["blocks"]) == [
        "See Eli Lake, “Iran’s Secret Plan For Mayhem,” *New York Sun*, January 3, 2007, 3, http://www.nysun.com/article/46032.",
        "Lake, 5.",
    ]
    bibliography = result.document["blocks"][-1]
    assert bibliography["t"] == "Div" and stringify(bibliography["c"][1][0]["c"][2]) == "Bibliography"


def test_author_in_text_and_metadata_options(run):
    meta = {
        "dossier-ibid": {"t": "MetaBool", "c": True},
        "reference-section-title": {"t": "MetaInlines", "c": text("Works", "Cited")},
    }
    doc = document(
        cite(LAKE, mode="AuthorInText"),
        {"t": "Space"},
        *text("says"),
        {"t": "Space"},
        cite(LAKE),
        {"t": "Str", "c": "."},
        meta=meta,
    )
    result = run("pandoc-filter", "--dir", REPO, input=json.dumps(doc))
    assert result.exit_code == 0, result.stderr
    result = filter_document(json.loads(result.stdout), open_dossier(REPO).resolver)  # already notes: unchanged
    para = result.document["blocks"][0]["c"]
    assert para[0] == {"t": "Str", "c": "Eli"} and para[2] == {"t": "Str", "c": "Lake"} and para[3]["t"] == "Note"
    assert notes(result.document["blocks"])[1] == "Ibid."
    assert stringify(result.document["blocks"][-1]["c"][1][0]["c"][2]) == "Works Cited"


def test_unknown_keys_are_reported_with_close_matches():
    result = filter_document(document(cite("lake2007-iran-secret-plam")), open_dossier(REPO).resolver)
    assert result.problems == [f"unknown source 'lake2007-iran-secret-plam' (did you mean {LAKE}?)"]


def test_the_cli_reads_and_writes_json(run):
    doc = document(*text("A"), {"t": "Space"}, cite(LAKE), {"t": "Str", "c": "."})
    result = run("pandoc-filter", "html", "--dir", REPO, input=json.dumps(doc))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["blocks"][0]["c"][2]["t"] == "Note"
    bad = run("pandoc-filter", "--dir", REPO, input="not json")
    assert bad.exit_code == 2 and "not pandoc's JSON" in bad.stderr


PANDOC = shutil.which("pandoc")


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")
def test_with_pandoc_the_filter_and_the_manuscript_command_agree(run, tmp_path):
    source = FIXTURES / "manuscript" / "every-form.md"
    filter_script = tmp_path / "filter"
    filter_script.write_text(
        f"#!{sys.executable}\nfrom dossiercli.cli.manuscript import pandoc_filter_main\npandoc_filter_main()\n"
    )
    filter_script.chmod(0o755)
    env = {"DOSSIER_DIR": str(REPO), "PATH": "/usr/bin:/bin"}
    through_filter = subprocess.run(
        [PANDOC, str(source), "--filter", str(filter_script), "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    ).stdout
    ours = run("manuscript", source, "--dir", REPO).stdout
    through_command = subprocess.run(
        [PANDOC, "-f", "markdown", "-t", "plain", "--wrap=none"],
        input=ours,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    # pandoc's reader puts a no-break space after abbreviations such as "fig." in our Markdown.
    assert through_filter == through_command.replace("\u00a0", " ")
    assert through_filter.count("[15]") == 2


def test_nocite_lists_uncited_works_in_the_bibliography():
    nocite = {
        "t": "MetaInlines",
        "c": [
            {
                "t": "Cite",
                "c": [
                    [
                        {
                            "citationId": "ap2007",
                            "citationPrefix": [],
                            "citationSuffix": [],
                            "citationMode": {"t": "NormalCitation"},
                            "citationNoteNum": 0,
                            "citationHash": 0,
                        }
                    ],
                    [],
                ],
            }
        ],
    }
    doc = document(*text("A"), {"t": "Space"}, cite(LAKE), meta={"nocite": nocite})
    result = filter_document(doc, open_dossier(REPO).resolver, AS_GIVEN)
    entries = [stringify(block["c"]) for block in result.document["blocks"][-1]["c"][1][1:]]
    assert [entry[:20] for entry in entries] == ["Associated Press. “U", "Lake, Eli. “Iran’s S"]


def test_a_bare_handle_is_left_to_pandoc_with_a_warning():
    doc = document(*text("Ask"), {"t": "Space"}, cite("ap", mode="AuthorInText"))
    result = filter_document(doc, open_dossier(REPO).resolver)
    assert result.problems == [] and result.document["blocks"][0]["c"][2]["t"] == "Cite"
    assert result.warnings == ["unknown source 'ap' (did you mean ap2007-iran-helping-sunni?); left as text"]
