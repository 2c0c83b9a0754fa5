"""JSON Schema of entry files and dossier.toml: generated from the model, committed, and agreeing with `validate`."""

import json
from pathlib import Path

import jsonschema
import pytest
import tomli

from conftest import AP, FIXTURES, LAKE, RELEASE, REPO
from dossiercli.findings import CODES
from dossiercli.model.entry import ALL_FIELDS, ENTRY_TYPES
from dossiercli.schema import KINDS, config_schema, entry_schema, json_ready, schema_text
from dossiercli.validate import validate_files

ENTRY = jsonschema.Draft7Validator(entry_schema())
CONFIG = jsonschema.Draft7Validator(config_schema())

# What a schema for one file can say: the rest needs dates' calendars, several fields, or other files.
EXPRESSIBLE = {"E003", "E010", "E011", "E012", "E013", "E014", "E015", "E031", "E060"}
PARTLY = {"E020", "E030"}  # the form of a date or URL, not February 30 or port 99999
NOT_EXPRESSIBLE = set(CODES) - EXPRESSIBLE - PARTLY - {"E001", "E002", "E004"}


def schema_errors(path: Path) -> list[str]:
    validator = CONFIG if path.name == "dossier.toml" else ENTRY
    table = tomli.loads(path.read_text(encoding="utf-8"))
    return [error.message for error in validator.iter_errors(json_ready(table))]


def validate_codes(path: Path) -> set[str]:
    return {finding.code for finding in validate_files([path])}


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_the_generated_one(run, kind: str):
    committed = REPO / "schema" / f"{kind}.schema.json"
    result = run("schema", kind)
    assert result.exit_code == 0
    assert result.stdout == schema_text(kind)
    assert committed.read_text(encoding="utf-8") == result.stdout, f"run: dossier schema {kind} > {committed}"
    jsonschema.Draft7Validator.check_schema(json.loads(result.stdout))


def test_the_schema_knows_every_field_and_type_of_the_model():
    schema = entry_schema()
    assert list(schema["properties"]) == list(ALL_FIELDS)
    assert schema["properties"]["type"]["enum"] == list(ENTRY_TYPES)
    required = {rule["if"]["properties"]["type"]["const"]: rule["then"]["required"] for rule in schema["allOf"]}
    assert required == {name: list(t.required) for name, t in ENTRY_TYPES.items() if t.required}


def test_every_bundled_entry_and_dossier_toml_is_valid():
    files = sorted((REPO / "entries").rglob("*.toml"))
    assert len(files) >= 10
    for path in [*files, REPO / "dossier.toml"]:
        assert schema_errors(path) == [], path


def _fixture_files() -> list[Path]:
    return [
        path for path in sorted((FIXTURES / "invalid").rglob("*.toml")) if path.parent.name not in ("E002", "E004")
    ]  # not TOML at all: nothing for a schema to see


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_schema_and_validate_agree_on_the_bad_fixtures(path: Path):
    codes = validate_codes(path)
    errors = schema_errors(path)
    if codes & EXPRESSIBLE:
        assert errors, f"validate finds {codes}, the schema nothing"
    elif codes <= NOT_EXPRESSIBLE:
        assert errors == [], f"validate finds only {codes}, the schema {errors}"


