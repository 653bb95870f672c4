"""An in-memory backend with the same protocol: for tests, notebooks and one-off runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from parley.records import ArticleRecord, OriginGroup, Quarantined
from parley.store.base import (
    ARTICLE_COLUMNS,
    EVIDENCE_COLUMNS,
    FACT_COLUMNS,
    AddResult,
    article_key,
    article_row,
    fact_rows,
)


class MemoryStore:
    """Keeps rows in lists; ``add`` is atomic because rows are built before any is kept."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {
            t: [] for t in ("articles", "quarantine", "origins", *FACT_COLUMNS)
        }

    def known_keys(self, keys: Sequence[str]) -> set[str]:
        stored = {row["article_key"] for row in self.tables["articles"]}
        return stored & set(keys)

    def _rows_for(self, record: ArticleRecord, taken: set[str]) -> dict[str, list[dict[str, Any]]]:
        art_id = record.article.id
        if art_id in taken:
            art_id = f"{art_id}~{article_key(record.article)[:8]}"
        out = {"articles": [dict(zip(ARTICLE_COLUMNS, article_row(record, art_id), strict=True))]}
        for table, rows in fact_rows(record).items():
            names = ("article_id", "idx", *FACT_COLUMNS[table], *EVIDENCE_COLUMNS)
            out[table] = [dict(zip(names, (art_id, i, *row), strict=True)) for i, row in enumerate(rows)]
        return out

    def add(self, records: Sequence[ArticleRecord], quarantined: Sequence[Quarantined] = ()) -> AddResult:
        staged: dict[str, list[dict[str, Any]]] = {t: [] for t in self.tables}
        keys = {row["article_key"] for row in self.tables["articles"]}
        taken = {row["id"] for row in self.tables["articles"]}
        for record in records:
            key = article_key(record.article)
            if key in keys:
                continue
            for table, rows in self._rows_for(record, taken).items():
                staged[table].extend(rows)
            keys.add(key)
            taken.add(staged["articles"][-1]["id"])
        keys = {(row["source"], row["code"]) for row in self.tables["quarantine"]}
        staged["quarantine"] = [
            {"source": q.source, "code": q.code, "reason": q.reason, "sample": q.sample}
            for q in quarantined
            if (q.source, q.code) not in keys
        ]
        for table, rows in staged.items():
            self.tables[table].extend(rows)
        added = len(staged["articles"])
        return AddResult(added=added, skipped=len(records) - added, quarantined=len(quarantined))

    def set_origins(self, groups: Sequence[OriginGroup]) -> None:
        rows = []
        for group in groups:
            kinds = dict(group.kinds)
            for member in group.members:
                kind = kinds.get(member, "origin" if member == group.origin_id else "near")
                rows.append({"article_id": member, "origin_id": group.origin_id, "kind": kind})
        self.tables["origins"] = rows

    def rows(self, table: str) -> list[dict[str, Any]]:
        if table not in self.tables:
            raise ValueError(f"unknown table {table!r}")
        return [dict(row) for row in self.tables[table]]

    def count(self, table: str) -> int:
        return len(self.rows(table))

    def close(self) -> None:
        pass
