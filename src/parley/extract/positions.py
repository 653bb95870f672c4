"""Positions: actor x issue x stance ("positions.v1").

A stance cue from ``lexicons/positions.yaml`` (a verb such as "rejects", "wants",
"proposed", "is considering"; a noun such as "Israel's demand", "its proposal"; an
adjective such as "ready to"; or a modal phrase inside reported speech: "any deal must
end the war", Hamas said) gives the stance. Its actor is the cue's subject (each of
joined subjects; a person stands for their party; "we" inside a quote for the speaker),
the owner of a noun cue ("Israeli demands", "demanded by Hamas") or, for phrases, the
speaker who reports them. The issues are the taxonomy keywords found in what the cue
governs; with none, the issue is ``other`` with a short detail. Negation flips an
acceptance into a rejection and silences the rest; denied clauses are dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.extract.meetings import subject_heads
from parley.extract.parties import (
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
from parley.extract.quotes import Speaker, direct_speakers, pronoun_speaker
from parley.records import Document, Position

STANCES = ("demands", "rejects", "accepts", "proposes")
_SUBJ = ("nsubj", "nsubjpass")
_CONTENT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "prep", "attr", "oprd", "advcl", "acomp", "dative",
                           "pobj", "appos", "acl", "relcl", "npadvmod"})
_ANAPHORA = re.compile(r"^(that|this|it|those|these|them|(any )?such (an? )?\w+|"
                       r"the (demand|demands|proposal|offer|plan|idea|conditions?|outcome|terms)|"
                       r"(that|this|these|those) (framework|draft|plan|proposals?|offer|arrangement|formula|text|"
                       r"clause|terms|idea|demands?|conditions?|deal))$", re.I)
_NEGATORS = frozenset({"not", "no", "without", "never", "nor"})
_REPORTING_NOUNS = frozenset({"argument", "position", "view", "stance", "insistence", "statement", "demand", "demands",
                              "condition", "conditions", "proposal", "offer", "message", "line"})
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
_NOUN_ACTOR_PREPS = frozenset({"by", "from", "of"})


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class IssueSpec:
    name: str  # the issue as reported (schema name or "other")
    pattern: re.Pattern[str]
    specific: bool  # a named place ("Philadelphi"): wins over generic issues in the same span
    label: str = ""  # the profile's own name, kept in the detail of an `other`
    fallback: bool = False  # generic keywords only: a profile's own issue found in the same words wins


@dataclass(frozen=True)
class PositionLexicon:
    verbs: Mapping[str, tuple[str, tuple[str, ...]]]  # form -> (stance, words that must follow)
    nouns: Mapping[str, tuple[str, tuple[str, ...]]]  # last word of the noun -> (stance, words that must follow)
    multi_nouns: Mapping[str, str]  # "red lines" -> stance
    adjectives: Mapping[str, tuple[str, tuple[str, ...]]]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    negated: Mapping[str, str | None]
    denials: frozenset[str]
    reporting: frozenset[str]
    schema_issues: tuple[str, ...]
    issue_map: Mapping[str, str]
    generic: Mapping[str, tuple[str, ...]]
    negated_only: Mapping[str, str] = field(default_factory=dict)  # verb form -> stance when negated
    negated_needs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "take" -> ("part",)
    conditions: frozenset[str] = field(default=frozenset())
    documents: frozenset[str] = field(default=frozenset())
    ignore: re.Pattern[str] = field(default=re.compile(r"(?!)"))
    joint: frozenset[str] = field(default=frozenset())
    joint_heads: frozenset[str] = field(default=frozenset())
    procedural: frozenset[str] = field(default=frozenset())
    vague: frozenset[str] = field(default=frozenset())
    group_nouns: frozenset[str] = field(default=frozenset())
    carriers: frozenset[str] = field(default=frozenset())
    group_kinds: frozenset[str] = field(default=frozenset())
    state_nouns: frozenset[str] = field(default=frozenset())
    texts: frozenset[str] = field(default=frozenset())  # things agreed on, never a party ("the treaty")
    done_only: frozenset[str] = field(default=frozenset())  # verb forms that state a stance only as done
    proposal_objects: frozenset[str] = field(default=frozenset())  # "pressed an idea" proposes it
    pressing: frozenset[str] = field(default=frozenset())  # verbs that propose what they press
    pledges: frozenset[str] = field(default=frozenset())  # "promised": its subject's own conduct, never a modifier
    triggers: frozenset[str] = field(default=frozenset())
    on_others: Mapping[str, str] = field(default_factory=dict)  # verb form -> stance when it governs another's act
    profile_first: frozenset[str] = field(default=frozenset())  # generic keywords give way to a profile's issue


def _verb_entries(stance: str, verbs: Mapping[str, Any]) -> dict[str, tuple[str, tuple[str, ...]]]:
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for base, spec in (verbs or {}).items():
        spec = spec or {}
        for form in inflect(base, spec.get("forms", ())):
            out.setdefault(form, (stance, tuple(spec.get("with", ()))))
    return out


def _noun_entries(stance: str, nouns: Sequence[Any]) -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[str, str]]:
    single: dict[str, tuple[str, tuple[str, ...]]] = {}
    multi: dict[str, str] = {}
    for item in nouns or ():
        word, needs = (next(iter(item.items())) if isinstance(item, dict) else (item, ()))
        word = str(word).lower()
        if " " in word:
            multi[word] = stance
        else:
            single.setdefault(word, (stance, tuple(needs or ())))
    return single, multi


def compile_lexicon(data: Mapping[str, Any]) -> PositionLexicon:
    verbs: dict[str, tuple[str, tuple[str, ...]]] = {}
    nouns: dict[str, tuple[str, tuple[str, ...]]] = {}
    multi: dict[str, str] = {}
    adjectives: dict[str, tuple[str, tuple[str, ...]]] = {}
    phrases: list[tuple[re.Pattern[str], str]] = []
    for stance, spec in (data.get("stances") or {}).items():
        verbs.update(_verb_entries(stance, spec.get("verbs", {})))
        single, many = _noun_entries(stance, spec.get("nouns", []))
        nouns.update(single)
        multi.update(many)
        adjectives.update({k.lower(): (stance, tuple(v or ())) for k, v in (spec.get("adjectives") or {}).items()})
        for phrase in spec.get("phrases", []):
            phrases.append((re.compile(r"(?<![\w-])" + re.escape(str(phrase).lower()) + r"(?![\w-])"), stance))
    negated_only = {f: stance for stance, words in (data.get("negated_only") or {}).items() for w in words
                    for f in inflect(str(w).split()[0])}
    negated_needs = {f: tuple(str(w).split()[1:]) for words in (data.get("negated_only") or {}).values()
                     for w in words if " " in str(w) for f in inflect(str(w).split()[0])}
    triggers = frozenset(verbs) | frozenset(nouns) | frozenset(adjectives) | {m.split()[-1] for m in multi}
    triggers |= frozenset(negated_only)
    on_others = {f: stance for stance, words in (data.get("on_others") or {}).items()
                 for w in words for f in inflect(w)}
    triggers |= frozenset(on_others)
    triggers |= {str(p.pattern).split("(?![")[0].split("\\ ")[0].replace("(?<![\\w-])", "") for p, _ in phrases}
    return PositionLexicon(
        verbs=verbs, nouns=nouns, multi_nouns=multi, adjectives=adjectives, phrases=tuple(phrases),
        negated=dict(data.get("negated") or {}), denials=frozenset(data.get("denials", [])),
        reporting=frozenset(data.get("reporting", [])), schema_issues=tuple(data.get("schema_issues", [])),
        issue_map=dict(data.get("issue_map") or {}),
        generic={k: tuple(v) for k, v in (data.get("generic_issues") or {}).items()}, triggers=triggers,
        negated_only=negated_only, negated_needs=negated_needs, conditions=frozenset(data.get("conditions", [])),
        documents=frozenset(data.get("documents", [])), ignore=_keyword_regex(data.get("ignore_phrases", [])),
        joint=frozenset(str(x).lower() for x in data.get("joint_subjects", [])),
        joint_heads=frozenset(str(x).lower() for x in data.get("joint_heads", [])),
        procedural=frozenset(f for w in data.get("procedural", []) for f in inflect(str(w))),
        vague=frozenset(str(x).lower() for x in data.get("vague", [])),
        group_nouns=frozenset(data.get("group_nouns", [])), group_kinds=frozenset(data.get("group_kinds", [])),
        carriers=frozenset(f for w in data.get("carriers", []) for f in inflect(w)),
        profile_first=frozenset(data.get("profile_first", [])), on_others=on_others,
        state_nouns=frozenset(str(x).lower() for x in data.get("state_nouns", [])),
        texts=frozenset(f for w in data.get("texts", []) for f in inflect(str(w))),
        done_only=frozenset(f for w in data.get("done_only", []) for f in inflect(str(w))),
        pledges=frozenset(f for w in data.get("pledges", []) for f in inflect(str(w))),
        proposal_objects=frozenset(str(w).lower() for w in data.get("proposal_objects", [])),
        pressing=frozenset(f for w in data.get("pressing", []) for f in inflect(str(w))),
    )


@functools.cache
def default_lexicon() -> PositionLexicon:
    return compile_lexicon(read_lexicon("positions"))


def _keyword_regex(words: Sequence[str]) -> re.Pattern[str]:
    alts = sorted({re.escape(w) for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I) if alts else re.compile(r"(?!)")


@functools.lru_cache(maxsize=32)
def _default_specs(profile_issues: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[IssueSpec, ...]:
    return _issue_specs(profile_issues, default_lexicon())


def _issue_specs(profile_issues: Sequence[tuple[str, Sequence[str]]], lex: PositionLexicon) -> tuple[IssueSpec, ...]:
    """The taxonomy: schema issues (profile keywords, then generic ones), then the profile's
    other issues, reported as ``other``. With a profile, an issue of ``profile_first`` found
    only by a generic keyword gives way to the profile's own issue ("prisoner exchange" is
    the profile's `other`, not the generic hostage-prisoner exchange)."""
    words: dict[str, list[str]] = {name: [] for name in lex.schema_issues}
    extra: list[IssueSpec] = []
    for name, keywords in profile_issues:
        target = name if name in lex.schema_issues else lex.issue_map.get(name)
        if target:
            words.setdefault(target, []).extend(keywords)
        else:
            extra.append(IssueSpec("other", _keyword_regex(keywords), False, name))
    specs = [_spec(name, kws) for name, kws in words.items() if kws]
    for name in lex.schema_issues:
        generic = [k for k in lex.generic.get(name, ()) if k not in words.get(name, [])]
        if generic:
            specs.append(_spec(name, generic, fallback=bool(extra) and name in lex.profile_first))
    return tuple(specs) + tuple(extra)


