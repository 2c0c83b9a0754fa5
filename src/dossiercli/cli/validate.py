"""`dossier validate`: schema and cross-entry checks, for people and for CI."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dossiercli.cli.options import dir_option, display_path, format_option, resolve_root
from dossiercli.errors import ExitStatus
from dossiercli.findings import CODES, Finding
from dossiercli.validate import expand_paths, validate_dossier


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@dir_option
@format_option("text", "json", "github", "sarif")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any finding).")
@click.option("--quiet", "-q", is_flag=True, help="No summary line, only findings.")
def validate(paths: tuple[Path, ...], dossier_dir: Path | None, output_format: str, strict: bool, quiet: bool) -> None:
    """Check entry files and report every problem, one line each.

    With no PATHS, checks the whole dossier (dossier.toml and entries/).
    PATHS may be entry files or folders; they are also checked against the
    rest of their dossier for duplicate ids, URLs and DOIs. Each finding is printed as
    `path:line: CODE message`; codes are listed in docs/validation.md.

    \b
    Examples:
      dossier validate
      dossier validate entries/lake2007-iran-secret-plan.toml
      dossier validate --format github --strict    # in CI
      dossier validate --format sarif > dossier.sarif  # GitHub code scanning
    """
    if paths:
        missing = [path for path in paths if not path.exists()]
        if missing:
            raise click.BadParameter(f"{missing[0]} does not exist", param_hint="PATHS")
        skipped: list[Finding] = []  # symlinks out of the dossier, loops, FIFOs in the folders given (W007)
        files = expand_paths(paths, skipped)
        # The cross-entry rules hold against the rest of the dossier too (what a pre-commit hook needs).
        from dossiercli.staged import validate_in_dossier

        findings = skipped + validate_in_dossier(files, resolve_root(dossier_dir) if dossier_dir else None)
    else:
        root = resolve_root(dossier_dir)
        files = None
        findings = validate_dossier(root)
    findings.sort(
        key=lambda f: (str(f.path), f.line or (1 << 62 if f.code == "E009" else 0), f.code)
    )  # "and N more" last
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    failed = errors > 0 or (strict and warnings > 0)

    if output_format == "json":
        report = {
            "schema_version": 1,  # docs/json-output.md
            "ok": not failed,
            "errors": errors,
            "warnings": warnings,
            "findings": [_finding_data(f) for f in findings],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    elif output_format == "github":
        for finding in findings:
            click.echo(_github_line(finding, strict))
    elif output_format == "sarif":
        from dossiercli.cli.sarif import sarif_report

        click.echo(json.dumps(sarif_report(findings, strict), indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(
                f"{display_path(finding.path)}{':' + str(finding.line) if finding.line else ''}: "
                f"{finding.code} {finding.message}"
            )
    if not quiet and output_format not in ("json", "sarif"):
        counted = f"{len(files)} files" if files is not None else "the dossier"
        summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} in {counted}"
        click.echo(("FAILED: " if failed else "ok: ") + summary, err=True)
    raise SystemExit(ExitStatus.FINDINGS if failed else ExitStatus.OK)


def _finding_data(finding: Finding) -> dict:
    return {
        "path": display_path(finding.path),
        "line": finding.line,
        "code": finding.code,
        "name": CODES[finding.code][0],
        "severity": finding.severity.value,
        "message": finding.message,
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(finding: Finding, strict: bool) -> str:
    """A GitHub Actions workflow command: shown as an annotation on the file and line."""
    level = "error" if finding.is_error or strict else "warning"
    properties = [f"file={_escape_property(display_path(finding.path))}"]
    if finding.line:
        properties.append(f"line={finding.line}")
    properties.append(f"title={_escape_property(finding.code + ' ' + finding.slug)}")
    return f"::{level} {','.join(properties)}::{_escape_data(finding.message)}"
