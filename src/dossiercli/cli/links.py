"""`dossier check-urls`, `dossier links history`, `dossier archive`: dead links, their history, archived copies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
from pathlib import Path

import click

from dossiercli.cli.options import dir_option, display_path, report_skipped, resolve_root, writes_dossier
from dossiercli.errors import DossierError, ExitStatus
from dossiercli.load import CONFIG_FILE, open_dossier


def link_options(command):
    """The options check-urls and verify share."""
    for option in reversed(
        [
            click.option(
                "--timeout", type=click.FloatRange(min=0.1), help="Connect and read timeout in seconds [default: 10]."
            ),
            click.option(
                "--total-timeout",
                type=click.FloatRange(min=0.1),
                help="Seconds one URL may spend on the wire, retries and redirects included; "
                "waiting for a slot does not count [default: 30].",
            ),
            click.option("--concurrency", type=click.IntRange(min=1), help="Requests in flight at once [default: 16]."),
            click.option(
                "--per-host", type=click.IntRange(min=1), help="Requests in flight against one host [default: 2]."
            ),
            click.option(
                "--retries", type=click.IntRange(min=0), help="Retries after timeouts, 5xx and 429 [default: 2]."
            ),
            click.option(
                "--allow-private", is_flag=True, help="Also check hosts on loopback, private or link-local addresses."
            ),
        ]
    ):
        command = option(command)
    return command


def load_link_options(dossier, root: Path, **overrides):
    from dossiercli.links.options import from_config

    options = from_config(dossier.config.sections.get("links", {}), root / CONFIG_FILE)
    flags = {k: True for k in ("allow_private", "offline_archive", "fail_blocked") if overrides.pop(k, False)}
    values = {k: v for k, v in overrides.items() if v is not None}
    return dataclasses.replace(options, **values, **flags)


@click.command("check-urls")
@click.argument("ids", nargs=-1)
@dir_option
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True
)
@click.option("--warn-only", is_flag=True, help="Report broken links but exit 0.")
@link_options
@click.option(
    "--max-age",
    default="1d",
    show_default=True,
    help="Reuse cached definitive results younger than this (s, m, h, d, w); transient failures are "
    "reused for at most transient_max_age (10m).",
)
@click.option("--grace", help="Fail only on links broken for longer than this (e.g. 7d) [default: 0: at once].")
@click.option(
    "--fail-blocked", is_flag=True, help="Also fail on 401/403/429 walls (reported apart, not failing, by default)."
)
@click.option("--no-cache", is_flag=True, help="Check every URL again and do not update the cache or the history.")
@click.option("--offline-archive", is_flag=True, help="Do not look up archived copies of broken links.")
@click.option("--write-archive", is_flag=True, help="Add the archived copy found for a broken URL to its entry file.")
@click.option(
    "--archive-endpoint", help="Wayback availability API to ask [default: https://archive.org/wayback/available]."
)
@writes_dossier(when=lambda kw: kw["write_archive"])
def check_urls_command(
    ids,
    dossier_dir,
    output_format,
    warn_only,
    timeout,
    total_timeout,
    concurrency,
    per_host,
    retries,
    max_age,
    grace,
    fail_blocked,
    no_cache,
    allow_private,
    offline_archive,
    write_archive,
    archive_endpoint,
) -> None:
    """Check every URL and archive_url of the dossier (or of the entries IDS).

    Concurrent but polite: at most --per-host requests to one site at a time,
    one GET per hop, Retry-After honoured. Each failure has its class and its
    evidence: broken (404, 410…), soft-404 (a page that says "not found", or a
    redirect to the home page), blocked (401/403/429: reported, not failing),
    moved (to another site: reported, not failing), timeout, dns-failure…
    For a broken URL it shows the entry's archive_url, or looks up an archived
    copy in the Wayback Machine (--write-archive records it in the entry).
    Settings, per-host overrides among them, can live in [links] of dossier.toml
    (docs/links.md).

    \b
    Examples:
      dossier check-urls
      dossier check-urls lake2007-iran-secret-plan --no-cache
      dossier check-urls --format github --max-age 7d --grace 7d     # in CI
      dossier check-urls --write-archive
      dossier links history
    """
    from dossiercli.links.cache import LinkCache, parse_age
    from dossiercli.links.checker import check_urls
    from dossiercli.links.collect import cited_urls
    from dossiercli.links.types import Status

    root = resolve_root(dossier_dir)
    dossier = open_dossier(root)
    report_skipped(dossier.skipped)
    options = load_link_options(
        dossier,
        root,
        timeout=timeout,
        total_timeout=total_timeout,
        concurrency=concurrency,
        per_host=per_host,
        retries=retries,
        archive_endpoint=archive_endpoint,
        allow_private=allow_private,
        offline_archive=offline_archive,
        fail_blocked=fail_blocked,
        grace=parse_age(grace, "--grace") if grace is not None else None,
    )
    age = parse_age(max_age)

    entries = [dossier.get(entry_id) for entry_id in ids] if ids else dossier.entries
    cited = cited_urls(entries)
    cache = LinkCache(root, age, transient_max_age=options.transient_max_age)
    results = {}
    if not no_cache:
        for url in cited:
            hit = cache.get(url)
            if hit:
                results[url] = hit
    to_check = [url for url in cited if url not in results]
    fresh = _run_with_progress(check_urls, to_check, options)
    offline_reason = offline(fresh)
    if offline_reason:
        raise DossierError(offline_reason)
    for result in fresh:
        results[result.url] = result
        if not no_cache:
            cache.put(result, options.fails(result))
    if not no_cache and to_check:
        cache.save()

    by_id = {entry.id: entry for entry in entries}
    for url, uses in cited.items():
        result = results[url]
        result.entries = [entry_id for entry_id, _ in uses]
        result.fields = [field for _, field in uses]
        mark_grace(result, options, cache.now)
    failed = [r for r in results.values() if options.fails(r) and "URL" in r.fields and r.status is not Status.BLOCKED]
    archive_of = {}
    missing = []
    for result in failed:
        entry = by_id[result.entries[result.fields.index("URL")]]
        if entry.archive_url:
            archive_of[result.url] = entry.archive_url
        else:
            missing.append(result.url)
    if missing and not options.offline_archive:
        from dossiercli.links.archive import ArchiveUnavailable, add_archive_url, find_archived  # httpx: only now

        try:
            found = find_archived(missing, options)
        except ArchiveUnavailable as error:
            click.echo(f"dossier: warning: archive lookup skipped: {error}", err=True)
            found = {}
        for result in failed:
            if result.url in found:
                result.archive = found[result.url]
        if write_archive:  # the command holds the dossier's write lock (writes_dossier)
            for result in failed:
                for entry_id, field in zip(result.entries, result.fields, strict=True):
                    if result.url in found and field == "URL" and by_id[entry_id].path:
                        add_archive_url(by_id[entry_id].path, found[result.url])
    ordered = [results[url] for url in cited]
    _print(ordered, output_format, by_id, archive_of, write_archive, options)
    failing = sum(1 for r in ordered if options.fails(r) and not r.in_grace)
    if failing and not warn_only:
        raise SystemExit(ExitStatus.FINDINGS)


def mark_grace(result, options, now: float) -> None:
    """A failing link inside its grace period is reported, but does not fail the run."""
    if options.grace and options.fails(result) and result.first_broken is not None:
        result.in_grace = now - result.first_broken < options.grace


def offline(results) -> str | None:
    """One line when nothing could be reached because the network is down, else None.

    When every host failed to resolve, a well-known name is resolved too (DOSSIER_NETWORK_PROBE,
    default archive.org): if that fails as well, this is not link rot but a missing network, and
    nothing is recorded; if it resolves, the hosts really are gone and are reported as such.
    """
    import concurrent.futures
    import os
    import socket

    from dossiercli.links.types import Status

    checked = [r for r in results if r.status is not Status.SKIPPED]
    if not checked or not all(r.status is Status.DNS_FAILURE for r in checked):
        return None
    probe = os.environ.get("DOSSIER_NETWORK_PROBE") or "archive.org"
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        pool.submit(socket.getaddrinfo, probe, 443).result(timeout=5)
        return None
    except (OSError, UnicodeError, concurrent.futures.TimeoutError):
        hosts = sorted({_host(r.url) for r in checked})
        return (
            f"no host name resolved ({len(hosts)} host(s), e.g. {hosts[0]}, and not {probe} either): "
            "the network looks down; nothing was recorded"
        )
    finally:
        pool.shutdown(wait=False)


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _run_with_progress(check_urls, urls, options, **kwargs):
    import sys

    if not urls:
        return []
    if not sys.stderr.isatty():  # no progress bar, and no rich to import, when nobody watches
        return check_urls(urls, options, **kwargs)
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        return check_urls(urls, options, **kwargs)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("checking links"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("links", total=len(urls))
        return check_urls(urls, options, on_done=lambda _: progress.advance(task), **kwargs)


def _line_of(path: Path | None, field: str) -> int | None:
    if path is None:
        return None
    from dossiercli.load import line_of

    try:
        return line_of(path.read_text(encoding="utf-8"), (field,))
    except OSError:
        return None


def _since(timestamp: float | None) -> str:
    if not timestamp:
        return "-"
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M")


def _print(results, output_format, by_id, archive_of, write_archive, options) -> None:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status.value] = counts.get(r.status.value, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no URLs"
    grace = sum(1 for r in results if r.in_grace)
    if grace:
        summary += f" ({grace} broken for less than the grace period)"
    if output_format == "json":
        data = [
            r.to_data() | {"entry_archive_url": archive_of.get(r.url), "fails": options.fails(r) and not r.in_grace}
            for r in results
        ]
        # docs/json-output.md; one result a line: json's C encoder, where indent=2 takes its pure-Python one
        lines = ",\n".join("    " + json.dumps(item) for item in data)
        lines = f"\n{lines}\n  " if data else ""
        click.echo(f'{{\n  "schema_version": 1,\n  "results": [{lines}],\n  "counts": {json.dumps(counts)}\n}}')
        return
    if output_format == "github":
        for r in results:
            if not (options.fails(r) or r.status.value in ("blocked", "moved")):
                continue
            level = "error" if options.fails(r) and not r.in_grace else "warning"
            for entry_id, field in zip(r.entries, r.fields, strict=True):
                path = by_id[entry_id].path
                line = _line_of(path, field)
                where = f"file={display_path(path)}" + (f",line={line}" if line else "")
                rescue = _rescue(r, archive_of, options)
                since = f" (broken since {_since(r.first_broken)}, within the grace period)" if r.in_grace else ""
                click.echo(
                    f"::{level} {where},title=link {r.status.value}::{r.url}: "
                    f"{r.detail or r.status.value}{since}{rescue}"
                )
        click.echo(f"links: {summary}", err=True)
        return
    for r in results:
        code = str(r.code) if r.code else "-"
        extra = f" -> {r.target}" if r.target else ""
        note = f"  ({r.detail})" if r.detail and r.status.value != "ok" else ""
        cached = " [cached]" if r.cached else ""
        click.echo(f"{r.status.value:11} {code:>3}  {r.url}{extra}  [{', '.join(r.entries)}]{note}{cached}")
        if r.in_grace:
            click.echo(f"{'':16}broken since {_since(r.first_broken)}: within the grace period, not failing")
        if r.status.value in ("redirected", "moved") and r.permanent:
            click.echo(f'{"":16}moved permanently: consider URL = "{r.target}"')
        rescue = _rescue(r, archive_of, options)
        if rescue:
            click.echo(
                f"{'':16}{rescue.strip('; ')}" + (" (written to the entry)" if write_archive and r.archive else "")
            )
    click.echo(f"links: {summary}", err=True)


def _rescue(result, archive_of, options) -> str:
    if not options.fails(result) or result.status.value == "blocked":
        return ""
    if result.url in archive_of:
        return f"; archive_url: {archive_of[result.url]}"
    if result.archive:
        return f"; archived copy: {result.archive}"
    return "; archive lookup off (--offline-archive)" if options.offline_archive else "; no archived copy known"


@click.group("links")
@click.pass_context
def links_group(ctx: click.Context) -> None:
    """Link health over time (the history check-urls keeps in .dossier-cache/).

    \b
    Examples:
      dossier links history
      dossier links history --broken --format json
    """
    given = (ctx.default_map or {}).get("dossier_dir")
    if given:  # `dossier --dir X links history`: pass --dir down to the subcommands
        ctx.default_map = {name: {"dossier_dir": given} for name in links_group.commands}


@links_group.command("history")
@dir_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--broken", is_flag=True, help="Only links whose last state is broken.")
@click.option("--all", "everything", is_flag=True, help="Also URLs no entry cites any more.")
def history_command(dossier_dir, output_format, broken, everything) -> None:
    """Per URL: state, last status, first seen broken, last ok, flips between ok and broken.

    \b
    Examples:
      dossier links history
      dossier links history --broken
    """
    from dossiercli.links.cache import LinkCache

    root = resolve_root(dossier_dir)
    rows = sorted(LinkCache(root, 0).history(), key=lambda h: (h.state != "broken", -(h.first_broken or 0), h.url))
    if not everything:
        from dossiercli.links.collect import cited_urls

        cited = cited_urls(open_dossier(root).entries)
        rows = [h for h in rows if h.url in cited]
    if broken:
        rows = [h for h in rows if h.state == "broken"]
    if output_format == "json":
        click.echo(json.dumps([dataclasses.asdict(h) for h in rows], indent=2))
        return
    if not rows:
        click.echo("no link history yet: run dossier check-urls", err=True)
        return
    now = time.time()
    click.echo(f"{'state':7} {'status':11} {'first broken':16} {'last ok':16} {'flips':>5}  url")
    for h in rows:
        days = f" ({(now - h.first_broken) / 86400:.1f} d)" if h.first_broken else ""
        click.echo(
            f"{h.state:7} {h.status:11} {_since(h.first_broken):16} {_since(h.last_ok):16} {h.flips:>5}  {h.url}{days}"
        )


@click.command("archive")
@click.argument("ids", nargs=-1)
@dir_option
@click.option("--missing", is_flag=True, help="Every entry with a URL and no archive_url (instead of IDS).")
@click.option("--replace", is_flag=True, help="Replace an archive_url the entry already has.")
@click.option("--save-endpoint", help="Save Page Now endpoint [default: https://web.archive.org/save/].")
@click.option(
    "--allow-private", is_flag=True, help="Allow endpoints on loopback or private addresses (tests, mirrors)."
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=120, show_default=True, help="Seconds to wait for one capture."
)
def archive_command(ids, dossier_dir, missing, replace, save_endpoint, allow_private, timeout) -> None:
    """Ask the Internet Archive to capture each entry's URL now, and record archive_url.

    The Wayback URL written holds the capture's timestamp (…/web/20261128221300/…).
    CMOS 14.7 allows citing the archived copy: dossier cite --prefer-archive.

    \b
    Examples:
      dossier archive lake2007-iran-secret-plan
      dossier archive --missing
    """
    from dossiercli.links.archive import save_pages

    root = resolve_root(dossier_dir)
    dossier = open_dossier(root)
    if ids and missing:
        raise DossierError("give entry IDS or --missing, not both")
    if not ids and not missing:
        raise DossierError("name the entries to archive (or --missing for every entry without archive_url)")
    entries = [dossier.get(i) for i in ids] if ids else [e for e in dossier.entries if e.url and not e.archive_url]
    for entry in entries:
        if not entry.url:
            click.echo(f"{entry.id}: no URL to archive", err=True)
        elif entry.archive_url and not replace:
            click.echo(f"{entry.id}: has archive_url already (--replace to capture anew)", err=True)
    entries = [e for e in entries if e.url and (replace or not e.archive_url)]
    if not entries:
        return
    options = load_link_options(dossier, root, save_endpoint=save_endpoint, allow_private=allow_private)
    from dossiercli.links.archive import add_archive_url
    from dossiercli.lock import dossier_lock

    captures = {c.url: c for c in save_pages(list(dict.fromkeys(e.url for e in entries)), options, timeout)}
    failures = 0
    with dossier_lock(root):  # the captures are made; the writes wait for any other writer
        for entry in entries:
            capture = captures[entry.url]
            if capture.archive_url and entry.path:
                add_archive_url(entry.path, capture.archive_url)
                when = capture.captured.strftime("%Y-%m-%d %H:%M UTC") if capture.captured else "time unknown"
                click.echo(f"{entry.id}: {capture.archive_url} (captured {when})")
            else:
                failures += 1
                click.echo(f"{entry.id}: not archived: {capture.error}", err=True)
    if failures:
        raise SystemExit(ExitStatus.FINDINGS)


def archive_new_entry(root: Path, path: Path, url: str | None, allow_private: bool = False) -> None:
    """For `add --archive`: capture the new entry's URL with Save Page Now and record archive_url.

    The entry is written already: a failed capture is a warning on stderr, not a lost entry.
    """
    from dossiercli.links.archive import ArchiveUnavailable, add_archive_url, save_pages
    from dossiercli.lock import dossier_lock

    if not url:
        click.echo("warning: --archive: the entry has no URL to archive", err=True)
        return
    options = load_link_options(open_dossier(root), root, allow_private=allow_private)
    try:
        (capture,) = save_pages([url], options)
    except ArchiveUnavailable as error:
        click.echo(f"warning: not archived: {error}", err=True)
        return
    if not capture.archive_url:
        click.echo(f"warning: not archived: {capture.error}", err=True)
        return
    with dossier_lock(root):
        add_archive_url(path, capture.archive_url)
    when = capture.captured.strftime("%Y-%m-%d %H:%M UTC") if capture.captured else "time unknown"
    click.echo(f"archived: {capture.archive_url} (captured {when})")