def _spec(name: str, kws: Sequence[str], fallback: bool = False) -> IssueSpec:
    """One issue's keywords; all of them names of places ("Philadelphi"): a specific issue."""
    named = [k for k in kws if any(ch.isupper() for ch in k)]
    return IssueSpec(name, _keyword_regex(kws), bool(named) and len(named) == len(kws), fallback=fallback)


def issue_specs(profile: Any, lex: PositionLexicon) -> tuple[IssueSpec, ...]:
    issues = getattr(profile, "issues", ()) or ()
    key = tuple((str(i.name), tuple(i.keywords)) for i in issues)
    return _default_specs(key) if lex is default_lexicon() else _issue_specs(key, lex)


# --------------------------------------------------------------------------- cues


@dataclass
class Cue:
    token: Any
    stance: str
    kind: str  # verb | noun | adj | phrase
    negated_only: bool = False  # a stance only because it is negated ("would not attend")


def _needs_met(tok: Any, needs: Sequence[str]) -> bool:
    """Whether one of ``needs`` follows the cue closely or hangs from it ("pressed X on Y")."""
    if not needs or _agented(tok):
        return True  # "the truce agreed by both presidents"
    doc = tok.doc
    after = " " + " ".join(t.text.lower() for t in doc[tok.i + 1 : min(len(doc), tok.i + 4)]) + " "
    if any(f" {n} " in after for n in needs):
        return True
    if tok.dep_ == "relcl" and tok.head.text.lower() in needs:
        return True  # "a deal the warring parties reached"
    return any(c.text.lower() in needs for c in tok.children if c.dep_ in ("prep", "prt", "dobj", "mark"))


def _agented(tok: Any) -> bool:
    """A participle that names who did it ("a moratorium agreed by the two presidents")."""
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and any(c.dep_ == "agent" for c in tok.children)


def find_cues(unit: Any, lex: PositionLexicon) -> list[Cue]:
    cues: list[Cue] = []
    text = unit.text.lower()
    for tok in unit:
        low = tok.text.lower()
        undone = low in lex.done_only and tok.tag_ not in ("VBD", "VBN")  # "hopes to sign a deal": not yet
        undone = undone or low in lex.pledges and tok.dep_ in ("acl", "amod") and not _agented(tok)
        if tok.tag_.startswith("VB") and low in lex.verbs and not undone:
            stance, needs = lex.verbs[low]
            if _needs_met(tok, needs):
                only = stance == "accepts" and _only(tok)
                cues.append(Cue(tok, "demands", "verb", negated_only=True) if only else Cue(tok, stance, "verb"))
        elif tok.tag_.startswith("VB") and low in lex.negated_only and _needs_met(tok, lex.negated_needs.get(low, ())):
            if _negated(tok):
                cues.append(Cue(tok, lex.negated_only[low], "verb", negated_only=True))
            elif _only(tok):  # "would only sign a deal that ends the war"
                cues.append(Cue(tok, "demands", "verb", negated_only=True))
        elif tok.tag_.startswith("VB") and low in lex.on_others and _on_others(tok):
            cues.append(Cue(tok, lex.on_others[low], "verb"))
        elif tok.pos_ in ("NOUN", "PROPN") and (low in lex.nouns or _multi(tok, lex)):
            stance, needs = lex.nouns.get(low) or (_multi(tok, lex) or "", ())
            if stance and _needs_met(tok, needs):
                cues.append(Cue(tok, stance, "noun"))
        elif tok.pos_ == "ADJ" and low in lex.adjectives:
            stance, needs = lex.adjectives[low]
            if _needs_met(tok, needs):
                cues.append(Cue(tok, stance, "adj"))
    for pattern, stance in lex.phrases:
        for m in pattern.finditer(text):
            tok = _token_at(unit, unit.start_char + m.start())
            if tok is not None:
                cues.append(Cue(tok, stance, "phrase"))
    return sorted(cues, key=lambda c: c.token.i)


