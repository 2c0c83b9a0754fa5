"""`dossier manuscript` through the real CLI: targets, --check, errors a writer can act on."""

import json
from pathlib import Path

from conftest import REPO

LAKE = "lake2007-iran-secret-plan"


def write(tmp_path: Path, text: str, name: str = "paper.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_footnotes_and_bibliography(run, tmp_path: Path):
    paper = write(tmp_path, f"Lake saw a plan [@{LAKE}, 3]. Again [@{LAKE}, 5].\n")
    result = run("manuscript", paper, "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Lake saw a plan.[^1] Again.[^2]\n\n"
        "## Bibliography\n\n"
        "Lake, Eli. “Iran’s Secret Plan For Mayhem.” *New York Sun*, January 3, 2007. <http://www.nysun.com/article/46032>.\n\n"
        "[^1]: Eli Lake, “Iran’s Secret Plan For Mayhem,” *New York Sun*, January 3, 2007, 3, <http://www.nysun.com/article/46032>.\n\n"
        "[^2]: Lake, 5.\n"
    )


def test_every_unknown_source_in_one_run_with_line_column_and_close_matches(run, tmp_path: Path):
    paper = write(tmp_path, "First line.\n\nA claim [@lake2007-iran-secret-plam, 3] and [see @nobody; @mnfi2007].\n")
    result = run("manuscript", paper, "--dir", REPO)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{paper}:3:11: unknown source 'lake2007-iran-secret-plam' (did you mean {LAKE}?)"
    assert lines[1] == f"{paper}:3:51: unknown source 'nobody'"
    assert lines[2] == (
        f"{paper}:3:60: ambiguous source 'mnfi2007': it could be mnfi2007-coalition-forces-disrupt, "
        "mnfi2007-coalition-forces-nab, mnfi2007-three-suspected-terrorists (type more of the id)"
    )
    assert lines[3].endswith("paper.md: 3 problems; nothing written") and result.stdout == ""


def test_malformed_citations_are_reported_not_printed(run, tmp_path: Path):
    paper = write(tmp_path, f"One [see @{LAKE}; and more].\nTwo [@{LAKE} @ap2007].\nThree [@].\nFour [@{LAKE}, 3\n")
    result = run("manuscript", paper, "--check", "--dir", REPO)
    assert result.exit_code == 1
    messages = [line.split(": ", 1)[1] for line in result.stderr.splitlines()[:4]]
    assert messages[0].startswith(
        "malformed citation [see @lake2007-iran-secret-plan; and more]: 'and more' names no source"
    )
    assert messages[1].startswith("malformed citation [@lake2007-iran-secret-plan @ap2007]: two sources in one part")
    assert messages[2] == "malformed citation [@]: '@' without a source id after it"
    assert messages[3] == "citation is not closed: add ']'"


def test_check_writes_nothing_and_says_what_it_counted(run, tmp_path: Path):
    paper = write(tmp_path, f"A [@{LAKE}].[^x]\n\n[^x]: Mine, citing [@ap2007, 2].\n")
    result = run("manuscript", paper, "--check", "--dir", REPO)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip().endswith("ok: 2 notes, 2 citations of 2 sources")


def test_footnote_problems(run, tmp_path: Path):
    paper = write(tmp_path, "A claim.[^missing]\n\n[^spare]: Never used.\n")
    result = run("manuscript", paper, "--dir", REPO)
    assert result.exit_code == 1
    assert "paper.md:1:9: footnote [^missing] has no definition" in result.stderr
    assert "paper.md:3:1: warning: footnote [^spare] is never referenced; left out" in result.stderr


def test_target_from_the_output_suffix_and_no_overwrite_without_force(run, tmp_path: Path):
    paper = write(tmp_path, f"A [@{LAKE}].\n")
    out = tmp_path / "paper.tex"
    assert run("manuscript", paper, "-o", out, "--dir", REPO).exit_code == 0
    assert "\\footnote{Eli Lake, ``Iran's Secret Plan For Mayhem,'' \\textit{New York Sun}" in out.read_text()
    again = run("manuscript", paper, "-o", out, "--dir", REPO)
    assert again.exit_code == 2 and "exists" in again.stderr
    assert run("manuscript", paper, "-o", out, "--force", "--dir", REPO).exit_code == 0
    same = run("manuscript", paper, "-o", paper, "--force", "--dir", REPO)
    assert same.exit_code == 2 and "replace the manuscript itself" in same.stderr


def test_unreadable_manuscript_is_one_line(run, tmp_path: Path):
    result = run("manuscript", tmp_path / "nope.md", "--dir", REPO)
    assert result.exit_code == 2 and result.stderr.strip().endswith("nope.md: no such file")
    bad = tmp_path / "latin1.md"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    result = run("manuscript", bad, "--dir", REPO)
    assert result.exit_code == 2 and "latin1.md:1: not UTF-8" in result.stderr


def test_yaml_front_matter_is_kept_in_markdown_and_becomes_the_title_elsewhere(run, tmp_path: Path):
    paper = write(tmp_path, '---\ntitle: "A Paper"\nnocite: "[@ap2007]"\n---\n\nSee [@lake2007].\n')
    markdown = run("manuscript", paper, "--no-bibliography", "--dir", REPO).stdout
    assert markdown.startswith('---\ntitle: "A Paper"\nnocite: "[@ap2007]"\n---\n\nSee.[^1]\n')
    html = run("manuscript", paper, "--to", "html", "--dir", REPO).stdout
    assert "<title>A Paper</title>" in html and '<h1 class="title">A Paper</h1>' in html and "nocite" not in html
    latex = run("manuscript", paper, "--to", "latex", "--dir", REPO).stdout
    assert "\\begin{center}\\Large A Paper\\end{center}" in latex and "nocite" not in latex


def test_author_in_text_moves_the_note_after_the_punctuation_and_leaves_the_author_out(run, tmp_path: Path):
    # pandoc's own test (test/command/author-in-text-move-note.md), re-keyed to the bundled dossier.
    paper = write(tmp_path, "See @lake2007 [p. 21], as well.\n")
    result = run("manuscript", paper, "--no-bibliography", "--dir", REPO)
    assert result.stdout == (
        "See Eli Lake,[^1] as well.\n\n[^1]: “Iran’s Secret Plan For Mayhem,” *New York Sun*, "
        "January 3, 2007, 21, <http://www.nysun.com/article/46032>.\n"
    )


def test_keys_kept_by_import_resolve_in_a_manuscript(run, tmp_path: Path):
    root = tmp_path / "d"
    assert run("init", root, "--title", "K").exit_code == 0
    bib = write(
        tmp_path,
        "@book{Pollack:2004:Persian,\n  author = {Pollack, Kenneth M.},\n  title = {The Persian Puzzle},\n"
        "  publisher = {Random House},\n  address = {New York},\n  year = {2004}\n}\n",
        "refs.bib",
    )
    assert run("import", bib, "--dir", root).exit_code == 0
    paper = write(tmp_path, "A [@Pollack:2004:Persian, 12] and [@pollack2004, 13].\n")
    result = run("manuscript", paper, "--no-bibliography", "--dir", root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "A[^1] and.[^2]\n\n[^1]: Kenneth M. Pollack, *The Persian Puzzle* (New York: Random House, "
        "2004), 12.\n\n[^2]: Pollack, 13.\n"
    )


def test_note_modes_and_title_casing(run, tmp_path: Path):
    paper = write(tmp_path, f"A [@{LAKE}, 3]. B [@{LAKE}, 4]. C [@{LAKE}, 4].\n")
    short = run("manuscript", paper, "--notes", "18-short", "--dir", REPO).stdout
    assert "[^1]: Lake, “Iran’s Secret Plan For Mayhem,” 3." in short and "## Bibliography" in short
    full_only = run("manuscript", paper, "--mode", "full-only", "--dir", REPO).stdout
    assert "## Bibliography" not in full_only and "[^1]: Eli Lake," in full_only
    ibid = run("manuscript", paper, "--notes", "18-ibid", "--dir", REPO).stdout
    assert "[^2]: Ibid., 4." in ibid and "[^3]: Ibid." in ibid
    # The bundled dossier keeps titles as given ([chicago] titles); --headline recasts them.
    assert "“Iran’s Secret Plan For Mayhem,”" in run("manuscript", paper, "--dir", REPO).stdout
    assert "“Iran’s Secret Plan for Mayhem,”" in run("manuscript", paper, "--headline", "--dir", REPO).stdout


def test_problems_as_json_and_github_annotations(run, tmp_path: Path):
    paper = write(tmp_path, "A [@nobody, 3].\n")
    result = run("manuscript", paper, "--check", "--report", "json", "--dir", REPO)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"file": str(paper), "line": 1, "column": 5, "severity": "error", "message": "unknown source 'nobody'"}
    ]
    result = run("manuscript", paper, "--check", "--report", "github", "--dir", REPO)
    assert result.stdout == f"::error file={str(paper).replace(':', '%3A')},line=1,col=5::unknown source 'nobody'\n"


