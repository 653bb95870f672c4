"""Storage: one protocol (``Store``), the DuckDB file as the default backend, and an
in-memory backend; both pass the same test suite (tests/store)."""

from __future__ import annotations

from pathlib import Path

from parley.store.base import SCHEMA_VERSION, AddResult, Store

__all__ = ["SCHEMA_VERSION", "AddResult", "Store", "open_store"]


def open_store(path: str | Path, read_only: bool = False) -> Store:
    """Open the store at ``path``: ``":memory:"`` or ``memory://`` for a throwaway one,
    any other path for a DuckDB file (created on first write)."""
    if str(path) == "memory://":
        from parley.store.memory import MemoryStore

        return MemoryStore()
    from parley.store.duckdb import DuckDBStore

    return DuckDBStore(path, read_only=read_only)
