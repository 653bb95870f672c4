"""Copy detection: which articles are copies of one origin.

- exact: the same text (raw ``content_hash``, or the same cleaned text once boilerplate
  is gone);
- near: MinHash LSH over word 5-shingles finds candidates, then the exact share of
  shingles decides: Jaccard >= ``threshold``, or a shorter text that is nearly all
  inside a longer one (containment >= ``threshold``: a cut or lightly edited copy);
- spun: a rewrite (synonyms, reordered clauses) that keeps much the same numbers and
  proper names in much the same order but shares little wording. Candidates come from a
  second LSH over pairs of consecutive "anchors" (numbers and capitalised names).

A group's origin is its earliest published member, else the first in input order.
Everything is LSH plus checks on candidate pairs, so 10,000 articles take seconds.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from parley.records import Article, CleanedArticle, OriginGroup

NUM_PERM = 128
SHINGLE = 5
CANDIDATE_THRESHOLD = 0.3  # LSH recall for near copies: cut copies have low Jaccard
MIN_CONTAINED = 15  # shingles a text needs before containment counts
SPUN_CANDIDATE_THRESHOLD = 0.25
SPUN_MIN_ANCHORS = 12
SPUN_ORDER = 0.6  # anchor sequences' LCS similarity
SPUN_NUMBERS = 0.5  # Jaccard of the distinct numbers, when both have a few
SPUN_MAX_WORDING = 0.5  # a spun copy shares less wording than this (else it is near)
SPUN_LENGTH_RATIO = 0.5

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_ANCHOR = re.compile(r"\b(?:\d[\d,.]*\d|\d)\b|\b[A-Z][\w'’-]*\w|\b[A-Z]\b")
_SENTENCE_ENDS = frozenset(".!?:\"'\n“”‘’")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    text_hash: str
    shingles: np.ndarray  # sorted unique uint32 hashes of word 5-shingles
    anchors: tuple[str, ...]  # numbers and proper names in order
    numbers: frozenset[str]
    words: int


_MIX = np.uint64(0x9E3779B97F4A7C15)


def _hash32(value: str) -> int:
    return zlib.crc32(value.encode("utf-8"))


def _word_hashes(words: Sequence[str], cache: dict[str, int]) -> np.ndarray:
    for word in set(words).difference(cache):
        cache[word] = _hash32(word)
    return np.fromiter((cache[word] for word in words), dtype=np.uint64, count=len(words))


def ngram_hashes(words: Sequence[str], size: int, cache: dict[str, int] | None = None) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word n-grams of ``words`` (all of it when shorter)."""
    hashes = _word_hashes(words, {} if cache is None else cache)
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.uint32)
    size = min(size, len(hashes))
    count = len(hashes) - size + 1
    mixed = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(size):
            mixed = mixed * _MIX + hashes[offset : offset + count]
    return np.unique(((mixed >> np.uint64(32)) ^ mixed).astype(np.uint32))


def _starts_sentence(text: str, position: int) -> bool:
    before = position - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    return before < 0 or text[before] in _SENTENCE_ENDS


def _anchors(text: str) -> list[str]:
    """Numbers (digits only) and capitalised words, sentence-initial ones only when the
    text also uses them mid-sentence."""
    found: list[tuple[str, bool]] = []
    for match in _ANCHOR.finditer(text):
        token = match.group()
        if token[0].isdigit():
            found.append((token.replace(",", ""), True))
            continue
        initial = _starts_sentence(text, match.start())
        found.append((token.lower().replace("’", "'"), not initial))
    mid = {token for token, kept in found if kept}
    return [token for token, _ in found if token in mid]


def fingerprint(cleaned: CleanedArticle, cache: dict[str, int] | None = None) -> Fingerprint:
    """What copy detection compares; ``cache`` (word -> hash) may be shared across calls."""
    text = cleaned.text
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    anchors = _anchors(text)
    return Fingerprint(
        text_hash=hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest() if words else "",
        shingles=ngram_hashes(words, SHINGLE, cache),
        anchors=tuple(anchors),
        numbers=frozenset(a for a in anchors if a.isdigit()),
        words=len(words),
    )


# --------------------------------------------------------------------------- similarity


def wording(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """(Jaccard, containment of the smaller) of two texts' shingle sets."""
    if not len(a.shingles) or not len(b.shingles):
        return 0.0, 0.0
    inter = len(np.intersect1d(a.shingles, b.shingles, assume_unique=True))
    union = len(a.shingles) + len(b.shingles) - inter
    return inter / union, inter / min(len(a.shingles), len(b.shingles))


def is_near(a: Fingerprint, b: Fingerprint, threshold: float) -> bool:
    jaccard, contained = wording(a, b)
    small = min(len(a.shingles), len(b.shingles))
    return jaccard >= threshold or (contained >= threshold and small >= MIN_CONTAINED)


def is_spun(a: Fingerprint, b: Fingerprint) -> bool:
    """Same facts in other words: anchors in the same order, same numbers, little shared wording."""
    if min(len(a.anchors), len(b.anchors)) < SPUN_MIN_ANCHORS:
        return False
    if min(a.words, b.words) < SPUN_LENGTH_RATIO * max(a.words, b.words):
        return False
    if len(a.numbers) >= 3 and len(b.numbers) >= 3:
        shared = len(a.numbers & b.numbers) / len(a.numbers | b.numbers)
        if shared < SPUN_NUMBERS:
            return False
    elif a.numbers != b.numbers:
        return False
    from rapidfuzz.distance import Indel

    if Indel.normalized_similarity(a.anchors, b.anchors) < SPUN_ORDER:
        return False
    return wording(a, b)[0] < SPUN_MAX_WORDING


# --------------------------------------------------------------------------- LSH


def _minhash(values: Iterable[int], permutations: Any) -> Any:
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=permutations, scheme="affine32")
    sketch.update_batch(list(values))
    return sketch


