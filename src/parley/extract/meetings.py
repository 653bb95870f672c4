"""Meetings: rounds of talks, meetings, visits and calls ("meetings.v1").

For each sentence that holds a trigger word from ``lexicons/meetings.yaml`` we walk
spaCy's dependency parse: a trigger (a verb such as "met", "headed to", "resume", or a
noun such as "talks", "a new round of meetings") becomes an event anchored at its
governing verb; the anchor's own part of the parse (its *region*: its subtree minus
other events, appositions, relative clauses, topics and attributions) gives the venue
(a city), the parties, the people and the time expression. Events on the same
encounter within one article are merged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.extract.parties import (
    Ref,
    RefIndex,
    build_refs,
    capital_of,
    host_country,
    inflect,
    named_together,
    pairs_named,
    read_lexicon,
    sentence_units,
)
from parley.extract.status import default_cues, event_status, status_from_words
from parley.records import Document, Evidence, Meeting, TimeExpr

SPEECH_WORDS = frozenset({"said", "says", "say", "told", "tells", "added", "adding", "according", "quoted", "cited",
                          "citing", "reported", "reports", "stated", "announced", "confirmed", "saying"})
_KIND_RANK = {"talks": 3, "meeting": 2, "visit": 1, "call": 0}
_SUBJ = ("nsubj", "nsubjpass")
_PARTICIPANT_ACL = frozenset({"involving", "including", "attended", "bringing", "grouping", "gathering", "with"})
_EXCLUDED_DEPS = frozenset({"appos", "relcl", "parataxis", "advcl", "acl", "ccomp", "csubj", "xcomp", "mark"})


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class VerbSpec:
    base: str
    kind: str
    role: str
    needs: tuple[str, ...] = ()
    needs_object: bool = False
    present: str | None = None  # what a bare present tense means: held | planned | ongoing
    direct_object: bool = False  # only an active direct object counts for needs_object ("see X")
    unless: tuple[str, ...] = ()  # words hung from the verb or its object that cancel it ("see X as")


@dataclass(frozen=True)
class MeetingLexicon:
    verbs: Mapping[str, VerbSpec]
    light: frozenset[str]
    nouns: Mapping[str, str]
    needs_context: Mapping[str, tuple[str, ...]]
    excluded_modifiers: frozenset[str]
    excluded_nouns: re.Pattern[str]
    topic_preps: frozenset[str]
    purpose_verbs: frozenset[str]
    party_groups: frozenset[str]
    inherit_venue: frozenset[str] = field(default=frozenset())
    actor_words: frozenset[str] = field(default=frozenset())
    excluded_subjects: frozenset[str] = field(default=frozenset())
    venue_places: Mapping[str, str] = field(default_factory=dict)
    joint: frozenset[str] = field(default=frozenset())
    negating: frozenset[str] = field(default=frozenset())
    triggers: frozenset[str] = field(default=frozenset())
    span_nouns: frozenset[str] = field(default=frozenset())
    call_words: frozenset[str] = field(default=frozenset())
    postponing: frozenset[str] = field(default=frozenset())  # first words, inflected
    neutral_venues: frozenset[str] = field(default=frozenset())  # casefolded city names
    internal_members: frozenset[str] = field(default=frozenset())  # "a meeting of the service chiefs"
    not_destinations: frozenset[str] = field(default=frozenset())  # "returned to power"


def compile_lexicon(data: Mapping[str, Any]) -> MeetingLexicon:
    """Compile the YAML lexicon: expand inflections, build the prefilter word set."""
    verbs: dict[str, VerbSpec] = {}
    for base, spec in (data.get("verbs") or {}).items():
        needs_object = spec.get("needs_object")
        vs = VerbSpec(base, spec["kind"], spec["role"], tuple(spec.get("needs", ())), bool(needs_object),
                      spec.get("present"), needs_object == "direct", tuple(spec.get("unless", ())))
        for form in inflect(base, spec.get("forms", ())):
            verbs.setdefault(form, vs)
    light = frozenset(f for w in data.get("light_verbs", []) for f in inflect(w))
    nouns = {str(k).lower(): str(v) for k, v in (data.get("nouns") or {}).items()}
    excluded = [re.escape(x.lower()) for x in data.get("excluded_nouns", [])]
    purpose = frozenset(f for w in data.get("purpose_verbs", []) for f in inflect(w))
    single_nouns = {k.split()[-1] for k in nouns}
    triggers = frozenset(verbs) | frozenset(single_nouns) | {"due", "expected", "way"}
    return MeetingLexicon(
        verbs=verbs, light=light, nouns=nouns,
        needs_context={k: tuple(v) for k, v in (data.get("needs_context") or {}).items()},
        excluded_modifiers=frozenset(x.lower() for x in data.get("excluded_modifiers", [])),
        excluded_nouns=re.compile(r"\b(?:" + "|".join(excluded) + r")\b") if excluded else re.compile(r"(?!)"),
        topic_preps=frozenset(x.lower() for x in data.get("topic_preps", []) if " " not in x),
        purpose_verbs=purpose, party_groups=frozenset(data.get("party_groups", [])), triggers=triggers,
        inherit_venue=frozenset(w for x in data.get("inherit_venue", []) for w in x.lower().split()),
        actor_words=frozenset(w for x in data.get("actor_words", []) for w in x.lower().split()),
        excluded_subjects=frozenset(x.lower() for x in data.get("excluded_subjects", [])),
        venue_places={str(k): str(v) for k, v in (data.get("venue_places") or {}).items()},
        joint=frozenset(str(x).lower() for x in data.get("joint_subjects", [])),
        negating=frozenset(f for w in data.get("negating_verbs", []) for f in inflect(w)),
        span_nouns=frozenset(str(x).lower() for x in data.get("span_nouns", [])),
        call_words=frozenset(str(x).lower() for x in data.get("call_words", [])),
        postponing=frozenset(f for w in data.get("postponing_verbs", []) for f in inflect(str(w).split()[0])),
        neutral_venues=frozenset(str(x).casefold() for x in data.get("neutral_venues", [])),
        internal_members=frozenset(str(x).lower() for x in data.get("internal_members", [])),
        not_destinations=frozenset(str(x).lower() for x in data.get("not_destinations", [])),
    )


@functools.cache
def default_lexicon() -> MeetingLexicon:
    return compile_lexicon(read_lexicon("meetings"))


# --------------------------------------------------------------------------- times


@dataclass(frozen=True, slots=True)
class TimeSpan:
    start: int  # cleaned offsets
    end: int
    expr: TimeExpr


_DAY_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december|next week|last week|this week|weekend|\d{4})\b", re.I)


_SINCE = re.compile(r"(?i)since\b")  # "the first talks since March": when the gap began, not the event's day


def times_of(doc: Document, ctx: ExtractContext | None) -> list[TimeSpan]:
    """Time expressions in cleaned offsets: ``dating.v1``'s when present, else NER dates."""
    exprs: Sequence[TimeExpr] = ctx.get("times", ()) if ctx is not None else ()
    if exprs:
        off = doc.cleaned.offsets
        return [TimeSpan(*_clean_span(t, off), t) for t in exprs
                if t.kind not in ("duration", "age", "background") and not _SINCE.match(t.text)]
    spans = []
    for ent in doc.entities:
        if ent.label in ("DATE", "TIME") and _DAY_WORDS.search(ent.text):
            expr = TimeExpr(ent.text, None, None, False, "date", doc.evidence(ent.start, ent.end))
            spans.append(TimeSpan(ent.start, ent.end, expr))
    return spans


def _clean_span(t: TimeExpr, offsets: Any) -> tuple[int, int]:
    from parley.extract.parties import raw_to_clean

    cstart, cend = getattr(t, "cstart", None), getattr(t, "cend", None)
    if cstart is not None and cend is not None and cend > cstart:
        return int(cstart), int(cend)
    return raw_to_clean(offsets, t.evidence.start), raw_to_clean(offsets, t.evidence.end)


# --------------------------------------------------------------------------- events


