"""Outlet comparison: exclusives, omissions, loaded terms, quoted sides and copy share."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from parley.link.articles import article_infos
from parley.link.outlets import OutletProfile, compare_outlets, figure_label
from parley.link.rounds import link_rounds
from parley.records import (
    Article,
    ArticleRecord,
    Credits,
    Evidence,
    Figure,
    FramingTerm,
    Meeting,
    OriginGroup,
    PublicationDate,
    Quote,
)
from parley.store.duckdb import DuckDBStore
from parley.store.memory import MemoryStore


def _ev(art_id: str, sentence: str) -> Evidence:
    return Evidence(art_id, 0, len(sentence), sentence, 0, sentence[:20])


def _talks(art_id: str, venue: str, day: str) -> Meeting:
    ev = _ev(art_id, f"Talks were held in {venue}.")
    return Meeting("talks", venue, day, None, ("Egypt", "Qatar"), (), "held", ev)


def _toll(art_id: str, value: float, by: str) -> Figure:
    return Figure(value, "at least", "killed", "people in Gaza", by, _ev(art_id, f"At least {value:.0f} were killed."))


def _record(art_id: str, outlet: str, day: str, wire: str | None = None, **facts: tuple) -> ArticleRecord:  # type: ignore[type-arg]
    text = f"{art_id} {outlet} {day}"
    art = Article(art_id, text, f"{art_id}.txt", outlet=outlet, content_hash=hashlib.sha256(text.encode()).hexdigest())
    return ArticleRecord(art, outlet, PublicationDate(day, (day, day)), (), Credits(wire=wire), None, **facts)


RECORDS = [
    _record("a1", "Daily Lantern", "2024-05-02",
            meetings=(_talks("a1", "Cairo", "2024-05-01"),), figures=(_toll("a1", 34500, "the health ministry"),),
            framing=(FramingTerm("occupation forces", "Israel", _ev("a1", "The occupation forces advanced.")),
                     FramingTerm("Occupation forces", "Israel", _ev("a1", "Occupation forces shelled it."))),
            quotes=(Quote("We want a deal", "Khalil al-Hayya", "Hamas", True, _ev("a1", "We want a deal, he said.")),
                    Quote("Talks go on", None, "Egypt", False, _ev("a1", "Talks go on, an official said."), True))),
    _record("a2", "Daily Lantern", "2024-05-20", wire="AFP",
            meetings=(_talks("a2", "Doha", "2024-05-19"),)),
    _record("b1", "Morning Ledger", "2024-05-14",
            meetings=(_talks("b1", "Cairo", "2024-05-01"),), figures=(_toll("b1", 34500, "the health ministry"),),
            quotes=(Quote("No deal without hostages", "Benjamin Netanyahu", "Israel", True,
                          _ev("b1", "No deal without hostages, he said.")),)),
    _record("c1", "Evening Star", "2024-09-10", figures=(_toll("c1", 41000, "the health ministry"),)),
]  # fmt: skip


@pytest.fixture(params=["memory", "duckdb"])
def profiles(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, OutletProfile]:
    store = MemoryStore() if request.param == "memory" else DuckDBStore(tmp_path / "o.duckdb")
    store.add(RECORDS)
    store.set_origins([OriginGroup("b1", ("b1", "c1"), (("b1", "origin"), ("c1", "spun")))])
    infos = article_infos(store.rows("articles"), store.rows("origins"))
    rounds = link_rounds(store.rows("meetings"), infos)
    out = compare_outlets(infos, rounds, store.rows("figures"), store.rows("framing"), store.rows("quotes"))
    store.close()
    return {p.outlet: p for p in out}


def test_outlets_listed_with_their_articles_most_first(profiles: dict[str, OutletProfile]) -> None:
    assert list(profiles)[0] == "Daily Lantern"
    assert profiles["Daily Lantern"].articles == ("a1", "a2")
    assert (profiles["Daily Lantern"].first_seen, profiles["Daily Lantern"].last_seen) == ("2024-05-02", "2024-05-20")


def test_exclusive_and_left_out_facts(profiles: dict[str, OutletProfile]) -> None:
    lantern, ledger, star = profiles["Daily Lantern"], profiles["Morning Ledger"], profiles["Evening Star"]
    assert [f.label for f in lantern.exclusive] == ["talks in Doha (2024-05-19; Egypt, Qatar)"]
    assert lantern.left_out == ()
    assert [f.label for f in ledger.left_out] == [
        "talks in Doha (2024-05-19; Egypt, Qatar)"
    ]  # a week after its article
    assert ledger.exclusive == ()
    assert [f.label for f in star.exclusive] == ["killed: at least 41,000 people in Gaza (per the health ministry)"]
    assert star.left_out == ()  # nothing else was reported in September


def test_loaded_terms_quoted_sides_and_copies(profiles: dict[str, OutletProfile]) -> None:
    lantern = profiles["Daily Lantern"]
    assert lantern.loaded_terms == (("occupation forces", 2),)
    assert lantern.quoted == (("Egypt", (("an unnamed source", 1),)), ("Hamas", (("Khalil al-Hayya", 1),)))
    assert lantern.copies == 1 and lantern.copy_share == 0.5  # a2 carries AFP
    assert profiles["Evening Star"].copies == 1  # a spun copy of b1
    assert profiles["Morning Ledger"].copies == 0


def test_figure_label_for_vague_and_exact_values() -> None:
    assert figure_label({"value": None, "value_text": "thousands", "category": "displaced", "who": "residents"}) == (
        "displaced: thousands residents"
    )
    assert figure_label({"value": 253.0, "qualifier": "exact", "category": "hostages_held"}) == "hostages_held: 253"


def test_an_agencys_own_stories_are_not_copies_and_its_acronym_is_its_wire() -> None:
    store = MemoryStore()
    store.add([
        _record("w1", "Northern Wire Agency", "2024-05-02", wire="Northern Wire Agency",
                meetings=(_talks("w1", "Cairo", "2024-05-01"),)),
        _record("p1", "Daily Lantern", "2024-05-02", wire="NWA", meetings=(_talks("p1", "Cairo", "2024-05-01"),)),
    ])  # fmt: skip
    infos = article_infos(store.rows("articles"))
    assert infos["p1"].wire_key == "northern wire agency" and infos["p1"].carries_wire
    assert not infos["w1"].carries_wire
    rounds = link_rounds(store.rows("meetings"), infos)
    assert len(rounds) == 1 and rounds[0].round.independent_outlets == 1  # one agency's story, twice
    profiles = {p.outlet: p for p in compare_outlets(infos, rounds)}
    assert profiles["Northern Wire Agency"].copies == 0 and profiles["Daily Lantern"].copies == 1
