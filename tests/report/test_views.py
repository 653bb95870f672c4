"""The report views over the hand-written talks corpus, in both backends."""

from __future__ import annotations

import json
from typing import Any

from parley.report.views import VIEWS, View, all_views


def _view(store: Any, name: str) -> View:
    view = VIEWS[name](store)
    assert view.name == name
    json.dumps(view.rows)  # plain data only
    for row in view.rows:
        assert set(view.columns) <= set(row)
    return view


def test_views_offered_to_the_cli() -> None:
    assert {"timeline", "figures", "positions", "outlets"} <= set(VIEWS)


def test_timeline_rounds_in_order_with_merged_july_resumption(talks_store: Any) -> None:
    rows = _view(talks_store, "timeline").rows
    assert [(r["venue"], r["when"][:8]) for r in rows] == [
        ("Cairo", "2024-02-"),
        ("Cairo", "~2024-04"),
        ("Cairo", "~2024-07"),
        ("Doha", "~2024-07"),
        ("Cairo", "2024-08-"),
    ]
    doha = rows[3]
    assert set(doha["outlets"]) == {"Coastal Times", "Evening Wire", "Gulf Digest"}
    assert doha["independent"] == 2  # the Reuters copy and its syndication count once
    assert doha["estimated"] and doha["date_text"] == ["on Wednesday"]
    assert doha["date_from"] <= "2024-07-10" <= doha["date_to"]
    assert {e["article_id"] for e in doha["evidence"]} == {"jul-coastal", "jul-wire", "jul-digest"}
    sentence = doha["evidence"][0]
    assert "Doha on Wednesday" in sentence["sentence"] and sentence["outlet"] in doha["outlets"]
    assert sentence["published"] == "~2024-07-08..07-22"


def test_evidence_offsets_point_into_the_article_text(talks_store: Any) -> None:
    texts = {r["id"]: r["text"] for r in talks_store.rows("articles")}
    for name in ("timeline", "figures"):
        for row in _view(talks_store, name).rows:
            for ev in row["evidence"]:
                assert texts[ev["article_id"]][ev["start"] : ev["end"]] == ev["text"]


def test_figures_ledger_keeps_claimants_apart(talks_store: Any) -> None:
    rows = [r for r in _view(talks_store, "figures").rows if r["category"] == "killed"]
    assert {r["series"] for r in rows} == {"killed in Gaza"}
    assert [(r["figure"], r["claimant"]) for r in rows] == [
        ("at least 28,500", "the Gaza health ministry"),
        ("at least 34,600", "the Gaza health ministry"),
        ("more than 38,000", "the Gaza health ministry"),
        ("more than 40,000", "Palestinian health authorities"),
    ]
    assert len(rows[2]["outlets"]) == 3 and len(rows[2]["evidence"]) == 3
    assert [r["when"] for r in rows] == ["2024-02-14", "~2024-04-28..05-12", "~2024-07-08..07-22", "2024-08-22"]
    assert not any(r["disputed"] for r in rows)  # months apart: a rising toll, not a dispute


def test_positions_matrix_rows_with_history_and_shift(talks_store: Any) -> None:
    rows = {(r["party"], r["issue"]): r for r in _view(talks_store, "positions").rows}
    hamas = rows[("Hamas", "permanent ceasefire")]
    assert hamas["stance"] == "accepts" and hamas["first_seen"] == "2024-02-14"
    assert [h["stance"] for h in hamas["history"]] == ["demands", "accepts", "accepts", "accepts"]
    assert any(s.startswith("demands -> accepts") for s in hamas["shifts"])
    assert any(s.startswith("dropped: accepts") for s in hamas["shifts"])
    assert rows[("Egypt", "Philadelphi corridor")]["stance"] == "rejects"


def test_outlets_compare_exclusives_terms_quotes_and_copies(talks_store: Any) -> None:
    rows = {r["outlet"]: r for r in _view(talks_store, "outlets").rows}
    assert set(rows) == {"Nile Gazette", "Harbour Post", "Coastal Times", "Evening Wire", "Gulf Digest", "Delta Daily"}
    delta = rows["Delta Daily"]
    assert delta["exclusive"] == 3 == len(delta["exclusive_facts"])
    assert any("40,000" in fact["label"] for fact in delta["exclusive_facts"])
    assert delta["quoted"] == ["Egypt: an unnamed source"]
    assert rows["Nile Gazette"]["loaded_terms"] == ["occupation army"]
    assert rows["Gulf Digest"]["copies"] == "1/1" and rows["Coastal Times"]["copies"] == "0/1"
    assert rows["Coastal Times"]["exclusive"] == 0  # the wire carried the same Doha round and toll
    left_out = rows["Coastal Times"]["left_out_facts"]
    assert rows["Coastal Times"]["left_out"] == 0 == len(left_out)  # nothing else within a week of July


def test_all_views_share_one_read(talks_store: Any) -> None:
    views = all_views(talks_store)
    assert list(views) == list(VIEWS)
    stories = views["stories"].rows
    assert sum(r["articles"] for r in stories) == 6
    july = next(r for r in stories if any(m["article_id"] == "jul-coastal" for m in r["members"]))
    assert {m["article_id"] for m in july["members"]} == {"jul-coastal", "jul-wire", "jul-digest"}
    timeline = views["timeline"].rows
    assert all(july["id"] in r["stories"] for r in timeline if "~2024-07" in r["when"])