@dataclass
class Event:
    trigger: Any  # the trigger token
    anchor: Any  # the token whose subtree is the event's region
    kind: str
    role: str
    absorbed: list[Any] = field(default_factory=list)  # purpose triggers folded in


def _window(tok: Any, left: int, right: int) -> str:
    doc = tok.doc
    return " ".join(t.text.lower() for t in doc[max(0, tok.i - left) : min(len(doc), tok.i + right + 1)])


def _negated(tok: Any, lex: MeetingLexicon | None = None) -> bool:
    """ "did not travel", "never met", "failed to travel", "refused to attend"."""
    if any(c.dep_ == "neg" or c.text.lower() in ("never", "without") for c in tok.children):
        return True
    head = tok
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
        if any(c.dep_ == "neg" for c in head.children) or (lex is not None and head.text.lower() in lex.negating):
            return True
        if head.dep_ != "xcomp":
            break
    return False


def _verb_trigger(tok: Any, lex: MeetingLexicon, refs: RefIndex) -> Event | None:
    spec = lex.verbs.get(tok.text.lower())
    if spec is None or _negated(tok, lex):
        return None
    if not tok.tag_.startswith("VB"):
        return _mistagged_verb(tok, spec, lex)
    if spec.needs_object and not any(_is_actor(o, lex, refs) for o in _objects(tok, spec.direct_object)):
        return None
    if spec.unless and _cancelled(tok, spec.unless):
        return None
    if spec.role == "move_to" and _to_a_state(tok, lex):
        return None
    if spec.role == "encounter" and _with_no_actor(tok, lex, refs):
        return None
    if spec.needs and not _has_need(tok, spec.needs, refs, lex):
        return None
    if spec.role == "encounter" and _internal(tok, lex):
        return None
    by_phone = spec.role == "encounter" and _by_phone(tok, lex)
    return Event(tok, tok, "call" if by_phone else spec.kind, spec.role)




def _to_a_state(verb: Any, lex: MeetingLexicon) -> bool:
    """ "returned to power", "went to war": a move "to" a state of affairs, not a place."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "advmod")]  # "came close to a deal"
    goals = [g for h in heads for c in h.children if c.dep_ == "prep" and c.text.lower() == "to"
             for g in c.children if g.dep_ == "pobj"]
    return bool(goals) and all(g.text.lower() in lex.not_destinations for g in goals)


def _by_phone(verb: Any, lex: MeetingLexicon) -> bool:
    """ "talked by phone", "met over the telephone", "spoke via videoconference"."""
    return any(g.text.lower() in lex.call_words for g in _pobjs(verb, ("by", "over", "via")))


def _internal(verb: Any, lex: MeetingLexicon) -> bool:
    """ "Israel's security cabinet met on Sunday": a body meeting by itself (no partner)."""
    subj = [c for c in verb.children if c.dep_ in _SUBJ]
    partner = any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.text.lower() == "with")
                  for c in verb.children)
    return bool(subj) and subj[0].text.lower() in lex.excluded_subjects and not partner


def _objects(verb: Any, direct: bool = False) -> list[Any]:
    """Direct objects, or the subject of a passive ("was received") unless ``direct``."""
    deps = ("dobj", "dative") if direct else ("dobj", "nsubjpass", "dative")
    objs = [c for c in verb.children if c.dep_ in deps]
    return objs + [g for o in objs for g in o.conjuncts]


def _cancelled(verb: Any, words: Sequence[str]) -> bool:
    """ "saw the offer as a step": a word of ``words`` hung from the verb or its objects."""
    heads = [verb, *_objects(verb, direct=True)]
    return any(c.text.lower() in words for h in heads for c in h.children)


def _with_no_actor(verb: Any, lex: MeetingLexicon, refs: RefIndex) -> bool:
    """ "met with resistance", "was met with scepticism": only common nouns that name no actor
    after "with" (and no actor as object)."""
    withs = _pobjs(verb, ("with",))
    withs += [g for w in withs for g in w.conjuncts]
    if not withs or any(_is_actor(o, lex, refs) for o in _objects(verb, direct=True)):
        return False
    return all(w.pos_ == "NOUN" and not _is_actor(w, lex, refs) for w in withs)


def _is_actor(head: Any, lex: MeetingLexicon, refs: RefIndex) -> bool:
    """Whether a noun phrase names someone who can meet: a party, a person or a delegation."""
    ref = refs.at_token(head)
    if head.text.lower() in lex.actor_words or (ref is not None and (ref.party or ref.is_person)):
        return True
    return any(c.dep_ == "compound" and c.text.lower() in lex.actor_words for c in head.children)


def _mistagged_verb(tok: Any, spec: VerbSpec, lex: MeetingLexicon) -> Event | None:
    """ "Negotiations resume in Doha": a verb tagged as the head of a noun compound."""
    nouns = [c for c in tok.children if c.dep_ == "compound" and c.text.lower() in lex.nouns]
    if not nouns or not any(c.dep_ == "prep" for c in tok.children):
        return None
    return Event(tok, tok, _stronger(spec.kind, lex.nouns[nouns[0].text.lower()]), spec.role, absorbed=nouns)


_NEED_CODES = frozenset({"city", "in_city", "noun", "call_words", "actor_subject", "time_with"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "xcomp", "conj", "appos"})


def _has_need(tok: Any, needs: Sequence[str], refs: RefIndex, lex: MeetingLexicon) -> bool:
    """Whether a verb has what its lexicon entry needs (see meetings.yaml, `needs`)."""
    near = " " + _window(tok, 0, 6) + " "
    if any(f" {n} " in near for n in needs if n not in _NEED_CODES):
        return True
    if "city" in needs and any(_is_city(o, refs) for o in _pobjs(tok, ("from",), objects=True)):
        return True
    if "in_city" in needs and any(_is_city(t, refs) and t.dep_ == "pobj" and t.head.text.lower() in ("in", "at", "near")
                                  and "\n" not in tok.doc.text[min(t.idx, tok.idx) : max(t.idx, tok.idx)]
                                  for t in tok.subtree):
        return True
    if "call_words" in needs and _clause_has_call_word(tok, lex):
        return True
    if "actor_subject" in needs and _actor_resumes(tok, lex, refs):
        return True
    if "time_with" in needs and _time_with_someone(tok, lex, refs):
        return True
    return "noun" in needs and _has_meeting_noun(tok, lex)


def _time_with_someone(verb: Any, lex: MeetingLexicon, refs: RefIndex) -> bool:
    """ "spent four hours with the Russian foreign minister": a span of time spent with
    someone who can meet."""
    spans = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.text.lower() in lex.span_nouns]
    withs = [g for c in [verb, *spans] for p in c.children if p.dep_ == "prep" and p.text.lower() == "with"
             for g in p.children if g.dep_ == "pobj"]
    return bool(spans) and any(_is_actor(g, lex, refs) for g in withs)


def _actor_resumes(verb: Any, lex: MeetingLexicon, refs: RefIndex) -> bool:
    """ "The ministers are due to resume on Saturday": no object, a subject that can meet."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return False
    return any(_is_actor(h, lex, refs) or _is_joint(h, lex) for h in subject_heads(verb))


def _clause_has_call_word(verb: Any, lex: MeetingLexicon) -> bool:
    """ "discussed the plan by telephone with X": a call word in the verb's own clause (not in a
    clause hung from it), and not "a call for" (a demand)."""
    todo = list(verb.children)
    while todo:
        tok = todo.pop()
        if tok.dep_ in _CLAUSE_DEPS:
            continue
        nxt = tok.doc[tok.i + 1].text.lower() if tok.i + 1 < len(tok.doc) else ""
        if tok.text.lower() in lex.call_words and nxt not in ("for", "to"):
            return True
        todo.extend(tok.children)
    return False


def _pobjs(tok: Any, preps: Sequence[str], objects: bool = False) -> list[Any]:
    objs = [c for c in tok.children if c.dep_ == "dobj"] if objects else []
    return objs + [g for c in tok.children if c.dep_ == "prep" and c.text.lower() in preps for g in c.children]


def _is_city(tok: Any, refs: RefIndex) -> bool:
    ref = refs.at_token(tok)
    return (ref is not None and ref.is_city) or tok.text.lower() == "capital"


