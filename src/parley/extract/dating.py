"""Publication dating: the article's date, or the tightest interval its text implies.

Extractor ``dating.v1`` provides ``published`` (a one-tuple of ``PublicationDate``) and
``times`` (every ``TimeExpr``, resolved against the publication date when known, else against
the interval). Metadata wins (``article.published``, then a dated dateline). Otherwise each clue
becomes a ``Constraint`` (a date range, a filter on days, or both) with a strength:

- a dateline without a year ("CAIRO, Aug 15") fixes the day (or the day after) of any year;
- explicit dates with a year: the article is after a past one and before a future one;
- a title held over a date range ("CIA Director William Burns") or a "former" title;
- the conflict's age against the profile's start ("the nine-month-old war", "enters its fifth
  month", "more than 10 months of war");
- a posthumous reference to someone who died (after the death), a living one (before it);
- year-less dates ("in May", "since October 7"), read against the interval found so far;
- weekdays with tense: when a past and a future weekday are both mentioned they lie within one
  week, which leaves only some weekdays for the publication day.

Constraints are intersected strongest first; one that would empty the intersection is dropped
(and said so in the reasons). The interval is then trimmed to its first and last admissible day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.extract.time import (
    Anchor,
    Found,
    Lexicon,
    Resolver,
    add_units,
    age_units,
    find_candidates,
    find_expressions,
    find_times,
    is_absolute,
    lexicon,
    resolve_found,
)
from parley.records import Document, PublicationDate

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
STRENGTH = {
    "dateline": 100,
    "explicit": 90,
    "role": 80,
    "age": 70,
    "death_after": 65,
    "yearless": 60,
    "toll": 60,
    "conflict_start": 55,
    "weekdays": 50,
    "age_short": 45,
    "death_living": 40,
}
DATE_OPS = ("date", "date_range", "month", "year", "holiday")


@dataclass(frozen=True)
class Constraint:
    """The publication date lies in ``[lo, hi]`` (None = open) and passes ``keep``."""

    lo: date | None
    hi: date | None
    strength: int
    reason: str
    keep: Callable[[date], bool] | None = None
    news: bool = False  # the lower bound is a dated news event (the article follows it closely)


@dataclass
class Window:
    lo: date | None = None
    hi: date | None = None
    keeps: list[Callable[[date], bool]] = field(default_factory=list)
    lo_from: Constraint | None = None
    reasons: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- combining


def _admissible(lo: date | None, hi: date | None, keeps: Sequence[Callable[[date], bool]]) -> bool:
    if lo is not None and hi is not None and lo > hi:
        return False
    if lo is None or hi is None or not keeps or (hi - lo).days > 800:
        return True
    return first_admissible(lo, hi, keeps) is not None


def first_admissible(lo: date, hi: date, keeps: Sequence[Callable[[date], bool]], step: int = 1) -> date | None:
    """The first (``step`` 1) or last (``step`` -1) day of ``[lo, hi]`` that every filter keeps."""
    day, stop = (lo, hi) if step > 0 else (hi, lo)
    for _ in range((hi - lo).days + 1):
        if all(keep(day) for keep in keeps):
            return day
        if day == stop:
            break
        day += timedelta(days=step)
    return None


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def combine(constraints: Iterable[Constraint]) -> Window:
    """Intersect constraints strongest first, dropping any that would empty the result."""
    win = Window()
    unique: dict[str, Constraint] = {}
    for c in constraints:  # one per reason, in text order (the first wins a tie)
        unique.setdefault(c.reason, c)
    for c in sorted(unique.values(), key=lambda c: -c.strength):
        lo, hi = _max(win.lo, c.lo), _min(win.hi, c.hi)
        keeps = [*win.keeps, c.keep] if c.keep else win.keeps
        if not _admissible(lo, hi, keeps):
            win.reasons.append(f"dropped (contradicts stronger clues): {c.reason}")
            continue
        if lo != win.lo:
            win.lo_from = c
        win.lo, win.hi, win.keeps = lo, hi, keeps
        win.reasons.append(c.reason)
    return win


def _close(win: Window, settings: dict[str, Any], today: date) -> tuple[date, date] | None:
    """The final interval: open ends closed (a dated news event is followed closely, else the
    article is before ``today``), then trimmed to its first and last admissible day."""
    lo, hi = win.lo, win.hi
    if lo is not None and hi is None:
        if win.lo_from is not None and win.lo_from.news:
            days = int(settings.get("recency_window_days", 31))
            hi = min(lo + timedelta(days=days), max(today, lo))
            win.reasons.append(f"no upper bound in the text: assumed within {days} days of the news of {lo}")
        else:
            hi = max(today, lo)
            win.reasons.append(f"no upper bound in the text: before today ({today})")
    elif hi is not None and lo is None:
        lo = hi - timedelta(days=int(settings.get("fallback_window_days", 365)))
        win.reasons.append(f"no lower bound in the text: assumed within a year before {hi}")
    if lo is None or hi is None:
        return None
    first = first_admissible(lo, hi, win.keeps)
    last = first_admissible(lo, hi, win.keeps, step=-1)
    return (first, last) if first and last else (lo, hi)


# --------------------------------------------------------------------------- clues


def _span(f: Found, anchor: Anchor, res: Resolver) -> tuple[date, date] | None:
    return resolve_found(f, anchor, res)


def date_constraints(cands: Sequence[Found], anchor: Anchor, res: Resolver, absolute: bool) -> list[Constraint]:
    """Past dates bound the start, future dates the end (absolute ones, or year-less ones read
    against ``anchor``)."""
    out: list[Constraint] = []
    for f in cands:
        if f.rule.op not in DATE_OPS or is_absolute(f) != absolute or f.tense not in ("past", "future"):
            continue
        span = _span(f, None if absolute else anchor, res)
        if span is None:
            continue
        strength = STRENGTH["explicit" if absolute else "yearless"]
        if f.tense == "past":
            news = span[0] == span[1] and not f.background
            out.append(Constraint(span[0], None, strength, f"'{f.text}' is past: on or after {span[0]}", news=news))
        else:
            out.append(Constraint(None, span[1], strength, f"'{f.text}' is ahead: on or before {span[1]}"))
    return out


def age_constraints(cands: Sequence[Found], start: date | None, lex: Lexicon) -> list[Constraint]:
    """The conflict's age ("nine-month-old war") against the profile's start date."""
    if start is None:
        return []
    out: list[Constraint] = []
    for f in cands:
        units = age_units(f, lex) if f.rule.kind == "age" else None
        if units is None:
            continue
        slack = timedelta(days=int(lex.dating.get("age_slack_days", 3)))
        lo, hi = add_units(start, units[0], units[2], lex) - slack, add_units(start, units[1], units[2], lex) + slack
        if lo > date.today():
            continue  # not this conflict ("the 50th anniversary of the war")
        reason = f"'{f.text}': {units[0]:g}-{units[1]:g} {units[2]}s after the conflict began ({start}): {lo}..{hi}"
        short = (hi - start).days < int(lex.dating.get("short_age_days", 60))
        weak = short or bool(lex.weak_conflict_re.search(f.text))
        out.append(Constraint(lo, hi, STRENGTH["age_short" if weak else "age"], reason))
    return out


def weekday_constraint(cands: Sequence[Found], lex: Lexicon) -> list[Constraint]:
    """A past and a future weekday lie within one week: only some publication weekdays fit."""
    reach = int(lex.dating.get("weekday_reach_days", 6))
    past: set[int] = set()
    future: set[int] = set()
    for f in cands:
        if f.rule.op != "weekday" or f.groups.get("mod"):
            continue
        day = lex.weekdays[(f.groups["wd"] or "").lower()]
        if f.tense == "past":
            past.add(day)
        elif f.tense in ("future", "present"):
            future.add(day)
    if not past or not future:
        return []
    allowed = frozenset(
        d for d in range(7) if max((d - w) % 7 for w in past) + max((w - d) % 7 for w in future) <= reach
    )
    names = lambda days: ", ".join(WEEKDAY_NAMES[d] for d in sorted(days))  # noqa: E731
    reason = f"past {names(past)} and coming {names(future)} within a week: published on {names(allowed) or 'no day'}"
    return [Constraint(None, None, STRENGTH["weekdays"], reason, keep=lambda d: d.weekday() in allowed)]


def _month_day_filter(month: int, day: int) -> Callable[[date], bool]:
    """Keeps that day of any year, and the day after (a dateline may be a day behind)."""

    def keep(d: date) -> bool:
        before = d - timedelta(days=1)
        return (d.month, d.day) == (month, day) or (before.month, before.day) == (month, day)

    return keep


def dateline_constraint(doc: Document) -> list[Constraint]:
    """A dateline with a day but no year ("CAIRO, Aug 15 (Reuters)"): that day or the next."""
    line = doc.cleaned.dateline
    if line is None or not line.date_text or line.date:
        return []
    lex = lexicon()
    reason = f"dateline '{line.date_text}'"
    for f in find_expressions(line.date_text, lex=lex):
        month = lex.months.get((f.groups.get("mon") or "").lower().rstrip("."))
        day = re.match(r"\d+", f.groups.get("day") or "")
        keep: Callable[[date], bool] | None = None
        if f.rule.op == "date" and f.groups.get("year"):
            span = resolve_found(f, None, Resolver(lex))
            if span:
                return [Constraint(span[0], span[0] + timedelta(days=1), STRENGTH["dateline"], reason)]
        if f.rule.op == "date" and month and day:
            keep = _month_day_filter(month, int(day.group(0)))
        elif f.rule.op == "weekday" and not f.groups.get("mod"):
            keep = _weekday_filter(lex.weekdays[(f.groups["wd"] or "").lower()])
        if keep is not None:
            return [Constraint(None, None, STRENGTH["dateline"], reason, keep=keep)]
    return []


def _weekday_filter(weekday: int) -> Callable[[date], bool]:
    return lambda d: d.weekday() == weekday


# --------------------------------------------------------------------------- profile clues


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    alts = sorted({n for n in names if n and len(n) > 2}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in alts) + r")\b")


def _context(doc: Document, start: int, end: int, width: int = 80) -> tuple[str, str]:
    sent = doc.sentence_at(start)
    return doc.text[max(sent.start, start - width) : start], doc.text[end : min(sent.end, end + width)]


def _role_clue(before: str, after: str, title: str, former: str) -> str | None:
    """"current" or "former" when ``title`` is attached to the name, else None."""
    t = re.escape(title).replace(r"\ ", r"\s+")
    m = re.search(rf"(?i:\b{t})\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}$", before)
    if m is None:
        m2 = re.match(rf"^,\s+(?:the\s+|a\s+)?(?:(?i:{former})\s*)?(?:[\w.'’-]+\s+){{0,2}}?(?i:{t})\b", after)
        if m2 is None or re.search(r"(?i:\b(?:vice|deputy|assistant|under)[\s-]+)\S+$", m2.group(0)[: -len(title)]):
            return None
        return "former" if re.search(rf"(?i:{former})", m2.group(0)) else "current"
    lead = before[: m.start()]
    if re.search(r"(?i:\b(?:vice|deputy|assistant|under))[\s-]*$", lead):
        return None  # "Vice President ..." is not "President ..."
    return "former" if re.search(rf"(?i:(?:{former}))\s*(?:[A-Z][\w'’-]*\s+){{0,2}}$", lead) else "current"


def dated_actors(profile: Any) -> list[Any]:
    """The profile's actors, then the general office holders the profile does not list."""
    from parley.profiles.lexicons import officeholders

    own = list(getattr(profile, "actors", ()))
    names = {a.canonical for a in own}
    return own + [a for a in officeholders() if a.canonical not in names]


