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
TOP_TERMS = 15  # an article looks for threads through its most distinctive terms ...
FULL_SCAN = 64  # ... unless so few threads are active that it can compare with all of them

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
    number: int = 0
    members: list[str] = field(default_factory=list)
    vectors: list[Vector] = field(default_factory=list)
    last: str | None = None
    shared: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _centroid: Vector | None = None

    def centroid(self) -> Vector:
        if self._centroid is None:
            total: Counter[str] = Counter()
            for vec in self.vectors[-RECENT:]:
                total.update(vec)
            self._centroid = _normalised(dict(total))
        return self._centroid

    def add(self, article: str, vec: Vector, day: str | None) -> None:
        if self.vectors:
            self.shared[article] = _top_shared(vec, self.centroid())
        self.members.append(article)
        self.vectors.append(vec)
        self.last = max(filter(None, (self.last, day)), default=None)
        self._centroid = None


class _Index:
    """Active threads; when there are many, found through the top terms of their centroids
    (so an article is compared only with threads it shares a distinctive term with). Articles come in date
    order, so a thread that has gone quiet for longer than the window is retired for good."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.threads: list[_Thread] = []
        self.by_term: dict[str, set[int]] = {}
        self.retired: set[int] = set()

    def candidates(self, vec: Vector, day: str | None) -> list[_Thread]:
        found: set[int] = set()
        if len(self.threads) - len(self.retired) <= FULL_SCAN:
            found = set(range(len(self.threads))) - self.retired
        for term in _top_terms(vec, TOP_TERMS) if not found else ():
            ids = self.by_term.get(term)
            if ids:
                ids -= self.retired
                found |= ids
        out = []
        for i in sorted(found):
            last = self.threads[i].last
            if day and last and days_between(last, day) > self.window:
                self.retired.add(i)
            else:
                out.append(self.threads[i])
        return out

    def place(self, thread: _Thread | None) -> _Thread:
        if thread is None:
            thread = _Thread(number=len(self.threads))
            self.threads.append(thread)
        return thread

    def reindex(self, thread: _Thread) -> None:
        for term in _top_terms(thread.centroid(), 2 * TOP_TERMS):
            self.by_term.setdefault(term, set()).add(thread.number)


def _top_terms(vec: Vector, n: int) -> list[str]:
    return [k for k, _ in sorted(vec.items(), key=lambda kv: -kv[1])[:n]]


@lru_cache(maxsize=4)
def stopwords(path: str = str(STORIES_FILE)) -> tuple[frozenset[str], int]:
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return frozenset(str(w).casefold() for w in data.get("stopwords") or ()), int(data.get("min_length") or 4)


def article_terms(text: str, entities: Iterable[str] = ()) -> dict[str, float]:
    """Raw term counts of one article: ``w:<word>`` and ``e:<entity key>``."""
    stop, min_len = stopwords()
    counts = Counter(_WORD.findall(text.casefold().replace("’", "'")))
    terms = {"w:" + w: float(n) for w, n in counts.items() if len(w) >= min_len and w not in stop}
    for name in entities:
        key = name_key(name)
        if key:
            terms["e:" + key] = terms.get("e:" + key, 0.0) + ENTITY_WEIGHT
    return terms


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


def _thread_for(vec: Vector, candidates: list[_Thread], threshold: float) -> _Thread | None:
    best, best_sim = None, threshold
    for thread in candidates:
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
        outlets=distinct([infos[a].label for a in thread.members]),
        shared=tuple((a, thread.shared[a]) for a in thread.members if thread.shared.get(a)),
    )


def link_stories(
    articles: Iterable[Row],
    entities: Iterable[Row],
    infos: Mapping[str, ArticleInfo],
    window_days: int = 21,
    threshold: float = 0.2,
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
    index = _Index(window_days)
    for art in sorted(docs, key=lambda a: (infos[a].sort_date, a)):
        day = infos[art].sort_date if infos[art].interval else None
        thread = index.place(_thread_for(vectors[art], index.candidates(vectors[art], day), threshold))
        thread.add(art, vectors[art], day)
        index.reindex(thread)
    threads = index.threads
    stories = [_story(t, vectors, infos) for t in threads]
    return sorted(stories, key=lambda s: (-len(s.articles), s.date_from or "9999", s.id))
