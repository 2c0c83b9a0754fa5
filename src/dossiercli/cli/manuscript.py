"""`dossier manuscript` and `dossier pandoc-filter`: a paper with citations in, footnotes out."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from dossiercli.atomic import write_output
from dossiercli.chicago.settings import MODES, ChicagoSettings, resolve
from dossiercli.cli.options import dir_option, display_path, open_for_reading
from dossiercli.cli.quotes import DEFAULT_FAIL as QUOTE_FAIL_DEFAULT
from dossiercli.cli.quotes import FAIL_CHOICES as QUOTE_FAIL_CHOICES
from dossiercli.errors import DossierError, ExitStatus
from dossiercli.load import CONFIG_FILE

TARGETS = ("markdown", "latex", "html", "rtf", "docx")
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".tex": "latex",
    ".latex": "latex",
    ".html": "html",
    ".htm": "html",
    ".rtf": "rtf",
    ".docx": "docx",
}


@click.command()
@click.argument("paper", metavar="PAPER.md", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (atomically) instead of standard output.",
)
@click.option(
    "--to",
    "target",
    type=click.Choice(TARGETS),
    help="Output format (default: from the -o suffix .md/.tex/.html/.rtf/.docx, else markdown).",
)
@click.option(
    "--check", is_flag=True, help="Only check the citations and footnotes; write nothing (exit 1 on problems)."
)
@click.option(
    "--notes",
    "--mode",
    "mode",
    type=click.Choice(list(MODES)),
    default=None,
    help="Note mode: "
    + "; ".join(f"{m.name}: {m.summary}" for m in MODES.values())
    + " (default: [chicago] notes in dossier.toml, else full-bib).",
)
@click.option("--ibid", is_flag=True, help='The same work again at once is "Ibid." (CMOS 17 prefers short notes).')
@click.option("--no-bibliography", is_flag=True, help="Leave out the bibliography of works cited.")
@click.option("--bibliography-title", default="Bibliography", show_default=True, help="Heading of the bibliography.")
@click.option("--dash", is_flag=True, help="In the bibliography, a repeated author becomes a 3-em dash (CMOS 14.67).")
@click.option(
    "--edition",
    type=click.Choice(["17", "18"]),
    default=None,
    help="Chicago Manual of Style edition (default: the mode's).",
)
@click.option(
    "--headline/--as-given",
    default=None,
    help="Titles in headline style (CMOS 8.159; the default) or as the source prints them "
    "(default: [chicago] titles in dossier.toml).",
)
@click.option("--ascii", "ascii_quotes", is_flag=True, help="Straight quotes in the notes and bibliography.")
@click.option("--force", is_flag=True, help="Replace the -o file if it exists.")
@click.option(
    "--explain",
    is_flag=True,
    help="Write no manuscript: report every note and bibliography entry with the rule that placed each "
    "element and its section of the Manual (as `dossier cite --explain`).",
)
@click.option(
    "--update",
    is_flag=True,
    help="A .docx or .odt that already holds our notes: renumber them, add new citations (in place without -o).",
)
@click.option(
    "--report",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="How problems are reported: PAPER:LINE:COLUMN lines (standard error), JSON or GitHub "
    "annotations (standard output with --check or when nothing is written).",
)
@click.option(
    "--check-quotes",
    is_flag=True,
    help="Check every quotation a citation attributes against the cited entries' excerpts; write nothing "
    "(--check does this too).",
)
@click.option(
    "--fail-on",
    "quote_fail_on",
    multiple=True,
    type=click.Choice(QUOTE_FAIL_CHOICES),
    default=QUOTE_FAIL_DEFAULT,
    show_default=True,
    help="Which quotation results make the exit status 1 (repeatable).",
)
@click.option(
    "--online",
    is_flag=True,
    help="Look for a quotation not in the excerpts at the source's page and archived copy (as verify reads them).",
)
@click.option(
    "--add-excerpts",
    is_flag=True,
    help="With --online: add the passage found at the source as an excerpt (asks first on a terminal).",
)
@click.option("--allow-private", is_flag=True, help="With --online: also read pages on loopback or private hosts.")
@dir_option
def manuscript(
    paper: Path,
    output,
    target,
    check,
    mode,
    ibid,
    no_bibliography,
    bibliography_title,
    dash,
    edition,
    headline,
    ascii_quotes,
    force,
    explain,
    update,
    report,
    check_quotes,
    quote_fail_on,
    online,
    add_excerpts,
    allow_private,
    dossier_dir,
) -> None:
    """Turn a Markdown manuscript's citations into Chicago footnotes.

    Citations use pandoc's syntax: [@id], [@id, 23], [@id, pp. 3-5],
    [@id, chap. 2], [see @a, 23; also @b], [See, @a; @b, A19, emphasis
    added], [-@id] (author named in the text), and @id in a sentence.
    Ids may be unique prefixes or an entry's citation-key. Each citation
    becomes a note in reading order: the first citation of a work in full,
    later ones short, the same work again at once "Lake, 5." (or "Ibid."
    with --ibid). Your own footnotes ([^label]) keep their text, numbered
    in one sequence with the notes; a citation inside one is set inline.
    The bibliography of the works cited is appended.

    A Word (.docx) or LibreOffice (.odt) document works the same way: the
    citations typed in it become real footnotes in a copy (-o), everything
    else kept as it was.

    Problems are reported as PAPER:LINE:COLUMN, all in one run (exit 1).

    \b
    Examples:
      dossier manuscript paper.md > paper-notes.md
      dossier manuscript paper.md -o paper.tex
      dossier manuscript paper.md --to html -o paper.html --force
      dossier manuscript paper.md --to rtf -o paper.rtf     # Word and LibreOffice footnotes
      dossier manuscript paper.md --notes 18-short          # CMOS 18 shortened notes
      dossier manuscript paper.md --check                   # in CI or an editor
      dossier manuscript paper.md --check --report github   # annotations in GitHub Actions
      dossier manuscript paper.md --check-quotes            # quotations against the excerpts
      dossier manuscript paper.md --check-quotes --online --add-excerpts
      dossier manuscript paper.md -o paper.docx             # Word, real footnotes, no pandoc
      dossier manuscript paper.docx -o paper-cited.docx     # your Word document, cited
      dossier manuscript paper-cited.docx --update          # renumber after new citations
    """
    from dossiercli.manuscript.build import build, options_for
    from dossiercli.manuscript.targets import Document, write

    if check_quotes and not check and paper.suffix.lower() in (".docx", ".odt"):  # quotations of a Word document
        from dossiercli.cli.quotes import run_word_quote_check

        return run_word_quote_check(
            paper,
            dossier_dir,
            report=report,
            fail_on=quote_fail_on,
            online=online,
            add_excerpts=add_excerpts,
            allow_private=allow_private,
        )
    if paper.suffix.lower() in (".docx", ".odt"):  # a Word or ODF document in, the same out (cli/manuscript_word.py)
        from dossiercli.cli.manuscript_word import word_manuscript

        if explain:
            raise DossierError(
                "--explain reads a Markdown manuscript; for a Word document, `dossier cite ID --explain` explains "
                "each source's note",
                paper,
            )

        return word_manuscript(
            paper,
            output,
            check=check,
            update=update,
            force=force,
            report=report,
            dossier_dir=dossier_dir,
            target=target,
            settings=lambda dossier: _settings(dossier, mode, edition, headline, ibid),
            report_findings=_report,
            no_bibliography=no_bibliography,
            bibliography_title=bibliography_title,
            dash=dash,
            ascii_quotes=ascii_quotes,
        )
    if update:
        raise DossierError("--update is for a .docx or .odt that holds our notes; a Markdown manuscript is read anew")
    text, name = _read(paper)
    if output is not None and paper != Path("-") and output.resolve() == paper.resolve():
        raise DossierError("the output would replace the manuscript itself; choose another -o file", output)
    if target is None and output is not None and output.suffix and output.suffix.lower() not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise DossierError(
            f"cannot tell the format from {output.suffix!r} ({known}); give --to markdown|latex|html|rtf|docx", output
        )
    target = target or (SUFFIXES.get(output.suffix.lower(), "markdown") if output is not None else "markdown")
    dossier = open_for_reading(dossier_dir)
    settings = _settings(dossier, mode, edition, headline, ibid)
    style = settings.style
    skipped = frozenset(f.path.stem for f in dossier.skipped if f.path is not None)
    quote_options = dict(fail_on=quote_fail_on, online=online, add_excerpts=add_excerpts, allow_private=allow_private)
    if check_quotes and not check:  # only the quotations against the excerpts (cli/quotes.py)
        from dossiercli.cli.quotes import run_quote_check

        run_quote_check(text, name, dossier, None, alone=True, report=report, **quote_options)
        return
    from dossiercli.chicago.sections import explaining

    with explaining() if explain else nullcontext():  # the rules travel with the notes only when asked
        built = build(text, dossier.resolver, options_for(settings), skipped)
    if check:  # the quotations too, their problems with the citations'
        from dossiercli.cli.quotes import run_quote_check

        run_quote_check(text, name, dossier, built, alone=False, report=report, **quote_options)
    # JSON and GitHub annotations go to standard output when it carries nothing else (--check, or errors).
    _report(built.findings, name, report, err=report == "text" or not (check or built.errors))
    if built.errors:
        count = len(built.errors)
        if report == "text":
            click.echo(f"{name}: {count} problem{'s' if count != 1 else ''}; nothing written", err=True)
        raise SystemExit(ExitStatus.FINDINGS)
    if check:
        click.echo(
            f"{name}: ok: {len(built.notes)} notes, {len(built.positions)} citations of {len(built.cited)} sources",
            err=True,
        )
        return
    bibliography = [] if no_bibliography or not settings.mode.bibliography else built.bibliography(style, dash)
    if explain:
        from dossiercli.manuscript.explain import report as explain_report

        with explaining():
            bibliography = [] if no_bibliography or not settings.mode.bibliography else built.bibliography(style, dash)
        click.echo(
            explain_report(built, bibliography, style.edition, settings.mode.short_only, style.headline), nl=False
        )
        return
    if target == "docx":  # Markdown to a Word document with real footnotes (manuscript/docxwrite.py)
        from dossiercli.manuscript.docxwrite import to_docx

        if output is None:
            raise DossierError(f"a .docx is written to a file: add -o {Path(name).stem}.docx")
        write_output(output, to_docx(Document(built, bibliography, bibliography_title, ascii_quotes)), overwrite=force)
        click.echo(f"wrote {display_path(output)}", err=True)
        return
    result = write(Document(built, bibliography, bibliography_title, ascii_quotes), target)
    if output is None:
        sys.stdout.write(result)
    else:
        write_output(output, result, overwrite=force)
        click.echo(f"wrote {display_path(output)}", err=True)


def _report(findings, name: str, report: str, err: bool) -> None:
    if report == "json":
        if findings:
            data = [
                {
                    "file": name,
                    "line": f.line,
                    "column": f.column,
                    "severity": "warning" if f.warning else "error",
                    "message": f.message,
                }
                for f in findings
            ]
            click.echo(json.dumps(data, indent=2, ensure_ascii=False), err=err)
        return
    for finding in findings:
        if report == "github":
            level = "warning" if finding.warning else "error"
            where = f"file={_github_escape(name, True)},line={finding.line},col={finding.column}"
            click.echo(f"::{level} {where}::{_github_escape(finding.message)}", err=err)
        else:
            click.echo(finding.format(name), err=True)


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _settings(dossier, mode: str | None, edition, headline: bool | None, ibid: bool) -> ChicagoSettings:
    """Defaults, then the dossier's [chicago] section, then the options (as `dossier cite` does)."""
    if mode is not None and mode not in MODES:
        raise DossierError(f"note mode {mode!r} is not one of {', '.join(MODES)}")
    if edition is not None and str(edition) not in ("17", "18"):
        raise DossierError(f"edition {edition!r} is not 17 or 18")
    return resolve(
        dossier.config.sections.get("chicago", {}),
        dossier.root / CONFIG_FILE,
        mode=mode,
        edition=int(edition) if edition else None,
        ibid=ibid,
        headline=headline,
    )


