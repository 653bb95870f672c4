"""The command line end to end, on files written here: extract, ingest (twice), views,
quarantine, eval; bad input never ends in a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = """---
outlet: Example Wire
published: 2024-03-04
title: Envoys meet in Doha
---
DOHA (Example Wire) - Qatari and Egyptian mediators met a Hamas delegation in Doha on Sunday
to push for a truce, two officials said. At least 30 people were killed in Gaza on Saturday,
the health ministry said. Talks will resume in Cairo on Tuesday.
"""


def parley(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parley", *args], capture_output=True, text=True, input=stdin, timeout=300
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "doha.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "r1", "outlet": "Row Times", "text": "Negotiators held talks in Cairo on Monday."})
        + "\n{not json\n",
        encoding="utf-8",
    )
    return folder


def test_extract_emits_schema_records_and_quarantines_bad_files(corpus: Path) -> None:
    done = parley("extract", str(corpus), "--progress", "never")
    assert done.returncode == 3, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(r["id"] for r in records) == ["doha", "r1"]
    doha = next(r for r in records if r["id"] == "doha")
    assert doha["published"] == "2024-03-04" and doha["outlet"] == "Example Wire"
    for key in ("entities", "meetings", "figures", "positions", "framing_terms", "boilerplate"):
        assert isinstance(doha[key], list)
    assert "Traceback" not in done.stderr
    assert "empty.txt" in done.stderr and "blob.txt" in done.stderr and "rows.jsonl:2" in done.stderr


def test_ingest_is_idempotent_and_views_read_the_store(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    first = parley("ingest", str(corpus), "--db", db, "--progress", "never")
    assert first.returncode == 3 and "2 added" in first.stdout, first.stdout + first.stderr
    second = parley("ingest", str(corpus), "--db", db, "--progress", "never")
    assert "0 added, 2 already stored" in second.stdout, second.stdout + second.stderr
    listed = parley("quarantine", "--db", db, "--format", "json")
    codes = sorted(row["code"] for row in json.loads(listed.stdout))
    assert codes == ["E101", "E102", "E105"]


def test_views_without_a_database_say_what_to_do(tmp_path: Path) -> None:
    done = parley("timeline", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 2
    assert done.stderr.startswith("error[E300]") and "parley ingest" in done.stderr


def test_missing_inputs_are_a_usage_error(tmp_path: Path) -> None:
    done = parley("extract", str(tmp_path / "nothing-here" / "*.txt"))
    assert done.returncode == 2 and done.stderr.startswith("error[E501]")


def test_stdin_jsonl_is_read(tmp_path: Path) -> None:
    line = json.dumps({"id": "s1", "text": "Mediators met in Geneva on Friday."})
    done = parley("extract", "-", "--progress", "never", stdin=line + "\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "s1"


def test_eval_prints_a_score_table(corpus: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "doha.json").write_text(
        json.dumps({"id": "doha", "published": "2024-03-04", "entities": [], "meetings": [], "figures": [
            {"value": 30, "qualifier": "at least", "category": "killed", "attributed_to": "health ministry"}],
            "positions": [], "framing_terms": []}),
        encoding="utf-8",
    )
    done = parley("eval", "--gold", str(gold), str(corpus / "doha.txt"), "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert scores["articles"] == 1 and "figures" in scores
