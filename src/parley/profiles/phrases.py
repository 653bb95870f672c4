"""A phrase index: find known names, titles and terms in a text without spaCy.

Phrases are keyed by their normalised word tokens (``names.key_tuple``), so "al-Sisi",
"el-Sisi" and "Sisi" are one key. Matching is greedy, longest phrase first, left to right.
Case matters only where it carries meaning: a phrase that starts with a capital needs a
capital in the text ("Burns" is not "burns"), and a short all-capital acronym needs all
capitals ("US" is not "us").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from parley.profiles.names import ARTICLES, Token, tokens

V = TypeVar("V")
_LIGHT = ARTICLES | {"the"}
_MAX_GAP = 3  # characters allowed between two words of one phrase ("Qatar's", "U.S. Central")


@dataclass(frozen=True, slots=True)
class Hit(Generic[V]):
    """A phrase found in a text: character offsets, token indexes and what it stands for."""

    start: int
    end: int
    first: int  # index of the first token (in the token list given to ``find``)
    last: int  # index after the last token
    text: str
    values: tuple[V, ...]


def phrase_tokens(phrase: str, keep_the: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys and written forms of a phrase's words, without al/el and (unless
    ``keep_the``) without a leading "the"."""
    toks = [t for t in tokens(phrase) if t.key not in ARTICLES] or list(tokens(phrase))
    if not keep_the and len(toks) > 1 and toks[0].key == "the":
        toks = toks[1:]
    return tuple(t.key for t in toks), tuple(t.text for t in toks)


def _is_acronym(word: str) -> bool:
    bare = word.replace(".", "")
    return bare.isalpha() and bare.isupper() and len(bare) <= 5


def case_ok(written: Sequence[str], seen: Sequence[str]) -> bool:
    """Whether the words ``seen`` in a text match the case the phrase was written with."""
    for i, (want, got) in enumerate(zip(written, seen, strict=False)):
        if _is_acronym(want) and len(want.replace(".", "")) > 1 and not got.replace(".", "").isupper():
            return False
        if i == 0 and want[:1].isupper() and not got[:1].isupper():
            return False
    return True


class PhraseIndex(Generic[V]):
    """Phrases mapped to values; ``find`` returns the non-overlapping longest hits."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], list[tuple[tuple[str, ...], V]]] = {}
        self.lengths: dict[str, list[int]] = {}  # first word -> phrase lengths, longest first
        self.pairs: set[tuple[str, ...]] = set()  # first two words of the longer phrases
        self.maxlen = 0

    def add(self, phrase: str, value: V, keep_the: bool = False) -> None:
        keys, written = phrase_tokens(phrase, keep_the)
        if not keys:
            return
        entries = self.table.setdefault(keys, [])
        if (written, value) not in entries:
            entries.append((written, value))
        lengths = self.lengths.setdefault(keys[0], [])
        if len(keys) not in lengths:
            lengths.append(len(keys))
            lengths.sort(reverse=True)
        if len(keys) > 1:
            self.pairs.add(keys[:2])
        self.maxlen = max(self.maxlen, len(keys))

    def __contains__(self, phrase: str) -> bool:
        return phrase_tokens(phrase)[0] in self.table

    def get(self, phrase: str) -> tuple[V, ...]:
        """Values of a phrase, ignoring case."""
        return tuple(v for _, v in self.table.get(phrase_tokens(phrase)[0], ()))

    def find(self, text: str, toks: Sequence[Token] | None = None, max_len: int | None = None) -> list[Hit[V]]:
        """Non-overlapping hits in ``text``, longer phrases first, then leftmost (``toks``:
        its tokens, if known; hits of at most ``max_len`` words, if given)."""
        toks = list(tokens(text)) if toks is None else toks
        seq = [i for i, t in enumerate(toks) if t.key not in ARTICLES]
        starts = [pos for pos, i in enumerate(seq) if toks[i].key in self.lengths]  # the common case: none
        found = [self._longest(text, toks, seq, pos, max_len or self.maxlen) for pos in starts]
        chosen: list[Hit[V]] = []
        taken: set[int] = set()

        def weight(h: Hit[V]) -> tuple[int, int]:  # more words first ("the" and al/el do not count), then leftmost
            return -sum(toks[i].key not in _LIGHT for i in range(h.first, h.last)), h.start

        for hit in sorted((h for h in found if h is not None), key=weight):
            span = set(range(hit.first, hit.last))
            if not span & taken:
                chosen.append(hit)
                taken |= span
        return sorted(chosen, key=lambda h: h.start)

    def _longest(self, text: str, toks: Sequence[Token], seq: list[int], pos: int, max_len: int) -> Hit[V] | None:
        lengths = self.lengths.get(toks[seq[pos]].key)
        if not lengths:
            return None
        pair_ok = pos + 1 < len(seq) and (toks[seq[pos]].key, toks[seq[pos + 1]].key) in self.pairs
        for n in lengths:
            if n > max_len or n > len(seq) - pos or (n > 1 and not pair_ok):
                continue
            idx = seq[pos : pos + n]
            if not _adjacent(text, toks, idx):
                continue
            entries = self.table.get(tuple(toks[i].key for i in idx))
            if not entries:
                continue
            seen = [toks[i].text for i in idx]
            values = tuple(v for written, v in entries if case_ok(written, seen))
            if values:
                first = _with_article(text, toks, idx[0])
                start, end = toks[first].start, toks[idx[-1]].end
                return Hit(start, end, first, idx[-1] + 1, text[start:end], values)
        return None


def _adjacent(text: str, toks: Sequence[Token], idx: Sequence[int]) -> bool:
    """Words of one phrase: only short gaps (or a skipped al/el) between them, no line break."""
    for a, b in zip(idx, idx[1:], strict=False):
        gap_start = toks[b - 1].end if b - 1 > a else toks[a].end
        if toks[b].start - gap_start > _MAX_GAP or "\n" in text[toks[a].end : toks[b].start]:
            return False
    return True


def _with_article(text: str, toks: Sequence[Token], first: int) -> int:
    """Include an article prefix written just before the phrase ("al-" in "al-Sisi")."""
    prev = first - 1
    if prev >= 0 and toks[prev].key in ARTICLES and toks[first].start - toks[prev].end <= 1:
        return prev
    return first
