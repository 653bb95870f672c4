"""Rounds: meetings reported by different articles that are the same encounter become one
timeline entry (``records.Round``), with all their evidence and the number of independent
outlets that carried it.

Two reports are the same round when they name the same venue, their dates overlap and
their parties overlap (or one names none). A report's dates are, in order of preference:
its resolved date, its date range, or the interval in which its article was published
(estimated, widened by a week backwards for a held meeting and forwards for a planned one,
because "on Tuesday" may lie up to a week from the publication date). A range wider than a
week is an estimate too (the extractor placed a weekday within a publication interval). Two
estimated reports that both name a weekday must name the same one. Two meetings of one article are never
merged: the extractor already kept them apart.

Disagreements are kept visible as ``conflicts`` notes: reports of one round with different
dates, and rounds with different venues that look like the same encounter (same kind, the
same day, two or more shared parties).
"""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from parley.link.articles import (
    ArticleInfo,
    Row,
    days_between,
    distinct,
    evidence_of,
    independent_count,
    iso,
    shift,
    span_label,
    unknown_article,
)
from parley.profiles.names import name_key
from parley.records import Evidence, Round

NEAR_DAYS = 3  # precise dates this close can be one round (multi-day talks, or a disagreement)
WEEK = 7
CLUSTER_SAMPLE = 24  # a report is compared with a round's latest reports only
_WEEKDAYS = {name.casefold() for name in calendar.day_name}
_STATUS_RANK = {"held": 0, "ongoing": 1, "planned": 2}


@dataclass(frozen=True)
class Report:
    """One stored meeting row, in its article's context."""

    key: tuple[str, int]  # (article_id, idx)
    article: ArticleInfo
    kind: str
    venue: str | None
    status: str
    date_text: str | None
    lo: str | None
    hi: str | None
    basis: str  # date | range | estimated (a range wider than a week) | published | none
    participants: tuple[str, ...]
    people: tuple[str, ...]
    evidence: Evidence

    venue_key: str = ""  # name_key of the venue ("" when none)
    parties: frozenset[str] = frozenset()  # name keys of participants and people
    weekday: str | None = None  # weekday named in date_text

    @property
    def precise(self) -> bool:
        return self.basis in ("date", "range")


def _weekday(date_text: str | None) -> str | None:
    words = (date_text or "").casefold().replace(",", " ").split()
    return next((w for w in words if w in _WEEKDAYS), None)


@dataclass(frozen=True)
class LinkedRound:
    """A ``Round`` with what the views need besides: whether its dates are estimated from
    publication intervals, the date words of its reports and the meeting rows it merges."""

    round: Round
    estimated: bool
    date_text: tuple[str, ...]
    members: tuple[tuple[str, int], ...]
    articles: tuple[str, ...] = field(default=())

    @property
    def when(self) -> str:
        label = span_label(self.round.date_from, self.round.date_to, self.estimated)
        return label or "; ".join(self.date_text) or "undated"


def _dates(row: Row, article: ArticleInfo) -> tuple[str | None, str | None, str]:
    date, lo, hi = iso(row.get("date")), iso(row.get("date_from")), iso(row.get("date_to"))
    if date:
        return date, date, "date"
    if lo or hi:
        lo, hi = lo or hi, hi or lo
        wide = days_between(lo or "", hi or "") > WEEK  # "on Tuesday" placed within a publication interval
        return lo, hi, "estimated" if wide else "range"
    if article.interval is None:
        return None, None, "none"
    start, end = article.interval
    status = str(row.get("status") or "")
    if status != "planned":
        start = shift(start, -WEEK)
    if status != "held":
        end = shift(end, WEEK)
    return start, end, "published"


def report_of(row: Row, infos: Mapping[str, ArticleInfo]) -> Report:
    article = infos.get(str(row["article_id"])) or unknown_article(str(row["article_id"]))
    lo, hi, basis = _dates(row, article)
    participants, people = tuple(row.get("participants") or ()), tuple(row.get("people") or ())
    date_text = row.get("date_text") or None
    return Report(
        key=(str(row["article_id"]), int(row.get("idx") or 0)),
        article=article,
        kind=str(row.get("kind") or "meeting"),
        venue=(row.get("venue") or None),
        status=str(row.get("status") or "held"),
        date_text=date_text,
        lo=lo,
        hi=hi,
        basis=basis,
        participants=participants,
        people=people,
        evidence=evidence_of(row),
        venue_key=name_key(row["venue"]) if row.get("venue") else "",
        parties=frozenset(name_key(p) for p in (*participants, *people) if p),
        weekday=_weekday(date_text),
    )