def _has_meeting_noun(verb: Any, lex: MeetingLexicon) -> bool:
    """ "negotiations resume", "resume the talks", "... and will transfer to Cairo" (shared subject)."""
    for _ in range(3):
        args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "compound")]
        if any(a.text.lower() in lex.nouns for a in args) or verb.text.lower() in lex.nouns:
            return True
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _noun_trigger(tok: Any, lex: MeetingLexicon) -> Event | None:
    low = tok.text.lower()
    kind = lex.nouns.get(low)
    # "Ceasefire talks in Doha headed ...": "talks" tagged as a verb in a noun's place
    nominal = tok.pos_ in ("NOUN", "PROPN") or (tok.tag_ in ("VBZ", "VBP") and tok.dep_ in _NOMINAL_DEPS)
    if kind is None or not nominal:
        return None
    if tok.dep_ == "compound" and tok.head.text.lower() not in lex.nouns:
        return None
    mods = {c.text.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if mods & lex.excluded_modifiers or lex.excluded_nouns.search(_window(tok, 2, 1)):
        return None
    context = lex.needs_context.get(low)
    if context and not any(w in _window(tok, 3, 3).split() or w in _window(tok, 3, 3) for w in context):
        return None
    return Event(tok, tok, kind, "noun")


def _special_trigger(tok: Any, refs: RefIndex) -> Event | None:
    """ "due in Cairo", "expected in Belgrade" and "on his way to Doha" / "on its way back from
    Cairo"."""
    low = tok.text.lower()
    if low in ("due", "expected"):
        verb = tok.head if tok.dep_ == "acomp" else tok
        preps = [c for t in (tok, verb) for c in t.children if c.dep_ == "prep"]
        if low == "expected" and (any(c.dep_ in ("xcomp", "ccomp") for c in tok.children) or not any(
                c.dep_ in _SUBJ and refs.at_token(c) for c in tok.children)):
            return None  # "expected to meet" (the verb after it is the event); "a round was expected in Muscat"
        if any(p.text.lower() in ("in", "at") and any(refs.at_token(g) for g in p.children) for p in preps):
            return Event(tok, verb, "visit", "move_to")
    if low == "way" and tok.head.text.lower() == "on" and tok.head.head.i != tok.head.i:
        back = "back" in _window(tok, 0, 2).split()
        return Event(tok, tok.head.head, "visit", "move_from" if back else "move_to")
    return None


def find_events(unit: Any, lex: MeetingLexicon, refs: RefIndex) -> list[Event]:
    events = []
    for tok in unit:
        event = _verb_trigger(tok, lex, refs) or _noun_trigger(tok, lex) or _special_trigger(tok, refs)
        if event is not None and event.anchor.i != tok.i and _negated(event.anchor, lex):
            continue
        if event is not None:
            events.append(event)
    return _attach(events, lex)


def _attach(events: list[Event], lex: MeetingLexicon) -> list[Event]:
    """Fold nouns into the verbs that carry them and purposes into the visits they serve."""
    by_tok = {e.trigger.i: e for e in events}
    by_tok.update({e.anchor.i: e for e in events if e.anchor.i not in by_tok})
    kept: list[Event] = []
    for event in events:
        host = _carrier(event, by_tok, lex)
        if host is None:
            kept.append(event)
            continue
        host.absorbed.append(event.trigger)
        if host.role == "carry" or (host.role == "noun" and event.role == "noun"):
            host.kind = _stronger(host.kind, event.kind)
    return _light_anchor(kept, lex)


def _stronger(a: str, b: str) -> str:
    return a if _KIND_RANK.get(a, 0) >= _KIND_RANK.get(b, 0) else b


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "compound"})
_TEMPORAL_PREPS = frozenset({"after", "before", "following", "since", "ahead", "until", "during"})


def _carrier(event: Event, by_tok: Mapping[int, Event], lex: MeetingLexicon) -> Event | None:
    """The event that ``event`` belongs to: "round of talks", "talks resume", "headed to X to meet".

    A noun belongs to the event it hangs from (unless a temporal preposition sets it apart:
    "after talks in Cairo"); a verb only when it is the purpose of a visit ("to meet X")."""
    tok = event.trigger
    path: list[str] = []
    for _ in range(3):
        if tok.head.i == tok.i:
            return None
        path.append(tok.dep_)
        tok = tok.head
        if tok.text.lower() in _TEMPORAL_PREPS:
            return None
        other = by_tok.get(tok.i)
        if other is not None and other is not event:
            if event.role == "noun":
                return other
            if path[0] in ("acl", "amod") and len(path) == 1 and other.role == "noun":  # "talks hosted by Qatar"
                return other
            purpose = event.trigger.text.lower() in lex.purpose_verbs and set(path) <= {"xcomp", "advcl"}
            return other if purpose and other.role in ("move_to", "send", "host") else None
        if tok.pos_ in ("VERB", "AUX") and path[-1] not in ("xcomp", "advcl", "prep", "pobj"):
            return None
    return None


def _light_anchor(events: list[Event], lex: MeetingLexicon) -> list[Event]:
    """A noun event anchors at the light verb that carries it ("held talks", "talks ended")."""
    for event in events:
        if event.role != "noun":
            continue
        tok = event.trigger
        head = tok.head
        if tok.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if head.text.lower() in lex.span_nouns and tok.head.text.lower() == "of" and head.head.i != head.i:
            tok, head = head, head.head  # "opened two days of talks": the span stands for the talks
        prep = tok.head.text.lower() if tok.dep_ == "pobj" else ""
        purpose = prep == "for" or (event.kind == "call" and prep in ("in", "during", "by", "over"))
        carried = head.text.lower() in lex.light or tok.dep_ in _SUBJ or purpose
        if head.i != tok.i and head.tag_.startswith("VB") and carried and not _negated(head):
            event.anchor = head
    return events


# --------------------------------------------------------------------------- regions


def region(
    event: Event, unit: Any, others: Iterable[Event], lex: MeetingLexicon, refs: RefIndex | None = None
) -> list[Any]:
    """The tokens that belong to ``event``: its anchor's subtree minus what is not its own."""
    cut = {e.anchor.i for e in others if e is not event and e.anchor.i != event.anchor.i}
    own = {t.i for t in event.absorbed}
    keep: list[Any] = []
    stack = [event.anchor]
    while stack:
        tok = stack.pop()
        if not (unit.start <= tok.i < unit.end):
            continue
        keep.append(tok)
        for child in tok.children:
            if child.i in cut and child.i not in own:
                continue
            if _excluded(child, lex, own, refs):
                continue
            stack.append(child)
    keep.extend(_borrowed_subject(event.anchor, unit))
    return sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)


def _excluded(child: Any, lex: MeetingLexicon, own: set[int], refs: RefIndex | None = None) -> bool:
    low = child.text.lower()
    if child.i in own or any(t.i in own for t in child.subtree):
        return False
    if child.dep_ == "appos" and refs is not None and _names_actor(child, refs):
        return False  # "Burns, Mossad chief David Barnea and ...": a list parsed as apposition
    if low in SPEECH_WORDS or child.dep_ == "punct":
        return True
    if child.dep_ == "prep" and low in lex.topic_preps:
        return not _is_time_phrase(child)
    if child.dep_ == "acl" and low in _PARTICIPANT_ACL:
        return False
    if child.dep_ == "xcomp" and (low in lex.light or low in ("due", "expected", "set", "scheduled")):
        return False
    return child.dep_ in _EXCLUDED_DEPS


def _names_actor(tok: Any, refs: RefIndex) -> bool:
    ref = refs.at_token(tok)
    return ref is not None and (ref.is_person or ref.party is not None)


def _is_time_phrase(prep: Any) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "dep", "acomp"})
_CLAUSE_PREPS = frozenset({"before", "after", "while", "since", "by", "upon", "on"})