def role_constraints(doc: Document, profile: Any) -> list[Constraint]:
    """Titles held over a date range: "CIA Director William Burns" dates the article."""
    former = "|".join(re.escape(w) for w in lexicon().dating.get("former_words", ["former"]))
    out: list[Constraint] = []
    for actor in dated_actors(profile):
        roles = [r for r in actor.roles if r.start or r.end]
        pattern = _name_pattern([actor.canonical, *actor.aliases]) if roles else None
        for m in pattern.finditer(doc.text) if pattern else ():
            before, after = _context(doc, m.start(), m.end())
            for role in roles:
                clue = _role_clue(before, after, role.title, former)
                if clue == "current":
                    lo, hi = _iso_date(role.start), _iso_date(role.end)
                    reason = f"{actor.canonical} named as {role.title} ({role.start or '?'}..{role.end or 'now'})"
                    out.append(Constraint(lo, hi, STRENGTH["role"], reason))
                elif clue == "former" and role.end:
                    reason = f"{actor.canonical} named as former {role.title} (left {role.end})"
                    out.append(Constraint(_iso_date(role.end), None, STRENGTH["role"], reason))
    return out


def death_constraints(doc: Document, profile: Any) -> list[Constraint]:
    """A posthumous reference dates the article after a death; a living one, before it."""
    words = lexicon().dating.get("death_words", [])
    death_re = re.compile(r"(?i:\b(?:" + "|".join(re.escape(w) for w in words) + r")\b)")
    out: list[Constraint] = []
    for actor in getattr(profile, "actors", ()):
        died = _iso_date(actor.died)
        pattern = _name_pattern([actor.canonical, *actor.aliases]) if died else None
        hits = [_context(doc, m.start(), m.end(), 60) for m in pattern.finditer(doc.text)] if pattern else []
        if not hits or died is None:
            continue
        name = actor.canonical
        if any(death_re.search(b) or death_re.search(a) for b, a in hits):
            out.append(Constraint(died, None, STRENGTH["death_after"], f"{name} referred to as dead (died {died})"))
        else:
            out.append(Constraint(None, died, STRENGTH["death_living"], f"{name} referred to as alive (died {died})"))
    return out