def _on_others(verb: Any) -> bool:
    """ "expected the ELN to stop ...": a verb that governs an act of someone else (a clause
    with its own subject and "to", or an object with a to-clause), not a forecast of its
    subject's own ("expects to sign soon") nor a passive ("the talks are expected to")."""
    if _passive(verb):
        return False
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and any(g.dep_ in _SUBJ for g in child.children):
            return any(g.dep_ == "aux" and g.text.lower() == "to" for g in child.children)
        if child.dep_ == "dobj":
            return any(g.dep_ == "aux" and g.text.lower() == "to" for g in child.subtree)
    return False


def _only(verb: Any) -> bool:
    """ "would only sign a deal that ...", "will accept only a deal that ...": what is accepted
    on that condition alone is demanded."""
    if any(c.dep_ == "advmod" and c.text.lower() == "only" and c.i < verb.i for c in verb.children):
        return True
    return any(c.dep_ == "dobj" and c.i > verb.i and any(g.text.lower() == "only" and g.i < c.i for g in c.children)
               for c in verb.children)


def _multi(tok: Any, lex: PositionLexicon) -> str | None:
    doc = tok.doc
    for phrase, stance in lex.multi_nouns.items():
        n = len(phrase.split())
        if tok.i - n + 1 >= 0 and " ".join(t.text.lower() for t in doc[tok.i - n + 1 : tok.i + 1]) == phrase:
            return stance
    return None


def _token_at(unit: Any, offset: int) -> Any | None:
    for tok in unit:
        if tok.idx <= offset < tok.idx + len(tok.text):
            return tok
    return None


def _negated(tok: Any) -> bool:
    """A negation on the cue or on the verbs it hangs from ("will not accept", "never agreed")."""
    probe = tok
    for _ in range(3):
        if any(c.dep_ == "neg" or c.text.lower() in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
               for c in probe.children):
            return True
        if probe.dep_ not in ("xcomp", "acomp", "aux") or probe.head.i == probe.i:
            return False
        probe = probe.head
    return False


def _denied(tok: Any, lex: PositionLexicon) -> bool:
    """A cue inside what a denial verb governs ("denied that it had agreed"); a verb joined
    to the denial is not ("denied any violation and proposed observers")."""
    probe = tok
    while probe.head.i != probe.i:
        if probe.head.text.lower() in lex.denials and probe.dep_ != "conj":
            return True
        probe = probe.head
    return False


# --------------------------------------------------------------------------- actors


@dataclass
class _Ctx:
    doc: Document
    refs: RefIndex
    lex: PositionLexicon
    issues: tuple[IssueSpec, ...]
    quoted: Sequence[tuple[tuple[int, int], Speaker]]  # direct quote spans and their speakers
    profile: Any = None
    previous: str = ""  # the two sentences before the current one (for "cannot accept that")
    pair: list[str] = field(default_factory=list)  # the parties last named together ("Russia and Ukraine")
    issuer: str | None = None  # the last party that spoke (for "the statement said")
    unit: Any = None  # the sentence being read
    # pairs named together: {pair: (weight, -order, pair)}
    pairs: dict[frozenset[str], tuple[int, int, tuple[str, str]]] = field(default_factory=dict)
    subject_before: list[str] = field(default_factory=list)  # parties of the last sentence's subject ("They ...")
    subject_now: list[str] = field(default_factory=list)
    third: frozenset[str] = field(default=frozenset())  # mediators, hosts, observers: never "both sides"

    def count_pairs(self, unit: Any) -> None:
        for pair, weight in pairs_named(unit, self.refs):
            self.add_pair(pair, weight)

    def add_pair(self, pair: tuple[str, str], weight: int) -> None:
        count, order, _ = self.pairs.get(frozenset(pair), (0, -len(self.pairs), pair))
        self.pairs[frozenset(pair)] = (count + weight, order, pair)

    def count_subjects(self, parties: Sequence[str]) -> None:
        """Two parties a sentence's subject stands for ("Delegations of the Ethiopian government
        and the TPLF sat down") are a pair too, weighing as subjects do."""
        if len(parties) == 2 and not self.pairs.get(frozenset(parties)):
            self.add_pair((parties[0], parties[1]), 2)
            self.pair = self.pair or list(parties)

    def sides(self) -> list[str]:
        """What "both sides" stands for: the pair named together most often so far (weighing
        subjects and "between" double; the earliest of equals), rather than the last one,
        which may be the mediators."""
        if not self.pairs:
            return list(self.pair)
        sides = [v for v in self.pairs.values() if not set(v[2]) & self.third]
        return list(max(sides)[2]) if sides else []


_THIRD = re.compile(r"\b(?:mediat\w+|facilitat\w+|brokered|witnessed|guarant\w+|observers?|co-chairs?)\b"
                    r"(?:(?!\b(?:between|with|among|and)\b)[^.;:]){0,40}$", re.I)  # not "mediated between X and Y"
_THIRD_AFTER = re.compile(r"^[^.;:]{0,30}\b(?:mediators?|mediation|facilitators?|guarantors?|observers?|co-chairs?)\b",
                          re.I)


def third_parties(text: str, refs: RefIndex) -> frozenset[str]:
    """Parties named as mediators, hosts, guarantors or observers ("mediated by China",
    "the Turkish and Qatari mediators", "witnessed by the African Union and the United
    Nations") and international bodies: what "both sides" and "the parties" never mean."""
    out = set()
    for ref in refs.refs:
        if not ref.party or ref.is_person:
            continue
        if ref.kind == "international" or _THIRD.search(text[max(0, ref.start - 60) : ref.start]) \
                or _THIRD_AFTER.search(text[ref.end : ref.end + 40]):
            out.add(ref.party)
    return frozenset(out)


def _party_of_speaker(sp: Speaker | None) -> str | None:
    if sp is None:
        return None
    return sp.affiliation or (sp.name if sp.name and not sp.person and not sp.anonymous else None)


