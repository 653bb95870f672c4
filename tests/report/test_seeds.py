"""From the five seeds alone (undated articles, placed by their estimated publication
intervals): the timeline shows the rounds of February, May, July and August 2024 in order
with venues Cairo and Doha; the July resumption reported by two seeds is one entry carried
by two outlets; the Gaza death toll reads 34,683, then more than 38,000, then more than
40,000, each with its claimant; and the HTML report renders in Chromium without console
errors. Runs the real pipeline; skipped when ../shared is absent."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley.config import Settings
from parley.jobs import ingest_paths
from parley.report.html import write_html
from parley.report.views import View, all_views
from parley.store.duckdb import DuckDBStore

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, View], Path]]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    tmp = tmp_path_factory.mktemp("seeds")
    store = DuckDBStore(tmp / "seeds.duckdb")
    report = ingest_paths([str(SEEDS)], Settings(progress="never"), store)
    assert report.added == 5
    views = all_views(store)
    write_html(store, tmp / "report.html")
    store.close()
    yield views, tmp / "report.html"


def _round_at(rows: tuple[dict[str, Any], ...], venue: str, day: str) -> int:
    """The timeline position of the round at ``venue`` whose dates include ``day``."""
    for i, row in enumerate(rows):
        if row["venue"] == venue and row["date_from"] and row["date_from"] <= day <= row["date_to"]:
            return i
    raise AssertionError(f"no {venue} round covering {day}: {[(r['venue'], r['when']) for r in rows]}")


def test_timeline_rounds_of_february_may_july_august_in_order(seeded: tuple[dict[str, View], Path]) -> None:
    rows = seeded[0]["timeline"].rows
    positions = [
        _round_at(rows, "Cairo", "2024-02-13"),
        _round_at(rows, "Cairo", "2024-05-05"),
        _round_at(rows, "Doha", "2024-07-10"),
        _round_at(rows, "Cairo", "2024-08-22"),
    ]
    assert positions == sorted(positions)
    starts = [r["date_from"] for r in rows if r["date_from"]]
    assert starts == sorted(starts)
    assert {"Cairo", "Doha"} <= {r["venue"] for r in rows}


def test_july_resumption_is_one_entry_carried_by_two_outlets(seeded: tuple[dict[str, View], Path]) -> None:
    rows = seeded[0]["timeline"].rows
    doha = [r for r in rows if r["venue"] == "Doha" and (r["date_from"] or "") <= "2024-07-10" <= (r["date_to"] or "")]
    assert len(doha) == 1
    assert len(doha[0]["outlets"]) == 2
    assert {e["article_id"][:3] for e in doha[0]["evidence"]} == {"000", "004"}


def test_gaza_death_toll_rises_with_its_claimants(seeded: tuple[dict[str, View], Path]) -> None:
    rows = [r for r in seeded[0]["figures"].rows if r["category"] == "killed" and (r["value"] or 0) >= 30000]
    rows.sort(key=lambda r: r["date"] or "9999")
    assert [(r["value"], r["qualifier"]) for r in rows] == [
        (34683, "at least"),
        (38000, "more than"),
        (40000, "more than"),
    ]
    assert all(r["claimant"] and r["claimant"] != "unattributed" for r in rows)


def test_html_report_renders_in_chromium_without_console_errors(seeded: tuple[dict[str, View], Path]) -> None:
    chromium, driver_path = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
    if not (chromium.exists() and driver_path.exists()):
        pytest.skip("chromium is not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"):  # fmt: skip
        options.add_argument(arg)
    profile = tempfile.mkdtemp(prefix="parley-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = str(chromium)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    try:
        driver.get(seeded[1].as_uri())
        assert [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"] == []
        for sid in ("timeline", "map", "figures", "positions", "outlets"):
            assert driver.find_element(By.ID, sid).is_displayed()
        assert len(driver.find_elements(By.CSS_SELECTOR, "#venue-map g.venue")) == 2
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
