"""The generic lexicons shipped beside the profiles (``data/lexicons/*.yaml``), read once.

``entities_countries.yaml`` (countries, demonyms, capitals), ``entities_orgs.yaml``
(international bodies), ``entities_groups.yaml`` (well-known armed groups and movements),
``entities_media.yaml`` (news organisations), ``entities_titles.yaml`` (offices and
honorifics) and ``framing.yaml`` (loaded terms that apply in any conflict). Users extend
them by editing the files or, per conflict, through a profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from parley.errors import ProfileError
from parley.profiles.model import Actor, FramingEntry, Role
from parley.profiles.names import slug

LEXICON_DIR = Path(__file__).parent / "data" / "lexicons"


@dataclass(frozen=True, slots=True)
class LexEntry:
    """One generic name: a country, an international body or a news organisation."""

    name: str
    type: str  # GPE | ORG | MEDIA
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    party: str | None = None


@dataclass(frozen=True, slots=True)
class Titles:
    honorifics: tuple[str, ...]
    offices: tuple[str, ...]
    office_words: frozenset[str]
    credit_cues: tuple[str, ...]


@lru_cache(maxsize=16)
def read_lexicon(name: str) -> Any:
    """The parsed YAML of ``data/lexicons/<name>.yaml``."""
    path = LEXICON_DIR / f"{name}.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError("E200", f"lexicon {path.name}: {exc}", where=path.name) from None


def _entries(name: str, section: str, type_: str, kind: str) -> tuple[LexEntry, ...]:
    return tuple(
        LexEntry(
            name=str(item["name"]),
            type=str(item.get("type", type_)),
            kind=str(item.get("kind", kind)),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            demonyms=tuple(str(d) for d in item.get("demonyms") or ()),
            capital=item.get("capital"),
            party=item.get("party"),
        )
        for item in read_lexicon(name).get(section) or ()
    )


def _role(spec: dict[str, Any], party: str | None) -> Role:
    start, end = spec.get("start"), spec.get("end")
    return Role(str(spec["title"]), party, str(start) if start else None, str(end) if end else None)


@lru_cache(maxsize=1)
def officeholders() -> tuple[Actor, ...]:
    """The office holders of ``officeholders.yaml`` as actors with dated roles (any conflict)."""
    out = []
    for item in read_lexicon("officeholders").get("officeholders") or ():
        name, party = str(item["name"]), item.get("party")
        out.append(Actor(id=slug(name), canonical=name, type="PERSON", kind="person", party=party,
                         aliases=tuple(str(a) for a in item.get("aliases") or ()),
                         roles=tuple(_role(r, party) for r in item.get("roles") or ())))
    return tuple(out)


def _officeholder_entries() -> tuple[LexEntry, ...]:
    return tuple(LexEntry(a.canonical, "PERSON", "person", a.aliases, party=a.party) for a in officeholders())


@lru_cache(maxsize=1)
def generic_entries() -> tuple[LexEntry, ...]:
    """Countries, international bodies, armed groups, news organisations and office holders, in that order."""
    return (
        _entries("entities_countries", "countries", "GPE", "country")
        + _entries("entities_orgs", "orgs", "ORG", "international")
        + _entries("entities_groups", "groups", "ORG", "armed_group")
        + _entries("entities_media", "media", "MEDIA", "media")
        + _officeholder_entries()
    )


@lru_cache(maxsize=1)
def titles() -> Titles:
    data = read_lexicon("entities_titles")
    return Titles(
        honorifics=tuple(data.get("honorifics") or ()),
        offices=tuple(data.get("offices") or ()),
        office_words=frozenset(w.casefold() for w in data.get("office_words") or ()),
        credit_cues=tuple(data.get("credit_cues") or ()),
    )


@lru_cache(maxsize=1)
def generic_framing() -> tuple[FramingEntry, ...]:
    return tuple(
        FramingEntry(term=str(item["term"]), stands_for=item.get("stands_for"), note=str(item.get("note", "")))
        for item in read_lexicon("framing").get("framing") or ()
    )


@lru_cache(maxsize=1)
def framing_modifiers() -> dict[str, str | None]:
    """Loaded modifiers ("Zionist") and the actor each names (or None)."""
    return {str(m["word"]): m.get("stands_for") for m in read_lexicon("framing").get("modifiers") or ()}
