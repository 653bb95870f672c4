"""Stories: articles grouped into threads that run for weeks, so a reader can follow, say,
the ceasefire talks apart from a military offensive reported in the same days.

Each article becomes a weighted bag of terms: the entities the extractors resolved (counted
double) and the words of its title and text (without the stopwords of
``lexicons/stories.yaml``), weighted by TF-IDF over the stored articles. Articles are taken
in date order; each joins the active thread whose recent articles it resembles most (cosine
of the term vectors, at least ``threshold``), else starts a thread. A thread stays active
for ``window_days`` after its latest article. Every membership keeps the terms it shared
with the thread, so the grouping can be explained.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from parley.link.articles import ArticleInfo, Row, days_between, distinct
from parley.profiles.names import name_key

STORIES_FILE = Path(__file__).resolve().parents[1] / "profiles" / "data" / "lexicons" / "stories.yaml"
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*[^\W\d_]")
ENTITY_WEIGHT = 2.0
BACKGROUND_DOCS = 20
RECENT = 8  # a thread is compared through its latest articles only

Vector = dict[str, float]


@dataclass(frozen=True)
class Story:
    id: str
    label: str  # the thread's most distinctive terms
    terms: tuple[str, ...]
    articles: tuple[str, ...]  # in date order
    date_from: str | None
    date_to: str | None
    outlets: tuple[str, ...]
    shared: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (article id, terms it shared on joining)


@dataclass
class _Thread:
    members: list[str] = field(default_factory=list)
    vectors: list[Vector] = field(default_factory=list)
    last: str | None = None
    shared: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def centroid(self) -> Vector:
        total: Counter[str] = Counter()
        for vec in self.vectors[-RECENT:]:
            total.update(vec)
        return _normalised(dict(total))


@lru_cache(maxsize=4)
def stopwords(path: str = str(STORIES_FILE)) -> tuple[frozenset[str], int]:
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return frozenset(str(w).casefold() for w in data.get("stopwords") or ()), int(data.get("min_length") or 4)


def article_terms(text: str, entities: Iterable[str] = ()) -> dict[str, float]:
    """Raw term counts of one article: ``w:<word>`` and ``e:<entity key>``."""
    stop, min_len = stopwords()
    counts: dict[str, float] = {}
    for match in _WORD.finditer(text):
        word = match.group().casefold().replace("’", "'")
        if len(word) >= min_len and word not in stop:
            counts["w:" + word] = counts.get("w:" + word, 0.0) + 1
    for name in entities:
        key = name_key(name)
        if key:
            counts["e:" + key] = counts.get("e:" + key, 0.0) + ENTITY_WEIGHT
    return counts


def _normalised(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def tfidf(docs: Mapping[str, Mapping[str, float]]) -> dict[str, Vector]:
    """Unit TF-IDF vectors for each document id: sublinear tf, idf ``log((n + B) / df)``
    where ``B`` background documents (that share no term) are assumed, so a small corpus on
    one topic still links on its common words while a large one weighs them down."""
    df: Counter[str] = Counter()
    for counts in docs.values():
        df.update(counts.keys())
    n = len(docs)
    idf = {term: math.log((n + BACKGROUND_DOCS) / d) for term, d in df.items()}
    return {
        doc: _normalised({t: (1 + math.log(c)) * idf[t] for t, c in counts.items() if c > 0 and idf[t] > 0})
        for doc, counts in docs.items()
    }


def _top_shared(a: Vector, b: Vector, n: int = 5) -> tuple[str, ...]:
    shared = sorted(((a[k] * b[k], k) for k in a.keys() & b.keys()), reverse=True)[:n]
    return tuple(k.split(":", 1)[1] for _, k in shared)


def _thread_for(vec: Vector, threads: list[_Thread], day: str | None, window: int, threshold: float) -> _Thread | None:
    best, best_sim = None, threshold
    for thread in threads:
        if day and thread.last and days_between(thread.last, day) > window:
            continue
        sim = _cosine(vec, thread.centroid())
        if sim >= best_sim:
            best, best_sim = thread, sim
    return best


def _story(thread: _Thread, vectors: Mapping[str, Vector], infos: Mapping[str, ArticleInfo]) -> Story:
    total: Counter[str] = Counter()
    for art in thread.members:
        total.update(vectors[art])
    ranked = [k for k, _ in total.most_common(16)]
    ordered = sorted(ranked, key=lambda k: (not k.startswith("e:"), -total[k]))
    terms = distinct([k.split(":", 1)[1] for k in ordered])[:12]
    dates = [infos[a].interval for a in thread.members if infos[a].interval]
    return Story(
        id="s-" + hashlib.sha1("|".join(sorted(thread.members)).encode()).hexdigest()[:10],
        label=" · ".join(terms[:4]) or "(no distinctive terms)",
        terms=terms,
        articles=tuple(thread.members),
        date_from=min(d[0] for d in dates if d) if dates else None,
        date_to=max(d[1] for d in dates if d) if dates else None,
        outlets=distinct([infos[a].outlet for a in thread.members]),
        shared=tuple((a, thread.shared[a]) for a in thread.members if thread.shared.get(a)),
    )


def link_stories(
    articles: Iterable[Row],
    entities: Iterable[Row],
    infos: Mapping[str, ArticleInfo],
    window_days: int = 21,
    threshold: float = 0.25,
) -> list[Story]:
    """Threads of ``store.rows("articles")`` (with ``store.rows("entities")``), the
    longest-running first."""
    names: dict[str, list[str]] = {}
    for row in entities:
        if row.get("type") != "MEDIA":
            names.setdefault(str(row["article_id"]), []).append(str(row.get("canonical") or ""))
    docs = {
        str(r["id"]): article_terms(f"{r.get('title') or ''}\n{r.get('text') or ''}", names.get(str(r["id"]), ()))
        for r in articles
        if str(r["id"]) in infos
    }
    vectors = tfidf(docs)
    threads: list[_Thread] = []
    for art in sorted(docs, key=lambda a: (infos[a].sort_date, a)):
        day = infos[art].sort_date if infos[art].interval else None
        thread = _thread_for(vectors[art], threads, day, window_days, threshold)
        if thread is None:
            thread = _Thread()
            threads.append(thread)
        elif thread.vectors:
            thread.shared[art] = _top_shared(vectors[art], thread.centroid())
        thread.members.append(art)
        thread.vectors.append(vectors[art])
        thread.last = max(filter(None, (thread.last, day)), default=None)
    stories = [_story(t, vectors, infos) for t in threads]
    return sorted(stories, key=lambda s: (-len(s.articles), s.date_from or "9999", s.id))
