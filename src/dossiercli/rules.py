"""The rules between the fields of one entry (required per type, access before issue,
highlights inside their excerpt, dates in the future). No I/O; validate.py adds the
rules across entries.

The future-date rule is kept apart (`future_problems`) because it depends on the day
it runs: the loader's cache stores everything else about a file and re-runs only this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

from dossiercli.model.entry import Entry
from dossiercli.model.parse import Problem


def squash(text: str) -> str:
    """Whitespace folded to single spaces: how highlights are matched against excerpts."""
    return " ".join(text.split())


def highlight_problem(highlight: str, text: str) -> str | None:
    """Why a highlight cannot mark this passage, naming the passage's own spelling when only case differs."""
    wanted, passage = squash(highlight), squash(text)
    if wanted in passage:
        return None
    shown = highlight.strip() if len(highlight) <= 60 else highlight.strip()[:57] + "..."
    folded = passage.casefold()
    at = folded.find(wanted.casefold())
    if at >= 0 and len(folded) == len(passage) and len(wanted.casefold()) == len(wanted):
        return (
            f"{shown!r} does not occur in the passage; did you mean {passage[at : at + len(wanted)]!r}? (case matters)"
        )
    return f"{shown!r} does not occur in the passage"


def check_entry(entry: Entry, today: dt.date, written: Container[str] = ()) -> list[Problem]:
    """Rules between fields. `written`: keys the file has, whose bad values reading already reported."""
    problems = static_problems(entry, written)
    required = [problem for problem in problems if problem.code == "E012"]
    rest = [problem for problem in problems if problem.code != "E012"]
    return required + future_problems(entry, today) + rest


def future_dates(entry: Entry) -> tuple[tuple[str, dt.date, str], ...]:
    """(key, earliest day, as written) for the dates the future-date rule looks at."""
    return tuple(
        (key, date.earliest(), str(date))
        for key, date in (("issued", entry.issued), ("accessed", entry.accessed))
        if date is not None
    )


def future_problems(entry: Entry, today: dt.date) -> list[Problem]:
    return [future_problem(key, shown) for key, earliest, shown in future_dates(entry) if earliest > today]


def future_problem(key: str, shown: str) -> Problem:
    return Problem("W021", f"{key!r} {shown} is in the future", (key,))


def _a(label: str) -> str:
    return f"{'an' if label[:1] in 'aeio' else 'a'} {label}"


def static_problems(entry: Entry, written: Container[str] = ()) -> list[Problem]:
    """Every rule between fields except the one that depends on today's date."""
    problems: list[Problem] = []
    entry_type = entry.entry_type
    for key in entry_type.required:
        if not entry.has(key) and key not in written:
            problems.append(Problem("E012", f"{_a(entry_type.label)} needs {key!r}", ("type",)))
    for key in entry_type.recommended:
        if not entry.has(key) and key not in written:
            problems.append(Problem("W017", f"{_a(entry_type.label)} usually has {key!r}: cited without it", ("type",)))
    if entry.issued and entry.accessed and entry.accessed.latest() < entry.issued.earliest():
        problems.append(
            Problem("E022", f"accessed {entry.accessed} is before the publication date {entry.issued}", ("accessed",))
        )
    for index, excerpt in enumerate(entry.excerpts):
        if all(highlight in excerpt.text for highlight in excerpt.highlights):
            continue  # as written inside the text: inside it once white space is folded too
        text = squash(excerpt.text)
        for highlight in excerpt.highlights:
            if squash(highlight) not in text:
                shown = highlight if len(highlight) <= 60 else highlight[:57] + "..."
                hint = (highlight_problem(highlight, text) or "").partition("; ")[2]
                problems.append(
                    Problem(
                        "E040",
                        f"excerpt {index + 1}: highlight {shown!r} does not occur in its text"
                        + (f"; {hint}" if hint else ""),
                        ("excerpts", index, "highlights"),
                    )
                )
    return problems
