"""A built Markdown manuscript as a Word document (.docx) with real footnotes, without pandoc.

A plain, well-formed WordprocessingML package: headings (Heading 1–6), paragraphs,
emphasis, block quotes (Quote), lists (a bullet or a number and a tab, hanging), code
(a monospaced paragraph), tables, and every note a `w:footnote` in word/footnotes.xml
referenced by a `w:footnoteReference` in the footnote styles Word itself names
"footnote text" and "footnote reference" — so Word, LibreOffice, pandoc and python-docx
all read real footnotes. The bibliography follows under its heading, with a hanging
indent. The blocks are read by the same markdown-it walker as the LaTeX, HTML and RTF
targets (targets.py).
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from dossiercli.chicago.richtext import Rich, Span, render
from dossiercli.manuscript.targets import Document, _BlockWriter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))  # not allowed in XML 1.0


def _text(text: str) -> str:
    return escape(text.translate(_CONTROL))


def run(text: str, italic: bool = False, bold: bool = False, code: bool = False, strike: bool = False) -> str:
    props = "".join(
        (
            '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>' if code else "",
            "<w:b/><w:bCs/>" if bold else "",
            "<w:i/><w:iCs/>" if italic else "",
            "<w:strike/>" if strike else "",
        )
    )
    parts = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append("<w:br/>")
        if line:
            parts.append(f'<w:t xml:space="preserve">{_text(line)}</w:t>')
    if not parts:
        return ""
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{''.join(parts)}</w:r>"


class _Word(_BlockWriter):
    target = "text"

    def __init__(self, document: Document):
        super().__init__(document)
        self.footnotes: list[str] = []
        self.italic = self.bold = self.strike = 0
        self.in_note = False
        self.note_mark_pending = False
        self.quote = 0
        self.lists: list[list] = []  # [ordered, counter]
        self.item_start = False
        self.href = ""
        self.in_cell = False

    # -- text and notes ------------------------------------------------------------------------------

    def escape(self, text: str) -> str:
        return run(text, self.italic > 0, self.bold > 0, strike=self.strike > 0)

    def rich_runs(self, rich: Rich) -> str:
        out = []
        for span in rich.spans:
            text = render(Rich(Span(span.text)), "text", self.document.ascii_quotes)
            out.append(run(text, italic=span.italic or self.italic > 0, bold=self.bold > 0))
        return "".join(out)

    def inline_citation(self, index: int) -> str:
        return self.rich_runs(self.document.built.inline[index])

    def note(self, number: int) -> str:
        saved = (self.italic, self.bold, self.strike, self.quote, self.lists, self.item_start)
        self.italic = self.bold = self.strike = self.quote = 0
        self.lists, self.item_start = [], False
        note = self.document.notes[number]
        if note.generated is not None:
            body = f"<w:p>{_NOTE_PPR}{_NOTE_MARK}{run(' ')}{self.rich_runs(note.generated)}</w:p>"
        else:
            self.in_note, self.note_mark_pending = True, True
            try:
                body = self.own_note(note.own or "", "")
            finally:
                self.in_note = False
            if self.note_mark_pending:  # an empty note
                body += f"<w:p>{_NOTE_PPR}{_NOTE_MARK}</w:p>"
                self.note_mark_pending = False
        self.italic, self.bold, self.strike, self.quote, self.lists, self.item_start = saved
        self.footnotes.append(f'<w:footnote w:id="{number}">{body}</w:footnote>')
        return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'

    # -- blocks --------------------------------------------------------------------------------------

    def _ppr(self, style: str | None = None, extra: str = "") -> str:
        if self.in_note:
            style = "FootnoteText"
        indent = 720 * self.quote + 360 * len(self.lists)
        ind = ""
        if self.lists and self.item_start:
            ind = f'<w:ind w:left="{indent}" w:hanging="360"/>'
        elif indent:
            ind = f'<w:ind w:left="{indent}"/>'
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        return f"<w:pPr>{style_xml}{extra}{ind}</w:pPr>"

    def _open(self, style: str | None = None, extra: str = "") -> str:
        out = "<w:p>" + self._ppr(style if not self.quote else "Quote", extra)
        if self.in_note and self.note_mark_pending:
            out += _NOTE_MARK + run(" ")
            self.note_mark_pending = False
        if self.item_start and self.lists:
            ordered, counter = self.lists[-1]
            out += run(f"{counter}.\t" if ordered else "\u2022\t")
            self.item_start = False
        return out

    def b_paragraph_open(self, token, tokens, index):
        if self.in_cell:
            return ""
        return self._open()

    def b_paragraph_close(self, token, tokens, index):
        return "" if self.in_cell else "</w:p>"

    def b_heading_open(self, token, tokens, index):
        return self._open(f"Heading{token.tag[1]}", "<w:keepNext/>")

    def b_heading_close(self, token, tokens, index):
        return "</w:p>"

    def _open_list(self, ordered: bool, token) -> str:
        start = int(token.attrGet("start") or 1) if ordered else 0
        self.lists.append([ordered, start - 1])
        return ""

    def b_bullet_list_open(self, token, tokens, index):
        return self._open_list(False, token)

    def b_ordered_list_open(self, token, tokens, index):
        return self._open_list(True, token)

    def _close_list(self, *args) -> str:
        self.lists.pop()
        return ""

    b_bullet_list_close = _close_list
    b_ordered_list_close = _close_list

    def b_list_item_open(self, token, tokens, index):
        self.lists[-1][1] += 1
        self.item_start = True
        return ""

    def b_blockquote_open(self, token, tokens, index):
        self.quote += 1
        return ""

    def b_blockquote_close(self, token, tokens, index):
        self.quote -= 1
        return ""

    def b_fence(self, token, tokens, index):
        return self._code(token.content)

    def b_code_block(self, token, tokens, index):
        return self._code(token.content)

    def _code(self, content: str) -> str:
        return self._open() + run(content.rstrip("\n"), code=True) + "</w:p>"

    def b_hr(self, token, tokens, index):
        border = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
        return self._open(None, border) + "</w:p>"

    def b_table_open(self, token, tokens, index):
        borders = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        columns = 0
        for other in tokens[index + 1 :]:
            if other.type in ("th_open", "td_open"):
                columns += 1
            elif other.type == "tr_close":
                break
        width = 9360 // max(columns, 1)  # the text width of a Letter page with 1-inch margins, shared out
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(max(columns, 1)))  # required (CT_Tbl)
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        )

    def b_table_close(self, token, tokens, index):
        return "</w:tbl><w:p/>"  # a paragraph between a table and what follows (Word needs one after a table)

    def b_tr_open(self, token, tokens, index):
        return "<w:tr>"

    def b_tr_close(self, token, tokens, index):
        return "</w:tr>"

    def b_th_open(self, token, tokens, index):
        self.in_cell = True
        self.bold += 1
        return "<w:tc><w:p>"

    def b_th_close(self, token, tokens, index):
        self.in_cell = False
        self.bold -= 1
        return "</w:p></w:tc>"

    def b_td_open(self, token, tokens, index):
        self.in_cell = True
        return "<w:tc><w:p>"

    def b_td_close(self, token, tokens, index):
        self.in_cell = False
        return "</w:p></w:tc>"

    # -- inline --------------------------------------------------------------------------------------

    def i_softbreak(self, token):
        return run(" ", self.italic > 0, self.bold > 0)

    def i_hardbreak(self, token):
        return "<w:r><w:br/></w:r>"

    def i_em_open(self, token):
        self.italic += 1
        return ""

    def i_em_close(self, token):
        self.italic -= 1
        return ""

    def i_strong_open(self, token):
        self.bold += 1
        return ""

    def i_strong_close(self, token):
        self.bold -= 1
        return ""

    def i_s_open(self, token):
        self.strike += 1
        return ""

    def i_s_close(self, token):
        self.strike -= 1
        return ""

    def i_code_inline(self, token):
        return run(token.content, code=True)

    def i_link_open(self, token):
        self.href = "" if token.markup == "autolink" else str(token.attrGet("href") or "")
        return ""

    def i_link_close(self, token):
        href, self.href = self.href, ""
        return run(f" ({href})") if href and not href.startswith("#") else ""

    def i_image(self, token):
        return run(f"[{token.content or 'image'}]")


_NOTE_PPR = '<w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
_NOTE_MARK = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'


def to_docx(document: Document) -> bytes:
    """The manuscript as the bytes of a .docx."""
    writer = _Word(document)
    body = []
    heading = document.built.front_title
    if heading:
        body.append(f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{run(heading)}</w:p>')
    body.append(writer.blocks(document.built.document_body))
    if document.bibliography:
        body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run(document.bibliography_title)}</w:p>')
        for item in document.bibliography:
            body.append(
                '<w:p><w:pPr><w:pStyle w:val="Bibliography"/><w:ind w:left="720" w:hanging="720"/></w:pPr>'
                + writer.rich_runs(item)
                + "</w:p>"
            )
    section = (
        '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
        "</w:sectPr>"
    )
    document_xml = (
        _XML + f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(body)}{section}</w:body></w:document>'
    )
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0">'
        '<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
    )
    footnotes_xml = (
        _XML + f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">{separators}{"".join(writer.footnotes)}</w:footnotes>'
    )
    title = document.title or ""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (
        _XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>dossier manuscript</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>'
    )
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "docProps/core.xml": core,
        "word/document.xml": document_xml,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/styles.xml": _STYLES,
        "word/settings.xml": _SETTINGS,
        "word/footnotes.xml": footnotes_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    _XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/></Relationships>'
)
_DOCUMENT_RELS = (
    _XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/footnotes" Target="footnotes.xml"/>'
    "</Relationships>"
)
_SETTINGS = (
    _XML + f'<w:settings xmlns:w="{W}"><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    "</w:settings>"
)


def _style(kind: str, style_id: str, name: str, body: str = "", based: str | None = "Normal") -> str:
    based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val={quoteattr(name)}/>{based_on}{body}</w:style>'
    )


_HEADING_SIZES = {1: 32, 2: 28, 3: 26, 4: 24, 5: 24, 6: 24}
_STYLES = (
    _XML + f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>'
    + _style(
        "paragraph", "Title", "Title", '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr>'
    )
    + "".join(
        _style(
            "paragraph",
            f"Heading{level}",
            f"heading {level}",
            f'<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>'
            f'<w:outlineLvl w:val="{level - 1}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr>',
        )
        for level, size in _HEADING_SIZES.items()
    )
    + _style("paragraph", "Quote", "Quote", '<w:pPr><w:ind w:left="720" w:right="720"/></w:pPr>')
    + _style(
        "paragraph",
        "FootnoteText",
        "footnote text",
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr>',
    )
    + _style(
        "character",
        "FootnoteReference",
        "footnote reference",
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
        based="DefaultParagraphFont",
    )
    + _style("paragraph", "Bibliography", "Bibliography", '<w:pPr><w:ind w:left="720" w:hanging="720"/></w:pPr>')
    + "</w:styles>"
)
