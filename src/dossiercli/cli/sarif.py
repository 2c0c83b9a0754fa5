"""Validation findings as SARIF 2.1.0, the format GitHub code scanning reads."""

from __future__ import annotations

from pathlib import Path

from dossiercli import __version__
from dossiercli.cli.options import display_path
from dossiercli.findings import CODES, Finding, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _level(severity: Severity, strict: bool) -> str:
    return "error" if severity is Severity.ERROR or strict else "warning"


def sarif_report(findings: list[Finding], strict: bool = False) -> dict:
    """One run of the `dossier` tool: every code as a rule, every finding as a result at its file and line."""
    rules = [
        {
            "id": code,
            "name": slug,
            "shortDescription": {"text": meaning},
            "defaultConfiguration": {"level": _level(severity, strict)},
        }
        for code, (slug, severity, meaning) in CODES.items()
    ]
    index = {code: number for number, code in enumerate(CODES)}
    results = []
    for finding in findings:
        result: dict = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _level(finding.severity, strict),
            "message": {"text": finding.message},
        }
        if finding.path is not None:
            location: dict = {"artifactLocation": {"uri": Path(display_path(finding.path)).as_posix()}}
            if finding.line:
                location["region"] = {"startLine": finding.line}
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    driver = {"name": "dossier", "version": __version__, "rules": rules}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
