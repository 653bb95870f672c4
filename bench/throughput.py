"""Throughput and memory of `parley extract`, against spaCy's full small pipeline alone,
in the same process on the same texts.

    python bench/throughput.py [--repeat N] [PATH ...]

Prints articles per second, words per second and peak memory growth for both, and the
ratio of their throughputs (parley over spaCy: above 1 means parley is faster). Texts:
the example corpus (and ../shared/seeds when present), repeated N times. Model loading is
excluded from both timings; each side runs once untimed first to warm up.
"""

from __future__ import annotations

import argparse
import gc
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

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


def measure(label: str, fn: Callable[[], int], n_articles: int, n_words: int) -> float:
    gc.collect()
    with PeakMemory() as mem:
        start = time.perf_counter()
        fn()
        seconds = time.perf_counter() - start
    print(
        f"{label:<28}{n_articles / seconds:>10.1f} articles/s{n_words / seconds:>12.0f} words/s"
        f"{mem.growth_mb:>10.1f} MB peak growth   ({seconds:.2f} s)"
    )
    return n_articles / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or [str(ROOT / "examples" / "corpus")] + [
        str(p) for p in [ROOT / ".." / "shared" / "seeds"] if p.is_dir()
    ]
    articles = load_articles(paths) * args.repeat
    texts = [a.text for a in articles]
    n_words = sum(len(t.split()) for t in texts)
    print(f"{len(articles)} articles, {n_words} words ({args.repeat} repeats of {len(articles) // args.repeat})")

    import spacy

    from parley.annotate.nlp import MODEL, load_pipeline
    from parley.pipeline import plan_from, process_batch

    full = spacy.load(MODEL)  # spaCy's full small pipeline, every component on
    load_pipeline()
    plan = plan_from(load_settings({"progress": "never"}))
    size = 50

    def run_spacy() -> int:
        return sum(1 for _ in full.pipe(texts, batch_size=size))

    def run_parley() -> int:
        return sum(len(process_batch(articles[i : i + size], plan)) for i in range(0, len(articles), size))

    process_batch(articles[:5], plan)  # warm-up: profiles, lexicons
    run_spacy_small = sum(1 for _ in full.pipe(texts[:5]))
    del run_spacy_small
    spacy_rate = measure("spaCy full small pipeline", run_spacy, len(texts), n_words)
    parley_rate = measure("parley extract (all on)", run_parley, len(texts), n_words)
    print(f"ratio parley/spaCy throughput: {parley_rate / spacy_rate:.2f} (above 1: parley is faster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