def subject_heads(anchor: Any, unit: Any = None) -> list[Any]:
    """Head words of a verb's subject: its own, the relative clause's antecedent ("Zelensky,
    who met Erdogan"), or the one it shares with the verb it hangs from ("left ... and will
    return", "before visiting Egypt"). Falls back to the words before the verb when the
    parse lost the subject across a line break."""
    tok = anchor
    for _ in range(4):
        subj = [c for c in tok.children if c.dep_ in _SUBJ]
        if subj and subj[0].text.lower() in _RELATIVE and tok.dep_ == "relcl":
            return [tok.head, *tok.head.conjuncts]
        if subj:
            return subj + [g for s in subj for g in s.conjuncts]
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return [tok.head]
        if tok.dep_ == "pcomp" and tok.head.text.lower() in _CLAUSE_PREPS:  # "before visiting Egypt"
            tok = tok.head
        elif tok.dep_ not in _CLIMB_DEPS or tok.head.i == tok.i:
            break
        tok = tok.head
    return _linear_subject(anchor, unit)


def _linear_subject(verb: Any, unit: Any) -> list[Any]:
    """The noun heads before a verb that starts its unit's first clause ("Israeli negotiators
    arrived in Doha", parsed as part of the line above)."""
    if unit is None:
        return []
    before = [t for t in unit if t.i < verb.i]
    if not before or len(before) > 8 or any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";") for t in before):
        return []
    return [t for t in before if t.pos_ in ("NOUN", "PROPN")][-1:]


def _borrowed_subject(anchor: Any, unit: Any) -> list[Any]:
    """The subject tokens of a verb that has none of its own (see ``subject_heads``)."""
    if any(c.dep_ in _SUBJ for c in anchor.children):
        return []
    return [t for h in subject_heads(anchor, unit) for t in _np_tokens(h, unit)]


def _np_tokens(head: Any, unit: Any) -> list[Any]:
    """A noun phrase without appositions, relative clauses and participles."""
    out = []
    stack = [head]
    while stack:
        tok = stack.pop()
        if unit.start <= tok.i < unit.end:
            out.append(tok)
            stack.extend(c for c in tok.children if c.dep_ not in ("appos", "relcl", "acl", "punct", "advcl"))
    return out


# --------------------------------------------------------------------------- facts of one event


@dataclass
class Draft:
    kind: str
    venue: str | None
    time: TimeSpan | None
    participants: list[str]
    people: list[str]
    status: str
    evidence: Evidence
    own: set[str]  # parties and people named for the event itself (not the venue's host)
    subject: set[str]  # parties and people of the subject: the visitor of a visit
    more: list[Evidence] = field(default_factory=list)
    trigger: str = ""  # the trigger word, lowercased
    loose: bool = False  # a headline or a bare back-reference: its status does not count
    definite: bool = False  # "the talks" with no venue or time of its own: refers back
    refers: bool = False  # "the talks ..." (a definite noun): the same encounter as one at its venue


def _venue(event: Event, toks: Sequence[Any], refs: RefIndex, profile: Any,
           home: str | None = None) -> tuple[str | None, set[int]]:
    """The venue city and the tokens it covers."""
    best: tuple[int, str, set[int]] | None = None
    for tok in toks:
        found = _city_at(tok, refs, profile, home=home)
        if found is None or (event.kind == "call"):
            continue
        name, covered = found
        named = tok.head if tok.dep_ == "compound" and tok.head.i in covered else tok  # "Mexico City"
        rank = _venue_rank(named, event)
        if rank and (best is None or rank > best[0]):
            best = (rank, name, covered)
    return (best[1], best[2]) if best else (None, set())


def _city_at(tok: Any, refs: RefIndex, profile: Any, lex: MeetingLexicon | None = None,
             home: str | None = None) -> tuple[str, set[int]] | None:
    """The city a token names ("Doha", "the White House", "the Egyptian capital") and the
    tokens it covers. ``home``: the dateline's city, for "Kazakhstan's largest city"."""
    ref = refs.at_token(tok)
    if ref is None:
        return _described_city(tok, refs, profile, home)
    covered = {t.i for t in tok.doc.char_span(ref.start, ref.end, alignment_mode="expand") or [tok]}
    if ref.is_city:
        return ref.canonical, covered
    if ref.kind == "country":
        city = _country_city(tok, ref, profile)
        if city:
            return city, covered | {tok.head.i}
    place = (lex or default_lexicon()).venue_places.get(ref.canonical)
    return (place, covered) if place else None  # "at the White House"


def _country_city(tok: Any, ref: Ref, profile: Any) -> str | None:
    """A city read as its state: a capital ("Cairo expected to host ..."), a city-state ("a
    summit in Djibouti"), or a city named after its country ("Mexico City", "Kuwait City")."""
    capital = capital_of(ref.canonical, profile)
    if capital and (ref.text.strip() == capital or capital == ref.canonical):
        return capital
    if tok.dep_ == "compound" and tok.head.i == tok.i + 1 and tok.head.pos_ == "PROPN":
        name = f"{ref.text.strip()} {tok.head.text}"
        if host_country(name, profile) == ref.canonical or host_country(name) == ref.canonical:
            return name
    return None


_CITY_WORDS = frozenset({"city", "capital", "town", "port"})


def _described_city(tok: Any, refs: RefIndex, profile: Any, home: str | None) -> tuple[str, set[int]] | None:
    """ "the Egyptian capital" (its capital), "Kazakhstan's largest city" (the dateline's city
    when it lies in that country)."""
    if tok.text.lower() not in _CITY_WORDS or tok.pos_ != "NOUN":
        return None
    for child in tok.children:
        cref = refs.at_token(child)
        if cref is None or cref.kind != "country" or child.dep_ not in ("amod", "poss", "compound", "nmod"):
            continue
        capital = capital_of(cref.canonical, profile)
        words = {t.text.lower() for t in tok.children if t.dep_ in ("amod", "compound") and t.i != child.i}
        if tok.text.lower() == "capital" and not words - {"political", "national"}:
            city = capital
        else:
            city = home if home and host_country(home, profile) == cref.canonical else None
        if city:
            return city, {tok.i} | {t.i for t in child.subtree}
    return None


def _where_clause(event: Event) -> Any | None:
    """The verb of the where-clause the event is told in, if any."""
    tok = event.anchor
    for _ in range(3):
        if tok.dep_ == "relcl" and any(c.text.lower() == "where" for c in tok.children):
            return tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _where_venue(event: Event, ctx: _Ctx) -> tuple[str | None, set[int]]:
    """ "in Doha, where Qatar has been hosting talks": the place a where-clause describes."""
    clause = _where_clause(event)
    found = _city_at(clause.head, ctx.refs, ctx.profile, home=ctx.home) if clause is not None else None
    return found if found else (None, set())


def _purpose_venue(event: Event, ctx: _Ctx) -> tuple[str | None, set[int]]:
    """ "will remain in Jeddah to continue discussions": the place of the verb whose purpose
    the event is."""
    tok = event.anchor
    if tok.dep_ not in ("xcomp", "advcl") or not any(c.dep_ == "aux" and c.text.lower() == "to" for c in tok.children):
        return None, set()
    return _city_of_verb(tok.head, ctx)


def _city_of_verb(verb: Any, ctx: _Ctx, before: int | None = None) -> tuple[str | None, set[int]]:
    """The first city after "in"/"at" hung from ``verb`` (only before token ``before``, if set)."""
    places = [g for c in verb.children if c.dep_ == "prep" and c.text.lower() in ("in", "at")
              and (before is None or c.i < before) for g in c.children if g.dep_ == "pobj"]
    for place in places:
        found = _city_at(place, ctx.refs, ctx.profile, home=ctx.home)
        if found is not None:
            return found
    return None, set()


def _after_venue(event: Event, ctx: _Ctx) -> tuple[str | None, set[int]]:
    """ "Speaking in Doha after talks with the Qatari prime minister": talks after which
    someone acts somewhere were held there."""
    prep = event.trigger.head
    if event.trigger.dep_ != "pobj" or prep.text.lower() not in _AFTER_PREPS:
        return None, set()
    return _city_of_verb(prep.head, ctx, before=prep.i)


