"""The figures ledger: claimed numbers grouped into series, each point with its claimant,
its date and every report of it. Values are never averaged: when claimants disagree their
series are shown side by side.

``parley.link.figures.build_series`` (the figure linker) is used when it is installed;
until then figures are grouped by category, scope and claimant, and ordered by their
``as_of`` date, else their article's publication date (or estimated interval).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parley.link.articles import ArticleInfo, Row, distinct, evidence_of, unknown_article
from parley.profiles.names import name_key
from parley.records import Evidence

UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class Point:
    value: float | None
    value_high: float | None
    qualifier: str
    value_text: str | None
    who: str
    claimant: str
    date: str | None  # as_of, else the article's publication date (or interval midpoint)
    when: str  # the date as shown ("~" when estimated)
    outlets: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    @property
    def figure(self) -> str:
        return figure_text(self.value, self.qualifier, self.value_text, self.value_high)


@dataclass(frozen=True)
class Series:
    id: str
    category: str
    scope: str
    claimant: str
    label: str
    points: tuple[Point, ...]


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figure_text(value: float | None, qualifier: str, value_text: str | None, value_high: float | None = None) -> str:
    """``more than 38,000``, ``100-150``, ``thousands``."""
    if value is None:
        return value_text or "unstated"
    amount = number(value) + (f"-{number(value_high)}" if value_high is not None else "")
    return amount if qualifier in ("", "exact") else f"{qualifier} {amount}"


def _when(row: Row, info: ArticleInfo) -> tuple[str | None, str]:
    as_of = row.get("as_of")
    if as_of:
        return str(as_of), str(as_of)
    if info.interval is None:
        return None, ""
    return info.sort_date, info.when


def _points(rows: list[Row], infos: Mapping[str, ArticleInfo], claimant: str) -> tuple[Point, ...]:
    """One point per distinct (value, qualifier, words, date): repeated reports merge."""
    merged: dict[tuple[Any, ...], list[tuple[Row, ArticleInfo]]] = {}
    for row in rows:
        info = infos.get(str(row["article_id"])) or unknown_article(str(row["article_id"]))
        date, _ = _when(row, info)
        key = (row.get("value"), row.get("value_high"), row.get("qualifier"), row.get("value_text"), date)
        merged.setdefault(key, []).append((row, info))
    points = []
    for (value, high, qualifier, text, date), reports in merged.items():
        row, info = reports[0]
        points.append(
            Point(
                value=float(value) if value is not None else None,
                value_high=float(high) if high is not None else None,
                qualifier=str(qualifier or "exact"),
                value_text=text,
                who=str(row.get("who") or ""),
                claimant=claimant,
                date=date,
                when=_when(row, info)[1],
                outlets=distinct([i.outlet for _, i in reports]),
                evidence=tuple(evidence_of(r) for r, _ in reports),
            )
        )
    return tuple(sorted(points, key=lambda p: (p.date or "9999", p.value or 0.0)))


def group_series(figures: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> list[Series]:
    """Figures grouped by category, scope and claimant (the fallback grouping)."""
    groups: dict[tuple[str, str, str], list[Row]] = {}
    claimants: dict[str, str] = {}
    for row in figures:
        claimant = str(row.get("attributed_to") or UNATTRIBUTED)
        key = name_key(claimant) or claimant
        claimants.setdefault(key, claimant)
        groups.setdefault((str(row.get("category") or "other"), str(row.get("scope") or "unknown"), key), []).append(
            row
        )
    out = []
    for (category, scope, key), rows in sorted(groups.items()):
        claimant = claimants[key]
        label = f"{category}" + (f" ({scope})" if scope != "unknown" else "") + f", per {claimant}"
        series_id = "f-" + hashlib.sha1(f"{category}|{scope}|{key}".encode()).hexdigest()[:10]
        out.append(Series(series_id, category, scope, claimant, label, _points(rows, infos, claimant)))
    return out


def build_ledger(figures: Iterable[Row], articles: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> list[Series]:
    """The ledger's series (the fallback grouping until the figure linker lands)."""
    return group_series(figures, infos)
