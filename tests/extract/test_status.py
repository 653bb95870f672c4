"""Tests for parley.extract.status: planned / ongoing / held from cues, tense and time."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from parley.annotate.nlp import annotate_text
from parley.extract.status import compile_cues, default_cues, event_status, status_from_words


@cache
def parsed(text: str) -> Any:
    return annotate_text(text).parse


def token(text: str, word: str) -> Any:
    return next(t for t in parsed(text) if t.text == word)


# (sentence, anchor word, trigger word or None, expected status)
CASES = [
    ("The delegation is due to arrive in Cairo.", "arrive", None, "planned"),
    ("The envoy is expected to travel to Moscow.", "travel", None, "planned"),
    ("The two sides will meet in Geneva.", "meet", None, "planned"),
    ("The delegation is heading to Doha.", "heading", None, "planned"),
    ("The talks are scheduled to start in Jeddah.", "start", None, "planned"),
    ("The Hamas delegation left Cairo late on Sunday.", "left", None, "held"),
    ("The negotiations ended without a breakthrough.", "ended", None, "held"),
    ("The talks headed into a second day on Wednesday.", "headed", None, "ongoing"),
    ("Mediators are meeting in Doha.", "meeting", None, "ongoing"),
    ("Negotiators began a new round in Istanbul.", "began", None, "ongoing"),
    ("The ministers met in Riyadh.", "met", None, "held"),
    ("The delegation has arrived in Addis Ababa.", "arrived", None, "held"),
    ("The army delegation leaves Jeddah.", "leaves", None, "ongoing"),
    ("The delegation was on its way back from Cairo.", "was", "way", "held"),
    ("The envoy was on his way to Doha.", "was", "way", "planned"),
    ("The president spoke after talks with the emir.", "talks", None, "held"),
    ("Both men will speak ahead of the meeting.", "meeting", None, "planned"),
    ("A fresh round was expected in Oman later this month.", "expected", "round", "planned"),
    ("The envoys are to meet in Vienna.", "meet", None, "planned"),
    ("The foreign minister was due to visit Ankara.", "visit", None, "planned"),
    ("The round ended as expected in Vienna.", "ended", "round", "held"),
    ("The ministers met in Ankara, where they were expected.", "met", None, "held"),
]


@pytest.mark.parametrize(("text", "anchor", "trigger", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_status_cues(text: str, anchor: str, trigger: str | None, expected: str) -> None:
    tok = token(text, anchor)
    trig = token(text, trigger) if trigger else None
    assert event_status(tok, trigger=trig) == expected


def test_present_tense_follows_the_verb_entry() -> None:
    text = "The delegation leaves Jeddah."
    assert event_status(token(text, "leaves"), present="held", is_verb=True) == "held"


def test_present_tense_with_a_day_is_planned() -> None:
    text = "Negotiators meet in Doha on Wednesday."
    assert event_status(token(text, "meet"), has_time=True) == "planned"
    assert event_status(token(text, "meet"), has_time=False) == "ongoing"


def test_time_expression_tense_decides_a_bare_noun() -> None:
    text = "Talks in Cairo on Sunday."
    assert event_status(token(text, "Talks"), time_tense="future") == "planned"
    assert event_status(token(text, "Talks"), time_tense="past") == "held"


def test_cue_words() -> None:
    cues = default_cues()
    assert status_from_words("were due to resume", cues) == "planned"
    assert status_from_words("wrapped up on friday", cues) == "held"
    assert status_from_words("the round is underway", cues) == "ongoing"
    assert status_from_words("the sides talked", cues) is None
    assert status_from_words("the summit is due", cues) == "planned"
    assert status_from_words("a second round was expected", cues) == "planned"
    assert status_from_words("the talks ended as expected", cues) == "held"


def test_cues_are_data() -> None:
    cues = compile_cues({"status": {"planned": ["penciled in"], "held": ["wrapped"]}})
    assert status_from_words("a meeting penciled in for may", cues) == "planned"
    assert status_from_words("they wrapped", cues) == "held"