def _parties_at(head: Any, c: _Ctx) -> list[str]:
    """Parties a noun phrase head stands for ("Egypt as well as Hamas", "we" in a quote)."""
    out: list[str] = []
    for tok in [head, *head.conjuncts]:
        for party in _parties_of_one(tok, c):
            if party not in out:
                out.append(party)
    return out


def _parties_of_one(tok: Any, c: _Ctx) -> list[str]:
    low = tok.text.lower()
    if low in ("we", "i", "our", "us", "my", "ours"):
        return _some(_party_of_speaker(_quote_speaker(tok, c)))
    if low in _PRONOUNS:
        return _pronoun_parties(tok, c)
    if low in c.lex.group_nouns and _np_words(tok).startswith("the "):
        return _some(_last_group(tok, c))
    if low in c.lex.state_nouns and _np_words(tok).startswith("the ") and _party_in_np(tok, c) is None:
        return _some(_state_before(tok, c) or _sole_state(c))
    if _np_words(tok) in c.lex.joint:
        return c.sides()
    joined = _joined_modifiers(tok, c)
    if len(joined) > 1:
        return joined
    party = _party_in_np(tok, c)
    if party is not None:
        return [party]
    return _parties_of(tok, c) or (c.sides() if _joint_np(tok, c) else _some(_titled_person(tok, c)))


def _titled_person(head: Any, c: _Ctx) -> str | None:
    """ "The President stressed ...": the party of the last person named with that title
    ("Egyptian President Abdel Fattah el-Sisi")."""
    words = [t for t in head.subtree if t.i <= head.i]
    if not words or words[0].text.lower() != "the" or any(c.refs.at_token(t) for t in words):
        return None
    title = head.text.lower()
    for ref in reversed(c.refs.before(head.idx)):
        if ref.is_person and ref.party and title in ref.text.lower().split():
            return ref.party
    return None


def _joined_modifiers(head: Any, c: _Ctx) -> list[str]:
    """ "Russian and Ukrainian delegations": the parties of modifiers joined before a head."""
    out: list[str] = []
    for mod in (m for m in head.children if m.dep_ in _OWNER_DEPS and m.i < head.i):
        for tok in [mod, *mod.conjuncts]:
            ref = c.refs.at_token(tok)
            if ref is not None and ref.party and ref.type != "MEDIA" and ref.party not in out:
                out.append(ref.party)
    return out


def _some(party: str | None) -> list[str]:
    return [party] if party else []


_PRONOUNS = frozenset({"it", "they", "its", "their", "he", "she", "his", "her", "them"})
_PLURAL_PRONOUNS = frozenset({"they", "their", "them"})


def _pronoun_parties(pron: Any, c: _Ctx) -> list[str]:
    """ "it"/"they": the subject of the clause it is reported by or joined to ("the rebels
    announced that they would not attend"), else for "they" the joint subject of the
    sentence before ("the two sides signed ... They also agreed"), else its antecedent, else
    for "it" the subject of the sentence before."""
    verb = pron.head
    for _ in range(3):
        if verb.dep_ not in ("conj", "ccomp", "advcl", "xcomp") or verb.head.i == verb.i:
            break
        verb = verb.head
        for subj in (s for s in verb.children if s.dep_ in _SUBJ and s.i < pron.i and s.pos_ != "PRON"):
            if parties := _parties_at(subj, c):
                return parties
    plural = pron.text.lower() in _PLURAL_PRONOUNS
    if plural and len(c.subject_before) > 1 and not _named_before(pron, c):
        return list(c.subject_before)
    party = _party_of_speaker(pronoun_speaker(pron, c.refs))
    if party is None and len(c.subject_before) == 1 and not plural and not _named_before(pron, c):
        return list(c.subject_before)  # "It has insisted ...": the subject of the sentence before
    return _some(party)


def _named_before(tok: Any, c: _Ctx) -> bool:
    """Whether a party is named earlier in the pronoun's own sentence."""
    start = c.unit.start_char if c.unit is not None else tok.sent.start_char
    return any(r.party and r.type != "MEDIA" for r in c.refs.overlapping(start, tok.idx))


def _joint_np(head: Any, c: _Ctx) -> bool:
    """ "the two leaders", "both forces", "the ministers": a plural of people or sides that
    names no party of its own stands for the pair of parties in the talks."""
    if head.tag_ not in ("NNS", "NNPS") or head.text.lower() not in c.lex.joint_heads:
        return False
    words = [t for t in head.subtree if t.i < head.i]
    if any(c.refs.at_token(t) is not None for t in words):
        return False
    first = words[0].text.lower() if words else ""
    return first == "both" or (first == "the" and not any(t.dep_ == "prep" for t in head.children))


def _parties_of(head: Any, c: _Ctx) -> list[str]:
    """ "the foreign ministers of Congo and Rwanda": the parties a group of people is of."""
    from parley.extract.meetings import default_lexicon as meeting_lexicon

    if head.text.lower() not in meeting_lexicon().actor_words:
        return []
    out: list[str] = []
    for prep in (ch for ch in head.children if ch.dep_ == "prep" and ch.text.lower() in ("of", "from")):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            for tok in [obj, *obj.conjuncts]:
                party = _party_in_np(tok, c)
                if party and party not in out:
                    out.append(party)
    return out


def _last_group(tok: Any, c: _Ctx) -> str | None:
    """ "the group": the armed group or movement named last before it."""
    for ref in reversed(c.refs.before(tok.idx)):
        if ref.kind in c.lex.group_kinds and ref.party:
            return ref.party
    return None


def _state_before(tok: Any, c: _Ctx) -> str | None:
    """ "the government": the party whose government was named last before it ("Colombia's
    government", "the Ethiopian government", "the government of Sudan")."""
    for prev in reversed(tok.doc[: tok.i]):
        if prev.text.lower() == tok.text.lower() and (party := _owner_party(prev, c)):
            return party
    return None


def _sole_state(c: _Ctx) -> str | None:
    """ "the government" with no government named before: the one state among the two sides
    ("Colombia and the ELN met ... The government demanded ...")."""
    states = {r.party for r in c.refs.refs if r.kind == "country" and r.party}
    found = [p for p in c.sides() if p in states]
    return found[0] if len(found) == 1 else None


def _owner_party(noun: Any, c: _Ctx) -> str | None:
    """The party that owns a noun: a modifier before it or an "of" after it."""
    owners = [m for m in noun.children if m.dep_ in _OWNER_DEPS and m.i < noun.i]
    owners += [g for p in noun.children if p.dep_ == "prep" and p.text.lower() == "of" for g in p.children]
    for tok in owners:
        ref = c.refs.at_token(tok)
        if ref is not None and ref.party and ref.type != "MEDIA" and not ref.is_person:
            return ref.party
    return None


def _np_words(head: Any) -> str:
    return " ".join(t.text.lower() for t in head.subtree if t.i <= head.i)


