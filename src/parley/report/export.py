"""Export a store: one file per view (``views/``) and per stored table (``tables/``), as
JSON, CSV or Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from parley.errors import UsageError
from parley.report.render import cell, render_csv, render_json
from parley.report.views import View, all_views
from parley.store import Store
from parley.store.base import ARTICLE_COLUMNS, EVIDENCE_COLUMNS, FACT_COLUMNS

EXPORT_FORMATS = ("json", "csv", "parquet")
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ARTICLE_COLUMNS,
    **{t: ("article_id", "idx", *cols, *EVIDENCE_COLUMNS) for t, cols in FACT_COLUMNS.items()},
    "origins": ("article_id", "origin_id", "kind"),
    "quarantine": ("source", "code", "reason", "sample"),
}


def _flat(value: Any) -> Any:
    """A value Parquet can hold in a column of one type: nested data as JSON text."""
    if isinstance(value, dict) or (isinstance(value, list | tuple) and any(isinstance(v, dict | list) for v in value)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list | tuple):
        return [cell(v) for v in value]
    return value


def _write_parquet(rows: list[dict[str, Any]], columns: tuple[str, ...], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = list(dict.fromkeys([*columns, *(k for r in rows for k in r)]))
    data = {n: [_flat(r.get(n)) for r in rows] for n in names}
    arrays = {}
    for name, values in data.items():
        try:
            arrays[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays[name] = pa.array([None if v is None else cell(v) for v in values], type=pa.string())
    pq.write_table(pa.table(arrays) if arrays else pa.table({n: pa.array([], pa.string()) for n in names}), path)


def _write_table(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str, path: Path) -> None:
    if fmt == "parquet":
        _write_parquet(rows, columns, path)
    elif fmt == "json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([cell(r.get(c)) for c in columns] for r in rows)


def _write_view(view: View, fmt: str, path: Path) -> None:
    if fmt == "parquet":
        _write_parquet(list(view.rows), view.columns, path)
    else:
        path.write_text(render_json(view) if fmt == "json" else render_csv(view), encoding="utf-8")


def export(store: Store, fmt: str, out_dir: str | Path) -> list[Path]:
    """Write ``views/<view>.<fmt>`` and ``tables/<table>.<fmt>`` under ``out_dir``;
    returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError("E500", f"unknown export format {fmt!r} (choose one of: {', '.join(EXPORT_FORMATS)})")
    root = Path(out_dir)
    (root / "views").mkdir(parents=True, exist_ok=True)
    (root / "tables").mkdir(parents=True, exist_ok=True)
    written = []
    for name, view in all_views(store).items():
        path = root / "views" / f"{name}.{fmt}"
        _write_view(view, fmt, path)
        written.append(path)
    for table, columns in TABLE_COLUMNS.items():
        path = root / "tables" / f"{table}.{fmt}"
        _write_table(store.rows(table), columns, fmt, path)
        written.append(path)
    return written
