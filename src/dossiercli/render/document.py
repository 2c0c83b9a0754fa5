"""The whole dossier as a document, laid out as the seed is: title, introduction, then a
DATE | SOURCE | TEXT table with the key passages highlighted, then the bibliography.

Markdown (GitHub-flavoured: a table with <br> between paragraphs and <mark> for
highlights) and HTML (a standalone page); every piece of text is escaped for its target.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

from dossiercli.chicago import Style
from dossiercli.load import Dossier
from dossiercli.markup import is_linkable, markdown_autolink, safe_url
from dossiercli.model.entry import Entry, Excerpt
from dossiercli.render.table import highlight_spans
from dossiercli.validate import squash

_MD = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md(text: str) -> str:
    return _MD.sub(r"\\\1", text)


def _paragraphs(excerpt: Excerpt) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each paragraph of the excerpt with the spans of the highlights inside it."""
    out = []
    for paragraph in re.split(r"\n\s*\n", excerpt.text.strip()):
        text = squash(paragraph)
        out.append((text, highlight_spans(text, excerpt.highlights)))
    return out


def _marked(text: str, spans, escape, mark) -> str:
    pieces, last = [], 0
    for begin, end in spans:
        pieces += [escape(text[last:begin]), mark(escape(text[begin:end]))]
        last = end
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def _source_lines(entry: Entry) -> list[str]:
    lines = [entry.title]
    lines += [", ".join(n.natural() for n in entry.authors)] if entry.authors else []
    for part in (
        entry.container_title,
        entry.publisher if entry.publisher != entry.container_title else None,
        entry.issued.long() if entry.issued else "n.d.",
    ):
        if part:
            lines.append(part)
    return lines


def _front_matter(dossier: Dossier) -> list[tuple[str, str]]:
    """(kind, text) for what stands above the table: title, subtitle, byline, introduction."""
    config = dossier.config
    parts = [("title", config.title)]
    if config.subtitle:
        parts.append(("subtitle", config.subtitle))
    if config.authors:
        parts.append(("byline", "By " + ", ".join(a.natural() for a in config.authors)))
    if config.description:
        parts.append(("intro", " ".join(config.description.split())))
    return parts


def to_markdown(dossier: Dossier, entries: Sequence[Entry], style: Style = Style()) -> str:
    return "".join(markdown_chunks(dossier, entries, style))


def markdown_chunks(dossier: Dossier, entries: Sequence[Entry], style: Style = Style()) -> Iterator[str]:
    """The Markdown document piece by piece (a row, a bibliography entry): written as made, never held whole."""
    shapes = {"title": "# {}", "subtitle": "*{}*", "byline": "{}", "intro": "{}"}
    head = []
    for kind, text in _front_matter(dossier):
        head += [shapes[kind].format(_md(text)), ""]
    yield "\n".join([*head, "| DATE | SOURCE | TEXT |", "|---|---|---|"]) + "\n"
    for entry in entries:
        date = entry.issued.numeric() if entry.issued else "n.d."
        source = _source_lines(entry)
        cell = f"**{_md(source[0])}**" + "".join(f"<br>{_md(line)}" for line in source[1:])
        if entry.url:
            cell += f"<br>{markdown_autolink(entry.url, _md)}"
        texts = []
        for excerpt in entry.excerpts:
            paragraphs = [_marked(t, s, _md, lambda x: f"<mark>{x}</mark>") for t, s in _paragraphs(excerpt)]
            if excerpt.label:
                paragraphs.insert(0, f"*{_md(excerpt.label)}*")
            texts.append("<br><br>".join(paragraphs))
        yield f"| {date} | {cell} | {'<br><br>'.join(texts)} |\n"
    # bibliography_document(…, "markdown"), one entry at a time: "## Bibliography", then the entries
    # a blank line apart.
    yield "\n## Bibliography\n"
    previous = None
    for text in _bibliography_texts(entries, style, "markdown"):
        if previous is not None:
            yield "\n" + previous + "\n"
        previous = text
    if previous is not None:
        yield "\n" + previous.rstrip() + "\n"  # the document's last line, stripped as it always was


