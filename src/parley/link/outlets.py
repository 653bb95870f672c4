"""Outlet comparison: per outlet, what it carried that others did not (exclusive rounds and
figures), what others carried in its period that it left out, its loaded terms, whom it
quotes on each side and how much of it is wire copy or a copy of another article.

A figure is "the same" in two outlets when its category and value (or its vague words) are
the same; a round is the same when the rounds linker merged it. "Its period" is from its
earliest to its latest article (estimated intervals included), a week either side, and only
facts about a conflict the outlet covers (the articles' profiles) count as left out. An
article is a copy when it carries another agency's wire or copies another article; an
agency's own articles are not copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from parley.link.articles import ArticleInfo, Row, distinct, shift, unknown_article
from parley.link.rounds import LinkedRound

SLACK_DAYS = 7
UNAFFILIATED = "unaffiliated"


@dataclass(frozen=True)
class Fact:
    """A round or a figure as the comparison sees it: a label, a date span, its outlets."""

    key: str
    label: str
    lo: str | None
    hi: str | None
    outlets: tuple[str, ...]
    articles: tuple[str, ...] = ()
    profiles: frozenset[str] = frozenset()  # conflict profiles of its articles


@dataclass(frozen=True)
class OutletProfile:
    outlet: str
    articles: tuple[str, ...]
    first_seen: str
    last_seen: str
    copies: int  # articles carrying a wire or copied from another article
    exclusive: tuple[Fact, ...]
    left_out: tuple[Fact, ...]  # most widely carried first
    loaded_terms: tuple[tuple[str, int], ...]  # (term as first written, count)
    quoted: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # (side, ((speaker, count), ...))

    @property
    def copy_share(self) -> float:
        return self.copies / len(self.articles) if self.articles else 0.0


def figure_label(row: Row) -> str:
    value = row.get("value")
    if value is None:
        amount = str(row.get("value_text") or "an unstated number")
    else:
        amount = f"{float(value):,.0f}" if float(value).is_integer() else f"{float(value):,}"
        qualifier = str(row.get("qualifier") or "exact")
        amount = amount if qualifier == "exact" else f"{qualifier} {amount}"
    who = f" {row['who']}" if row.get("who") else ""
    claimant = f" (per {row['attributed_to']})" if row.get("attributed_to") else ""
    return f"{row.get('category') or 'other'}: {amount}{who}{claimant}"


def figure_key(row: Row) -> str:
    value = row.get("value")
    amount = f"{float(value):g}" if value is not None else " ".join(str(row.get("value_text") or "").casefold().split())
    return f"figure:{row.get('category')}:{amount}"


def figure_facts(figures: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> list[Fact]:
    """Figures that share category and value, whatever the article, as one fact each."""
    groups: dict[str, list[Row]] = {}
    for row in figures:
        groups.setdefault(figure_key(row), []).append(row)
    facts = []
    for key, rows in groups.items():
        arts = [infos.get(str(r["article_id"])) or unknown_article(str(r["article_id"])) for r in rows]
        dates = [a.interval for a in arts if a.interval]
        facts.append(
            Fact(
                key=key,
                label=figure_label(rows[0]),
                lo=min(d[0] for d in dates) if dates else None,
                hi=max(d[1] for d in dates) if dates else None,
                outlets=distinct([a.label for a in arts]),
                articles=distinct([a.id for a in arts]),
                profiles=frozenset(a.profile for a in arts if a.profile),
            )
        )
    return facts


def round_facts(rounds: Sequence[LinkedRound], infos: Mapping[str, ArticleInfo]) -> list[Fact]:
    out = []
    for lr in rounds:
        r = lr.round
        label = (
            f"{r.kind} in {r.venue or 'an unnamed place'} ({lr.when}; {', '.join(r.participants) or 'parties unnamed'})"
        )
        profiles = frozenset(p for a in lr.articles if (p := (infos.get(a) or unknown_article(a)).profile))
        out.append(Fact(f"round:{r.id}", label, r.date_from, r.date_to, r.outlets, lr.articles, profiles))
    return out


def _overlaps(fact: Fact, lo: str | None, hi: str | None) -> bool:
    """Whether the fact falls in the period ``lo..hi`` (already widened by the slack)."""
    if fact.lo is None or fact.hi is None or lo is None or hi is None:
        return False
    return fact.lo <= hi and fact.hi >= lo


def _same_beat(fact: Fact, profiles: frozenset[str], lo: str | None, hi: str | None) -> bool:
    """Whether an outlet could have been expected to carry the fact: it falls in the
    outlet's period and concerns a conflict the outlet covers (when profiles are known)."""
    if profiles and fact.profiles and not profiles & fact.profiles:
        return False
    return _overlaps(fact, lo, hi)


