"""Positions over time: party x issue histories, first/last seen and shifts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from parley.link.articles import article_infos
from parley.link.positions import PositionTrack, find_cue, link_positions
from parley.records import Article, ArticleRecord, Credits, Evidence, Position, PublicationDate
from parley.store.duckdb import DuckDBStore
from parley.store.memory import MemoryStore


def _pos(art_id: str, actor: str, issue: str, stance: str, sentence: str, span: str = "", **kw: str) -> Position:
    return Position(actor, issue, stance, Evidence(art_id, 0, len(sentence), sentence, 0, span or sentence), **kw)


def _record(art_id: str, outlet: str, positions: tuple[Position, ...], published: str | None = None,
            interval: tuple[str, str] | None = None) -> ArticleRecord:  # fmt: skip
    text = " ".join(p.evidence.sentence for p in positions)
    art = Article(art_id, text, f"{art_id}.txt", outlet=outlet, content_hash=hashlib.sha256(text.encode()).hexdigest())
    return ArticleRecord(art, outlet, PublicationDate(published, interval), (), Credits(), None, positions=positions)


RECORDS = [
    _record("b", "Paper Two", (
        _pos("b", "Hamas", "permanent ceasefire", "accepts",
             "Hamas dropped its insistence on an up-front pledge to end the war, a source said.",
             "dropped its insistence on an up-front pledge"),
        _pos("b", "Israel", "Philadelphi corridor", "demands",
             "Israel wants its troops to stay along the border strip.", "wants its troops to stay"),
    ), interval=("2024-07-07", "2024-07-20")),
    _record("a", "Paper One", (
        _pos("a", "Hamas", "permanent ceasefire", "demands",
             "Hamas insists any deal must end the war for good.", "insists any deal must end the war"),
        _pos("a", "Hamas", "other", "demands", "Hamas wants reconstruction guarantees.", detail="reconstruction"),
    ), published="2024-02-10"),
    _record("c", "Paper Three", (
        _pos("c", "Hamas", "permanent ceasefire", "accepts",
             "Hamas accepted the phased framework while Israel dropped nothing.", "accepted the phased framework"),
        _pos("c", "Israel", "Philadelphi corridor", "demands",
             "Hamas softened its stance while Israel insisted on keeping troops on the border strip.",
             "insisted on keeping troops"),
    ), published="2024-08-01"),
]  # fmt: skip


@pytest.fixture(params=["memory", "duckdb"])
def tracks(request: pytest.FixtureRequest, tmp_path: Path) -> list[PositionTrack]:
    store = MemoryStore() if request.param == "memory" else DuckDBStore(tmp_path / "p.duckdb")
    store.add(RECORDS)
    out = link_positions(store.rows("positions"), article_infos(store.rows("articles")))
    store.close()
    return out


def _track(tracks: list[PositionTrack], actor: str, issue: str) -> PositionTrack:
    return next(t for t in tracks if t.actor == actor and t.issue == issue)


def test_history_is_ordered_by_publication_with_first_and_last_seen(tracks: list[PositionTrack]) -> None:
    track = _track(tracks, "Hamas", "permanent ceasefire")
    assert [r.stance for r in track.history] == ["demands", "accepts", "accepts"]
    assert [r.article.id for r in track.history] == ["a", "b", "c"]
    assert track.first_seen == "2024-02-10"
    assert track.last_seen == "2024-08-01"
    assert track.current == ("accepts",)
    assert track.outlets == ("Paper One", "Paper Two", "Paper Three")


def test_shifts_from_stance_changes_and_from_cues(tracks: list[PositionTrack]) -> None:
    track = _track(tracks, "Hamas", "permanent ceasefire")
    assert track.shifts[0] == "demands -> accepts (~2024-07-07..07-20; Paper Two)"
    assert "dropped: accepts (~2024-07-07..07-20; Paper Two)" in track.shifts
    assert len(track.shifts) == 2  # accepting again in August is no new shift


def test_a_cue_about_another_party_is_not_this_partys_shift(tracks: list[PositionTrack]) -> None:
    israel = _track(tracks, "Israel", "Philadelphi corridor")
    assert israel.shifts == ()
    assert [r.cue for r in israel.history] == [None, None]


def test_other_issue_keeps_its_detail(tracks: list[PositionTrack]) -> None:
    other = _track(tracks, "Hamas", "other")
    assert other.detail == "reconstruction" and other.label == "other: reconstruction"
    assert [t.actor for t in tracks] == sorted((t.actor for t in tracks), key=str.casefold)


def test_find_cue_reads_the_lexicon() -> None:
    assert find_cue("the group backed down on its demand") == "backed down"
    assert find_cue("nothing changed", "Qatar relented after a day.", "Qatar") == "relented"
    assert find_cue("nothing changed", "Egypt relented after a day.", "Qatar") is None
    assert find_cue("Israel maintained its demand") is None
