"""The storage protocol every backend implements, and the row shapes they share.

Rows are plain dicts so the views (report/serve) never need the backend's types. Every
fact row carries its article id, the character span in the article text and the sentence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from parley.records import Article, ArticleRecord, Evidence, OriginGroup, Quarantined

SCHEMA_VERSION = 1

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

    def count(self, table: str) -> int: ...

    def close(self) -> None: ...


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
