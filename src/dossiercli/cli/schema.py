"""`dossier schema [entry|config]`: the JSON Schema of entry files or dossier.toml, for editors."""

from __future__ import annotations

import click

from dossiercli.schema import KINDS, schema_text


@click.command("schema")
@click.argument("kind", type=click.Choice(KINDS), default="entry")
def schema_command(kind: str) -> None:
    """Print the JSON Schema (draft-07) of entry files or of dossier.toml.

    Generated from the entry model, so it always matches this version of
    dossier; the repository keeps a copy under schema/. Editors that read
    JSON Schema for TOML (VS Code's Even Better TOML, taplo) then flag unknown
    fields, wrong kinds of values and missing fields as you type (docs/ci.md).

    \b
    Examples:
      dossier schema > .dossier-entry.schema.json
      dossier schema config
    """
    click.echo(schema_text(kind), nl=False)
