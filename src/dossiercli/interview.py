"""The questions `init`, `add` and `excerpt` ask on a terminal, and the review before an entry is written.

The CLI modules only gather flags and call these. Every answer is checked by the same
parameter type the matching flag uses (a bad date, URL, DOI or name is explained and
asked again); the entry itself is checked by authoring.build_entry, as `validate` does.
"""

from __future__ import annotations

import datetime as dt
import sys

import click

from dossiercli.model.entry import ENTRY_TYPES
from dossiercli.model.names import Name, NameError_
from dossiercli.model.parse import DOI_PATTERN, normalise_doi, url_problem
from dossiercli.validate import highlight_problem


def interactive(no_input: bool, forced: bool) -> bool:
    """Whether to ask: never with --no-input, always with -i, else when stdin is a terminal."""
    return not no_input and (forced or sys.stdin.isatty())


# -- what an answer (or a flag) may be ----------------------------------------------------------


class DateType(click.ParamType):
    """A date kept as the entry file writes it (a TOML date, or "YYYY-MM" / "YYYY")."""

    name = "DATE"

    def convert(self, value, param, ctx):
        from dossiercli.model.dates import DateError, PartialDate

        if isinstance(value, PartialDate):
            return value.to_toml()
        try:
            return PartialDate.parse(value).to_toml()
        except DateError as error:
            self.fail(str(error), param, ctx)


class UrlType(click.ParamType):
    name = "URL"

    def convert(self, value, param, ctx):
        value = value.strip()
        why = url_problem(value)
        if why:
            self.fail(why, param, ctx)
        return value


class DoiType(click.ParamType):
    name = "DOI"

    def convert(self, value, param, ctx):
        doi = normalise_doi(value)
        if not DOI_PATTERN.fullmatch(doi):
            self.fail(f"DOI {value!r} is not of the form 10.NNNN/suffix", param, ctx)
        return doi


class TextType(click.ParamType):
    """Text with its outer white space removed; blank text is refused (and asked again at a prompt)."""

    name = "TEXT"

    def convert(self, value, param, ctx):
        if not value.strip():
            self.fail("this cannot be empty", param, ctx)
        return " ".join(value.split())


class NameType(click.ParamType):
    name = '"Family, Given"'

    def convert(self, value, param, ctx):
        try:
            return Name.parse(value).to_table()
        except NameError_ as error:
            self.fail(str(error), param, ctx)


