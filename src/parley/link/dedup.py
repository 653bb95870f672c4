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

import dataclasses
import functools
import hashlib
import itertools
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
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


def _earliest(members: list[int], published: Callable[[int], str | None], own: Callable[[int], bool]) -> int:
    """The earliest published member (else all of them); among equals, the wire's own
    release (``own``: its outlet is the agency it carries), then the first in input order."""
    dated = [m for m in members if published(m)] or members
    return min(dated, key=lambda m: (published(m) or "", not own(m), m))


def _own_release(cleaned: CleanedArticle) -> bool:
    return bool(cleaned.credits.wire) and cleaned.credits.wire == cleaned.outlet


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
    return _origin_groups(
        groups,
        [cleaned.article.id for cleaned in articles],
        lambda m: articles[m].article.published,
        lambda m: _own_release(articles[m]),
    )


def _origin_groups(
    groups: _Groups, ids: Sequence[str], published: Callable[[int], str | None], own: Callable[[int], bool]
) -> tuple[OriginGroup, ...]:
    """One ``OriginGroup`` per component of ``groups``, in input order, origin first."""
    result = []
    for members in sorted(groups.components(), key=min):
        origin = _earliest(members, published, own)
        kinds = _kinds(origin, members, groups)
        result.append(
            OriginGroup(
                origin_id=ids[origin],
                members=(ids[origin], *(ids[m] for m in members if m != origin)),
                kinds=tuple((ids[m], kinds[m]) for m in members if m != origin),
            )
        )
    return tuple(result)


def _stored_article(row: Mapping[str, Any]) -> Article:
    return Article(
        id=str(row["id"]),
        text=str(row.get("text") or ""),
        source=str(row.get("source") or ""),
        published=row.get("published") or None,
        content_hash=str(row.get("content_hash") or ""),
    )


def group_stored(rows: Iterable[Mapping[str, Any]], *, threshold: float = 0.8) -> tuple[OriginGroup, ...]:
    """``group_copies`` over store rows of the ``articles`` table (id, text, published, ...)."""
    from parley.clean import clean

    return group_copies([clean(_stored_article(row)) for row in rows], threshold=threshold)


# --------------------------------------------------------------------------- incremental
#
# A store keeps each article's ``CopyPrint`` (fingerprint, LSH band keys, what choosing an
# origin needs), the verified links between articles and which component each is in. A
# relink prints only the new articles, finds their candidates through the stored band keys
# (the buckets ``MinHashLSH`` uses: two sketches are candidates when any band is equal),
# verifies those pairs, and regroups only the components they touch. A pair's verdict does
# not depend on the other articles, and a component is ordered by its members' ids, so the
# groups are those ``group_copies`` gives over every stored article in id order.

INDEXES = (("words", CANDIDATE_THRESHOLD), ("anchors", SPUN_CANDIDATE_THRESHOLD))
Link = tuple[str, str, str]  # (id, other id with id < other, "near" | "spun" | "same")


@dataclass(frozen=True, slots=True)
class CopyPrint:
    """What copy detection keeps of one article between runs."""

    id: str
    content_hash: str
    published: str | None
    wire: str | None
    outlet: str | None
    print: Fingerprint
    bands: tuple[tuple[str, int, bytes], ...] = ()  # (index, band number, band of the MinHash)

    def exact_keys(self) -> set[tuple[str, str]]:
        """The exact-copy keys: raw content hash and cleaned-text hash."""
        found = {("raw", self.content_hash)} if self.content_hash else set()
        return found | ({("clean", self.print.text_hash)} if self.print.text_hash else set())


@functools.cache
def _lsh_setup() -> tuple[Any, dict[str, list[tuple[int, int]]]]:
    """The permutations of ``_candidates`` and each index's band ranges, as MinHashLSH sets them."""
    from datasketch import MinHash, MinHashLSH

    ranges = {name: MinHashLSH(threshold=t, num_perm=NUM_PERM).hashranges for name, t in INDEXES}
    return MinHash(num_perm=NUM_PERM, seed=1).permutations, ranges


def band_keys(print_: Fingerprint) -> tuple[tuple[str, int, bytes], ...]:
    """The LSH buckets of both indexes (words, anchors) the fingerprint falls in; none for
    an empty set, which ``_candidates`` leaves out too."""
    permutations, ranges = _lsh_setup()
    keys = []
    for name, values in (("words", print_.shingles.tolist()), ("anchors", _anchor_pairs(print_.anchors))):
        sketch = _minhash(values, permutations)
        if not sketch.is_empty():
            keys += [(name, band, sketch.hashvalues[a:b].tobytes()) for band, (a, b) in enumerate(ranges[name])]
    return tuple(keys)


