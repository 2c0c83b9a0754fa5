"""The readable text of a fetched page: HTML through a real parser, plain text, PDF where pypdf is installed.

HTML: the standard library's `html.parser` (a tolerant tokenizer, entities decoded), with
what is not the page's text dropped — scripts, styles, templates, form controls, SVG, and
the boilerplate a page wraps around its article: `nav`; `header`, `footer` and `aside`
outside `article`/`main`; hidden elements; elements whose role is navigation, banner,
contentinfo, menu, search or dialog, or whose class or id is unmistakably a cookie banner,
breadcrumbs, a share bar, a site menu. A dropped sentence would be reported as missing,
so the rules stay narrow (measured on trafilatura's real-world pages:
benchmarks/realworld_extract.py). Block elements break paragraphs, `<br>` breaks lines.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "select",
        "button",
        "textarea",
        "iframe",
        "object",
        "canvas",
        "nav",
        "dialog",
    }
)
PAGE_FRAME_TAGS = frozenset({"header", "footer", "aside"})  # boilerplate around the article, kept inside it
CONTENT_TAGS = frozenset({"article", "main"})
WRAPPER_TAGS = frozenset(
    {"html", "body", "main", "article"}
)  # their classes describe the page's state, not boilerplate
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "hr",
        "address",
        "center",
        "details",
        "summary",
        "caption",
        "tbody",
        "thead",
        "header",
        "footer",
        "aside",
        "form",
        "fieldset",
        "legend",
    }
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
BOILERPLATE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "menu", "menubar", "search", "dialog", "alertdialog"}
)
# class or id tokens that name what is never a source's text: only unmistakable ones, since a dropped
# sentence would be reported as missing (a layout class such as "l-sidebar-fixed" may hold the article)
BOILERPLATE_NAMES = re.compile(
    r"(?:cookie|consent|gdpr)[\w-]*|[\w-]*(?:breadcrumbs?|skip-link|share-?(?:bar|buttons?|tools)|"
    r"social-(?:share|links|buttons)|newsletter-signup|wm-ipp)[\w-]*|site-(?:header|footer|nav)|"
    r"(?:main|top|global|site)-?nav(?:igation|bar)?|navbar|menu|advertisement",
    re.I,
)
MAX_DEPTH = 512  # deeper nesting is not a page but an attack: the rest is read as flat text


@dataclass
class PageText:
    text: str  # paragraphs separated by blank lines
    title: str = ""
    kind: str = "html"  # html, text, pdf
    problem: str = ""  # why there is no text (an unreadable PDF, an image…)


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping) for open elements
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def parse_marked_section(self, i, report=1):
        """`<![if !IE]>`, `<![endif]>` and junk after `<![`: skipped to the next ">" (the stdlib asserts on them)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return end + 1 if end >= 0 else len(self.rawdata)

    def _skipping(self) -> bool:
        return self.skip_depth > 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if tag == "br" and not self._skipping():
                self.parts.append("\n")
            elif tag == "hr" and not self._skipping():
                self.parts.append("\n\n")
            return
        if tag == "title":
            self.in_title = True
        if len(self.stack) >= MAX_DEPTH:
            return
        skip = (
            tag in SKIP_TAGS
            or (tag not in WRAPPER_TAGS and self._boilerplate(attrs))
            or (tag in PAGE_FRAME_TAGS and not any(open_tag in CONTENT_TAGS for open_tag, _ in self.stack))
        )
        if tag in ("p", "li") and self.stack and self.stack[-1][0] == tag:  # an unclosed <p> ends at the next
            self._close(tag)
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        if tag in BLOCK_TAGS and not self._skipping():
            self.parts.append("\n\n")

    @staticmethod
    def _boilerplate(attrs) -> bool:
        for name, value in attrs:
            if value is None:
                if name == "hidden":
                    return True
                continue
            if name == "role" and value.strip().lower() in BOILERPLATE_ROLES:
                return True
            if name == "aria-hidden" and value.strip().lower() == "true":
                return True
            if name in ("id", "class") and any(BOILERPLATE_NAMES.fullmatch(token) for token in value.split()):
                return True
            if name == "style" and re.search(r"display\s*:\s*none", value, re.I):
                return True
        return False

    def handle_startendtag(self, tag, attrs):
        if tag in VOID_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in VOID_TAGS:
            return
        if any(open_tag == tag for open_tag, _ in self.stack):
            self._close(tag)

    def _close(self, tag):
        while self.stack:
            open_tag, skip = self.stack.pop()
            if skip:
                self.skip_depth -= 1
            if open_tag in BLOCK_TAGS and not self._skipping():
                self.parts.append("\n\n")
            if open_tag == tag:
                return

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if not self._skipping():
            self.parts.append(data)


# A start tag longer than this loses its attributes before parsing: html.parser makes a tuple per attribute, so a
# 3 MB tag of 500,000 attributes took 440 MB. No real page has a tag of even a few kilobytes.
MAX_TAG_CHARS = 16_384
_LONG_TAG = re.compile(r"<([A-Za-z][^\s/>]{0,64})[^>]{" + str(MAX_TAG_CHARS) + r",}(?:>|\Z)")  # cut off at the end too


def html_text(markup: str) -> PageText:
    parser = _Extractor()
    parser.feed(_LONG_TAG.sub(r"<\1>", markup))
    parser.close()
    text = "".join(parser.parts)
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return PageText("\n\n".join(p for p in paragraphs if p), " ".join("".join(parser.title).split()))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(body: bytes, content_type: str) -> str:
    """Bytes to text: a BOM, the Content-Type charset, a <meta> charset, UTF-8, then Windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, "replace")
    candidates = []
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    if match:
        candidates.append(match.group(1))
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "replace"))
    for name in candidates:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec == "iso8859-1" or codec == "ascii":
            codec = "cp1252"  # as browsers do (WHATWG Encoding)
        return body.decode(codec, "replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", "replace")


def pdf_text(body: bytes) -> PageText:
    try:
        import pypdf
    except ImportError:
        return PageText("", kind="pdf", problem="a PDF: its text needs pypdf (pip install 'dossiercli[pdf]')")
    import io

    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages[:500]]
        title = str(reader.metadata.get("/Title") or "") if reader.metadata else ""
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        return PageText("", kind="pdf", problem=f"a PDF pypdf cannot read: {type(error).__name__}: {error}"[:200])
    text = "\n\n".join(pages)
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)  # words hyphenated at line ends
    return PageText(text, title, "pdf", "" if text.strip() else "a PDF with no text layer (a scan?)")


def extract(body: bytes, content_type: str) -> PageText:
    """The readable text of a page, whatever it is; `problem` says why when there is none."""
    kind = content_type.split(";")[0].strip().lower()
    head = body[:1024].lstrip().lower()
    if kind == "application/pdf" or body.startswith(b"%PDF-"):
        return pdf_text(body)
    if (
        "html" in kind
        or "xml" in kind
        or head.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or (not kind and b"<" in head[:1])
    ):
        return html_text(decode_html(body, content_type))
    if kind.startswith("text/") or not kind:
        return PageText(decode_html(body, content_type), kind="text")
    return PageText("", kind=kind, problem=f"a {kind} file, not a page with text")
