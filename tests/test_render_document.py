"""`dossier render`: the dossier as the seed lays it out, escaped for Markdown and HTML."""

from html.parser import HTMLParser

from conftest import REPO, write_dossier

HOSTILE = """type = "book"
title = "Pipes | <script>alert(1)</script> & *stars*"
publisher = "P"
issued = 2007

[[excerpts]]
text = "A <b>bold</b> claim | with a pipe and the key passage here."
highlights = ["the key passage"]
"""


def test_markdown_is_a_table_of_every_entry_with_highlights(run):
    out = run("render", "--dir", REPO).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| DATE")]
    assert len(rows) == 15
    assert out.startswith("# Iran and Al-Qaeda in Iraq: What's the Connection?")
    assert "<mark>Iran is supporting both Sunni and Shiite terrorists in the Iraqi civil war</mark>" in out
    assert "## Bibliography" in out


def test_markdown_escapes_table_and_html_syntax(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"x": HOSTILE})
    out = run("render", "--dir", root).stdout
    row = next(line for line in out.splitlines() if line.startswith("| 2007"))
    assert "<script>" not in out and r"\<script\>" in row
    assert row.count(" | ") == 2  # the pipes in the text do not make new columns
    assert "<mark>the key passage</mark>" in row


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_html_is_a_standalone_escaped_page(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"x": HOSTILE})
    target = tmp_path / "d.html"
    assert run("render", "--format", "html", "-o", target, "--dir", root).exit_code == 0
    page = target.read_text()
    parser = Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "&lt;script&gt;" in page
    assert parser.tags.count("mark") == 1 and "tr" in parser.tags
    refused = run("render", "--format", "html", "-o", target, "--dir", root)
    assert refused.exit_code == 2 and "already exists" in refused.stderr


def test_a_url_or_doi_with_angle_brackets_never_breaks_out_of_its_markdown_link(tmp_path):
    from dossiercli.markup import markdown_autolink, safe_url

    hostile = "https://example.org/a>javascript:alert(1)<b c"
    assert safe_url(hostile) == "https://example.org/a%3Ejavascript:alert(1)%3Cb%20c"
    assert markdown_autolink(hostile, str) == "<https://example.org/a%3Ejavascript:alert(1)%3Cb%20c>"
    assert markdown_autolink("javascript:alert(1)", lambda t: t.replace(":", "\\:")) == "javascript\\:alert(1)"


def test_rendered_markdown_and_html_encode_hostile_links(run, tmp_path):
    from conftest import write_dossier

    root = write_dossier(
        tmp_path,
        {
            "x2007-page": (
                'type = "webpage"\ntitle = "Page"\nURL = "https://example.org/a>javascript:alert(1)"\n'
                'DOI = "10.1000/x>y<z"\n'
            )
        },
    )
    markdown = run("render", "--dir", root).output
    assert "<https://example.org/a%3Ejavascript:alert(1)>" in markdown
    assert "a>javascript" not in markdown.replace("&gt;", ">").split("<https://example.org/a%3E")[0]
    html_page = run("render", "--format", "html", "--dir", root).output
    assert 'href="https://example.org/a%3Ejavascript:alert(1)"' in html_page
    assert 'href="https://doi.org/10.1000/x%3Ey%3Cz"' in html_page