def _where_time_tokens(event: Event) -> list[Any]:
    """ "arrived in Cairo on Sunday, where they held talks": the time of the place's clause."""
    clause = _where_clause(event)
    if clause is None or clause.head.dep_ != "pobj" or clause.head.head.dep_ != "prep":
        return []
    prep = clause.head.head
    return [t for c in _time_mods(prep.head, prep) for t in c.subtree]


def _venue_after(event: Event, unit: Any, ctx: _Ctx) -> tuple[str | None, set[int]]:
    """ "lands in Doha" where the parse lost the city: the words right after the verb."""
    toks = list(unit.doc[event.trigger.i + 1 : min(unit.end, event.trigger.i + 4)])
    words = [t.text.lower() for t in toks]
    if not words or words[0] not in ("in", "at", "to", "into"):
        return None, set()
    for tok in toks[1:]:
        found = _city_at(tok, ctx.refs, ctx.profile, home=ctx.home)
        if found is not None:
            return found
    return None, set()


def _topic_venue(event: Event, ctx: _Ctx) -> tuple[str | None, set[int]]:
    """ "talks on a peace treaty in Almaty": a place the parse hung from the topic's noun."""
    for tok in {event.trigger, event.anchor, *event.absorbed}:
        topics = [g for c in tok.children if c.dep_ == "prep" and c.text.lower() in ctx.lex.topic_preps
                  for g in c.children if g.dep_ == "pobj"]
        places = [g for t in topics for c in t.children if c.dep_ == "prep" and c.text.lower() in ("in", "at")
                  for g in c.children if g.dep_ == "pobj"]
        for place in places:
            found = _city_at(place, ctx.refs, ctx.profile, home=ctx.home)
            if found is not None:
                return found
    return None, set()


_PLACE_NOUNS = frozenset({"city", "capital", "town", "resort", "port", "village"})


def _venue_rank(tok: Any, event: Event) -> int:
    """How surely a city token is the event's venue (0: not a venue)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.text.lower() == "of" and head.head.text.lower() in _PLACE_NOUNS:
        tok, head = head.head, head.head.head  # "in the Saudi city of Jeddah"
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        prep = head.text.lower()
        if prep in ("in", "at", "inside", "near", "outside"):
            return 5
        if prep in ("to", "into", "for") and event.role in ("move_to", "send", "carry"):
            return 4
        if prep == "from" and event.role == "move_from":
            return 4
        return 0
    if tok.dep_ == "dobj" and event.role in ("move_to", "move_from"):
        return 4
    if tok.dep_ in ("compound", "amod", "nmod") and head.i == event.trigger.i:
        return 3  # "the Cairo meeting"
    if tok.dep_ == "npadvmod" and head.text.lower() == "based" and head.head.i == event.trigger.i:
        return 3  # "the Cairo-based negotiations"
    if tok.dep_ in ("nsubj", "nsubjpass") and event.role == "host" and head.i == event.trigger.i:
        return 4  # "Cairo expected to host a Hamas delegation"
    return 0


def _parties(toks: Sequence[Any], refs: RefIndex, skip: set[int]) -> tuple[list[str], list[str]]:
    parties: list[str] = []
    people: list[str] = []
    for ref in refs.in_tokens(t for t in toks if t.i not in skip):
        if ref.is_person:
            _add(people, ref.canonical)
        if ref.party:
            _add(parties, ref.party)
    return parties, people


def _add(items: list[str], value: str) -> None:
    if value and value not in items:
        items.append(value)


def _postponing(event: Event, lex: MeetingLexicon) -> list[Any]:
    """The verb that moved the event to another day ("postponed", "delayed"), if any."""
    return [t for t in (event.anchor, event.trigger.head) if t.text.lower() in lex.postponing]


def _new_day(event: Event, times: Sequence[TimeSpan], lex: MeetingLexicon) -> TimeSpan | None:
    """ "postponed a visit planned for Wednesday until March 10": the day it was moved to."""
    verbs = _postponing(event, lex)
    if not verbs:
        return None
    near = [*event.trigger.subtree, *(c for v in verbs for c in v.children if c.dep_ == "prep")]
    moved = [t for t in near if t.text.lower() in ("until", "till", "to")]
    hits = [ts for t in moved for ts in times if t.idx < ts.end and ts.start <= t.idx + len(t.text) + 1]
    return hits[0] if hits else None


def _time(toks: Sequence[Any], times: Sequence[TimeSpan], event: Event) -> TimeSpan | None:
    idx = {t.idx for t in toks}
    starts = {t.idx: t for t in toks}
    hits = [ts for ts in times if ts.expr.scope != "complement" and any(ts.start <= i < ts.end for i in idx)]
    if not hits:
        return None
    anchor = event.trigger.idx

    def distance(ts: TimeSpan) -> int:
        tok = starts.get(ts.start)
        return abs(ts.start - anchor) if tok is None else abs(tok.i - event.trigger.i)

    return min(hits, key=distance)


_SHARED_TIME_PREPS = frozenset({"at", "during", "in"})


def _complement_time(event: Event, times: Sequence[TimeSpan]) -> TimeSpan | None:
    """ "met on Thursday, a day after holding talks in Kampala": the talks hang from the
    "after" of a time that dates its complement (Thursday less a day)."""
    scoped = [ts for ts in times if ts.expr.scope == "complement"]
    tok = event.trigger
    for _ in range(4):
        if not scoped or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.text.lower() in ("after", "before"):
            return next((ts for ts in scoped if ts.start <= tok.idx < ts.end), None)
    return None


def _verb_time_tokens(event: Event) -> list[Any]:
    """ "reached agreement at talks in Istanbul on Wednesday": talks that are an adjunct
    share the time that modifies the verb above them (where the parser hangs "on Wednesday")."""
    trigger = event.trigger
    prep = trigger.head
    word = prep.text.lower()
    if trigger.dep_ != "pobj" or prep.dep_ != "prep" or word not in _SHARED_TIME_PREPS | _AFTER_PREPS:
        return []
    verb = prep.head
    for _ in range(8):  # up through the nouns and prepositions the phrase hangs from, to their verb
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    mods = _time_mods(verb, prep)
    if word in _AFTER_PREPS:  # "said on Tuesday it would pull back, after talks in Istanbul"
        for _ in range(3):  # "agreed on Tuesday to restore ..., after talks"
            speech = verb.dep_ == "ccomp" and verb.head.text.lower() in SPEECH_WORDS
            if mods or not (speech or verb.dep_ == "xcomp"):
                break
            verb = verb.head
            mods = _time_mods(verb, prep)
        if verb.tag_ not in ("VBD", "VBN"):
            return []  # "will decide on Friday after talks": the talks' day is not said
    return [t for c in mods for t in c.subtree]


_AFTER_PREPS = frozenset({"after", "following"})


def _time_mods(verb: Any, skip: Any) -> list[Any]:
    """The verb's time modifiers ("on Tuesday", "last week"), leaving out ``skip``."""
    timed = [c for c in verb.children if c.dep_ == "npadvmod" or (c.dep_ == "prep" and _is_time_phrase(c))]
    return [c for c in timed if c.i != skip.i]


def _group_party(event: Event, toks: Sequence[Any], unit: Any, refs: RefIndex, lex: MeetingLexicon) -> str | None:
    """ "a delegation" with no party of its own acts for the party of the source reporting it."""
    subj = [t for t in toks if t.dep_ in _SUBJ and t.text.lower() in lex.party_groups]
    if not subj or refs.in_tokens(_np_tokens(subj[0], unit)):
        return None
    for tok in unit:
        if tok.text.lower() in SPEECH_WORDS and tok.i < event.trigger.i:
            for child in tok.children:
                if child.dep_ in _SUBJ:
                    party = [r.party for r in refs.in_tokens(child.subtree) if r.party and r.type != "MEDIA"]
                    if party:
                        return party[0]
    return None


_BOUNDARY = frozenset({",", ";", ":", "—", "–", "as", "while", "but", "after", "because", "where", "which", "who"})


