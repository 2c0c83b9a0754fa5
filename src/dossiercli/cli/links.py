"""`dossier check-urls`: find the dossier's dead links, and an archived copy for each."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from dossiercli.cli.options import dir_option, display_path, resolve_root
from dossiercli.errors import ExitStatus
from dossiercli.load import CONFIG_FILE, open_dossier


@click.command("check-urls")
@click.argument("ids", nargs=-1)
@dir_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--warn-only", is_flag=True, help="Report broken links but exit 0.")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Connect and read timeout in seconds [default: 10].")
@click.option("--total-timeout", type=click.FloatRange(min=0.1), help="Time allowed for one URL, retries included [default: 30].")
@click.option("--concurrency", type=click.IntRange(min=1), help="Requests in flight at once [default: 16].")
@click.option("--per-host", type=click.IntRange(min=1), help="Requests in flight against one host [default: 2].")
@click.option("--retries", type=click.IntRange(min=0), help="Retries after timeouts, 5xx and 429 [default: 2].")
@click.option("--max-age", default="1d", show_default=True, help="Reuse cached results younger than this (s, m, h, d, w).")
@click.option("--no-cache", is_flag=True, help="Check every URL again and do not update the cache.")
@click.option("--allow-private", is_flag=True, help="Also check hosts on loopback, private or link-local addresses.")
@click.option("--offline-archive", is_flag=True, help="Do not look up archived copies of broken links.")
@click.option("--write-archive", is_flag=True, help="Add the archived copy found for a broken URL to its entry file.")
@click.option("--archive-endpoint", help="Wayback availability API to ask [default: https://archive.org/wayback/available].")
def check_urls_command(ids, dossier_dir, output_format, warn_only, timeout, total_timeout, concurrency, per_host, retries,
                       max_age, no_cache, allow_private, offline_archive, write_archive, archive_endpoint) -> None:
    """Check every URL and archive_url of the dossier (or of the entries IDS).

    Concurrent but polite: at most --per-host requests to one site at a time,
    HEAD first, Retry-After honoured. For a broken URL it shows the entry's
    archive_url, or looks up an archived copy in the Wayback Machine
    (--write-archive records it in the entry). Settings can also live in
    [links] of dossier.toml (docs/links.md).

    \b
    Examples:
      dossier check-urls
      dossier check-urls lake2007-iran-secret-plan --no-cache
      dossier check-urls --format github --max-age 7d     # in CI
      dossier check-urls --write-archive
    """
    from dossiercli.links.archive import add_archive_url, find_archived
    from dossiercli.links.cache import LinkCache, parse_age
    from dossiercli.links.checker import check_urls
    from dossiercli.links.collect import cited_urls
    from dossiercli.links.options import from_config

    root = resolve_root(dossier_dir)
    dossier = open_dossier(root)
    options = from_config(dossier.config.sections.get("links", {}), root / CONFIG_FILE)
    overrides = {"timeout": timeout, "total_timeout": total_timeout, "concurrency": concurrency, "per_host": per_host,
                 "retries": retries, "archive_endpoint": archive_endpoint}
    options = dataclasses.replace(options, **{k: v for k, v in overrides.items() if v is not None})
    if allow_private:
        options = dataclasses.replace(options, allow_private=True)
    if offline_archive:
        options = dataclasses.replace(options, offline_archive=True)
    age = parse_age(max_age)

    entries = [dossier.get(entry_id) for entry_id in ids] if ids else dossier.entries
    cited = cited_urls(entries)
    cache = LinkCache(root, age)
    results = {}
    if not no_cache:
        for url in cited:
            hit = cache.get(url)
            if hit:
                results[url] = hit
    to_check = [url for url in cited if url not in results]
    for result in _run_with_progress(check_urls, to_check, options):
        results[result.url] = result
        if not no_cache:
            cache.put(result)
    if not no_cache and to_check:
        cache.save()

    by_id = {entry.id: entry for entry in entries}
    for url, uses in cited.items():
        result = results[url]
        result.entries = [entry_id for entry_id, _ in uses]
        result.fields = [field for _, field in uses]
    failed = [r for r in results.values() if r.status.failed and "URL" in r.fields]
    archive_of = {}
    missing = []
    for result in failed:
        entry = by_id[result.entries[result.fields.index("URL")]]
        if entry.archive_url:
            archive_of[result.url] = entry.archive_url
        else:
            missing.append(result.url)
    if missing and not options.offline_archive:
        found = find_archived(missing, options)
        for result in failed:
            if result.url in found:
                result.archive = found[result.url]
                if write_archive:
                    for entry_id, field in zip(result.entries, result.fields, strict=True):
                        if field == "URL" and by_id[entry_id].path:
                            add_archive_url(by_id[entry_id].path, found[result.url])
    ordered = [results[url] for url in cited]
    _print(ordered, output_format, by_id, archive_of, write_archive, options.offline_archive)
    broken = sum(1 for r in ordered if r.status.failed)
    if broken and not warn_only:
        raise SystemExit(ExitStatus.FINDINGS)


def _run_with_progress(check_urls, urls, options):
    from rich.console import Console

    console = Console(stderr=True)
    if not urls:
        return []
    if not console.is_terminal:
        return check_urls(urls, options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("checking links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("links", total=len(urls))
        return check_urls(urls, options, on_done=lambda _: progress.advance(task))


def _line_of(path: Path | None, field: str) -> int | None:
    if path is None:
        return None
    from dossiercli.load import line_of

    try:
        return line_of(path.read_text(encoding="utf-8"), (field,))
    except OSError:
        return None


def _print(results, output_format, by_id, archive_of, write_archive, offline) -> None:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status.value] = counts.get(r.status.value, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no URLs"
    if output_format == "json":
        data = [r.to_data() | {"entry_archive_url": archive_of.get(r.url)} for r in results]
        click.echo(json.dumps({"schema_version": 1, "results": data, "counts": counts}, indent=2))  # docs/json-output.md
        return
    if output_format == "github":
        for r in results:
            if not r.status.failed:
                continue
            for entry_id, field in zip(r.entries, r.fields, strict=True):
                path = by_id[entry_id].path
                line = _line_of(path, field)
                where = f"file={display_path(path)}" + (f",line={line}" if line else "")
                rescue = _rescue(r, archive_of, offline)
                click.echo(f"::error {where},title=link {r.status.value}::{r.url}: {r.detail or r.status.value}{rescue}")
        click.echo(f"links: {summary}", err=True)
        return
    for r in results:
        code = str(r.code) if r.code else "-"
        extra = f" -> {r.target}" if r.target else ""
        note = f"  ({r.detail})" if r.detail and r.status.value != "ok" else ""
        cached = " [cached]" if r.cached else ""
        click.echo(f"{r.status.value:11} {code:>3}  {r.url}{extra}  [{', '.join(r.entries)}]{note}{cached}")
        if r.status is r.status.REDIRECTED and r.permanent:
            click.echo(f"{'':16}moved permanently: consider URL = \"{r.target}\"")
        rescue = _rescue(r, archive_of, offline)
        if rescue:
            click.echo(f"{'':16}{rescue.strip('; ')}" + (" (written to the entry)" if write_archive and r.archive else ""))
    click.echo(f"links: {summary}", err=True)


def _rescue(result, archive_of, offline=False) -> str:
    if not result.status.failed:
        return ""
    if result.url in archive_of:
        return f"; archive_url: {archive_of[result.url]}"
    if result.archive:
        return f"; archived copy: {result.archive}"
    return "; archive lookup off (--offline-archive)" if offline else "; no archived copy known"