def _party_in_np(head: Any, c: _Ctx) -> str | None:
    ref = c.refs.at_token(head)
    if ref is not None and ref.party:
        return ref.party
    if ref is not None and ref.is_person:  # "Senior Hamas official Izzat al-Rishq": a party inside the name
        inner = [r.party for r in c.refs.overlapping(ref.start, ref.end) if r.party and r.type != "MEDIA"]
        if inner:
            return inner[0]
    if ref is not None and ref.is_city:  # "Moscow did not accept": a capital for its state
        country = host_country(ref.canonical, c.profile)
        if country and capital_of(country, c.profile) == ref.canonical:
            return country
    if _is_document(head, c):
        return _document_owner(head, c) or c.issuer
    mods = [t for t in head.subtree if t.i <= head.i and t.dep_ in (*_OWNER_DEPS, "det")]
    for tok in mods:
        for r in c.refs.all_at(tok):
            if r.party and r.type != "MEDIA":
                return r.party
    return None


def _is_document(tok: Any, c: _Ctx) -> bool:
    low = tok.text.lower()
    return low in c.lex.documents or low.rstrip("s") in c.lex.documents


def _document_owner(doc_noun: Any, c: _Ctx) -> str | None:
    """Who issued a document: "Russia's memorandum", "a statement by Qatar", "Medinsky handed
    Ukraine a memorandum", "the two sides signed a declaration"."""
    for child in doc_noun.children:
        if child.dep_ in ("poss", "amod", "compound") and (party := _party_in_np(child, c)):
            return party
        if child.dep_ == "prep" and child.text.lower() in ("by", "from"):
            for g in child.children:
                if party := _party_in_np(g, c) or next(iter(_parties_of(g, c)), None):
                    return party
        if child.dep_ == "acl":  # "a statement issued by Qatar"
            for agent in (a for a in child.children if a.dep_ == "agent"):
                for g in agent.children:
                    if party := _party_in_np(g, c):
                        return party
    verb = doc_noun.head
    if doc_noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB":
        for h in subject_heads(verb):
            if h.i != doc_noun.i and (party := _party_in_np(h, c)):
                return party
    return None


def _quote_speaker(tok: Any, c: _Ctx) -> Speaker | None:
    for (a, b), sp in c.quoted:
        if a <= tok.idx < b:
            return sp
    return None


def _reporter(tok: Any, c: _Ctx) -> list[str]:
    """Who reports the clause a cue sits in: the speaker of its quote, or the subject of the
    nearest reporting verb above it ("Hamas said any deal must end the war")."""
    quoted = _party_of_speaker(_quote_speaker(tok, c))
    if quoted:
        return [quoted]
    for anc in tok.ancestors:
        if anc.text.lower() in c.lex.reporting:
            heads = subject_heads(anc)
            parties = [p for h in heads for p in _parties_at(h, c)]
            if parties:
                return parties
        if anc.pos_ == "NOUN" and anc.text.lower() in _REPORTING_NOUNS:  # "an argument from Hamas that ..."
            parties = _noun_owner(anc, c)
            if parties:
                return parties
    return []


def _condition_head(tok: Any, lex: PositionLexicon) -> Any | None:
    """The main verb when ``tok`` sits in a condition ("until X agrees", "unless X withdraws")."""
    probe = tok
    for _ in range(3):
        if probe.dep_ == "advcl" and any(m.dep_ == "mark" and m.text.lower() in lex.conditions for m in probe.children):
            return probe.head
        if probe.dep_ not in ("xcomp", "conj", "ccomp") or probe.head.i == probe.i:
            return None
        probe = probe.head
    return None


def cue_actors(cue: Cue, c: _Ctx) -> list[str]:
    tok = cue.token
    main = _condition_head(tok, c.lex)
    if main is not None:
        return [p for h in subject_heads(main) for p in _parties_at(h, c)] or _reporter(main, c)
    if cue.kind == "phrase":
        return _reporter(tok, c)
    if cue.kind == "noun":
        return _noun_owner(tok, c)
    if cue.kind == "verb" and (tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") or _passive(tok)):
        agents = [g for ch in tok.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
        if agents:
            return [p for a in agents for p in _parties_at(a, c)]
        if _passive(tok) and tok.text.lower() not in c.lex.adjectives:
            return _reporter(tok, c)  # "the proposals had been accepted": the subject is what, not who
    heads = _in_unit(subject_heads(tok.head if cue.kind == "adj" and tok.dep_ == "acomp" else tok), c)
    parties = [p for h in heads for p in _parties_at(h, c)]
    if not parties and cue.kind == "adj" and any(_is_document(h, c) or h.text.lower() in c.lex.texts for h in heads):
        return []  # "the treaty was ready for signature": a text, not a party, is ready
    if not parties and any(_np_words(h) in c.lex.joint or _joint_np(h, c) for h in heads):
        return []  # "the two sides agreed", said the mediator: the sides, not the speaker
    if not parties and (cue.kind == "adj" or any(_descriptive(h) for h in heads)):
        parties = _reporter(tok, c) or ([c.issuer] if c.issuer else [])  # "the group wanted ..."
    if not parties and not heads:
        parties = _party_before(tok, c) or _lost_subject(tok, c)  # 'Israel had "more or less accepted"'
    return parties


def _in_unit(heads: list[Any], c: _Ctx) -> list[Any]:
    """Subjects on the cue's own line (a parse may join a headline to the line below it),
    other than a dateline's city ("PRETORIA, Nov 2 (Agency) - Ethiopia and ... agreed")."""
    heads = [h for h in heads if not _dateline(h)]
    return heads if c.unit is None else [h for h in heads if c.unit.start <= h.i < c.unit.end]


def _dateline(tok: Any) -> bool:
    """A city in capitals opening a sentence, with a dash after it before the verb."""
    if not (tok.is_alpha and tok.text.isupper() and len(tok.text) > 2) or tok.i - tok.sent.start > 3:
        return False
    return any(t.text in ("-", "—", "–", "--") for t in tok.doc[tok.i + 1 : min(tok.head.i, tok.i + 16)])


def _lost_subject(tok: Any, c: _Ctx) -> list[str]:
    """The parties named before the main verb of a sentence whose subject the parse hung on
    the line above it ("Congo's government and the M23 signed ..., committing to ...")."""
    verb = tok
    while verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
    before = [t for t in c.unit if t.i < verb.i] if c.unit is not None else []
    if not before or any(t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":") for t in before):
        return []
    out: list[str] = []
    for ref in c.refs.in_tokens(before):
        if ref.party and ref.type != "MEDIA" and ref.party not in out:
            out.append(ref.party)
    return out


def _party_before(tok: Any, c: _Ctx) -> list[str]:
    """The party named in the few words right before a verb, with no verb in between."""
    for prev in reversed(list(tok.doc[max(tok.sent.start, tok.i - 6) : tok.i])):
        if prev.pos_ == "VERB" or prev.text.lower() in ("that", ",", ";"):
            break
        ref = c.refs.at_token(prev)
        if ref is not None and ref.party and ref.type != "MEDIA":
            return [ref.party]
    return []


def _descriptive(head: Any) -> bool:
    """A subject that describes rather than names ("the group", "the movement", "it")."""
    return head.pos_ == "PRON" or any(ch.dep_ == "det" and ch.text.lower() == "the" for ch in head.children)


def _passive(tok: Any) -> bool:
    return any(ch.dep_ == "auxpass" for ch in tok.children)


def _noun_owner(noun: Any, c: _Ctx) -> list[str]:
    """ "Israel's demand", "Israeli demands", "its proposal", "a proposal by Egypt"."""
    for child in noun.children:
        if child.dep_ in _OWNER_DEPS and child.i < noun.i:
            parties = _parties_at(child, c)
            if parties:
                return parties
    for child in noun.children:
        if child.dep_ == "prep" and child.text.lower() in _NOUN_ACTOR_PREPS:
            for g in child.children:
                if g.dep_ == "pobj" and (parties := _parties_at(g, c)):
                    return parties
    if noun.dep_ in ("dobj", "pobj") and noun.head.text.lower() in c.lex.reporting:
        return [p for h in subject_heads(noun.head) for p in _parties_at(h, c)]
    if _is_document(noun, c) and c.issuer and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return [c.issuer]  # "The statement demanded ...": whoever issued the last one
    if any(ch.dep_ == "poss" for ch in noun.children):
        return _reporter(noun, c)  # "Hamdan said the movement's demands had not changed"
    return []


# --------------------------------------------------------------------------- content and issues


def cue_content(cue: Cue, unit: Any) -> list[Any]:
    """The tokens a cue governs: what is demanded, rejected, accepted or proposed."""
    tok = cue.token
    if cue.kind == "verb" and tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"):
        head = tok.head  # "a withdrawal demanded by Hamas"
        return [t for t in head.subtree if t.i <= head.i or t.i < tok.i]
    if cue.kind == "phrase":
        clause = _clause_of(tok)
        own = {t.i for k in clause.children if k.dep_ == "conj" and k.i > tok.i and _modal_clause(k) for t in k.subtree}
        return _within([t for t in clause.subtree if t.i not in own], unit)
    anchor = tok.head if cue.kind == "adj" and tok.dep_ == "amod" else tok
    out: list[Any] = []
    for child in anchor.children:
        if child.dep_ in _CONTENT_DEPS and child.i > anchor.i:
            out.extend(child.subtree)
    if cue.negated_only:
        out = [tok, *out]
    if cue.kind == "verb" and out:
        out += _list_rest(tok, out)
    if cue.kind == "verb" and tok.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in tok.children):
        head = tok.head  # "a demand Congo has always refused"
        out = [t for t in head.subtree if t.i < tok.i and t.i >= head.left_edge.i] + out
    if cue.kind == "noun" and not out:
        out = _noun_fallback(tok, unit)
    if cue.kind == "verb" and not out:
        out = [tok]  # "Moscow did not accept either"
    return _within(out, unit)


