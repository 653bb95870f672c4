"""The conflict profile: what parley knows about one conflict's actors, places and issues.

Profiles are YAML data files (``profiles/data/*.yaml``, or a user's own file); this module
holds their typed, frozen form. ``loader`` reads and validates them.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "FACILITY", "MEDIA")
PLACE_KINDS = ("city", "town", "neighbourhood", "region", "territory", "country", "crossing", "corridor",
               "facility", "road", "sea", "river", "border")
FACILITY_KINDS = frozenset({"crossing", "corridor", "facility", "road", "border"})


@dataclass(frozen=True, slots=True)
class Role:
    """A title a person holds for a party over a date range ("CIA director", 2021-03-19..2025-01-20)."""

    title: str
    party: str | None
    start: str | None = None  # YYYY-MM-DD
    end: str | None = None  # YYYY-MM-DD, None while in office


@dataclass(frozen=True, slots=True)
class Actor:
    """A state, movement, organisation, medium or person."""

    id: str  # stable slug, unique within the profile
    canonical: str
    type: str  # PERSON | ORG | GPE | FACILITY | MEDIA
    kind: str | None = None  # country | armed_group | state_body | agency | media | person | ...
    aliases: tuple[str, ...] = ()  # other spellings, transliterations, short forms
    titles: tuple[str, ...] = ()  # role descriptions that name this actor ("the CIA chief")
    party: str | None = None  # the party a person or body acts for (canonical name)
    demonyms: tuple[str, ...] = ()  # "Egyptian"
    roles: tuple[Role, ...] = ()
    died: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    canonical: str
    kind: str  # city | crossing | corridor | region | country | facility
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # canonical name of the country actor
    capital_of: str | None = None  # canonical country name when this is its capital
    titles: tuple[str, ...] = ()  # descriptions that name this place ("the coastal enclave")

    @property
    def type(self) -> str:
        """The entity type of the place: FACILITY for crossings, corridors and the like."""
        return "FACILITY" if self.kind in FACILITY_KINDS else "GPE"


@dataclass(frozen=True, slots=True)
class Issue:
    name: str  # e.g. "Philadelphi corridor"
    keywords: tuple[str, ...] = ()  # words that signal the issue in a sentence


@dataclass(frozen=True, slots=True)
class FramingEntry:
    term: str  # loaded term as usually written ("Zionist regime")
    stands_for: str | None = None  # neutral actor it names, or None for a loaded description
    note: str = ""


@dataclass(frozen=True)
class Profile:
    name: str  # slug, e.g. "israel-hamas-2023"
    title: str
    start_date: str | None  # the conflict's start, YYYY-MM-DD
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    issues: tuple[Issue, ...] = ()
    framing: tuple[FramingEntry, ...] = ()
    keywords: tuple[str, ...] = ()  # words that identify the conflict in a text (for detection)
    path: str = ""
    mediators: tuple[str, ...] = ()  # canonical names of the mediating parties

    def actor(self, name: str) -> Actor | None:
        """The actor with this id or canonical name, if any."""
        return next((a for a in self.actors if name in (a.id, a.canonical)), None)
