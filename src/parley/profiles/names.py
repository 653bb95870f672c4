"""Name normalisation shared by the profile loader, the phrase matcher and the resolver.

``name_key("the el-Sisi")`` and ``name_key("Sisi")`` are equal: names are casefolded,
ASCII-folded, cut into word tokens (``U.S.`` is one token, ``us``), a leading "the" is
dropped and so are the Arabic article prefixes al/el. Transliteration variants that this
cannot join (Haniyeh/Haniya) are listed as aliases in the profiles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# An abbreviation with dots ("U.S.", "U.N.") is one token; otherwise runs of letters/digits.
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+")
ARTICLES = frozenset({"al", "el"})
_US = frozenset({"us", "usa", "united states", "united states of america"})


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


def token_key(word: str) -> str:
    """The key of one word: folded, dots of abbreviations removed."""
    return fold(word).replace(".", "")


def tokens(text: str) -> Iterator[Token]:
    """The word tokens of ``text`` with their offsets."""
    for m in TOKEN_RE.finditer(text):
        key = token_key(m.group())
        if key:
            yield Token(m.start(), m.end(), m.group(), key)


def key_tuple(name: str) -> tuple[str, ...]:
    """The matching key of a name: its token keys without a leading "the" and without
    the article prefixes al/el."""
    if name.isascii():
        keys = [w.replace(".", "") for w in TOKEN_RE.findall(name.casefold())]
    else:
        keys = [k for k in map(token_key, TOKEN_RE.findall(name)) if k]
    if keys and keys[0] == "the":
        keys = keys[1:]
    kept = tuple(k for k in keys if k not in ARTICLES)
    return kept or tuple(keys)


def name_key(name: str) -> str:
    """``key_tuple`` as one string; the spellings of the United States become one."""
    joined = " ".join(key_tuple(name))
    return "united states" if joined in _US else joined


def slug(name: str) -> str:
    """A stable id part: ``"Abdel Fattah al-Sisi"`` -> ``"abdel-fattah-al-sisi"``."""
    return "-".join(t.key for t in tokens(name)) or "unnamed"
