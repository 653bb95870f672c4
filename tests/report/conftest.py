"""A small hand-written corpus (our own sentences) about a year of truce talks, stored in
both backends, for the report tests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley.records import (
    Article,
    ArticleRecord,
    Credits,
    Entity,
    Evidence,
    Figure,
    FramingTerm,
    Meeting,
    OriginGroup,
    Position,
    PublicationDate,
    Quote,
)
from parley.store.duckdb import DuckDBStore
from parley.store.memory import MemoryStore


class Writer:
    """Builds one article: each fact's sentence is appended to the text, so every evidence
    span points at real characters of the article."""

    def __init__(self, art_id: str) -> None:
        self.art_id = art_id
        self.text = ""
        self.index = 0

    def ev(self, sentence: str, span: str) -> Evidence:
        start = len(self.text) + (sentence.index(span) if span in sentence else 0)
        self.text += sentence + " "
        self.index += 1
        return Evidence(self.art_id, start, start + len(span), sentence, self.index - 1, span)


def _article(w: Writer, outlet: str, title: str, pub: PublicationDate, wire: str | None = None,
             **facts: Any) -> ArticleRecord:  # fmt: skip
    art = Article(w.art_id, w.text.strip(), f"{w.art_id}.txt", outlet=outlet, title=title,
                  content_hash=hashlib.sha256(w.text.encode()).hexdigest())  # fmt: skip
    return ArticleRecord(art, outlet, pub, (), Credits(wire=wire), None, profile="israel-hamas-2023", **facts)


def _places(*names: str) -> tuple[Entity, ...]:
    return tuple(Entity(f"x:{n.lower()}", n, "GPE", (n,), kind="city") for n in names)


def _february() -> ArticleRecord:
    w = Writer("feb-nile")
    talks = Meeting("talks", "Cairo", "2024-02-13", "on Tuesday", ("Israel", "United States", "Egypt", "Qatar"),
                    ("William Burns",), "held",
                    w.ev("Spy chiefs and mediators sat down in Cairo on Tuesday to revive the truce effort.",
                         "sat down in Cairo on Tuesday"))  # fmt: skip
    toll = Figure(28500, "at least", "killed", "people in Gaza", "the Gaza health ministry",
                  w.ev("The Gaza health ministry puts the death toll at no fewer than 28,500.", "28,500"),
                  scope="cumulative")  # fmt: skip
    demand = Position("Hamas", "permanent ceasefire", "demands",
                      w.ev("Hamas insists that any accord end the fighting for good.", "insists"))  # fmt: skip
    quote = Quote(
        "We will not sign a pause that lets the war resume",
        "Osama Hamdan",
        "Hamas",
        True,
        w.ev('"We will not sign a pause that lets the war resume," Osama Hamdan said.', "We will not"),
    )
    term = FramingTerm("occupation army", "Israel", w.ev("The occupation army shelled the camp.", "occupation army"))
    return _article(w, "Nile Gazette", "Truce push resumes in Cairo", PublicationDate("2024-02-14", None),
                    meetings=(talks,), figures=(toll,), positions=(demand,), quotes=(quote,), framing=(term,),
                    entities=_places("Cairo"))  # fmt: skip


def _may() -> ArticleRecord:
    w = Writer("may-harbour")
    talks = Meeting("talks", "Cairo", None, "on Sunday", ("Hamas", "Egypt", "Qatar"), (), "held",
                    w.ev("Hamas negotiators spent a second day with mediators in Cairo on Sunday.",
                         "spent a second day with mediators in Cairo"))  # fmt: skip
    toll = Figure(34600, "at least", "killed", "people in Gaza", "the Gaza health ministry",
                  w.ev("At least 34,600 people have been killed, the Gaza health ministry says.", "34,600"),
                  scope="cumulative")  # fmt: skip
    reject = Position("Israel", "permanent ceasefire", "rejects",
                      w.ev("Israel refuses to commit to ending the war.", "refuses to commit"))  # fmt: skip
    quote = Quote(
        "The operation will go ahead",
        "Benjamin Netanyahu",
        "Israel",
        True,
        w.ev('"The operation will go ahead," Benjamin Netanyahu told ministers.', "The operation"),
    )
    return _article(w, "Harbour Post", "Talks stall as offensive looms",
                    PublicationDate(None, ("2024-04-28", "2024-05-12")),
                    meetings=(talks,), figures=(toll,), positions=(reject,), quotes=(quote,),
                    entities=_places("Cairo"))  # fmt: skip


def _july(art_id: str, outlet: str, wire: str | None, lead: str) -> ArticleRecord:
    w = Writer(art_id)
    doha = Meeting("talks", "Doha", None, "on Wednesday", ("Egypt", "Qatar", "United States"), (), "planned",
                   w.ev(f"{lead} negotiators will gather again in Doha on Wednesday.",
                        "will gather again in Doha on Wednesday"))  # fmt: skip
    cairo = Meeting(
        "meeting",
        "Cairo",
        None,
        "on Tuesday",
        ("Egypt", "United States"),
        ("William Burns",),
        "held",
        w.ev("Burns first saw Egypt's president in Cairo on Tuesday.", "saw Egypt's president in Cairo"),
    )
    toll = Figure(38000, "more than", "killed", "people in Gaza", "the Gaza health ministry",
                  w.ev("More than 38,000 people have been killed in Gaza, the health ministry says.", "38,000"),
                  scope="cumulative")  # fmt: skip
    accept = Position("Hamas", "permanent ceasefire", "accepts",
                      w.ev("Hamas dropped its demand for an up-front Israeli pledge to end the war.",
                           "dropped its demand"))  # fmt: skip
    term = FramingTerm("terror group", None, w.ev("The terror group has not replied.", "terror group"))
    return _article(w, outlet, "Negotiators to regroup in Doha", PublicationDate(None, ("2024-07-08", "2024-07-22")),
                    wire=wire, meetings=(doha, cairo), figures=(toll,), positions=(accept,), framing=(term,),
                    entities=_places("Doha", "Cairo"))  # fmt: skip


def _august() -> ArticleRecord:
    w = Writer("aug-delta")
    talks = Meeting("talks", "Cairo", "2024-08-22", "on Thursday", ("United States", "Israel", "Egypt", "Qatar"),
                    (), "ongoing",
                    w.ev("American and Israeli teams opened a new round in Cairo on Thursday.",
                         "opened a new round in Cairo"))  # fmt: skip
    toll = Figure(40000, "more than", "killed", "people in Gaza", "Palestinian health authorities",
                  w.ev("Palestinian health authorities say more than 40,000 people have died.", "40,000"),
                  scope="cumulative")  # fmt: skip
    hostages = Figure(250, "about", "hostages_held", "people seized on Oct. 7", "Israel",
                      w.ev("Israel says about 250 people were seized on Oct. 7.", "about 250"))  # fmt: skip
    corridor = Position(
        "Israel",
        "Philadelphi corridor",
        "demands",
        w.ev("Israel wants troops to stay on the Philadelphi corridor.", "wants troops to stay"),
    )
    egypt = Position(
        "Egypt",
        "Philadelphi corridor",
        "rejects",
        w.ev("Egypt will not accept Israeli troops on the border strip.", "will not accept"),
    )
    quote = Quote(
        "Gaps remain",
        None,
        "Egypt",
        False,
        w.ev("Gaps remain on the border question, an Egyptian official said.", "Gaps remain"),
        True,
    )
    return _article(w, "Delta Daily", "New round opens in Cairo", PublicationDate("2024-08-22", None),
                    meetings=(talks,), figures=(toll, hostages), positions=(corridor, egypt), quotes=(quote,),
                    entities=_places("Cairo"))  # fmt: skip


def corpus_records() -> list[ArticleRecord]:
    return [
        _february(),
        _may(),
        _july("jul-coastal", "Coastal Times", None, "Mediators said"),
        _july("jul-wire", "Evening Wire", "Reuters", "Officials said"),
        _july("jul-digest", "Gulf Digest", "Reuters", "Officials say"),
        _august(),
    ]


COPIES = (OriginGroup("jul-wire", ("jul-wire", "jul-digest"), (("jul-wire", "origin"), ("jul-digest", "near"))),)


def fill(store: Any) -> Any:
    store.add(corpus_records())
    store.set_origins(COPIES)
    return store


@pytest.fixture(params=["memory", "duckdb"])
def talks_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    store: Any = MemoryStore() if request.param == "memory" else DuckDBStore(tmp_path / "t.duckdb")
    yield fill(store)
    store.close()


@pytest.fixture(scope="session")
def filler() -> Any:
    """``fill``: stores the corpus (and its copy groups) in the store it is given."""
    return fill
