"""The views people read, as plain data: timeline of rounds, figures ledger, positions
matrix, outlet comparison and story threads.

Each view is a ``View``: ``columns`` are what a table shows; every row may carry more keys
(ids, raw dates, ``evidence``: the sentences and outlets behind the fact) for JSON and the
HTML report, which are built from these same rows. Nothing here imports spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from parley.link.articles import ArticleInfo, article_infos, unknown_article
from parley.link.outlets import Fact, OutletProfile, compare_outlets
from parley.link.positions import PositionTrack, link_positions
from parley.link.rounds import LinkedRound, link_rounds
from parley.link.stories import Story, link_stories
from parley.records import Evidence
from parley.report.ledger import Point, Series, build_ledger
from parley.store import Store


@dataclass(frozen=True)
class View:
    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]  # plain data, JSON-serialisable
    title: str = ""


class Corpus:
    """One store's rows, each table read once, and what the linkers make of them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._rows: dict[str, list[dict[str, Any]]] = {}

    def rows(self, table: str) -> list[dict[str, Any]]:
        if table not in self._rows:
            self._rows[table] = self.store.rows(table)
        return self._rows[table]

    @cached_property
    def infos(self) -> dict[str, ArticleInfo]:
        return article_infos(self.rows("articles"), self.rows("origins"))

    def info(self, article_id: str) -> ArticleInfo:
        return self.infos.get(article_id) or unknown_article(article_id)

    @cached_property
    def rounds(self) -> list[LinkedRound]:
        return link_rounds(self.rows("meetings"), self.infos)

    @cached_property
    def positions(self) -> list[PositionTrack]:
        return link_positions(self.rows("positions"), self.infos)

    @cached_property
    def series(self) -> list[Series]:
        return build_ledger(self.rows("figures"), self.infos)

    @cached_property
    def stories(self) -> list[Story]:
        return link_stories(self.rows("articles"), self.rows("entities"), self.infos)

    @cached_property
    def story_of(self) -> dict[str, str]:
        return {art: story.id for story in self.stories for art in story.articles}

    @cached_property
    def outlets(self) -> list[OutletProfile]:
        return compare_outlets(self.infos, self.rounds, self.rows("figures"), self.rows("framing"), self.rows("quotes"))

    def evidence(self, ev: Evidence) -> dict[str, Any]:
        """One evidence sentence with where it comes from."""
        info = self.info(ev.article_id)
        return {
            "article_id": ev.article_id,
            "outlet": info.outlet,
            "title": info.title,
            "published": info.when,
            "sentence": ev.sentence,
            "text": ev.text,
            "start": ev.start,
            "end": ev.end,
            "sentence_index": ev.sentence_index,
        }


# --------------------------------------------------------------------------- timeline


def _round_row(corpus: Corpus, lr: LinkedRound) -> dict[str, Any]:
    r = lr.round
    return {
        "id": r.id,
        "when": lr.when,
        "venue": r.venue or "",
        "kind": r.kind,
        "participants": list(r.participants),
        "people": list(r.people),
        "status": r.status,
        "outlets": list(r.outlets),
        "independent": r.independent_outlets,
        "notes": list(r.conflicts),
        "date_from": r.date_from,
        "date_to": r.date_to,
        "estimated": lr.estimated,
        "date_text": list(lr.date_text),
        "stories": sorted({corpus.story_of[a] for a in lr.articles if a in corpus.story_of}),
        "evidence": [corpus.evidence(ev) for ev in r.evidence],
    }


def timeline_from(corpus: Corpus) -> View:
    rows = tuple(_round_row(corpus, lr) for lr in corpus.rounds)
    columns = ("when", "venue", "kind", "participants", "status", "outlets", "independent", "notes")
    return View("timeline", columns, rows, "Timeline of rounds")


# --------------------------------------------------------------------------- figures


DISPUTED = "another claimant differs"


def _point_row(corpus: Corpus, series: Series, n: int, point: Point) -> dict[str, Any]:
    return {
        "id": f"{series.id}-{n}",
        "series": series.label,
        "series_id": series.id,
        "category": series.category,
        "scope": point.scope,
        "claimant": point.claimant,
        "when": point.when,
        "date": point.date,
        "figure": point.figure,
        "value": point.value,
        "value_high": point.value_high,
        "qualifier": point.qualifier,
        "value_text": point.value_text,
        "who": point.who,
        "outlets": list(point.outlets),
        "disputed": point.disputed,
        "note": DISPUTED if point.disputed else "",
        "evidence": [corpus.evidence(ev) for ev in point.evidence],
    }


def figures_from(corpus: Corpus) -> View:
    rows = [_point_row(corpus, s, n, p) for s in corpus.series for n, p in enumerate(s.points)]
    columns = ("series", "claimant", "when", "figure", "outlets", "note")
    return View("figures", columns, tuple(rows), "Figures ledger (claims side by side, never averaged)")