def copy_print(row: Mapping[str, Any], cache: dict[str, int] | None = None) -> CopyPrint:
    """The print of one stored article (a row of the ``articles`` table)."""
    from parley.clean import clean

    cleaned = clean(_stored_article(row))
    print_ = fingerprint(cleaned, cache)
    return CopyPrint(
        id=cleaned.article.id,
        content_hash=cleaned.article.content_hash,
        published=cleaned.article.published,
        wire=cleaned.credits.wire,
        outlet=cleaned.outlet,
        print=print_,
        bands=band_keys(print_),
    )


def print_row(copy: CopyPrint) -> dict[str, Any]:
    """A print as plain values for a store (``bands`` as (index, band, key) tuples)."""
    return {
        "id": copy.id,
        "content_hash": copy.content_hash,
        "text_hash": copy.print.text_hash,
        "published": copy.published,
        "wire": copy.wire,
        "outlet": copy.outlet,
        "shingles": copy.print.shingles.astype("<u4").tobytes(),
        "anchors": list(copy.print.anchors),
        "words": copy.print.words,
        "bands": list(copy.bands),
    }


def print_from_row(row: Mapping[str, Any], *, with_bands: bool = False) -> CopyPrint:
    """The print a store row holds; its band keys are left in the store unless
    ``with_bands`` (computed again from the fingerprint)."""
    anchors = tuple(row.get("anchors") or ())
    copy = CopyPrint(
        id=str(row["id"]),
        content_hash=str(row.get("content_hash") or ""),
        published=row.get("published") or None,
        wire=row.get("wire") or None,
        outlet=row.get("outlet") or None,
        print=Fingerprint(
            text_hash=str(row.get("text_hash") or ""),
            shingles=np.frombuffer(bytes(row.get("shingles") or b""), dtype="<u4").astype(np.uint32),
            anchors=anchors,
            numbers=frozenset(a for a in anchors if a.isdigit()),
            words=int(row.get("words") or 0),
        ),
    )
    return dataclasses.replace(copy, bands=band_keys(copy.print)) if with_bands else copy


Pairs = dict[str, set[tuple[str, str]]]  # how pairs met ("words", "anchors", "key") -> (a, b) with a < b


def candidate_pairs(prints: Sequence[CopyPrint]) -> Pairs:
    """Every pair of ``prints`` sharing a bucket of an LSH index ("words", "anchors") or an
    exact key ("key"): all the pairs ``group_copies`` would look at."""
    buckets: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for copy in prints:
        for name, band, key in copy.bands:
            buckets[(name, band, key)].append(copy.id)
        for key_kind, value in copy.exact_keys():
            buckets[("key", key_kind, value)].append(copy.id)
    pairs: Pairs = {"words": set(), "anchors": set(), "key": set()}
    for bucket, ids in buckets.items():
        if len(ids) > 1:
            pairs[str(bucket[0])].update(itertools.combinations(sorted(set(ids)), 2))
    return pairs


def verdict(a: CopyPrint, b: CopyPrint, via: Collection[str], threshold: float = 0.8) -> str | None:
    """How two articles are linked, whatever else is stored: "near" (met in the words index
    and near), else "spun" (met in the anchors index and spun), else "same" (an exact key
    in common: linked through the group's first copy), else not at all."""
    if "words" in via and is_near(a.print, b.print, threshold):
        return "near"
    if "anchors" in via and is_spun(a.print, b.print):
        return "spun"
    return "same" if a.exact_keys() & b.exact_keys() else None


def link_pairs(pairs: Pairs, prints: Mapping[str, CopyPrint], threshold: float = 0.8) -> list[Link]:
    """The verified links among candidate ``pairs`` (each ``(a, b)`` with ``a < b``)."""
    links = []
    for a, b in sorted(set().union(*pairs.values())):
        via = [name for name, found in pairs.items() if (a, b) in found]
        kind = verdict(prints[a], prints[b], via, threshold)
        if kind is not None:
            links.append((a, b, kind))
    return links


def assemble(members: Sequence[CopyPrint], links: Iterable[Link]) -> tuple[OriginGroup, ...]:
    """The groups of ``members`` (whole components) under ``links``, as ``group_copies``
    makes them over the members in id order: exact links run to the first copy in that
    order, then the stored near and spun verdicts fill in the other pairs."""
    ordered = sorted(members, key=lambda copy: copy.id)
    index = {copy.id: i for i, copy in enumerate(ordered)}
    groups = _Groups(len(ordered))
    first_by: dict[tuple[str, str], int] = {}
    for i, copy in enumerate(ordered):
        for key in sorted(copy.exact_keys(), key=lambda k: k[0] != "raw"):
            if key in first_by:
                groups.link(first_by[key], i, "exact")
            else:
                first_by[key] = i
    for a, b, kind in sorted(links):
        if kind in ("near", "spun") and groups.edges[index[a]].get(index[b]) is None:
            groups.link(index[a], index[b], kind)
    return _origin_groups(
        groups,
        [copy.id for copy in ordered],
        lambda m: ordered[m].published,
        lambda m: bool(ordered[m].wire) and ordered[m].wire == ordered[m].outlet,
    )
