"""Tests for parley.extract.time: the table of expressions, tense, traps, helpers."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from parley.annotate.nlp import annotate_text
from parley.extract.time import (
    event_tense,
    find_expressions,
    find_times,
    resolve_expression,
    times_in_span,
    weekday_date,
)
from parley.records import Document, TimeExpr

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "time_cases.yaml").read_text(encoding="utf-8"))


@cache
def annotated(text: str) -> Document:
    return annotate_text(text)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _anchor(value: Any) -> date | tuple[date, date]:
    if isinstance(value, list):
        return _day(value[0]), _day(value[1])
    return _day(value)


def _expected(case: dict[str, Any]) -> tuple[str | None, str | None]:
    exp = case["expect"]
    return (None, None) if exp is None else (_day(exp[0]).isoformat(), _day(exp[1]).isoformat())


def _case_id(case: dict[str, Any]) -> str:
    return f"{case.get('expr') or case.get('phrase')}@{case['anchor']}"


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    anchor = _anchor(case["anchor"])
    start = _day(case["start"]) if case.get("start") else None
    if "phrase" in case:
        got = resolve_expression(case["phrase"], anchor, case.get("tense", "unknown"), conflict_start=start)
        assert got == _expected(case)
        return
    times = find_times(annotated(case["sentence"]), anchor, start)
    match = [t for t in times if t.text == case["expr"]]
    assert match, f"{case['expr']!r} not found among {[t.text for t in times]}"
    t = match[0]
    assert (t.start_date, t.end_date) == _expected(case)
    if "tense" in case:
        assert t.tense == case["tense"]
    if "kind" in case:
        assert t.kind == case["kind"]
    if isinstance(anchor, date):
        assert t.certain == (t.start_date is not None)
    else:
        assert not t.certain


# ---------------------------------------------------------------- date-parser traps


@pytest.mark.parametrize(
    "sentence",
    [
        "Hamas may accept the proposal if the guarantees hold.",
        "Thousands joined a march on the capital demanding a truce.",
        "Supporters plan to march on the parliament next door.",
        "March on the capital drew crowds of students.",
        "Fighting entered the second day near the crossing.",
        "The Sun and the Sunday Times both ran the story.",
        "The Good Friday Agreement is often cited as a model.",
        "USA Today reported the figures first.",
        "The Mar-a-Lago meeting was brief.",
        "Resolution 2334 was adopted by the council.",
        "The convoy carried 2,024 tonnes of flour.",
    ],
)
def test_traps_give_no_time(sentence: str) -> None:
    assert find_times(annotated(sentence), date(2024, 7, 10)) == ()


def test_may_the_verb_and_may_the_month() -> None:
    times = find_times(annotated("The envoy may travel to Cairo in May."), date(2024, 3, 1))
    assert [(t.text, t.start_date, t.end_date) for t in times] == [("in May", "2024-05-01", "2024-05-31")]


def test_march_the_noun_and_march_the_month() -> None:
    times = find_times(annotated("The march on the ministry took place in March."), date(2024, 7, 10))
    assert [(t.text, t.start_date) for t in times] == [("in March", "2024-03-01")]


@pytest.mark.parametrize("word", ["may", "march", "sun", "second", "May", "a second day", "Sat"])
def test_bare_words_do_not_resolve(word: str) -> None:
    assert resolve_expression(word, date(2024, 8, 22), "past") == (None, None)


def test_dateparser_itself_falls_into_the_traps() -> None:
    """Why dateparser never sees free text: it reads ordinary words as dates."""
    import dateparser

    settings: Any = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": __import__("datetime").datetime(2024, 8, 22)}
    assert dateparser.parse("march", settings=settings) is not None
    assert dateparser.parse("sun", settings=settings) is not None


def test_year_less_date_follows_the_tense() -> None:
    anchor = date(2024, 8, 22)
    assert resolve_expression("Sept. 3", anchor, "past") == ("2023-09-03", "2023-09-03")
    assert resolve_expression("Sept. 3", anchor, "future") == ("2024-09-03", "2024-09-03")


# ---------------------------------------------------------------- tense


@pytest.mark.parametrize(
    ("sentence", "word", "tense"),
    [
        ("The envoys held talks in Cairo on Tuesday.", "Tuesday", "past"),
        ("The envoys will hold talks in Cairo on Tuesday.", "Tuesday", "future"),
        ("The envoys have held talks in Cairo since Tuesday.", "Tuesday", "past"),
        ("The envoys are due to hold talks on Tuesday.", "Tuesday", "future"),
        ("The envoys hold talks in Cairo on Tuesday.", "Tuesday", "present"),
        ("Officials said the envoys would return on Tuesday.", "Tuesday", "future"),
        ("The envoys had met on Tuesday before the strike.", "Tuesday", "past"),
        ("Envoys to meet in Cairo on Tuesday", "Tuesday", "future"),
        ("Hamas is expected to reply by Tuesday.", "Tuesday", "future"),
        ("The premier, speaking on Sunday, said the army would not yield.", "Sunday", "past"),
        ("Negotiators meeting in Cairo on Tuesday will review the draft.", "Tuesday", "future"),
        ("The cabinet is set to meet on Thursday.", "Thursday", "future"),
        ("A meeting is scheduled for Friday.", "Friday", "future"),
        ("The meeting on Friday was cancelled.", "Friday", "past"),
        ("Monday's meeting ended without agreement.", "Monday", "past"),
        ("Witnesses said air strikes on Tuesday killed 20 people.", "Tuesday", "past"),
        ("The envoy is heading to Doha on Sunday for talks.", "Sunday", "present"),
        ("The talks that started in Doha on Thursday will resume next week.", "Thursday", "past"),
    ],
)
def test_event_tense(sentence: str, word: str, tense: str) -> None:
    doc = annotated(sentence)
    index = next(t.i for t in doc.parse if t.text == word)
    assert event_tense(doc, index) == tense


# ---------------------------------------------------------------- helpers


def test_weekday_date_directions() -> None:
    wed = date(2024, 7, 10)
    assert weekday_date(2, wed, "past") == wed
    assert weekday_date(2, wed, "future") == wed
    assert weekday_date(2, wed, "before") == date(2024, 7, 3)
    assert weekday_date(2, wed, "after") == date(2024, 7, 17)
    assert weekday_date(0, wed, "past") == date(2024, 7, 8)
    assert weekday_date(0, wed, "future") == date(2024, 7, 15)


def test_times_in_span_uses_cleaned_offsets_and_evidence_is_raw() -> None:
    text = "Talks resumed on Monday. Envoys will return next week."
    doc = annotated(text)
    times = find_times(doc, date(2024, 7, 10))
    first_sentence = doc.sentences[0]
    inside = times_in_span(times, first_sentence.start, first_sentence.end)
    assert [t.text for t in inside] == ["on Monday"]
    t = inside[0]
    assert text[t.cstart : t.cend] == "on Monday"
    assert (t.evidence.start, t.evidence.end) == (t.cstart, t.cend)  # no cleaning here: raw == cleaned
    assert t.evidence.sentence == first_sentence.text


def test_without_anchor_only_dates_with_a_year_resolve() -> None:
    times = find_times(annotated("The deal of March 3, 2023 collapsed on Tuesday."), None)
    got = {t.text: (t.start_date, t.certain) for t in times}
    assert got == {"March 3, 2023": ("2023-03-03", True), "on Tuesday": (None, False)}


def test_certainty_depends_on_the_anchor() -> None:
    doc = annotated("Negotiators met in Doha on Tuesday.")
    (known,) = find_times(doc, date(2024, 7, 10))
    (estimated,) = find_times(doc, (date(2024, 7, 9), date(2024, 7, 10)))
    assert known.certain and not estimated.certain
    assert known.start_date == estimated.start_date == "2024-07-09"


def test_expressions_do_not_overlap() -> None:
    found = find_expressions("Talks on Thursday and Friday follow meetings late on Sunday and last week.")
    spans = [(f.start, f.end) for f in found]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert [f.text for f in found] == ["on Thursday and Friday", "late on Sunday", "last week"]


def test_time_expr_fields() -> None:
    (t,) = find_times(annotated("The army said on Friday it had withdrawn."), date(2023, 3, 5))
    assert isinstance(t, TimeExpr)
    assert (t.kind, t.tense, t.start_date) == ("weekday", "past", "2023-03-03")


# --------------------------------------------------------------------------- scanning shortcuts

SCAN_TEXTS = (
    "Envoys met in early March and again on Tuesday evening, three weeks after the truce began.",
    "The war, now in its ninth month, entered a new phase within March; talks resume in 2025.",
    "Since mid-October, 1,200 people have fled; the 100-day-old offensive shows no sign of ending.",
    "A sınce-style spelling, a ſince, and İN MARCH must not hide a match the engine would make.",
    "No dates at all in this sentence, only words like ago-go and tomorrowland.",
    "",
)


def _plain_rules() -> list[tuple[str, Any]]:
    import re

    from parley.extract.time import LEXICON_PATH, _placeholders

    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    holders = _placeholders(data)
    return [
        (spec["name"], re.compile(re.sub(r"\{(\w+)\}", lambda m: holders.get(m.group(1), m.group(0)), spec["pattern"])))
        for spec in data["rules"]
    ]


def _matches(regex: Any, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in regex.finditer(text)]


def test_guarded_rules_match_exactly_like_the_plain_patterns() -> None:
    from parley.extract.time import lexicon

    rules = {rule.name: rule for rule in lexicon().rules}
    guarded = 0
    for name, plain in _plain_rules():
        rule = rules[name]
        guarded += rule.regex.pattern.startswith("(?=")
        for text in SCAN_TEXTS:
            assert _matches(rule.regex, text) == _matches(plain, text), (name, text)
    assert guarded >= len(rules) // 2


def test_needed_words_are_in_every_match() -> None:
    from parley.extract.time import _fold, lexicon

    plain = dict(_plain_rules())
    with_needs = [rule for rule in lexicon().rules if rule.needs]
    assert with_needs
    for rule in with_needs:
        for text in SCAN_TEXTS:
            folded = _fold(text)
            if not all(any(word in folded for word in words) for words in rule.needs):
                assert not _matches(plain[rule.name], text), (rule.name, text)


def test_folding_keeps_what_the_engine_matches_ignoring_case() -> None:
    import re

    from parley.extract.time import _fold

    for written in ("sınce", "ſince", "SİNCE", "\u212aeep"):
        word = "since" if "eep" not in written else "keep"
        assert re.fullmatch(f"(?i:{word})", written)
        assert word in _fold(written)


def test_patterns_the_analysis_does_not_know_keep_no_shortcut() -> None:
    import re

    from parley.extract.time import _first_char_guard, _needed_words

    any_char = re.compile(r"[^,]\s+ago")
    assert _first_char_guard(any_char) is any_char
    assert _first_char_guard(re.compile(r"(\w)\1 days")).pattern.startswith("(?=[\\w])")
    optional = re.compile(r"(?:on\s+)?")
    assert _first_char_guard(optional) is optional
    assert _needed_words(re.compile(r"(?:in|by)\s+(?P<mon>(?i:March|April))")) == (
        frozenset({"in", "by"}),
        frozenset({"march", "april"}),
    )


@pytest.mark.parametrize("tense", ["past", "future"])
def test_year_less_days_take_the_year_dateparser_gives(tense: str) -> None:
    import itertools
    from datetime import datetime

    import dateparser

    from parley.extract.time import _preferred_day

    anchors = (date(2024, 2, 29), date(2023, 12, 31), date(2024, 10, 7), date(2100, 2, 28))
    days = ((10, 7), (2, 29), (1, 1), (12, 31), (4, 31), (3, 1))
    for anchor, (month, day) in itertools.product(anchors, days):
        settings: Any = {
            "PREFER_DATES_FROM": tense,
            "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
            "REQUIRE_PARTS": ["day", "month"],
            "DATE_ORDER": "MDY",
        }
        parsed = dateparser.parse(f"{date(2000, month, 1):%B} {day}", languages=["en"], settings=settings)
        ok = parsed is not None and (parsed.month, parsed.day) == (month, day)
        assert _preferred_day(month, day, anchor, tense) == (parsed.date() if ok and parsed else None)
