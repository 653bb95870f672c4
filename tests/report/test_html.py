"""The HTML report: self-contained, every section present, facts open to evidence, and
building it never loads spaCy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from parley.records import Article, ArticleRecord, Credits, Evidence, Meeting, PublicationDate
from parley.report.html import build_html, write_html
from parley.store.memory import MemoryStore

HERE = Path(__file__).resolve().parent


def test_page_is_self_contained(talks_store: Any, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_html(talks_store, path)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", page, re.IGNORECASE)
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", page, re.IGNORECASE)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_sections_charts_and_evidence(talks_store: Any) -> None:
    page = build_html(talks_store)
    for sid in ("timeline", "map", "figures", "positions", "outlets", "stories"):
        assert f'<section id="{sid}">' in page
    for chart in ("timeline-chart", "venue-map", "positions-matrix", "outlet-table"):
        assert f'id="{chart}"' in page
    assert page.count('class="round ') + page.count('class="round"') == 5  # one mark per round
    assert len(re.findall(r'<g class="venue"', page)) == 2  # Cairo and Doha placed via the profile
    assert "Doha on Wednesday" in page and "<mark>will gather again in Doha on Wednesday</mark>" in page
    assert page.count('<li id="r-') == 5
    assert "more than 40,000" in page and "Palestinian health authorities" in page
    assert "✓" in page and "↻" in page  # Hamas accepts, after a shift


def test_stored_text_is_escaped() -> None:
    sentence = "Talks <script>alert(1)</script> in Cairo."
    ev = Evidence("x", 0, len(sentence), sentence, 0, "Talks")
    meeting = Meeting("talks", "Cairo", "2024-01-02", None, ("Egypt", "<b>Qatar</b>"), (), "held", ev)
    art = Article("x", sentence, "x.txt", outlet="Evil <i>Outlet</i>", content_hash="h")
    store = MemoryStore()
    store.add([ArticleRecord(art, art.outlet, PublicationDate("2024-01-03", None), (), Credits(), None,
                             meetings=(meeting,))])  # fmt: skip
    page = build_html(store)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Qatar</b>" not in page and "<i>Outlet</i>" not in page


def test_empty_store_still_renders() -> None:
    page = build_html(MemoryStore())
    assert "No dated rounds to chart." in page and "No figures stored." in page and "No positions stored." in page


SCRIPT = """
import sys
sys.path.insert(0, {here!r})
import parley.report.html as report
from parley.report.export import export
from parley.store.memory import MemoryStore
from conftest import fill
store = fill(MemoryStore())
report.write_html(store, {out!r})
export(store, "json", {export_dir!r})
loaded = sorted(m for m in sys.modules if m == "spacy" or m.startswith(("spacy.", "parley.annotate", "parley.extract")))
print("LOADED", loaded)
"""


def test_building_the_report_never_imports_spacy(tmp_path: Path) -> None:
    code = SCRIPT.format(here=str(HERE), out=str(tmp_path / "r.html"), export_dir=str(tmp_path / "x"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout
    assert (tmp_path / "r.html").stat().st_size > 1000
