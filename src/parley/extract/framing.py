"""Framing: loaded and partisan terms an outlet uses in its own voice.

Extractor ``framing.v1`` provides ``framing``: one ``FramingTerm`` per occurrence of a term
from the generic lexicon (``data/lexicons/framing.yaml``) or the profile's ``framing:``
section, with the neutral actor it stands for ("the Zionist regime" -> Israel) or None
for a loaded description ("genocide"). A term written next to an actor's name stands for
that actor ("the Hamas terror group" -> Hamas).

Terms are also read from the parse: a loaded head takes the name, demonym or qualifier that
says whose it is ("US-Saudi aggression", "Iran's puppets", "separatist regime"), and a loaded
adjective takes its noun ("savage war"). Words inside quotation marks, or a charge a verb
reports ("accused ... of genocide"), are a source's; weak words ("siege", "junta") are loaded
only in an outlet's voice that frames. So a text with no strong loaded term of its own has
none; one that has counts its weak and quoted terms too. Neutral wording ("militants", "the
war", "the Israeli government") is in no lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.profiles.catalogue import Catalogue, catalogue_for
from parley.profiles.lexicons import framing_modifiers, read_lexicon
from parley.profiles.model import FramingEntry
from parley.profiles.names import tokens
from parley.profiles.phrases import Hit
from parley.records import Document, Evidence, FramingTerm

SCARE_QUOTE_WORDS = 4
_YEAR_BEFORE = re.compile(r"\b(?:1[89]|20)\d\d\s+$")
_GROUP_WORDS = ("group", "organi", "terrorists", "regime", "state", "occupiers", "invaders", "junta")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
SpacyToken = Any  # a spaCy Token


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
    """Loaded terms in the outlet's voice. A text with no loaded term of its own outside
    quotes has none; one that frames in its own voice also quotes sources that share its
    frame, and its weak terms ("siege") are loaded too, so then every term found counts."""
    cat = catalogue_for(profile)
    quotes = quoted_spans(doc.text)
    found = _lexicon_terms(doc, cat, quotes)
    for start, end, stands_for in sorted(_phrases(doc, cat), key=lambda p: p[0] - p[1]):
        ev = doc.evidence(start, end)
        overlapping = [t for t, _ in found if t.evidence.start < ev.end and ev.start < t.evidence.end]
        if any(not _within(t.evidence, ev) for t in overlapping):
            continue  # a lexicon term longer than the phrase ("Zionist regime") stands
        phrase = FramingTerm(doc.text[start:end], stands_for, ev)
        found = [f for f in found if f[0] not in overlapping] + [(phrase, _sources(doc, quotes, start, end))]
    if not any(not quoted and not _weak(t) for t, quoted in found):
        return ()
    return tuple(sorted(_drop_bare_repeats([t for t, _ in found]), key=lambda t: t.evidence.start))


def _weak(term: FramingTerm) -> bool:
    """A term loaded only in a text that frames elsewhere ("the besieged port")."""
    return any(w in _weak_words() for w in re.split(r"\s+", term.term.casefold()))


@lru_cache(maxsize=1)
def _weak_words() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in read_lexicon("framing").get("weak") or ())


def _lexicon_terms(doc: Document, cat: Catalogue, quotes: list[tuple[int, int]]) -> list[tuple[FramingTerm, bool]]:
    """Each lexicon term found, and whether it is inside quoted speech."""
    out = []
    for hit in cat.framing.find(doc.text):
        if _historical(doc.text, hit):
            continue
        term = _LEADING_THE.sub("", hit.text)
        start = hit.end - len(term)
        quoted = _sources(doc, quotes, hit.start, hit.end)
        out.append((FramingTerm(term, _stands_for(doc, cat, hit), doc.evidence(start, hit.end)), quoted))
    return out


def _sources(doc: Document, quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a term is a source's: inside quoted speech, or the charge a verb of accusing
    or labelling reports ("accused the army of genocide", "designated it a terrorist group")."""
    if _inside(quotes, start, end):
        return True
    span = doc.parse.char_span(start, end, alignment_mode="expand") if doc.parse is not None else None
    if span is None:
        return False
    return any(a.pos_ == "VERB" and a.lower_ in _reporting_verbs() for a in list(span.root.ancestors)[:4])


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(str(form) for forms in read_lexicon("framing").get("reporting_verbs") or () for form in forms)


def _drop_bare_repeats(terms: list[FramingTerm]) -> list[FramingTerm]:
    """A loaded head written once with its qualifier ("US-Saudi aggression") is the same term
    when the text repeats the head alone ("the aggression"): the bare repeat is dropped."""
    heads = _heads()
    longer = {t.term.casefold() for t in terms if " " in t.term}
    return [
        t
        for t in terms
        if t.term.casefold() not in heads or not any(w.endswith(" " + t.term.casefold()) for w in longer)
    ]


def _within(inner: Evidence, outer: Evidence) -> bool:
    same = (inner.start, inner.end) == (outer.start, outer.end)
    return outer.start <= inner.start and inner.end <= outer.end and not same


def _historical(text: str, hit: Hit[FramingEntry]) -> bool:
    """A descriptive term after a year names a past event ("the 1994 genocide")."""
    return hit.values[0].stands_for is None and bool(_YEAR_BEFORE.search(text[max(0, hit.start - 8) : hit.start]))


def _phrases(doc: Document, cat: Catalogue) -> list[tuple[int, int, str | None]]:
    """Loaded phrases read from the parse: a loaded modifier with its noun, a loaded head
    with its qualifier."""
    if doc.parse is None:
        return []
    return _modified_phrases(doc, cat) + _head_phrases(doc, cat)


