"""Name normalisation shared by the profile loader, the phrase matcher and the resolver.

``name_key("the el-Sisi")`` and ``name_key("Sisi")`` are equal: names are casefolded,
ASCII-folded, cut into word tokens (``U.S.`` is one token, ``us``), a leading "the" is
dropped and so are the Arabic article prefixes al/el. Transliteration variants that this
cannot join (Haniyeh/Haniya) are listed as aliases in the profiles.

The functions are pure and called on the same words and texts many times per article
(every profile's phrase index, the entity resolver), so results are memoised: word keys
and name keys in large caches, a text's token list in a small one (the last few
articles).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# An abbreviation with dots ("U.S.", "U.N.") is one token; otherwise runs of letters/digits.
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
ARTICLES = frozenset({"al", "el"})
_US = frozenset({"us", "usa", "united states", "united states of america"})
_SHORT = 200  # texts up to this length share the large token cache; articles the small one


@dataclass(frozen=True, slots=True)
class Token:
    """A word token of a text: offsets, the text as written and its normalised key."""

    start: int
    end: int
    text: str
    key: str


def fold(text: str) -> str:
    """Casefold and ASCII-fold (``Zelenskyy`` stays, ``Erdoğan`` becomes ``erdogan``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()


@lru_cache(maxsize=1 << 16)
def token_key(word: str) -> str:
    """The key of one word: folded, dots of abbreviations removed."""
    return fold(word).replace(".", "")


def tokens(text: str) -> Iterator[Token]:
    """The word tokens of ``text`` with their offsets."""
    return iter(_short_tokens(text) if len(text) <= _SHORT else _long_tokens(text))


def _tokenize(text: str) -> tuple[Token, ...]:
    out = []
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        key = token_key(word)
        if key:
            out.append(Token(m.start(), m.end(), word, key))
    return tuple(out)


_short_tokens = lru_cache(maxsize=1 << 14)(_tokenize)
_long_tokens = lru_cache(maxsize=8)(_tokenize)


@lru_cache(maxsize=1 << 16)
def key_tuple(name: str) -> tuple[str, ...]:
    """The matching key of a name: its token keys without a leading "the" and without
    the article prefixes al/el."""
    if name.isascii() and name.replace(" ", "").isalpha():  # words and spaces: split is the tokenizer
        keys = name.lower().split()
    elif name.isascii():
        keys = [w.replace(".", "") for w in TOKEN_RE.findall(name.casefold())]
    else:
        keys = [k for k in map(token_key, TOKEN_RE.findall(name)) if k]
    if keys and keys[0] == "the":
        keys = keys[1:]
    kept = tuple(k for k in keys if k not in ARTICLES)
    return kept or tuple(keys)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """``key_tuple`` as one string; the spellings of the United States become one."""
    joined = " ".join(key_tuple(name))
    return "united states" if joined in _US else joined


def slug(name: str) -> str:
    """A stable id part: ``"Abdel Fattah al-Sisi"`` -> ``"abdel-fattah-al-sisi"``."""
    return "-".join(t.key for t in tokens(name)) or "unnamed"