# field -> (flag, type); the flag is named in "needs --…" errors, the type checks flags and prompts alike.
FIELDS = {
    "title": ("title", TextType()),
    "container-title": ("container", TextType()),
    "collection-title": ("series", TextType()),
    "collection-number": ("series-number", TextType()),
    "publisher": ("publisher", TextType()),
    "publisher-place": ("place", TextType()),
    "event-place": ("event-place", TextType()),
    "genre": ("genre", TextType()),
    "issued": ("date", DateType()),
    "accessed": ("accessed", DateType()),
    "URL": ("url", UrlType()),
    "DOI": ("doi", DoiType()),
    "volume": ("volume", TextType()),
    "issue": ("issue", TextType()),
    "number": ("number", TextType()),
    "page": ("page", TextType()),
    "edition": ("edition", TextType()),
    "note": ("note", TextType()),
    "author": ("author", NameType()),
    "editor": ("editor", NameType()),
    "interviewer": ("interviewer", NameType()),
    "recipient": ("recipient", NameType()),
    "archive": ("archive", TextType()),
    "archive_location": ("archive-location", TextType()),
    "director": ("director", NameType()),
    "host": ("host", NameType()),
    "reviewed-author": ("reviewed-author", NameType()),
    "reviewed-title": ("reviewed-title", TextType()),
    "medium": ("medium", TextType()),
    "dimensions": ("dimensions", TextType()),
    "archive-place": ("archive-place", TextType()),
    "authority": ("authority", TextType()),
    "section": ("section", TextType()),
    "version": ("version", TextType()),
    "submitted": ("submitted", DateType()),
}
# The question for a field, by field and optionally by type ("container-title/article-journal").
LABELS = {
    "title": "Title",
    "container-title": "Container (newspaper, journal, web site or book)",
    "container-title/article-newspaper": "Newspaper",
    "container-title/article-magazine": "Magazine",
    "container-title/article-journal": "Journal",
    "container-title/chapter": "Title of the book",
    "container-title/webpage": "Web site",
    "container-title/interview": "Published in (newspaper, programme, web site)",
    "collection-title": "Series (e.g. Backgrounder)",
    "collection-number": "Number in the series",
    "publisher": "Publisher",
    "publisher/wire-story": "News agency (e.g. Associated Press)",
    "publisher/press-release": "Issuing organisation",
    "publisher/thesis": "University",
    "publisher/transcript": "Published by (e.g. the department that posted it)",
    "publisher-place": "Place of publication",
    "event-place": "Where it took place",
    "genre": "Kind",
    "genre/transcript": "Kind (e.g. press conference, briefing)",
    "genre/thesis": "Kind (e.g. PhD diss., master's thesis)",
    "issued": "Date (YYYY-MM-DD, YYYY-MM or YYYY)",
    "accessed": "Accessed on (YYYY-MM-DD, or 'today')",
    "URL": "URL",
    "DOI": "DOI",
    "volume": "Volume",
    "issue": "Issue",
    "number": "Number",
    "number/press-release": "Release number",
    "number/report": "Report number",
    "page": "Page(s)",
    "edition": "Edition",
    "note": "Note",
    "author": "Author",
    "author/transcript": "Speaker",
    "author/interview": "Person interviewed",
    "editor": "Editor",
    "interviewer": "Interviewer",
    # The words of the newer types (CMOS 17 14.202-14.305).
    "container-title/blog-post": "Blog",
    "publisher/blog-post": "Part of (e.g. the newspaper the blog belongs to)",
    "author/social-media-post": "Author (a person or an account)",
    "container-title/social-media-post": "Platform (e.g. Twitter, Facebook, Instagram)",
    "title/social-media-post": "Text of the post (up to 160 characters)",
    "genre/social-media-post": "What it is beyond a post (e.g. photo, video)",
    "author/video": "Creator (a person or a channel)",
    "container-title/video": "Platform or series (e.g. YouTube), empty for a film",
    "genre/video": "Kind (e.g. video)",
    "publisher/video": "Distributor or studio",
    "medium": "Format (e.g. DVD)",
    "dimensions": "Running time or size (e.g. 3:12)",
    "author/podcast": "Guest or speaker",
    "container-title/podcast": "Show",
    "host": "Host",
    "director": "Director",
    "publisher/podcast": "Network or producer",
    "title/review": "Title of the review (empty if untitled)",
    "author/review": "Reviewer",
    "container-title/review": "Periodical",
    "reviewed-title": "Title of the work reviewed",
    "reviewed-author": "Author of the work reviewed",
    "title/encyclopedia-entry": "Entry (headword)",
    "author/encyclopedia-entry": "Author of the entry (empty if unsigned)",
    "container-title/encyclopedia-entry": "Encyclopedia or dictionary",
    "author/artwork": "Artist",
    "medium/artwork": "Medium (e.g. oil on canvas, photograph)",
    "dimensions/artwork": "Dimensions",
    "archive-place": "Its place",
    "author/patent": "Inventor",
    "number/patent": "Patent number",
    "authority/patent": "Country (e.g. US)",
    "submitted": "Filed on (YYYY-MM-DD)",
    "issued/patent": "Issued on (YYYY-MM-DD)",
    "version": "Version",
    "publisher/dataset": "Repository or publisher",
    "title/legal-case": "Case name (e.g. Brown v. Board of Education)",
    "volume/legal-case": "Reporter volume",
    "container-title/legal-case": "Reporter (e.g. U.S., F.3d)",
    "page/legal-case": "First page",
    "authority/legal-case": "Court, if the reporter does not say (e.g. 4th Cir.)",
    "title/legislation": "Name of the act or bill",
    "number/legislation": "Law or bill number (e.g. Pub. L. No. 107-296, H.R. 1099)",
    "authority/legislation": "Congress, for a bill (e.g. 109th Cong.)",
    "container-title/legislation": "Code or statutes (e.g. U.S.C., Stat.)",
    "section/legislation": "Section (e.g. § 552)",
    "title/hearing": "Title of the hearing",
    "publisher/hearing": "Committee (e.g. Senate Committee on Foreign Relations)",
    "authority/hearing": "Congress (e.g. 110th Cong.)",
    "container-title/paper-conference": "Proceedings (if published)",
    "event-title/paper-conference": "Conference (e.g. Annual Meeting of the AHA)",
    "container-title/preprint": "Repository (e.g. arXiv, SSRN)",
    "number/preprint": "Identifier in the repository (e.g. arXiv:2001.01234)",
    "publisher/software": "Publisher or developer",
    "scale": "Scale (e.g. 1:50,000)",
    "genre/map": "Kind of map (e.g. topographic map)",
    "number/standard": "Standard number (e.g. ISO 690:2010)",
    "publisher/standard": "Issuing body (e.g. ISO)",
    "title/treaty": "Name of the treaty",
    "authority/treaty": "Parties (e.g. U.S.-Japan)",
    "container-title/treaty": "Treaty series (e.g. U.S.T., U.N.T.S.)",
    "container-title/song": "Album",
    "publisher/song": "Label",
    "composer": "Composer",
    "container-title/broadcast": "Program or series",
    "number/broadcast": "Episode",
    "publisher/broadcast": "Network or station",
    "author/letter": "Writer",
    "recipient": "Recipient",
    "collection-title/letter": "Collection (e.g. Edward M. House Papers)",
    "archive": "Archive, library or museum holding it",
    "archive_location": "Box, folder or call number",
}
NAME_LIST_FIELDS = ("author", "editor", "interviewer", "recipient", "director", "host", "reviewed-author", "composer")


