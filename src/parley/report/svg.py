"""Inline SVG charts for the HTML report: the timeline of rounds (one lane per venue), the
venue map (equirectangular) and the figure series (step lines, one per claimant).

Every mark that stands for a fact carries ``data-target`` (the id of the fact's entry in
the page, which the page script opens) and a ``<title>`` tooltip. Charts are built from the
rows of the report views, so they show exactly what the tables and JSON show.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from html import escape
from typing import Any

from parley.report.venues import VenuePoint

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
WIDTH = 900
NARROW_DAYS = 120
NO_VENUE = "(no venue)"


def _attr(value: Any) -> str:
    return escape(str(value), quote=True)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class TimeScale:
    """Days to x positions between ``x0`` and ``x1``, with month (or week) ticks."""

    def __init__(self, lo: dt.date, hi: dt.date, x0: float, x1: float) -> None:
        if hi <= lo:
            lo, hi = lo - dt.timedelta(days=3), hi + dt.timedelta(days=3)
        self.lo, self.hi, self.x0, self.x1 = lo, hi, x0, x1

    def x(self, day: dt.date) -> float:
        span = (self.hi - self.lo).days or 1
        return round(self.x0 + (day - self.lo).days / span * (self.x1 - self.x0), 1)

    def ticks(self) -> list[tuple[float, str]]:
        span = (self.hi - self.lo).days
        if span <= 45:
            days = [self.lo + dt.timedelta(days=d) for d in range(0, span + 1, 7)]
            return [(self.x(d), f"{d.day} {calendar.month_abbr[d.month]}") for d in days]
        step = max(1, math.ceil(span / 30 / 12))
        out, day = [], dt.date(self.lo.year, self.lo.month, 1)
        while day <= self.hi:
            if day >= self.lo and (day.month - 1) % step == 0:
                out.append((self.x(day), f"{calendar.month_abbr[day.month]} {day.year}"))
            day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return out


def _axis(scale: TimeScale, top: float, bottom: float) -> list[str]:
    parts = [f'<line class="axis" x1="{scale.x0}" y1="{bottom}" x2="{scale.x1}" y2="{bottom}"/>']
    for x, label in scale.ticks():
        parts.append(f'<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>')
        parts.append(f'<text class="tick" x="{x}" y="{bottom + 14}" text-anchor="middle">{escape(label)}</text>')
    return parts


# --------------------------------------------------------------------------- timeline


def _domain(rows: Sequence[dict[str, Any]]) -> tuple[dt.date, dt.date]:
    """The time axis: the span of the rounds dated to within ``NARROW_DAYS`` (vaguer
    estimates are clipped to it), else of all rounds."""
    spans = [(lo, hi) for r in rows if (lo := _day(r["date_from"])) and (hi := _day(r["date_to"]))]
    narrow = [s for s in spans if (s[1] - s[0]).days <= NARROW_DAYS] or spans
    return min(s[0] for s in narrow), max(s[1] for s in narrow)


def _round_mark(row: dict[str, Any], scale: TimeScale, y: float) -> str:
    lo, hi = _day(row["date_from"]), _day(row["date_to"])
    assert lo and hi
    lo, hi = max(lo, scale.lo), min(hi, scale.hi)
    if lo > hi:  # a vague estimate entirely outside the axis: pin it to the nearer end
        lo = hi = scale.lo if hi < scale.lo else scale.hi
    x1, x2 = scale.x(lo), scale.x(hi)
    parties = ", ".join(row["participants"]) or "parties unnamed"
    tip = f"{row['when']} · {row['kind']} in {row['venue'] or '?'} · {parties} · {len(row['outlets'])} outlet(s)"
    cls = "round est" if row["estimated"] else "round"
    cls += " conflict" if row["notes"] else ""
    width = max(x2 - x1, 7.0)
    return (
        f'<rect class="{cls}" data-target="{_attr(row["id"])}" x="{x1 - (3.5 if x2 - x1 < 7 else 0)}" y="{y - 6}" '
        f'width="{width}" height="12" rx="3"><title>{escape(tip)}</title></rect>'
    )


def timeline_svg(rows: Sequence[dict[str, Any]]) -> str:
    """Rounds as marks on a time axis, one lane per venue (first-seen order)."""
    dated = [r for r in rows if _day(r["date_from"]) and _day(r["date_to"])]
    if not dated:
        return '<p class="empty">No dated rounds to chart.</p>'
    lanes = list(dict.fromkeys(r["venue"] or NO_VENUE for r in dated))
    lanes.sort(key=lambda lane: lane == NO_VENUE)
    left, lane_h = 130, 26
    height = 30 + lane_h * len(lanes) + 24
    scale = TimeScale(*_domain(dated), left, WIDTH - 20)
    bottom = height - 24
    parts = _axis(scale, 10, bottom)
    for i, lane in enumerate(lanes):
        y = 30 + i * lane_h
        parts.append(f'<text class="lane" x="{left - 8}" y="{y + 4}" text-anchor="end">{escape(lane)}</text>')
        parts.append(f'<line class="laneline" x1="{left}" y1="{y}" x2="{WIDTH - 20}" y2="{y}"/>')
        parts.extend(_round_mark(r, scale, y) for r in dated if (r["venue"] or NO_VENUE) == lane)
    return (
        f'<svg id="timeline-chart" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="Timeline of rounds by venue">{"".join(parts)}</svg>'
    )


# --------------------------------------------------------------------------- map


def _bounds(points: Sequence[VenuePoint]) -> tuple[float, float, float, float]:
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    pad = 4.0
    lat0, lat1 = min(lats) - pad, max(lats) + pad
    lon0, lon1 = min(lons) - pad, max(lons) + pad
    if lon1 - lon0 < 2 * (lat1 - lat0):  # keep a wide frame
        mid, half = (lon0 + lon1) / 2, (lat1 - lat0)
        lon0, lon1 = mid - half, mid + half
    return max(lat0, -90.0), min(lat1, 90.0), max(lon0, -180.0), min(lon1, 180.0)


def map_svg(points: Sequence[VenuePoint]) -> str:
    """Venues on an equirectangular grid; circle area grows with the number of rounds."""
    if not points:
        return '<p class="empty">No venue could be placed on the map.</p>'
    lat0, lat1, lon0, lon1 = _bounds(points)
    width, height = WIDTH, 420
    sx, sy = (width - 40) / (lon1 - lon0), (height - 40) / (lat1 - lat0)
    scale = min(sx, sy)
    ox = 20 + ((width - 40) - scale * (lon1 - lon0)) / 2
    oy = 20 + ((height - 40) - scale * (lat1 - lat0)) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round(ox + (lon - lon0) * scale, 1), round(oy + (lat1 - lat) * scale, 1)

    parts = []
    step = 5 if max(lat1 - lat0, lon1 - lon0) <= 40 else 10
    for lon in range(math.ceil(lon0 / step) * step, math.floor(lon1) + 1, step):
        (x, y0), (_, y1) = xy(lat1, lon), xy(lat0, lon)
        parts.append(f'<line class="grid" x1="{x}" y1="{y0}" x2="{x}" y2="{y1}"/>')
        parts.append(f'<text class="tick" x="{x}" y="{y1 + 12}" text-anchor="middle">{lon}°</text>')
    for lat in range(math.ceil(lat0 / step) * step, math.floor(lat1) + 1, step):
        (x0, y), (x1, _) = xy(lat, lon0), xy(lat, lon1)
        parts.append(f'<line class="grid" x1="{x0}" y1="{y}" x2="{x1}" y2="{y}"/>')
        parts.append(f'<text class="tick" x="{x0 - 3}" y="{y + 3}" text-anchor="end">{lat}°</text>')
    for p in points:
        x, y = xy(p.lat, p.lon)
        r = round(5 + 3 * math.sqrt(len(p.rounds)), 1)
        tip = f"{p.venue}: {len(p.rounds)} round(s)"
        parts.append(
            f'<g class="venue" data-target="{_attr(p.rounds[0])}"><circle cx="{x}" cy="{y}" r="{r}"/>'
            f'<text x="{x + r + 3}" y="{y + 4}">{escape(p.venue)}</text><title>{escape(tip)}</title></g>'
        )
    return (
        f'<svg id="venue-map" class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Map of venues">{"".join(parts)}</svg>'
    )


# --------------------------------------------------------------------------- figure series


def _value_scale(values: list[float], top: float, bottom: float) -> tuple[float, Any]:
    vmax = max(values) * 1.1 or 1.0

    def y(v: float) -> float:
        return round(bottom - v / vmax * (bottom - top), 1)

    return vmax, y


def _series_path(points: list[tuple[float, float]]) -> str:
    path = f"M{points[0][0]},{points[0][1]}"
    for (x0, _), (x1, y1) in zip(points, points[1:], strict=False):
        path += f" H{x1} V{y1}" if x1 != x0 else f" V{y1}"
    return path


def series_svg(chart_id: str, rows: Sequence[dict[str, Any]]) -> str:
    """One chart: the ledger rows of one series, a step line and dots per claimant."""
    plotted = [r for r in rows if r["value"] is not None and _day(r["date"])]
    if len(plotted) < 2:  # one dated value is a list entry, not a series
        return ""
    series = list(dict.fromkeys(r["claimant"] for r in plotted))
    left, top, bottom, right = 70, 16, 200, WIDTH - 250
    days = [d for r in plotted if (d := _day(r["date"]))]
    scale = TimeScale(min(days), max(days), left, right)
    vmax, y = _value_scale([float(r["value_high"] or r["value"]) for r in plotted], top, bottom)
    parts = _axis(scale, top, bottom)
    for frac in (0.0, 0.5, 1.0):
        v = vmax / 1.1 * frac
        parts.append(f'<text class="tick" x="{left - 6}" y="{y(v) + 4}" text-anchor="end">{v:,.0f}</text>')
    for i, sid in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        mine = sorted((r for r in plotted if r["claimant"] == sid), key=lambda r: r["date"])
        xy = [(scale.x(_day(r["date"]) or scale.lo), y(float(r["value"]))) for r in mine]
        parts.append(f'<path class="series" d="{_series_path(xy)}" stroke="{color}"/>')
        for r, (px, py) in zip(mine, xy, strict=True):
            tip = f"{r['figure']} {r['who']} · per {r['claimant']} · {r['when']} · {', '.join(r['outlets'])}"
            parts.append(
                f'<circle class="point" data-target="{_attr(r["id"])}" cx="{px}" cy="{py}" r="4.5" '
                f'fill="{color}"><title>{escape(tip)}</title></circle>'
            )
        parts.append(
            f'<text class="legend" x="{right + 24}" y="{top + 14 * i + 8}" fill="{color}">'
            f"{escape(mine[0]['claimant'])}</text>"
        )
    return (
        f'<svg id="{_attr(chart_id)}" class="chart series-chart" viewBox="0 0 {WIDTH} {bottom + 24}" role="img" '
        f'aria-label="Figure series">{"".join(parts)}</svg>'
    )
