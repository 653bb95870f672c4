"""The evaluation gate: `parley eval` on the seeds and on the example sets (examples,
unprofiled, heldout) must not fall below the floors pinned in quality/floors.json."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from parley.config import load_settings
from parley.eval import evaluate, flat_scores

ROOT = Path(__file__).resolve().parents[2]
FLOORS = json.loads((ROOT / "quality" / "floors.json").read_text(encoding="utf-8"))
SETS = {
    "seeds": (ROOT / ".." / "shared" / "gold" / "seeds", ROOT / ".." / "shared" / "seeds"),
    "examples": (ROOT / "examples" / "gold", ROOT / "examples" / "corpus"),
    "unprofiled": (ROOT / "examples" / "unprofiled" / "gold", ROOT / "examples" / "unprofiled" / "corpus"),
    "heldout": (ROOT / "examples" / "heldout" / "gold", ROOT / "examples" / "heldout" / "corpus"),
}


@cache
def scores(set_name: str) -> dict[str, float]:
    gold, inputs = SETS[set_name]
    if not gold.is_dir() or not inputs.is_dir():
        pytest.skip(f"{set_name}: {gold} is absent")
    return flat_scores(evaluate(gold, [str(inputs)], load_settings({"progress": "never"})))


CASES = [(s, name, floor) for s, floors in FLOORS.items() if s in SETS for name, floor in floors.items()]


@pytest.mark.parametrize(("set_name", "score", "floor"), CASES, ids=[f"{s}:{n}" for s, n, _ in CASES])
def test_score_is_not_below_its_floor(set_name: str, score: str, floor: float) -> None:
    got = scores(set_name)
    assert score in got, f"{score} was not measured on {set_name}"
    assert got[score] >= floor, f"{set_name} {score} = {got[score]:.3f}, below its floor {floor}"


def test_floors_cover_the_gated_scores() -> None:
    for set_name in SETS:
        assert set_name in FLOORS, f"quality/floors.json has no floors for {set_name}"
