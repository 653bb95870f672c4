"""Render a ``View`` as a fixed-width text table (readable in 100 columns), JSON or CSV.

Tables and CSV show the view's ``columns``; lists are joined with "; ". JSON carries every
key of every row (evidence included).
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from typing import Any

from parley.errors import UsageError
from parley.report.views import View

WIDTH = 100
GAP = "  "
MIN_COLUMN = 6
MAX_WORD = 24
FORMATS = ("table", "json", "csv")


def cell(value: Any) -> str:
    """One value as text: lists joined with "; ", booleans as yes/no, None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:g}"
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v)}" for k, v in value.items())
    return " ".join(str(value).split())


def _floor(texts: list[str]) -> int:
    """The narrowest a column should get: its longest word (capped), so dates and names
    are not cut in the middle."""
    longest = max((len(word) for text in texts for word in text.split()), default=0)
    return max(MIN_COLUMN, min(longest, MAX_WORD))


def _widths(header: list[str], body: list[list[str]], width: int) -> list[int]:
    columns = [[h, *(r[i] for r in body)] for i, h in enumerate(header)]
    widths = [max(len(t) for t in texts) for texts in columns]
    floors = [_floor(texts) for texts in columns]
    budget = width - len(GAP) * (len(header) - 1)
    while sum(widths) > budget:
        shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    return widths


def _lines(values: list[str], widths: list[int]) -> list[str]:
    wrapped = [
        textwrap.wrap(v, w, break_long_words=True, break_on_hyphens=False) or [""]
        for v, w in zip(values, widths, strict=True)
    ]
    height = max(len(w) for w in wrapped)
    out = []
    for i in range(height):
        parts = [(w[i] if i < len(w) else "").ljust(widths[j]) for j, w in enumerate(wrapped)]
        out.append(GAP.join(parts).rstrip())
    return out


def render_table(view: View, width: int = WIDTH) -> str:
    header = [c.replace("_", " ") for c in view.columns]
    body = [[cell(row.get(c)) for c in view.columns] for row in view.rows]
    widths = _widths(header, body, width)
    lines = [view.title or view.name] if (view.title or view.name) else []
    lines += _lines(header, widths)
    lines.append(GAP.join("-" * w for w in widths))
    rendered = [_lines(r, widths) for r in body]
    spaced = any(len(r) > 1 for r in rendered)
    for i, row_lines in enumerate(rendered):
        if spaced and i:
            lines.append("")
        lines.extend(row_lines)
    if not body:
        lines.append("(nothing stored yet)")
    return "\n".join(lines) + "\n"


def render_json(view: View) -> str:
    data = {"view": view.name, "title": view.title, "columns": list(view.columns), "rows": list(view.rows)}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def render_csv(view: View) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(view.columns)
    for row in view.rows:
        writer.writerow([cell(row.get(c)) for c in view.columns])
    return out.getvalue()


def render(view: View, fmt: str) -> str:
    """``view`` as ``fmt``: "table", "json" or "csv"."""
    if fmt == "table":
        return render_table(view)
    if fmt == "json":
        return render_json(view)
    if fmt == "csv":
        return render_csv(view)
    raise UsageError("E500", f"unknown format {fmt!r} (choose one of: {', '.join(FORMATS)})")