def label(key: str, entry_type: str) -> str:
    return LABELS.get(f"{key}/{entry_type}") or LABELS.get(key) or key


def _optional(kind: click.ParamType, key: str):
    """A prompt's value_proc: empty means "skip", anything else is checked by `kind` (and re-asked when bad)."""

    def convert(value: str):
        if not value.strip():
            return None
        if key == "accessed" and value.strip().lower() in ("today", "t"):
            return dt.date.today()
        return kind.convert(value, None, None)

    return convert


# -- names ----------------------------------------------------------------------------------------


def ask_names(question: str, required: bool, entry_type: str) -> list[dict]:
    """Names one per prompt until an empty answer; a name without a comma may be an organisation.

    The organisation question defaults to what the answer looks like: "Multi-National
    Force-Iraq" Yes, "Jane Doe" No (then read as given name and family name).
    """
    from dossiercli.pagemeta import is_organisation, person_from_byline

    names: list[dict] = []
    while True:
        hint = '"Family, Given", or an organisation' + ("" if required and not names else "; empty when done")
        answer = click.prompt(f"{question} {len(names) + 1} ({hint})", default="", show_default=False).strip()
        if not answer:
            if required and not names:
                click.echo(f"Error: a {ENTRY_TYPES[entry_type].label} needs at least one {question.lower()}", err=True)
                continue
            return names
        if "," in answer:
            try:
                names.append(Name.parse(answer).to_table())
            except NameError_ as error:
                click.echo(f"Error: {error}", err=True)
            continue
        organisation = is_organisation(answer)
        if click.confirm(f"  is {answer!r} an organisation (kept as written)?", default=organisation):
            names.append({"literal": " ".join(answer.split())})
            continue
        person = person_from_byline(answer, organisations=False)
        if "family" in person:
            names.append(person)
            click.echo(f"  read as {Name.parse(person).inverted()!r}")
        else:
            click.echo('  then write the person as "Family, Given"', err=True)


def ask_dossier_author() -> list[str]:
    """The author of a new dossier, asked again until it reads as a name (or is left empty)."""
    while True:
        answer = click.prompt('Author ("Family, Given", empty for none)', default="", show_default=False).strip()
        if not answer:
            return []
        try:
            Name.parse(answer)
        except NameError_:
            from dossiercli.pagemeta import person_from_byline

            guess = person_from_byline(answer, organisations=False)
            hint = f' (e.g. "{guess["family"]}, {guess["given"]}")' if "family" in guess and guess.get("given") else ""
            click.echo(f'Error: write the name as "Family, Given"{hint}', err=True)
            continue
        return [answer]


# -- fields, passages, highlights -----------------------------------------------------------------


def ask_field(key: str, required: bool, entry_type: str, default=None):
    question = label(key, entry_type)
    kind = FIELDS[key][1]
    if required:
        return click.prompt(question, type=kind, default=default)
    return click.prompt(
        f"{question} (empty to skip)",
        default=default or "",
        show_default=bool(default),
        value_proc=_optional(kind, key),
    )


def read_passage(stream) -> str:
    """Lines from `stream` until a line holding only "." or the end of input (paragraph breaks are kept)."""
    lines = []
    for line in iter(stream.readline, ""):
        if line.strip() == ".":
            break
        lines.append(line.rstrip("\r\n"))
    return "\n".join(lines).strip()


def ask_highlights(text: str) -> list[str]:
    def occurs(value: str):
        if not value.strip():
            return None
        why = highlight_problem(value, text)
        if why:
            raise click.BadParameter(why)
        return value.strip()

    highlights = []
    while answer := click.prompt(
        "Highlight (a part of the passage; empty when done)", default="", show_default=False, value_proc=occurs
    ):
        highlights.append(answer)
    return highlights


