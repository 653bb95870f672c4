"""Datelines are recorded (and kept in the text)."""

from __future__ import annotations

import pytest

from parley.clean import clean
from parley.records import Article


def _dateline(text: str, published: str | None = None):  # type: ignore[no-untyped-def]
    cleaned = clean(Article(id="t", text=text, source="<t>", published=published))
    return cleaned, cleaned.dateline


@pytest.mark.parametrize(
    ("text", "place", "agency", "date_text"),
    [
        ("CAIRO (Reuters) \u2013 Envoys met on Thursday.", "CAIRO", "Reuters", None),
        ("GAZA STRIP (Dispatches) \u2013 Talks went on.", "GAZA STRIP", "Dispatches", None),
        ("DOHA: Mediators met again on Monday.", "DOHA", None, None),
        ("KYIV, Ukraine (AP) \u2014 Officials met in the capital.", "KYIV, Ukraine", "AP", None),
        ("Goma (AFP) - Rebels said they would attend.", "Goma", "AFP", None),
        ("Truce talks resume\n\nJEDDAH, May 6 (Reuters) - Army envoys met.", "JEDDAH", "Reuters", "May 6"),
        ("JERUSALEM/CAIRO (Reuters) - Envoys met.", "JERUSALEM/CAIRO", "Reuters", None),
        ("DOHA, Qatar - Envoys met.", "DOHA, Qatar", None, None),
        ("ABU DHABI, 3rd March, 2025 (WAM) -- Envoys met.", "ABU DHABI", "WAM", "3rd March, 2025"),
        ("RIYADH, (Example Today) - Envoys met.", "RIYADH", "Example Today", None),
    ],
)
def test_dateline_fields(text: str, place: str, agency: str | None, date_text: str | None) -> None:
    cleaned, dateline = _dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.date_text) == (place, agency, date_text)
    assert cleaned.text[dateline.start : dateline.end].startswith(place.split(",")[0])
    assert place.split(",")[0] in cleaned.text  # kept in the text


def test_month_day_takes_the_year_from_metadata() -> None:
    _, dateline = _dateline("WASHINGTON, Aug 15 (Reuters) - Envoys met.", published="2024-08-16")
    assert dateline is not None and dateline.date == "2024-08-15"


def test_month_day_without_metadata_has_no_date() -> None:
    _, dateline = _dateline("WASHINGTON, Aug 15 (Reuters) - Envoys met.")
    assert dateline is not None and dateline.date is None and dateline.date_text == "Aug 15"


def test_full_date_in_dateline() -> None:
    _, dateline = _dateline("KHARTOUM, 12 June 2023 (SUNA) - Envoys met.")
    assert dateline is not None and dateline.date == "2023-06-12"


def test_agency_without_place() -> None:
    cleaned, dateline = _dateline("(Reuters) - Envoys met in Doha.")
    assert dateline is not None and dateline.place is None and dateline.agency == "Reuters"
    assert cleaned.credits.wire == "Reuters"


@pytest.mark.parametrize(
    "text",
    [
        "BREAKING: Envoys met.",
        "HOSTAGE HORROR: TALKS FAIL",
        "TRUCE TALKS - what we know",
        "U.S. officials said talks went on.",
        "The UN said on Monday it would help.",
        "NATO: no",
    ],
)
def test_no_dateline(text: str) -> None:
    assert _dateline(text)[1] is None
