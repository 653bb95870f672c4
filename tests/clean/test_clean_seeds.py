"""The five seeds: every gold boilerplate line is removed, every gold evidence span stays.

Cleaned text folds curly quotes to straight ones and dashes to "-", so gold strings are
folded the same way before they are looked up. Skips when ../shared is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.clean import clean, fold
from parley.records import Article

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"


def _cases() -> list[str]:
    if not GOLD.is_dir() or not SEEDS.is_dir():
        return []
    return sorted(path.stem for path in GOLD.glob("*.json") if (SEEDS / f"{path.stem}.txt").exists())


CASES = _cases()
_cache: dict[str, tuple[dict, object]] = {}


def _load(seed_id: str):  # type: ignore[no-untyped-def]
    if seed_id not in _cache:
        text = (SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")
        gold = json.loads((GOLD / f"{seed_id}.json").read_text(encoding="utf-8"))
        _cache[seed_id] = (gold, clean(Article(id=seed_id, text=text, source=seed_id)))
    return _cache[seed_id]


def _flat(text: str) -> str:
    return " ".join(fold(text).split())


@pytest.fixture(params=CASES or [None])
def seed(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    if request.param is None:
        pytest.skip("../shared/seeds or ../shared/gold/seeds is absent")
    return _load(request.param)


def test_gold_boilerplate_is_removed_and_listed(seed) -> None:  # type: ignore[no-untyped-def]
    gold, cleaned = seed
    flat = _flat(cleaned.text)
    for line in gold.get("boilerplate", []):
        assert _flat(line) not in flat, line
        assert line in cleaned.boilerplate, line


def test_gold_evidence_spans_survive(seed) -> None:  # type: ignore[no-untyped-def]
    gold, cleaned = seed
    flat = _flat(cleaned.text)
    spans = [item["evidence"] for key in ("meetings", "figures", "positions") for item in gold.get(key, [])]
    assert spans
    missing = [span for span in spans if _flat(span) not in flat]
    assert not missing


def test_only_gold_boilerplate_is_removed(seed) -> None:  # type: ignore[no-untyped-def]
    gold, cleaned = seed
    extra = set(cleaned.boilerplate) - set(gold.get("boilerplate", []))
    assert not extra


def test_gold_wire_credit(seed) -> None:  # type: ignore[no-untyped-def]
    gold, cleaned = seed
    assert cleaned.credits.wire == (gold.get("credits") or {}).get("wire")


def test_offsets_point_at_the_same_characters(seed) -> None:  # type: ignore[no-untyped-def]
    from parley.clean import normal_char

    _, cleaned = seed
    raw = cleaned.article.text
    for index, char in enumerate(cleaned.text):
        assert normal_char(raw[cleaned.offsets.to_raw(index)]) == char
