"""`--format json` of validate, check-urls, list and show: versioned, and as docs/json-output.md documents it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, write_dossier
from linkserver import start_server

DOC = (REPO / "docs" / "json-output.md").read_text(encoding="utf-8")


def documented(command: str) -> list[str]:
    """The keys the page's table for `dossier COMMAND` lists: "findings", "findings[].path" …"""
    section = DOC.split(f"## `dossier {command}")[1].split("\n## ")[0]
    keys = []
    for cell in re.findall(r"^\| (`[^|]+) \|", section, flags=re.M):
        for key in re.findall(r"`([^`]+)`", cell):
            keys.append(key)
    return keys


def check(data: dict, command: str) -> None:
    keys = documented(command)
    assert data["schema_version"] == 1
    top = [key for key in keys if "[]" not in key]
    assert set(data) == set(top), f"{command}: top-level keys {sorted(data)} vs documented {top}"
    for key in keys:
        if "[]." in key:
            outer, inner = key.split("[].")
            assert data[outer], f"{command}: no {outer} to check"
            for item in data[outer]:
                assert inner in item, f"{command}: documented key {key} missing"


@pytest.fixture(scope="module")
def server():
    server, _ = start_server()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_validate_json(run):
    result = run("validate", "--format", "json", FIXTURES / "invalid" / "E040", FIXTURES / "invalid" / "W021")
    data = json.loads(result.stdout)
    check(data, "validate")
    assert (data["ok"], data["errors"], data["warnings"]) == (False, 1, 1)
    assert [f["name"] for f in data["findings"]] == ["highlight-not-found", "future-date"]


def test_check_urls_json(run, server: str, tmp_path: Path):
    root = write_dossier(tmp_path, {"page": f'type = "webpage"\ntitle = "A"\nURL = "{server}/ok"\n'})
    result = run("check-urls", "--dir", root, "--format", "json", "--allow-private", "--no-cache", "--retries", "0")
    data = json.loads(result.stdout)
    check(data, "check-urls")
    assert data["results"][0]["entries"] == ["page"] and data["counts"] == {"ok": 1}


def test_list_and_show_json(run):
    listed = json.loads(run("list", "--dir", REPO, "--format", "json").stdout)
    check(listed, "list")
    assert all(entry["id"] and entry["type"] and entry["title"] for entry in listed["entries"])
    shown = json.loads(run("show", listed["entries"][0]["id"], "--dir", REPO, "--format", "json").stdout)
    check(shown, "show")
    assert shown["entry"] == listed["entries"][0]


def test_sarif_locates_each_finding_at_its_file_and_line(run):
    result = run(
        "validate", "--format", "sarif", "--strict", FIXTURES / "invalid" / "E040", FIXTURES / "invalid" / "W021"
    )
    assert result.exit_code == 1
    assert result.stderr == ""  # no summary line: stdout is one JSON document, stderr stays clean
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    located = []
    for item in run_["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        located.append((item["ruleId"], item["level"], uri.split("invalid/")[1], location["region"]["startLine"]))
    assert located == [
        ("E040", "error", "E040/missing-highlight.toml", 7),
        ("W021", "error", "W021/future.toml", 4),  # --strict: warnings fail, so error level
    ]
