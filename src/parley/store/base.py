"""The storage protocol every backend implements, and the row shapes they share.

Rows are plain dicts so the views (report/serve) never need the backend's types. Every
fact row carries its article id, the character span in the article text and the sentence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from parley.records import Article, ArticleRecord, Evidence, OriginGroup, Quarantined

SCHEMA_VERSION = 2

# Columns of each fact table, after the common (article_id, idx) and before the evidence.
FACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("entity_id", "canonical", "type", "kind", "party", "forms"),
    "meetings": ("kind", "venue", "date", "date_text", "date_from", "date_to", "participants", "people", "status"),
    "figures": (
        "value",
        "value_high",
        "value_text",
        "qualifier",
        "category",
        "who",
        "attributed_to",
        "unit",
        "as_of",
        "scope",
    ),
    "positions": ("actor", "issue", "stance", "detail"),
    "quotes": ("speaker", "affiliation", "quote", "direct", "anonymous"),
    "framing": ("term", "stands_for"),
}
PRINT_COLUMNS = ("id", "content_hash", "text_hash", "published", "wire", "outlet", "shingles", "anchors", "words")
EVIDENCE_COLUMNS = ("span_start", "span_end", "sentence_index", "sentence", "evidence")
ARTICLE_COLUMNS = (
    "id", "article_key", "content_hash", "source", "outlet", "url", "title", "published", "published_from",
    "published_to", "wire", "dateline_place", "profile", "text", "boilerplate", "record",
)  # fmt: skip


@dataclass(frozen=True)
class AddResult:
    added: int
    skipped: int  # already stored (same content hash)
    quarantined: int


class Store(Protocol):
    """What every storage backend offers. ``add`` is atomic per call: a batch is stored
    whole or not at all, so a crash never leaves a half-written article."""

    def known_keys(self, keys: Sequence[str]) -> set[str]: ...

    def add(self, records: Sequence[ArticleRecord], quarantined: Sequence[Quarantined] = ()) -> AddResult: ...

    def set_origins(self, groups: Sequence[OriginGroup]) -> None: ...

    def rows(self, table: str) -> list[dict[str, Any]]: ...

    # Copy detection's state, kept so that a relink costs what the new articles cost (see
    # ``parley.jobs.relink``). A print is a dict of PRINT_COLUMNS plus, when added, ``bands``:
    # (index, band number, key) tuples; a link is (id, other id, kind) with id < other id.

    def articles_without_print(self) -> list[dict[str, Any]]:
        """Rows (id, text, source, published, content_hash) of the articles with no print, by id."""
        ...

    def add_prints(self, prints: Sequence[Mapping[str, Any]]) -> None:
        """Keep new prints (each its own component, not linked yet) and their band keys."""
        ...

    def unlinked_prints(self) -> list[str]:
        """Ids of the prints no relink has linked yet, in order."""
        ...

    def count_prints(self) -> int: ...

    def prints(self, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """The prints of ``ids`` (all when None), by id."""
        ...

    def print_neighbours(self, ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(id, other, via) for each print of ``ids`` and each other print sharing a band of
        an index (via: the index) or an exact key (via: "key": same content or text hash)."""
        ...

    def copy_components(self, ids: Sequence[str]) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]]]:
        """The prints of every component holding one of ``ids``, and the links among them."""
        ...

    def save_links(
        self, links: Sequence[tuple[str, str, str]], groups: Sequence[OriginGroup], members: Sequence[str],
        linked: Sequence[str], replace: bool = False,
    ) -> None:  # fmt: skip
        """In one transaction: add ``links``; ``members`` (whole components) take the
        components and origins of ``groups`` (alone when in none); ``linked`` are marked
        linked. ``replace`` first drops every link and origin."""
        ...

    def reset_prints(self) -> None:
        """Forget every print, band, link and origin (a full relink follows)."""
        ...

    def count(self, table: str) -> int: ...

    def close(self) -> None: ...


def origin_rows(groups: Sequence[OriginGroup]) -> list[tuple[str, str, str]]:
    """(article_id, origin_id, kind) for every member of ``groups``."""
    rows = []
    for group in groups:
        kinds = dict(group.kinds)
        for member in group.members:
            rows.append((member, group.origin_id, kinds.get(member, "origin" if member == group.origin_id else "near")))
    return rows


def components_of(groups: Sequence[OriginGroup], members: Sequence[str]) -> dict[str, str]:
    """Each member's component label: its group's origin, else itself."""
    label = {member: member for member in members}
    label.update({member: group.origin_id for group in groups for member in group.members})
    return label


def article_key(article: Article) -> str:
    """What makes an article the same input again: its id, outlet, URL and text. The same
    text carried by another outlet is another article (an exact copy, grouped by link)."""
    parts = (article.id, article.outlet or "", article.url or "", article.content_hash)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _ev(ev: Evidence) -> tuple[Any, ...]:
    return (ev.start, ev.end, ev.sentence_index, ev.sentence, ev.text)


def fact_rows(record: ArticleRecord) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for each fact table of one record (without article_id and idx)."""
    return {
        "entities": [
            (e.id, e.canonical, e.type, e.kind, e.party, list(e.forms), None, None, None, None, None)
            for e in record.entities
        ],
        "meetings": [
            (
                m.kind,
                m.venue,
                m.date,
                m.date_text,
                m.date_interval[0] if m.date_interval else m.date,
                m.date_interval[1] if m.date_interval else m.date,
                list(m.participants),
                list(m.people),
                m.status,
                *_ev(m.evidence),
            )  # fmt: skip
            for m in record.meetings
        ],
        "figures": [
            (
                f.value,
                f.value_high,
                f.value_text,
                f.qualifier,
                f.category,
                f.who,
                f.attributed_to,
                f.unit,
                f.as_of,
                f.scope,
                *_ev(f.evidence),
            )  # fmt: skip
            for f in record.figures
        ],
        "positions": [(p.actor, p.issue, p.stance, p.detail, *_ev(p.evidence)) for p in record.positions],
        "quotes": [(q.speaker, q.affiliation, q.text, q.direct, q.anonymous, *_ev(q.evidence)) for q in record.quotes],
        "framing": [(t.term, t.stands_for, *_ev(t.evidence)) for t in record.framing],
    }


def article_row(record: ArticleRecord, article_id: str) -> tuple[Any, ...]:
    from parley.schema import to_schema

    art, pub = record.article, record.published
    interval = pub.interval or (None, None)
    schema = to_schema(record)
    schema["id"] = article_id
    return (
        article_id, article_key(art), art.content_hash, art.source, record.outlet, art.url, art.title, pub.date,
        interval[0], interval[1],
        record.credits.wire, record.dateline.place if record.dateline else None, record.profile, art.text,
        list(record.boilerplate), json.dumps(schema, ensure_ascii=False),
    )  # fmt: skip
