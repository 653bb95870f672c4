"""The HTML report in headless Chromium: no console errors, every section in the DOM, and
clicking a fact (or its chart mark) reveals its evidence sentence. Skipped when Chromium or
its driver is not installed (``apt-get install chromium chromium-driver``)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley.report.html import write_html
from parley.store.duckdb import DuckDBStore

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
)  # fmt: skip

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="chromium is not installed"),
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, filler: Any) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    tmp = tmp_path_factory.mktemp("browser")
    store = filler(DuckDBStore(tmp / "t.duckdb"))
    write_html(store, tmp / "report.html")
    store.close()
    options = webdriver.ChromeOptions()
    for arg in ARGS:
        options.add_argument(arg)
    profile = tempfile.mkdtemp(prefix="parley-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.get((tmp / "report.html").as_uri())
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_no_console_errors(page: Any) -> None:
    severe = [e for e in page.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []
    assert page.title == "parley report"


def test_sections_exist(page: Any) -> None:
    from selenium.webdriver.common.by import By

    for sid in ("timeline", "map", "figures", "positions", "outlets", "stories"):
        assert page.find_element(By.ID, sid).is_displayed()
    assert len(page.find_elements(By.CSS_SELECTOR, "#timeline-chart rect.round")) == 5
    assert len(page.find_elements(By.CSS_SELECTOR, "#venue-map g.venue")) == 2
    assert len(page.find_elements(By.CSS_SELECTOR, "#figures svg.series-chart")) >= 1
    assert len(page.find_elements(By.CSS_SELECTOR, "#positions-matrix tbody tr")) == 3
    assert len(page.find_elements(By.CSS_SELECTOR, "#outlet-table tbody tr")) == 6


def test_clicking_a_fact_reveals_its_evidence(page: Any) -> None:
    from selenium.webdriver.common.by import By

    entry = page.find_elements(By.CSS_SELECTOR, "#timeline li.round-entry")[3]
    sentence = entry.find_element(By.CSS_SELECTOR, ".evidence .sentence")
    assert not sentence.is_displayed()
    entry.find_element(By.TAG_NAME, "summary").click()
    assert sentence.is_displayed()
    assert "Doha on Wednesday" in sentence.text


def test_clicking_a_chart_mark_opens_its_fact(page: Any) -> None:
    from selenium.webdriver.common.by import By

    point = page.find_elements(By.CSS_SELECTOR, "#figures circle.point")[-1]
    target = point.get_attribute("data-target")
    details = page.find_element(By.ID, target).find_element(By.TAG_NAME, "details")
    assert details.get_attribute("open") is None
    page.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", point)
    assert details.get_attribute("open") is not None
    assert details.find_element(By.CSS_SELECTOR, ".evidence .sentence").is_displayed()
    severe = [e for e in page.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []


def test_story_filter_hides_other_threads(page: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    rounds = page.find_elements(By.CSS_SELECTOR, "#timeline li.round-entry")
    july = rounds[3].get_attribute("data-stories").split()[0]
    Select(page.find_element(By.ID, "story-filter")).select_by_value(july)
    shown = [r for r in rounds if r.is_displayed()]
    assert 0 < len(shown) < len(rounds) and rounds[3] in shown
    Select(page.find_element(By.ID, "story-filter")).select_by_value("")
    assert all(r.is_displayed() for r in rounds)
