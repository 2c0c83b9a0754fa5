"""Writing an entry as the canonical TOML file: the one layout `add`, `import` and `fmt` produce."""

from __future__ import annotations

import tomli_w

from dossiercli.model.entry import Entry


def entry_to_toml(entry: Entry) -> str:
    """Scalars first in canonical order, then [[author]]… and [[excerpts]] tables, long text as \"\"\" strings."""
    return tomli_w.dumps(entry.to_toml_dict(), multiline_strings=True)