def _bibliography_texts(entries: Sequence[Entry], style: Style, target: str) -> Iterator[str]:
    """chicago.sequence.bibliography's entries, rendered for `target` one at a time (no list of them all).

    Sorted by their keys, not as entries: with entries made on demand (load.LazyEntries) only the
    keys are held, and each entry is made again when its turn comes.
    """
    from dossiercli.chicago.notes import bibliography_body, bibliography_sort_key, finish
    from dossiercli.chicago.richtext import render

    keys = getattr(entries, "bibliography_keys", None) or [bibliography_sort_key(entry) for entry in entries]
    for index in sorted(range(len(keys)), key=keys.__getitem__):  # stable, as sorted(entries) is
        yield render(finish(bibliography_body(entries[index], style)), target, False)


class _Chosen(Sequence):
    """Some of a sequence's entries, in a given order, each got from the sequence when used."""

    def __init__(self, entries: Sequence[Entry], indexes: list[int], bibliography_keys: list | None = None) -> None:
        self._entries, self._indexes = entries, indexes
        self.bibliography_keys = bibliography_keys  # worked out in the same pass, for _bibliography_texts

    def __len__(self) -> int:
        return len(self._indexes)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._entries[self._indexes[index]]


def chosen(entries: Sequence[Entry], selection, sort: str = "date") -> Sequence[Entry]:
    """`select.select(entries, selection, sort)` as a view: the same entries in the same order, none held."""
    from dossiercli.chicago.notes import bibliography_sort_key
    from dossiercli.select import _sort_key

    key = _sort_key(sort)
    keyed = []
    for index in range(len(entries)):
        entry = entries[index]  # made once here for both orders: each making of a packed entry costs
        if selection.matches(entry):
            keyed.append((key(entry), index, bibliography_sort_key(entry)))
    keyed.sort(key=lambda item: item[0])  # stable: ties keep the dossier's order, as select's sort does
    return _Chosen(entries, [index for _, index, _ in keyed], [bib for _, _, bib in keyed])


_CSS = """body{font-family:Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.4}
table{border-collapse:collapse;width:100%;table-layout:fixed}th:nth-child(1){width:6em}th:nth-child(2){width:26%}th,td{border:1px solid #999;padding:.5em;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#eee}td.date{white-space:nowrap;width:6em}td.source{width:26%}td p:first-child{margin-top:0}mark{background:#ff0}.source b{display:block}
.label{font-style:italic}"""


def to_html(dossier: Dossier, entries: Sequence[Entry], style: Style = Style()) -> str:
    return "".join(html_chunks(dossier, entries, style))


def html_chunks(dossier: Dossier, entries: Sequence[Entry], style: Style = Style()) -> Iterator[str]:
    """The HTML page piece by piece (a row, a bibliography entry): written as made, never held whole."""
    e = html.escape
    shapes = {"title": "<h1>{}</h1>", "subtitle": "<p><i>{}</i></p>", "byline": "<p>{}</p>", "intro": "<p>{}</p>"}
    head = [shapes[kind].format(e(text)) for kind, text in _front_matter(dossier)]
    yield (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{e(dossier.config.title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(head) + "\n"
    )
    yield "<table>\n<tr><th>DATE</th><th>SOURCE</th><th>TEXT</th></tr>\n"
    for entry in entries:
        source = _source_lines(entry)
        cell = f"<b>{e(source[0])}</b>" + "".join(f"{e(line)}<br>" for line in source[1:])
        if entry.url:
            cell += f'<a href="{e(safe_url(entry.url))}">{e(entry.url)}</a>' if is_linkable(entry.url) else e(entry.url)
        texts = []
        for excerpt in entry.excerpts:
            if excerpt.label:
                texts.append(f'<p class="label">{e(excerpt.label)}</p>')
            texts += [f"<p>{_marked(t, s, e, lambda x: f'<mark>{x}</mark>')}</p>" for t, s in _paragraphs(excerpt)]
        date = entry.issued.numeric() if entry.issued else "n.d."
        yield (
            f'<tr id="{e(entry.id)}"><td class="date">{e(date)}</td><td class="source">{cell}</td>'
            f"<td>{''.join(texts)}</td></tr>\n"
        )
    # bibliography_document(…, "html"), one entry at a time.
    yield '</table>\n<h2>Bibliography</h2>\n<div class="bibliography">\n'
    for text in _bibliography_texts(entries, style, "html"):
        yield f'  <p style="margin:0 0 .5em 0;padding-left:2em;text-indent:-2em">{text}</p>\n'
    yield "</div>\n</body>\n</html>\n"