def ask_excerpt() -> dict | None:
    click.echo("Excerpt: paste the passage, then a line with only a dot (.); just the dot for none.")
    text = read_passage(sys.stdin)
    if not text:
        return None
    highlights = ask_highlights(text)
    return {"text": text, **({"highlights": highlights} if highlights else {})}


def ask_tags() -> list[str]:
    answer = click.prompt("Tags (comma-separated; empty for none)", default="", show_default=False)
    return [" ".join(tag.split()) for tag in answer.split(",") if tag.strip()]


def ask_missing(table: dict, entry_type: str) -> None:
    """Ask for the fields this type uses that `table` lacks: required ones first, then the rest, then tags."""
    from dossiercli.authoring import questions, still_wanted

    for key, required in questions(entry_type, table):
        if not still_wanted(key, table):
            continue
        _ask_into(table, key, required, entry_type)
    if "tags" not in table:
        tags = ask_tags()
        if tags:
            table["tags"] = tags
    if "excerpts" not in table:
        excerpt_table = ask_excerpt()
        if excerpt_table:
            table["excerpts"] = [excerpt_table]


def _ask_into(table: dict, key: str, required: bool, entry_type: str, default=None) -> None:
    if key in NAME_LIST_FIELDS:
        names = ask_names(label(key, entry_type), required, entry_type)
        if names:
            table[key] = names
        else:
            table.pop(key, None)
        return
    value = ask_field(key, required, entry_type, default)
    if value:
        table[key] = value
    else:
        table.pop(key, None)


# -- the review before writing --------------------------------------------------------------------


def _shown(key: str, value) -> str:
    if key in NAME_LIST_FIELDS or key in ("translator",):
        return "; ".join(Name.parse(v).natural() for v in value)
    if key == "tags":
        return ", ".join(value)
    if isinstance(value, dict):
        return "; ".join(f"{k} = {v}" for k, v in value.items())
    if key == "excerpts":
        texts = [" ".join(e["text"].split()) for e in value]
        return " | ".join(t if len(t) <= 70 else t[:67] + "..." for t in texts)
    return str(value)


def review_lines(table: dict) -> list[str]:
    from dossiercli.render.plain import terminal_safe

    width = max(len(key) for key in table)
    return [terminal_safe(f"  {key:<{width}}  {_shown(key, value)}") for key, value in table.items()]


def field_named(answer: str, entry_type: str) -> str | None:
    """The field a reviewer means: its key ("container-title"), its flag ("container") or the first word of its question."""
    wanted = answer.strip().lower().lstrip("-")
    for key, (flag, _) in FIELDS.items():
        if wanted in (key.lower(), flag, label(key, entry_type).split(" (")[0].lower()):
            return key
    if wanted in ("tags", "tag"):
        return "tags"
    if wanted in ("excerpt", "excerpts"):
        return "excerpts"
    return None


def review(table: dict, entry_type: str, problems: list) -> str:
    """Show the entry and its problems, then ask: "write", "cancel", or "changed" after changing a field."""
    from dossiercli.render.plain import terminal_safe

    click.echo("\nThe entry:")
    for line in review_lines(table):
        click.echo(line)
    for problem in problems:
        kind = "warning" if problem.code.startswith("W") else "error"
        click.echo(terminal_safe(f"  {kind}: {problem.code} {problem.message}"))
    errors = [p for p in problems if not p.code.startswith("W")]
    question = (
        "Fix a field (its name, e.g. 'date'; empty cancels)"
        if errors
        else "Write it? (Enter writes; 'n' cancels; or a field to change, e.g. 'title')"
    )
    while True:
        answer = click.prompt(question, default="" if errors else "y", show_default=False).strip()
        lowered = answer.lower()
        if not errors and lowered in ("y", "yes"):
            return "write"
        if not answer or lowered in ("n", "no"):
            return "cancel"
        key = field_named(answer, entry_type)
        if key is None:
            click.echo(f"Error: no field {answer!r}; name one of: {', '.join(table)}", err=True)
            continue
        change_field(table, key, entry_type)
        return "changed"


