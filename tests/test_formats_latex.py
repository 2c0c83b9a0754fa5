"""The LaTeX decoder and encoder of BibTeX values (formats/latex.py), by example."""

import pytest

from dossiercli.formats.latex import decode, decode_accents, encode, encode_verbatim


@pytest.mark.parametrize(
    "latex, text",
    [
        (r"M{\"u}ller, {\c C}elik, Jo\~{a}o, {\"{\i}}, \v{S}koda, Stra\ss e", "Müller, Çelik, João, ï, Škoda, Straße"),
        (r"Growth of 5 $\mu$m films", "Growth of 5 μm films"),  # math to Unicode where exact
        (r"$10^{3}$ and H$_2$O at 20$^\circ$C", "10³ and H₂O at 20°C"),
        (r"a formula $\frac{a}{b}$ stays", r"a formula $\frac{a}{b}$ stays"),  # no exact Unicode: kept as math
        (r"``quoted'' and `single' -- and --- dashes", "“quoted” and ‘single’ – and — dashes"),
        (r"\mbox{Kept} \texttt{code} \emph{it} \textbf{bold}", "Kept code it bold"),
        (r"see \cite{smith2001,doe2002}", "see [smith2001, doe2002]"),
        (r"\href{https://example.org}{the text}", "the text"),
        (r"\url{https://example.org/~a_b}", "https://example.org/~a_b"),
        (r"\bibstring{andothers}, \bibstring{newseries}", "et al., new series"),
        (r"\noopsort{1973b}1973", "1973"),
        (r"\mkbibquote{Intention} and \enquote{this}", "“Intention” and “this”"),
        (r"methodology\hyphen independent, The \TeX book", "methodology-independent, The TeXbook"),
        (r"\unknownmacro{arg} stays", r"\unknownmacro{arg} stays"),  # kept as text, never dropped
        (r"{NATO} and {\em emphasis}", "NATO and emphasis"),
        (r"100\% \& \$5 \#1 \_", "100% & $5 #1 _"),
        (r"\foreignlanguage{french}{Le texte}", "Le texte"),
    ],
)
def test_decode(latex, text):
    assert decode(latex) == text


def test_accents_become_letters_before_names_are_split():
    assert decode_accents(r"Jo\~{a}o da Silva and M{\"u}ller, J{\o}rgen") == "João da Silva and Müller, Jørgen"
    assert decode_accents(r"\textit{x} \c c") == r"\textit{x} ç"  # \t of \textit is not a tie accent


@pytest.mark.parametrize(
    "text",
    [
        "Literal {braces} } {",
        "back\\slash",
        "$5 and $6",
        "a -- b '' ``",
        "~^_#&%",
        r"math $\frac{a}{b}$ kept",
        "Müller Alī Ḥasan ß ø – — “ ” …",
    ],
)
def test_encode_reads_back_as_written_with_balanced_braces(text):
    for ascii_only in (False, True):
        encoded = encode(text, ascii_only)
        depth = 0
        for i, ch in enumerate(encoded):
            if ch in "{}" and (i == 0 or encoded[i - 1] != "\\"):
                depth += 1 if ch == "{" else -1
                assert depth >= 0
        assert depth == 0, encoded
        assert decode(encoded) == " ".join(text.split()), (ascii_only, encoded)
        assert not ascii_only or encoded.isascii()


def test_sub_and_superscripts_are_exported_as_math_pdflatex_can_set():
    for ascii_only in (False, True):
        assert encode("Cu₂O at 10³ K", ascii_only) == "Cu$_{2}$O at 10$^{3}$ K"
        assert decode(encode("Cu₂O at 10³ K", ascii_only)) == "Cu₂O at 10³ K"


def test_ascii_accents_use_the_plain_letter_biber_reads():
    assert encode("í ï", ascii_only=True) == r"{\'i} {\"i}"
    assert encode("5 μm, α ≤ β", ascii_only=True) == r"5 $\mu$m, $\alpha$ $\leq$ $\beta$"
    assert decode(encode("5 μm, α ≤ β", ascii_only=True)) == "5 μm, α ≤ β"
    assert encode("x\u0301 e\u0301", ascii_only=True) == r"{\'{x}} {\'e}"  # combining marks never pass through
    assert encode("ʿAlī", ascii_only=True) == r"\textquoteleft{}Al{\=i}"  # ʿayn: the quote Chicago prints (lossy)


def test_verbatim_values_cannot_close_their_field():
    assert encode_verbatim("https://x.org/a}b{c\\d e") == "https://x.org/a%7Db%7Bc%5Cd%20e"
    assert encode_verbatim("https://x.org/ü", ascii_only=True) == "https://x.org/%C3%BC"


# -- issue 27: encode what was decoded; the residue real Zotero exports leave --------------------------


@pytest.mark.parametrize(
    "source, text",
    [
        (r"\textasciimacron \texttimes\textrightarrow", "¯×→"),
        (r"Transport{\vphantom} of Ions", "Transport of Ions"),
        (r"{\cyrchar\CYRA}{\cyrchar\cyrb}", "Аб"),
        (r"So{$\not$}rensen", "Sørensen"),
        (r"Ragnhei{\d}ur", "Ragnheiur"),  # an accent with nothing to sit on: no stray brace, no lone mark
        (r"$\acute{\iota}$", "ί"),
        (r"\dossierchar{20013}", "中"),
    ],
)
def test_decoding_residue(source, text):
    assert decode(source) == text


@pytest.mark.parametrize(
    "text, utf8, ascii_",
    [
        ("α-helix", r"$\alpha$-helix", r"$\alpha$-helix"),
        ("καί", r"$\kappa$$\alpha$$\acute{\iota}$", r"$\kappa$$\alpha$$\acute{\iota}$"),
        ("x\u0301", r"{\'{x}}", r"{\'{x}}"),
        ("Ḥusayn", r"{\d{H}}usayn", r"{\d{H}}usayn"),
        ("Müller ±1", r"Müller \textpm{}1", r"{\"u}".join(["M", r"ller \textpm{}1"])),
        ("Аб", "Аб", r"\dossierchar{1040}\dossierchar{1073}"),  # \cyrchar needs T2A fonts pdflatex may lack
        ("中", "中", r"\dossierchar{20013}"),
    ],
)
def test_export_encodes_what_pdflatex_cannot_set_and_reads_back(text, utf8, ascii_):
    assert encode(text) == utf8 and encode(text, ascii_only=True) == ascii_
    assert decode(encode(text)) == text and decode(encode(text, ascii_only=True)) == text