def _titles(value) -> bool | None:
    return {"headline": True, "as-given": False}.get(value) if isinstance(value, str) else None


def _read(paper: Path) -> tuple[str, str]:
    if paper == Path("-"):
        try:
            return sys.stdin.buffer.read().decode("utf-8-sig").replace("\r\n", "\n"), "<stdin>"
        except UnicodeDecodeError as error:
            raise DossierError(f"standard input is not UTF-8 (byte {error.start + 1})") from None
    try:
        data = paper.read_bytes()
    except FileNotFoundError:
        raise DossierError("no such file", paper) from None
    except OSError as error:
        raise DossierError(f"cannot read: {error.strerror or error}", paper) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DossierError("not UTF-8 (save the manuscript as UTF-8)", paper, line) from None
    return text.replace("\r\n", "\n"), display_path(paper)


@click.command("pandoc-filter")
@click.argument("target_format", required=False, metavar="[FORMAT]")
@click.option(
    "--notes",
    "--mode",
    "mode",
    type=click.Choice(list(MODES)),
    default=None,
    help="Note mode (default: metadata dossier-notes, then [chicago] notes in dossier.toml).",
)
@click.option("--ibid", is_flag=True, help='The same work again at once is "Ibid.".')
@click.option("--edition", type=click.Choice(["17", "18"]), default=None, help="Chicago Manual of Style edition.")
@click.option("--headline/--as-given", default=None, help="Titles in headline style or as the source prints them.")
@dir_option
def pandoc_filter(target_format, mode, ibid, edition, headline, dossier_dir) -> None:
    """A pandoc JSON filter: pandoc's citations become our Chicago notes.

    Reads pandoc's JSON document on standard input and writes it back with
    every citation replaced by a footnote (set inline inside your own
    footnotes) and the bibliography appended. Metadata: reference-section-title,
    suppress-bibliography, dossier-notes, dossier-edition, dossier-titles,
    dossier-ibid. Pandoc passes the
    output format as FORMAT; it is not needed.

    \b
    Examples:
      pandoc paper.md --filter dossier-pandoc-filter -o paper.docx
      pandoc paper.md -t json | dossier pandoc-filter | pandoc -f json -o paper.odt
    """
    from dossiercli.pandocfilter import filter_document, meta_text
    from dossiercli.pandocshape import check_document

    data = sys.stdin.buffer.read()
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DossierError(f"standard input is not UTF-8 (byte {error.start + 1}); pandoc writes UTF-8") from None
    except json.JSONDecodeError as error:
        raise DossierError(
            f"standard input is not pandoc's JSON ({error.msg}, line {error.lineno}); "
            "run pandoc with -t json or --filter"
        ) from None
    except RecursionError:
        raise DossierError("standard input: pandoc JSON nested too deeply to read") from None
    except ValueError:  # a number over Python's int-string limit (4,300 digits)
        raise DossierError("standard input: pandoc JSON holds a number of thousands of digits; not read") from None
    check_document(document)  # every part the filter reads has the shape it expects: a reason, never a crash
    dossier = open_for_reading(dossier_dir)
    meta = document.get("meta", {})
    settings = _settings(
        dossier,
        mode or meta_text(meta, "dossier-notes"),
        edition or meta_text(meta, "dossier-edition"),
        headline if headline is not None else _titles(meta_text(meta, "dossier-titles")),
        ibid or meta_text(meta, "dossier-ibid") is True,
    )
    result = filter_document(
        document,
        dossier.resolver,
        settings.style,
        settings.mode.ibid,
        short_only=settings.mode.short_only,
        with_bibliography=settings.mode.bibliography,
    )
    for warning in result.warnings:
        click.echo(f"dossier pandoc-filter: warning: {warning}", err=True)
    for problem in result.problems:
        click.echo(f"dossier pandoc-filter: {problem}", err=True)
    if result.problems:
        raise SystemExit(ExitStatus.FINDINGS)
    sys.stdout.write(json.dumps(result.document, ensure_ascii=False))


def pandoc_filter_main() -> None:
    """The `dossier-pandoc-filter` program, for `pandoc --filter` (which cannot pass a subcommand)."""
    from dossiercli.cli import main

    main(["pandoc-filter", *sys.argv[1:]], prog_name="dossier")
