"""Coordinates of the rounds' venues, for the map: from the stored entity rows when they
carry ``lat``/``lon``, else from the conflict profiles and GeoNames through
``parley.profiles.gazetteer`` (no spaCy). A venue nobody can place is left off the map."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parley.link.rounds import LinkedRound
from parley.profiles.names import name_key


@dataclass(frozen=True)
class VenuePoint:
    venue: str
    lat: float
    lon: float
    rounds: tuple[str, ...]  # round ids, in timeline order


def _from_entities(entities: Iterable[Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for row in entities:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None or (row.get("kind") not in (None, "city", "facility", "region")):
            continue
        for name in (row.get("canonical"), *(row.get("forms") or ())):
            if name:
                out.setdefault(name_key(str(name)), (float(lat), float(lon)))
    return out


def _profiles(names: Iterable[str]) -> list[Any]:
    try:
        from parley.profiles.loader import load_profile
    except ImportError:
        return []
    out = []
    for name in sorted(set(names)):
        try:
            out.append(load_profile(name))
        except Exception:  # noqa: BLE001 - an unknown or broken profile only costs map points
            continue
    return out


def _from_gazetteer(venue: str, profiles: Sequence[Any]) -> tuple[float, float] | None:
    try:
        from parley.profiles.gazetteer import lookup_place
    except ImportError:
        return None
    for profile in [*profiles, None]:
        try:
            place = lookup_place(venue, profile)
        except Exception:  # noqa: BLE001 - a broken profile or data file only costs a map point
            return None
        if place is not None and place.lat is not None and place.lon is not None:
            return (place.lat, place.lon)
    return None


def venue_points(
    rounds: Sequence[LinkedRound], entities: Iterable[Mapping[str, Any]] = (), profile_names: Iterable[str] = ()
) -> list[VenuePoint]:
    """One point per venue that can be placed, with the rounds held or planned there."""
    by_venue: dict[str, tuple[str, list[str]]] = {}
    for lr in rounds:
        if lr.round.venue:
            key = name_key(lr.round.venue)
            by_venue.setdefault(key, (lr.round.venue, []))[1].append(lr.round.id)
    if not by_venue:
        return []
    known = _from_entities(entities)
    profiles = _profiles(n for n in profile_names if n)
    points = []
    for key, (venue, ids) in by_venue.items():
        coords = known.get(key) or _from_gazetteer(venue, profiles)
        if coords is not None:
            points.append(VenuePoint(venue, coords[0], coords[1], tuple(ids)))
    return sorted(points, key=lambda p: (-len(p.rounds), p.venue))
