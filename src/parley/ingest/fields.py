"""Which field of a news-API record holds what: defaults, aliases and the user's map.

``--map text=body,published=date`` becomes ``{"text": "body", "published": "date"}``: the
article's ``text`` comes from the record's field ``body``. Without a map, each article
field is looked up under its own name, then under the aliases below (case-insensitive).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ARTICLE_FIELDS = ("id", "url", "outlet", "published", "title", "text", "author")
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "_id", "article_id", "guid"),
    "url": ("url", "link", "uri", "canonical_url", "web_url"),
    "outlet": ("outlet", "source", "site", "domain", "source_domain", "publisher", "source_name", "sitename"),
    "published": (
        "published",
        "date",
        "publishedat",
        "pubdate",
        "published_at",
        "date_publish",
        "datetime",
        "seendate",
    ),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "maintext", "full_text", "article_text", "body_text"),
    "author": ("author", "authors", "byline", "creator"),
}
_NAME_KEYS = ("name", "title", "domain", "id")


def _scalar(value: Any) -> Any:
    """A plain value from nested shapes: ``{"name": ...}`` dicts and lists of strings."""
    if isinstance(value, dict):
        for key in _NAME_KEYS:
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key]
        return None
    if isinstance(value, list):
        items = [str(item) for item in value if isinstance(item, str | int | float) and str(item).strip()]
        return ", ".join(items) or None
    return value


def pick_fields(record: Mapping[str, Any], field_map: Mapping[str, str]) -> dict[str, Any]:
    """The article fields found in ``record`` (missing ones are absent)."""
    lowered = {str(key).lower(): value for key, value in record.items()}
    found: dict[str, Any] = {}
    for name in ARTICLE_FIELDS:
        keys = (field_map[name],) if name in field_map else ALIASES[name]
        for key in keys:
            value = record[key] if key in record else lowered.get(key.lower())
            value = _scalar(value)
            if value is not None and str(value).strip():
                found[name] = value
                break
    return found


def leftover_meta(record: Mapping[str, Any], used: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """Other scalar fields of the record, kept as metadata."""
    taken = {key.lower() for keys in ALIASES.values() for key in keys} | {v.lower() for v in (used or {}).values()}
    return tuple(
        (str(key), str(value))
        for key, value in record.items()
        if str(key).lower() not in taken and isinstance(value, str | int | float | bool) and str(value).strip()
    )


def parse_field_map(spec: str | Mapping[str, str]) -> dict[str, str]:
    """A field map from ``"text=body,published=date"`` or a mapping; checks the names.

    Raises ``UsageError`` E500 for an unknown article field or an empty record field.
    """
    from parley.config import parse_field_map as parse_pairs
    from parley.errors import UsageError

    if isinstance(spec, str):  # the syntax is the settings' own (E502 when malformed)
        spec = dict(parse_pairs(spec))
    unknown = sorted(set(spec) - set(ARTICLE_FIELDS))
    if unknown:
        known = ", ".join(ARTICLE_FIELDS)
        raise UsageError("E500", f"unknown article field {', '.join(unknown)} in the map (known: {known})")
    empty = sorted(key for key, value in spec.items() if not str(value).strip())
    if empty:
        raise UsageError("E500", f"no record field given for {', '.join(empty)} in the map")
    return {key: str(value).strip() for key, value in spec.items()}
