"""Property: arbitrary bytes and malformed records never crash a reader; every item
ends as an Article or a Quarantined one."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.ingest import read_paths
from parley.records import Article, Quarantined

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
EXTENSIONS = (".txt", ".html", ".jsonl", ".json", ".csv", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".dat", "")
_DIR = Path(tempfile.mkdtemp(prefix="parley-fuzz-"))
_SEEDS = [path.read_bytes() for path in sorted(FIXTURES.iterdir())]

# bytes that look partly like real inputs: fixtures cut, spliced or sprinkled with noise
_mangled = st.builds(
    lambda seed, cut, noise, at: seed[:cut] + noise + seed[at:],
    st.sampled_from(_SEEDS),
    st.integers(0, 4000),
    st.binary(max_size=40),
    st.integers(0, 4000),
)
_PAYLOADS = st.one_of(st.binary(max_size=600), _mangled)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)
_records = st.dictionaries(
    st.sampled_from(["id", "text", "body", "date", "published", "source", "url", "title", "x"]), _json_values
)


def _check(path: Path, max_bytes: int = 5_000_000) -> None:
    for item in read_paths([str(path)], max_bytes=max_bytes):
        assert isinstance(item, Article | Quarantined)
        if isinstance(item, Quarantined):
            assert item.code.startswith("E1") and "\n" not in item.reason
        else:
            assert item.text.strip() and len(item.content_hash) == 64


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAYLOADS, st.sampled_from(EXTENSIONS), st.sampled_from([5_000_000, 300]))
def test_any_bytes_in_any_format(data: bytes, extension: str, max_bytes: int) -> None:
    path = _DIR / f"item{extension}"
    path.write_bytes(data)
    _check(path, max_bytes)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(_records.map(json.dumps), st.text(max_size=40)), max_size=6))
def test_malformed_jsonl_records(lines: list[str]) -> None:
    path = _DIR / "records.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    _check(path)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), max_size=5), max_size=6))
def test_malformed_csv_rows(rows: list[list[str]]) -> None:
    path = _DIR / "rows.csv"
    body = "\n".join(",".join(cells) for cells in rows)
    path.write_text("id,text,date\n" + body, encoding="utf-8")
    _check(path)


def test_a_header_with_an_unclosed_quote_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b'"')  # found by the property test above
    items = list(read_paths([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Quarantined) and items[0].code == "E106"
