"""The default backend: one DuckDB file, with a versioned schema and migrations.

Each ``add`` runs in one transaction, so a killed ingest leaves whole batches only;
re-adding an article whose content hash is stored adds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from parley.errors import StoreError
from parley.records import ArticleRecord, OriginGroup, Quarantined
from parley.store.base import (
    ARTICLE_COLUMNS,
    EVIDENCE_COLUMNS,
    FACT_COLUMNS,
    PRINT_COLUMNS,
    SCHEMA_VERSION,
    AddResult,
    article_key,
    article_row,
    components_of,
    fact_rows,
    origin_rows,
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
        f"CREATE TABLE articles ({_columns(ARTICLE_COLUMNS)}, PRIMARY KEY (id), UNIQUE (article_key))",
        "CREATE TABLE quarantine (source VARCHAR, code VARCHAR, reason VARCHAR, sample VARCHAR,"
        " PRIMARY KEY (source, code))",
        "CREATE TABLE origins (article_id VARCHAR PRIMARY KEY, origin_id VARCHAR, kind VARCHAR)",
    ]
    for table, cols in FACT_COLUMNS.items():
        stmts.append(f"CREATE TABLE {table} (article_id VARCHAR, idx INTEGER, {_columns((*cols, *EVIDENCE_COLUMNS))})")
    return stmts


def _migration_2() -> list[str]:
    """Copy detection's state (see ``Store.add_prints``): prints, LSH band keys, links."""
    return [
        "CREATE TABLE copy_prints (id VARCHAR, content_hash VARCHAR, text_hash VARCHAR, published VARCHAR,"
        " wire VARCHAR, outlet VARCHAR, shingles BLOB, anchors VARCHAR[], words INTEGER, component VARCHAR,"
        " linked BOOLEAN)",
        "CREATE TABLE copy_bands (id VARCHAR, lsh VARCHAR, band SMALLINT, key BLOB)",
        "CREATE TABLE copy_links (a VARCHAR, b VARCHAR, kind VARCHAR)",
    ]


MIGRATIONS: dict[int, Any] = {1: _migration_1, 2: _migration_2}
_PRINT_SELECT = ", ".join(PRINT_COLUMNS)
_NEIGHBOURS = """
WITH q AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS id),
mine AS (SELECT * FROM copy_bands WHERE id IN (SELECT id FROM q))
SELECT m.id, o.id, m.lsh FROM mine m
  JOIN copy_bands o ON o.lsh = m.lsh AND o.band = m.band AND o.key = m.key AND o.id <> m.id
UNION
SELECT p.id, o.id, 'key' FROM copy_prints p JOIN copy_prints o ON o.content_hash = p.content_hash AND o.id <> p.id
  WHERE p.id IN (SELECT id FROM q) AND p.content_hash <> ''
UNION
SELECT p.id, o.id, 'key' FROM copy_prints p JOIN copy_prints o ON o.text_hash = p.text_hash AND o.id <> p.id
  WHERE p.id IN (SELECT id FROM q) AND p.text_hash <> ''
"""