def complete_and_review(table: dict, entry_type: str, dossier, entry_id: str | None, refuse_same: bool) -> bool:
    """Ask for what the entry still lacks, then review it until it is written (True) or cancelled (False).

    The same source already in the dossier is refused before the review (`refuse_same`), so
    nobody reviews an entry that cannot be written."""
    from dossiercli.authoring import build_entry, same_source
    from dossiercli.errors import DossierError

    ask_missing(table, entry_type)
    while True:
        entry, problems = build_entry(table, dossier, entry_id)
        if entry is not None and refuse_same:
            found = same_source(entry, dossier, ignore=entry_id)
            if found:
                why, existing = found
                where = existing.path.relative_to(dossier.root) if existing.path else existing.id
                raise DossierError(
                    f"same {why} as {existing.id!r} ({where}): nothing was written "
                    "(--force updates that entry, --allow-duplicate adds this one anyway)"
                )
        verdict = review(table, entry_type, problems)
        if verdict != "changed":
            return verdict == "write"


def change_field(table: dict, key: str, entry_type: str) -> None:
    required = key in ENTRY_TYPES[entry_type].asked
    if key == "tags":
        tags = ask_tags()
        table["tags"] = tags
        if not tags:
            del table["tags"]
    elif key == "excerpts":
        excerpt_table = ask_excerpt()
        table.pop("excerpts", None)
        if excerpt_table:
            table["excerpts"] = [excerpt_table]
    else:
        current = table.get(key)
        default = str(current) if current is not None and key not in NAME_LIST_FIELDS else None
        _ask_into(table, key, required, entry_type, default)


def show_found(values: dict, origin: dict) -> None:
    """What a web page, a record or a look-up found, as a table on stderr."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from dossiercli.render.plain import terminal_safe

    shown = Table("field", "value", "from", title="Found", box=None, title_justify="left")
    for key, value in values.items():
        if key in ("author", "editor", "translator", "interviewer"):
            text = "; ".join(Name.parse(v).natural() for v in value)
        else:
            text = str(value)
        # A third party's text: control characters made visible, rich markup shown as written (Text, not str).
        shown.add_row(Text(terminal_safe(key)), Text(terminal_safe(text)), Text(terminal_safe(origin.get(key, ""))))
    Console(stderr=True, highlight=False).print(shown)


# -- edit: the entry in the user's editor, until it is valid ----------------------------------------


def editor_command(env=None) -> list[str]:
    import os
    import shlex

    env = os.environ if env is None else env
    command = env.get("VISUAL") or env.get("EDITOR") or "vi"
    try:
        words = shlex.split(command)
    except ValueError as error:
        from dossiercli.errors import DossierError

        raise DossierError(f"cannot read the editor command {command!r} ($VISUAL / $EDITOR): {error}") from None
    return words


def edit_until_valid(dossier, entry, on_terminal: bool):
    """Open a copy of the entry in $VISUAL/$EDITOR; reopen it while `validate` finds errors (on a terminal).

    Returns the new text (None when nothing changed). The entry file itself is not touched
    here: the caller writes the text. A failed edit is kept in a file the error names.
    """
    import shutil
    import subprocess
    import tempfile
    import time
    from pathlib import Path

    from dossiercli.changes import check_edited
    from dossiercli.errors import DossierError

    try:
        original = entry.path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise DossierError(f"not UTF-8 (byte {error.start}); save it as UTF-8 first", entry.path) from None
    folder = Path(tempfile.mkdtemp(prefix="dossier-edit-"))
    work = folder / f"{entry.id}.toml"
    work.write_text(original, encoding="utf-8")
    command = editor_command()
    keep = False
    try:
        while True:
            started = time.monotonic()
            try:
                status = subprocess.call([*command, str(work)])
            except OSError as error:
                raise DossierError(
                    f"cannot start the editor {command[0]!r}: {error.strerror or error} (set $VISUAL or $EDITOR)"
                ) from None
            if status != 0:
                raise DossierError(f"the editor exited with status {status}; {entry.id} is unchanged")
            text = work.read_bytes().decode("utf-8", errors="replace")
            if text == original:
                if time.monotonic() - started < 1.0:
                    click.echo(
                        f"the editor {command[0]!r} returned at once: if it opens a window, make it wait "
                        "(code --wait, subl -w, gedit -s)",
                        err=True,
                    )
                return None
            findings = check_edited(dossier, entry, work)
            errors = [f for f in findings if f.is_error]
            shown = str(entry.path)
            for finding in findings:
                where = f"{shown}:{finding.line}" if finding.line else shown
                click.echo(f"{where}: {finding.code} {finding.message}", err=True)
            if not errors:
                return text
            if not on_terminal or not click.confirm("The entry is unchanged. Edit again?", default=True):
                keep = True
                raise DossierError(
                    f"{len(errors)} error{'s' if len(errors) > 1 else ''}: {entry.id} is unchanged; "
                    f"your edit is kept in {work}"
                )
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
