"""Tests for parley.extract.figures (and the amounts parser in parley.extract.numbers)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from parley.annotate.nlp import annotate_text
from parley.extract import REGISTRY, ExtractContext
from parley.extract.figures import extract_figures
from parley.extract.numbers import find_amounts, parse_value
from parley.records import Figure

CASES = yaml.safe_load((Path(__file__).parent / "figure_cases.yaml").read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@cache
def figures_of(text: str, published: str | None = None) -> tuple[Figure, ...]:
    return extract_figures(annotate_text(text, published=published))


def _words(text: str | None) -> set[str]:
    text = re.sub(r"^\s*the\s+", "", (text or "").casefold())
    return set(re.sub(r"[^\w\s]", " ", text.replace(".", "")).split())


def _claimant_ok(expected: str | None, got: str | None) -> bool:
    if not expected:
        return not got
    want = _words(expected)
    return len(want & _words(got)) >= len(want) / 2


def _same_amount(expected: dict[str, Any], fig: Figure) -> bool:
    if expected["value"] is None:
        return fig.value is None and bool(_words(expected["value_text"]) & _words(fig.value_text))
    return fig.value is not None and abs(fig.value - float(expected["value"])) < 1e-6


def _problems(case: dict[str, Any]) -> list[str]:
    got = list(figures_of(case["text"]))
    problems: list[str] = []
    for exp in case["figures"]:
        match = next((f for f in got if f.category == exp["category"] and _same_amount(exp, f)), None)
        if match is None:
            problems.append(f"missing {exp}")
            continue
        got.remove(match)
        if match.qualifier != exp["qualifier"]:
            problems.append(f"qualifier {match.qualifier!r} != {exp['qualifier']!r}")
        if not _claimant_ok(exp["attributed_to"], match.attributed_to):
            problems.append(f"claimant {match.attributed_to!r} != {exp['attributed_to']!r}")
        if exp.get("percent") and not match.percent:
            problems.append("not marked as a percentage")
    problems += [f"extra {f.category} {f.value} {f.value_text!r} by {f.attributed_to!r}" for f in got]
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_figure_table(case: dict[str, Any]) -> None:
    assert _problems(case) == [], case["text"]


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert sum(1 for c in CASES if not c["figures"]) >= 15  # traps


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.4 million", 1_400_000),
        ("a million", 1_000_000),
        ("thirty-eight thousand", 38_000),
        ("one hundred and twenty", 120),
        ("78,018", 78_018),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("2.5m", 2_500_000),
    ],
)
def test_parse_value(text: str, value: float) -> None:
    assert parse_value(text) == value


def test_amounts_keep_qualifiers_ranges_and_vague_words() -> None:
    found = find_amounts("at least 18 people, between 20 and 30 more, dozens of others and about 90% of them")
    summary = [(a.value, a.value_high, a.value_text, a.qualifier, a.percent) for a in found]
    assert summary == [
        (18, None, "18", "at least", False),
        (20, 30, "between 20 and 30", "exact", False),
        (None, None, "dozens", "about", False),
        (90, None, "90", "about", True),
    ]


TRAPS = ["a 40-day truce", "the nine-month-old war", "$1.5 billion", "at 10:30", "in 2024", "aged 12", "nine in ten"]


@pytest.mark.parametrize("text", TRAPS)
def test_amount_traps(text: str) -> None:
    assert find_amounts(text) == []


# --------------------------------------------------------------------------- record details


def test_range_is_vague_keeps_its_words_and_evidence_points_at_the_number() -> None:
    text = "Officials said between 200 and 300 villagers were killed in the raid."
    (fig,) = figures_of(text)
    assert (fig.value, fig.value_text, fig.value_high, fig.qualifier) == (None, "between 200 and 300", 300, "about")
    assert text[fig.evidence.start : fig.evidence.end] == fig.evidence.text
    assert "200" in fig.evidence.text


def test_who_keeps_the_description() -> None:
    (fig,) = figures_of("At least 40 people, mostly women and children, have been killed, medics said.")
    assert fig.who == "people, mostly women and children"


def test_scope_and_as_of() -> None:
    (total,) = figures_of("More than 30,000 people have been killed since the war began.", published="2024-03-01")
    assert (total.scope, total.as_of) == ("cumulative", "2024-03-01")
    (strike,) = figures_of("A strike killed 12 people on Tuesday.", published="2024-03-01")
    assert strike.scope == "incident"


def test_repeated_figure_is_kept_once_unless_credited_to_another_source() -> None:
    text = (
        "At least 300 people were killed, the ministry said. The ministry said at least 300 people were killed. "
        "Rebels said 300 people were killed."
    )
    figs = figures_of(text)
    assert sorted(f.attributed_to or "" for f in figs) == ["Rebels", "ministry"]


def test_pronoun_claimant_resolves_to_the_last_person() -> None:
    text = "Prime Minister Ana Lopez spoke on Sunday. She said 45 soldiers had been killed."
    (fig,) = figures_of(text)
    assert fig.attributed_to == "Ana Lopez"


def test_registered_extractor() -> None:
    ext = REGISTRY["figures.v1"]
    assert ext.provides == ("figures",)
    doc = annotate_text("Five people were killed, police said.")
    out = ext.fn(doc, ExtractContext())
    assert [f.value for f in out["figures"]] == [5]


# --------------------------------------------------------------------------- seeds


def _same_dict_amount(g: dict[str, Any], p: dict[str, Any]) -> bool:
    if g["value"] is None:
        return p["value"] is None and bool(_words(g.get("value_text")) & _words(p.get("value_text")))
    return p["value"] is not None and abs(g["value"] - p["value"]) < 1e-6


def _seed_score() -> tuple[int, int, int, int]:
    from parley.eval.scoring import attribution_ok, greedy_match
    from parley.schema import _figure

    tp = n_pred = n_gold = attr = 0
    for gold_path in sorted((SHARED / "gold" / "seeds").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (SHARED / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        preds = [_figure(f) for f in figures_of(text)]
        golds = gold.get("figures", [])

        def ok(g: dict[str, Any], p: dict[str, Any]) -> float:
            same = g["category"] == p["category"] and _same_dict_amount(g, p)
            return float(same) + float(same and attribution_ok(g.get("attributed_to"), p.get("attributed_to")))

        pairs = greedy_match(golds, preds, ok)
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(preds), n_gold + len(golds)
        attr += sum(attribution_ok(g.get("attributed_to"), p.get("attributed_to")) for g, p in pairs)
    return tp, n_pred, n_gold, attr


def test_seed_gold_quality() -> None:
    if not (SHARED / "gold" / "seeds").is_dir():
        pytest.skip("shared seeds not available")
    tp, n_pred, n_gold, attr = _seed_score()
    precision, recall = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    assert f1 >= 0.85, (tp, n_pred, n_gold)
    assert attr / max(tp, 1) >= 0.8


def test_rounded_restatement_is_dropped() -> None:
    text = "Officials said the death toll had passed 52,000. The ministry said 52,243 people had been killed."
    assert [f.value for f in figures_of(text)] == [52243]


def test_vague_amount_restated_by_a_precise_count_is_dropped() -> None:
    text = "Planes flew hundreds of prisoners home in the swap. The first flights carried 318 detainees."
    assert [(f.value, f.category) for f in figures_of(text)] == [(318, "prisoners_released")]


def test_captives_in_a_hostage_story_stay_hostages() -> None:
    text = "Hamas would free 33 captives under the deal. Families of the hostages in Gaza are waiting."
    (fig, *_) = figures_of(text)
    assert (fig.value, fig.category) == (33, "hostages_released")


def test_captives_traded_for_prisoners_are_hostages() -> None:
    text = "Mediators seek the release of captives in exchange for prisoners. Under the deal, 33 captives go free."
    assert [(f.value, f.category) for f in figures_of(text)] == [(33, "hostages_released")]


def test_captives_in_an_exchange_story_are_prisoners() -> None:
    text = "Jets flew the freed men home in the swap. In all, 887 captives are to be freed under a deal signed in May."
    assert [(f.value, f.category) for f in figures_of(text)] == [(887, "prisoners_released")]


def test_a_figure_takes_an_earlier_according_to_nobody_else_claims() -> None:
    text = "The war has killed thousands, according to UN estimates, and over 2 million Haitians have been displaced."
    figs = {f.category: f for f in figures_of(text)}
    assert figs["displaced"].attributed_to == "UN"
