"""Pick the shipped profile a text is about, from the names and keywords it contains.

Each distinct actor or place of a profile found in the text scores 1 divided by the number
of shipped profiles that know the same name (the United States is in all of them, the
Philadelphi Corridor only in one); each distinct keyword of the profile scores 2. The best
profile wins if it reaches ``MIN_SCORE`` and scores at least ``MARGIN`` times the runner-up;
otherwise no profile fits and None is returned. A wrong profile costs more than none (a wrong
war start dates undated articles wrongly; its actors capture other conflicts' names), so
an article about a conflict no profile covers must not be pulled into the nearest one.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from parley.profiles.catalogue import catalogue_for
from parley.profiles.loader import load_all
from parley.profiles.model import Profile
from parley.profiles.names import Token, name_key, tokens
from parley.profiles.phrases import PhraseIndex

MIN_SCORE = 6.0
MARGIN = 2.0
KEYWORD_WEIGHT = 2.0


@lru_cache(maxsize=1)
def _shared_names() -> Counter[str]:
    """How many shipped profiles know each actor or place name."""
    counts: Counter[str] = Counter()
    for profile in load_all():
        counts.update({name_key(a.canonical) for a in profile.actors} | {name_key(p.canonical) for p in profile.places})
    return counts


_keyword_indexes: dict[int, tuple[Profile, PhraseIndex[str]]] = {}


def _keywords(profile: Profile) -> PhraseIndex[str]:
    """The keyword index of a profile, built once per profile object (kept by identity:
    hashing a whole profile costs more than the look-up)."""
    hit = _keyword_indexes.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    index: PhraseIndex[str] = PhraseIndex()
    for word in profile.keywords:
        index.add(word, name_key(word))
    if len(_keyword_indexes) > 32:
        _keyword_indexes.clear()
    _keyword_indexes[id(profile)] = (profile, index)
    return index


def score(profile: Profile, text: str, toks: list[Token] | None = None) -> float:
    """How strongly ``text`` points at ``profile`` (``toks``: its tokens, if known)."""
    toks = list(tokens(text)) if toks is None else toks
    shared = _shared_names()
    found = {
        ref.entity.id: ref.entity.canonical
        for hit in catalogue_for(profile).names.find(text, toks)
        for ref in hit.values
        if ref.entity.id.startswith("profile:")
    }
    total = sum(1.0 / max(1, shared[name_key(name)]) for name in found.values())
    keywords = {v for hit in _keywords(profile).find(text, toks) for v in hit.values}
    return total + KEYWORD_WEIGHT * len(keywords)


def detect_profile(text: str) -> Profile | None:
    """The shipped profile that best fits ``text``, or None when none fits."""
    toks = list(tokens(text))
    ranked = sorted(((score(p, text, toks), i, p) for i, p in enumerate(load_all())), key=lambda r: (-r[0], r[1]))
    if not ranked or ranked[0][0] < MIN_SCORE:
        return None
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return ranked[0][2] if ranked[0][0] >= MARGIN * runner_up else None
