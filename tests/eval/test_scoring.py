"""The SCHEMA scorer, on records written for these tests."""

from __future__ import annotations

import pytest

from parley.eval.scoring import Scores, attribution_ok, normalize_name, score_all, true_publication_date


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("U.S.", "United States"),
        ("USA", "the United States"),
        ("el-Sisi", "Sisi"),
        ("Al-Qahera News", "Qahera News"),
        ("The Gaza Strip", "gaza strip"),
        ("Zelensky’s", "zelenskys"),
        ("Erdoğan", "Erdogan"),
    ],
)
def test_names_that_normalise_alike(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_distinct_names_stay_distinct() -> None:
    assert normalize_name("Egypt") != normalize_name("Egyptian")
    assert normalize_name("Al Thani") != normalize_name("Thani")  # only hyphenated prefixes drop


def _gold() -> dict:
    return {
        "id": "a",
        "published": None,
        "published_actual": "2024-03-05",
        "entities": [
            {"canonical": "Egypt", "type": "GPE", "forms": ["Egypt", "Egyptian"]},
            {"canonical": "Doha", "type": "GPE", "forms": ["Doha", "Qatar's capital"]},
            {"canonical": "Ghost", "type": "ORG", "forms": []},
        ],
        "meetings": [
            {"kind": "talks", "venue": "Doha", "date": None, "date_actual": "2024-03-06",
             "participants": ["Egypt", "Qatar"], "people": [], "status": "planned"},
        ],
        "figures": [
            {"value": 40000, "qualifier": "more than", "category": "killed", "attributed_to": "Gaza health ministry"},
            {"value": None, "value_text": "thousands", "qualifier": "about", "category": "displaced",
             "attributed_to": None},
        ],
        "positions": [{"actor": "Egypt", "issue": "withdrawal", "stance": "demands"}],
        "framing_terms": ["occupying entity"],
    }


def _pred() -> dict:
    return {
        "id": "a",
        "published_interval": ["2024-03-01", "2024-03-10"],
        "entities": [
            {"canonical": "Egypt", "forms": ["Egyptian"]},
            {"canonical": "Doha", "forms": ["Doha"]},
            {"canonical": "Tuesday", "forms": ["Tuesday"]},
        ],
        "meetings": [
            {"kind": "talks", "venue": "Qatar's capital", "date": None, "date_interval": ["2024-03-06", "2024-03-06"],
             "participants": ["Egyptian", "Qatar", "United States"], "people": []},
        ],
        "figures": [
            {"value": 40000, "qualifier": "about", "category": "killed", "attributed_to": "the Gaza health ministry"},
            {"value": None, "value_text": "many thousands", "qualifier": "about", "category": "displaced",
             "attributed_to": "UN"},
            {"value": 12, "qualifier": "exact", "category": "injured", "attributed_to": None},
        ],
        "positions": [{"actor": "Egyptian", "issue": "withdrawal", "stance": "demands"},
                      {"actor": "Egypt", "issue": "withdrawal", "stance": "rejects"}],
        "framing_terms": ["Occupying Entity", "aggression"],
    }


def test_scores_follow_the_schema_rules() -> None:
    scores = score_all({"a": _gold()}, {"a": _pred()}).as_dict()
    assert scores["entities"]["tp"] == 2 and scores["entities"]["fp"] == 1 and scores["entities"]["fn"] == 0
    assert scores["meetings"]["tp"] == 1  # venue matched through the alias "Qatar's capital"
    assert scores["meetings.participants_f1"]["value"] == pytest.approx(0.8)
    assert scores["meetings.date_accuracy"]["value"] == 1.0
    assert scores["figures"]["tp"] == 2 and scores["figures"]["fp"] == 1
    assert scores["figures.qualifier_accuracy"]["value"] == 0.5
    assert scores["figures.attribution_accuracy"]["value"] == 0.5
    assert scores["positions"]["tp"] == 1 and scores["positions"]["fp"] == 1
    assert scores["framing_terms"]["tp"] == 1
    assert scores["published_interval.contains_true_date"]["value"] == 1.0
    assert scores["published_interval_median_width_days"] == 9


def test_a_missing_prediction_is_all_false_negatives() -> None:
    scores = score_all({"a": _gold()}, {})
    assert scores.count("meetings").recall == 0.0
    assert scores.count("figures").fn == 2


def test_meeting_needs_the_same_date_when_both_are_set() -> None:
    gold = {"id": "x", "meetings": [{"venue": "Cairo", "date": "2024-02-13", "participants": ["Egypt"], "people": []}]}
    pred = {"id": "x", "meetings": [{"venue": "Cairo", "date": "2024-02-14", "participants": ["Egypt"], "people": []}]}
    assert score_all({"x": gold}, {"x": pred}).count("meetings").tp == 0
    pred["meetings"][0]["date"] = "2024-02-13"
    assert score_all({"x": gold}, {"x": pred}).count("meetings").tp == 1


def test_attribution_rule() -> None:
    assert attribution_ok(None, None)
    assert not attribution_ok(None, "Israel")
    assert attribution_ok("Hamas-run Gaza health ministry", "Gaza health ministry")
    assert not attribution_ok("Palestinian Authority", "Israel")


def test_true_date_from_estimate_text() -> None:
    assert true_publication_date({"published_estimate": "2024-07-09 (a Tuesday)"}) == "2024-07-09"
    assert true_publication_date({}) is None


def test_empty_scores_are_well_defined() -> None:
    assert Scores().as_dict() == {"articles": 0}
