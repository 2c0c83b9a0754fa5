"""`dossier manuscript --check-quotes` (and the quotation part of `--check`): reports and exit status.

The checking is manuscript/quotes.py's; this module prints its results (text lines on
standard error as `--check` does, JSON or GitHub annotations on standard output), asks
before adding an excerpt on a terminal, and says whether the run fails.
"""

from __future__ import annotations

import json
import sys

import click

from dossiercli.errors import DossierError, ExitStatus

FAIL_CHOICES = ("altered", "not-found", "no-excerpt", "far-ellipsis", "dropped-negation", "at-source")
DEFAULT_FAIL = ("altered", "not-found")
LABELS = {
    "verbatim": "verbatim",
    "altered": "altered",
    "not-found": "not found in the dossier",
    "no-excerpt": "no excerpt to check",
    "at-source": "not in the excerpts, but at the source's page",
}


def run_quote_check(
    text: str,
    name: str,
    dossier,
    built,
    *,
    alone: bool,
    report: str,
    fail_on: tuple[str, ...],
    online: bool,
    add_excerpts: bool,
    allow_private: bool,
    checks: list | None = None,
) -> bool:
    """Check the quotations. `alone` (--check-quotes without --check): print the quotation report and
    exit; otherwise add the quotations' problems to `built.findings`, for --check to report.

    Another route (a Word document) passes its own `checks` (manuscript.quotes.check on its
    paragraphs, each with a line and column to report) and gets the same reports and exit status.
    """
    from dossiercli.manuscript.quotes import check_markdown, check_online, counts

    if add_excerpts and not online:
        raise click.UsageError("--add-excerpts adds what --online finds: give --online too")
    if checks is None:
        lookup = lambda key: dossier.resolver.lookup(key).entry  # noqa: E731
        checks = check_markdown(text, dossier.entries, lookup)
    if online:
        from dossiercli.cli.links import load_link_options, offline

        fetched: list = []
        options = load_link_options(dossier, dossier.root, allow_private=allow_private)
        check_online(checks, {e.id: e for e in dossier.entries}, options, fetched.append)
        reason = offline(fetched)
        if reason:
            raise DossierError(reason.replace("nothing was recorded", "no page could be read"))
    failing = {id(c) for c in checks if _fails(c, fail_on)}  # by identity: a dataclass compares deeply
    total = counts(checks)
    summary = ", ".join(f"{n} {LABELS[s]}" for s, n in total.items() if n)
    if online and add_excerpts:
        _add(checks, dossier)
    if not alone:
        from dossiercli.manuscript.build import Finding

        for item in checks:
            message = _message(item)
            if message:
                built.findings.append(Finding(item.line, item.column, message, warning=id(item) not in failing))
        built.findings.sort(key=lambda f: (f.line, f.column))
        if checks and report == "text":
            click.echo(f"{name}: quotations: {summary}", err=True)
        return False
    if report == "json":
        data = {
            "schema_version": 1,
            "file": name,
            "ok": not failing,
            "counts": total,
            "quotations": [c.to_data() for c in checks],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif report == "github":
        for item in checks:
            message = _message(item)
            if message:
                level = "error" if id(item) in failing else "warning"
                where = f"file={_escape(name, True)},line={item.line},col={item.column}"
                click.echo(f"::{level} {where},title=quotation {item.status}::{_escape(message)}")
        click.echo(f"{name}: quotations: {summary or 'none attributed'}", err=True)
    else:
        for item in checks:
            _text(item, name, id(item) in failing)
        click.echo(f"{name}: quotations: {summary or 'none attributed to a source'}", err=True)
    if failing:
        raise SystemExit(ExitStatus.FINDINGS)
    return True


def _fails(item, fail_on) -> bool:
    return (
        item.status in fail_on
        or (item.far_ellipsis and "far-ellipsis" in fail_on)
        or (item.dropped_negation and "dropped-negation" in fail_on)
    )


def _quoted(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


def _message(item) -> str:
    """One line for a quotation worth reporting ('' for a verbatim one with nothing to say)."""
    where = f"{item.entry}, excerpt {item.excerpt}" if item.excerpt else (item.entry or "")
    if item.status == "altered":
        score = f"similarity {item.similarity:.3f}" if item.similarity is not None else ""
        detail = f": {item.diff}" if item.diff else ("; " + "; ".join(item.remarks) if item.remarks else "")
        elsewhere = f"; word for word in {', '.join(item.elsewhere)}: cited the wrong source?" if item.elsewhere else ""
        return f"quotation altered ({score}{', ' if score and where else ''}{where}){detail}{elsewhere}"
    if item.status == "not-found":
        message = f"quotation not found in the excerpts of {', '.join(item.sources)}: {_quoted(item.quotation.text)}"
        if item.elsewhere:
            message += f"; it is in {', '.join(item.elsewhere)}: cited the wrong source?"
        return message + _online_note(item)
    if item.status == "no-excerpt":
        message = (
            f"quotation not checked: {', '.join(item.unchecked)} "
            f"{'has' if len(item.unchecked) == 1 else 'have'} no excerpt "
            f"(add the passage: dossier excerpt {item.unchecked[0]})"
        )
        if item.elsewhere:
            message += f"; it is in {', '.join(item.elsewhere)}'s excerpts"
        return message + _online_note(item)
    if item.status == "at-source":
        found = next(o for o in item.online if o.found)
        copy = "archived copy" if found.where == "archive" else "page"
        return (
            f"quotation found at {found.entry}'s {copy} ({found.url}) but in no excerpt "
            f"(add it: --add-excerpts, or dossier excerpt {found.entry})"
        )
    if item.far_ellipsis or item.dropped_negation:
        return "; ".join(r for r in item.remarks if "far apart" in r or "excerpts" in r or "leaves out “" in r)
    return ""


def _online_note(item) -> str:
    notes = []
    for online in item.online:
        copy = "archived copy" if online.where == "archive" else "page"
        if online.detail:
            notes.append(f"{online.entry}'s {copy} could not be read ({online.detail})")
        elif online.similarity is not None:
            notes.append(f"not at {online.entry}'s {copy} either (closest {online.similarity:.3f}: {online.diff})")
        else:
            notes.append(f"not at {online.entry}'s {copy} either")
    return ("; " + "; ".join(notes)) if notes else ""


def _text(item, name: str, failing: bool) -> None:
    message = _message(item)
    if not message:
        return
    click.echo(f"{name}:{item.line}:{item.column}: {'' if failing else 'warning: '}{message}", err=True)
    if item.status == "altered" and item.passage:
        click.echo(f"    quoted:  {_quoted(item.quotation.text, 300)}", err=True)
        click.echo(f"    closest: {_quoted(item.passage, 300)}", err=True)
    for online in item.online:
        if online.found:
            click.echo(f"    at the source: {_quoted(online.context or online.passage, 300)}", err=True)


def _escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _add(checks, dossier) -> None:
    """Add each passage found at a source as an excerpt of its entry (asking first on a terminal)."""
    from dossiercli.authoring import append_excerpt
    from dossiercli.cli.options import display_path
    from dossiercli.lock import dossier_lock
    from dossiercli.manuscript.quotes import excerpts_to_add

    wanted = excerpts_to_add(checks)
    if not wanted:
        return
    ask = sys.stdin.isatty()
    with dossier_lock(dossier.root):
        for entry_id, passage, highlight in wanted:
            entry = dossier.get(entry_id)
            if ask and not click.confirm(
                f"Add to {entry_id} the excerpt {_quoted(passage, 300)}?", default=True, err=True
            ):
                continue
            append_excerpt(entry.path, passage, [highlight] if highlight and highlight in passage else [])
            click.echo(f"added an excerpt to {display_path(entry.path)}", err=True)


def run_word_quote_check(paper, dossier_dir, **options) -> None:
    """`dossier manuscript paper.docx --check-quotes`: the Word document's quotations, reported as a Markdown
    manuscript's are (line: the paragraph's number, or the footnote's)."""
    from dossiercli.cli.options import display_path, open_for_reading
    from dossiercli.manuscript.quotes import check_docx

    if paper.suffix.lower() == ".odt":
        raise DossierError("--check-quotes reads Markdown and .docx manuscripts; save the .odt as .docx", paper)
    try:
        data = paper.read_bytes()
    except OSError as error:
        raise DossierError(f"cannot read: {error.strerror or error}", paper) from None
    dossier = open_for_reading(dossier_dir)
    name = display_path(paper)
    checks = check_docx(data, name, dossier.entries, lambda key: dossier.resolver.lookup(key).entry)
    run_quote_check("", name, dossier, None, alone=True, checks=checks, **options)
