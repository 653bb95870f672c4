"""The figures ledger: series per quantity, claimants side by side, disputes marked, and
the fallback grouping when the figure linker is not installed."""

from __future__ import annotations

import hashlib
from typing import Any

from parley.link.articles import article_infos
from parley.records import Article, ArticleRecord, Credits, Evidence, Figure, PublicationDate
from parley.report.ledger import build_ledger, figure_text, group_series
from parley.store.memory import MemoryStore


def _record(art_id: str, outlet: str, published: str | None, interval: tuple[str, str] | None,
            *figures: tuple[float, str, str | None]) -> ArticleRecord:  # fmt: skip
    facts, text = [], ""
    for value, qualifier, claimant in figures:
        sentence = f"{claimant or 'Medics'} count {value:,.0f} dead in Khartoum."
        ev = Evidence(art_id, len(text), len(text) + len(sentence), sentence, len(facts), f"{value:,.0f}")
        text += sentence + " "
        facts.append(Figure(value, qualifier, "killed", "people in Khartoum", claimant, ev, scope="cumulative"))
    art = Article(art_id, text, f"{art_id}.txt", outlet=outlet, content_hash=hashlib.sha256(text.encode()).hexdigest())
    return ArticleRecord(art, outlet, PublicationDate(published, interval), (), Credits(), None, figures=tuple(facts))


def _store() -> Any:
    store = MemoryStore()
    store.add([
        _record("a", "Paper One", "2024-06-01", None, (15000, "at least", "the UN")),
        _record("b", "Paper Two", "2024-06-02", None, (20000, "about", "a doctors' union"),
                (15000, "at least", "The UN")),
        _record("c", "Paper Three", None, ("2024-08-01", "2024-08-21"), (24000, "more than", "the UN")),
        _record("d", "Paper Four", None, None, (5, "exact", None)),
    ])  # fmt: skip
    return store


def test_linked_series_keep_claimants_apart_and_mark_disputes() -> None:
    store = _store()
    series = build_ledger(store.rows("figures"), article_infos(store.rows("articles")))
    killed = next(s for s in series if s.label == "killed in Khartoum")
    points = [(p.figure, p.claimant, p.when, p.outlets) for p in killed.points]
    assert points[:3] == [
        ("at least 15,000", "the UN", "2024-06-01", ("Paper One",)),
        ("about 20,000", "a doctors' union", "2024-06-02", ("Paper Two",)),
        ("at least 15,000", "The UN", "2024-06-02", ("Paper Two",)),
    ]
    assert points[3] == ("more than 24,000", "the UN", "~2024-08-01..08-21", ("Paper Three",))
    assert [p.disputed for p in killed.points[:4]] == [True, True, True, False]
    assert points[-1][2] == ""  # no date at all: last


def test_fallback_groups_by_category_and_merges_reports() -> None:
    store = _store()
    series = group_series(store.rows("figures"), article_infos(store.rows("articles")))
    assert [s.label for s in series] == ["killed"]
    points = series[0].points
    assert len(points) == 5 and points[0].claimant == "the UN" and points[-1].claimant == "unattributed"
    assert all(len(p.evidence) == 1 for p in points)


def test_figure_text() -> None:
    assert figure_text(38000.0, "more than", None) == "more than 38,000"
    assert figure_text(100.0, "exact", None, 150.0) == "100-150"
    assert figure_text(None, "about", "thousands") == "thousands"
    assert figure_text(2.5, "about", None) == "about 2.5"