def _modifier(tok: SpacyToken) -> tuple[bool, str | None]:
    """Whether a token is a loaded modifier (lower-case entries match any case), and its actor."""
    modifiers = framing_modifiers()
    for form in (tok.text, tok.lower_):
        if form in modifiers and (form == tok.text or form.islower()):
            return True, modifiers[form]
    return False, None


def _modified_phrases(doc: Document, cat: Catalogue) -> list[tuple[int, int, str | None]]:
    """Noun phrases qualified by a loaded modifier ("Zionist terror", "savage war")."""
    out = []
    for tok in doc.parse or ():
        head = tok.head
        loaded, actor = _modifier(tok)
        if not loaded or tok.dep_ not in ("amod", "compound") or not 0 < head.i - tok.i <= 3:
            continue
        while head.dep_ == "compound" and head.head.i == head.i + 1 and head.head.pos_ == "NOUN":
            head = head.head  # "terror launch pads": the whole compound
        if head.pos_ in ("NOUN", "PROPN") and head.text[:1].islower():
            known = cat.lookup(actor) if actor else None
            out.append((tok.idx, head.idx + len(head.text), known.canonical if known else actor))
    return out


@dataclass(frozen=True)
class HeadRule:
    """A loaded head noun ("regime") and how it takes its qualifiers."""

    word: str
    names: bool = True  # a name or demonym qualifies it ("Kyiv regime")
    modifies: bool = False  # it is loaded as a qualifier of the next noun ("occupation forces")
    actor: bool = False  # the name qualifying it is the actor meant
    alone: bool = False  # loaded without a qualifier (listed under framing:)


@lru_cache(maxsize=1)
def _heads() -> dict[str, HeadRule]:
    data = read_lexicon("framing")
    alone = {str(e["term"]).casefold() for e in data.get("framing") or ()}
    return {
        str(h["word"]): HeadRule(
            str(h["word"]),
            bool(h.get("names", True)),
            bool(h.get("modifies")),
            bool(h.get("actor")),
            str(h["word"]).casefold() in alone,
        )
        for h in data.get("heads") or ()
    }


@lru_cache(maxsize=1)
def _qualifiers() -> frozenset[str]:
    return frozenset(str(q).casefold() for q in read_lexicon("framing").get("qualifiers") or ())


def _head_phrases(doc: Document, cat: Catalogue) -> list[tuple[int, int, str | None]]:
    """Loaded heads with their qualifier ("Iran's puppets", "separatist regime") and loaded
    heads qualifying the next noun ("aggression coalition")."""
    heads = _heads()
    out = []
    for tok in doc.parse or ():
        rule = heads.get(tok.lower_)
        if rule is None or tok.pos_ != "NOUN":
            continue
        qualified = _qualified(tok, rule, cat)
        if qualified is not None:
            start, actor = qualified
            out.append((start, tok.idx + len(tok.text), actor))
        nxt = tok.head
        if rule.modifies and tok.dep_ == "compound" and nxt.i == tok.i + 1 and nxt.pos_ == "NOUN":
            out.append((tok.idx, nxt.idx + len(nxt.text), None))
    return out


def _qualified(head: SpacyToken, rule: HeadRule, cat: Catalogue) -> tuple[int, str | None] | None:
    """Where the head's qualifiers begin, nearest first and next to each other, and the
    actor a qualifying name stands for; None when nothing qualifies it."""
    start, actor = None, None
    edge = head.i
    for child in sorted(head.lefts, key=lambda c: -c.i):
        if child.dep_ not in ("amod", "compound", "poss", "nmod") or child.right_edge.i != edge - 1:
            break
        name = _name_of(child, cat)
        if not (name or _qualifies(child, rule, head)) or (name and not rule.names):
            break
        first = next(t for t in child.subtree if t.pos_ != "DET")
        edge, start = first.i, _word_start(first)
        actor = actor or (name if rule.actor else None)
    return None if start is None else (start, actor)


def _name_of(tok: SpacyToken, cat: Catalogue) -> str | None:
    """The actor a name or demonym stands for (its own text for an unknown name); None for a
    common word."""
    if tok.dep_ == "poss" and tok.pos_ != "PROPN":
        return None
    known = (cat.lookup(tok.text) or cat.demonym(tok.text)) if tok.text[:1].isupper() else None
    if known is not None:
        return known.canonical
    return tok.text if tok.pos_ == "PROPN" else None


def _qualifies(tok: SpacyToken, rule: HeadRule, head: SpacyToken) -> bool:
    """A loaded qualifier or modifier, or any noun before a head loaded on its own."""
    if tok.dep_ == "poss":
        return False
    if tok.lower_ in _qualifiers() or _modifier(tok)[0]:
        return True
    return rule.alone and tok.dep_ == "compound" and tok.pos_ == "NOUN" and head.text[:1].islower()


def _word_start(tok: SpacyToken) -> int:
    """The start of the whitespace-delimited word a token is part of ("US-Saudi" for "Saudi")."""
    doc = tok.doc
    i = tok.i
    while i > 0 and not doc[i - 1].whitespace_ and (doc[i - 1].text == "-" or doc[i - 1].is_alpha):
        i -= 1
    return doc[i].idx


@register("framing.v1", provides=("framing",))
def extract_framing(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Any, ...]]:
    return {"framing": find_framing(doc, ctx.profile)}
