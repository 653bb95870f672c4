"""Gazetteer: profile places first, then GeoNames cities and countries."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.profiles import load_profile
from parley.profiles.gazetteer import lookup_place


def test_profile_places_have_their_coordinates() -> None:
    crossing = lookup_place("Karem Abu Salem")
    assert crossing is not None and crossing.canonical == "Kerem Shalom crossing" and crossing.type == "FACILITY"
    assert crossing.lat == pytest.approx(31.23, abs=0.05)
    cairo = lookup_place("CAIRO")
    assert cairo is not None and cairo.capital_of == "Egypt"


def test_a_given_profile_is_searched_first() -> None:
    place = lookup_place("Kiev", load_profile("russia-ukraine-2022"))
    assert place is not None and place.canonical == "Kyiv" and place.lat == pytest.approx(50.45, abs=0.1)


def test_unknown_venues_get_coordinates_from_geonames() -> None:
    lyon = lookup_place("Lyon")
    assert lyon is not None and lyon.country == "France" and lyon.lat == pytest.approx(45.75, abs=0.1)
    odessa = lookup_place("Dnipropetrovsk") or lookup_place("Kharkov")  # older spellings of big cities
    assert odessa is not None and odessa.lat is not None
    country = lookup_place("Norway")
    assert country is not None and country.kind == "country"


def test_nothing_known_is_none() -> None:
    assert lookup_place("Qwertyville-on-Sea") is None
    assert lookup_place("") is None


def test_index_file_round_trip_and_bisection(tmp_path: Path) -> None:
    from parley.profiles import gazetteer

    table = {
        "san": gazetteer._row("geonames:1", "San", "city", 1.5, 2.5, "Somewhere"),
        "san jose": gazetteer._row("geonames:2", "San José", "city", 9.9, -84.1, "Costa Rica"),
        "norway": gazetteer._row("geonames:3", "Norway", "country"),
    }
    path = tmp_path / "index.tsv"
    gazetteer._write_index(path, gazetteer._lines(table))
    lines = gazetteer._read_index(path)
    assert lines == sorted(lines or []) and len(lines or []) == 3
    saved = gazetteer._geo
    try:
        gazetteer._geo = lines
        assert gazetteer._geonames_row("san jose") == table["san jose"]
        assert gazetteer._geonames_row("san") == table["san"]
        assert gazetteer._geonames_row("sa") is None and gazetteer._geonames_row("zzz") is None
        place = gazetteer._place(table["san jose"])
        assert place.canonical == "San José" and place.lat == 9.9 and place.country == "Costa Rica"
        assert gazetteer._place(table["norway"]).lat is None
    finally:
        gazetteer._geo = saved


def test_unreadable_or_broken_index_is_rebuilt(tmp_path: Path) -> None:
    from parley.profiles import gazetteer

    assert gazetteer._read_index(tmp_path / "missing.tsv") is None
    broken = tmp_path / "broken.tsv"
    broken.write_text("half a line\n", encoding="utf-8")
    assert gazetteer._read_index(broken) is None


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from parley.profiles.gazetteer import cache_dir

    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("PARLEY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "parley"
