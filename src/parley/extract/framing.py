"""Framing: loaded and partisan terms an outlet uses in its own voice.

Extractor ``framing.v1`` provides ``framing``: one ``FramingTerm`` per occurrence of a term
from the generic lexicon (``data/lexicons/framing.yaml``) or the profile's ``framing:``
section, with the neutral actor it stands for ("the Zionist regime" -> Israel) or None
for a loaded description ("genocide"). A term written next to an actor's name stands for
that actor ("the Hamas terror group" -> Hamas).

Words inside quotation marks are a source's, not the outlet's, so they are not flagged.
Neutral wording ("militants", "the war", "the Israeli government") is in no lexicon.
"""

from __future__ import annotations

import re
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.profiles.catalogue import Catalogue, catalogue_for
from parley.profiles.model import FramingEntry
from parley.profiles.names import tokens
from parley.profiles.phrases import Hit
from parley.records import Document, FramingTerm

_GROUP_WORDS = ("group", "organi", "terrorists", "regime", "state", "occupiers", "invaders", "junta")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between quotation marks (curly, guillemets or straight), within a paragraph."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]*”|«[^»\n]*»|\"[^\"\n]*\"", text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _adjacent_actor(doc: Document, cat: Catalogue, hit: Hit[FramingEntry]) -> str | None:
    """The group named right before or after a term ("Hamas terror group", "the terror group Hamas")."""
    before = doc.text[max(0, hit.start - 40) : hit.start]
    after = doc.text[hit.end : hit.end + 40]
    candidates = []
    prev = list(tokens(before))
    if prev:
        last = prev[-1]
        candidates.append(before[last.start :])
    nxt = list(tokens(after))
    if nxt and after[: nxt[0].start].strip() == "":
        candidates.append(after[nxt[0].start : nxt[0].end])
    for name in candidates:
        known = cat.lookup(name)
        if known is not None and known.type in ("ORG", "GPE"):
            return known.canonical
    return None


def _stands_for(doc: Document, cat: Catalogue, hit: Hit[FramingEntry]) -> str | None:
    """The actor a term stands for: the group named next to it when the term names a
    group, else the lexicon's actor (by its canonical name), else None."""
    entry = hit.values[0]
    if _names_a_group(entry):
        adjacent = _adjacent_actor(doc, cat, hit)
        if adjacent is not None:
            return adjacent
    target = cat.lookup(entry.stands_for) if entry.stands_for else None
    return target.canonical if target is not None else entry.stands_for


def _names_a_group(entry: FramingEntry) -> bool:
    """Terms that name an actor ("terror group", "terrorists") rather than describe an act."""
    term = entry.term.casefold()
    return entry.stands_for is not None or any(w in term for w in _GROUP_WORDS)


def find_framing(doc: Document, profile: Any = None) -> tuple[FramingTerm, ...]:
    cat = catalogue_for(profile)
    quotes = quoted_spans(doc.text)
    out = []
    for hit in cat.framing.find(doc.text):
        if _inside(quotes, hit.start, hit.end):
            continue
        term = _LEADING_THE.sub("", hit.text)
        start = hit.end - len(term)
        out.append(FramingTerm(term, _stands_for(doc, cat, hit), doc.evidence(start, hit.end)))
    return tuple(out)


@register("framing.v1", provides=("framing",))
def extract_framing(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Any, ...]]:
    return {"framing": find_framing(doc, ctx.profile)}
