"""Export: one file per view and per stored table, in JSON, CSV and Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from parley.errors import UsageError
from parley.report.export import TABLE_COLUMNS, export
from parley.report.views import VIEWS


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet"])
def test_export_writes_views_and_tables(talks_store: Any, tmp_path: Path, fmt: str) -> None:
    written = export(talks_store, fmt, tmp_path / "out")
    names = {(p.parent.name, p.name) for p in written}
    assert {("views", f"{v}.{fmt}") for v in VIEWS} <= names
    assert {("tables", f"{t}.{fmt}") for t in TABLE_COLUMNS} <= names
    assert all(p.stat().st_size > 0 for p in written)
    meetings = tmp_path / "out" / "tables" / f"meetings.{fmt}"
    timeline = tmp_path / "out" / "views" / f"timeline.{fmt}"
    if fmt == "json":
        assert len(json.loads(meetings.read_text())) == talks_store.count("meetings")
        assert json.loads(timeline.read_text())["rows"][0]["evidence"]
    elif fmt == "csv":
        with meetings.open() as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == talks_store.count("meetings") and rows[0]["sentence"]
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(meetings).num_rows == talks_store.count("meetings")
        table = pq.read_table(timeline)
        assert table.num_rows == len(VIEWS["timeline"](talks_store).rows)
        assert json.loads(table.column("evidence")[0].as_py())[0]["sentence"]


def test_export_refuses_unknown_format(talks_store: Any, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export(talks_store, "xlsx", tmp_path)
