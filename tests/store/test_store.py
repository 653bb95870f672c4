"""One test suite for every storage backend (a real DuckDB file and memory)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parley.errors import StoreError
from parley.records import (
    Article,
    ArticleRecord,
    Credits,
    Evidence,
    Figure,
    Meeting,
    OriginGroup,
    PublicationDate,
    Quarantined,
)
from parley.store import SCHEMA_VERSION, Store, open_store
from parley.store.base import article_key

TEXT = "Envoys met in Doha on Monday. At least 12 people were killed, the ministry said."


def record(art_id: str = "a1", text: str = TEXT, content_hash: str = "h1") -> ArticleRecord:
    art = Article(id=art_id, text=text, source=f"{art_id}.txt", outlet="Example Wire", content_hash=content_hash)
    ev = Evidence(art_id, 0, 28, "Envoys met in Doha on Monday.", 0, "Envoys met in Doha on Monday")
    fig_ev = Evidence(art_id, 30, 60, "At least 12 people were killed, the ministry said.", 1, "At least 12 people")
    return ArticleRecord(
        article=art,
        outlet="Example Wire",
        published=PublicationDate("2024-05-06", ("2024-05-06", "2024-05-06")),
        boilerplate=("Share this",),
        credits=Credits(wire="Example Wire"),
        dateline=None,
        meetings=(Meeting("talks", "Doha", "2024-05-06", "on Monday", ("Qatar", "Egypt"), (), "held", ev),),
        figures=(Figure(12, "at least", "killed", "people", "the ministry", fig_ev),),
    )


@pytest.fixture(params=["duckdb", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "t.duckdb" if request.param == "duckdb" else "memory://")
    yield s
    s.close()


def test_add_stores_article_and_facts_with_provenance(store: Store) -> None:
    result = store.add([record()])
    assert result.added == 1
    meeting = store.rows("meetings")[0]
    assert meeting["article_id"] == "a1" and meeting["venue"] == "Doha"
    assert list(meeting["participants"]) == ["Qatar", "Egypt"]
    assert (meeting["span_start"], meeting["span_end"], meeting["sentence_index"]) == (0, 28, 0)
    figure = store.rows("figures")[0]
    assert figure["value"] == 12 and figure["sentence"].startswith("At least 12")
    assert store.rows("articles")[0]["published"] == "2024-05-06"


def test_re_adding_the_same_content_adds_nothing(store: Store) -> None:
    store.add([record()])
    again = store.add([record()])
    assert (again.added, again.skipped) == (0, 1)
    assert store.count("articles") == 1 and store.count("meetings") == 1
    key = article_key(record().article)
    assert store.known_keys([key, "zz"]) == {key}


def test_the_same_text_from_another_outlet_is_another_article(store: Store) -> None:
    store.add([record()])
    copy = record("a2")
    object.__setattr__(copy.article, "outlet", "Other Site")
    assert store.add([copy]).added == 1
    assert {r["content_hash"] for r in store.rows("articles")} == {"h1"}


def test_same_id_different_content_gets_a_distinct_id(store: Store) -> None:
    store.add([record()])
    store.add([record(text=TEXT + " More.", content_hash="h2")])
    ids = sorted(r["id"] for r in store.rows("articles"))
    second = record(text=TEXT + " More.", content_hash="h2").article
    assert ids == ["a1", f"a1~{article_key(second)[:8]}"]


def test_quarantine_entries_are_kept_once(store: Store) -> None:
    q = Quarantined("bad.bin", "E102", "error[E102] bad.bin: binary")
    store.add([], [q])
    store.add([], [q])
    assert [r["code"] for r in store.rows("quarantine")] == ["E102"]


def test_origins_replace_previous_grouping(store: Store) -> None:
    store.add([record(), record("a2", content_hash="h2")])
    store.set_origins([OriginGroup("a1", ("a1", "a2"), (("a2", "near"),))])
    kinds = {r["article_id"]: r["kind"] for r in store.rows("origins")}
    assert kinds == {"a1": "origin", "a2": "near"}


def test_unknown_table_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.rows("articles; DROP TABLE articles")


def test_duckdb_file_persists_and_knows_its_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "p.duckdb"
    s = open_store(path)
    s.add([record()])
    s.close()
    again = open_store(path, read_only=True)
    assert again.count("articles") == 1
    assert again.rows("articles")[0]["id"] == "a1"
    again.close()
    import duckdb

    con = duckdb.connect(str(path))
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    con.close()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert err.value.code == "E301"


def test_a_file_that_is_not_a_parley_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE x (a INTEGER)")
    con.close()
    with pytest.raises(StoreError):
        open_store(path)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(StoreError):
        open_store(junk)


def test_a_failing_batch_leaves_nothing_half_written(tmp_path: Path) -> None:
    s = open_store(tmp_path / "t.duckdb")
    broken = record("b1", content_hash="hb")
    object.__setattr__(broken, "meetings", ("not a meeting",))  # makes the insert fail midway
    with pytest.raises(AttributeError):
        s.add([record(), broken])
    assert s.count("articles") == 0 and s.count("meetings") == 0
    s.close()


# --------------------------------------------------------------------------- copy state


def _print(art_id: str, bands: list[tuple[str, int, bytes]], content_hash: str = "", text: str = "") -> dict[str, Any]:
    return {
        "id": art_id, "content_hash": content_hash, "text_hash": text, "published": "2024-05-06",
        "wire": None, "outlet": "Example Wire", "shingles": bytes([1, 0, 0, 0, 9, 0, 0, 0]),
        "anchors": ["doha", "12"], "words": 14, "bands": bands,
    }  # fmt: skip


def test_prints_are_kept_with_their_bands_and_found_by_neighbours(store: Store) -> None:
    store.add([record(), record("a2", content_hash="h2"), record("a3", content_hash="h3")])
    assert [r["id"] for r in store.articles_without_print()] == ["a1", "a2", "a3"]
    store.add_prints([
        _print("a1", [("words", 0, b"x"), ("anchors", 3, b"y")], content_hash="h1"),
        _print("a2", [("words", 0, b"x"), ("words", 1, b"z")], text="t1"),
        _print("a3", [("words", 1, b"y"), ("anchors", 3, b"q")], content_hash="h1", text="t1"),
    ])  # fmt: skip
    assert store.articles_without_print() == [] and store.count_prints() == 3
    assert store.unlinked_prints() == ["a1", "a2", "a3"]
    row = store.prints(["a2"])[0]
    assert (row["id"], bytes(row["shingles"]), row["words"]) == ("a2", bytes([1, 0, 0, 0, 9, 0, 0, 0]), 14)
    assert list(row["anchors"]) == ["doha", "12"]
    assert "bands" not in row and [r["id"] for r in store.prints()] == ["a1", "a2", "a3"]
    # same band number and key in the same index only; a content or text hash shared is a "key" neighbour
    assert store.print_neighbours(["a1"]) == [("a1", "a2", "words"), ("a1", "a3", "key")]
    assert store.print_neighbours(["a2", "a3"]) == [
        ("a2", "a1", "words"), ("a2", "a3", "key"), ("a3", "a1", "key"), ("a3", "a2", "key"),
    ]  # fmt: skip


def test_saving_links_regroups_only_the_members_given(store: Store) -> None:
    store.add([record(f"a{i}", content_hash=f"h{i}") for i in range(1, 6)])
    store.add_prints([_print(f"a{i}", []) for i in range(1, 6)])
    store.save_links([("a1", "a2", "near")], [OriginGroup("a1", ("a1", "a2"), (("a2", "near"),))],
                     ["a1", "a2", "a3"], ["a1", "a2", "a3"])  # fmt: skip
    store.save_links([("a4", "a5", "spun")], [OriginGroup("a5", ("a5", "a4"), (("a4", "spun"),))],
                     ["a4", "a5"], ["a4"])  # fmt: skip
    assert store.unlinked_prints() == ["a5"]
    rows = {(r["article_id"], r["origin_id"], r["kind"]) for r in store.rows("origins")}
    assert rows == {("a1", "a1", "origin"), ("a2", "a1", "near"), ("a5", "a5", "origin"), ("a4", "a5", "spun")}
    members, links = store.copy_components(["a2"])
    assert [m["id"] for m in members] == ["a1", "a2"] and links == [("a1", "a2", "near")]
    assert [m["id"] for m in store.copy_components(["a3"])[0]] == ["a3"]
    # a new link joins two components: the merged group replaces both
    merged = OriginGroup("a1", ("a1", "a2", "a4", "a5"), (("a2", "near"), ("a4", "near"), ("a5", "spun")))
    store.save_links([("a2", "a4", "near")], [merged], ["a1", "a2", "a4", "a5"], ["a5"])
    members, links = store.copy_components(["a5"])
    assert [m["id"] for m in members] == ["a1", "a2", "a4", "a5"] and len(links) == 3
    assert {r["origin_id"] for r in store.rows("origins")} == {"a1"} and store.count("origins") == 4
    store.save_links([], [], ["a1", "a2", "a3", "a4", "a5"], [], replace=True)
    assert store.count("origins") == 0 and store.copy_components(["a1"])[1] == []
    store.reset_prints()
    assert store.count_prints() == 0 and len(store.articles_without_print()) == 5


def test_a_version_1_file_migrates_and_its_articles_await_prints(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    s = open_store(path)
    s.add([record()])
    s.close()
    con = duckdb.connect(str(path))  # make it as schema 1 left it
    for table in ("copy_prints", "copy_bands", "copy_links"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    con.close()
    again = open_store(path)
    assert [r["id"] for r in again.articles_without_print()] == ["a1"] and again.count_prints() == 0
    again.close()
