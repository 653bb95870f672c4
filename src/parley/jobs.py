"""parley's jobs: the library functions behind ``parley ingest`` and ``parley extract``.

``ingest_paths`` reads, skips what the store already holds (by content hash), extracts the
rest in batches and commits each batch in one transaction, then groups copies (link).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, TextIO

from parley.config import Settings
from parley.records import Article, ArticleRecord, Quarantined
from parley.store import Store
from parley.store.base import article_key


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    skipped: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    origin_groups: int = 0


class Progress:
    """A progress bar on stderr (tqdm) for long runs, silent when not wanted."""

    def __init__(self, mode: str, label: str, stream: TextIO | None = None) -> None:
        stream = stream or sys.stderr
        show = mode == "always" or (mode == "auto" and stream.isatty())
        self.bar: Any = None
        if show:
            from tqdm import tqdm

            self.bar = tqdm(desc=label, unit=" articles", file=stream, dynamic_ncols=True)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _unseen(
    items: Iterator[Article | Quarantined], store: Store, report: IngestReport, chunk: int = 200
) -> Iterator[Article | Quarantined]:
    """Drop articles already stored (same id, outlet, URL and text) or seen earlier in this
    run; the store is asked once per chunk of items."""
    seen: set[str] = set()
    while block := list(itertools.islice(items, chunk)):
        keys = {id(a): article_key(a) for a in block if isinstance(a, Article)}
        stored = store.known_keys(list(keys.values()))
        for item in block:
            if isinstance(item, Article):
                report.read += 1
                if keys[id(item)] in seen or keys[id(item)] in stored:
                    report.skipped += 1
                    continue
                seen.add(keys[id(item)])
            yield item


def ingest_paths(
    paths: Sequence[str],
    settings: Settings,
    store: Store,
    executor: Executor | None = None,
    on_quarantine: Callable[[Quarantined], None] | None = None,
    full_relink: bool = False,
) -> IngestReport:
    """Store the articles of ``paths`` and their facts; idempotent by content hash. Copies are
    then grouped (``relink``; ``full_relink`` rebuilds the grouping of the whole store)."""
    from parley.ingest import read_paths
    from parley.pipeline import plan_from, run

    report = IngestReport()
    progress = Progress(settings.progress, "ingest")

    def commit(batch: list[ArticleRecord | Quarantined]) -> None:
        records = [b for b in batch if isinstance(b, ArticleRecord)]
        quarantined = [b for b in batch if isinstance(b, Quarantined)]
        result = store.add(records, quarantined)
        report.added += result.added
        report.skipped += result.skipped
        report.quarantined.extend(quarantined)
        for q in quarantined:
            if on_quarantine:
                on_quarantine(q)
        progress.update(len(records))

    items = read_paths(paths, max_bytes=settings.max_bytes, field_map=dict(settings.field_map) or None)
    try:
        for _ in run(_unseen(items, store, report), plan_from(settings), batch_size=settings.batch_size,
                     executor=executor, on_batch=commit):  # fmt: skip
            pass
    finally:
        progress.close()
    report.origin_groups = relink(store, full=full_relink)
    return report


def relink(store: Store, *, full: bool = False) -> int:
    """Group stored articles into origins (exact, near and spun copies); returns the
    number of groups.

    Incremental: only the articles no relink has seen are fingerprinted, their candidates
    found through the stored LSH band keys and verified, and the groups they touch rebuilt;
    the result is the same as regrouping every stored article (``group_copies`` in id
    order). ``full`` forgets the stored prints and links and rebuilds them all; when most
    prints are new (a new store, a migrated one), every pair is looked at in memory."""
    try:
        from parley.link import dedup
    except ImportError:
        return 0
    if full:
        store.reset_prints()
    _add_prints(store, dedup)
    pending = store.unlinked_prints()
    if pending:
        if 2 * len(pending) >= store.count_prints():
            _relink_all(store, dedup, pending)
        else:
            _relink_new(store, dedup, pending)
    return len({row["origin_id"] for row in store.rows("origins")})


def _add_prints(store: Store, dedup: Any, chunk: int = 2000) -> None:
    """Fingerprint the stored articles that have no print yet."""
    cache: dict[str, int] = {}
    rows = store.articles_without_print()
    for start in range(0, len(rows), chunk):
        store.add_prints([dedup.print_row(dedup.copy_print(row, cache)) for row in rows[start : start + chunk]])


def _relink_all(store: Store, dedup: Any, pending: list[str]) -> None:
    """Link every stored print afresh (candidates from one in-memory index)."""
    prints = [dedup.print_from_row(row, with_bands=True) for row in store.prints()]
    by_id = {copy.id: copy for copy in prints}
    links = dedup.link_pairs(dedup.candidate_pairs(prints), by_id)
    groups = dedup.assemble(prints, links)
    store.save_links(links, groups, list(by_id), pending, replace=True)


def _relink_new(store: Store, dedup: Any, pending: list[str]) -> None:
    """Link the ``pending`` prints to their candidates and rebuild the groups they touch."""
    pairs: dict[str, set[tuple[str, str]]] = {"words": set(), "anchors": set(), "key": set()}
    for art_id, other, via in store.print_neighbours(pending):
        pairs[via].add((min(art_id, other), max(art_id, other)))
    wanted = sorted({art_id for found in pairs.values() for pair in found for art_id in pair} | set(pending))
    prints = {copy.id: copy for copy in map(dedup.print_from_row, store.prints(wanted))}
    links = dedup.link_pairs(pairs, prints)
    touched = sorted({art_id for a, b, _ in links for art_id in (a, b)} | set(pending))
    rows, stored = store.copy_components(touched)
    members = [dedup.print_from_row(row) for row in rows]
    groups = dedup.assemble(members, [*stored, *links])
    store.save_links(links, groups, [m.id for m in members], pending)
