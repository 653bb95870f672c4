"""Event status from tense, modality and wording: planned | ongoing | held.

The cues live in ``lexicons/meetings.yaml`` (``status``). A status is read from the verb
chain that governs an event: the anchor verb, its auxiliaries and the verbs it hangs from
through ``xcomp``/``conj`` ("is expected to return", "will resume", "headed into a second
day"). Explicit cues win over tense; tense wins over the time expression's tense.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parley.extract.parties import read_lexicon

STATUSES = ("planned", "ongoing", "held")
_CHAIN_DEPS = frozenset({"xcomp", "conj"})
_AUX_DEPS = frozenset({"aux", "auxpass", "neg", "prt", "acomp", "advmod"})


@dataclass(frozen=True)
class StatusCues:
    """Compiled status cues: one regex per status, checked planned -> ongoing -> held."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    before_noun: Mapping[str, str]
    motion: frozenset[str]


def _phrase_regex(phrases: Sequence[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(p.lower()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alts) + r")(?![\w])")


def compile_cues(data: Mapping[str, Any], motion: frozenset[str] = frozenset()) -> StatusCues:
    status = data.get("status", {})
    patterns = tuple((key.split(".")[0], _phrase_regex(words)) for key, words in status.items()
                     if key.split(".")[0] in STATUSES and words)
    return StatusCues(patterns, dict(status.get("before_noun", {})), motion)


@functools.cache
def default_cues() -> StatusCues:
    from parley.extract.parties import inflect

    data = read_lexicon("meetings")
    motion: set[str] = set()
    for base, spec in (data.get("verbs") or {}).items():
        if spec.get("role") in ("move_to", "move_from", "send"):
            motion |= inflect(base, spec.get("forms", ()))
    return compile_cues(data, frozenset(motion))


def chain_tokens(anchor: Any) -> list[Any]:
    """The anchor, the verbs it hangs from, their auxiliaries and the particle after each
    verb ("is expected to return", "was due in"). A ``conj`` verb with its own auxiliary or
    subject keeps its own tense ("resume ... and will transfer")."""
    chain = [anchor]
    tok = anchor
    while tok.dep_ in _CHAIN_DEPS and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
        if tok.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
            break
        tok = tok.head
        chain.append(tok)
    words = set(chain)
    doc = anchor.doc
    for verb in chain:
        words.update(c for c in verb.children if c.dep_ in _AUX_DEPS)
    for word in list(words):
        if word.i + 1 < len(doc) and doc[word.i + 1].pos_ in ("ADP", "PART", "ADV", "ADJ"):
            words.add(doc[word.i + 1])
    return sorted(words, key=lambda t: t.i)


def _window_text(tokens: Sequence[Any]) -> str:
    """The chain's words in text order, lowercased."""
    return " ".join(t.text.lower() for t in tokens)


def status_from_words(text: str, cues: StatusCues) -> str | None:
    for name, pattern in cues.patterns:
        if pattern.search(text):
            return name
    return None


def status_from_tense(verb: Any, cues: StatusCues, time_tense: str = "unknown", has_time: bool = False,
                      present: str | None = None, tag: str | None = None) -> str:
    """Status from the verb form when no cue says otherwise. ``present`` is the status a
    bare present tense means for this verb ("leaves" -> held, "heads to" -> planned)."""
    tag = tag or verb.tag_
    aux_tags = {a.tag_ for a in verb.children if a.dep_ in ("aux", "auxpass")}
    if tag == "VBG" and aux_tags & {"VBZ", "VBP"}:
        return "planned" if verb.text.lower() in cues.motion else "ongoing"
    if tag in ("VBD", "VBN") or aux_tags & {"VBD"}:
        return "held"
    if time_tense in ("past", "future"):
        return "held" if time_tense == "past" else "planned"
    if tag in ("VBZ", "VBP", "VB"):
        return present or ("planned" if has_time else "ongoing")
    return "held"


def event_status(anchor: Any, cues: StatusCues | None = None, time_tense: str = "unknown", has_time: bool = False,
                 trigger: Any = None, present: str | None = None, is_verb: bool = False) -> str:
    """planned | ongoing | held for an event anchored at ``anchor`` (its governing verb, or a
    noun), triggered by ``trigger`` (a meeting noun or verb; defaults to the anchor). ``is_verb``
    says the trigger is a verb even if the tagger took it for a noun."""
    cues = cues or default_cues()
    trigger = anchor if trigger is None else trigger
    nouns = [t for t in (trigger, anchor) if t.pos_ in ("NOUN", "PROPN") and not is_verb]
    for noun in nouns:
        found = _noun_cue(noun, cues)
        if found:
            return found
    verb = _governing_verb(anchor)
    if verb is None:
        if is_verb:  # a verb the tagger took for a noun ("Negotiations resume in Doha")
            words = status_from_words(_window_text([anchor, *anchor.children]), cues)
            return words or status_from_tense(anchor, cues, time_tense, has_time, present, tag="VBP")
        return {"past": "held", "future": "planned"}.get(time_tense, "held")
    words = status_from_words(_window_text(chain_tokens(verb)), cues)
    return words or status_from_tense(verb, cues, time_tense, has_time, present)


def _governing_verb(anchor: Any) -> Any | None:
    tok = anchor
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _noun_cue(noun: Any, cues: StatusCues) -> str | None:
    """A preposition in front of the noun ("after talks", "ahead of the meeting"), a cue next
    to it ("on his way", "will hold talks") or in its relative clause ("a trip that failed")."""
    doc = noun.doc
    left = " ".join(t.text.lower() for t in doc[max(0, noun.left_edge.i - 2) : noun.left_edge.i])
    for prep, status in cues.before_noun.items():
        if re.search(r"(?:^|\s)" + re.escape(prep) + r"$", left):
            return str(status)
    near = " ".join(t.text.lower() for t in doc[max(0, noun.i - 3) : min(len(doc), noun.i + 2)])
    found = status_from_words(near, cues)
    for rel in (c for c in noun.children if c.dep_ == "relcl" and found is None):
        found = status_from_words(_window_text(chain_tokens(rel)), cues)
    return found