def _counted(rows: Iterable[Row], field: str) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for row in rows:
        text = " ".join(str(row.get(field) or "").split())
        if text:
            counts[text.casefold()] += 1
            spelling.setdefault(text.casefold(), text)
    return tuple((spelling[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _quoted(quotes: list[Row]) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    sides: dict[str, list[Row]] = {}
    for q in quotes:
        side = str(q.get("affiliation") or UNAFFILIATED)
        speaker = q.get("speaker") or ("an unnamed source" if q.get("anonymous") else "unnamed")
        sides.setdefault(side, []).append({"speaker": speaker})
    ordered = sorted(sides.items(), key=lambda kv: (kv[0] == UNAFFILIATED, -len(kv[1]), kv[0].casefold()))
    return tuple((side, _counted(rows, "speaker")) for side, rows in ordered)


def _by_outlet(rows: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in rows:
        info = infos.get(str(row["article_id"])) or unknown_article(str(row["article_id"]))
        out.setdefault(info.outlet, []).append(row)
    return out


def compare_outlets(
    infos: Mapping[str, ArticleInfo],
    rounds: Sequence[LinkedRound],
    figures: Iterable[Row] = (),
    framing: Iterable[Row] = (),
    quotes: Iterable[Row] = (),
) -> list[OutletProfile]:
    """One ``OutletProfile`` per outlet, the outlets with most articles first."""
    facts = [*round_facts(rounds, infos), *figure_facts(figures, infos)]
    terms, said = _by_outlet(framing, infos), _by_outlet(quotes, infos)
    per_outlet: dict[str, list[ArticleInfo]] = {}
    for info in infos.values():
        per_outlet.setdefault(info.outlet, []).append(info)
    several = len(per_outlet) > 1
    out = []
    for outlet, arts in per_outlet.items():
        arts.sort(key=lambda a: (a.sort_date, a.id))
        dated = [a.interval for a in arts if a.interval]
        lo, hi = (
            (shift(min(d[0] for d in dated), -SLACK_DAYS), shift(max(d[1] for d in dated), SLACK_DAYS))
            if dated
            else (None, None)
        )
        ids = {a.id for a in arts}
        mine = [f for f in facts if ids.intersection(f.articles)]
        covered = frozenset(a.profile for a in arts if a.profile)
        others = [f for f in facts if not ids.intersection(f.articles) and _same_beat(f, covered, lo, hi)]
        others.sort(key=lambda f: (-len(f.outlets), f.lo or "", f.key))
        out.append(
            OutletProfile(
                outlet=outlet,
                articles=tuple(a.id for a in arts),
                first_seen=arts[0].when,
                last_seen=arts[-1].when,
                copies=sum(1 for a in arts if a.carries_wire or a.copy_kind in ("exact", "near", "spun")),
                exclusive=tuple(f for f in mine if ids.issuperset(f.articles)) if several else (),
                left_out=tuple(others),
                loaded_terms=_counted(terms.get(outlet, []), "term"),
                quoted=_quoted(said.get(outlet, [])),
            )
        )
    return sorted(out, key=lambda p: (-len(p.articles), p.outlet.casefold()))
