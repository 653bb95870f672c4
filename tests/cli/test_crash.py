"""A killed ingest loses nothing committed, leaves no half-written article, and a re-run
ends with exactly the articles of the input (bench/crash_resume.py runs it on 10,000)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _scenario_module():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("crash_resume", BENCH / "crash_resume.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kill_half_way_then_rerun_ends_with_every_article_once(tmp_path: Path) -> None:
    result = _scenario_module().scenario(600, tmp_path)
    assert result["progress_at_kill"] >= 300, result  # the progress bar was shown and read
    assert 0 < result["after_kill"]["articles"] < 600, result  # killed half-way, batches kept
    assert result["after_kill"]["torn"] == 0
    assert result["final"] == {"articles": 600, "torn": 0}, result
    assert "already stored" in result["rerun_summary"]
