"""The scorer of ``gold/SCHEMA.md``: compares predicted article records with gold ones.

Both sides are plain SCHEMA dicts, so the scorer reads parley's output and gold alike.
Counts are micro-averaged over articles: true positives, false positives and false
negatives are summed before precision, recall and F1 are taken.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Record = Mapping[str, Any]
_US = {"us", "usa", "united states", "united states of america"}
_ARTICLE = re.compile(r"\b(?:al|el)-")
_PUNCT = re.compile(r"[^\w\s]")


def normalize_name(name: str | None) -> str:
    """casefold, ASCII-fold, drop a leading "the", drop al-/el- prefixes and punctuation,
    collapse spaces; the United States' spellings become one name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    text = re.sub(r"^\s*the\s+", "", text)
    text = _ARTICLE.sub("", text)
    text = re.sub(r"[.'’`]", "", text)
    text = " ".join(_PUNCT.sub(" ", text).split())
    return "united states" if text in _US else text


def words(text: str | None) -> set[str]:
    return set(normalize_name(text).split())


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_pred - tp
        self.fn += n_gold - tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    """A share of pairs that pass a check (qualifier accuracy, date accuracy, ...)."""

    hits: float = 0
    total: int = 0

    def add(self, hit: float) -> None:
        self.hits += hit
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class Scores:
    counts: dict[str, Counts] = field(default_factory=dict)
    ratios: dict[str, Ratio] = field(default_factory=dict)
    widths: list[int] = field(default_factory=list)
    articles: int = 0

    def count(self, name: str) -> Counts:
        return self.counts.setdefault(name, Counts())

    def ratio(self, name: str) -> Ratio:
        return self.ratios.setdefault(name, Ratio())

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": self.articles}
        for name, c in self.counts.items():
            out[name] = {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
            }
        for name, r in self.ratios.items():
            out[name] = {"value": None if r.value is None else round(r.value, 4), "n": r.total}
        if self.widths:
            out["published_interval_median_width_days"] = statistics.median(self.widths)
        return out


# --------------------------------------------------------------------------- aliases


class Aliases:
    """Names that stand for one entity in one article: canonical names and their forms."""

    def __init__(self, gold: Record, pred: Record) -> None:
        self.table: dict[str, str] = {}
        for ent in [*pred.get("entities", []), *gold.get("entities", [])]:  # gold last: it wins
            key = normalize_name(ent.get("canonical"))
            for form in [ent.get("canonical"), *ent.get("forms", [])]:
                if normalize_name(form):
                    self.table[normalize_name(form)] = key

    def __call__(self, name: str | None) -> str:
        key = normalize_name(name)
        return self.table.get(key, key)

    def names(self, items: Iterable[str | None]) -> set[str]:
        return {self(n) for n in items if normalize_name(n)}


def greedy_match(
    gold: Sequence[Record], pred: Sequence[Record], ok: Callable[[Record, Record], float]
) -> list[tuple[Record, Record]]:
    """One-to-one matching: each gold item takes the best-scoring unmatched prediction
    (score > 0)."""
    pairs: list[tuple[Record, Record]] = []
    used: set[int] = set()
    for g in gold:
        best, best_score = -1, 0.0
        for i, p in enumerate(pred):
            if i in used:
                continue
            score = ok(g, p)
            if score > best_score:
                best, best_score = i, score
        if best >= 0:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


# --------------------------------------------------------------------------- per type


def score_entities(gold: Record, pred: Record, scores: Scores) -> None:
    golds = [e for e in gold.get("entities", []) if e.get("forms")]
    preds = list(pred.get("entities", []))

    def names(e: Record) -> set[str]:
        return {normalize_name(n) for n in [e.get("canonical"), *e.get("forms", [])] if normalize_name(n)}

    pairs = greedy_match(golds, preds, lambda g, p: float(len(names(g) & names(p))))
    scores.count("entities").add(len(pairs), len(preds), len(golds))


def _date_of(meeting: Record, keys: Sequence[str]) -> str | None:
    for key in keys:
        if meeting.get(key):
            return str(meeting[key])
    return None


def _predicted_day(m: Record) -> str | None:
    interval = m.get("date_interval")
    if m.get("date"):
        return str(m["date"])
    if interval and interval[0] == interval[1]:
        return str(interval[0])
    return None


