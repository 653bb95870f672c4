"""The example corpus's copies, as its manifest lists them: syndicated and exact copies
grouped under their origin, the spun copy flagged as spun, and nothing else grouped."""

from __future__ import annotations

import json
from pathlib import Path

from parley.clean import clean
from parley.ingest import read_paths
from parley.link.dedup import group_copies
from parley.records import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_example_copies_are_grouped_under_their_origin() -> None:
    manifest = json.loads((EXAMPLES / "gold" / "MANIFEST.json").read_text(encoding="utf-8"))
    expected = {a["id"]: (a["copy_of"], a.get("copy_kind")) for a in manifest["articles"] if a.get("copy_of")}
    articles = [clean(a) for a in read_paths([str(EXAMPLES / "corpus")]) if isinstance(a, Article)]
    found = {}
    for group in group_copies(articles):
        kinds = dict(group.kinds)
        for member in group.members:
            if member != group.origin_id:
                found[member] = (group.origin_id, kinds.get(member))
    assert set(found) == set(expected)
    for art_id, (origin, kind) in expected.items():
        assert found[art_id][0] == origin, art_id
        if kind == "spun":
            assert found[art_id][1] == "spun", art_id