def _list_rest(tok: Any, content: Sequence[Any]) -> list[Any]:
    """The rest of a list the parse hung on the reporting verb above the cue ("said the group
    wanted salaries paid, the reopening of the airport and the departure of foreign forces"):
    noun phrases after a comma right after the cue's own words."""
    report = tok.head
    if tok.dep_ != "ccomp" or report.pos_ != "VERB" or report.i > tok.i:
        return []
    end = max(t.i for t in content)
    rest = [k for k in report.children if k.i > end and k.pos_ == "NOUN" and k.dep_ in ("ccomp", "dobj", "conj")]
    if not rest or tok.doc[rest[0].left_edge.i - 1].text != ",":
        return []
    return [t for k in rest for t in k.subtree]


def _within(toks: Any, unit: Any) -> list[Any]:
    return sorted({t.i: t for t in toks if unit.start <= t.i < unit.end}.values(), key=lambda t: t.i)


def _modal_clause(verb: Any) -> bool:
    """A joined clause with a subject and a modal of its own ("... and that federal forces
    must take control"): a stance of its own, not part of the first one's."""
    kids = list(verb.children)
    return any(k.dep_ in _SUBJ for k in kids) and any(k.tag_ == "MD" for k in kids)


def _clause_of(tok: Any) -> Any:
    """The verb (or root) of the clause a phrase sits in ("any deal must end the war")."""
    probe = tok
    for _ in range(4):
        if probe.pos_ in ("VERB", "AUX") and probe.dep_ not in ("aux", "auxpass"):
            return probe
        if probe.head.i == probe.i:
            return probe
        probe = probe.head
    return probe


def _noun_fallback(noun: Any, unit: Any) -> list[Any]:
    """ "its demands: a permanent ceasefire, ..." (the list after a colon) or "reiterates its
    demands for an end to ..." (a prepositional phrase that the parse hung on the verb)."""
    doc = noun.doc
    colon = [t for t in doc[noun.i + 1 : min(unit.end, noun.i + 7)] if t.text in (":", "—", "–")]
    if colon:  # "the movement's demands had not changed: a complete ceasefire, ..."
        return [t for t in unit if t.i > colon[0].i]
    if noun.dep_ in ("dobj", "nsubjpass", "attr"):
        return [t for c in noun.head.children if c.dep_ == "prep" and c.i > noun.i for t in c.subtree]
    return []


def issues_of(text: str, specs: Sequence[IssueSpec]) -> list[IssueSpec]:
    """The issues whose keywords occur in ``text`` (each once); a named place wins over generic
    issues, a profile's own issue over one found by generic keywords alone, a schema issue
    over a profile issue reported as `other`."""
    found = [s for s in specs if s.pattern.search(text)]
    if any(s.specific for s in found):
        found = [s for s in found if s.specific or s.name not in ("withdrawal",)]
    if any(s.name == "other" for s in found):
        found = [s for s in found if not s.fallback]
    if any(s.name != "other" for s in found):
        found = [s for s in found if s.name != "other"]
    out: list[IssueSpec] = []
    for spec in found:
        if spec.name == "other" or all(o.name != spec.name for o in out):
            out.append(spec)
    return out


def negated_issue(text: str, spec: IssueSpec) -> bool:
    """ "only a cessation of fighting, not a permanent end to hostilities": the issue's
    keyword comes right after a negation."""
    matches = list(spec.pattern.finditer(text))
    for m in matches:
        before = re.findall(r"[a-z']+", text[: m.start()].lower())[-3:]
        if not set(before) & _NEGATORS:
            return False
    return bool(matches)


def _issues_for(cue: Cue, content: Sequence[Any], unit: Any, c: _Ctx) -> list[IssueSpec]:
    """Issues of the content; an anaphor ("cannot accept that") takes those said just before;
    with none, a named place mentioned in the same sentence."""
    text = _words(content)
    found = issues_of(text, c.issues)
    if not found and _ANAPHORA.match(text.strip()):
        before = unit.doc[unit.start : cue.token.i].text
        found = issues_of(before, c.issues) or issues_of(c.previous, c.issues)
    if not found:
        found = [s for s in issues_of(unit.text, c.issues) if s.specific]
    return found