# --------------------------------------------------------------------------- matching


def _gap(a: Report, b: Report) -> int:
    """Days between two reports' intervals (0 when they overlap)."""
    assert a.lo and a.hi and b.lo and b.hi
    if a.hi < b.lo:
        return days_between(a.hi, b.lo)
    if b.hi < a.lo:
        return days_between(b.hi, a.lo)
    return 0


def _dates_match(a: Report, b: Report) -> bool:
    if a.lo is None or b.lo is None:
        return a.lo is None and b.lo is None and (a.date_text or "").casefold() == (b.date_text or "").casefold()
    if a.precise and b.precise:
        return _gap(a, b) <= NEAR_DAYS
    if a.weekday and b.weekday and a.weekday != b.weekday and not (a.precise or b.precise):
        return False
    return _gap(a, b) == 0


def same_round(a: Report, b: Report) -> bool:
    """Whether two reports (of different articles) describe one encounter."""
    if a.key[0] == b.key[0]:
        return False
    if a.venue_key != b.venue_key:
        return False
    if not a.venue_key and not (a.basis == b.basis == "date" and a.lo == b.lo and a.kind == b.kind):
        return False
    shared = a.parties & b.parties
    if not shared and a.parties and b.parties:
        return False
    if not a.venue_key and len(shared) < 2:
        return False
    return _dates_match(a, b)


def _score(a: Report, b: Report) -> int:
    score = len(a.parties & b.parties) + (a.kind == b.kind)
    score += 2 * bool(a.weekday and a.weekday == b.weekday)
    score += 3 * bool(a.precise and b.precise and a.lo == b.lo)
    return score


@dataclass
class _Cluster:
    reports: list[Report]
    articles: set[str]
    end: str  # the latest end date of its reports ("9999" when undated)

    def add(self, rep: Report) -> None:
        self.reports.append(rep)
        self.articles.add(rep.key[0])
        self.end = max(self.end, rep.hi or "9999")


def _best_cluster(rep: Report, clusters: list[_Cluster]) -> _Cluster | None:
    best, best_score = None, -1
    for cluster in clusters:
        if rep.key[0] in cluster.articles:
            continue
        scores = [_score(rep, m) for m in cluster.reports[-CLUSTER_SAMPLE:] if same_round(rep, m)]
        if scores and max(scores) > best_score:
            best, best_score = cluster, max(scores)
    return best


def _cluster(reports: list[Report]) -> list[list[Report]]:
    """Greedy: each report (in date order) joins the best-matching cluster that holds no
    report of its own article, else starts one. Clusters that ended well before the
    current report's interval starts are retired (they cannot match any more)."""
    done: list[_Cluster] = []
    active: list[_Cluster] = []
    for rep in sorted(reports, key=lambda r: (r.lo or "9999", r.hi or "9999", r.key)):
        if rep.lo:
            horizon = shift(rep.lo, -NEAR_DAYS - 1)
            done.extend(c for c in active if c.end < horizon)
            active = [c for c in active if c.end >= horizon]
        best = _best_cluster(rep, active)
        if best is None:
            active.append(_Cluster([rep], {rep.key[0]}, rep.hi or "9999"))
        else:
            best.add(rep)
    return [c.reports for c in done + active]


# --------------------------------------------------------------------------- building