def _clause_window(event: Event, unit: Any, lex: MeetingLexicon) -> list[Any]:
    """Linear fallback for a bare noun event whose parse lost its verb ("Negotiations to
    pause ... headed into a second day in Cairo"): the words from the next light verb to
    the end of the clause."""
    out: list[Any] = []
    for tok in unit.doc[event.trigger.i + 1 : min(unit.end, event.trigger.i + 25)]:
        if tok.text.lower() in _BOUNDARY:
            break
        finite = tok.tag_ in ("VBD", "VBZ", "VBP")
        if not out and finite and tok.text.lower() not in lex.light:
            break
        if out or finite:
            out.append(tok)
    return out


def _governing_group(event: Event, unit: Any, lex: MeetingLexicon) -> list[Any]:
    """ "In talks with X, Hamas negotiators said ...": the clause's delegation takes part."""
    if event.role != "noun" or event.anchor.i != event.trigger.i:
        return []
    tok = event.trigger
    while tok.head.i != tok.i and not tok.head.tag_.startswith("VB"):
        tok = tok.head
    subj = [c for c in tok.head.children if c.dep_ in _SUBJ and c.text.lower() in lex.party_groups]
    return [t for s in subj for t in _np_tokens(s, unit)]


def _subject_names(event: Event, unit: Any, refs: RefIndex) -> set[str]:
    """Parties and people of the anchor's subject (the visitor of a visit)."""
    subj = [c for c in event.anchor.children if c.dep_ in _SUBJ]
    if event.anchor.i == event.trigger.i and event.role == "noun":
        subj = [c for c in event.trigger.children if c.dep_ == "poss"]
        subj += [g for c in event.trigger.children if c.dep_ == "prep" and c.text.lower() == "by" for g in c.children]
    toks = [t for s in subj for t in _np_tokens(s, unit)] or _borrowed_subject(event.anchor, unit)
    return {n for r in refs.in_tokens(toks) for n in (r.party, r.canonical if r.is_person else None) if n}


def _dateline_subject(event: Event, unit: Any, ctx: _Ctx) -> list[Any]:
    """ "CAIRO (Agency) - Egypt and Qatar met ...": a subject parsed as the dateline's place
    with the real subject as its apposition."""
    subj = [c for c in event.anchor.children if c.dep_ in _SUBJ and c.idx < ctx.dateline_end]
    return [t for s in subj for a in s.children if a.dep_ == "appos" and a.idx >= ctx.dateline_end
            for t in _np_tokens(a, unit)]


def _moves_an_actor(event: Event, unit: Any, ctx: _Ctx) -> bool:
    """A visit is made by someone who can meet ("the delegation left", not "ships left")."""
    if event.role not in ("move_to", "move_from"):
        return True
    return any(_is_actor(h, ctx.lex, ctx.refs) for h in subject_heads(event.anchor, unit))


def _is_headline(unit: Any) -> bool:
    """A line without closing punctuation (a title or subheading)."""
    last = [t for t in unit if not t.is_space]
    return bool(last) and last[-1].text not in (".", "!", "?", '"', "”", "’", "'", ")") and len(last) < 25


def _is_definite(event: Event) -> bool:
    """ "the talks", "these negotiations": a noun that points back to an event already told."""
    words = ("the", "these", "those", "this", "that")
    nouns = [event.trigger] if event.role == "noun" else [t for t in event.absorbed if t.pos_ == "NOUN"]
    return any(c.dep_ == "det" and c.text.lower() in words for n in nouns for c in n.children)


Placed = tuple[str | None, set[int]]


def find_venue(event: Event, unit: Any, toks: Sequence[Any], window: Sequence[Any], ctx: _Ctx) -> Placed:
    """The event's venue and the tokens it covers: in its own words first, then in the
    clauses around it (where-clause, purpose clause, "after talks"), then further afield."""
    found: Placed = _venue(event, toks, ctx.refs, ctx.profile, ctx.home)
    for look in (_where_venue, _purpose_venue, _after_venue):
        if found[0] is None:
            found = look(event, ctx)
    if found[0] is None and event.role == "host":  # "Cairo expected to host a Hamas delegation"
        cities = [f for h in subject_heads(event.anchor, unit) if (f := _city_at(h, ctx.refs, ctx.profile))]
        found = cities[0] if cities else (None, set())
    if found[0] is None and window:
        found = _venue(event, window, ctx.refs, ctx.profile, ctx.home)
    if found[0] is None and event.role != "noun":
        found = _venue_after(event, unit, ctx)
    return found if found[0] is not None else _topic_venue(event, ctx)


def find_time(event: Event, toks: Sequence[Any], window: Sequence[Any], ctx: _Ctx) -> TimeSpan | None:
    """The event's time: a complement's ("a day after"), a new day ("postponed until"), its
    own words', then the time of the clause around it."""
    return (
        _complement_time(event, ctx.times)
        or _new_day(event, ctx.times, ctx.lex)
        or _time(toks, ctx.times, event)
        or (_time(window, ctx.times, event) if window else None)
        or _time(_verb_time_tokens(event), ctx.times, event)
        or _time(_where_time_tokens(event), ctx.times, event)
    )


def _of_own_people(event: Event, ctx: _Ctx) -> bool:
    """ "a meeting of the service chiefs", "a session of his cabinet ministers": a meeting of
    one side's own people (no party named among them) is internal, not an encounter."""
    members = [g for c in event.trigger.children if c.dep_ == "prep" and c.text.lower() == "of"
               for g in c.children if g.dep_ == "pobj"]
    return any(m.text.lower() in ctx.lex.internal_members and not ctx.refs.in_tokens(list(m.subtree))
               for m in members)


def draft(event: Event, unit: Any, events: Sequence[Event], ctx: _Ctx) -> Draft | None:
    """The facts of one event, or None when it names no party, person or venue."""
    if not _moves_an_actor(event, unit, ctx) or (event.role == "noun" and _of_own_people(event, ctx)):
        return None
    toks = region(event, unit, events, ctx.lex, ctx.refs)
    toks += [t for t in _dateline_subject(event, unit, ctx) if t not in toks]
    toks += [t for t in _governing_group(event, unit, ctx.lex) if t not in toks]
    bare = event.role == "noun" and event.anchor.i == event.trigger.i
    window = _clause_window(event, unit, ctx.lex) if bare else []
    venue, covered = find_venue(event, unit, toks, window, ctx)
    parties, people = _parties(toks, ctx.refs, covered)
    _add_subject_references(event, unit, ctx, parties, people)
    _add_possessors(event, unit, ctx, parties, people)
    group = _group_party(event, toks, unit, ctx.refs, ctx.lex)
    if group:
        _add(parties, group)
    own = set(parties) | set(people)
    if venue:
        _add_host(parties, venue, ctx)
    if not own and not (venue and (event.kind == "talks" or set(parties) & ctx.named)):
        return None  # "a summit in Vilnius": a place alone, its country never named, is no encounter
    time = find_time(event, toks, window, ctx)
    status = "planned" if _postponing(event, ctx.lex) else _status(event, window, time, ctx.lex)
    subject = _subject_names(event, unit, ctx.refs) | ({group} if group else set())
    words = " ".join(t.text.lower() for t in (event.trigger, *event.trigger.children) if t.dep_ != "punct")
    definite = _is_definite(event) and venue is None and time is None
    loose = _is_headline(unit) or definite or (not own and time is None)
    return Draft(event.kind, venue, time, parties, people, status, _evidence(ctx.doc, event, toks + window), own,
                 subject, trigger=words, loose=loose, definite=definite, refers=_is_definite(event))


def _status(event: Event, window: Sequence[Any], time: TimeSpan | None, lex: MeetingLexicon) -> str:
    if window:
        found = status_from_words(" ".join(t.text.lower() for t in window), default_cues())
        if found:
            return found
    tense = time.expr.tense if time else "unknown"
    spec = lex.verbs.get(event.trigger.text.lower()) if event.role != "noun" else None
    return event_status(event.anchor, time_tense=tense, has_time=time is not None, trigger=event.trigger,
                        present=spec.present if spec else None, is_verb=spec is not None)


