"""Gazetteer: profile places first, then GeoNames cities and countries."""

from __future__ import annotations

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
