"""The shape of a pandoc JSON document, checked before the filter walks it.

`dossier pandoc-filter` reads whatever is on its standard input. Pandoc writes well-formed documents,
but a hand-made or damaged one (a `Cite` whose content is a string, a `citationId` of null, metadata
that is a list, 50,000 nested `Emph`) made the filter fail with an internal error. Here every part the
filter reads is checked, without recursion, and a document nested deeper than `MAX_DEPTH` (far beyond
what pandoc writes for any real text) is refused: the reason names the place, as a path into the JSON
(`blocks[3].c[0]`). Parts the filter leaves alone (tables, code, raw blocks) are not checked.
"""

from __future__ import annotations

from typing import Any, NoReturn

from dossiercli.errors import DossierError
from dossiercli.jsonshape import lone_surrogate, surrogate_reason

MAX_DEPTH = 400  # JSON nesting; the filter recurses about once per level

_SPANS = ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline")
_META_KEYS = (
    "dossier-notes",
    "dossier-edition",
    "dossier-titles",
    "dossier-ibid",
    "suppress-bibliography",
    "reference-section-title",
)


class ShapeError(DossierError):
    pass


def _fail(path: str, message: str) -> NoReturn:
    raise ShapeError(f"standard input is not a pandoc document the filter can read: {path}: {message}")


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _depth(document) -> None:
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ShapeError(f"standard input: pandoc JSON nested more than {MAX_DEPTH} levels deep; not read")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def check_document(document) -> None:
    """Raise ShapeError naming the first part of `document` the filter could not read."""
    if not isinstance(document, dict) or not isinstance(document.get("blocks"), list):
        raise ShapeError("standard input is not a pandoc JSON document (an object with a list of 'blocks')")
    _depth(document)
    where = lone_surrogate(document)
    if where is not None:
        raise ShapeError(f"standard input: {surrogate_reason(where)}")
    meta = document.get("meta", {})
    if not isinstance(meta, dict):
        _fail("meta", f"must be an object, not {_kind(meta)}")
    work: list[tuple[str, Any, str]] = [("blocks", document["blocks"], "blocks")]
    for key in _META_KEYS:
        if key in meta:
            work.append(("meta", meta[key], f"meta.{key}"))
    if "nocite" in meta:
        work.append(("nocite", meta["nocite"], "meta.nocite"))
    while work:
        what, value, path = work.pop()
        if what == "blocks":
            _list_of_elements(value, path)
            work.extend(("block", item, f"{path}[{i}]") for i, item in enumerate(value))
        elif what == "inlines":
            _list_of_elements(value, path)
            work.extend(("inline", item, f"{path}[{i}]") for i, item in enumerate(value))
        elif what == "block":
            work.extend(_block(value, path))
        elif what == "inline":
            work.extend(_inline(value, path))
        elif what == "meta":
            work.extend(_meta(value, path))
        elif what == "nocite":
            work.extend(_nocite(value, path))
        elif what == "citation":
            work.extend(_citation(value, path))