def test_nocite_puts_uncited_works_in_the_bibliography_and_dash_replaces_repeated_authors(run, tmp_path: Path):
    paper = write(tmp_path, "---\nnocite: |\n  @ap2007, @mnfi2007-coalition-forces-nab\n---\n\nA [@mnfi2007-three].\n")
    result = run("manuscript", paper, "--dash", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    bibliography = result.stdout.split("## Bibliography\n\n")[1].split("\n\n[^1]")[0].split("\n\n")
    assert [item[:30] for item in bibliography] == [
        "Associated Press. “U.S.: Iran ",
        "Multi-National Force-Iraq. “Co",
        "———. “Three Suspected Terroris",
    ]
    bad = write(tmp_path, "---\nnocite: '@nobody'\n---\n\nA [@ap2007].\n", "bad.md")
    result = run("manuscript", bad, "--check", "--dir", REPO)
    assert result.exit_code == 1 and "bad.md:2:11: nocite: unknown source 'nobody'" in result.stderr


def test_a_source_whose_file_is_invalid_is_named_as_skipped(run, tmp_path: Path):
    from conftest import write_dossier

    root = write_dossier(
        tmp_path / "d",
        {
            "good2007": 'type = "book"\ntitle = "Good"\npublisher = "P"\nissued = 2007\n',
            "bad2007": 'type = "book"\ntitle = \n',
        },
    )
    paper = write(tmp_path, "A [@good2007] and [@bad2007].\n")
    result = run("manuscript", paper, "--check", "--dir", root)
    assert result.exit_code == 1
    assert "bad2007.toml" in result.stderr and "entry skipped" in result.stderr
    assert (
        "paper.md:1:21: source 'bad2007' is skipped because its file is invalid (run `dossier validate`)"
        in result.stderr
    )


def test_an_output_suffix_that_names_no_format_is_refused_not_written_as_markdown(run, tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text("Iran's plan.[@lake2007-iran-secret-plan]\n", encoding="utf-8")
    result = run("manuscript", paper, "-o", tmp_path / "paper.odt", "--dir", REPO)
    assert result.exit_code == 2 and "--to" in result.stderr and not (tmp_path / "paper.odt").exists()
    assert run("manuscript", paper, "-o", tmp_path / "notes.txt", "--to", "markdown", "--dir", REPO).exit_code == 0


def test_explain_on_a_word_document_says_where_to_look_instead_of_being_ignored(run, tmp_path):
    paper = tmp_path / "paper.docx"
    paper.write_bytes(b"not read")
    result = run("manuscript", paper, "--explain", "--dir", REPO)
    assert result.exit_code == 2 and "cite ID --explain" in result.stderr
