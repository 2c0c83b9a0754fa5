"""Personal and organisational names, in the CSL-JSON name vocabulary.

A name is either a person (family, given, particles, suffix) or a `literal`
(an organisation such as "Multi-National Force-Iraq", or a name that must not
be split). In an entry file it is a table, or the shorthand string
"Family, Given" / "Family, Given, Suffix".
"""

from __future__ import annotations

from dataclasses import dataclass

NAME_KEYS = ("family", "given", "suffix", "non-dropping-particle", "dropping-particle", "literal")


class NameError_(ValueError):
    """A name that cannot be read; the message says how to write it."""


@dataclass(frozen=True, slots=True)
class Name:
    family: str | None = None
    given: str | None = None
    suffix: str | None = None
    particle: str | None = None  # CSL "non-dropping-particle": "van" in van Gogh, "al-" in al-Sadr
    dropping_particle: str | None = None  # CSL "dropping-particle": "von" in (Ludwig) von Beethoven
    literal: str | None = None

    @classmethod
    def parse(cls, value: object) -> Name:
        if isinstance(value, str):
            return cls._from_string(value)
        if isinstance(value, dict):
            return cls._from_table(value)
        raise NameError_(f'a name is a table or a "Family, Given" string, not {type(value).__name__}')

    @classmethod
    def _from_string(cls, text: str) -> Name:
        parts = [part.strip() for part in text.split(",")]
        if len(parts) < 2 or not all(parts) or len(parts) > 3:
            raise NameError_(
                f'name {text!r}: write "Family, Given" (or "Family, Given, Suffix"), '
                f'or a table with literal = "..." for an organisation'
            )
        return cls(family=parts[0], given=parts[1], suffix=parts[2] if len(parts) == 3 else None)

    @classmethod
    def _from_table(cls, table: dict) -> Name:
        for key, value in table.items():
            if key not in NAME_KEYS:
                raise NameError_(f"unknown name field {key!r} (use one of: {', '.join(NAME_KEYS)})")
            if not isinstance(value, str):
                raise NameError_(f"name field {key!r} must be a string, not {type(value).__name__}")
            if not value.strip():
                raise NameError_(f"name field {key!r} is empty")
        if "literal" in table:
            if len(table) > 1:
                raise NameError_("a literal name stands alone: drop family/given or drop literal")
            return cls(literal=table["literal"])
        if "family" not in table:
            raise NameError_("a person's name needs 'family' (or use literal = \"...\")")
        return cls(
            family=table["family"],
            given=table.get("given"),
            suffix=table.get("suffix"),
            particle=table.get("non-dropping-particle"),
            dropping_particle=table.get("dropping-particle"),
        )

    @property
    def is_literal(self) -> bool:
        return self.literal is not None

    @property
    def surname(self) -> str:
        """The name as a short note or a list sorts and shows it: "al-Sadr", "Multi-National Force-Iraq"."""
        if self.literal is not None:
            return self.literal
        return _join_particle(self.particle, self.family or "")

    def natural(self) -> str:
        """Given-name-first form for notes: "Ludwig van Beethoven", "Martin Luther King Jr."."""
        if self.literal is not None:
            return self.literal
        words = [self.given, self.dropping_particle]
        head = " ".join(w for w in words if w)
        text = f"{head} {self.surname}" if head else self.surname
        return f"{text} {self.suffix}" if self.suffix else text

    def inverted(self) -> str:
        """Family-name-first form for bibliographies: "Beethoven, Ludwig van", "King, Martin Luther, Jr."."""
        if self.literal is not None:
            return self.literal
        rest = " ".join(w for w in (self.given, self.dropping_particle) if w)
        text = self.surname
        if rest:
            text += f", {rest}"
        if self.suffix:
            text += f", {self.suffix}"
        return text

    def to_table(self) -> dict[str, str]:
        if self.literal is not None:
            return {"literal": self.literal}
        table = {"family": self.family or ""}
        for key, value in (
            ("given", self.given),
            ("suffix", self.suffix),
            ("non-dropping-particle", self.particle),
            ("dropping-particle", self.dropping_particle),
        ):
            if value:
                table[key] = value
        return table

    def __str__(self) -> str:
        return self.natural()


def _join_particle(particle: str | None, family: str) -> str:
    if not particle:
        return family
    # "al-" and "d'" attach without a space; "van", "de" take one.
    if particle.endswith(("-", "'", "\u2019")):
        return particle + family
    return f"{particle} {family}"
