"""``parley eval``: extract inputs and score them against gold records (gold/SCHEMA.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parley.config import Settings
from parley.errors import GoldError
from parley.eval.scoring import Scores, normalize_name, score_all

__all__ = ["Scores", "evaluate", "flat_scores", "format_table", "load_gold", "normalize_name", "score_all"]


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Gold records of a folder, by article id (files named ``<id>.json``)."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise GoldError("E400", f"{folder} is not a folder")
    golds: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError("E400", str(exc), where=str(path)) from exc
        if isinstance(record, dict) and "id" in record:  # skips manifests and other JSON
            golds[str(record["id"])] = record
    return golds


def evaluate(gold_dir: str | Path, paths: Sequence[str], settings: Settings) -> Scores:
    """Extract ``paths`` and score them against the gold records in ``gold_dir``."""
    from parley.pipeline import extract_paths
    from parley.records import ArticleRecord
    from parley.schema import to_schema

    golds = load_gold(gold_dir)
    preds = {}
    for item in extract_paths(paths, settings):
        if isinstance(item, ArticleRecord) and item.article.id in golds:
            preds[item.article.id] = to_schema(item)
    if not preds:
        raise GoldError("E401", where=str(gold_dir))
    return score_all({k: v for k, v in golds.items() if k in preds}, preds)


def format_table(scores: Scores) -> str:
    """A plain-text table: precision, recall and F1 per type, then the pair accuracies."""
    data = scores.as_dict()
    lines = [
        f"articles scored: {data['articles']}",
        f"{'type':<16}{'precision':>10}{'recall':>10}{'f1':>8}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for name, c in scores.counts.items():
        lines.append(f"{name:<16}{c.precision:>10.3f}{c.recall:>10.3f}{c.f1:>8.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}")
    for name, r in scores.ratios.items():
        value = "n/a" if r.value is None else f"{r.value:.3f}"
        lines.append(f"{name:<40}{value:>8}  (n={r.total})")
    if "published_interval_median_width_days" in data:
        lines.append(f"{'published_interval.median_width_days':<40}{data['published_interval_median_width_days']:>8}")
    return "\n".join(lines)


def flat_scores(scores: Scores) -> dict[str, float]:
    """Every score under one dotted name (``meetings.f1``, ``figures.attribution_accuracy``),
    as the quality floors and docs/quality.md name them."""
    flat: dict[str, float] = {}
    for name, value in scores.as_dict().items():
        if isinstance(value, dict) and "f1" in value:
            flat.update({f"{name}.{k}": value[k] for k in ("precision", "recall", "f1")})
        elif isinstance(value, dict) and value.get("value") is not None:
            flat[name] = value["value"]
        elif name == "published_interval_median_width_days":
            flat["published_interval.median_width_days"] = float(value)
    return flat