def _words(toks: Sequence[Any]) -> str:
    """The words of a span for keyword matching, quotation marks left out ('expected "all
    foreign forces" to leave')."""
    return " ".join(t.text for t in toks if t.text not in _QUOTES)


_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})


def _detail(toks: Sequence[Any], label: str = "") -> str:
    words = [t.text for t in toks if not t.is_punct or t.text in ("-",)]
    text = " ".join(words[:14])
    text = re.sub(r"\s+([,.’'])", r"\1", text).strip()
    return f"{label}: {text}" if label else text


# --------------------------------------------------------------------------- extraction


def _stance(cue: Cue, lex: PositionLexicon) -> str | None:
    if cue.negated_only:
        return cue.stance
    if _condition_head(cue.token, lex) is not None:
        return "demands"  # "until Israel agrees to end the war": what the main clause's actor demands
    if cue.kind != "phrase" and _negated(cue.token):
        return lex.negated.get(cue.stance)
    if cue.token.text.lower() in ("drop", "dropped", "drops", "dropping"):
        return "accepts"  # "dropped its demand for X": a concession, reported as `other`
    if cue.stance == "demands" and cue.kind == "verb" and _presses_a_proposal(cue.token, lex):
        return "proposes"  # "an idea pressed by the mediators", "Egypt pushed a new plan"
    return cue.stance


def _presses_a_proposal(verb: Any, lex: PositionLexicon) -> bool:
    """Pressing or pushing a proposal proposes it ("an idea pressed by the mediators");
    demanding one ("demanded a plan for reconstruction") still demands."""
    if verb.text.lower() not in lex.pressing:
        return False
    if verb.dep_ in ("acl", "relcl") and verb.head.text.lower() in lex.proposal_objects:
        return not any(ch.dep_ in _SUBJ for ch in verb.children)  # not "a plan that Israel demanded"
    return any(ch.dep_ == "dobj" and ch.text.lower() in lex.proposal_objects for ch in verb.children)


@dataclass
class _Reading:
    """One cue read: its stance, actors and the tokens it governs."""

    cue: Cue
    stance: str
    actors: list[str]
    content: list[Any]


def _read(cue: Cue, unit: Any, c: _Ctx) -> _Reading | None:
    stance = _stance(cue, c.lex)
    if stance is None or _denied(cue.token, c.lex):
        return None
    actors = cue_actors(cue, c)
    content = cue_content(cue, unit)
    if not actors or not content or c.lex.ignore.search(" ".join(t.text for t in content)):
        return None
    if stance == "accepts" and _procedural(cue, content, c):
        return None
    return _Reading(cue, stance, actors, content)


def _procedural(cue: Cue, content: Sequence[Any], c: _Ctx) -> bool:
    """An acceptance of a step in the talks themselves ("agreed to meet again", "ready to
    continue contacts") or of nothing in particular ("open to a deal") states no position,
    unless it also takes up an issue ("agreed to send a team and to free ten hostages")."""
    lex = c.lex
    words = " ".join(t.text.lower() for t in content if not t.is_punct)
    if re.sub(r"^(to|for|on) ", "", words) in lex.vague:
        return True
    if any(s.name != "other" for s in issues_of(words, c.issues)):
        return False
    verbs = [t for t in content if t.pos_ == "VERB" and t.dep_ in ("xcomp", "ccomp", "pcomp", "ROOT", "conj")]
    return bool(verbs) and verbs[0].text.lower() in lex.procedural and cue.token.text.lower() not in lex.procedural


def _emit(r: _Reading, unit: Any, c: _Ctx) -> list[Position]:
    """Positions of one reading; each of several things it governs ("demanded X, Y and Z")
    is one position of its own."""
    evidence = _evidence(c.doc, r.cue, r.content)
    items = [] if r.cue.token.text.lower().startswith("drop") else _items(r.cue, r.content)
    if not items:
        return _positions(r, r.content, _issues_for(r.cue, r.content, unit, c), evidence)
    out: list[Position] = []
    for item in items:
        out.extend(_positions(r, item, issues_of(_words(item), c.issues), evidence))
    covered = {t.i for item in items for t in item}
    rest = [t for t in r.content if t.i not in covered]
    named = {p.issue for p in out}
    extra = [s for s in issues_of(_words(rest), c.issues) if s.name not in named | {"other"}]
    return out + (_positions(r, rest, extra, evidence) if extra else [])


def _positions(r: _Reading, content: Sequence[Any], issues: list[IssueSpec], evidence: Any) -> list[Position]:
    stance, text = r.stance, _words(content)
    dropped = r.cue.token.text.lower().startswith("drop")
    found = [] if dropped else _merge_others(issues)
    out = []
    for actor in r.actors:
        if not found:
            plain = ("dropped demand: " if dropped else "") + _detail(content)
            out.append(Position(actor, "other", stance, evidence, plain))
        for spec in found:
            flipped = _FLIP.get(stance) if negated_issue(text, spec) else stance
            if flipped is None:
                continue
            labelled = _detail(content, spec.label) if spec.name == "other" else None
            out.append(Position(actor, spec.name, flipped, evidence, labelled))
    return out


def _items(cue: Cue, content: Sequence[Any]) -> list[list[Any]]:
    """The conjoined things a cue governs ("a permanent ceasefire, the full withdrawal and
    reconstruction"; "evacuate the hospitals and stop looting"), each with its own words;
    none when it governs one thing, or alternatives ("end the war or continue it")."""
    if cue.kind == "phrase":
        return []
    inside = {t.i for t in content}
    for top in (t for t in content if t.head.i not in inside or t.head.i == t.i):
        node = next((g for g in top.children if g.dep_ == "pobj"), top) if top.dep_ == "prep" else top
        chain = [node, *(k for k in node.conjuncts if k.i > node.i and k.i in inside)]
        if any(t.dep_ == "cc" and t.text.lower() in ("or", "nor") for k in chain for t in k.children):
            return []
        items = [item for k in chain if _worded(item := _conjunct_words(k, chain, inside))]
        if len(items) > 1:
            return items
    return []


def _worded(toks: Sequence[Any]) -> bool:
    return any(t.pos_ in ("NOUN", "PROPN", "VERB") and len(t.text) > 2 and t.text.isalpha() for t in toks)


def _conjunct_words(k: Any, chain: Sequence[Any], inside: set[int]) -> list[Any]:
    later = {t.i for o in chain if o.i > k.i for t in o.subtree}
    heads = {o.i for o in chain}
    return [t for t in k.subtree if t.i in inside and t.i not in later
            and not (t.dep_ in ("cc", "punct", "preconj") and t.head.i in heads)]