TOLL_RE = re.compile(
    r"(?:(?P<qual>(?i:more than|over|upwards of|at least|nearly|almost|close to|about|around|some|roughly))\s+)?"
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+|\d{5,6})(?![\d]|[.,]\d)"
)


@dataclass(frozen=True)
class TollSeries:
    points: tuple[tuple[date, int], ...]
    cue: re.Pattern[str]
    place: re.Pattern[str]
    skip_after: re.Pattern[str]
    slack: int
    lag: int
    margin: float

    def reached(self, value: float) -> date | None:
        """The day the toll reached ``value`` (None outside the series)."""
        pts = self.points
        if value < pts[0][1] or value > pts[-1][1]:
            return None
        for (d0, v0), (d1, v1) in zip(pts, pts[1:], strict=False):
            if v0 <= value <= v1:
                return d0 + timedelta(days=round((value - v0) / max(1, v1 - v0) * (d1 - d0).days))
        return pts[-1][0]


def toll_series(profile: Any) -> TollSeries | None:
    spec = lexicon().tolls.get(getattr(profile, "name", None) or "")
    if not spec:
        return None
    points = tuple((_day_of(p[0]), int(p[1])) for p in spec["series"])
    patterns = (re.compile(spec["cue"]), re.compile(spec["place"]), re.compile(spec["skip_after"]))
    days = (int(spec.get("slack_days", 3)), int(spec.get("lag_days", 14)))
    return TollSeries(points, *patterns, *days, float(spec.get("round_margin", 0.05)))


