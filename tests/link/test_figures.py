"""Tests for parley.link.figures: the figures ledger across articles."""

from __future__ import annotations

from parley.link.figures import (
    FigureSeries,
    build_series,
    normalise_claimant,
    population,
    quantity_of,
)
from parley.records import Evidence, Figure, as_dict


def _fig(value: float | None, category: str = "killed", who: str = "people killed in Gaza", by: str | None = None,
         scope: str = "cumulative", unit: str | None = None, text: str | None = None) -> Figure:
    ev = Evidence(article_id="a", start=0, end=5, sentence="s", sentence_index=0, text="x")
    return Figure(value=value, qualifier="exact", category=category, who=who, attributed_to=by, evidence=ev,
                  value_text=text, unit=unit, scope=scope)


def _one(series: tuple[FigureSeries, ...], quantity: str) -> FigureSeries:
    found = [s for s in series if s.quantity == quantity]
    assert len(found) == 1, [s.quantity for s in series]
    return found[0]


def test_population_prefers_last_place_then_name_then_head_word() -> None:
    assert population("people killed in Israel's war in Gaza since October") == "Gaza"
    assert population("Palestinians") == "Palestinians"
    assert population("people, mostly women and children") == "people"
    assert population("civilians killed in Ukraine") == "Ukraine"


def test_quantity_keys() -> None:
    assert quantity_of(_fig(5)) == "killed in Gaza"
    assert quantity_of(_fig(5, category="hostages_held", who="hostages still held by Hamas")) == "hostages held"
    assert quantity_of(_fig(5, category="other", unit="detained", who="Palestinians")) == "detained"
    assert quantity_of(_fig(5, scope="incident")) == "killed in Gaza (incident)"
    assert quantity_of(_fig(5, who="Palestinians")) == "killed (Palestinians)"


def test_normalise_claimant() -> None:
    assert normalise_claimant("The Gaza health ministry") == "gaza health ministry"
    assert normalise_claimant("an NDMT tally") == "ndmt tally"
    assert normalise_claimant(None) == ""
    assert normalise_claimant("U.N. refugee agency (UNHCR)") == "unhcr"


def test_restated_figure_is_one_claim_with_every_outlet() -> None:
    records = [
        ("Outlet A", "2024-07-10", _fig(38000, by="Gaza health ministry")),
        ("Outlet B", "2024-07-10", _fig(38000, by="the Gaza Health Ministry")),
        ("Outlet A", "2024-07-10", _fig(38000, by="Gaza health ministry")),
    ]
    series = _one(build_series(records), "killed in Gaza")
    assert len(series.claims) == 1
    assert series.claims[0].outlets == ("Outlet A", "Outlet B")
    assert len(series.claims[0].evidence) == 2
    assert series.disagreements == ()


def test_series_over_time_sorted_by_date() -> None:
    records = [
        ("B", "2024-08-15", _fig(40005, by="Gaza health ministry")),
        ("A", "2024-07-10", _fig(38000, by="Gaza health ministry")),
        ("C", None, _fig(30000, by="Gaza health ministry")),
    ]
    claims = _one(build_series(records), "killed in Gaza").claims
    assert [c.value for c in claims] == [38000, 40005, 30000]  # undated claims last


def test_disagreement_between_claimants_on_close_dates() -> None:
    records = [
        ("A", "2024-03-01", _fig(30000, by="Gaza health ministry")),
        ("B", "2024-03-02", _fig(13000, by="Israel", who="people killed in Gaza")),
        ("C", "2024-05-20", _fig(35000, by="Gaza health ministry")),
    ]
    series = _one(build_series(records), "killed in Gaza")
    assert len(series.disagreements) == 1
    side = series.disagreements[0]
    assert {c.claimant for c in side} == {"Gaza health ministry", "Israel"}
    assert series.claimants == ("Gaza health ministry", "Israel")


def test_same_value_from_two_claimants_is_no_disagreement() -> None:
    records = [
        ("A", "2024-03-01", _fig(1200, by="Israel")),
        ("B", "2024-03-01", _fig(1200, by="Israeli tallies")),
    ]
    assert _one(build_series(records), "killed in Gaza").disagreements == ()


def test_vague_amounts_never_disagree_and_stay_separate_claims() -> None:
    records = [
        ("A", "2024-03-01", _fig(None, text="thousands", category="displaced", who="residents of Gaza City")),
        ("B", "2024-03-01", _fig(None, text="Thousands", category="displaced", who="residents of Gaza City")),
        ("C", "2024-03-01", _fig(5000, by="UN", category="displaced", who="residents of Gaza City")),
    ]
    series = build_series(records)
    assert len(series) == 1
    assert len(series[0].claims) == 2  # "thousands" merged across outlets, 5000 apart
    assert series[0].disagreements == ()


def test_categories_are_separate_series_and_serialise() -> None:
    records = [
        ("A", "2024-03-01", _fig(100, category="hostages_held", who="hostages")),
        ("A", "2024-03-01", _fig(33, category="hostages_released", who="hostages")),
    ]
    series = build_series(records)
    assert [s.quantity for s in series] == ["hostages held", "hostages released"]
    data = as_dict(series[0])
    assert data["claims"][0]["value"] == 100 and data["claims"][0]["outlets"] == ["A"]