def _nest(readings: list[_Reading], lex: PositionLexicon) -> list[_Reading]:
    """A cue inside another's content is part of it ("pressed Hamas to accept the offer"),
    unless it is a condition or names its own actor; such an inner cue is kept and its words
    leave the outer content."""
    kept: list[_Reading] = []
    readings = [r for r in readings if not _yields(r, readings, lex)]
    for r in readings:
        outer = [o for o in readings if o is not r and o.cue.kind != "phrase"
                 and any(t.i == r.cue.token.i for t in o.content)]
        if not outer:
            kept.append(r)
        elif _condition_head(r.cue.token, lex) is not None or _own_actor(r.cue, readings):
            kept.append(r)
            inner = {t.i for t in r.content} | {r.cue.token.i}
            for o in outer:
                o.content = [t for t in o.content if t.i not in inner]
    return [r for r in kept if r.content]


def _conditions(readings: list[_Reading], lex: PositionLexicon) -> list[_Reading]:
    """A condition set on an acceptance or refusal is demanded by the same actors: "ready to
    stay out of alliances if others give guarantees", "would not take part unless the RSF
    withdrew". Its words leave the outer content. (A stance word inside the condition is read
    on its own: see ``_condition_head``.)"""
    cues = {r.cue.token.i for r in readings}
    out = list(readings)
    for r in readings:
        if r.stance not in ("accepts", "rejects") or r.cue.kind not in ("verb", "adj"):
            continue
        for clause in _condition_clauses(r, lex):
            words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
            if any(t.i in cues for t in words):
                continue
            taken = {t.i for t in clause.subtree}
            r.content = [t for t in r.content if t.i not in taken]
            out.append(_Reading(r.cue, "demands", r.actors, words))
    return [r for r in out if r.content]


def _condition_clauses(r: _Reading, lex: PositionLexicon) -> list[Any]:
    tok = r.cue.token
    verb = tok.head if r.cue.kind == "adj" else tok  # "was ready to X and not to Y if ..."
    probes = [*r.content, tok, verb, *verb.conjuncts]
    return [t for p in {p.i: p for p in probes}.values() for t in p.children if t.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.text.lower() in lex.conditions for m in t.children)]


def _merge_others(found: list[IssueSpec]) -> list[IssueSpec]:
    """Several profile issues reported as `other` make one entry, their names joined."""
    others = [s for s in found if s.name == "other"]
    if len(others) < 2:
        return found
    label = ", ".join(s.label for s in others)
    return [s for s in found if s.name != "other"] + [IssueSpec("other", others[0].pattern, False, label)]


_FLIP = {"demands": "rejects", "accepts": "rejects", "rejects": "accepts", "proposes": None}


def _yields(r: _Reading, readings: Sequence[_Reading], lex: PositionLexicon) -> bool:
    """A modal phrase ("must", "as long as") gives way to a stance word inside its clause; so
    does a verb that only carries a position ("reiterated its position rejecting ...", "signed a
    pact committing them to ...")."""
    carrier = r.cue.kind == "verb" and r.cue.token.text.lower() in lex.carriers | lex.done_only
    if r.cue.kind != "phrase" and not carrier:
        return False
    inside = {t.i for t in r.content}
    return any(o is not r and o.cue.kind in ("verb", "adj") and o.cue.token.i in inside
               and o.cue.token.text.lower() not in lex.carriers for o in readings)


def _own_actor(cue: Cue, readings: Sequence[_Reading]) -> bool:
    """A cue inside another's content that names its own actor: a participle with an agent
    ("a withdrawal demanded by Hamas"), or an owned proposal that a cue accepts or rejects
    ("accepted a US bridging proposal")."""
    tok = cue.token
    if cue.kind == "noun":
        owned = any(ch.dep_ in _OWNER_DEPS and ch.i < tok.i and ch.pos_ == "PROPN" for ch in tok.children)
        governed = any(r.cue.token.i == tok.head.i and r.stance in ("accepts", "rejects") for r in readings)
        return owned and tok.dep_ == "dobj" and governed
    return cue.kind == "verb" and tok.dep_ in ("acl", "amod") and any(ch.dep_ == "agent" for ch in tok.children)


def _evidence(doc: Document, cue: Cue, content: Sequence[Any]) -> Any:
    toks = sorted([cue.token, *content], key=lambda t: t.i)
    lo = toks[0]
    hi = toks[min(len(toks) - 1, 14)]
    return doc.evidence(lo.idx, hi.idx + len(hi.text))


def _unit_subjects(unit: Any, c: _Ctx) -> list[str]:
    """The parties of a sentence's main subject (what a "they" opening the next one stands for)."""
    root = unit.root
    heads = [s for s in root.children if s.dep_ in _SUBJ and not _dateline(s)]
    return [p for h in heads for p in _parties_at(h, c)]


def _speaking_party(unit: Any, c: _Ctx) -> str | None:
    """The party whose statement a sentence reports ("The army said in a statement ...")."""
    for tok in unit:
        if tok.text.lower() in c.lex.reporting and tok.pos_ == "VERB":
            for head in subject_heads(tok):
                party = _party_in_np(head, c)
                if party:
                    return party
    return None


def _dedup(positions: Sequence[Position]) -> list[Position]:
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for p in positions:
        key = (p.actor, p.issue, p.stance, (p.detail or "").lower() if p.issue == "other" else "")
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def extract_positions(
    doc: Document, ctx: ExtractContext | None = None, lexicon: PositionLexicon | None = None
) -> tuple[Position, ...]:
    """The stances of the parties reported in ``doc``."""
    if doc.parse is None:
        return ()
    lex = lexicon or default_lexicon()
    refs = build_refs(doc, ctx)
    profile = getattr(ctx, "profile", None)
    c = _Ctx(doc, refs, lex, issue_specs(profile, lex), direct_speakers(doc, refs), profile)
    c.third = third_parties(doc.text, refs)
    out: list[Position] = []
    recent: list[str] = []
    for unit in sentence_units(doc.parse):
        c.previous = " ".join(recent[-2:])
        recent.append(unit.text)
        c.pair = named_together(unit, refs) or c.pair
        c.unit = unit
        c.count_pairs(unit)
        c.subject_before, c.subject_now = c.subject_now, _unit_subjects(unit, c)
        c.count_subjects(c.subject_now)
        c.issuer = _speaking_party(unit, c) or c.issuer
        words = {t.text.lower() for t in unit}
        if not words & lex.triggers:
            continue
        readings = [r for cue in find_cues(unit, lex) if (r := _read(cue, unit, c)) is not None]
        for reading in _conditions(_nest(readings, lex), lex):
            out.extend(_emit(reading, unit, c))
    return tuple(_dedup(out))


@register("positions.v1", provides=("positions",), requires=("mentions", "entities"))
def positions_v1(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Position, ...]]:
    return {"positions": extract_positions(doc, ctx)}


__all__ = ["Cue", "IssueSpec", "PositionLexicon", "STANCES", "compile_lexicon", "cue_actors", "cue_content",
           "default_lexicon", "extract_positions", "find_cues", "issue_specs", "issues_of", "positions_v1"]
