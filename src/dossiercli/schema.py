"""JSON Schema (draft-07) for entry files and dossier.toml, generated from the model.

Nothing here is written twice: fields, entry types and their required fields come from
`model.entry`, name keys from `model.names`, the DOI form from `model.parse`, dossier.toml's
keys from `load`, the `[links]` settings from `links.options.LinkOptions`. A field the model
gains without a rule here makes generation fail (and the schema test with it), so the
schema cannot fall behind silently.

The schema checks what a single file can show: unknown fields (E010), kinds of values (E011),
required fields per type (E012), empty values (E013), entry types (E014), names (E015), the
form of dates (E020: not whether February has a 30th), URLs (E030: not port ranges) and DOIs
(E031). Rules between fields and across entries (E022, E040, E050-E052) and the file name
(E016) need `dossier validate`. Editors read TOML dates as strings; `json_ready` does the same.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dossiercli.load import CONFIG_KEYS
from dossiercli.model import entry as model
from dossiercli.model.names import NAME_KEYS
from dossiercli.model.parse import _DOI_PREFIXES, DOI_PATTERN

DRAFT = "http://json-schema.org/draft-07/schema#"
KINDS = ("entry", "config")

_NON_BLANK = {"type": "string", "pattern": r"\S"}
# PartialDate.parse: YYYY, YYYY-MM, YYYY-MM-DD (surrounding space allowed), or a TOML date / date-time.
# EDTF as PartialDate reads it: a year (negative: BC), month (21-24: seasons), day, ~ ? % flags, "/" ranges.
_ONE_DATE = r"-?\d{4}(-(0?[1-9]|1[0-2]|2[1-4])(-(0?[1-9]|[12]\d|3[01]))?)?[~?%]?"
_DATE_TEXT = r"^\s*" + _ONE_DATE + r"(/" + _ONE_DATE + r")?\s*$"
_DATE_TIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$"
_HOST = r"(?:[^\s/?#@]*@)?(?:[^\s/?#:@]*\.[^\s/?#:@]*|" + "".join(f"[{c.upper()}{c}]" for c in "localhost") + ")"
_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://" + _HOST + r"(?::\d{0,5})?(?:[/?#]\S*)?$"


def _any_case(text: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else ("\\" + c if c in ".?/" else c) for c in text)


_DOI = r"^\s*(?:" + "|".join(_any_case(prefix) for prefix in _DOI_PREFIXES) + ")?" + DOI_PATTERN.pattern + r"\s*$"


def _text(key: str) -> dict:
    described = {"description": f"`{key}`: text"}
    if key in ("URL", "archive_url"):
        return {
            **described,
            "type": "string",
            "pattern": _URL,
            "format": "uri",
            "description": f"`{key}`: an absolute http:// or https:// URL",
        }
    if key == "DOI":
        return {
            **described,
            "type": "string",
            "pattern": _DOI,
            "description": "`DOI`: 10.NNNN/suffix (a doi: or https://doi.org/ prefix is dropped)",
        }
    if key in model.NUMBER_LIKE:
        return {"description": f"`{key}`: text or a whole number", "anyOf": [_NON_BLANK, {"type": "integer"}]}
    return {**described, **_NON_BLANK}


def _date(key: str) -> dict:
    return {
        "description": f"`{key}`: a TOML date (2007-01-03), a partial or extended (EDTF) date as a string "
        '("2007-05", "2007~", "1914/1918"), or {literal = "thirteenth century"}',
        "anyOf": [
            {"type": "string", "pattern": _DATE_TEXT},
            {"type": "string", "pattern": _DATE_TIME},
            {"type": "integer", "minimum": -9999, "maximum": 9999},
            {
                "type": "object",
                "properties": {"literal": _NON_BLANK},
                "required": ["literal"],
                "additionalProperties": False,
            },
        ],
    }


def _names(key: str) -> dict:
    return {
        "description": f'`{key}`: names; each a table (family, given … or literal) or "Family, Given"',
        "anyOf": [
            {"$ref": "#/definitions/name"},
            {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/name"}},
        ],
    }


def _name_definition() -> dict:
    part = r"[^,]*[^,\s][^,]*"
    person_keys = [key for key in NAME_KEYS if key != "literal"]
    return {
        "description": 'A person (family required) or an organisation (literal alone); or "Family, Given[, Suffix]"',
        "anyOf": [
            {"type": "string", "pattern": rf"^{part}(,{part}){{1,2}}$"},
            {
                "type": "object",
                "required": ["literal"],
                "additionalProperties": False,
                "properties": {"literal": _NON_BLANK},
            },
            {
                "type": "object",
                "required": ["family"],
                "additionalProperties": False,
                "properties": {key: _NON_BLANK for key in person_keys},
            },
        ],
    }


def _excerpts() -> dict:
    properties: dict[str, Any] = {}
    for key in model.EXCERPT_FIELDS:
        if key == "highlights":
            properties[key] = {
                "description": "the parts marked in yellow: each must occur in `text`",
                "anyOf": [_NON_BLANK, {"type": "array", "items": _NON_BLANK}],
            }
        else:
            properties[key] = {**_NON_BLANK, "description": f"`{key}` of the excerpt"}
    excerpt = {"type": "object", "required": ["text"], "additionalProperties": False, "properties": properties}
    return {"description": "quoted passages ([[excerpts]])", "anyOf": [excerpt, {"type": "array", "items": excerpt}]}


def entry_schema() -> dict:
    properties: dict[str, Any] = {}
    for key in model.ALL_FIELDS:
        if key == "type":
            labels = "; ".join(f"{name}: {t.label}" for name, t in model.ENTRY_TYPES.items())
            properties[key] = {"description": f"the entry type ({labels})", "enum": list(model.ENTRY_TYPES)}
        elif key in model.TEXT_FIELDS:
            properties[key] = _text(key)
        elif key in model.DATE_FIELDS:
            properties[key] = _date(key)
        elif key in model.NAME_FIELDS:
            properties[key] = _names(key)
        elif key == "tags":
            properties[key] = {"description": "tags, for `--tag` filters", "type": "array", "items": _NON_BLANK}
        elif key == "excerpts":
            properties[key] = _excerpts()
        elif key == "extra":
            properties[key] = {
                "description": "fields an imported format carried that the model has no field for",
                "type": "object",
                "additionalProperties": {"type": "string"},
            }
        else:
            raise ValueError(f"schema.py has no rule for the entry field {key!r}: add one")
    by_type = [
        {
            "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
            "then": {"required": list(entry_type.required)},
        }
        for name, entry_type in model.ENTRY_TYPES.items()
        if entry_type.required
    ]
    return {
        "$schema": DRAFT,
        "title": "dossiercli entry file",
        "description": "One source of a research dossier (entries/*.toml); generated by `dossier schema entry`.",
        "type": "object",
        "required": ["type"],  # and `title`, for every type that requires it (below)
        "additionalProperties": False,
        "properties": properties,
        "allOf": by_type,
        "definitions": {"name": _name_definition()},
    }


def _link_setting(name: str, default: Any) -> dict:
    """One `[links]` (or `[links.hosts."…"]`) setting, as `links.options._check_value` accepts it."""
    if isinstance(default, bool) or name in ("skip", "fail_blocked"):
        return {"type": "boolean"}
    if isinstance(default, tuple) or name in ("accept", "soft_404"):
        if name == "accept":
            return {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599}}
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(default, (int, float)) or name in ("per_host", "timeout"):
        whole = name == "per_host" or isinstance(default, int) and not isinstance(default, (bool, float))
        return {"type": "integer" if whole else "number", "exclusiveMinimum": 0}
    return {"type": "string", "pattern": "^https?://"}


def _settings(names: Any, defaults: Any, described: str) -> dict[str, Any]:
    """Each setting under its name and its hyphenated spelling (both are read)."""
    shapes: dict[str, Any] = {}
    for name in sorted(names):
        default = getattr(defaults, name)
        shape = {**_link_setting(name, default), "description": f"{described} (default {default!r})"}
        shapes[name] = shape
        if "_" in name:
            shapes[name.replace("_", "-")] = shape
    return shapes


def _links_section() -> dict:
    from dossiercli.links import options

    properties = _settings(options._NAMES, options.LinkOptions(), "check-urls setting")
    duration = {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*[smhdwSMHDW]?\s*$"},
        ]
    }
    for name in sorted(options._DURATIONS):
        shape = {**duration, "description": "seconds, or a duration such as 6h, 7d"}
        properties[name] = shape
        properties[name.replace("_", "-")] = shape
    rule = {
        "type": "object",
        "additionalProperties": False,
        "properties": _settings(options._RULE_NAMES, options.HostRule(), "setting for this host"),
    }
    properties["hosts"] = {
        "description": 'per-host overrides: [links.hosts."example.com"]',
        "type": "object",
        "additionalProperties": rule,
    }
    return {
        "description": "settings of `dossier check-urls` (docs/links.md)",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def config_schema() -> dict:
    properties: dict[str, Any] = {}
    for key in CONFIG_KEYS:
        if key in ("title", "subtitle", "description"):
            properties[key] = {**_NON_BLANK, "description": f"the dossier's {key}"}
        elif key == "author":
            properties[key] = {
                "description": "the dossier's authors",
                "anyOf": [{"$ref": "#/definitions/name"}, {"type": "array", "items": {"$ref": "#/definitions/name"}}],
            }
        elif key == "links":
            properties[key] = _links_section()
        elif key == "defaults":
            properties[key] = {"description": "defaults for commands", "type": "object"}
        elif key == "chicago":
            from dossiercli.chicago.settings import MODES, TITLES

            properties[key] = {
                "description": "how the dossier is cited (docs/chicago.md)",
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "titles": {
                        "enum": list(TITLES),
                        "description": "headline style (CMOS 8.159) or as the source prints",
                    },
                    "notes": {
                        "enum": list(MODES),
                        "description": "the note mode: "
                        + "; ".join(f"{name}: {mode.summary}" for name, mode in MODES.items()),
                    },
                    "edition": {"enum": [17, 18], "description": "the Manual's edition (overrides the mode's)"},
                },
            }
        elif key == "lookup":
            from dossiercli.lookup import DEFAULT_ENDPOINTS

            properties[key] = {
                "description": "endpoints of `dossier add --doi/--isbn` (docs/authoring.md)",
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    name: {"type": "string", "pattern": _URL, "format": "uri", "description": f"default: {default}"}
                    for name, default in DEFAULT_ENDPOINTS.items()
                },
            }
        else:
            raise ValueError(f"schema.py has no rule for the dossier.toml key {key!r}: add one")
    return {
        "$schema": DRAFT,
        "title": "dossiercli dossier.toml",
        "description": "A dossier's settings (dossier.toml); generated by `dossier schema config`.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "definitions": {"name": _name_definition()},
    }


def schema(kind: str) -> dict:
    if kind == "entry":
        return entry_schema()
    if kind == "config":
        return config_schema()
    raise ValueError(f"no schema {kind!r} (one of: {', '.join(KINDS)})")


def schema_text(kind: str) -> str:
    """The schema as committed under schema/: two-space JSON and a final newline."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def json_ready(value: Any) -> Any:
    """A TOML table as JSON sees it (and editors' schema checkers): dates and times as ISO strings."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):  # dt.datetime is a dt.date
        return value.isoformat()
    return value
