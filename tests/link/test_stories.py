"""Stories: threads of articles kept apart by topic and by time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from parley.link.articles import article_infos
from parley.link.stories import Story, article_terms, link_stories
from parley.records import Article, ArticleRecord, Credits, Entity, PublicationDate
from parley.store.duckdb import DuckDBStore
from parley.store.memory import MemoryStore

TALKS = [
    ("t1", "2024-06-03", "Mediators press for truce deal",
     "Egyptian and Qatari mediators handed negotiators a revised truce proposal in Cairo. The proposal links a "
     "phased hostage release to a prisoner exchange, and envoys expect a reply from the delegations within days.",
     ("Egypt", "Qatar", "Cairo")),
    ("t2", "2024-06-10", "Negotiators weigh revised proposal",
     "Delegations studied the revised truce proposal overnight. Mediators in Doha said the hostage release schedule "
     "and the prisoner exchange remained the sticking points for negotiators on both sides.",
     ("Qatar", "Doha")),
    ("t3", "2024-06-20", "Envoy returns as truce negotiations resume",
     "A US envoy joined mediators in Cairo as truce negotiations resumed. Negotiators discussed the proposal's "
     "second phase, the hostage release and the prisoner exchange, according to delegations briefed on the talks.",
     ("United States", "Egypt", "Cairo")),
]  # fmt: skip
OFFENSIVE = [
    ("o1", "2024-06-04", "Tanks push into eastern Rafah",
     "Armoured columns and tanks pushed into eastern Rafah as airstrikes hit residential blocks. Families fled "
     "toward the coast, and shelters in the city filled beyond capacity, aid workers reported.",
     ("Rafah",)),
    ("o2", "2024-06-12", "Airstrikes and shelling widen in Rafah",
     "Shelling and airstrikes widened across Rafah while tanks advanced on the western districts. Aid workers "
     "said families sheltering in tents near the coast had fled twice in a week.",
     ("Rafah",)),
    ("o3", "2024-06-19", "Rafah shelters emptied as tanks advance",
     "Tanks advanced toward the coast as airstrikes struck near shelters, forcing families to flee again. Aid "
     "workers in Rafah said armoured columns now controlled the main road.",
     ("Rafah",)),
]  # fmt: skip
LATER_TALKS = [
    ("t9", "2024-10-01", "Truce negotiations restart after a long pause",
     "Mediators invited delegations back to Cairo to restart truce negotiations on a new proposal covering the "
     "hostage release and a prisoner exchange.",
     ("Egypt", "Cairo")),
]  # fmt: skip


COMMON = " The war between Israel and Hamas in Gaza has run for months, and calls for a ceasefire continue."


def _record(art_id: str, day: str, title: str, text: str, names: tuple[str, ...]) -> ArticleRecord:
    text += COMMON
    names = (*names, "Israel", "Hamas", "Gaza")
    art = Article(id=art_id, text=text, source=f"{art_id}.txt", outlet=f"Outlet {art_id[-1]}", title=title,
                  content_hash=hashlib.sha256(text.encode()).hexdigest())  # fmt: skip
    entities = tuple(Entity(f"x:{n.lower()}", n, "GPE", (n,)) for n in names)
    return ArticleRecord(art, art.outlet, PublicationDate(day, (day, day)), (), Credits(), None, entities=entities)


def _stories(tmp_path: Path, items: list[tuple[str, str, str, str, tuple[str, ...]]], backend: str) -> list[Story]:
    store = MemoryStore() if backend == "memory" else DuckDBStore(tmp_path / "s.duckdb")
    store.add([_record(*item) for item in items])
    infos = article_infos(store.rows("articles"), store.rows("origins"))
    stories = link_stories(store.rows("articles"), store.rows("entities"), infos)
    store.close()
    return stories


@pytest.mark.parametrize("backend", ["memory", "duckdb"])
def test_talks_and_offensive_become_two_threads(tmp_path: Path, backend: str) -> None:
    stories = _stories(tmp_path, TALKS + OFFENSIVE, backend)
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == [["o1", "o2", "o3"], ["t1", "t2", "t3"]]
    talks = next(s for s in stories if "t1" in s.articles)
    assert talks.articles == ("t1", "t2", "t3")  # date order
    assert (talks.date_from, talks.date_to) == ("2024-06-03", "2024-06-20")
    assert {"truce", "proposal"} <= set(talks.terms) or {"negotiators", "proposal"} <= set(talks.terms)
    joined = dict(talks.shared)
    assert set(joined) == {"t2", "t3"} and all(joined[a] for a in joined)  # each join is explained


def test_a_thread_goes_quiet_after_its_window(tmp_path: Path) -> None:
    stories = _stories(tmp_path, TALKS + LATER_TALKS, "memory")
    assert sorted(sorted(s.articles) for s in stories) == [["t1", "t2", "t3"], ["t9"]]


def test_article_terms_drop_stopwords_and_count_entities() -> None:
    terms = article_terms("They said that the mediators would meet mediators.", ["Egypt"])
    assert terms["w:mediators"] == 2
    assert "w:said" not in terms and "w:that" not in terms and "w:would" not in terms
    assert terms["e:egypt"] == 2.0