# Variations on a good entry, each with the code `validate` gives it (None: valid).
CASES = [
    (LAKE, None),
    (AP, None),
    (RELEASE, None),
    (LAKE.replace('tags = ["iran", "quds-force"]', "tags = []"), None),
    (LAKE.replace('given = "Eli"', 'given = "Eli"\nliteral = "Eli Lake"'), "E015"),
    (LAKE.replace('[[author]]\nfamily = "Lake"\ngiven = "Eli"', 'author = "Lake, Eli"'), None),
    (LAKE.replace('[[author]]\nfamily = "Lake"\ngiven = "Eli"', 'author = "Lake, Eli, Jr., III"'), "E015"),
    (LAKE.replace('[[author]]\nfamily = "Lake"\ngiven = "Eli"', "author = []"), "E013"),
    (LAKE.replace('[[author]]\nfamily = "Lake"\ngiven = "Eli"', '[[author]]\ngiven = "Eli"'), "E015"),
    (LAKE.replace('[[author]]\nfamily = "Lake"\ngiven = "Eli"', '[[author]]\nliteral = "AP"'), None),
    (LAKE.replace("issued = 2007-01-03", 'issued = "2007-05"'), None),
    (LAKE.replace("issued = 2007-01-03", "issued = 2007"), None),
    (LAKE.replace("issued = 2007-01-03", "issued = 2007-01-03T10:00:00"), None),
    (LAKE.replace("issued = 2007-01-03", 'issued = "May 2007"'), "E020"),
    (LAKE.replace("issued = 2007-01-03", 'issued = "2007-13"'), "E020"),
    (LAKE.replace("issued = 2007-01-03", "issued = 10:00:00"), "E020"),
    (LAKE.replace("issued = 2007-01-03", "issued = true"), "E020"),
    (LAKE.replace("http://www.nysun.com/article/46032", "HTTPS://localhost/x"), None),
    (LAKE.replace("http://www.nysun.com/article/46032", "http://nysun/article"), "E030"),
    (LAKE.replace("http://www.nysun.com/article/46032", "http://www.nysun.com/a b"), "E030"),
    (LAKE.replace("http://www.nysun.com/article/46032", "www.nysun.com/article"), "E030"),
    (LAKE.replace('title = "Iran', 'DOI = "DOI:10.1000/xyz"\ntitle = "Iran'), None),
    (LAKE.replace('title = "Iran', 'DOI = "https://dx.doi.org/10.1000/x y"\ntitle = "Iran'), "E031"),
    (LAKE.replace('title = "Iran', 'page = 19\ntitle = "Iran'), None),
    (LAKE.replace('title = "Iran', 'page = true\ntitle = "Iran'), "E011"),
    (LAKE.replace('title = "Iran', 'section = 19\ntitle = "Iran'), "E011"),
    (LAKE.replace('title = "Iran', 'genre = " "\ntitle = "Iran'), "E013"),
    (LAKE.replace('title = "Iran', 'Title = "x"\ntitle = "Iran'), "E010"),
    (LAKE.replace('type = "article-newspaper"', 'type = "book"'), "W017"),  # a book without its publisher: cited
    (LAKE.replace('type = "article-newspaper"', 'type = "patent"'), "E012"),  # a patent without its number: not
    (LAKE.replace('type = "article-newspaper"\n', ""), "E012"),
    (
        LAKE.replace(
            'highlights = ["Iran is supporting both Sunni and Shiite terrorists"]', 'highlights = "Iran is supporting"'
        ),
        None,
    ),
    (
        LAKE.replace(
            'highlights = ["Iran is supporting both Sunni and Shiite terrorists"]', 'highlights = ["Iran", " "]'
        ),
        "E013",
    ),
    (
        LAKE.replace(
            'highlights = ["Iran is supporting both Sunni and Shiite terrorists"]', 'highlights = ["Iran"]\npage = "3"'
        ),
        "E010",
    ),
    (
        LAKE.replace(
            'highlights = ["Iran is supporting both Sunni and Shiite terrorists"]',
            'highlights = ["Iran"]\nlocator = "A19"\nlabel = "FROM THE STORY"',
        ),
        None,
    ),
    (
        LAKE.replace(
            'highlights = ["Iran is supporting both Sunni and Shiite terrorists"]', 'highlights = ["Teheran"]'
        ),
        "E040",
    ),
]


@pytest.mark.parametrize("text, code", CASES)
def test_schema_and_validate_agree_on_variations(tmp_path: Path, text: str, code: str | None):
    path = tmp_path / "entry.toml"
    path.write_text(text, encoding="utf-8")
    codes = validate_codes(path)
    assert codes == ({code} if code else set())
    errors = schema_errors(path)
    if code in NOT_EXPRESSIBLE or code is None:
        assert errors == []
    else:
        assert errors


def test_the_schema_does_not_see_impossible_dates_or_ports(tmp_path: Path):
    """Where the schema says less than `validate`: the calendar and port ranges (documented in docs/ci.md)."""
    path = tmp_path / "entry.toml"
    path.write_text(LAKE.replace("issued = 2007-01-03", 'issued = "2007-02-30"'), encoding="utf-8")
    assert validate_codes(path) == {"E020"} and schema_errors(path) == []
    path.write_text(LAKE.replace("nysun.com/", "nysun.com:99999/"), encoding="utf-8")
    assert validate_codes(path) == {"E030"} and schema_errors(path) == []


