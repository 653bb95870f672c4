"""Text tables, JSON and CSV of the views."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from parley.errors import UsageError
from parley.report.render import cell, render
from parley.report.views import VIEWS, View


def test_tables_fit_in_100_columns_and_keep_dates_whole(talks_store: Any) -> None:
    for name, build in VIEWS.items():
        text = render(build(talks_store), "table")
        assert max(len(line) for line in text.splitlines()) <= 100, name
    timeline = render(VIEWS["timeline"](talks_store), "table")
    assert "~2024-07-08..07-29" in timeline  # the estimated span is never cut in two
    assert timeline.splitlines()[0] == "Timeline of rounds"


def test_json_carries_every_key_and_csv_the_columns(talks_store: Any) -> None:
    view = VIEWS["figures"](talks_store)
    data = json.loads(render(view, "json"))
    assert data["view"] == "figures" and data["columns"] == list(view.columns)
    assert data["rows"][0]["evidence"][0]["sentence"]
    rows = list(csv.reader(io.StringIO(render(view, "csv"))))
    assert rows[0] == list(view.columns)
    assert len(rows) == len(view.rows) + 1
    outlets = rows[0].index("outlets")
    assert any("; " in r[outlets] for r in rows[1:])  # lists joined


def test_empty_view_and_long_words() -> None:
    empty = View("timeline", ("when", "venue"), (), "Timeline of rounds")
    assert "(nothing stored yet)" in render(empty, "table")
    wide = View("x", ("a", "b"), ({"a": "word " * 60, "b": "z" * 150},))
    assert max(len(line) for line in render(wide, "table").splitlines()) <= 100


def test_cells_and_unknown_format() -> None:
    assert cell(["Egypt", "Qatar"]) == "Egypt; Qatar"
    assert cell(40000.0) == "40,000" and cell(True) == "yes" and cell(None) == ""
    with pytest.raises(UsageError):
        render(View("x", (), ()), "xml")
