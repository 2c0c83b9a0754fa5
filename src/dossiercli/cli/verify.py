"""`dossier verify`: are the quoted passages still at the source?"""

from __future__ import annotations

import json

import click

from dossiercli.cli.links import link_options, load_link_options, offline
from dossiercli.cli.options import dir_option, display_path, resolve_root
from dossiercli.errors import DossierError, ExitStatus
from dossiercli.load import open_dossier

FAIL_CHOICES = ("missing", "unreachable", "changed", "archived")


@click.command("verify")
@click.argument("ids", nargs=-1)
@dir_option
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True
)
@link_options
@click.option("--archived", is_flag=True, help="Check the entries' archive_url copies instead of the live pages.")
@click.option(
    "--fail-on",
    multiple=True,
    type=click.Choice(FAIL_CHOICES),
    default=("missing", "unreachable"),
    show_default=True,
    help="Which results make the exit status 1 (repeatable).",
)
@click.option("--no-cache", is_flag=True, help="Match every page again (results are cached by page content).")
@click.option("-q", "--quiet", is_flag=True, help="Only excerpts that are not found (text format).")
def verify_command(
    ids,
    dossier_dir,
    output_format,
    timeout,
    total_timeout,
    concurrency,
    per_host,
    retries,
    allow_private,
    archived,
    fail_on,
    no_cache,
    quiet,
) -> None:
    """Check that every excerpt and highlight is still at its source.

    Fetches each entry's URL (its archive_url when the page is dead or lacks a
    passage, or with --archived), extracts the page's readable text and looks for
    each excerpt after normalising white space, quotation marks, dashes, soft
    hyphens, ligatures and case. Per excerpt: found; archived (only in the
    archived copy); changed (the closest passage, its similarity and a word diff);
    missing; unreachable. Link settings ([links] in dossier.toml, --per-host…)
    apply as for check-urls; loopback and private hosts are refused unless
    --allow-private.

    \b
    Examples:
      dossier verify
      dossier verify lake2007-iran-secret-plan --format json
      dossier verify --archived
      dossier verify --format github --fail-on changed     # in CI
    """
    from dossiercli.links.verify import verify

    root = resolve_root(dossier_dir)
    dossier = open_dossier(root)
    options = load_link_options(
        dossier,
        root,
        timeout=timeout,
        total_timeout=total_timeout,
        concurrency=concurrency,
        per_host=per_host,
        retries=retries,
        allow_private=allow_private,
    )
    entries = [dossier.get(entry_id) for entry_id in ids] if ids else list(dossier.entries)
    fetched = []
    checks = verify(entries, options, archived=archived, root=root, on_done=fetched.append, use_cache=not no_cache)
    reason = offline(fetched)
    if reason:
        raise DossierError(reason.replace("nothing was recorded", "no excerpt could be checked"))
    without = [e.id for e in entries if e.excerpts and not (e.url or e.archive_url)]
    counts = {state: 0 for state in ("found", "archived", "changed", "missing", "unreachable")}
    for check in checks:
        for excerpt in check.excerpts:
            counts[excerpt.status] += 1
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no excerpts with a source to check"
    if without:
        summary += f"; {len(without)} entries with excerpts but no URL"
    if output_format == "json":
        click.echo(
            json.dumps({"sources": [c.to_data() for c in checks], "counts": counts, "no_url": without}, indent=2)
        )
    elif output_format == "github":
        _github(checks, set(fail_on))
        click.echo(f"verify: {summary}", err=True)
    else:
        _text(checks, quiet)
        click.echo(f"verify: {summary}", err=True)
    if any(counts[state] for state in fail_on):
        raise SystemExit(ExitStatus.FINDINGS)


def _page_line(label, info) -> str:
    if info is None:
        return ""
    what = f"{info.status}" + (f" {info.code}" if info.code else "")
    size = f", {info.chars:,} characters of text" if info.chars else ""
    detail = f" ({info.detail})" if info.detail else ""
    return f"  {label}: {info.url}  [{what}{size}]{detail}"


def _text(checks, quiet) -> None:
    for check in checks:
        shown = [x for x in check.excerpts if not quiet or x.status != "found"]
        if not shown:
            continue
        click.echo(check.entry_id)
        for label, info in (("page", check.live), ("archive", check.archive)):
            line = _page_line(label, info)
            if line and not quiet:
                click.echo(line)
        for x in shown:
            score = (
                f" (similarity {x.similarity:.3f})"
                if x.similarity is not None and x.status in ("changed", "missing")
                else ""
            )
            label = "found in the archived copy only" if x.status == "archived" else x.status
            detail = f": {x.detail}" if x.detail else ""
            cached = " [cached]" if x.cached else ""
            click.echo(f"  excerpt {x.index}: {label}{score}{detail}{cached}")
            if x.passage and (x.status == "changed" or (x.similarity or 0) >= 0.3):
                click.echo(f"    closest: {_clip(x.passage)}")
            if x.status == "changed" and x.diff:
                click.echo(f"    diff:    {x.diff}")
            for number, h in enumerate(x.highlights, 1):
                if not h.found:
                    near = f" (closest, {h.similarity:.3f}: {_clip(h.passage, 120)})" if h.passage else ""
                    click.echo(f"    highlight {number} not found: {_clip(h.text, 80)}{near}")


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


def _github(checks, fail_on) -> None:
    from dossiercli.load import line_of

    for check in checks:
        try:
            source = check.path.read_text(encoding="utf-8") if check.path else ""
        except OSError:
            source = ""
        for x in check.excerpts:
            if x.status == "found":
                continue
            level = "error" if x.status in fail_on else "warning"
            line = line_of(source, ("excerpts", x.index - 1, "text")) if source else None
            where = f"file={display_path(check.path)}" + (f",line={line}" if line else "")
            text = {
                "archived": "found only in the archived copy",
                "unreachable": f"source unreachable: {x.detail}",
                "missing": "not found at the source",
                "changed": f"changed at the source ({x.similarity:.2f})" if x.similarity is not None else "changed",
            }[x.status]
            extra = f": {x.diff}" if x.status == "changed" and x.diff else ""
            message = f"excerpt {x.index}: {text}{extra}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            click.echo(f"::{level} {where},title=excerpt {x.status}::{message}")
