"""Throughput and memory of `parley extract`, against spaCy's full small pipeline alone,
in the same process on the same texts.

    python bench/throughput.py [--repeat N] [--rounds R] [PATH ...]

Prints articles per second, words per second, wall and CPU seconds and peak memory growth
for both, and the ratio of their throughputs (parley over spaCy: above 1 means parley is
faster), from wall time and from CPU time (the CPU ratio is steadier on a busy machine).
Texts: the example corpus (and ../shared/seeds when present), repeated N times. Both run
R rounds, alternating, and the rates are over the summed time, so the first round's
one-time costs (gazetteer, lexicons) stay in; with R > 1 each round's CPU ratio and their
median follow (each round's two runs are back to back, under similar load). Model loading is excluded from both
timings; each side first runs once untimed on five texts. spaCy's pipeline is loaded as
shipped (every component, thinc's default ops). Two reference lines follow: spaCy with the
matrix setting parley uses (numpy's BLAS on one thread), and parley's split by stage.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parley.config import load_settings  # noqa: E402
from parley.records import Article  # noqa: E402


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * 4096


class PeakMemory:
    """Samples resident memory every 5 ms; ``growth`` is the peak above the start."""

    def __init__(self) -> None:
        self.start = self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss_bytes())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 1e6


def load_articles(paths: Sequence[str]) -> list[Article]:
    from parley.ingest import read_paths

    return [a for a in read_paths(paths) if isinstance(a, Article)]


@dataclass
class Timing:
    """Summed wall and CPU seconds and the peak memory growth over the rounds of one side."""

    label: str
    wall: float = 0.0
    cpu: float = 0.0
    growth_mb: float = 0.0
    runs: int = 0
    cpu_per_run: list[float] = field(default_factory=list)

    def add(self, fn: Callable[[], int]) -> None:
        gc.collect()
        with PeakMemory() as mem:
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            self.wall += time.perf_counter() - wall
            self.cpu_per_run.append(time.process_time() - cpu)
        self.cpu += self.cpu_per_run[-1]
        self.growth_mb = max(self.growth_mb, mem.growth_mb)
        self.runs += 1

    def line(self, n_articles: int, n_words: int) -> str:
        n_articles, n_words = n_articles * self.runs, n_words * self.runs
        return (
            f"{self.label:<34}{n_articles / self.wall:>8.1f} articles/s{n_words / self.wall:>9.0f} words/s"
            f"{self.wall:>9.2f} s wall{self.cpu:>8.2f} s CPU{self.growth_mb:>8.1f} MB peak growth"
        )


def stage_split(articles: Sequence[Article], plan: Any, size: int) -> dict[str, float]:
    """CPU seconds per stage of one more parley pass (the steps ``process_batch`` takes)."""
    from parley.annotate.nlp import annotate_many
    from parley.clean import clean
    from parley.pipeline import extract_documents

    split = {"clean": 0.0, "annotate": 0.0, "extract": 0.0}
    for i in range(0, len(articles), size):
        t0 = time.process_time()
        cleaned = [clean(a) for a in articles[i : i + size]]
        t1 = time.process_time()
        docs = list(annotate_many(cleaned))
        t2 = time.process_time()
        extract_documents(docs, plan)
        t3 = time.process_time()
        split["clean"] += t1 - t0
        split["annotate"] += t2 - t1
        split["extract"] += t3 - t2
    return split


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    paths = args.paths or [str(ROOT / "examples" / "corpus")] + [
        str(p) for p in [ROOT / ".." / "shared" / "seeds"] if p.is_dir()
    ]
    articles = load_articles(paths) * args.repeat
    texts = [a.text for a in articles]
    n_words = sum(len(t.split()) for t in texts)
    print(f"{len(articles)} articles, {n_words} words ({args.repeat} repeats of {len(articles) // args.repeat})")

    import spacy

    from parley.annotate.blas import single_thread_ops, use_ops
    from parley.annotate.nlp import MODEL, load_pipeline
    from parley.pipeline import plan_from, process_batch

    full = spacy.load(MODEL)  # spaCy's full small pipeline, every component on, as shipped
    load_pipeline()
    plan = plan_from(load_settings({"progress": "never"}))
    size = 50

    def run_spacy() -> int:
        return sum(1 for _ in full.pipe(texts, batch_size=size))

    def run_parley() -> int:
        return sum(len(process_batch(articles[i : i + size], plan)) for i in range(0, len(articles), size))

    process_batch(articles[:5], plan)  # warm-up: profiles, lexicons
    list(full.pipe(texts[:5]))
    spacy_time, parley_time = Timing("spaCy full small pipeline"), Timing("parley extract (all on)")
    for _ in range(args.rounds):
        spacy_time.add(run_spacy)
        parley_time.add(run_parley)
    print(spacy_time.line(len(texts), n_words))
    print(parley_time.line(len(texts), n_words))
    print(
        f"ratio parley/spaCy throughput: {spacy_time.wall / parley_time.wall:.2f} from wall time, "
        f"{spacy_time.cpu / parley_time.cpu:.2f} from CPU time (above 1: parley is faster)"
    )
    if args.rounds > 1:  # each round's spaCy and parley runs are back to back: under similar load
        rounds = [s / p for s, p in zip(spacy_time.cpu_per_run, parley_time.cpu_per_run, strict=True)]
        listed = ", ".join(f"{r:.2f}" for r in rounds)
        print(f"  CPU ratio by round: {listed} (median {statistics.median(rounds):.2f})")

    use_ops(full, single_thread_ops())
    tuned = Timing("  ref: spaCy, numpy BLAS 1 thread")
    tuned.add(run_spacy)
    print(tuned.line(len(texts), n_words))
    split = stage_split(articles, plan, size)
    print("  ref: parley CPU s by stage: " + ", ".join(f"{k} {v:.2f}" for k, v in split.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
