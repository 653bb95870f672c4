"""The default backend: one DuckDB file, with a versioned schema and migrations.

Each ``add`` runs in one transaction, so a killed ingest leaves whole batches only;
re-adding an article whose content hash is stored adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parley.errors import StoreError
from parley.records import ArticleRecord, OriginGroup, Quarantined
from parley.store.base import (
    ARTICLE_COLUMNS,
    EVIDENCE_COLUMNS,
    FACT_COLUMNS,
    SCHEMA_VERSION,
    AddResult,
    article_row,
    fact_rows,
)

_TYPES = {
    "value": "DOUBLE", "value_high": "DOUBLE", "direct": "BOOLEAN", "anonymous": "BOOLEAN",
    "participants": "VARCHAR[]", "people": "VARCHAR[]", "forms": "VARCHAR[]", "boilerplate": "VARCHAR[]",
    "span_start": "INTEGER", "span_end": "INTEGER", "sentence_index": "INTEGER", "record": "JSON",
}  # fmt: skip


def _columns(names: Sequence[str]) -> str:
    return ", ".join(f"{n} {_TYPES.get(n, 'VARCHAR')}" for n in names)


def _migration_1() -> list[str]:
    stmts = [
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        f"CREATE TABLE articles ({_columns(ARTICLE_COLUMNS)}, PRIMARY KEY (id), UNIQUE (content_hash))",
        "CREATE TABLE quarantine (source VARCHAR, code VARCHAR, reason VARCHAR, sample VARCHAR, PRIMARY KEY (source, code))",
        "CREATE TABLE origins (article_id VARCHAR PRIMARY KEY, origin_id VARCHAR, kind VARCHAR)",
    ]
    for table, cols in FACT_COLUMNS.items():
        stmts.append(f"CREATE TABLE {table} (article_id VARCHAR, idx INTEGER, {_columns((*cols, *EVIDENCE_COLUMNS))})")
    return stmts


MIGRATIONS: dict[int, Any] = {1: _migration_1}


class DuckDBStore:
    """A parley store in a DuckDB file (``":memory:"`` for a throwaway one)."""

    def __init__(self, path: str | Path = "parley.duckdb", read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only and Path(self.path).exists())
        except duckdb.IOException as exc:
            code = "E302" if "lock" in str(exc).lower() else "E300"
            raise StoreError(code, str(exc).splitlines()[0], where=self.path) from exc
        except duckdb.Error as exc:
            raise StoreError("E300", str(exc).splitlines()[0], where=self.path) from exc
        if not read_only or Path(self.path).exists():
            self._migrate(read_only)

    def _version(self) -> int:
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" not in tables:
            if tables:
                raise StoreError("E300", "not a parley database", where=self.path)
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self, read_only: bool) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError("E301", f"schema {version}, this parley knows {SCHEMA_VERSION}", where=self.path)
        if version == SCHEMA_VERSION or read_only:
            return
        self.con.execute("BEGIN TRANSACTION")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for stmt in MIGRATIONS[step]():
                self.con.execute(stmt)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        self.con.execute("COMMIT")

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT content_hash FROM articles WHERE list_contains(?, content_hash)", [list(hashes)]
        )
        return {r[0] for r in rows.fetchall()}

    def _free_id(self, wanted: str, content_hash: str) -> str:
        taken = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [wanted]).fetchone()
        return f"{wanted}~{content_hash[:8]}" if taken else wanted

    def _insert_record(self, record: ArticleRecord) -> bool:
        if self.known_hashes([record.article.content_hash]):
            return False
        art_id = self._free_id(record.article.id, record.article.content_hash)
        marks = ", ".join("?" * len(ARTICLE_COLUMNS))
        self.con.execute(f"INSERT INTO articles VALUES ({marks})", list(article_row(record, art_id)))
        for table, rows in fact_rows(record).items():
            if rows:
                width = 2 + len(rows[0])
                self.con.executemany(
                    f"INSERT INTO {table} VALUES ({', '.join('?' * width)})",
                    [[art_id, i, *row] for i, row in enumerate(rows)],
                )
        return True

    def add(self, records: Sequence[ArticleRecord], quarantined: Sequence[Quarantined] = ()) -> AddResult:
        self.con.execute("BEGIN TRANSACTION")
        try:
            added = sum(self._insert_record(r) for r in records)
            for q in quarantined:
                self.con.execute(
                    "INSERT OR REPLACE INTO quarantine VALUES (?, ?, ?, ?)", [q.source, q.code, q.reason, q.sample]
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return AddResult(added=added, skipped=len(records) - added, quarantined=len(quarantined))

    def set_origins(self, groups: Sequence[OriginGroup]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM origins")
        for group in groups:
            kinds = dict(group.kinds)
            for member in group.members:
                self.con.execute(
                    "INSERT OR REPLACE INTO origins VALUES (?, ?, ?)",
                    [member, group.origin_id, kinds.get(member, "origin" if member == group.origin_id else "near")],
                )
        self.con.execute("COMMIT")

    def rows(self, table: str) -> list[dict[str, Any]]:
        self._check_table(table)
        cursor = self.con.execute(f"SELECT * FROM {table} ORDER BY ALL")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def count(self, table: str) -> int:
        self._check_table(table)
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def _check_table(self, table: str) -> None:
        if table not in {"articles", "quarantine", "origins", *FACT_COLUMNS}:
            raise ValueError(f"unknown table {table!r}")

    def close(self) -> None:
        self.con.close()
