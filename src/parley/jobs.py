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
) -> IngestReport:
    """Store the articles of ``paths`` and their facts; idempotent by content hash."""
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
    report.origin_groups = relink(store)
    return report


def relink(store: Store) -> int:
    """Group stored articles into origins (exact, near and spun copies); returns the
    number of groups."""
    try:
        from parley.link.dedup import group_stored
    except ImportError:
        return 0
    groups = group_stored(store.rows("articles"))
    store.set_origins(groups)
    return len(groups)
