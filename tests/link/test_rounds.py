"""Rounds: meetings of different articles merged into timeline entries, over both stores."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley.link.articles import article_infos
from parley.link.rounds import LinkedRound, link_rounds
from parley.records import Article, ArticleRecord, Credits, Evidence, Meeting, OriginGroup, PublicationDate
from parley.store.duckdb import DuckDBStore
from parley.store.memory import MemoryStore


def _meeting(art_id: str, sentence: str, venue: str | None, parties: tuple[str, ...], **kw: Any) -> Meeting:
    ev = Evidence(art_id, 0, len(sentence), sentence, kw.pop("sentence_index", 0), sentence[:30])
    return Meeting(
        kind=kw.pop("kind", "talks"),
        venue=venue,
        date=kw.pop("date", None),
        date_text=kw.pop("date_text", None),
        participants=parties,
        people=kw.pop("people", ()),
        status=kw.pop("status", "held"),
        evidence=ev,
        **kw,
    )


def _record(art_id: str, outlet: str | None, meetings: tuple[Meeting, ...], **kw: Any) -> ArticleRecord:
    text = kw.pop("text", " ".join(m.evidence.sentence for m in meetings) or art_id)
    art = Article(
        id=art_id, text=text, source=f"{art_id}.txt", outlet=outlet,
        content_hash=hashlib.sha256(f"{art_id}:{text}".encode()).hexdigest(),
    )  # fmt: skip
    return ArticleRecord(
        article=art,
        outlet=outlet,
        published=PublicationDate(kw.pop("published", None), kw.pop("interval", None)),
        boilerplate=(),
        credits=Credits(wire=kw.pop("wire", None)),
        dateline=None,
        meetings=meetings,
    )


@pytest.fixture(params=["memory", "duckdb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    st: Any = MemoryStore() if request.param == "memory" else DuckDBStore(tmp_path / "t.duckdb")
    yield st
    st.close()


def _rounds(store: Any, records: list[ArticleRecord], groups: tuple[OriginGroup, ...] = ()) -> list[LinkedRound]:
    store.add(records)
    if groups:
        store.set_origins(groups)
    infos = article_infos(store.rows("articles"), store.rows("origins"))
    return link_rounds(store.rows("meetings"), infos)


JULY = ("2024-07-08", "2024-08-04")


def test_undated_reports_of_one_resumption_merge_into_one_round(store: Any) -> None:
    a = _record("a", "Harbour Daily", (
        _meeting("a", "Mediators will reconvene in Doha on Wednesday, Egyptian officials said.", "Doha",
                 ("Egypt", "Qatar"), date_text="on Wednesday", status="planned"),
    ), interval=JULY)  # fmt: skip
    b = _record("b", "Valley Courier", (
        _meeting("b", "Negotiators return to Doha on Wednesday with a US envoy in tow.", "Doha",
                 ("Qatar", "United States", "Egypt"), date_text="on Wednesday", status="planned"),
    ), interval=("2024-07-09", "2024-08-06"))  # fmt: skip
    rounds = _rounds(store, [a, b])
    assert len(rounds) == 1
    rnd = rounds[0].round
    assert rnd.venue == "Doha"
    assert set(rnd.outlets) == {"Harbour Daily", "Valley Courier"}
    assert rnd.independent_outlets == 2
    assert rounds[0].estimated
    assert rnd.date_from is not None and rnd.date_to is not None
    assert rnd.date_from <= "2024-07-10" <= rnd.date_to
    assert {e.article_id for e in rnd.evidence} == {"a", "b"}
    assert set(rnd.participants) == {"Egypt", "Qatar", "United States"}
    assert rnd.participants[:2] in (("Egypt", "Qatar"), ("Qatar", "Egypt"))  # named by both reports first


def test_estimated_reports_naming_different_weekdays_stay_apart(store: Any) -> None:
    a = _record("a", "Harbour Daily", (
        _meeting("a", "Envoys met in Cairo on Tuesday.", "Cairo", ("Egypt", "United States"),
                 date_text="on Tuesday", kind="meeting"),
    ), interval=JULY)  # fmt: skip
    b = _record("b", "Valley Courier", (
        _meeting("b", "Talks move to Cairo on Thursday.", "Cairo", ("Egypt",), date_text="on Thursday",
                 status="planned"),
    ), interval=JULY)  # fmt: skip
    rounds = _rounds(store, [a, b])
    assert len(rounds) == 2
    assert all(r.round.independent_outlets == 1 for r in rounds)


def test_two_meetings_of_one_article_are_never_merged(store: Any) -> None:
    a = _record("a", "Harbour Daily", (
        _meeting("a", "Delegates gathered in Cairo on Sunday.", "Cairo", ("Hamas", "Egypt"), date="2024-05-05"),
        _meeting("a", "A second session in Cairo took place on Sunday evening.", "Cairo", ("Hamas", "Qatar"),
                 date="2024-05-05", sentence_index=3),
    ), published="2024-05-06")  # fmt: skip
    assert len(_rounds(store, [a])) == 2


def test_copies_and_shared_wire_count_once(store: Any) -> None:
    def rec(art_id: str, outlet: str, wire: str | None = None) -> ArticleRecord:
        sentence = f"Officials met in Amman on Monday ({art_id})."
        meeting = _meeting(art_id, sentence, "Amman", ("Jordan", "Ukraine"), date="2024-03-04")
        return _record(art_id, outlet, (meeting,), published="2024-03-05", wire=wire)

    records = [rec("a", "Paper One"), rec("b", "Paper Two"), rec("c", "Paper 3", "AFP"), rec("d", "Paper 4", "AFP")]
    rounds = _rounds(store, records, (OriginGroup("a", ("a", "b"), (("a", "origin"), ("b", "near"))),))
    assert len(rounds) == 1
    assert len(rounds[0].round.outlets) == 4
    assert rounds[0].round.independent_outlets == 2  # a+b are copies, c+d carry one wire


def test_close_but_different_dates_merge_with_a_conflict_note(store: Any) -> None:
    a = _record("a", "Paper One", (
        _meeting("a", "The sides met in Istanbul on 12 March.", "Istanbul", ("Russia", "Ukraine", "Turkey"),
                 date="2024-03-12"),
    ), published="2024-03-13")  # fmt: skip
    b = _record("b", "Paper Two", (
        _meeting("b", "The sides met in Istanbul on 14 March.", "Istanbul", ("Ukraine", "Russia"), date="2024-03-14"),
    ), published="2024-03-15")  # fmt: skip
    c = _record("c", "Paper Three", (
        _meeting("c", "A new session opened in Istanbul a month on.", "Istanbul", ("Ukraine", "Russia"),
                 date="2024-04-15"),
    ), published="2024-04-15")  # fmt: skip
    rounds = _rounds(store, [a, b, c])
    assert [(r.round.date_from, r.round.date_to) for r in rounds] == [
        ("2024-03-12", "2024-03-14"),
        ("2024-04-15", "2024-04-15"),
    ]
    notes = rounds[0].round.conflicts
    assert len(notes) == 1 and "2024-03-12 (Paper One)" in notes[0] and "2024-03-14 (Paper Two)" in notes[0]
    assert rounds[1].round.conflicts == ()


def test_same_encounter_placed_in_two_venues_is_flagged_on_both(store: Any) -> None:
    parties = ("Sudan", "Saudi Arabia", "United States")
    a = _record("a", "Paper One", (_meeting("a", "Envoys met in Jeddah.", "Jeddah", parties, date="2024-08-14"),),
                published="2024-08-15")  # fmt: skip
    b = _record("b", "Paper Two", (_meeting("b", "Envoys met in Geneva.", "Geneva", parties, date="2024-08-14"),),
                published="2024-08-15")  # fmt: skip
    rounds = _rounds(store, [a, b])
    assert len(rounds) == 2
    by_venue = {r.round.venue: r.round.conflicts for r in rounds}
    assert by_venue["Jeddah"] == ("other reports place it in Geneva (Paper Two)",)
    assert by_venue["Geneva"] == ("other reports place it in Jeddah (Paper One)",)


def test_disjoint_parties_in_one_venue_are_different_rounds(store: Any) -> None:
    a = _record("a", "Paper One", (_meeting("a", "Talks in Doha.", "Doha", ("Congo", "Rwanda"), date="2024-06-01"),),
                published="2024-06-02")  # fmt: skip
    b = _record("b", "Paper Two", (_meeting("b", "Talks in Doha.", "Doha", ("Israel", "Hamas"), date="2024-06-01"),),
                published="2024-06-02")  # fmt: skip
    assert len(_rounds(store, [a, b])) == 2


def test_timeline_order_dated_then_estimated_by_interval_then_undated(store: Any) -> None:
    records = [
        _record("late", "Paper One", (_meeting("late", "Talks in Cairo.", "Cairo", ("Egypt",), date="2024-08-22"),),
                published="2024-08-22"),
        _record("est", "Paper Two", (_meeting("est", "Talks in Cairo on Sunday.", "Cairo", ("Hamas",),
                                              date_text="on Sunday"),), interval=("2024-04-08", "2024-05-06")),
        _record("undated", "Paper Three", (_meeting("undated", "Talks in Paris soon.", "Paris", ("Israel",),
                                                    date_text="next week", status="planned"),)),
        _record("early", "Paper Four", (_meeting("early", "Talks in Cairo.", "Cairo", ("Qatar",), date="2024-02-13"),),
                published="2024-02-14"),
    ]  # fmt: skip
    rounds = _rounds(store, records)
    assert [r.articles for r in rounds] == [("early",), ("est",), ("late",), ("undated",)]
    assert rounds[1].when.startswith("~2024-04-01..")  # a held meeting may precede publication by a week
    assert rounds[3].round.date_from is None and rounds[3].when == "next week"


def test_wide_ranges_are_estimates_and_weekdays_must_agree(store: Any) -> None:
    window = ("2024-07-10", "2024-08-07")  # a weekday placed within a four-week publication interval
    a = _record("a", "Paper One", (
        _meeting("a", "Envoys met in Cairo on Tuesday.", "Cairo", ("Egypt", "United States"), kind="meeting",
                 date_text="on Tuesday", date_interval=("2024-07-09", "2024-08-06")),
        _meeting("a", "Talks move to Cairo on Thursday.", "Cairo", ("Egypt",), date_text="on Thursday",
                 status="planned", date_interval=("2024-07-11", "2024-08-08"), sentence_index=2),
    ), interval=window)  # fmt: skip
    b = _record("b", "Paper Two", (
        _meeting("b", "Negotiators go on to Cairo on Thursday.", "Cairo", ("Egypt",), date_text="on Thursday",
                 status="planned", date_interval=("2024-07-11", "2024-08-08")),
    ), interval=window)  # fmt: skip
    rounds = _rounds(store, [a, b])
    assert sorted(r.articles for r in rounds) == [("a",), ("a", "b")]
    assert all(r.estimated for r in rounds)
    thursday = next(r for r in rounds if len(r.articles) == 2)
    assert thursday.when == "~2024-07-11..08-08" and thursday.round.independent_outlets == 2


def test_articles_of_unknown_outlets_are_told_apart(store: Any) -> None:
    meetings = [
        _meeting(x, "Talks resumed in Geneva.", "Geneva", ("Ukraine", "Russia"), date="2024-03-01") for x in "ab"
    ]
    records = [_record(x, None, (m,), published="2024-03-02") for x, m in zip("ab", meetings, strict=True)]
    rounds = _rounds(store, records)
    assert len(rounds) == 1
    assert rounds[0].round.outlets == ("a (outlet unknown)", "b (outlet unknown)")
    assert rounds[0].round.independent_outlets == 2
