"""The GitHub Action (action.yml): its steps run here as plain shell, the way the runner runs them.

The `run:` steps are taken from action.yml as written, their `${{ … }}` expressions and `if:`
conditions evaluated for the inputs given, and run with `bash -eo pipefail` (GitHub's default
for `shell: bash`). The install step really builds and installs dossiercli from this checkout
(into a scratch folder, offline: dependencies are the test environment's). Steps that `uses:`
another action (setup-python, cache) are the runner's; the cache step's path is checked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import AP, LAKE, RELEASE, REPO, write_dossier
from dossiercli.links.cache import CACHE_FILE
from linkserver import start_server

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((REPO / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),title=([^:]+)::(.*)$")


def inputs_with(**given: str) -> dict[str, str]:
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    unknown = set(given) - set(defaults)
    assert not unknown, f"not inputs of action.yml: {unknown}"
    return {**defaults, **given}


def evaluate(expression: str, inputs: dict[str, str]) -> str | bool:
    """The few expression forms action.yml uses; anything else fails the test (and keeps it testable)."""
    if "&&" in expression:
        return all(evaluate(part.strip(), inputs) for part in expression.split("&&"))
    match = re.fullmatch(r"inputs\.([\w-]+)\s*(==|!=)\s*'([^']*)'", expression)
    if match:
        name, operator, value = match.groups()
        return (inputs[name] == value) == (operator == "==")
    match = re.fullmatch(r"inputs\.([\w-]+)", expression)
    if match:
        return inputs[match.group(1)]
    if expression == "github.action_path":
        return str(REPO)
    raise AssertionError(f"action.yml uses an expression this test cannot evaluate: {expression}")


def substitute(text: str, inputs: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: str(evaluate(m.group(1), inputs)), text)


def run_action(
    workspace: Path, bin_dir: Path, site: Path, install: bool = False, **given: str
) -> list[tuple[str, subprocess.CompletedProcess]]:
    """Run the action's steps in `workspace` until one fails; (step name, result) for each step run.

    The install step runs once, for the module (`installed`); later runs reuse what it installed.
    """
    inputs = inputs_with(**given)
    # `python` is this Python (setup-python's, on the runner); `dossier` the one the install step made.
    path = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), os.environ["PATH"]])
    env = {**os.environ, "PATH": path, "PYTHONPATH": str(site)}
    env.pop("DOSSIER_DIR", None)
    ran = []
    for step in ACTION["runs"]["steps"]:
        condition = step.get("if")
        if condition is not None and not evaluate(condition, inputs):
            continue
        if "uses" in step:
            if step["uses"].startswith("actions/cache@"):
                assert substitute(step["with"]["path"], inputs) == f"{inputs['dossier']}/{CACHE_FILE.parent}"
            continue
        assert step["shell"] == "bash"
        step_env = {key: substitute(str(value), inputs) for key, value in step.get("env", {}).items()}
        if "pip install" in step["run"]:  # offline, into a scratch folder: the test environment stays as it is
            if not install:
                continue
            step_env |= {
                "PIP_TARGET": str(site),
                "PIP_NO_DEPS": "1",
                "PIP_NO_INDEX": "1",
                "PIP_NO_BUILD_ISOLATION": "0",
            }
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", substitute(step["run"], inputs)],
            cwd=workspace,
            env={**env, **step_env},
            capture_output=True,
            text=True,
        )
        ran.append((step.get("name", ""), result))
        if result.returncode != 0:
            break
    return ran


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """The install step, once for the module: dossiercli built from this checkout."""
    site = tmp_path_factory.mktemp("site")
    workspace = tmp_path_factory.mktemp("workspace")
    ran = run_action(workspace, site / "bin", site, install=True, **{"check-urls": "only"})  # nothing to check
    install = ran[0][1]
    assert install.returncode == 0, install.stderr[-3000:]
    assert (site / "bin" / "dossier").is_file()
    where = subprocess.run(
        [sys.executable, "-c", "import dossiercli.cli; print(dossiercli.cli.__file__)"],
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(site)  # the built package, not this checkout's sources
    return site / "bin", site


def test_a_bad_entry_fails_with_annotations_on_its_file_and_line(installed, tmp_path: Path):
    bin_dir, site = installed
    bad = LAKE.replace("issued = 2007-01-03", 'issued = "2007-02-30"')
    copy = RELEASE.replace("Three Suspected", "3 Suspected")  # the same URL: a warning, an error with strict
    write_dossier(tmp_path / "research", {"lake2007": bad, "mnfi2007": RELEASE, "mnfi-copy": copy})
    ran = run_action(tmp_path, bin_dir, site, dossier="research", strict="true")
    name, result = ran[-1]
    assert name == "dossier validate" and result.returncode == 1
    annotations = [ANNOTATION.match(line) for line in result.stdout.splitlines()]
    assert all(annotations), result.stdout
    assert [(m.group(1), m.group(2), m.group(4)) for m in annotations] == [
        ("error", "research/entries/lake2007.toml", "E020 bad-date"),
        ("error", "research/entries/mnfi2007.toml", "W051 duplicate-url"),
    ]
    level, file, line, title, message = annotations[0].groups()
    assert (tmp_path / file).read_text(encoding="utf-8").splitlines()[int(line) - 1] == 'issued = "2007-02-30"'
    assert message == "'issued': '2007-02-30': February 2007 has 28 days"


def test_a_clean_dossier_passes_validate_and_fmt_check(installed, tmp_path: Path):
    bin_dir, site = installed
    write_dossier(tmp_path, {"ap2007": AP})
    ran = run_action(tmp_path, bin_dir, site)
    assert [name for name, _ in ran] == ["dossier validate", "dossier fmt --check"]
    assert all(result.returncode == 0 for _, result in ran), ran[-1][1].stderr


def test_a_file_out_of_layout_fails_fmt_check(installed, tmp_path: Path):
    bin_dir, site = installed
    write_dossier(
        tmp_path, {"ap2007": 'title = "U.S.: Iran helping"\ntype = "wire-story"\npublisher = "AP"\nissued = 2007\n'}
    )
    name, result = run_action(tmp_path, bin_dir, site)[-1]
    assert name == "dossier fmt --check" and result.returncode == 1
    assert "ap2007.toml" in result.stdout + result.stderr


def test_check_urls_mode_writes_the_cache_the_cache_step_keeps(installed, tmp_path: Path):
    bin_dir, site = installed
    server, _ = start_server()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        page = f'type = "webpage"\ntitle = "A page"\nURL = "{base}/ok"\n'
        write_dossier(tmp_path / "d", {"page": page})
        ran = run_action(
            tmp_path,
            bin_dir,
            site,
            dossier="d",
            **{"check-urls": "true", "check-urls-args": "--allow-private --retries 0"},
        )
    finally:
        server.shutdown()
    assert [name for name, _ in ran][-1] == "dossier check-urls"
    assert ran[-1][1].returncode == 0, ran[-1][1].stdout + ran[-1][1].stderr
    assert (tmp_path / "d" / CACHE_FILE).is_file()


def test_the_example_workflow_uses_the_actions_inputs():
    jobs = WORKFLOW["jobs"]
    uses = [step for job in jobs.values() for step in job["steps"] if "dossiercli" in step.get("uses", "")]
    assert len(uses) >= 2
    for step in uses:
        assert set(step.get("with", {})) <= set(ACTION["inputs"]), step
    assert any(step.get("with", {}).get("check-urls") == "only" for step in uses)
    triggers = WORKFLOW[True] if True in WORKFLOW else WORKFLOW["on"]  # YAML 1.1 reads `on:` as true
    assert "push" in triggers and "schedule" in triggers


def test_with_its_defaults_the_action_annotates_files_that_exist(installed, tmp_path: Path):
    """The Action's own default is `dossier: "."`: every annotation must name a file in the workspace."""
    bin_dir, site = installed
    bad = LAKE.replace("issued = 2007-01-03", 'issued = "2007-02-30"')
    write_dossier(tmp_path, {"lake2007": bad, "ap2007": AP})
    ran = run_action(tmp_path, bin_dir, site)
    name, result = ran[-1]
    assert name == "dossier validate" and result.returncode == 1, result.stderr
    annotations = [ANNOTATION.match(line) for line in result.stdout.splitlines()]
    assert annotations and all(annotations), result.stdout
    for match in annotations:
        file, line = match.group(2), int(match.group(3))
        assert file == "entries/lake2007.toml"
        assert (tmp_path / file).read_text(encoding="utf-8").splitlines()[line - 1] == 'issued = "2007-02-30"'
