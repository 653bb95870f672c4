"""``relink``: copy groups kept up to date one ingest at a time, identical to regrouping the
whole store at once, on both backends."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from parley.ingest import read_paths
from parley.jobs import relink
from parley.link import dedup
from parley.records import Article, ArticleRecord, Credits, PublicationDate
from parley.store import Store, open_store
from parley.store.base import origin_rows

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _record(article: Article) -> ArticleRecord:
    return ArticleRecord(
        article=article,
        outlet=article.outlet,
        published=PublicationDate(article.published, None),
        boilerplate=(),
        credits=Credits(),
        dateline=None,
    )


def _corpus() -> list[ArticleRecord]:
    """The example corpus, plus one more exact copy of a wire story whose id sorts first and
    which is dated earlier (so it takes over a group already stored)."""
    articles = [a for a in read_paths([str(EXAMPLES / "corpus")]) if isinstance(a, Article)]
    manifest = json.loads((EXAMPLES / "gold" / "MANIFEST.json").read_text(encoding="utf-8"))
    origin = next(a["copy_of"] for a in manifest["articles"] if a.get("copy_kind") == "exact")
    text = next(a.text for a in articles if a.id == origin)
    early = Article(id="0-early-copy", text=text, source="early.txt", outlet="Early Site", published="2000-01-01",
                    content_hash="early")  # fmt: skip
    return [_record(a) for a in [*articles, early]]


@pytest.fixture(params=["duckdb", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "t.duckdb" if request.param == "duckdb" else "memory://")
    yield s
    s.close()


def _stored_origins(store: Store) -> set[tuple[str, str, str]]:
    return {(r["article_id"], r["origin_id"], r["kind"]) for r in store.rows("origins")}


def _one_shot(store: Store) -> set[tuple[str, str, str]]:
    """What regrouping every stored article at once gives (in id order, as DuckDB rows come)."""
    rows = sorted(store.rows("articles"), key=lambda row: row["id"])
    return set(origin_rows(dedup.group_stored(rows)))


def _batches(records: Sequence[ArticleRecord], seed: int) -> list[list[ArticleRecord]]:
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[:16]] + [shuffled[i : i + 5] for i in range(16, len(shuffled), 5)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_relinking_batch_by_batch_matches_one_shot_grouping(store: Store, seed: int) -> None:
    for batch in _batches(_corpus(), seed):
        store.add(batch)
        count = relink(store)
        expected = _one_shot(store)
        assert _stored_origins(store) == expected
        assert count == len({origin for _, origin, _ in expected})
    assert ("0-early-copy", "0-early-copy", "origin") in _stored_origins(store)


def test_duckdb_rows_order_is_the_id_order_relink_follows(tmp_path: Path) -> None:
    s = open_store(tmp_path / "t.duckdb")
    for batch in _batches(_corpus(), 4):
        s.add(batch)
        relink(s)
    assert _stored_origins(s) == set(origin_rows(dedup.group_stored(s.rows("articles"))))
    s.close()


def test_the_manifest_copies_are_found_incrementally(store: Store) -> None:
    manifest = json.loads((EXAMPLES / "gold" / "MANIFEST.json").read_text(encoding="utf-8"))
    expected = {a["id"]: a["copy_of"] for a in manifest["articles"] if a.get("copy_of")}
    records = [r for r in _corpus() if r.article.id != "0-early-copy"]
    for batch in _batches(records, 5):
        store.add(batch)
        relink(store)
    found = {r["article_id"]: r["origin_id"] for r in store.rows("origins") if r["kind"] != "origin"}
    assert found == expected


def test_a_relink_verifies_only_pairs_with_a_new_article(store: Store, monkeypatch: Any) -> None:
    records = _corpus()
    store.add(records[:-1])
    relink(store)
    seen: list[tuple[str, str]] = []
    original = dedup.verdict

    def counting(a: dedup.CopyPrint, b: dedup.CopyPrint, *args: Any) -> str | None:
        seen.append((a.id, b.id))
        return original(a, b, *args)

    monkeypatch.setattr(dedup, "verdict", counting)
    store.add(records[-1:])
    relink(store)
    assert seen and all("0-early-copy" in pair for pair in seen)
    assert _stored_origins(store) == _one_shot(store)


def test_full_relink_rebuilds_the_same_groups(store: Store) -> None:
    for batch in _batches(_corpus(), 6):
        store.add(batch)
        relink(store)
    before = _stored_origins(store)
    store.set_origins([])  # origins written by hand: the copy state no longer matches them
    assert relink(store, full=True) == len({o for _, o, _ in before})
    assert _stored_origins(store) == before


def test_ingest_has_an_option_to_relink_the_whole_store() -> None:
    from parley.cli import build_parser

    assert build_parser().parse_args(["ingest", "x", "--relink-all"]).relink_all is True
    assert build_parser().parse_args(["ingest", "x"]).relink_all is False