def _arrow_type(duck_type: str) -> Any:
    import pyarrow as pa

    if duck_type == "VARCHAR[]":
        return pa.list_(pa.string())
    types = {"DOUBLE": pa.float64(), "INTEGER": pa.int32(), "BOOLEAN": pa.bool_(), "BLOB": pa.binary()}
    return {**types, "SMALLINT": pa.int16()}.get(duck_type, pa.string())


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

    def known_keys(self, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        rows = self.con.execute(
            "SELECT article_key FROM articles WHERE list_contains(?, article_key)", [list(keys)]
        )
        return {r[0] for r in rows.fetchall()}

    def _stored_ids(self, wanted: Sequence[str]) -> set[str]:
        rows = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [list(wanted)]).fetchall()
        return {r[0] for r in rows}

    def _stage(self, records: Sequence[ArticleRecord]) -> dict[str, list[tuple[Any, ...]]]:
        """Rows of every table for the records not stored yet (one id each)."""
        known = self.known_keys([article_key(r.article) for r in records])
        taken = self._stored_ids([r.article.id for r in records])
        staged: dict[str, list[tuple[Any, ...]]] = {"articles": [], **{t: [] for t in FACT_COLUMNS}}
        for record in records:
            art = record.article
            key = article_key(art)
            if key in known:
                continue
            known.add(key)
            art_id = f"{art.id}~{key[:8]}" if art.id in taken else art.id
            taken.add(art_id)
            staged["articles"].append(article_row(record, art_id))
            for table, rows in fact_rows(record).items():
                staged[table].extend((art_id, i, *row) for i, row in enumerate(rows))
        return staged

    def _bulk_insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows at once through an Arrow table (far faster than executemany)."""
        import pyarrow as pa

        names = [d[0] for d in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        types = {r[0]: r[1] for r in self.con.execute(f"DESCRIBE {table}").fetchall()}
        columns = {
            name: pa.array([row[i] for row in rows], type=_arrow_type(types[name])) for i, name in enumerate(names)
        }
        self.con.register("_parley_batch", pa.table(columns))
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _parley_batch")
        finally:
            self.con.unregister("_parley_batch")

    def add(self, records: Sequence[ArticleRecord], quarantined: Sequence[Quarantined] = ()) -> AddResult:
        staged = self._stage(records)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, rows in staged.items():
                if rows:
                    self._bulk_insert(table, rows)
            for q in quarantined:
                self.con.execute(
                    "INSERT OR REPLACE INTO quarantine VALUES (?, ?, ?, ?)", [q.source, q.code, q.reason, q.sample]
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        added = len(staged["articles"])
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

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _transaction(self, steps: Any) -> None:
        """Run ``steps()`` in one transaction."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            steps()
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def articles_without_print(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT id, text, source, published, content_hash FROM articles"
            " WHERE id NOT IN (SELECT id FROM copy_prints) ORDER BY id"
        )

    def add_prints(self, prints: Sequence[Mapping[str, Any]]) -> None:
        rows = [(*(p[n] for n in PRINT_COLUMNS), p["id"], False) for p in prints]
        bands = [(p["id"], name, band, key) for p in prints for name, band, key in p.get("bands", ())]

        def steps() -> None:
            if rows:
                self._bulk_insert("copy_prints", rows)
            if bands:
                self._bulk_insert("copy_bands", bands)

        self._transaction(steps)

    def unlinked_prints(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM copy_prints WHERE NOT linked ORDER BY id").fetchall()]

    def count_prints(self) -> int:
        row = self.con.execute("SELECT count(*) FROM copy_prints").fetchone()
        return int(row[0]) if row else 0

    def prints(self, ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        if ids is None:
            return self._dicts(f"SELECT {_PRINT_SELECT} FROM copy_prints ORDER BY id")
        return self._dicts(
            f"SELECT {_PRINT_SELECT} FROM copy_prints WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
            [list(ids)],
        )

    def print_neighbours(self, ids: Sequence[str]) -> list[tuple[str, str, str]]:
        return sorted(tuple(row) for row in self.con.execute(_NEIGHBOURS, [list(ids)]).fetchall())

    def copy_components(self, ids: Sequence[str]) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]]]:
        members = self._dicts(
            f"SELECT {_PRINT_SELECT} FROM copy_prints WHERE component IN"
            " (SELECT component FROM copy_prints WHERE id IN (SELECT unnest(?::VARCHAR[]))) ORDER BY id",
            [list(ids)],
        )
        links = self.con.execute(
            "SELECT a, b, kind FROM copy_links WHERE a IN (SELECT unnest(?::VARCHAR[])) ORDER BY a, b",
            [[m["id"] for m in members]],
        ).fetchall()
        return members, [tuple(link) for link in links]

    def save_links(
        self, links: Sequence[tuple[str, str, str]], groups: Sequence[OriginGroup], members: Sequence[str],
        linked: Sequence[str], replace: bool = False,
    ) -> None:  # fmt: skip
        labels = components_of(groups, members)
        origins = origin_rows(groups)

        def steps() -> None:
            if replace:
                self.con.execute("DELETE FROM copy_links")
                self.con.execute("DELETE FROM origins")
            if links:
                self._bulk_insert("copy_links", list(links))
            if labels:
                self._relabel(labels)
            if origins:
                self._bulk_insert("origins", origins)
            self.con.execute(
                "UPDATE copy_prints SET linked = true WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(linked)]
            )

        self._transaction(steps)

    def _relabel(self, labels: dict[str, str]) -> None:
        """Set the components of ``labels``' articles and drop their origin rows."""
        import pyarrow as pa

        batch = pa.table({"id": list(labels), "component": list(labels.values())})
        self.con.register("_copy_labels", batch)
        try:
            self.con.execute(
                "UPDATE copy_prints SET component = l.component FROM _copy_labels l WHERE copy_prints.id = l.id"
            )
            self.con.execute("DELETE FROM origins WHERE article_id IN (SELECT id FROM _copy_labels)")
        finally:
            self.con.unregister("_copy_labels")

    def reset_prints(self) -> None:
        def steps() -> None:
            for table in ("copy_prints", "copy_bands", "copy_links", "origins"):
                self.con.execute(f"DELETE FROM {table}")

        self._transaction(steps)

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