def _list_of_elements(value, path: str) -> list:
    if not isinstance(value, list):
        _fail(path, f"must be a list of elements, not {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not isinstance(item.get("t"), str):
            _fail(f"{path}[{index}]", f"must be an element (an object with a 't'), not {_kind(item)}")
    return value


def _parts(content, path: str, kind: str, count: int) -> list:
    if not isinstance(content, list) or len(content) < count:
        _fail(f"{path}.c", f"a {kind}'s content must be a list of {count} parts, not {_kind(content)}")
    return content


def _block(block: dict, path: str) -> list:
    kind, content, c = block["t"], block.get("c"), f"{path}.c"
    if kind in ("Para", "Plain"):
        return [("inlines", content, c)]
    if kind == "Header":
        return [("inlines", _parts(content, path, kind, 3)[2], f"{c}[2]")]
    if kind == "BlockQuote":
        return [("blocks", content, c)]
    if kind == "BulletList":
        items = content if isinstance(content, list) else _fail(c, f"must be a list of items, not {_kind(content)}")
        return [("blocks", item, f"{c}[{i}]") for i, item in enumerate(items)]
    if kind == "OrderedList":
        items = _parts(content, path, kind, 2)[1]
        if not isinstance(items, list):
            _fail(f"{c}[1]", f"must be a list of items, not {_kind(items)}")
        return [("blocks", item, f"{c}[1][{i}]") for i, item in enumerate(items)]
    if kind == "Div":
        return [("blocks", _parts(content, path, kind, 2)[1], f"{c}[1]")]
    if kind == "LineBlock":
        lines = content if isinstance(content, list) else _fail(c, f"must be a list of lines, not {_kind(content)}")
        return [("inlines", line, f"{c}[{i}]") for i, line in enumerate(lines)]
    return []  # code, raw blocks, tables, rules: left alone by the filter


def _inline(inline: dict, path: str) -> list:
    kind, content, c = inline["t"], inline.get("c"), f"{path}.c"
    if kind == "Str":
        if not isinstance(content, str):
            _fail(c, f"a Str holds text, not {_kind(content)}")
        return []
    if kind in _SPANS:
        return [("inlines", content, c)]
    if kind == "Quoted":
        parts = _parts(content, path, kind, 2)
        if not isinstance(parts[0], dict) or not isinstance(parts[0].get("t"), str):
            _fail(f"{c}[0]", "must be the quote type (an object with a 't')")
        return [("inlines", parts[1], f"{c}[1]")]
    if kind in ("Span", "Link", "Image"):
        return [("inlines", _parts(content, path, kind, 2)[1], f"{c}[1]")]
    if kind == "Code":
        if not isinstance(_parts(content, path, kind, 2)[1], str):
            _fail(f"{c}[1]", "a Code's text must be text")
        return []
    if kind == "Note":
        return [("blocks", content, c)]
    if kind == "Cite":
        parts = _parts(content, path, kind, 2)
        citations = parts[0]
        if not isinstance(citations, list) or not citations:
            _fail(f"{c}[0]", f"must be a list of one or more citations, not {_kind(citations)}")
        return [("citation", item, f"{c}[0][{i}]") for i, item in enumerate(citations)] + [
            ("inlines", parts[1], f"{c}[1]")
        ]
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return [("inlines", content, c)]  # read as inlines when a prefix or a suffix is made text
    return []


def _citation(citation, path: str) -> list:
    if not isinstance(citation, dict):
        _fail(path, f"a citation must be an object, not {_kind(citation)}")
    if not isinstance(citation.get("citationId"), str) or not citation["citationId"]:
        _fail(f"{path}.citationId", f"a citation's id must be text, not {_kind(citation.get('citationId'))}")
    mode = citation.get("citationMode", {})
    if not isinstance(mode, dict) or not isinstance(mode.get("t", ""), str):
        _fail(f"{path}.citationMode", "must be an object with a 't' (NormalCitation, AuthorInText…)")
    return [
        ("inlines", citation[key], f"{path}.{key}") for key in ("citationPrefix", "citationSuffix") if key in citation
    ]


def _meta(value, path: str) -> list:
    if not isinstance(value, dict):
        return []  # the filter reads only metadata objects
    kind, content = value.get("t"), value.get("c")
    if kind == "MetaString" and not isinstance(content, str):
        _fail(f"{path}.c", f"a MetaString holds text, not {_kind(content)}")
    if kind == "MetaBool" and not isinstance(content, bool):
        _fail(f"{path}.c", f"a MetaBool holds true or false, not {_kind(content)}")
    if kind == "MetaInlines":
        return [("inlines", content, f"{path}.c")]
    if kind == "MetaBlocks":
        blocks: list = _list_of_elements(content, f"{path}.c")
        return [("inlines", block.get("c", []), f"{path}.c[{i}].c") for i, block in enumerate(blocks)]
    return []


def _nocite(value, path: str) -> list:
    """nocite is searched for Cite elements wherever they are."""
    if isinstance(value, dict):
        if value.get("t") == "Cite":
            citations = _parts(value.get("c"), path, "Cite", 2)[0]
            if not isinstance(citations, list):
                _fail(f"{path}.c[0]", f"must be a list of citations, not {_kind(citations)}")
            return [("citation", item, f"{path}.c[0][{i}]") for i, item in enumerate(citations)]
        return [("nocite", value.get("c"), f"{path}.c")]
    if isinstance(value, list):
        return [("nocite", item, f"{path}[{i}]") for i, item in enumerate(value)]
    return []