def score_meetings(gold: Record, pred: Record, scores: Scores, alias: Aliases) -> None:
    golds, preds = list(gold.get("meetings", [])), list(pred.get("meetings", []))

    def ok(g: Record, p: Record) -> float:
        if alias(g.get("venue")) != alias(p.get("venue")):
            return 0.0
        if g.get("date") and p.get("date") and g["date"] != p["date"]:
            return 0.0
        shared = alias.names([*g.get("participants", []), *g.get("people", [])]) & alias.names(
            [*p.get("participants", []), *p.get("people", [])]
        )
        return float(len(shared))

    pairs = greedy_match(golds, preds, ok)
    scores.count("meetings").add(len(pairs), len(preds), len(golds))
    for g, p in pairs:
        gp, pp = alias.names(g.get("participants", [])), alias.names(p.get("participants", []))
        c = Counts()
        c.add(len(gp & pp), len(pp), len(gp))
        scores.ratio("meetings.participants_f1").add(c.f1)
        true_day = _date_of(g, ("date", "date_actual"))
        if true_day:
            predicted = _predicted_day(p)
            scores.ratio("meetings.date_accuracy").add(float(predicted == true_day))
            if predicted:  # the pairs where parley committed to one day
                scores.ratio("meetings.date_accuracy_when_resolved").add(float(predicted == true_day))
            if g.get("date"):  # the gold's own date: resolvable from the publication date
                scores.ratio("meetings.date_accuracy_resolvable").add(float(predicted == true_day))


def _value_text_overlap(g: Record, p: Record) -> bool:
    return bool(words(g.get("value_text")) & words(p.get("value_text")))


def _same_value(g: Record, p: Record) -> bool:
    if g.get("value") is None:
        return p.get("value") is None and _value_text_overlap(g, p)
    return p.get("value") is not None and abs(float(g["value"]) - float(p["value"])) < 1e-6


def attribution_ok(gold_who: str | None, pred_who: str | None) -> bool:
    """Both null, or half the words of the gold claimant present in the predicted one."""
    if not normalize_name(gold_who):
        return not normalize_name(pred_who)
    gw, pw = words(gold_who), words(pred_who)
    return len(gw & pw) >= len(gw) / 2


def score_figures(gold: Record, pred: Record, scores: Scores) -> None:
    golds, preds = list(gold.get("figures", [])), list(pred.get("figures", []))

    def ok(g: Record, p: Record) -> float:
        if g.get("category") != p.get("category") or not _same_value(g, p):
            return 0.0
        return (
            1.0
            + attribution_ok(g.get("attributed_to"), p.get("attributed_to"))
            + (g.get("qualifier") == p.get("qualifier"))
        )

    pairs = greedy_match(golds, preds, ok)
    scores.count("figures").add(len(pairs), len(preds), len(golds))
    for g, p in pairs:
        scores.ratio("figures.qualifier_accuracy").add(float(g.get("qualifier") == p.get("qualifier")))
        scores.ratio("figures.attribution_accuracy").add(
            float(attribution_ok(g.get("attributed_to"), p.get("attributed_to")))
        )


def score_positions(gold: Record, pred: Record, scores: Scores, alias: Aliases) -> None:
    golds, preds = list(gold.get("positions", [])), list(pred.get("positions", []))

    def ok(g: Record, p: Record) -> float:
        same = alias(g.get("actor")) == alias(p.get("actor")) and g.get("issue") == p.get("issue")
        return float(same and g.get("stance") == p.get("stance"))

    pairs = greedy_match(golds, preds, ok)
    scores.count("positions").add(len(pairs), len(preds), len(golds))


def score_framing(gold: Record, pred: Record, scores: Scores) -> None:
    golds = sorted({normalize_name(t) for t in gold.get("framing_terms", [])})
    preds = {normalize_name(t) for t in pred.get("framing_terms", [])}
    scores.count("framing_terms").add(len(preds & set(golds)), len(preds), len(golds))


def true_publication_date(gold: Record) -> str | None:
    """The true date of an undated gold article: ``published_actual``, else the date that
    opens ``published_estimate``."""
    if gold.get("published_actual"):
        return str(gold["published_actual"])
    found = re.match(r"\s*(\d{4}-\d{2}-\d{2})", str(gold.get("published_estimate") or ""))
    return found.group(1) if found else None


def score_interval(gold: Record, pred: Record, scores: Scores) -> None:
    if gold.get("published"):
        return  # only undated inputs are scored here
    truth = true_publication_date(gold)
    if truth is None:
        return
    interval: list[str] = pred.get("published_interval") or ([pred["published"]] * 2 if pred.get("published") else [])
    hit = bool(interval) and interval[0] <= truth <= interval[1]
    scores.ratio("published_interval.contains_true_date").add(float(hit))
    if interval:
        scores.widths.append((date.fromisoformat(interval[1]) - date.fromisoformat(interval[0])).days)


def score_article(gold: Record, pred: Record, scores: Scores) -> None:
    alias = Aliases(gold, pred)
    scores.articles += 1
    score_entities(gold, pred, scores)
    score_meetings(gold, pred, scores, alias)
    score_figures(gold, pred, scores)
    score_positions(gold, pred, scores, alias)
    score_framing(gold, pred, scores)
    score_interval(gold, pred, scores)


def score_all(golds: Mapping[str, Record], preds: Mapping[str, Record]) -> Scores:
    """Score every gold article that has a prediction (a missing prediction scores as
    an empty record)."""
    scores = Scores()
    for art_id, gold in sorted(golds.items()):
        score_article(gold, preds.get(art_id, {"id": art_id}), scores)
    return scores
