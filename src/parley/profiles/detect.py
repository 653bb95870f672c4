"""Pick the shipped profile a text is about, from the names and keywords it contains.

Each distinct actor or place of a profile found in the text scores 1 divided by the number
of shipped profiles that know the same name (the United States is in all of them, the
Philadelphi Corridor only in one); each distinct keyword of the profile scores 2. The best
profile wins if it reaches ``MIN_SCORE``; otherwise no profile fits and None is returned.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from parley.profiles.catalogue import catalogue_for
from parley.profiles.loader import load_all
from parley.profiles.model import Profile
from parley.profiles.names import name_key, tokens
from parley.profiles.phrases import PhraseIndex

MIN_SCORE = 3.0
KEYWORD_WEIGHT = 2.0


@lru_cache(maxsize=1)
def _shared_names() -> Counter[str]:
    """How many shipped profiles know each actor or place name."""
    counts: Counter[str] = Counter()
    for profile in load_all():
        counts.update({name_key(a.canonical) for a in profile.actors} | {name_key(p.canonical) for p in profile.places})
    return counts


@lru_cache(maxsize=16)
def _keywords(profile: Profile) -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex()
    for word in profile.keywords:
        index.add(word, name_key(word))
    return index


def score(profile: Profile, text: str) -> float:
    """How strongly ``text`` points at ``profile``."""
    toks = list(tokens(text))
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
    best: tuple[float, Profile] | None = None
    for profile in load_all():
        value = score(profile, text)
        if value >= MIN_SCORE and (best is None or value > best[0]):
            best = (value, profile)
    return best[1] if best else None