def _ranked(values: Iterable[str]) -> tuple[str, ...]:
    """Names by how many reports give them, then first seen; one spelling per name (the
    first one seen)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for value in values:
        if value:
            key = name_key(value) or value.casefold()
            counts[key] += 1
            spelling.setdefault(key, value)
    order = list(spelling)
    return tuple(spelling[k] for k in sorted(order, key=lambda k: (-counts[k], order.index(k))))


def _span(members: list[Report]) -> tuple[str | None, str | None, bool]:
    precise = [m for m in members if m.precise]
    if precise:
        return min(m.lo for m in precise if m.lo), max(m.hi for m in precise if m.hi), False
    dated = [m for m in members if m.lo and m.hi]
    if not dated:
        return None, None, False
    lo, hi = max(m.lo for m in dated if m.lo), min(m.hi for m in dated if m.hi)
    if lo > hi:  # pairwise overlaps without a common day: keep the union
        lo, hi = min(m.lo for m in dated if m.lo), max(m.hi for m in dated if m.hi)
    return lo, hi, True


def _date_conflicts(members: list[Report]) -> list[str]:
    by_date: dict[str, list[str]] = {}
    for m in members:
        if m.basis == "date" and m.lo:
            by_date.setdefault(m.lo, []).append(m.article.label)
    if len(by_date) < 2:
        return []
    parts = [f"{day} ({', '.join(distinct(outlets))})" for day, outlets in sorted(by_date.items())]
    return ["reports differ on the date: " + "; ".join(parts)]


def _round_id(members: list[Report]) -> str:
    keys = "|".join(f"{a}#{i}" for a, i in sorted(m.key for m in members))
    return "r-" + hashlib.sha1(keys.encode()).hexdigest()[:10]


def build_round(members: list[Report], infos: Mapping[str, ArticleInfo]) -> LinkedRound:
    """One ``LinkedRound`` from the reports of one cluster."""
    members = sorted(members, key=lambda m: (m.article.sort_date, m.key))
    lo, hi, estimated = _span(members)
    kinds = Counter(m.kind for m in members)
    articles = distinct([m.key[0] for m in members])
    rnd = Round(
        id=_round_id(members),
        kind=max(kinds, key=lambda k: (kinds[k], k == "talks")),
        venue=next(iter(_ranked(m.venue for m in members if m.venue)), None),
        date_from=lo,
        date_to=hi,
        participants=_ranked(p for m in members for p in m.participants),
        people=_ranked(p for m in members for p in m.people),
        status=min((m.status for m in members), key=lambda s: _STATUS_RANK.get(s, 3)),
        outlets=distinct([m.article.label for m in members]),
        independent_outlets=independent_count(articles, infos),
        evidence=tuple(m.evidence for m in members),
        conflicts=tuple(_date_conflicts(members)),
    )
    date_text = distinct([m.date_text for m in members if m.date_text])
    return LinkedRound(rnd, estimated, date_text, tuple(m.key for m in members), articles)


# --------------------------------------------------------------------------- conflicts across rounds


def _venue_rivals(a: LinkedRound, b: LinkedRound) -> bool:
    ra, rb = a.round, b.round
    if a.estimated or b.estimated or not (ra.venue and rb.venue) or name_key(ra.venue) == name_key(rb.venue):
        return False
    if ra.kind != rb.kind or not (ra.date_from and ra.date_to and rb.date_from and rb.date_to):
        return False
    if ra.date_to < rb.date_from or rb.date_to < ra.date_from or set(a.articles) & set(b.articles):
        return False
    shared = {name_key(p) for p in ra.participants} & {name_key(p) for p in rb.participants}
    return len(shared) >= 2


def _with_venue_conflicts(rounds: list[LinkedRound]) -> list[LinkedRound]:
    notes: dict[str, list[str]] = {lr.round.id: [] for lr in rounds}
    dated = sorted((lr for lr in rounds if lr.round.date_from and not lr.estimated), key=timeline_key)
    for i, a in enumerate(dated):
        for b in dated[i + 1 :]:
            if (b.round.date_from or "") > (a.round.date_to or ""):
                break
            if _venue_rivals(a, b):
                notes[a.round.id].append(f"other reports place it in {b.round.venue} ({', '.join(b.round.outlets)})")
                notes[b.round.id].append(f"other reports place it in {a.round.venue} ({', '.join(a.round.outlets)})")
    return [
        replace(lr, round=replace(lr.round, conflicts=(*lr.round.conflicts, *notes[lr.round.id])))
        if notes[lr.round.id]
        else lr
        for lr in rounds
    ]


def timeline_key(lr: LinkedRound) -> tuple[Any, ...]:
    """Dated rounds by date (estimated ones by their interval), undated ones last."""
    r = lr.round
    return (r.date_from is None, r.date_from or "", r.date_to or "", r.venue or "", r.id)


def link_rounds(meetings: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> list[LinkedRound]:
    """The timeline: ``store.rows("meetings")`` merged into rounds, sorted by date."""
    reports = [report_of(row, infos) for row in meetings]
    by_venue: dict[str, list[Report]] = {}
    for rep in reports:
        by_venue.setdefault(rep.venue_key, []).append(rep)
    clusters = [c for group in by_venue.values() for c in _cluster(group)]
    rounds = [build_round(c, infos) for c in clusters]
    rounds.sort(key=timeline_key)
    return _with_venue_conflicts(rounds)
