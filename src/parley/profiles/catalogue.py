"""What parley knows by name for one profile (or none): the profile's actors and places
plus the generic lexicons, compiled into phrase indexes for the resolver and the framing
extractor.

Ids are stable: ``profile:<id>`` for a profile's actors and places, ``new:<slug>`` for
everything else (so a country from the generic lexicon gets the id an unknown name would).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from parley.profiles.lexicons import LexEntry, generic_entries, generic_framing
from parley.profiles.model import Actor, FramingEntry, Place, Profile, Role
from parley.profiles.names import name_key, slug
from parley.profiles.phrases import PhraseIndex, phrase_tokens


@dataclass(frozen=True, slots=True)
class Known:
    """An entity parley knows before reading: from a profile or a generic lexicon."""

    id: str
    canonical: str
    type: str  # PERSON | ORG | GPE | FACILITY | MEDIA
    kind: str | None = None
    party: str | None = None
    lat: float | None = None
    lon: float | None = None
    capital_of: str | None = None  # id of the country whose capital this is
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class Ref:
    """What a phrase stands for, how (``via``) and when (role dates, for titles)."""

    entity: Known
    via: str  # name | title | demonym | capital | framing
    start: str | None = None
    end: str | None = None

    def valid_on(self, day: str | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Catalogue:
    profile: Profile | None
    entities: dict[str, Known] = field(default_factory=dict)
    names: PhraseIndex[Ref] = field(default_factory=PhraseIndex)
    by_key: dict[str, Known] = field(default_factory=dict)  # name key -> entity, for NER spans
    demonyms: dict[str, Known] = field(default_factory=dict)
    framing: PhraseIndex[FramingEntry] = field(default_factory=PhraseIndex)
    written: dict[str, list[str]] = field(default_factory=dict)  # id -> names as written
    written_demonyms: dict[str, list[str]] = field(default_factory=dict)  # id -> demonyms as written
    _by_type: dict[str, dict[str, Known]] = field(default_factory=dict)

    def lookup(self, name: str) -> Known | None:
        """The entity a name (canonical or alias, any spelling the normalisation joins) names."""
        return self.by_key.get(name_key(name))

    def demonym(self, word: str) -> Known | None:
        return self.demonyms.get(name_key(word))

    def keys_of_type(self, type_: str, min_len: int = 6) -> dict[str, Known]:
        """Name keys of entities of one type (places: GPE and FACILITY), for fuzzy matching."""
        table = self._by_type.get(type_)
        if table is None:
            types = {"GPE", "FACILITY"} if type_ in ("GPE", "FACILITY") else {type_}
            table = {k: v for k, v in self.by_key.items() if v.type in types and len(k) >= min_len}
            self._by_type[type_] = table
        return table

    # ----------------------------------------------------------------------- building

    def add(self, known: Known, names: Iterable[str]) -> None:
        self.entities[known.id] = known
        for name in names:
            if self.by_key.setdefault(name_key(name), known).id == known.id:
                self.names.add(name, Ref(known, "name"))
                self.written.setdefault(known.id, []).append(name)

    def add_demonyms(self, known: Known, demonyms: Iterable[str]) -> None:
        for dem in demonyms:
            if self.demonyms.setdefault(name_key(dem), known).id == known.id:
                self.names.add(dem, Ref(known, "demonym"))
                self.written_demonyms.setdefault(known.id, []).append(dem)


# --------------------------------------------------------------------------- profile part


def _role_span(roles: tuple[Role, ...]) -> tuple[str | None, str | None]:
    if not roles:
        return None, None
    starts = [r.start for r in roles]
    ends = [r.end for r in roles]
    start = None if None in starts else min(s for s in starts if s)
    end = None if None in ends else max(e for e in ends if e)
    return start, end


def _needs_the(title: str) -> bool:
    """A title written with "the" keeps it when the rest is one word ("the army", "the
    enclave"); longer titles match with or without it ("the CIA chief")."""
    keys = phrase_tokens(title, keep_the=True)[0]
    return len(keys) <= 2 and keys[:1] == ("the",)


def _actor_known(actor: Actor) -> Known:
    return Known(f"profile:{actor.id}", actor.canonical, actor.type, actor.kind, actor.party, roles=actor.roles)


def _place_known(place: Place, country_ids: dict[str, str]) -> Known:
    capital = country_ids.get(place.capital_of or "")
    return Known(f"profile:{place.id}", place.canonical, place.type, place.kind, None, place.lat, place.lon, capital)


def _add_profile(cat: Catalogue, profile: Profile) -> None:
    for actor in profile.actors:
        known = _actor_known(actor)
        cat.add(known, (actor.canonical, *actor.aliases))
        cat.add_demonyms(known, actor.demonyms)
        start, end = _role_span(actor.roles)
        for title in actor.titles:
            cat.names.add(title, Ref(known, "title", start, end), keep_the=_needs_the(title))
    ids = {a.canonical: f"profile:{a.id}" for a in profile.actors} | {a.id: f"profile:{a.id}" for a in profile.actors}
    for place in profile.places:
        known = _place_known(place, ids)
        cat.add(known, (place.canonical, *place.aliases))
        for title in place.titles:
            cat.names.add(title, Ref(known, "title"), keep_the=_needs_the(title))


def _party_forms(cat: Catalogue, party: Known) -> tuple[list[str], list[str]]:
    """Names and demonyms of a party, for titles such as "Qatar's prime minister"."""
    return cat.written.get(party.id, [party.canonical]), cat.written_demonyms.get(party.id, [])


def _add_role_titles(cat: Catalogue) -> None:
    for known in list(cat.entities.values()):
        for role in known.roles:
            party = cat.lookup(role.party) if role.party else None
            phrases = [role.title] if any(ch.isupper() for ch in role.title) else []
            if party is not None:
                names, dems = _party_forms(cat, party)
                phrases += [f"{n} {role.title}" for n in names] + [f"{n}'s {role.title}" for n in names]
                phrases += [f"{role.title} of {n}" for n in names] + [f"{d} {role.title}" for d in dems]
            for phrase in phrases:
                cat.names.add(phrase, Ref(known, "title", role.start, role.end))


def _add_capital_phrases(cat: Catalogue, capital: Known, country: Known) -> None:
    names, dems = _party_forms(cat, country)
    for n in names:
        cat.names.add(f"{n}'s capital", Ref(capital, "capital"))
        cat.names.add(f"capital of {n}", Ref(capital, "capital"))
    for d in dems:
        cat.names.add(f"the {d} capital", Ref(capital, "capital"), keep_the=True)


# --------------------------------------------------------------------------- generic part


def _merge_generic(cat: Catalogue, entry: LexEntry) -> None:
    names = (entry.name, *entry.aliases)
    known = next((cat.by_key[k] for k in map(name_key, names) if k in cat.by_key), None)
    if known is None:
        known = Known(f"new:{slug(entry.name)}", entry.name, entry.type, entry.kind, entry.party)
        cat.add(known, names)
    else:
        cat.add(known, names)
    cat.add_demonyms(known, entry.demonyms)
    if entry.capital:
        _add_capital(cat, entry.capital, known)


def _add_capital(cat: Catalogue, capital: str, country: Known) -> None:
    known = cat.lookup(capital)
    if known is None:
        known = Known(f"new:{slug(capital)}", capital, "GPE", "city", capital_of=country.id)
        cat.entities[known.id] = known
        cat.by_key[name_key(capital)] = known  # for NER spans; not matched by phrase
    elif known.capital_of is None and known.type == "GPE":
        known = replace(known, capital_of=country.id)
        cat.entities[known.id] = known
        cat.by_key.update({k: known for k, v in cat.by_key.items() if v.id == known.id})


def _add_framing(cat: Catalogue, entries: Iterable[FramingEntry]) -> None:
    for entry in entries:
        cat.framing.add(entry.term, entry, keep_the=True)
        target = cat.lookup(entry.stands_for) if entry.stands_for else None
        if target is None and entry.stands_for and cat.profile is not None:
            actor = cat.profile.actor(entry.stands_for)
            target = cat.entities.get(f"profile:{actor.id}") if actor else None
        if target is not None:
            cat.names.add(entry.term, Ref(target, "framing"), keep_the=True)


def _add_all_capital_phrases(cat: Catalogue) -> None:
    for known in list(cat.entities.values()):
        country = cat.entities.get(known.capital_of or "")
        if country is not None:
            _add_capital_phrases(cat, known, country)


def build_catalogue(profile: Profile | None) -> Catalogue:
    cat = Catalogue(profile)
    if profile is not None:
        _add_profile(cat, profile)
    for entry in generic_entries():
        _merge_generic(cat, entry)
    if profile is not None:
        _add_role_titles(cat)
    _add_all_capital_phrases(cat)
    profile_terms = list(profile.framing) if profile else []
    own = {name_key(e.term) for e in profile_terms}
    _add_framing(cat, profile_terms + [e for e in generic_framing() if name_key(e.term) not in own])
    return cat


_cache: dict[int, tuple[Profile | None, Catalogue]] = {}
_lock = threading.Lock()


def catalogue_for(profile: Profile | None) -> Catalogue:
    """The compiled catalogue of ``profile`` (built once per profile object)."""
    with _lock:
        hit = _cache.get(id(profile))
        if hit is not None and hit[0] is profile:
            return hit[1]
    cat = build_catalogue(profile)
    with _lock:
        if len(_cache) > 32:
            _cache.clear()
        _cache[id(profile)] = (profile, cat)
    return cat
