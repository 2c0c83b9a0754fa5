"""`dossier cite --footnotes`: notes as Markdown footnote definitions or LaTeX \\footnote{} to paste."""

from conftest import REPO


def test_markdown_footnote_definitions(run):
    result = run("cite", "lake2007:3", "ap2007", "lake2007:5", "--format", "markdown", "--footnotes", "--dir", REPO)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "[^1]: Eli Lake, “Iran’s Secret Plan For Mayhem,” *New York Sun*, January 3, 2007, 3, "
        "<http://www.nysun.com/article/46032>.\n\n"
        "[^2]: “U.S.: Iran helping some Sunni insurgents,” Associated Press, May 9, 2007.\n\n"
        "[^3]: Lake, “Iran’s Secret Plan For Mayhem,” 5.\n"
    )


def test_latex_footnotes_in_place(run):
    result = run("cite", "wright2007", "wright2007:A20", "--format", "latex", "--footnotes", "--ibid", "--dir", REPO)
    assert result.stdout.splitlines() == [
        "\\footnote{Robin Wright, ``Iranian Arms Destined for Taliban Seized in Afghanistan, Officials Say; `Large' "
        "Shipment Said to Include Armor-Piercing Bombs,'' \\textit{The Washington Post}, September 16, 2007, A19.}",
        "\\footnote{Ibid., A20.}",
    ]


def test_footnotes_need_markdown_or_latex(run):
    result = run("cite", "lake2007", "--footnotes", "--dir", REPO)
    assert result.exit_code == 2 and "--footnotes goes with --format markdown or --format latex" in result.stderr
