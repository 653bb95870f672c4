"""The figures ledger: claimed numbers grouped into series (one per quantity, such as
"killed in Gaza"), each point with its claimant, its date and every report of it. Values are
never averaged: claimants that disagree stand side by side, each with its own line.

The series come from the figure linker (``parley.link.figures.build_series``) when it is
installed, else from a simple grouping by category and scope. A figure's date is its
``as_of`` date, else its article's publication date, else the midpoint of the article's
estimated publication interval (shown with ``~``), so undated articles still fall in order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parley.link.articles import ArticleInfo, Row, distinct, evidence_of, unknown_article
from parley.profiles.names import name_key
from parley.records import Evidence, Figure

UNATTRIBUTED = "unattributed"
EvKey = tuple[str, int, int, int]


@dataclass(frozen=True)
class Point:
    value: float | None
    value_high: float | None
    qualifier: str
    value_text: str | None
    who: str
    claimant: str
    date: str | None  # YYYY-MM-DD used for ordering and charts
    when: str  # the date as shown ("~" when estimated)
    outlets: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    scope: str = "unknown"
    disputed: bool = False  # another claimant gave a different value for about the same date

    @property
    def figure(self) -> str:
        return figure_text(self.value, self.qualifier, self.value_text, self.value_high)


@dataclass(frozen=True)
class Series:
    id: str
    label: str  # the quantity: "killed in Gaza", "hostages held"
    category: str
    points: tuple[Point, ...]  # by date, then claimant

    @property
    def claimants(self) -> tuple[str, ...]:
        return distinct([p.claimant for p in self.points])


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def figure_text(value: float | None, qualifier: str, value_text: str | None, value_high: float | None = None) -> str:
    """``more than 38,000``, ``100-150``, ``thousands``."""
    if value is None:
        return value_text or "unstated"
    amount = number(value) + (f"-{number(value_high)}" if value_high is not None else "")
    return amount if qualifier in ("", "exact") else f"{qualifier} {amount}"


def _series_id(label: str) -> str:
    return "f-" + hashlib.sha1(label.encode()).hexdigest()[:10]


def figure_date(row: Row, info: ArticleInfo) -> tuple[str | None, str]:
    """(date to order by, date as shown) of a figure row."""
    as_of = row.get("as_of")
    if as_of:
        return str(as_of), str(as_of)
    if info.interval is None:
        return None, ""
    return info.sort_date, info.when


def figure_of(row: Row) -> Figure:
    """The ``Figure`` record a stored figure row holds."""
    return Figure(
        value=float(row["value"]) if row.get("value") is not None else None,
        qualifier=str(row.get("qualifier") or "exact"),
        category=str(row.get("category") or "other"),
        who=str(row.get("who") or ""),
        attributed_to=row.get("attributed_to") or None,
        evidence=evidence_of(row),
        value_text=row.get("value_text") or None,
        value_high=float(row["value_high"]) if row.get("value_high") is not None else None,
        unit=row.get("unit") or None,
        as_of=row.get("as_of") or None,
        scope=str(row.get("scope") or "unknown"),
    )


def _key(ev: Evidence) -> EvKey:
    return (ev.article_id, ev.start, ev.end, ev.sentence_index)


class _Rows:
    """The stored figure rows with their articles, found again by their evidence."""

    def __init__(self, figures: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> None:
        self.items: list[tuple[Row, ArticleInfo, Figure]] = []
        self.by_evidence: dict[EvKey, tuple[Row, ArticleInfo]] = {}
        for row in figures:
            info = infos.get(str(row["article_id"])) or unknown_article(str(row["article_id"]))
            figure = figure_of(row)
            self.items.append((row, info, figure))
            self.by_evidence[_key(figure.evidence)] = (row, info)

    def point(self, figure: Figure, evidence: Sequence[Evidence], disputed: bool = False) -> Point:
        reports = [self.by_evidence[_key(ev)] for ev in evidence if _key(ev) in self.by_evidence]
        row, info = reports[0]
        date, when = figure_date(row, info)
        return Point(
            value=figure.value, value_high=figure.value_high, qualifier=figure.qualifier,
            value_text=figure.value_text, who=figure.who, claimant=figure.attributed_to or UNATTRIBUTED,
            date=date, when=when, outlets=distinct([i.label for _, i in reports]), evidence=tuple(evidence),
            scope=figure.scope, disputed=disputed,
        )  # fmt: skip


def _ordered(points: Iterable[Point]) -> tuple[Point, ...]:
    return tuple(sorted(points, key=lambda p: (p.date or "9999", name_key(p.claimant), p.value or 0.0)))


def group_series(figures: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> list[Series]:
    """The fallback grouping: one series per category and scope; one point per claimant,
    date and value, merging the reports of it."""
    rows = _Rows(figures, infos)
    groups: dict[str, dict[tuple[Any, ...], list[Figure]]] = {}
    for row, info, figure in rows.items:
        label = figure.category + (" (incident)" if figure.scope == "incident" else "")
        claimant = name_key(figure.attributed_to or "") or UNATTRIBUTED
        key = (claimant, figure_date(row, info)[0], figure.value, figure.value_text, figure.qualifier)
        groups.setdefault(label, {}).setdefault(key, []).append(figure)
    out = []
    for label, claims in sorted(groups.items()):
        points = [rows.point(figs[0], [f.evidence for f in figs]) for figs in claims.values()]
        out.append(Series(_series_id(label), label, next(iter(claims.values()))[0].category, _ordered(points)))
    return out


def linked_series(figures: Iterable[Row], infos: Mapping[str, ArticleInfo], build: Any) -> list[Series]:
    """Series from the figure linker's ``build_series`` over ``(outlet, date, Figure)``."""
    rows = _Rows(figures, infos)
    records = [(info.label, figure_date(row, info)[0], figure) for row, info, figure in rows.items]
    out = []
    for series in build(records):
        disputed = {c for group in series.disagreements for c in group}
        points = []
        for claim in series.claims:
            first = rows.by_evidence[_key(claim.evidence[0])][0]
            points.append(rows.point(figure_of(first), claim.evidence, claim in disputed))
        out.append(Series(_series_id(series.quantity), series.quantity, series.category, _ordered(points)))
    return out


def build_ledger(figures: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> list[Series]:
    """The ledger's series: the figure linker's when installed, else ``group_series``."""
    try:
        from parley.link.figures import build_series
    except ImportError:
        return group_series(figures, infos)
    return linked_series(figures, infos, build_series)