LINKS_CASES = [
    {"per-host": 1, "accept": [403], "exclude": ["x"]},
    {"per_host": 1, "timeout": 2.5, "grace": "7d", "transient-max-age": 60},
    {"hosts": {"example.com": {"per-host": 1, "skip": True, "soft-404": ["Oops"], "fail-blocked": False}}},
    {"save-endpoint": "http://127.0.0.1:9/save/", "fail-moved": True},
    {"per-hots": 1},
    {"accept": [42]},
    {"timeout": 0},
    {"per-host": 1.5},
    {"grace": "soon"},
    {"offline-archive": "yes"},
    {"archive-endpoint": "ftp://x"},
    {"hosts": {"example.com": {"nope": 1}}},
    {"hosts": {"example.com": 3}},
    {"hosts": []},
]


@pytest.mark.parametrize("links", LINKS_CASES)
def test_config_schema_and_check_urls_agree_on_links_settings(links: dict):
    """`[links]` is read by check-urls (links.options.from_config), not by validate: the schema follows it."""
    from dossiercli.errors import DossierError
    from dossiercli.links.options import from_config

    try:
        from_config(links, Path("dossier.toml"))
        accepted = True
    except DossierError:
        accepted = False
    errors = list(CONFIG.iter_errors({"title": "D", "links": links}))
    assert (errors == []) == accepted, (links, [e.message for e in errors])


def test_config_schema_checks_the_dossier_keys():
    assert list(CONFIG.iter_errors({"title": "D", "author": ["Cochrane, Marisa"], "defaults": {}})) == []
    for bad in ({"title": ""}, {"auhtor": "x"}, {"links": "fast"}, {"author": ["Eli Lake"]}):
        assert list(CONFIG.iter_errors(bad)), bad


def test_taplo_the_editors_checker_agrees_with_validate(tmp_path: Path):
    """taplo is what VS Code's Even Better TOML runs; the repository's .taplo.toml maps the schemas."""
    import shutil
    import subprocess

    taplo = shutil.which("taplo")
    if taplo is None:
        pytest.skip("taplo is not installed (pip install taplo)")
    bundled = subprocess.run(
        [taplo, "check", *map(str, sorted((REPO / "entries").rglob("*.toml"))), "dossier.toml"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert bundled.returncode == 0, bundled.stderr
    schema = (REPO / "schema" / "entry.schema.json").as_uri()
    for path in _fixture_files():
        if path.name == "dossier.toml":
            continue
        checked = subprocess.run([taplo, "check", "--schema", schema, str(path)], capture_output=True, text=True)
        codes = validate_codes(path)
        if codes & EXPRESSIBLE:
            assert checked.returncode != 0, (path, codes)
        elif codes <= NOT_EXPRESSIBLE:
            assert checked.returncode == 0, (path, codes, checked.stderr)


def test_fmt_keeps_a_schema_directive_on_the_first_line(tmp_path: Path):
    """taplo reads `#:schema` only at the top: formatting must not move it below `type`."""
    from dossiercli.fmt import format_text

    directive = "#:schema ../schema/entry.schema.json"
    formatted = format_text(f'{directive}\ntitle = "A Book"\npublisher = "P"\ntype = "book"\n')
    assert formatted == f'{directive}\ntype = "book"\ntitle = "A Book"\npublisher = "P"\n'
    assert format_text(formatted) == formatted
    with_note = format_text(
        f'{directive}\n# sources for chapter 2\n\ntitle = "A Book"\ntype = "book"\npublisher = "P"\n'
    )
    assert with_note.startswith(f'{directive}\n# sources for chapter 2\n\ntype = "book"\n')


def test_every_example_of_the_entry_format_is_valid():
    """docs/entry-format.md has an example per type (some untitled: a letter is cited by its writer and date)."""
    import re

    text = (REPO / "docs" / "entry-format.md").read_text(encoding="utf-8")
    examples = re.findall(r"^### ([a-z-]+)\n+```toml\n(.*?)```", text, flags=re.S | re.M)
    assert {name for name, _ in examples} == set(ENTRY_TYPES)
    for name, body in examples:
        assert [e.message for e in ENTRY.iter_errors(json_ready(tomli.loads(body)))] == [], name
