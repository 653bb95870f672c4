"""What the linkers need to know about each stored article: when it appeared (date or
estimated interval), which outlet ran it, which wire it carries and which origin group
(copies of one text) it belongs to. Built once from the ``articles`` and ``origins`` rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from parley.profiles.names import name_key
from parley.records import Evidence

Row = Mapping[str, Any]
UNKNOWN_OUTLET = "(unknown outlet)"


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: str
    outlet: str  # the outlet as stored, or "(unknown outlet)"
    title: str | None
    published: str | None  # YYYY-MM-DD when known
    interval: tuple[str, str] | None  # published, or the estimated interval
    wire: str | None
    origin: str  # origin group id; the article's own id when it has no copies
    copy_kind: str  # origin | exact | near | spun | "" (no group)
    sort_date: str = "9999-12-31"  # published date, or the interval's midpoint; "9999-12-31" if none
    when: str = ""  # the publication date as shown: "2024-07-10", "~2024-07-09..08-06" or ""
    profile: str | None = None  # the conflict profile the article was read with
    wire_key: str | None = None  # the wire as an outlet key ("GWS" -> "global wire service" when known)

    @property
    def estimated(self) -> bool:
        return self.published is None and self.interval is not None

    @property
    def label(self) -> str:
        """The outlet's name, or the article id when the outlet is unknown (so two
        articles of unknown outlets are never counted as one outlet)."""
        return self.outlet if self.outlet != UNKNOWN_OUTLET else f"{self.id} (outlet unknown)"

    @property
    def source_key(self) -> str | None:
        """Who actually wrote it: the wire it carries, else the outlet (None if unknown)."""
        if self.wire_key:
            return self.wire_key
        return None if self.outlet == UNKNOWN_OUTLET else name_key(self.outlet)

    @property
    def carries_wire(self) -> bool:
        """Whether it carries another agency's copy (an agency's own story does not)."""
        return bool(self.wire_key) and self.wire_key != name_key(self.outlet)


def make_info(art_id: str, outlet: str | None, title: str | None, published: str | None,
              interval: tuple[str, str] | None, wire: str | None = None, origin: str | None = None,
              copy_kind: str = "", profile: str | None = None) -> ArticleInfo:  # fmt: skip
    """An ``ArticleInfo`` with its sort date and date label worked out once."""
    sort_date, when = "9999-12-31", ""
    if interval is not None:
        sort_date = midpoint(*interval)
        when = span_label(interval[0], interval[1], published is None)
    return ArticleInfo(art_id, (outlet or "").strip() or UNKNOWN_OUTLET, title, published, interval, wire or None,
                       origin or art_id, copy_kind, sort_date, when, profile or None)  # fmt: skip


def parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return _parse_iso(str(value)[:10])


@lru_cache(maxsize=16384)
def _parse_iso(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def iso(value: Any) -> str | None:
    day = parse_date(value)
    return day.isoformat() if day else None


def midpoint(lo: str, hi: str) -> str:
    a, b = parse_date(lo), parse_date(hi)
    if a is None or b is None:
        return lo
    return (a + (b - a) / 2).isoformat()


def shift(day: str, days: int) -> str:
    parsed = parse_date(day)
    return (parsed + dt.timedelta(days=days)).isoformat() if parsed else day


def days_between(a: str, b: str) -> int:
    da, db = parse_date(a), parse_date(b)
    return abs((db - da).days) if da and db else 10**6


def span_label(lo: str | None, hi: str | None, estimated: bool = False) -> str:
    """``2024-07-10``, ``2024-07-09..08-06`` (same year) or ``2023-12-30..2024-01-02``;
    prefixed with ``~`` when estimated from publication dates."""
    if lo is None and hi is None:
        return ""
    lo = lo or hi
    hi = hi or lo
    assert lo is not None and hi is not None
    if lo == hi:
        text = lo
    elif lo[:4] == hi[:4]:
        text = f"{lo}..{hi[5:]}"
    else:
        text = f"{lo}..{hi}"
    return f"~{text}" if estimated else text


def _interval(row: Row) -> tuple[str, str] | None:
    published = iso(row.get("published"))
    if published:
        return (published, published)
    lo, hi = iso(row.get("published_from")), iso(row.get("published_to"))
    if lo or hi:
        return (lo or hi or "", hi or lo or "")
    return None


def article_infos(articles: Iterable[Row], origins: Iterable[Row] = ()) -> dict[str, ArticleInfo]:
    """``ArticleInfo`` per article id, from ``store.rows("articles")`` and ``("origins")``."""
    groups = {str(r["article_id"]): (str(r["origin_id"]), str(r.get("kind") or "")) for r in origins}
    out: dict[str, ArticleInfo] = {}
    for row in articles:
        art_id = str(row["id"])
        origin, kind = groups.get(art_id, (art_id, ""))
        out[art_id] = make_info(art_id, row.get("outlet"), row.get("title"), iso(row.get("published")),
                                _interval(row), row.get("wire"), origin, kind, row.get("profile"))  # fmt: skip
    return _with_wire_keys(out)


def initials(name: str) -> str:
    """``"Global Wire Service"`` -> ``"gws"`` (after name normalisation)."""
    return "".join(word[0] for word in name_key(name).split() if word)


def _with_wire_keys(infos: dict[str, ArticleInfo]) -> dict[str, ArticleInfo]:
    """Resolve each wire to a stored outlet when it is that outlet's name or acronym."""
    outlets = {name_key(i.outlet) for i in infos.values() if i.outlet != UNKNOWN_OUTLET}
    acronyms: dict[str, set[str]] = {}
    for outlet in outlets:
        acronyms.setdefault(initials(outlet), set()).add(outlet)
    out = {}
    for art_id, info in infos.items():
        wire = name_key(info.wire) if info.wire else None
        if wire and wire not in outlets and len(acronyms.get(wire, ())) == 1:
            wire = next(iter(acronyms[wire]))
        out[art_id] = replace(info, wire_key=wire)
    return out


def unknown_article(article_id: str) -> ArticleInfo:
    """Stand-in for a fact whose article row is missing (a partial store)."""
    return make_info(article_id, None, None, None, None)


def evidence_of(row: Row) -> Evidence:
    """The ``Evidence`` a fact row carries."""
    return Evidence(
        article_id=str(row["article_id"]),
        start=int(row.get("span_start") or 0),
        end=int(row.get("span_end") or 0),
        sentence=str(row.get("sentence") or ""),
        sentence_index=int(row.get("sentence_index") or 0),
        text=str(row.get("evidence") or ""),
    )


def independent_count(article_ids: Iterable[str], infos: Mapping[str, ArticleInfo]) -> int:
    """How many independent sources the articles are: copies of one origin, articles of
    one outlet and articles carrying one wire agency count once (connected components)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for art_id in set(article_ids):
        info = infos.get(art_id) or unknown_article(art_id)
        keys = [f"o:{info.origin}"]
        if info.source_key:
            keys.append(f"s:{info.source_key}")
        if info.outlet != UNKNOWN_OUTLET:
            keys.append(f"n:{info.outlet.casefold()}")
        for key in keys:
            parent[find(key)] = find(f"a:{art_id}")
    return len({find(k) for k in parent if k.startswith("a:")})


def distinct(values: Sequence[str]) -> tuple[str, ...]:
    """Values in first-seen order without repeats (case-insensitive)."""
    seen: set[str] = set()
    out = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return tuple(out)
