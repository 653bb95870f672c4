"""The figures ledger: claimed numbers across articles, per quantity and claimant over time.

``build_series`` takes ``(outlet, date, Figure)`` triples (``date`` is the figure's
``as_of`` or, failing that, the article's publication date) and returns one
``FigureSeries`` per quantity ("killed in Gaza", "hostages held", "detained"): each claim
once per claimant, value and date, with every outlet that carried it, and the
disagreements — different claimants, different values, dates within a few days — side by
side. Pure Python over records; no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date

from parley.records import Evidence, Figure

CATEGORY_LABELS = {
    "killed": "killed",
    "injured": "injured",
    "hostages_held": "hostages held",
    "hostages_released": "hostages released",
    "prisoners_released": "prisoners released",
    "displaced": "displaced",
}
# categories whose series are split by the population counted ("killed in Gaza")
POPULATION_CATEGORIES = frozenset({"killed", "injured", "displaced"})
_PLACE = re.compile(r"\b(?:in|from|across|inside)\s+((?:[A-Z][\w'’.-]*\s?){1,4})")
_NAME = re.compile(r"\b[A-Z][\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_RESOLVED = re.compile(r"\(([^()]+)\)\s*$")
DEFAULT_WINDOW_DAYS = 3


@dataclass(frozen=True, slots=True)
class FigureClaim:
    """One value one claimant gave for a quantity as of a date, with every outlet that carried it."""

    claimant: str | None
    as_of: str | None  # YYYY-MM-DD
    value: float | None
    qualifier: str
    outlets: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    value_text: str | None = None
    value_high: float | None = None
    percent: bool = False
    scope: str = "unknown"


@dataclass(frozen=True, slots=True)
class FigureSeries:
    """All claims about one quantity, sorted by date then claimant."""

    quantity: str  # "killed in Gaza", "hostages held", "detained"
    category: str
    unit: str | None
    claims: tuple[FigureClaim, ...]
    claimants: tuple[str, ...]  # as written, first spelling seen; "" for uncredited claims
    disagreements: tuple[tuple[FigureClaim, ...], ...] = ()  # claims that differ, side by side


Record = tuple[str, str | None, Figure]
KeyFn = Callable[[Figure], str]


def normalise_claimant(name: str | None) -> str:
    """casefold, no punctuation, no leading "the"/"a"/"an": "The Gaza health ministry" -> "gaza health ministry";
    a resolved name in trailing parentheses stands for the claimant ("U.N. refugee agency (UNHCR)" -> "unhcr")."""
    resolved = _RESOLVED.search(name or "")  # "U.N. refugee agency (UNHCR)": the resolved name
    words = re.sub(r"[^\w\s]", " ", (resolved.group(1) if resolved else name or "").casefold()).split()
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def population(who: str) -> str:
    """Who a figure counts, reduced to a series key: the last place named ("people killed in
    Israel's war in Gaza" -> "Gaza"), else the first name ("Palestinians"), else the head word."""
    places = _PLACE.findall(who or "")
    if places:
        return _POSSESSIVE.sub("", places[-1].strip())
    names = _NAME.findall(who or "")
    if names:
        return _POSSESSIVE.sub("", names[0])
    words = re.findall(r"[a-z]+", (who or "").lower())
    return words[0] if words else "people"


def quantity_of(figure: Figure) -> str:
    """The quantity a figure measures: "killed in Gaza", "hostages held", "detained"."""
    label = CATEGORY_LABELS.get(figure.category) or figure.unit or figure.category
    if figure.category == "other" and figure.unit:
        label = figure.unit
    if figure.category in POPULATION_CATEGORIES:
        label = f"{label} {_population_phrase(figure.who)}"
    if figure.percent:
        label += " (share)"
    return label + (" (incident)" if figure.scope == "incident" else "")


def _population_phrase(who: str) -> str:
    key = population(who)
    return f"in {key}" if _PLACE.search(who or "") else f"({key})"


def _claim_key(date: str | None, figure: Figure) -> tuple[str, str, str]:
    amount = repr(figure.value) if figure.value is not None else (figure.value_text or "").lower()
    return normalise_claimant(figure.attributed_to), date or "", amount


def _merge(records: Iterable[Record]) -> list[FigureClaim]:
    """One claim per claimant, date and value; outlets and evidence gathered in input order."""
    claims: dict[tuple[str, str, str], FigureClaim] = {}
    for outlet, date, figure in records:
        key = _claim_key(date, figure)
        seen = claims.get(key)
        if seen is None:
            claims[key] = FigureClaim(
                claimant=figure.attributed_to,
                as_of=date,
                value=figure.value,
                qualifier=figure.qualifier,
                outlets=(outlet,),
                evidence=(figure.evidence,),
                value_text=figure.value_text,
                value_high=figure.value_high,
                percent=figure.percent,
                scope=figure.scope,
            )
        elif outlet not in seen.outlets:
            claims[key] = _with_outlet(seen, outlet, figure.evidence)
    return sorted(claims.values(), key=_claim_order)


def _with_outlet(claim: FigureClaim, outlet: str, evidence: Evidence) -> FigureClaim:
    return replace(claim, outlets=(*claim.outlets, outlet), evidence=(*claim.evidence, evidence))


def _claim_order(claim: FigureClaim) -> tuple[str, str, float]:
    return (claim.as_of or "9999-99-99", normalise_claimant(claim.claimant), claim.value or 0.0)


def _days_apart(a: str, b: str) -> int:
    return abs((Date.fromisoformat(a) - Date.fromisoformat(b)).days)


def _differ(a: FigureClaim, b: FigureClaim, tolerance: float) -> bool:
    if a.value is None or b.value is None:  # "thousands" cannot contradict a count
        return False
    return abs(a.value - b.value) > tolerance * max(abs(a.value), abs(b.value), 1.0)


def disagreements(
    claims: Sequence[FigureClaim], window_days: int, tolerance: float
) -> tuple[tuple[FigureClaim, ...], ...]:
    """Groups of dated claims within ``window_days`` of each other from at least two claimants
    whose values differ (by more than ``tolerance``, a share of the larger value)."""
    dated = sorted((c for c in claims if c.as_of), key=lambda c: c.as_of or "")
    found: list[tuple[FigureClaim, ...]] = []
    end, last_end = 0, -1
    for i, first in enumerate(dated):  # a sliding window over claims sorted by date
        end = max(end, i + 1)
        while end < len(dated) and _days_apart(first.as_of or "", dated[end].as_of or "") <= window_days:
            end += 1
        if end == last_end:
            continue  # this window is a part of the one already found
        group = dated[i:end]
        rivals = [c for c in group if normalise_claimant(c.claimant) != normalise_claimant(first.claimant)]
        if any(_differ(first, c, tolerance) for c in rivals):
            found.append(tuple(sorted(group, key=lambda c: (normalise_claimant(c.claimant), c.value or 0.0))))
            last_end = end
    return tuple(found)


def build_series(
    records: Sequence[Record],
    key: KeyFn = quantity_of,
    window_days: int = DEFAULT_WINDOW_DAYS,
    tolerance: float = 0.01,
) -> tuple[FigureSeries, ...]:
    """The figures ledger: one series per quantity (``key``), claims merged across outlets,
    disagreements between claimants for similar dates side by side. Series are sorted by
    quantity."""
    by_quantity: dict[str, list[Record]] = {}
    for record in records:
        by_quantity.setdefault(key(record[2]), []).append(record)
    series = [_series(quantity, items, window_days, tolerance) for quantity, items in by_quantity.items()]
    return tuple(sorted(series, key=lambda s: s.quantity))


def _series(quantity: str, items: list[Record], window_days: int, tolerance: float) -> FigureSeries:
    claims = _merge(items)
    first = items[0][2]
    names: dict[str, str] = {}
    for claim in claims:
        names.setdefault(normalise_claimant(claim.claimant), claim.claimant or "")
    return FigureSeries(
        quantity=quantity,
        category=first.category,
        unit=first.unit,
        claims=tuple(claims),
        claimants=tuple(sorted(names.values())),
        disagreements=disagreements(claims, window_days, tolerance),
    )