def _day_of(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _quoted_toll(doc: Document, series: TollSeries) -> tuple[int, str, str] | None:
    """The largest running-toll figure the text quotes: (value, qualifier, sentence text)."""
    best: tuple[int, str, str] | None = None
    for sent in doc.sentences:
        if not (series.cue.search(sent.text) and series.place.search(sent.text)):
            continue
        for m in TOLL_RE.finditer(sent.text):
            value = int(m.group("num").replace(",", ""))
            if series.skip_after.search(sent.text[m.end() : m.end() + 40]) or series.reached(value) is None:
                continue
            if best is None or value > best[0]:
                best = (value, (m.group("qual") or "").lower(), m.group(0))
    return best


def toll_constraints(doc: Document, profile: Any) -> list[Constraint]:
    """A quoted running toll ("more than 40,000 killed") dates the article after it was reached."""
    series = toll_series(profile)
    quoted = _quoted_toll(doc, series) if series else None
    if series is None or quoted is None:
        return []
    value, qual, text = quoted
    low, high = float(value), float(value)
    if qual in ("nearly", "almost", "close to"):
        low = value * (1 - series.margin)
    elif qual in ("about", "around", "some", "roughly"):
        low, high = value * (1 - series.margin / 2), value * (1 + series.margin / 2)
    elif value % 1000 == 0:  # a round figure is repeated for a while; an exact one is fresh
        high = value * (1 + series.margin)
    start, end = series.reached(low), series.reached(high)
    lo = start - timedelta(days=series.slack) if start else None
    hi = end + timedelta(days=series.lag) if end else None
    return [Constraint(lo, hi, STRENGTH["toll"], f"running toll '{text}': {lo or '?'}..{hi or '?'}")]


def _iso_date(value: str | None) -> date | None:
    """A date from "YYYY-MM-DD" (a time after it is ignored), else None."""
    found = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
    try:
        return date.fromisoformat(found.group(0)) if found else None
    except ValueError:
        return None


def conflict_start(profile: Any) -> date | None:
    return _iso_date(getattr(profile, "start_date", None)) if profile is not None else None


# --------------------------------------------------------------------------- the estimate


def _metadata_date(doc: Document) -> tuple[date, str] | None:
    published = _iso_date(doc.cleaned.article.published)
    if published:
        return published, "publication date from metadata"
    line = doc.cleaned.dateline
    dated = _iso_date(line.date) if line else None
    return (dated, f"publication date from the dateline '{line.date_text}'") if dated and line else None


def estimate_interval(
    doc: Document, cands: Sequence[Found], profile: Any, today: date | None = None
) -> PublicationDate:
    """The interval the text implies, with the reasons (no metadata date)."""
    lex = lexicon()
    start = conflict_start(profile)
    res = Resolver(lex, start)
    base = [
        *dateline_constraint(doc),
        *date_constraints(cands, None, res, absolute=True),
        *role_constraints(doc, profile),
        *age_constraints(cands, start, lex),
        *death_constraints(doc, profile),
        *toll_constraints(doc, profile),
    ]
    if start is not None:
        base.append(Constraint(start, None, STRENGTH["conflict_start"], f"the conflict began {start}"))
    first = combine(base)
    anchor = (first.lo, first.hi) if first.lo and first.hi else None
    yearless = date_constraints(cands, anchor, res, absolute=False) if anchor else []
    win = combine([*base, *yearless, *weekday_constraint(cands, lex)])
    interval = _close(win, dict(lex.dating), today or date.today())
    if interval is None:
        return PublicationDate(None, None, tuple(win.reasons))
    return PublicationDate(None, (interval[0].isoformat(), interval[1].isoformat()), tuple(win.reasons))


def publication_date(doc: Document, cands: Sequence[Found], profile: Any = None) -> PublicationDate:
    """The publication date from metadata, else the interval estimated from the text."""
    known = _metadata_date(doc)
    if known:
        day = known[0].isoformat()
        return PublicationDate(day, (day, day), (known[1],))
    return estimate_interval(doc, cands, profile)


def anchor_of(pub: PublicationDate) -> Anchor:
    """The anchor to resolve times against: the date, the interval, or None."""
    if pub.date:
        return date.fromisoformat(pub.date)
    if pub.interval:
        return date.fromisoformat(pub.interval[0]), date.fromisoformat(pub.interval[1])
    return None


@register("dating.v1", provides=("published", "times"), requires=())
def extract_dating(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Any, ...]]:
    """Date the article and resolve every time expression."""
    start = conflict_start(ctx.profile)
    cands = find_candidates(doc, start)
    pub = publication_date(doc, cands, ctx.profile)
    return {"published": (pub,), "times": find_times(doc, anchor_of(pub), start, cands)}
