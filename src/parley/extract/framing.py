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
from parley.profiles.lexicons import framing_modifiers
from parley.profiles.model import FramingEntry
from parley.profiles.names import tokens
from parley.profiles.phrases import Hit
from parley.records import Document, Evidence, FramingTerm

SCARE_QUOTE_WORDS = 4
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s+$")
_GROUP_WORDS = ("group", "organi", "terrorists", "regime", "state", "occupiers", "invaders", "junta")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (curly, guillemets or straight quotes, within a paragraph).
    A quote of a few words is the outlet's own scare quote ("propaganda delegation"), not
    speech, and is left out."""
    spans = []
    for m in re.finditer(r"“[^”\n]*”|«[^»\n]*»|\"[^\"\n]*\"", text):
        if len(m.group().split()) > SCARE_QUOTE_WORDS:
            spans.append((m.start(), m.end()))
    return spans


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
        if _inside(quotes, hit.start, hit.end) or _historical(doc.text, hit):
            continue
        term = _LEADING_THE.sub("", hit.text)
        start = hit.end - len(term)
        out.append(FramingTerm(term, _stands_for(doc, cat, hit), doc.evidence(start, hit.end)))
    for start, end, stands_for in _modified_phrases(doc, cat):
        ev = doc.evidence(start, end)
        overlapping = [t for t in out if t.evidence.start < ev.end and ev.start < t.evidence.end]
        if _inside(quotes, start, end) or any(not _within(t.evidence, ev) for t in overlapping):
            continue  # a lexicon term longer than the phrase ("Zionist regime") stands
        out = [t for t in out if t not in overlapping] + [FramingTerm(doc.text[start:end], stands_for, ev)]
    return tuple(sorted(out, key=lambda t: t.evidence.start))


def _within(inner: Evidence, outer: Evidence) -> bool:
    same = (inner.start, inner.end) == (outer.start, outer.end)
    return outer.start <= inner.start and inner.end <= outer.end and not same


def _historical(text: str, hit: Hit[FramingEntry]) -> bool:
    """A descriptive term after a year names a past event ("the 1994 genocide")."""
    return hit.values[0].stands_for is None and bool(_YEAR_BEFORE.search(text[max(0, hit.start - 8) : hit.start]))


def _modified_phrases(doc: Document, cat: Catalogue) -> list[tuple[int, int, str | None]]:
    """Noun phrases qualified by a loaded modifier ("Zionist terror", "Zionist prime minister")."""
    modifiers = framing_modifiers()
    if doc.parse is None or not modifiers:
        return []
    out = []
    for tok in doc.parse:
        head = tok.head
        if tok.text not in modifiers or tok.dep_ not in ("amod", "compound") or not 0 < head.i - tok.i <= 3:
            continue
        if head.pos_ in ("NOUN", "PROPN") and head.text[:1].islower():
            actor = modifiers[tok.text]
            known = cat.lookup(actor) if actor else None
            out.append((tok.idx, head.idx + len(head.text), known.canonical if known else actor))
    return out


@register("framing.v1", provides=("framing",))
def extract_framing(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Any, ...]]:
    return {"framing": find_framing(doc, ctx.profile)}
