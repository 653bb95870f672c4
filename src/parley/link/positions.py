"""Positions over time: for each party and issue, every reported stance in date order, when
it was first and last seen, and the shifts.

A shift is either a change between consecutive reporting dates (a stance appears that the
previous date did not report: "demands -> accepts"), or a report whose sentence carries a
shift cue from ``lexicons/shifts.yaml`` ("dropped its demand"). Dates are the articles'
publication dates, or their estimated intervals (ordered by midpoint, shown with ``~``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parley.link.articles import ArticleInfo, Row, distinct, evidence_of, unknown_article
from parley.profiles.names import name_key
from parley.records import Evidence

SHIFTS_FILE = Path(__file__).resolve().parents[1] / "profiles" / "data" / "lexicons" / "shifts.yaml"


@dataclass(frozen=True)
class StanceReport:
    stance: str
    detail: str | None
    article: ArticleInfo
    evidence: Evidence
    cue: str | None = None  # shift cue in the sentence, as the lexicon labels it


@dataclass(frozen=True)
class PositionTrack:
    actor: str
    issue: str
    detail: str | None  # the detail of an "other" issue
    history: tuple[StanceReport, ...]  # in date order
    shifts: tuple[str, ...]

    @property
    def current(self) -> tuple[str, ...]:
        """The stances of the latest reporting date."""
        last = self.history[-1].article.sort_date
        return distinct([r.stance for r in self.history if r.article.sort_date == last])

    @property
    def first_seen(self) -> str:
        return self.history[0].article.when

    @property
    def last_seen(self) -> str:
        return self.history[-1].article.when

    @property
    def outlets(self) -> tuple[str, ...]:
        return distinct([r.article.label for r in self.history])

    @property
    def label(self) -> str:
        return f"{self.issue}: {self.detail}" if self.issue == "other" and self.detail else self.issue


@lru_cache(maxsize=4)
def shift_cues(path: str = str(SHIFTS_FILE)) -> tuple[re.Pattern[str], dict[str, str]]:
    """The compiled cue pattern and cue -> label map of the shifts lexicon."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    cues = {str(k).casefold(): str(v) for k, v in (data.get("cues") or {}).items()}
    if not cues:
        return re.compile(r"(?!x)x"), {}
    alternatives = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in cues), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE), cues


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


def _last_name_before(sentence: str, end: int) -> str:
    """The last capitalised word before ``end`` that does not start the sentence."""
    words = [m for m in _CAPITALISED.finditer(sentence, 0, end) if m.start() > 0]
    return name_key(words[-1].group()) if words else ""


def find_cue(span: str, sentence: str = "", actor: str = "") -> str | None:
    """The shift cue of a position: one in its evidence span, else one in its sentence whose
    nearest preceding name is the actor's (so "A dropped X while B insists" marks A only)."""
    pattern, cues = shift_cues()
    match = pattern.search(span)
    if match is None and actor:
        match = pattern.search(sentence)
        if match:
            before = sentence[: match.start()]
            first = _CAPITALISED.match(before)
            last = _last_name_before(sentence, match.start()) or (name_key(first.group()) if first else "")
            if not last or last not in name_key(actor).split():
                match = None
    return cues.get(" ".join(match.group().casefold().split())) if match else None


def _note(text: str, reports: list[StanceReport]) -> str:
    return f"{text} ({reports[0].article.when}; {', '.join(distinct([r.article.label for r in reports]))})"


def _changes(history: list[StanceReport]) -> list[str]:
    """ "a -> b (date; outlets)" whenever a reporting date brings a stance the previous one lacked."""
    dates = distinct([r.article.sort_date for r in history])
    out = []
    for prev, cur in zip(dates, dates[1:], strict=False):
        before = distinct([r.stance for r in history if r.article.sort_date == prev])
        now = [r for r in history if r.article.sort_date == cur]
        for stance in distinct([r.stance for r in now if r.stance not in before]):
            out.append(_note(f"{'/'.join(before)} -> {stance}", [r for r in now if r.stance == stance]))
    return out


def _cue_shifts(history: list[StanceReport]) -> list[str]:
    """One note per cue, stance and date, naming every outlet that reported it."""
    groups: dict[tuple[str, str, str], list[StanceReport]] = {}
    for r in history:
        if r.cue:
            groups.setdefault((r.cue, r.stance, r.article.sort_date), []).append(r)
    return [_note(f"{cue}: {stance}", reports) for (cue, stance, _), reports in groups.items()]


def _track(actor: str, issue: str, detail: str | None, reports: list[StanceReport]) -> PositionTrack:
    history = sorted(reports, key=lambda r: (r.article.sort_date, r.evidence.article_id, r.evidence.sentence_index))
    shifts = distinct([*_changes(history), *_cue_shifts(history)])
    return PositionTrack(actor, issue, detail, tuple(history), shifts)


def _group_key(row: Row) -> tuple[str, str, str]:
    issue = str(row.get("issue") or "other")
    detail = name_key(str(row.get("detail") or "")) if issue == "other" else ""
    return (name_key(str(row.get("actor") or "")), issue, detail)


def link_positions(positions: Iterable[Row], infos: Mapping[str, ArticleInfo]) -> list[PositionTrack]:
    """``store.rows("positions")`` grouped by party and issue, sorted by party then issue."""
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for row in positions:
        groups.setdefault(_group_key(row), []).append(row)
    tracks = []
    for rows in groups.values():
        reports = [
            StanceReport(
                stance=str(r.get("stance") or ""),
                detail=r.get("detail"),
                article=infos.get(str(r["article_id"])) or unknown_article(str(r["article_id"])),
                evidence=evidence_of(r),
                cue=find_cue(str(r.get("evidence") or ""), str(r.get("sentence") or ""), str(r.get("actor") or "")),
            )
            for r in rows
        ]
        first = rows[0]
        issue = str(first.get("issue") or "other")
        tracks.append(_track(str(first.get("actor") or ""), issue, first.get("detail") if issue == "other" else None,
                             reports))  # fmt: skip
    return sorted(tracks, key=lambda t: (t.actor.casefold(), t.issue, t.detail or ""))
