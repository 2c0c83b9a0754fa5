"""How a dossier wants Chicago: the five note modes, title casing, edition (`[chicago]` in dossier.toml).

    [chicago]
    titles = "as-given"   # or "headline" (the default, CMOS 17 8.159)
    notes = "full-bib"    # full-bib | full-only | 18 | 18-ibid | 18-short
    edition = 17          # overrides the mode's edition

Command-line flags override the file; the file overrides the defaults. `resolve` does all three.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from dossiercli.chicago.notes import EDITIONS, Style
from dossiercli.errors import DossierError
from dossiercli.load import CONFIG_FILE, Dossier

TITLES = ("headline", "as-given")


@dataclass(frozen=True, slots=True)
class NoteMode:
    """Which notes a text gets: the five official Chicago CSL styles, as one value.

    - `full-bib` (default): CMOS 17 notes and bibliography; first citation full, later ones short,
      the same work again at once "Lake, 5." (17 14.29–14.34).
    - `full-only`: CMOS 17 full notes without a bibliography: the notes are the whole record (14.19).
    - `18`: CMOS 18 notes and bibliography (18 13.18 ff.).
    - `18-ibid`: the same with "Ibid." for the work of the note just before (18 13.37).
    - `18-short`: CMOS 18 shortened notes: every note short, the bibliography carries the facts (18 13.28 ff.).
    """

    name: str
    edition: int
    ibid: bool = False
    short_only: bool = False  # every note short, first citations included
    bibliography: bool = True  # whether the text carries a bibliography
    summary: str = ""

    def with_edition(self, edition: int | None) -> NoteMode:
        return self if edition is None or edition == self.edition else replace(self, edition=edition)


MODES: dict[str, NoteMode] = {
    mode.name: mode
    for mode in (
        NoteMode("full-bib", 17, summary="CMOS 17 notes and bibliography: first note full, later notes short"),
        NoteMode(
            "full-only",
            17,
            bibliography=False,
            summary="CMOS 17 full notes, no bibliography: first note full, later notes short",
        ),
        NoteMode("18", 18, summary="CMOS 18 notes and bibliography"),
        NoteMode("18-ibid", 18, ibid=True, summary='CMOS 18 notes and bibliography, "Ibid." for the note just before'),
        NoteMode(
            "18-short", 18, short_only=True, summary="CMOS 18 shortened notes: every note short, with a bibliography"
        ),
    )
}
DEFAULT_MODE = MODES["full-bib"]


@dataclass(frozen=True, slots=True)
class ChicagoSettings:
    titles: str = "headline"
    mode: NoteMode = DEFAULT_MODE

    @property
    def style(self) -> Style:
        return Style(edition=self.mode.edition, headline=self.titles == "headline")


def from_config(section: Mapping, path: Path | None = None) -> ChicagoSettings:
    """Settings from `[chicago]`; a wrong key or value is a one-line error naming the file."""
    settings = ChicagoSettings()
    edition = None
    for key, value in section.items():
        if key == "titles":
            if value not in TITLES:
                raise DossierError(
                    f"[chicago] titles must be one of {', '.join(map(repr, TITLES))}, not {value!r}", path
                )
            settings = replace(settings, titles=value)
        elif key == "notes":
            if value not in MODES:
                raise DossierError(f"[chicago] notes must be one of {', '.join(map(repr, MODES))}, not {value!r}", path)
            settings = replace(settings, mode=MODES[value])
        elif key == "edition":
            if value not in EDITIONS:
                raise DossierError(
                    f"[chicago] edition must be one of {', '.join(map(str, EDITIONS))}, not {value!r}", path
                )
            edition = value
        else:
            raise DossierError(f"[chicago] has no setting {key!r} (known: edition, notes, titles)", path)
    return replace(settings, mode=settings.mode.with_edition(edition))


def resolve(
    section: Mapping | None = None,
    path: Path | None = None,
    *,
    mode: str | None = None,
    edition: int | None = None,
    ibid: bool | None = None,
    headline: bool | None = None,
) -> ChicagoSettings:
    """Defaults, then `[chicago]` of dossier.toml, then the command line (None: not given)."""
    settings = from_config(section or {}, path)
    chosen = MODES[mode] if mode is not None else settings.mode
    chosen = chosen.with_edition(edition)
    if ibid:
        chosen = replace(chosen, ibid=True)
    titles = settings.titles if headline is None else ("headline" if headline else "as-given")
    return ChicagoSettings(titles=titles, mode=chosen)


def dossier_settings(dossier: Dossier) -> ChicagoSettings:
    """The settings a dossier's `[chicago]` section asks for (the defaults where it has none)."""
    return from_config(dossier.config.sections.get("chicago", {}), dossier.root / CONFIG_FILE)