def _add_subject_references(event: Event, unit: Any, ctx: _Ctx, parties: list[str], people: list[str]) -> None:
    """Subjects that point back: "he" (the last person named), "both sides" (the pair of
    parties named together last)."""
    from parley.extract.quotes import pronoun_speaker

    for head in subject_heads(event.anchor, unit):
        low = head.text.lower()
        if low in ("he", "she"):
            speaker = pronoun_speaker(head, ctx.refs)
            if speaker.person and speaker.name:
                _add(people, speaker.name)
                if speaker.affiliation:
                    _add(parties, speaker.affiliation)
        elif _is_joint(head, ctx.lex):
            for party in ctx.last_parties or ctx.pair:
                _add(parties, party)
        elif low == "mediators" and not ctx.refs.in_tokens(list(head.subtree)):
            for party in _mediators_so_far(ctx):
                _add(parties, party)


def _add_possessors(event: Event, unit: Any, ctx: _Ctx, parties: list[str], people: list[str]) -> None:
    """ "The US and Russia agreed ... after their talks": "their" is the clause's subject; so
    is the subject of "X and Y accepted the plan at talks in Brussels" when the talks name no
    one of their own."""
    possessed = any(c.dep_ == "poss" and c.text.lower() in ("their", "its") for c in event.trigger.children)
    attended = (not parties and not people and event.role == "noun" and event.trigger.dep_ == "pobj"
                and event.trigger.head.text.lower() in ("at", "during"))
    if not (possessed or attended):
        return
    verb = event.trigger
    for _ in range(10):  # up to the clause's verb, past "a plan to normalise" (acl, xcomp)
        is_verb = verb.pos_ in ("VERB", "AUX")
        if verb.head.i == verb.i or (is_verb and not (attended and verb.dep_ in ("acl", "xcomp"))):
            break
        verb = verb.head
    for head in subject_heads(verb, unit):
        for ref in ctx.refs.in_tokens(list(head.subtree)):
            if ref.is_person:
                _add(people, ref.canonical)
            if ref.party and ref.type != "MEDIA":
                _add(parties, ref.party)


def _mediators_so_far(ctx: _Ctx) -> list[str]:
    """ "the mediators": the profile's mediators that earlier meetings of the article named."""
    mediators = getattr(ctx.profile, "mediators", ()) or ()
    return [p for p in mediators if p in ctx.seen]


def _is_joint(head: Any, lex: MeetingLexicon) -> bool:
    """ "both sides", "the parties", "the two countries' foreign ministers"."""
    words = " ".join(t.text.lower() for t in head.subtree if t.i <= head.i and t.dep_ != "case")
    if words in lex.joint:
        return True
    owners = [c for c in head.children if c.dep_ == "poss"]
    owners += [g for c in head.children if c.dep_ == "prep" and c.text.lower() in ("from", "of")
               for g in c.children if g.dep_ == "pobj"]  # "commanders from the two sides"
    return any(" ".join(t.text.lower() for t in o.subtree if t.dep_ != "case") in lex.joint for o in owners)


def _inherit_venue(drafts: list[Draft], ctx: _Ctx) -> list[Draft]:
    """ "left Cairo ... will return on Tuesday": a return takes the sentence's other venue."""
    venues = [d.venue for d in drafts if d.venue]
    for d in drafts:
        if d.venue is None and venues and set(d.trigger.split()) & ctx.lex.inherit_venue:
            d.venue = venues[0]
            _add_host(d.participants, d.venue, ctx)
    return drafts


def _add_host(parties: list[str], venue: str, ctx: _Ctx) -> None:
    """The venue's country takes part ("talks in Doha": Qatar), except in a city that seats
    international bodies (Geneva, Brussels, New York, ...) when the article does not name the
    country as an actor and the profile does not know it: Belgium does not host "talks in
    Brussels", nor Switzerland the UN's talks in Geneva."""
    host = host_country(venue, ctx.profile)
    neutral = venue.casefold() in ctx.lex.neutral_venues
    if host and (not neutral or host in ctx.named or _profile_knows(ctx.profile, host)):
        _add(parties, host)


def _profile_knows(profile: Any, name: str) -> bool:
    return name in (getattr(profile, "mediators", ()) or ()) or any(
        a.canonical == name for a in getattr(profile, "actors", ()) or ())


def _named_parties(refs: RefIndex) -> frozenset[str]:
    """Parties the article names other than by a city ("Qatari", "Qatar", "the emir of Qatar")."""
    return frozenset(n for r in refs.refs if not r.is_city for n in (r.canonical, r.party) if n)


def _resume_at_last_venue(drafts: list[Draft], ctx: _Ctx) -> None:
    """ "Talks opened in Almaty on Friday. The ministers are due to resume on Saturday": talks
    that resume with no place of their own resume where the last talks were."""
    for d in drafts:
        resumes = d.kind == "talks" and bool(set(d.trigger.split()) & ctx.lex.inherit_venue)
        if d.venue is None and resumes and ctx.venues:
            d.venue = ctx.venues[-1]
            _add_host(d.participants, d.venue, ctx)
    ctx.venues.extend(d.venue for d in drafts if d.venue and d.kind in ("talks", "meeting"))


def _evidence(doc: Document, event: Event, toks: Sequence[Any]) -> Evidence:
    toks = sorted(toks, key=lambda t: t.i)
    lo = max(toks[0].i, min(event.trigger.i, event.anchor.i) - 6)
    hi = min(toks[-1].i, max(event.trigger.i, event.anchor.i) + 8)
    parse = event.trigger.doc
    return doc.evidence(parse[lo].idx, parse[hi].idx + len(parse[hi].text))


# --------------------------------------------------------------------------- merging


def _day_key(d: Draft) -> frozenset[str]:
    """What a draft's time says, comparable across drafts: the certain day, else its words."""
    if d.time is None:
        return frozenset()
    expr = d.time.expr
    if expr.start_date and expr.certain and expr.start_date == expr.end_date:
        return frozenset({expr.start_date})
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", expr.text.lower()))
    return frozenset(w for w in words if w not in _TIME_STOP)


_TIME_STOP = frozenset({"on", "last", "this", "next", "and", "the", "of", "late", "early", "s"})


def _visitors_agree(a: Draft, b: Draft) -> bool:
    """Two visits are one only for the same visitor; a visit joins talks its visitor attends."""
    if a.kind != "visit" and b.kind != "visit":
        return True
    if a.kind == "visit" and b.kind == "visit":
        return bool(a.subject & b.subject) or not (a.subject and b.subject)
    visit, other = (a, b) if a.kind == "visit" else (b, a)
    joins = visit.venue == other.venue and visit.status == other.status and not (visit.loose or other.loose)
    if other.kind == "talks" and visit.venue and joins:
        return True  # a delegation travelling to a round of talks at that venue
    return not visit.subject or not other.own or bool(visit.subject & (other.own | set(other.participants)))


def _own_parties(d: Draft) -> set[str]:
    return d.own - set(d.people)


def _compatible(a: Draft, b: Draft) -> bool:
    """Whether two drafts report the same encounter: no conflict of venue, day, visitor or
    status, and something shared (people, parties, or the place and day)."""
    if "call" in (a.kind, b.kind) and a.kind != b.kind:
        return False
    if (a.venue and b.venue and a.venue != b.venue) or not _visitors_agree(a, b):
        return False
    da, db = _day_key(a), _day_key(b)
    if da and db and not da & db:
        return False
    same_day, same_venue = bool(da & db), bool(a.venue and a.venue == b.venue)
    shared_people = set(a.people) & set(b.people)
    status_ok = a.status == b.status or a.loose or b.loose
    crossed = {a.status, b.status} == {"planned", "held"} and not (shared_people and not (da or db))
    same_day_talks = same_day and "visit" not in (a.kind, b.kind)
    if not status_ok and (crossed or not (same_venue and (shared_people or same_day_talks))):
        return False  # what was planned is not what was held, unless the same people meet there
    pa, pb = _own_parties(a), _own_parties(b)
    nested = not pa or not pb or pa <= pb or pb <= pa
    if not a.venue and not b.venue:
        return bool(shared_people or (same_day and pa & pb and nested))
    if same_venue and same_day:
        return nested
    if shared_people or (pa & pb and nested):
        return True
    return same_venue and (not a.own or not b.own or a.refers or b.refers)


