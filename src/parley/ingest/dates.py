"""Publication dates from metadata, normalised to ``YYYY-MM-DD`` without guessing.

A value is read as ISO 8601, RFC 2822 (feeds, e-mail) or, failing those, with dateparser
in strict mode (day, month and year all required). All-numeric dates such as ``03/04/2024``
whose day and month could be swapped are refused rather than guessed. The date is the one
written (local date), never shifted to UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\s*$")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}


def _from_iso(value: str) -> str | None:
    text = value.strip().replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    match = _ISO_PREFIX.match(value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    return None


def _from_rfc2822(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _ambiguous_numeric(value: str) -> bool:
    match = _NUMERIC.match(value)
    if not match:
        return False
    first, second = int(match[1]), int(match[2])
    return first <= 12 and second <= 12 and first != second


def _from_dateparser(value: str) -> str | None:
    import dateparser

    try:
        parsed = dateparser.parse(value, settings=_DATEPARSER_SETTINGS)
    except (ValueError, TypeError, OverflowError, AttributeError):
        return None
    return parsed.date().isoformat() if parsed else None


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` for a date-like metadata value, or None when not certain."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    if not re.search(r"\d", value) or _ambiguous_numeric(value):
        return None
    found = _from_iso(value) or _from_rfc2822(value) or _from_dateparser(value)
    if found is None or not "1900-01-01" <= found <= "2100-12-31":
        return None
    return found
