"""`add` recognises the same source as `import` does, and runs validate's cross-entry rules before writing."""

import tomli

from conftest import LAKE, write_dossier

LAKE_FLAGS = [
    "--type",
    "article-newspaper",
    "--title",
    "Iran's Secret Plan For Mayhem",
    "--author",
    "Lake, Eli",
    "--container",
    "New York Sun",
    "--date",
    "2007-01-03",
    "--no-input",
]


def files(root):
    return sorted(p.name for p in (root / "entries").iterdir())


def test_the_same_add_twice_is_refused_naming_the_entry(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    assert run("add", "--dir", root, *LAKE_FLAGS).exit_code == 0
    again = run("add", "--dir", root, *LAKE_FLAGS)
    assert again.exit_code == 2
    assert "same title and year as 'lake2007-irans-secret-plan'" in again.stderr
    assert "--force updates that entry" in again.stderr
    assert files(root) == ["lake2007-irans-secret-plan.toml"]


def test_a_url_spelled_differently_is_the_same_source(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE})
    result = run(
        "add",
        "--dir",
        root,
        "--type",
        "webpage",
        "--title",
        "Another title",
        "--url",
        "https://nysun.com/article/46032/?utm_source=twitter",
        "--no-input",
    )
    assert result.exit_code == 2 and "same URL as 'lake2007'" in result.stderr
    assert files(root) == ["lake2007.toml"]


def test_a_duplicate_doi_is_refused_even_with_allow_duplicate(run, tmp_path):
    root = write_dossier(
        tmp_path / "d",
        {
            "milani": 'type = "article-journal"\ntitle = "Iran\'s Policy"\n'
            'container-title = "MEJ"\nissued = 2006\nDOI = "10.3751/60.2.12"\n'
        },
    )
    args = [
        "add",
        "--dir",
        root,
        "--type",
        "article-journal",
        "--title",
        "Other",
        "--container",
        "J",
        "--date",
        "2006",
        "--doi",
        "10.3751/60.2.12",
        "--no-lookup",
        "--no-input",
    ]
    assert "same DOI as 'milani'" in run(*args).stderr
    anyway = run(*args, "--allow-duplicate")
    assert anyway.exit_code == 2 and "E052" in anyway.stderr and files(root) == ["milani.toml"]


def test_allow_duplicate_adds_anyway_with_a_warning(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE})
    result = run("add", "--dir", root, *LAKE_FLAGS, "--url", "https://www.nysun.com/article/46032", "--allow-duplicate")
    assert result.exit_code == 0, result.output
    assert "warning: W051 URL https://www.nysun.com/article/46032 is also the URL of 'lake2007'" in result.stderr
    assert "added anyway (--allow-duplicate)" in result.stderr
    assert files(root) == ["lake2007-irans-secret-plan.toml", "lake2007.toml"]


def test_force_updates_the_existing_entry_keeping_its_tags_and_excerpts(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE})
    result = run(
        "add",
        "--dir",
        root,
        *LAKE_FLAGS,
        "--url",
        "http://www.nysun.com/article/46032",
        "--page",
        "3",
        "--tag",
        "efp",
        "--tag",
        "IRAN",
        "--force",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"updated {root / 'entries' / 'lake2007.toml'}")
    assert files(root) == ["lake2007.toml"]
    table = tomli.loads((root / "entries" / "lake2007.toml").read_text())
    assert table["page"] == "3" and table["tags"] == ["iran", "quds-force", "efp"]
    assert len(table["excerpts"]) == 1 and run("validate", "--dir", root).exit_code == 0


def test_force_with_an_id_replaces_that_file(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"mine": LAKE})
    result = run("add", "--dir", root, "--type", "book", "--title", "T", "--publisher", "P", "--id", "mine", "--force")
    assert result.exit_code == 0 and tomli.loads((root / "entries" / "mine.toml").read_text())["title"] == "T"


def test_a_known_page_or_doi_is_refused_before_anything_is_fetched(run, tmp_path):
    root = write_dossier(
        tmp_path / "d",
        {
            "lake2007": LAKE,
            "milani": (
                'type = "article-journal"\ntitle = "P"\ncontainer-title = "MEJ"\nissued = 2006\nDOI = "10.3751/60.2.12"\n'
            ),
        },
    )
    # nothing listens at these addresses: a fetch would fail, so the refusal proves nothing was fetched
    page = run("add", "--dir", root, "--from-url", "https://nysun.com/article/46032?utm_source=x", "--no-input")
    assert page.exit_code == 2 and "same URL as 'lake2007'" in page.stderr and "nothing was fetched" in page.stderr
    doi = run("add", "--dir", root, "--doi", "https://doi.org/10.3751/60.2.12", "--no-input")
    assert doi.exit_code == 2 and "same DOI as 'milani'" in doi.stderr