def _candidates(sets: Sequence[Iterable[int]], threshold: float) -> set[tuple[int, int]]:
    """Index pairs whose sets MinHash LSH puts in one bucket."""
    from datasketch import MinHash, MinHashLSH

    permutations = MinHash(num_perm=NUM_PERM, seed=1).permutations
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sketches = []
    for index, values in enumerate(sets):
        sketch = _minhash(values, permutations)
        sketches.append(sketch)
        if not sketch.is_empty():
            lsh.insert(index, sketch, check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for index, sketch in enumerate(sketches):
        if sketch.is_empty():
            continue
        pairs.update((min(index, other), max(index, other)) for other in lsh.query(sketch) if other != index)
    return pairs


def _anchor_pairs(anchors: Sequence[str]) -> list[int]:
    return ngram_hashes(anchors, 2).tolist() if len(anchors) >= 2 else []


# --------------------------------------------------------------------------- grouping


class _Groups:
    """Union-find over article indexes, remembering how each pair was linked."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.edges: dict[int, dict[int, str]] = defaultdict(dict)

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def link(self, a: int, b: int, kind: str) -> None:
        self.edges[a][b] = self.edges[b][a] = kind
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def components(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            found[self.find(item)].append(item)
        return [members for members in found.values() if len(members) > 1]


def _link_exact(articles: Sequence[CleanedArticle], prints: Sequence[Fingerprint], groups: _Groups) -> None:
    first_by: dict[tuple[str, str], int] = {}
    for index, (cleaned, print_) in enumerate(zip(articles, prints, strict=True)):
        keys = [("raw", cleaned.article.content_hash)] if cleaned.article.content_hash else []
        keys += [("clean", print_.text_hash)] if print_.text_hash else []
        for key in keys:
            if key in first_by:
                groups.link(first_by[key], index, "exact")
            else:
                first_by[key] = index


def _origin(members: list[int], articles: Sequence[CleanedArticle]) -> int:
    """The earliest published member (else all of them); among equals, the wire's own
    release (its outlet is the agency it carries), then the first in input order."""
    dated = [m for m in members if articles[m].article.published] or members

    def key(member: int) -> tuple[str, bool, int]:
        cleaned = articles[member]
        own_release = bool(cleaned.credits.wire) and cleaned.credits.wire == cleaned.outlet
        return cleaned.article.published or "", not own_release, member

    return min(dated, key=key)


def _kinds(origin: int, members: list[int], groups: _Groups) -> dict[int, str]:
    """exact (same text as the origin), near (reached over exact/near links), else spun."""
    kinds: dict[int, str] = {}
    reached, frontier = {origin}, [origin]
    while frontier:
        current = frontier.pop()
        for other, kind in groups.edges[current].items():
            if kind != "spun" and other not in reached:
                reached.add(other)
                frontier.append(other)
    for member in members:
        if member == origin:
            continue
        direct = groups.edges[origin].get(member)
        kinds[member] = direct if direct in ("exact", "near") else "near" if member in reached else "spun"
    return kinds


def group_copies(articles: Sequence[CleanedArticle], *, threshold: float = 0.8) -> tuple[OriginGroup, ...]:
    """Groups of copies (two or more articles each), origin first, in input order."""
    cache: dict[str, int] = {}
    prints = [fingerprint(cleaned, cache) for cleaned in articles]
    groups = _Groups(len(articles))
    _link_exact(articles, prints, groups)
    for a, b in sorted(_candidates([p.shingles.tolist() for p in prints], CANDIDATE_THRESHOLD)):
        if groups.edges[a].get(b) is None and is_near(prints[a], prints[b], threshold):
            groups.link(a, b, "near")
    anchor_sets = [_anchor_pairs(p.anchors) for p in prints]
    for a, b in sorted(_candidates(anchor_sets, SPUN_CANDIDATE_THRESHOLD)):
        if groups.edges[a].get(b) is None and is_spun(prints[a], prints[b]):
            groups.link(a, b, "spun")
    result = []
    for members in sorted(groups.components(), key=min):
        origin = _origin(members, articles)
        kinds = _kinds(origin, members, groups)
        ids = [articles[origin].article.id] + [articles[m].article.id for m in members if m != origin]
        result.append(
            OriginGroup(
                origin_id=ids[0],
                members=tuple(ids),
                kinds=tuple((articles[m].article.id, kinds[m]) for m in members if m != origin),
            )
        )
    return tuple(result)


def group_stored(rows: Iterable[Mapping[str, Any]], *, threshold: float = 0.8) -> tuple[OriginGroup, ...]:
    """``group_copies`` over store rows of the ``articles`` table (id, text, published, ...)."""
    from parley.clean import clean

    cleaned = [
        clean(
            Article(
                id=str(row["id"]),
                text=str(row.get("text") or ""),
                source=str(row.get("source") or ""),
                published=row.get("published") or None,
                content_hash=str(row.get("content_hash") or ""),
            )
        )
        for row in rows
    ]
    return group_copies(cleaned, threshold=threshold)
