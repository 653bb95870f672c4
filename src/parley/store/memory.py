"""An in-memory backend with the same protocol: for tests, notebooks and one-off runs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from parley.records import ArticleRecord, OriginGroup, Quarantined
from parley.store.base import (
    ARTICLE_COLUMNS,
    EVIDENCE_COLUMNS,
    FACT_COLUMNS,
    PRINT_COLUMNS,
    AddResult,
    article_key,
    article_row,
    components_of,
    fact_rows,
    origin_rows,
)


class MemoryStore:
    """Keeps rows in lists; ``add`` is atomic because rows are built before any is kept."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {
            t: [] for t in ("articles", "quarantine", "origins", *FACT_COLUMNS)
        }
        self.copy_prints: dict[str, dict[str, Any]] = {}  # id -> print row with component and linked
        self.copy_bands: dict[tuple[Any, ...], set[str]] = defaultdict(set)  # band or exact key -> ids
        self.print_bands: dict[str, list[tuple[Any, ...]]] = {}  # id -> its band and exact keys
        self.copy_links: dict[tuple[str, str], str] = {}

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

    def articles_without_print(self) -> list[dict[str, Any]]:
        names = ("id", "text", "source", "published", "content_hash")
        rows = [row for row in self.tables["articles"] if row["id"] not in self.copy_prints]
        return sorted(({n: row[n] for n in names} for row in rows), key=lambda row: row["id"])

    def add_prints(self, prints: Sequence[Mapping[str, Any]]) -> None:
        for row in prints:
            self.copy_prints[row["id"]] = {
                **{n: row[n] for n in PRINT_COLUMNS}, "component": row["id"], "linked": False,
            }  # fmt: skip
            keys = [tuple(band) for band in row.get("bands", ())]
            keys += [("key", n, row[n]) for n in ("content_hash", "text_hash") if row[n]]
            self.print_bands[row["id"]] = keys
            for key in keys:
                self.copy_bands[key].add(row["id"])

    def unlinked_prints(self) -> list[str]:
        return sorted(i for i, row in self.copy_prints.items() if not row["linked"])

    def count_prints(self) -> int:
        return len(self.copy_prints)

    def prints(self, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        wanted = sorted(self.copy_prints if ids is None else set(ids) & set(self.copy_prints))
        return [{n: self.copy_prints[i][n] for n in PRINT_COLUMNS} for i in wanted]

    def print_neighbours(self, ids: Sequence[str]) -> list[tuple[str, str, str]]:
        found: set[tuple[str, str, str]] = set()
        for art_id in set(ids) & set(self.copy_prints):
            for key in self.print_bands[art_id]:
                found.update((art_id, other, key[0]) for other in self.copy_bands[key] if other != art_id)
        return sorted(found)

    def copy_components(self, ids: Sequence[str]) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]]]:
        labels = {self.copy_prints[i]["component"] for i in ids if i in self.copy_prints}
        members = sorted(i for i, row in self.copy_prints.items() if row["component"] in labels)
        inside = set(members)
        links = sorted((a, b, kind) for (a, b), kind in self.copy_links.items() if a in inside)
        return self.prints(members), links

    def save_links(
        self, links: Sequence[tuple[str, str, str]], groups: Sequence[OriginGroup], members: Sequence[str],
        linked: Sequence[str], replace: bool = False,
    ) -> None:  # fmt: skip
        if replace:
            self.copy_links.clear()
            self.tables["origins"] = []
        self.copy_links.update({(a, b): kind for a, b, kind in links})
        for member, label in components_of(groups, members).items():
            self.copy_prints[member]["component"] = label
        touched = set(members)
        origins = [row for row in self.tables["origins"] if row["article_id"] not in touched]
        origins += [dict(zip(("article_id", "origin_id", "kind"), row, strict=True)) for row in origin_rows(groups)]
        self.tables["origins"] = origins
        for art_id in linked:
            self.copy_prints[art_id]["linked"] = True

    def reset_prints(self) -> None:
        self.copy_prints.clear()
        self.copy_bands.clear()
        self.print_bands.clear()
        self.copy_links.clear()
        self.tables["origins"] = []

    def rows(self, table: str) -> list[dict[str, Any]]:
        if table not in self.tables:
            raise ValueError(f"unknown table {table!r}")
        return [dict(row) for row in self.tables[table]]

    def count(self, table: str) -> int:
        return len(self.rows(table))

    def close(self) -> None:
        pass
