"""A pandoc JSON filter: pandoc's Cite elements -> our Chicago notes.

    pandoc paper.md --filter dossier-pandoc-filter -o paper.docx
    pandoc paper.md -t json | dossier pandoc-filter | pandoc -f json -o paper.docx

Pandoc parses the citation syntax (`[see @a, 23]`, `@a [p. 4]`, `[-@a]`) into Cite
elements; this walks the document in reading order and replaces each with a Note
holding our note (the same sequencing, prefixes, suffixes and locator labels as
`dossier manuscript`), or sets it inline when it stands in a writer's own note.
A bibliography of the works cited is appended (heading from the metadata's
`reference-section-title`, none with `suppress-bibliography: true`). Metadata
`dossier-notes` (a note mode), `dossier-edition`, `dossier-titles` and `dossier-ibid`
choose the options (read by the command, `cli/manuscript.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, cast

from dossiercli.chicago.notes import Style
from dossiercli.chicago.richtext import Rich
from dossiercli.chicago.sequence import bibliography
from dossiercli.manuscript.cites import Cite, parse_locator
from dossiercli.manuscript.notes import Placed, Sequencer, author_in_text, compose, inline_text, note_text
from dossiercli.resolve import Resolution, Resolver


@dataclass
class FilterResult:
    document: dict
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def rich_to_inlines(rich: Rich) -> list[dict]:
    """Our rich text as pandoc inlines: Str and Space, Emph for italics, Link for URLs."""
    out: list[dict] = []
    for span in rich.spans:
        if span.url:
            out.append({"t": "Link", "c": [["", [], []], [{"t": "Str", "c": span.text}], [span.text, ""]]})
            continue
        words = _words(span.text)
        if span.italic:
            out.append({"t": "Emph", "c": words})
        else:
            out.extend(words)
    return out


def _words(text: str) -> list[dict]:
    out = []
    for piece in re.split(r"( +)", text):
        if not piece:
            continue
        out.append({"t": "Space"} if piece.startswith(" ") else {"t": "Str", "c": piece})
    return out


def stringify(inlines: list[dict]) -> str:
    """Inlines back to Markdown-ish text (emphasis as *…*), for prefixes and suffixes."""
    out = []
    for item in inlines:
        kind, content = item.get("t"), item.get("c")
        content = cast(Any, content)
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind == "Emph":
            out.append("*" + stringify(content) + "*")
        elif kind == "Code":
            out.append(content[1])
        elif kind == "Quoted":
            quote = ("\u201c", "\u201d") if content[0]["t"] == "DoubleQuote" else ("\u2018", "\u2019")
            out.append(quote[0] + stringify(content[1]) + quote[1])
        elif kind in ("Link", "Image", "Span", "Cite"):
            out.append(stringify(content[1]))
        elif isinstance(content, list) and content and isinstance(content[0], dict):
            out.append(stringify(content))
    return "".join(out)


class _Filter:
    def __init__(self, resolver: Resolver, style: Style, ibid: bool, short_only: bool = False):
        self.resolver = resolver
        self.style = style
        self.sequencer = Sequencer(style, ibid, short_only)
        self.cited: dict = {}
        self.problems: list[str] = []
        self.warnings: list[str] = []  # a bare @name that names no source: left to pandoc as text

    def placed(self, citations: list[dict]) -> list[Placed] | None:
        out, ok = [], True
        for citation in citations:
            key = citation["citationId"]
            mode = citation.get("citationMode", {}).get("t", "NormalCitation")
            resolution = self.resolver.lookup(key)
            in_text = mode == "AuthorInText"
            if in_text and resolution.how == "prefix" and not any(ch.isdigit() for ch in key):
                # as in `dossier manuscript`: "@ap" in a sentence is a handle, not a prefix of an id
                resolution = Resolution(None, suggestions=(resolution.entry.id,) if resolution.entry else ())
            if resolution.entry is None:
                message = self.resolver.message(key, resolution)
                if in_text and not resolution.candidates:
                    self.warnings.append(message + "; left as text")
                else:
                    self.problems.append(message)
                ok = False
                continue
            locator, suffix = parse_locator(stringify(citation.get("citationSuffix", [])))
            cite = Cite(
                key,
                0,
                stringify(citation.get("citationPrefix", [])).strip(),
                locator,
                suffix,
                suppress_author=mode == "SuppressAuthor",
            )
            out.append(Placed(cite, resolution.entry))
            self.cited.setdefault(resolution.entry.id, resolution.entry)
        return out if ok else None

    def blocks(self, blocks: list, in_note: bool) -> list:
        return [self.block(block, in_note) for block in blocks]

    def block(self, block, in_note: bool):
        if not isinstance(block, dict):
            return block
        kind, content = block.get("t"), cast(Any, block.get("c"))
        if kind in ("Para", "Plain"):
            return {"t": kind, "c": self.inlines(content, in_note)}
        if kind == "Header":
            return {"t": kind, "c": [content[0], content[1], self.inlines(content[2], in_note)]}
        if kind in ("BlockQuote",):
            return {"t": kind, "c": self.blocks(content, in_note)}
        if kind in ("BulletList",):
            return {"t": kind, "c": [self.blocks(item, in_note) for item in content]}
        if kind == "OrderedList":
            return {"t": kind, "c": [content[0], [self.blocks(item, in_note) for item in content[1]]]}
        if kind == "Div":
            return {"t": kind, "c": [content[0], self.blocks(content[1], in_note)]}
        if kind == "LineBlock":
            return {"t": kind, "c": [self.inlines(line, in_note) for line in content]}
        return block  # code, raw blocks, tables: left alone

    def inlines(self, inlines: list, in_note: bool) -> list:
        out: list = []
        index = 0
        while index < len(inlines):
            item = inlines[index]
            kind = item.get("t") if isinstance(item, dict) else None
            if kind == "Cite":
                placed = self.placed(item["c"][0])
                if placed is None:
                    out.append(item)
                elif in_note:
                    following = inlines[index + 1] if index + 1 < len(inlines) else None
                    absorb = ""
                    if following and following.get("t") == "Str" and following["c"][:1] in (".", ","):
                        absorb = following["c"][0]  # moved inside closing quotation marks (CMOS 6.9)
                        rest = following["c"][1:]
                        inlines = [
                            *inlines[: index + 1],
                            *([{"t": "Str", "c": rest}] if rest else []),
                            *inlines[index + 2 :],
                        ]
                    out.extend(rich_to_inlines(inline_text(compose(placed, self.sequencer.bodies(placed)), absorb)))
                else:
                    in_text = item["c"][0][0].get("citationMode", {}).get("t") == "AuthorInText"
                    if in_text:  # the sentence names the author: the note leaves them out
                        placed = [replace(p, cite=replace(p.cite, suppress_author=True)) for p in placed]
                    bodies = self.sequencer.bodies(placed)
                    note = {"t": "Note", "c": [{"t": "Para", "c": rich_to_inlines(note_text(compose(placed, bodies)))}]}
                    if in_text:
                        out.extend(
                            rich_to_inlines(author_in_text(placed[0].entry, bodies[0][0] == "first", self.style))
                        )
                    index = _place_note(out, inlines, index, note, after_word=not in_text)
                    continue
            elif kind == "Note":
                self.sequencer.begin_note()
                blocks = self.blocks(item["c"], in_note=True)
                self.sequencer.end_note()
                out.append({"t": "Note", "c": blocks})
            elif kind in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
                out.append({"t": kind, "c": self.inlines(item["c"], in_note)})
            elif kind in ("Quoted",):
                out.append({"t": kind, "c": [item["c"][0], self.inlines(item["c"][1], in_note)]})
            elif kind in ("Span", "Link"):
                content = list(item["c"])
                content[1] = self.inlines(content[1], in_note)
                out.append({"t": kind, "c": content})
            else:
                out.append(item)
            index += 1
        return out


def _place_note(out: list, inlines: list, index: int, note: dict, after_word: bool) -> int:
    """Put the note after the word and the punctuation that follows (CMOS 14.26), a period or comma inside
    closing double quotation marks (CMOS 6.9); returns the index of the next inline to read."""
    if after_word:
        while out and out[-1].get("t") in ("Space", "SoftBreak"):
            out.pop()
    following = inlines[index + 1] if index + 1 < len(inlines) else None
    punctuation = re.match(r"[.,;:!?]+", following["c"]) if following and following.get("t") == "Str" else None
    if punctuation is None or following is None:
        out.append(note)
        return index + 1
    marks = punctuation.group()
    if marks in (".", ",") and out and out[-1].get("t") == "Quoted" and out[-1]["c"][0]["t"] == "DoubleQuote":
        out.append(_with_marks(out.pop(), marks))
    else:
        out.append({"t": "Str", "c": marks})
    out.append(note)
    rest = following["c"][punctuation.end() :]
    if rest:
        out.append({"t": "Str", "c": rest})
    return index + 2


def _with_marks(quoted: dict, marks: str) -> dict:
    """A quotation with the period or comma moved inside it, and inside a single quotation that closes
    with it ("…told me ‘no.’”", CMOS 6.9); a period after the quotation's own ? or ! goes (6.119)."""
    kind, inner = quoted["c"]
    last = inner[-1] if inner else None
    if last is not None and last.get("t") == "Quoted":
        return {"t": "Quoted", "c": [kind, [*inner[:-1], _with_marks(last, marks)]]}
    if marks == "." and last is not None and last.get("t") == "Str" and last["c"][-1:] in ("?", "!"):
        return quoted
    return {"t": "Quoted", "c": [kind, [*inner, {"t": "Str", "c": marks}]]}


