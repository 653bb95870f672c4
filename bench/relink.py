"""Incremental copy grouping against a full regroup, on the same store in the same process.

    python bench/relink.py [--stored 5000] [--new 200] [--db memory://|PATH]

Stores ``--stored`` look-alike generated articles (bench/generate.py: one template, so most
pairs are LSH candidates; one in 20 is an exact or near copy of an earlier one) and relinks
them, then adds ``--new`` more and times, in order:
the incremental relink (``parley.jobs.relink``), a full rebuild of the copy state
(``relink(full=True)``: fingerprints and links everything again) and the one-shot regroup
parley ran before (``group_stored`` over every stored article, then ``set_origins``). All
three must leave the same origins; the ratios of the incremental time to the two full ones
follow (below 1: the incremental relink is faster). Records are built without extraction,
so only copy grouping is timed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from generate import article  # noqa: E402

from parley.jobs import relink  # noqa: E402
from parley.link.dedup import group_stored  # noqa: E402
from parley.records import Article, ArticleRecord, Credits, PublicationDate  # noqa: E402
from parley.store import Store, open_store  # noqa: E402


def records(count: int, seed: int = 7) -> list[ArticleRecord]:
    """Generated articles; every 20th is a copy of an earlier one (exact, or with a credit line
    added: a near copy), so there are groups to extend."""
    rng = random.Random(seed)
    out: list[ArticleRecord] = []
    for i in range(count):
        row = article(i, rng)
        if i % 20 == 19:
            row["text"] = out[rng.randrange(i)].article.text + ("" if i % 40 == 19 else " Reporting by a staff writer.")
        art = Article(id=row["id"], text=row["text"], source=f"{row['id']}.jsonl", outlet=row["outlet"],
                      published=row["published"], content_hash=f"h{i}")  # fmt: skip
        out.append(ArticleRecord(art, row["outlet"], PublicationDate(row["published"], None), (), Credits(), None))
    return out


def origins(store: Store) -> set[tuple[str, str, str]]:
    return {(r["article_id"], r["origin_id"], r["kind"]) for r in store.rows("origins")}


def timed(label: str, run: object) -> float:
    started = time.perf_counter()
    result = run()  # type: ignore[operator]
    elapsed = time.perf_counter() - started
    print(f"{label:<44} {elapsed:8.2f} s   ({result} group(s))", flush=True)
    return elapsed


def one_shot(store: Store) -> int:
    groups = group_stored(store.rows("articles"))
    store.set_origins(groups)
    return len(groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=5000)
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--db", default="", help="store (default: a DuckDB file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or Path(tmp) / "relink.duckdb")
        batch = records(args.stored + args.new)
        store.add(batch[: args.stored])
        timed(f"first relink of {args.stored} stored", lambda: relink(store))
        store.add(batch[args.stored :])
        incremental = timed(f"incremental relink of {args.new} new", lambda: relink(store))
        after = origins(store)
        full = timed(f"full rebuild (relink full=True) of {args.stored + args.new}", lambda: relink(store, full=True))
        same_full = origins(store) == after
        regroup = timed(f"one-shot regroup (group_stored) of {args.stored + args.new}", lambda: one_shot(store))
        same_regroup = origins(store) == after
        store.close()
    print(f"identical origins: full rebuild {same_full}, one-shot regroup {same_regroup}")
    print(f"incremental / full rebuild:     {incremental / full:.3f}")
    print(f"incremental / one-shot regroup: {incremental / regroup:.3f}")
    if not (same_full and same_regroup):
        sys.exit(1)


if __name__ == "__main__":
    main()
