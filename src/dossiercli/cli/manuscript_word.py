"""`dossier manuscript paper.docx`: the Word branch of the manuscript command (cli/manuscript.py dispatches here)."""

from __future__ import annotations

from pathlib import Path

import click

from dossiercli.atomic import write_output
from dossiercli.cli.options import display_path, open_for_reading
from dossiercli.errors import DossierError, ExitStatus

WORD_SUFFIXES = (".docx", ".odt")


def word_manuscript(
    paper: Path,
    output: Path | None,
    *,
    check: bool,
    update: bool,
    target: str | None = None,
    force: bool,
    report: str,
    dossier_dir,
    settings,  # a callable: dossier -> ChicagoSettings (cli/manuscript.py's _settings with the options)
    report_findings,  # cli/manuscript.py's _report
    no_bibliography: bool,
    bibliography_title: str,
    dash: bool,
    ascii_quotes: bool,
) -> None:
    from dossiercli.manuscript.build import options_for
    from dossiercli.manuscript.odt import cite_odt
    from dossiercli.manuscript.word import BibliographySettings, cite_docx

    name = display_path(paper)
    if target is not None and target != paper.suffix.lower().lstrip("."):
        raise DossierError(
            f"--to {target} is for Markdown manuscripts: a {paper.suffix} is written as {paper.suffix}", paper
        )
    if output is not None and output.suffix.lower() != paper.suffix.lower():
        raise DossierError(f"a {paper.suffix} manuscript is written as {paper.suffix}: name the -o file so", output)
    in_place = output is None and update and not check
    if output is not None and output.resolve() == paper.resolve() and not update:
        raise DossierError(
            "the output would replace the manuscript itself; choose another -o file (or --update)", output
        )
    if output is None and not check and not update:
        raise DossierError(
            f"name the document to write: -o {paper.stem}-cited{paper.suffix} (never over the one you wrote)", paper
        )
    try:
        data = paper.read_bytes()
    except FileNotFoundError:
        raise DossierError("no such file", paper) from None
    except OSError as error:
        raise DossierError(f"cannot read: {error.strerror or error}", paper) from None
    dossier = open_for_reading(dossier_dir)
    chosen = settings(dossier)
    skipped = frozenset(f.path.stem for f in dossier.skipped if f.path is not None)
    cite = cite_odt if paper.suffix.lower() == ".odt" else cite_docx
    result = cite(
        data,
        dossier.resolver,
        options_for(chosen),
        name=name,
        skipped=skipped,
        bibliography=BibliographySettings(not no_bibliography and chosen.mode.bibliography, bibliography_title, dash),
        ascii_quotes=ascii_quotes,
        update=update,
    )
    report_findings(result.findings, name, report, err=report == "text" or not (check or result.errors))
    if result.errors:
        count = len(result.errors)
        if report == "text":
            click.echo(f"{name}: {count} problem{'s' if count != 1 else ''}; nothing written", err=True)
        raise SystemExit(ExitStatus.FINDINGS)
    summary = f"{result.notes} notes, {result.citations} citations of {len(result.cited)} sources"
    if check:
        click.echo(f"{name}: ok: {summary}", err=True)
        return
    destination = paper if in_place else output
    assert destination is not None
    write_output(destination, result.data, overwrite=force or in_place or destination.resolve() == paper.resolve())
    click.echo(f"wrote {display_path(destination)} ({summary})", err=True)