def _cite_ids(value) -> list[str]:
    """The citation ids in a metadata value (pandoc parses `nocite: '@a, @b'` into Cite elements)."""
    ids: list[str] = []
    if isinstance(value, dict):
        if value.get("t") == "Cite":
            ids.extend(c["citationId"] for c in value["c"][0])
        else:
            ids.extend(_cite_ids(value.get("c")))
    elif isinstance(value, list):
        for item in value:
            ids.extend(_cite_ids(item))
    return ids


def meta_text(meta: dict, key: str):
    """A metadata value as text (or True/False for a boolean); None when absent."""
    value = meta.get(key)
    if not isinstance(value, dict):
        return None
    kind, content = value.get("t"), cast(Any, value.get("c"))
    if kind == "MetaBool":
        return content
    if kind in ("MetaInlines", "MetaBlocks"):
        return stringify(content if kind == "MetaInlines" else [i for b in content for i in b.get("c", [])])
    if kind == "MetaString":
        return content
    return None


def filter_document(
    document: dict,
    resolver: Resolver,
    style: Style = Style(),
    ibid: bool = False,
    short_only: bool = False,
    with_bibliography: bool = True,
) -> FilterResult:
    """The document with its citations as notes and a bibliography appended (the options come from the
    caller, which reads the metadata's dossier-notes, dossier-edition, dossier-titles and dossier-ibid).
    A document the filter cannot read raises DossierError naming the part (pandocshape.check_document)."""
    from dossiercli.pandocshape import check_document

    check_document(document)
    meta = document.get("meta", {})
    walker = _Filter(resolver, style, ibid, short_only)
    blocks = walker.blocks(document.get("blocks", []), in_note=False)
    for key in _cite_ids(meta.get("nocite")):  # listed in the bibliography though not cited (pandoc's nocite)
        if key == "*":
            walker.cited.update((entry.id, entry) for entry in resolver.entries)
            continue
        resolution = resolver.lookup(key)
        if resolution.entry is None:
            walker.problems.append("nocite: " + resolver.message(key, resolution))
        else:
            walker.cited.setdefault(resolution.entry.id, resolution.entry)
    if walker.cited and with_bibliography and meta_text(meta, "suppress-bibliography") is not True:
        title = meta_text(meta, "reference-section-title") or "Bibliography"
        items = [
            {"t": "Para", "c": rich_to_inlines(text)} for _, text in bibliography(list(walker.cited.values()), style)
        ]
        blocks.append(
            {
                "t": "Div",
                "c": [
                    ["bibliography", ["references"], []],
                    [{"t": "Header", "c": [1, ["bibliography-title", ["unnumbered"], []], _words(title)]}, *items],
                ],
            }
        )
    return FilterResult({**document, "blocks": blocks}, walker.problems, walker.warnings)