def _merge_two(a: Draft, b: Draft) -> Draft:
    evidence = sorted([a.evidence, *a.more, b.evidence, *b.more], key=lambda e: e.start)
    return Draft(
        kind=_stronger(a.kind, b.kind), venue=a.venue or b.venue, time=a.time or b.time,
        participants=a.participants + [p for p in b.participants if p not in a.participants],
        people=a.people + [p for p in b.people if p not in a.people],
        status=b.status if a.loose and not b.loose else a.status, evidence=evidence[0], own=a.own | b.own,
        subject=a.subject | b.subject, more=evidence[1:], trigger=a.trigger, loose=a.loose and b.loose,
        refers=a.refers and b.refers,
    )


def _resolve_definites(drafts: Sequence[Draft]) -> list[Draft]:
    """Fold each "the talks" (no venue, no time) into the talks told just before it."""
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda x: x.evidence.start):
        earlier = [i for i, o in enumerate(out) if not o.definite and o.kind != "call" and d.kind != "call"
                   and (o.kind != "visit" or o.venue)]
        if d.definite and earlier:
            out[earlier[-1]] = _merge_two(out[earlier[-1]], d)
        else:
            out.append(d)
    return out


def merge_drafts(drafts: Sequence[Draft]) -> list[Draft]:
    """One entry per encounter: merge compatible drafts until none are left to merge."""
    merged = _resolve_definites(drafts)
    merged.sort(key=lambda d: (not d.venue, not d.time, d.evidence.start))
    changed = True
    while changed:
        changed = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                if _compatible(merged[i], merged[j]):
                    merged[i] = _merge_two(merged[i], merged[j])
                    del merged[j]
                    changed = True
                    break
            if changed:
                break
    return merged


def _to_meeting(d: Draft) -> Meeting:
    date = date_text = None
    interval = None
    if d.time is not None:
        expr = d.time.expr
        date_text = _date_text(d.time, d.evidence)
        if expr.certain and expr.start_date and expr.start_date == expr.end_date:
            date = expr.start_date
        elif expr.start_date and expr.end_date:
            interval = (expr.start_date, expr.end_date)
    return Meeting(d.kind, d.venue, date, date_text, tuple(d.participants), tuple(d.people), d.status,
                   d.evidence, interval, tuple(d.more))


def _date_text(ts: TimeSpan, ev: Evidence) -> str:
    """The time words with the preposition in front ("on Thursday")."""
    text = re.sub(r"['’]s$", "", ts.expr.text)
    if re.match(r"(on|last|this|next)\s", text, re.I):
        return text
    m = re.search(r"\b(on|last|this|next)\s+" + re.escape(text), ev.sentence, re.I)
    return m.group(0) if m else text


# --------------------------------------------------------------------------- extractor


@dataclass(frozen=True)
class _Ctx:
    doc: Document
    refs: RefIndex
    times: Sequence[TimeSpan]
    lex: MeetingLexicon
    profile: Any
    pair: list[str] = field(default_factory=list)  # parties last named together (for "both sides")
    last_parties: list[str] = field(default_factory=list)  # own parties of the last meeting with two or more
    home: str | None = None  # the dateline's city
    venues: list[str] = field(default_factory=list)  # venues of the talks and meetings told so far
    seen: list[str] = field(default_factory=list)  # participants of the meetings told so far
    dateline_end: int = -1  # where the dateline ends (cleaned offset)
    named: frozenset[str] = frozenset()  # parties the article names (see _named_parties)


def _home_city(doc: Document, refs: RefIndex) -> str | None:
    """The city of the article's dateline ("ALMATY, May 10 (Agency) -"), if it names one."""
    line = doc.cleaned.dateline
    if line is None or not line.place:
        return None
    cities = [r.canonical for r in refs.overlapping(line.start, line.end) if r.is_city]
    return cities[0] if cities else None


def extract_meetings(
    doc: Document, ctx: ExtractContext | None = None, lexicon: MeetingLexicon | None = None
) -> tuple[Meeting, ...]:
    """All meetings reported in ``doc``, merged per encounter."""
    if doc.parse is None:
        return ()
    lex = lexicon or default_lexicon()
    refs = build_refs(doc, ctx)
    c = _Ctx(doc, refs, times_of(doc, ctx), lex, getattr(ctx, "profile", None), home=_home_city(doc, refs),
             dateline_end=doc.cleaned.dateline.end if doc.cleaned.dateline else -1, named=_named_parties(refs))
    drafts: list[Draft] = []
    for unit in sentence_units(doc.parse):
        if not any(t.text.lower() in lex.triggers for t in unit):
            c.pair[:] = named_together(unit, c.refs) or c.pair
            continue
        c.pair[:] = named_together(unit, c.refs) or c.pair
        events = find_events(unit, lex, c.refs)
        found = _inherit_venue([d for e in events if (d := draft(e, unit, events, c)) is not None], c)
        _resume_at_last_venue(found, c)
        drafts.extend(found)
        c.seen.extend(p for d in found for p in d.participants if p not in c.seen)
        for d in found:
            if len(_own_parties(d)) >= 2:
                c.last_parties[:] = sorted(_own_parties(d), key=d.participants.index)
    merged = _same_day_venue(sorted(merge_drafts(drafts), key=lambda d: d.evidence.start), c)
    return tuple(_to_meeting(d) for d in _add_sides(merged, _article_sides(doc, c.refs, merged, c.profile)))


def _same_day_venue(drafts: list[Draft], ctx: _Ctx) -> list[Draft]:
    """ "Talks opened in Istanbul on Friday ... Earlier on Friday, the Ukrainian minister met
    the Turkish one": a held meeting with no place, on the day of one meeting with a place
    that shares someone with it, was held there."""
    for d in drafts:
        day = _day_key(d)
        if d.venue or d.kind in ("call", "visit") or d.status == "planned" or len(day) != 1:
            continue
        same = {o.venue for o in drafts if o.venue and _day_key(o) == day and _shares_someone(o, d)}
        if len(same) == 1:
            d.venue = same.pop()
            _add_host(d.participants, d.venue, ctx)
    return drafts


def _shares_someone(a: Draft, b: Draft) -> bool:
    return bool(set(a.people) & set(b.people) or _own_parties(a) & _own_parties(b))


def _article_sides(doc: Document, refs: RefIndex, drafts: Sequence[Draft], profile: Any) -> tuple[str, ...]:
    """The article's two sides: of the pairs of parties that meet as one encounter's own
    parties ("Colombia and the ELN ended a round of talks"), the pair named together most
    (as subjects and after "between" they weigh double); never the profile's mediators."""
    mediators = set(getattr(profile, "mediators", ()) or ())
    met = [_own_parties(d) for d in drafts if d.kind in ("talks", "meeting") and len(_own_parties(d)) >= 2]
    weights: dict[frozenset[str], int] = {}
    order: dict[frozenset[str], tuple[str, str]] = {}
    for unit in sentence_units(doc.parse):
        for pair, weight in pairs_named(unit, refs):
            key = frozenset(pair)
            if any(key <= own for own in met) and not key & mediators:
                weights[key] = weights.get(key, 0) + weight
                order.setdefault(key, pair)
    if not weights:
        return ()
    best = max(weights, key=lambda k: weights[k])
    return order[best] if weights[best] >= 2 else ()


def _add_sides(drafts: list[Draft], sides: Sequence[str]) -> list[Draft]:
    """A round of talks that names at most one party of its own ("the first round was held
    in Caracas") is between the article's two sides."""
    for d in drafts:
        if d.kind == "talks" and sides and len(_own_parties(d) & set(sides)) < 2 and len(_own_parties(d)) < 2:
            for party in sides:
                _add(d.participants, party)
    return drafts


@register("meetings.v1", provides=("meetings",), requires=("mentions", "entities", "times"))
def meetings_v1(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Meeting, ...]]:
    return {"meetings": extract_meetings(doc, ctx)}


__all__ = ["Event", "MeetingLexicon", "Ref", "TimeSpan", "compile_lexicon", "default_lexicon", "extract_meetings",
           "find_events", "meetings_v1", "replace", "sentence_units", "times_of"]