# --------------------------------------------------------------------------- positions


def _position_row(corpus: Corpus, track: PositionTrack, n: int) -> dict[str, Any]:
    history = [
        {"stance": r.stance, "when": r.article.when, "date": r.article.sort_date, "outlet": r.article.label,
         "cue": r.cue, **corpus.evidence(r.evidence)}
        for r in track.history
    ]  # fmt: skip
    return {
        "id": f"pos-{n}",
        "party": track.actor,
        "issue": track.label,
        "stance": "/".join(track.current),
        "first_seen": track.first_seen,
        "last_seen": track.last_seen,
        "shifts": list(track.shifts),
        "reports": len(track.history),
        "outlets": list(track.outlets),
        "history": history,
        "evidence": [corpus.evidence(r.evidence) for r in track.history],
    }


def positions_from(corpus: Corpus) -> View:
    rows = tuple(_position_row(corpus, t, n) for n, t in enumerate(corpus.positions))
    columns = ("party", "issue", "stance", "first_seen", "last_seen", "shifts", "reports")
    return View("positions", columns, rows, "Positions: party x issue over time")


# --------------------------------------------------------------------------- outlets


def _fact(fact: Fact) -> dict[str, Any]:
    return {"key": fact.key, "label": fact.label, "outlets": list(fact.outlets)}


LISTED = 25  # facts listed per outlet and kind (the counts are complete)
TOP_TERMS = 6  # loaded terms in the table (JSON has them all)


def _outlet_row(corpus: Corpus, profile: OutletProfile) -> dict[str, Any]:
    quoted = {side: [f"{name} ({n})" if n > 1 else name for name, n in speakers] for side, speakers in profile.quoted}
    return {
        "outlet": profile.outlet,
        "articles": len(profile.articles),
        "copies": f"{profile.copies}/{len(profile.articles)}",
        "copy_share": round(profile.copy_share, 3),
        "exclusive": len(profile.exclusive),
        "left_out": len(profile.left_out),
        "loaded_terms": [f"{term} ({n})" if n > 1 else term for term, n in profile.loaded_terms],
        "top_terms": [f"{term} ({n})" if n > 1 else term for term, n in profile.loaded_terms[:TOP_TERMS]],
        "quoted": [f"{side}: {', '.join(names)}" for side, names in quoted.items()],
        "quoted_by_side": quoted,
        "first_seen": profile.first_seen,
        "last_seen": profile.last_seen,
        "article_ids": list(profile.articles),
        "titles": [corpus.info(a).title or a for a in profile.articles[:LISTED]],
        "exclusive_facts": [_fact(f) for f in profile.exclusive[:LISTED]],
        "left_out_facts": [_fact(f) for f in profile.left_out[:LISTED]],
    }


def outlets_from(corpus: Corpus) -> View:
    rows = tuple(_outlet_row(corpus, p) for p in corpus.outlets)
    columns = ("outlet", "articles", "copies", "exclusive", "left_out", "top_terms", "quoted")
    return View("outlets", columns, rows, "Outlets compared")


# --------------------------------------------------------------------------- stories


def stories_from(corpus: Corpus) -> View:
    rows = []
    for story in corpus.stories:
        infos = [corpus.info(a) for a in story.articles]
        rows.append(
            {
                "id": story.id,
                "story": story.label,
                "from": story.date_from or "",
                "to": story.date_to or "",
                "articles": len(story.articles),
                "outlets": list(story.outlets),
                "terms": list(story.terms),
                "members": [
                    {
                        "article_id": i.id,
                        "title": i.title,
                        "outlet": i.outlet,
                        "published": i.when,
                        "shared_terms": list(dict(story.shared).get(i.id, ())),
                    }
                    for i in infos
                ],
            }  # fmt: skip
        )
    return View("stories", ("story", "from", "to", "articles", "outlets"), tuple(rows), "Story threads")


VIEW_BUILDERS: dict[str, Callable[[Corpus], View]] = {
    "timeline": timeline_from,
    "figures": figures_from,
    "positions": positions_from,
    "outlets": outlets_from,
    "stories": stories_from,
}


def _from_store(name: str) -> Callable[[Store], View]:
    def build(store: Store) -> View:
        return VIEW_BUILDERS[name](Corpus(store))

    build.__name__ = f"{name}_view"
    build.__doc__ = f"The {name} view of ``store``."
    return build


VIEWS: dict[str, Callable[[Store], View]] = {name: _from_store(name) for name in VIEW_BUILDERS}


def all_views(store: Store) -> dict[str, View]:
    """Every view of ``store``, sharing one read of its tables."""
    corpus = Corpus(store)
    return {name: build(corpus) for name, build in VIEW_BUILDERS.items()}
