"""Extractor "figures.v1": every claimed number about people, with who claims it.

For each amount ``numbers.find_amounts`` finds in a sentence, the spaCy parse gives the
counted noun (the number's head, or the object of "of" in "thousands of people") and the
words around it in widening rings: the noun's own modifiers ("hostages still held"), the
chain of heads up to the governing verb ("the release of", "were killed"), then that
verb's other arguments ("forced to leave their homes"). The first ring with a category
cue decides the category; the figure's claimant is an "according to" phrase or the
subject of a reporting verb above it ("Israel says ..."). Every word list is in the
figures lexicon (``profiles/data/lexicons/figures.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.extract.numbers import Amount, find_amounts, load_lexicon
from parley.records import Document, Figure, Sentence

MAX_CLAIMANT_TOKENS = 12
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
TRAILING_DEPS = frozenset({"parataxis", "advcl", "ccomp", "conj"})
STILL_WORDS = frozenset({"still", "remain", "remaining", "remains", "currently", "continue"})
ROUND_STEP = 1000  # a value divisible by this is "round"
ROUND_SHARE = 0.05  # how close a rounded restatement lies to the precise figure
BREAK_WORDS = frozenset({"and", "while", "but", "whereas", "although", "though"})
CAPTIVE_GROUPS = frozenset({"hostages", "prisoners"})
LIST_PREPS = frozenset({"among", "including"})
LIST_LOOKBACK = 8  # tokens back from a count to an "among them" that lists it
# deps a claim may not pass through on its way up to a reporting verb: a relative clause
# ("Rafah, where a million people shelter") is background, not the speaker's claim
BLOCKING_DEPS = frozenset({"relcl", "acl"})
SKIP_ENTITY_LABELS = frozenset({"DATE", "TIME", "MONEY", "ORDINAL", "QUANTITY"})
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
RING2_DEPS = frozenset(
    {"prt", "xcomp", "acomp", "dobj", "prep", "attr", "oprd", "advmod", "npadvmod", "dative", "agent"}
)
NOUN_MOD_DEPS = frozenset({"nummod", "amod", "quantmod", "compound", "det"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAIMANT_DROP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc"})
# how a claim hangs from its reporting verb: "says [that X were killed]", "confirmed [the deaths]"
CLAIM_DEPS = frozenset({"", "ccomp", "xcomp", "dobj", "parataxis", "conj", "pobj", "prep", "attr", "oprd"})


@dataclass(frozen=True)
class Cues:
    """One category's trigger words and phrases."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    def hits(self, tokens: Sequence[Any]) -> list[int]:
        """Indices of the tokens (parse order) that carry this cue."""
        low = [t.lower_ for t in tokens]
        found = [tokens[i].i for i, w in enumerate(low) if w in self.words]
        for phrase in self.phrases:
            n, first = len(phrase), phrase[0]
            found += [
                tokens[i].i for i in range(len(low) - n + 1) if low[i] == first and tuple(low[i : i + n]) == phrase
            ]
        return found

    def covered(self, tokens: Sequence[Any]) -> set[int]:
        """Indices of every token inside one of this entry's phrases."""
        low = [t.lower_ for t in tokens]
        return {
            tokens[i + k].i
            for phrase in self.phrases
            for i in range(len(low) - len(phrase) + 1)
            if tuple(low[i : i + len(phrase)]) == phrase
            for k in range(len(phrase))
        }


def _cues(entry: dict[str, Any]) -> Cues:
    words = frozenset(str(w).lower() for w in entry.get("words", []))
    phrases = tuple(tuple(str(p).lower().split()) for p in entry.get("phrases", []) if str(p).split())
    return Cues(words, phrases)


@dataclass(frozen=True)
class FigureLexicon:
    """The figures lexicon compiled for lookups."""

    groups: dict[str, frozenset[str]]  # noun group -> nouns (lower case)
    categories: dict[str, Cues]  # killed, injured, displaced, hostages_held_people, released, held
    others: dict[str, Cues]  # unit -> cues
    other_units_for: dict[str, frozenset[str]]
    hostage_modifiers: frozenset[str]
    dead_suffix: str
    combatant_unit: str
    cumulative: frozenset[str]
    incident: frozenset[str]
    speech_verbs: frozenset[str]
    claimant_preps: tuple[tuple[str, ...], ...]
    pronouns: frozenset[str]
    not_claimants: frozenset[str]
    documents: frozenset[str]
    demonym_endings: tuple[str, ...]
    frames: dict[str, frozenset[str]]  # word lists of the verb frames (lives_verbs, leave_verbs, ...)
    not_killed: Cues  # "sentenced to death": a death word that counts nobody killed
    trades: Cues  # "in exchange for": one side's captives traded for the other's prisoners


@lru_cache(maxsize=1)
def lexicon() -> FigureLexicon:
    """The compiled figures lexicon (built once)."""
    lex = load_lexicon()
    cats = lex["categories"]
    attribution = lex["attribution"]
    return FigureLexicon(
        groups={g: frozenset(str(w).lower() for w in ws) for g, ws in lex["nouns"].items()},
        categories={name: _cues(entry) for name, entry in cats.items() if name != "other"},
        others={unit: _cues(entry) for unit, entry in cats["other"].items()},
        other_units_for={u: frozenset(gs) for u, gs in lex.get("other_units_for", {}).items()},
        hostage_modifiers=frozenset(str(w).lower() for w in lex["hostage_prisoner_modifiers"]),
        dead_suffix=str(lex["dead_unit_suffix"]),
        combatant_unit=str(lex["combatant_unit"]),
        cumulative=frozenset(str(w).lower() for w in lex["scope"]["cumulative"]),
        incident=frozenset(str(w).lower() for w in lex["scope"]["incident"]),
        speech_verbs=frozenset(str(w).lower() for w in attribution["verbs"]),
        claimant_preps=tuple(tuple(str(p).lower().split()) for p in attribution["prepositions"]),
        pronouns=frozenset(str(w).lower() for w in attribution["pronouns"]),
        not_claimants=frozenset(str(w).lower() for w in attribution["not_claimants"]),
        documents=frozenset(str(w).lower() for w in attribution.get("documents", [])),
        demonym_endings=tuple(str(w).lower() for w in lex.get("demonym_endings", [])),
        frames={k: frozenset(str(w).lower() for w in ws) for k, ws in lex.get("frames", {}).items()},
        not_killed=_cues({"phrases": lex.get("not_killed", [])}),
        trades=_cues({"phrases": lex.get("trade_phrases", [])}),
    )


# --------------------------------------------------------------------------- the counted noun


@dataclass(frozen=True)
class Counted:
    """What an amount counts: the phrase head in the parse, the noun (or None) and its group."""

    anchor: Any  # the amount's root token
    phrase: Any  # the token whose head links the phrase into the clause
    noun: Any  # the counted noun token, None for a bare number ("78,018 injured")
    group: str  # people | combatants | hostages | prisoners | displaced | bare
    antecedent: Any = None  # for "42 of them": the noun "them" stands for


def _root(span: Any) -> Any:
    return span.root


def _of_object(token: Any) -> Any:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _noun_group(token: Any, lex: FigureLexicon) -> str | None:
    low = token.lower_
    if low in lex.frames.get("ambiguous_captives", ()) and _prisoners_of_war(token, lex):
        return "prisoners"
    for group in ("hostages", "prisoners", "displaced", "bodies", "combatants", "people", "pronouns"):
        if low in lex.groups.get(group, frozenset()):
            if group == "prisoners" and _hostage_modified(token, lex):
                return "hostages"
            return group
    if token.tag_ in {"NNS", "NNPS"} and (token.ent_type_ == "NORP" or _demonym(token, lex) or _named_people(token)):
        return "people"
    return None


def _named_people(token: Any) -> bool:
    """A capitalised plural named by a nationality word before it ("Greek Cypriots", "Kosovo Serbs")."""
    if not (token.text[:1].isupper() and token.text[1:].islower()):
        return False
    named = {"NORP", "GPE"}
    return any(c.dep_ in {"amod", "compound"} and c.ent_type_ in named and c.i < token.i for c in token.children)


def _demonym(token: Any, lex: FigureLexicon) -> bool:
    """A capitalised plural with a nationality ending ("Azerbaijanis", "Armenians", "Congolese")."""
    return token.text[:1].isupper() and token.text[1:].islower() and token.lower_.endswith(lex.demonym_endings)


def _prisoners_of_war(token: Any, lex: FigureLexicon) -> bool:
    """Whether "captives" here are prisoners exchanged between warring sides: said of a deal
    or swap in a story that never speaks of hostages nor sets captives against prisoners."""
    if _hostage_modified(token, lex) or not any(t.lower_ in lex.frames.get("deal_words", ()) for t in token.sent):
        return False
    key = "parley.figures.captives_are_prisoners"
    if key not in token.doc.user_data:
        token.doc.user_data[key] = _exchange_story(token.doc, lex)
    return bool(token.doc.user_data[key])


def _exchange_story(doc: Any, lex: FigureLexicon) -> bool:
    """No hostage word anywhere, and no sentence that trades captives for prisoners
    ("the release of captives in exchange for prisoners": the captives are the other side's)."""
    if any(t.lower_ in lex.frames.get("hostage_words", ()) for t in doc):
        return False
    return not any(_captives_for_prisoners(sent, lex) for sent in doc.sents)


def _captives_for_prisoners(sent: Any, lex: FigureLexicon) -> bool:
    words = {t.lower_ for t in sent}
    captives, prisoners = lex.frames.get("ambiguous_captives", frozenset()), lex.groups.get("prisoners", frozenset())
    return bool(words & captives and words & prisoners and lex.trades.hits(list(sent)))


def _hostage_modified(token: Any, lex: FigureLexicon) -> bool:
    return any(c.lower_ in lex.hostage_modifiers for c in token.children if c.dep_ in {"amod", "compound", "nmod"})


def counted_noun(span: Any, lex: FigureLexicon) -> Counted | None:
    """What the amount in ``span`` counts, or None when it does not count people."""
    anchor = _root(span)
    skipped = anchor.ent_type_ in SKIP_ENTITY_LABELS and anchor.ent_type_ != "QUANTITY"
    if skipped and not _counts_people(anchor, lex) and not _estimated_at(anchor, lex):
        return None
    base = anchor.head if anchor.head.lower_ in {"%", "percent"} else anchor
    obj = _of_object(base)
    if obj is not None:
        return _counted(anchor, base, obj, lex)
    if anchor.dep_ in NOUN_MOD_DEPS and anchor.head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return _counted(anchor, anchor.head, anchor.head, lex)
    if anchor.pos_ in {"NUM", "NOUN", "ADJ", "PRON"} or anchor.tag_ == "CD":
        partitive = _partitive(anchor, lex)  # "Of the 120 hostages, 40 are dead"
        if partitive is not None:
            return Counted(anchor, anchor, None, _noun_group(partitive, lex) or "people", partitive)
        return Counted(anchor, anchor, None, "bare")
    return None


def _counts_people(anchor: Any, lex: FigureLexicon) -> bool:
    """A number written on a people noun ("4 million Yemenis") whatever entity label it got."""
    head = anchor.head
    return anchor.dep_ == "nummod" and head.i != anchor.i and _noun_group(head, lex) not in {None, "pronouns"}


def _estimated_at(anchor: Any, lex: FigureLexicon) -> bool:
    """The number in "X put the number of dead at 58" (whatever entity label the parser gave it)."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.lower_ != "at" or prep.head.i == prep.i:
        return False
    return _puts_number(prep.head, lex)


def _partitive(anchor: Any, lex: FigureLexicon) -> Any:
    """The people noun of an "of the N hostages" phrase on the bare number's clause."""
    for head in anchor.ancestors:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "among"} and c.i < anchor.i):
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None and _noun_group(noun, lex) in CAPTIVE_GROUPS | {"people", "combatants"}:
                return noun
    return None


def _counted(anchor: Any, phrase: Any, noun: Any, lex: FigureLexicon) -> Counted | None:
    group = _noun_group(noun, lex)
    if group is None:
        if noun.lower_ in _category_words(lex):  # "18,800 deaths", "40 wounded": the noun is a cue
            return Counted(anchor, phrase, noun, "bare")
        return None
    if group == "pronouns":
        antecedent = _antecedent(noun, lex)
        if antecedent is None:
            return Counted(anchor, phrase, noun, "people")
        return Counted(anchor, phrase, noun, _noun_group(antecedent, lex) or "people", antecedent)
    return Counted(anchor, phrase, noun, group)


@lru_cache(maxsize=1)
def _category_words_cached() -> frozenset[str]:
    lex = lexicon()
    return frozenset(w for name in ("killed", "injured", "displaced") for w in lex.categories[name].words)


def _category_words(lex: FigureLexicon) -> frozenset[str]:
    return _category_words_cached()


def _antecedent(pronoun: Any, lex: FigureLexicon) -> Any:
    """The nearest people noun before ``pronoun`` (this sentence or the one before)."""
    doc = pronoun.doc
    sent_start = pronoun.sent.start
    start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    for token in reversed(doc[start : pronoun.i]):
        group = _noun_group(token, lex)
        if group and group != "pronouns" and token.pos_ in {"NOUN", "PROPN"}:
            return token
    return None


# --------------------------------------------------------------------------- rings of context


def _subtree_tokens(tokens: Iterable[Any]) -> list[Any]:
    out: dict[int, Any] = {}
    for token in tokens:
        for t in token.subtree:
            out[t.i] = t
    return [out[i] for i in sorted(out)]


def _is_verb(token: Any) -> bool:
    return token.tag_ in VERB_TAGS or token.pos_ in {"VERB", "AUX"}


def ring0(counted: Counted) -> list[Any]:
    """The noun and the number with their own modifiers ("hostages still held", "78,018 injured")."""
    heads = [t for t in (counted.noun, counted.anchor) if t is not None]
    mods = [c for h in heads for c in h.children if c.dep_ in {"acl", "relcl", "amod", "advmod", "acomp"}]
    own = [c for c in counted.anchor.children if c.dep_ in {"acl", "amod"}]
    return sorted({t.i: t for t in heads + _subtree_tokens(mods + own)}.values(), key=lambda t: t.i)


def head_chain(counted: Counted) -> tuple[list[Any], Any]:
    """The tokens from the phrase up to the first verb ("release of", "deaths of"), and that verb."""
    chain: list[Any] = []
    token = counted.phrase
    while token.head.i != token.i:
        token = token.head
        chain.append(token)
        chain += [c for c in token.children if c.dep_ == "compound"]
        if _is_verb(token) and token.dep_ not in {"amod", "acl", "prep"}:  # not "including", "according"
            if token.dep_ in {"aux", "auxpass"} and token.head.i != token.i:  # "thousands are trapped"
                token = token.head
                chain.append(token)
            return sorted(chain, key=lambda t: t.i), token
    return sorted(chain, key=lambda t: t.i), None


def ring2(verb: Any, counted: Counted) -> list[Any]:
    """The verb's other arguments, and verbs coordinated with it that share its object."""
    own = set(t.i for t in counted.phrase.subtree)
    with_subject = counted.group == "bare" or counted.phrase.dep_ in {"dobj", "attr"}  # "famine threatens 750,000"
    deps = RING2_DEPS | (SUBJECT_DEPS if with_subject else frozenset())
    kids = [c for c in verb.children if c.dep_ in deps and c.i not in own and not _counts_other(c, own)]
    tokens = [verb] + _subtree_tokens(kids)
    return [t for t in tokens if t.i not in own or t.i == verb.i]


def window(counted: Counted, before: int = 2, after: int = 3) -> list[Any]:
    """The few words right before the amount and right after the counted noun, within commas."""
    sent = counted.anchor.sent
    first = min(t.i for t in counted.anchor.subtree)
    last = counted.noun.i if counted.noun is not None else counted.anchor.i
    ahead = [t for t in sent.doc[max(sent.start, first - before) : first]]
    behind = [t for t in sent.doc[last + 1 : min(sent.end, last + 1 + after)]]
    ahead = ahead[max((i + 1 for i, t in enumerate(ahead) if t.is_punct), default=0) :]
    cut = next((i for i, t in enumerate(behind) if t.is_punct or t.tag_ == "CD"), len(behind))
    return ahead + behind[:cut]


def _counts_other(token: Any, own: set[int]) -> bool:
    """Whether ``token``'s subtree holds another number ("..., with 5,287 injured")."""
    return any(t.tag_ == "CD" and t.i not in own and t.ent_type_ not in SKIP_ENTITY_LABELS for t in token.subtree)


def _partners(verb: Any) -> list[Any]:
    """Verbs coordinated with ``verb`` that share its object ("killing and wounding several")."""
    partners = [c for c in verb.children if c.dep_ == "conj" and _is_verb(c)]
    if verb.dep_ == "conj" and _is_verb(verb.head):
        partners.append(verb.head)
    return [p for p in partners if not any(c.dep_ in {"dobj", "nsubj", "nsubjpass"} for c in p.children)]


# --------------------------------------------------------------------------- categories


def _hits(tokens: Sequence[Any], counted: Counted, lex: FigureLexicon) -> dict[str, list[int]]:
    """Category -> cue token indices found in ``tokens`` for this counted group."""
    found: dict[str, list[int]] = {}
    captive = counted.group in CAPTIVE_GROUPS
    names = ["killed", "released", "held"] if captive else ["killed", "injured", "displaced", "taken", "freed"]
    if counted.group == "prisoners":
        names.append("moved")  # "planes carrying 318 detainees": prisoners moved in a swap
    for name in names:
        cues = lex.categories.get(name)
        hits = cues.hits(tokens) if cues else []
        if name == "killed" and hits:  # "sentenced to death" kills nobody
            blocked = lex.not_killed.covered(tokens)
            hits = [i for i in hits if i not in blocked]
        if hits:
            found[name] = hits
    if not captive:
        for unit, cues in lex.others.items():
            allowed = lex.other_units_for.get(unit)
            hits = cues.hits(tokens)
            if hits and (allowed is None or _unit_fits(counted, allowed)):
                found["other:" + unit] = hits
    return found


def _unit_fits(counted: Counted, allowed: frozenset[str]) -> bool:
    """Whether an `other` unit may count this noun (by group name or by the noun itself)."""
    noun = counted.noun.lower_ if counted.noun is not None else ""
    return counted.group in allowed or noun in allowed


def _choose(found: dict[str, list[int]], anchor: Any) -> list[str]:
    """The categories a ring decides: killed and injured together, else the nearest cue."""
    if not found:
        return []
    if {"killed", "injured"} <= set(found):
        return ["killed", "injured"]
    if {"released", "killed"} <= set(found):  # "hostages - living or dead - would be released"
        return ["released"]
    nearest = min(found, key=lambda name: min(abs(i - anchor.i) for i in found[name]))
    return [nearest]


def categorise(counted: Counted, lex: FigureLexicon) -> list[tuple[str, str | None]]:
    """(category, unit) pairs for a counted noun, from the nearest ring with a cue."""
    if counted.group == "bodies":
        return [("other", "bodies")]
    chain, verb = head_chain(counted)
    framed = _frame(counted, verb, lex)
    if framed is not None:
        return _final(framed, counted, lex)
    partners = _partners(verb) if verb is not None else []
    rings = [ring0(counted), chain + partners] + ([ring2(verb, counted)] if verb is not None else [])
    rings.append(window(counted))  # when the parse goes astray: the words right around the phrase
    raw: list[str] = []
    for ring in rings:
        raw = _choose(_hits(ring, counted, lex), counted.anchor)
        if raw:
            break
    if _release_wins(raw, counted, rings, lex):
        raw = ["released"]  # "the bodies of three hostages were handed over", "release of 50 captives held in Gaza"
    earlier = counted.antecedent if counted.antecedent is not None else _listed_among(counted, lex)
    if not raw and earlier is not None:  # "100 of them serving life sentences", "among them four journalists"
        inherited = counted_noun_of(earlier, lex)
        if inherited is not None:
            return categorise(inherited, lex)
    return [pair for name in raw or ["none"] for pair in _final(name, counted, lex)]


def _listed_among(counted: Counted, lex: FigureLexicon) -> Any:
    """The group a listed count belongs to: "freed 181 prisoners, among them four journalists"."""
    sent = counted.anchor.sent
    start = max(sent.start, counted.anchor.i - LIST_LOOKBACK)
    for token in reversed(sent.doc[start : counted.anchor.i]):
        if token.lower_ in lex.groups.get("pronouns", frozenset()) and token.head.lower_ in LIST_PREPS:
            return _antecedent(token, lex)
    return None


def _frame(counted: Counted, verb: Any, lex: FigureLexicon) -> str | None:
    """A category the verb frame alone gives: "claimed 150,000 lives" (killed), "100,000
    Armenians left Karabakh" (displaced: the counted people leave a place)."""
    noun = counted.noun
    lives_verbs = lex.frames.get("lives_verbs", frozenset())
    if noun is not None and noun.lower_ == "lives" and noun.dep_ == "dobj" and noun.head.lower_ in lives_verbs:
        return "killed"
    if _fallen(counted, verb, lex):
        return "killed"
    if verb is None or counted.group in {"bare", "combatants", *CAPTIVE_GROUPS}:
        return None
    if counted.phrase.dep_ != "nsubj" or counted.phrase.head.i != verb.i:
        return None
    if verb.lower_ not in lex.frames.get("leave_verbs", frozenset()):
        return None
    places = lex.frames.get("places", frozenset())
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return "displaced" if any(o.pos_ == "PROPN" or o.lower_ in places for o in objects) else None


def _fallen(counted: Counted, verb: Any, lex: FigureLexicon) -> bool:
    """People who "have fallen" / "fell in battle" died; "fell to 20" or "fell into" is not a death."""
    if verb is None or counted.group not in {"people", "combatants"}:
        return False
    if verb.lower_ not in lex.frames.get("fall_verbs", frozenset()):
        return False
    if counted.phrase.dep_ != "nsubj" or counted.phrase.head.i != verb.i:
        return False
    other_senses = lex.frames.get("fall_not", frozenset())
    return not any(c.lower_ in other_senses for c in verb.children)


def _release_wins(raw: list[str], counted: Counted, rings: list[list[Any]], lex: FigureLexicon) -> bool:
    """For captives, a release cue on the way up beats "dead" and a merely descriptive "held"."""
    if raw not in (["killed"], ["held"]) or counted.group not in CAPTIVE_GROUPS:
        return False
    if not _hits(rings[1], counted, lex).get("released"):
        return False
    return raw == ["killed"] or not _still(rings[0])


def _still(tokens: Sequence[Any]) -> bool:
    """Whether a noun's own words say the captives are still held ("hostages still held")."""
    return any(t.lower_ in STILL_WORDS for t in tokens)


def counted_noun_of(noun: Any, lex: FigureLexicon) -> Counted | None:
    """The counted-noun view of an earlier noun (the antecedent of "of them")."""
    group = _noun_group(noun, lex)
    if group is None or group == "pronouns":
        return None
    return Counted(noun, noun, noun, group)


def _final(name: str, counted: Counted, lex: FigureLexicon) -> list[tuple[str, str | None]]:
    group = counted.group
    if group in {"hostages", "prisoners"}:
        return [_captive_category(name, group, lex)]
    if name.startswith("other:"):
        return [("other", name.split(":", 1)[1])]
    if name == "freed":
        return [("hostages_released" if _hostage_people(counted, lex) else "prisoners_released", None)]
    if group == "combatants" and name not in {"killed", "injured"}:  # "NATO keeps 3,700 troops": a force
        return [("other", lex.combatant_unit)] if name != "none" or not _restated(counted) else []
    if name == "taken":
        return [("hostages_held", None)]
    if name == "none":
        if group == "displaced":
            return [("displaced", None)]
        return [("other", _people_unit(counted))] if _counts_people_alone(counted, lex) else []
    return [(name, None)] if name in {"killed", "injured", "displaced"} else []


def _counts_people_alone(counted: Counted, lex: FigureLexicon) -> bool:
    """A count of people with no category cue ("About 50,000 Serbs live in the north") is an
    `other` figure: a plural people noun that is not a pronoun nor a word that counts no one alone."""
    noun = counted.antecedent if counted.antecedent is not None else counted.noun
    if counted.group != "people" or noun is None or _restated(counted):
        return False
    if noun.tag_ not in {"NNS", "NNPS"} and noun.lower_ not in lex.frames.get("collective_people", frozenset()):
        return False
    return noun.lower_ not in lex.frames.get("not_counted_alone", frozenset())


def _restated(counted: Counted) -> bool:
    """A group already counted, named again: "the 150 servicemen", "its 15 members"."""
    noun = counted.noun
    if noun is None or counted.antecedent is not None:
        return False
    before = [c for c in noun.children if c.i < counted.anchor.i]
    return any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in before)


def _people_unit(counted: Counted) -> str:
    noun = counted.antecedent if counted.antecedent is not None else counted.noun
    return str(noun.lower_) if noun is not None else "people"


def _hostage_people(counted: Counted, lex: FigureLexicon) -> bool:
    """Freed people named by a hostage-side word ("Israelis", "Israeli citizens")."""
    noun = counted.noun
    if noun is None:
        return False
    return noun.lower_ in lex.hostage_modifiers or _hostage_modified(noun, lex)


def _captive_category(name: str, group: str, lex: FigureLexicon) -> tuple[str, str | None]:
    if name == "killed":
        return ("other", f"{group} {lex.dead_suffix}")
    if name in {"released", "moved"}:
        return (f"{group}_released", None)
    if group == "hostages":
        return ("hostages_held", None)
    return ("other", f"{group} held")


# --------------------------------------------------------------------------- who, claimant, scope


def _phrase_text(tokens: Sequence[Any]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text).strip(" ,;:")


def who_text(counted: Counted, amount_tokens: set[int]) -> str:
    """The people counted, as written ("Palestinians", "people, mostly women and children")."""
    noun = counted.antecedent if counted.antecedent is not None else counted.noun
    if noun is None or counted.group == "bare":
        return "people"
    keep = [noun]
    for child in noun.children:
        if child.i in amount_tokens or child.dep_ in {"det", "nummod", "quantmod", "punct", "cc", "conj", "prep"}:
            continue
        if child.dep_ in {"acl", "relcl"} and len(list(child.subtree)) > 8:
            continue
        keep += list(child.subtree)
    keep = [t for t in keep if t.i not in amount_tokens and t.lower_ not in {"possibly", "some"}]
    tokens = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    contiguous = _longest_run(tokens, noun)
    return _phrase_text(contiguous) or noun.text


def _longest_run(tokens: list[Any], noun: Any) -> list[Any]:
    """The run of consecutive tokens that contains ``noun`` (gaps of one punctuation allowed)."""
    idx = [t.i for t in tokens]
    pos = idx.index(noun.i)
    lo = hi = pos
    while lo > 0 and idx[lo] - idx[lo - 1] <= 2:
        lo -= 1
    while hi < len(idx) - 1 and idx[hi + 1] - idx[hi] <= 2:
        hi += 1
    return tokens[lo : hi + 1]


def _strip_det(tokens: list[Any]) -> list[Any]:
    while tokens and (tokens[0].dep_ in {"det", "punct", "cc"} or tokens[0].lower_ in {"the", "a", "an"}):
        tokens = tokens[1:]
    while tokens and tokens[-1].dep_ in {"punct", "cc"}:
        tokens = tokens[:-1]
    return tokens


def _noun_phrase(token: Any, keep: frozenset[str] = frozenset()) -> list[Any]:
    """``token``'s subtree without clauses, appositions and trailing punctuation."""
    drop: set[int] = set()
    for child in token.children:
        if child.dep_ in CLAIMANT_DROP_DEPS - keep:
            drop.update(t.i for t in child.subtree)
    tokens = [t for t in token.subtree if t.i not in drop]
    run = _longest_run(tokens, token) if tokens else []
    return _strip_det(run)


def _phrase_object(sent: Any, at: int, phrase: tuple[str, ...]) -> Any:
    """The head of the noun phrase after ``phrase`` written at token ``at`` ("according to" X)."""
    doc = sent.doc
    n = len(phrase)
    if at + n >= sent.end or tuple(t.lower_ for t in doc[at : at + n]) != phrase:
        return None
    token, last = doc[at + n], at + n - 1
    while token.head.i != token.i and last < token.head.i < sent.end:
        token = token.head
    return token if token.pos_ in {"NOUN", "PROPN", "PRON"} else None


def _preposition_claimant(token: Any, lex: FigureLexicon) -> list[Any]:
    """Claimant tokens when ``token`` opens "according to X", "citing X", ... (else [])."""
    if token.lower_ == "by":
        owner = _count_owner(token, lex)
        if owner:
            return owner
    for phrase in lex.claimant_preps:
        if token.lower_ == phrase[0]:
            head = _phrase_object(token.sent, token.i, phrase)
            if head is not None:
                return _document_author(head, lex) or _noun_phrase(head, keep=frozenset({"acl"}))[:MAX_CLAIMANT_TOKENS]
    return []


def _count_owner(prep: Any, lex: FigureLexicon) -> list[Any]:
    """The owner in "by officials' count", "by the army's own tally", "by UN estimates"."""
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lower_ not in lex.documents:
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ not in lex.pronouns), None)
    if owner is not None:
        return [t for t in _noun_phrase(owner) if t.dep_ != "case"]
    return _document_author(noun, lex)


def _document_author(head: Any, lex: FigureLexicon) -> list[Any]:
    """The named author written on a document noun: "UN estimates" -> UN, "ICRC figures" -> ICRC."""
    if head.lower_ not in lex.documents or any(c.dep_ not in {"compound", "det", "amod"} for c in head.children):
        return []  # "an NDMT tally based on Israeli statistics" stays whole
    names = [c for c in head.children if c.dep_ == "compound" and c.ent_type_ in NAMED_LABELS - {"NORP"}]
    return _noun_phrase(names[-1]) if names else []


def _segment(token: Any) -> tuple[int, int]:
    """The stretch of ``token``'s sentence between coordination breaks (", and", ", while", ";")."""
    sent = token.sent
    inner = [t.i + 1 for t in sent if t.text == ";" or (t.text == "," and t.i + 1 < sent.end and _breaks_after(t))]
    breaks = [sent.start, *inner, sent.end]
    start = max(b for b in breaks if b <= token.i)
    end = min(b for b in breaks if b > token.i)
    return start, end


def _breaks_after(comma: Any) -> bool:
    return bool(comma.nbor().lower_ in BREAK_WORDS)


def _segment_claimant(counted: Counted, lex: FigureLexicon) -> list[Any]:
    """An "according to X" written in the figure's own stretch of the sentence."""
    start, end = _segment(counted.anchor)
    doc = counted.anchor.doc
    for token in doc[start:end]:
        if token.i == token.sent.start:
            continue  # an opening "According to X," is the sentence-wide fallback
        found = _preposition_claimant(token, lex)
        if found:
            return found
    return []


def _speech_subject(verb: Any, lex: FigureLexicon) -> Any:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ not in lex.not_claimants - lex.pronouns:
            return child
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if any(c.dep_ == "nsubjpass" for c in verb.children):  # "are believed": nobody named
        return None
    before = [t for t in verb.doc[verb.sent.start : verb.i] if t.dep_ not in {"aux", "auxpass", "neg", "advmod"}]
    if before and before[-1].pos_ == "PROPN" and before[-1].ent_type_:
        return before[-1]
    if before and before[-1].dep_ == "cc" and verb.dep_ == "conj" and _is_verb(verb.head):  # "X agreed and says"
        return _speech_subject(verb.head, lex)
    return None


def _blocks(token: Any) -> bool:
    """A relative clause on a place ("Rafah, where a million shelter") is background."""
    if token.dep_ not in BLOCKING_DEPS:
        return False
    head = token.head
    wh = any(c.lower_ in {"where", "whither"} for c in token.children)
    return wh or head.ent_type_ in {"GPE", "LOC", "FAC"}


def _subject_claimant(subject: Any, lex: FigureLexicon) -> list[Any]:
    return _resolve_pronoun(subject, lex) if subject.lower_ in lex.pronouns else _claimant_tokens(subject, lex)


def claimant_tokens(counted: Counted, lex: FigureLexicon) -> list[Any]:
    """Who the figure is credited to: an "according to X" in its stretch of the sentence, else
    the subject of a reporting verb the claim hangs from ("Israel says ..."), a trailing
    "..., the ministry said", or an opening "According to X,"."""
    found = _segment_claimant(counted, lex)
    if found:
        return found
    token, via = counted.phrase, ""
    while True:
        speaks = token.lower_ in lex.speech_verbs or _puts_number(token, lex)
        if _is_verb(token) and speaks and via in CLAIM_DEPS and not _lives_taken(token, via):
            subject = _speech_subject(token, lex)
            if subject is not None:
                return _subject_claimant(subject, lex)
        if _blocks(token) or token.head.i == token.i:
            break
        token, via = token.head, token.dep_
    if token.head.i == token.i:
        found = _trailing_claimant(token, counted, lex) or _opening_claimant(token.sent, lex)
    else:
        found = _opening_claimant(token.sent, lex)
    return found or _earlier_claimant(counted, lex)


def _earlier_claimant(counted: Counted, lex: FigureLexicon) -> list[Any]:
    """An "according to X" earlier in the sentence credits a later figure nobody else claims
    ("..., according to UN estimates, and more than 4 million have been forced from their homes")."""
    sent = counted.anchor.sent
    for token in sent.doc[sent.start + 1 : counted.anchor.i]:
        found = _preposition_claimant(token, lex)
        if found:
            return found
    return []


def _puts_number(verb: Any, lex: FigureLexicon) -> bool:
    """An estimate by X: "X put the number of dead at 58", "X puts the toll at 40"."""
    if verb.lower_ not in lex.frames.get("estimate_verbs", ()):
        return False
    objects = lex.frames.get("estimate_objects", frozenset())
    return any(c.dep_ == "dobj" and c.lower_ in objects for c in verb.children)


def _lives_taken(verb: Any, via: str) -> bool:
    """Whether ``verb`` is "claimed" in "the war has claimed 150,000 lives" (no one reports it)."""
    return via == "dobj" and any(c.dep_ == "dobj" and c.lower_ == "lives" for c in verb.children)


def _trailing_claimant(root: Any, counted: Counted, lex: FigureLexicon) -> list[Any]:
    for child in root.children:  # "... were killed, the ministry said" parsed as parataxis
        after = child.i > counted.anchor.i
        bare = not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in child.children)  # "..., the UN said."
        if after and bare and child.dep_ in TRAILING_DEPS and child.lower_ in lex.speech_verbs:
            subject = _speech_subject(child, lex)
            if subject is not None:
                return _subject_claimant(subject, lex)
    return []


def _opening_claimant(sent: Any, lex: FigureLexicon) -> list[Any]:
    """A sentence that opens with "According to X," credits everything in it."""
    if not len(sent):
        return []
    return _preposition_claimant(sent[0], lex) or _plan_author(sent[0], lex)


def _plan_author(token: Any, lex: FigureLexicon) -> list[Any]:
    """The author named in an opening "Under the Hamas plan," / "Under Egypt's proposal,"."""
    if token.lower_ not in lex.frames.get("plan_preps", ()):
        return []
    plan = next((c for c in token.children if c.dep_ == "pobj"), None)
    if plan is None or plan.lower_ not in lex.not_claimants:
        return []
    author = [c for c in plan.children if c.dep_ in {"poss", "compound"} and c.ent_type_ in NAMED_LABELS]
    return [t for t in _noun_phrase(author[0]) if t.dep_ != "case"] if author else []


def _claimant_tokens(subject: Any, lex: FigureLexicon, depth: int = 0) -> list[Any]:
    """The claimant phrase for a subject: the author of a document ("a report by the IPC"),
    a named apposition ("the global hunger monitor, the IPC"), else the noun phrase."""
    if depth < 3:
        if subject.lower_ in lex.documents:
            for prep in (c for c in subject.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}):
                author = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if author is not None:
                    return _claimant_tokens(author, lex, depth + 1)
        named = [c for c in subject.children if c.dep_ == "appos" and c.ent_type_ in NAMED_LABELS]
        if named:
            return _claimant_tokens(named[0], lex, depth + 1)
    return _noun_phrase(subject)


def _resolve_pronoun(pronoun: Any, lex: FigureLexicon) -> list[Any]:
    """The entity a reporting pronoun stands for: the nearest earlier fitting name."""
    labels = {"PERSON"} if pronoun.lower_ in {"he", "she"} else {"ORG", "GPE", "NORP", "PERSON"}
    if pronoun.lower_ in {"i", "we"}:
        return []
    if pronoun.lower_ in {"it", "they"}:
        speaker = _earlier_speaker(pronoun, lex)
        if speaker is not None:
            return _claimant_tokens(speaker, lex)
    doc = pronoun.doc
    first = doc[max(0, pronoun.sent.start - 1)].sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    candidates = [
        e for e in doc.ents if e.label_ in labels and first <= e.start and e.end <= pronoun.i and e.root.tag_ != "JJ"
    ]
    return list(candidates[-1]) if candidates else []


def _earlier_speaker(pronoun: Any, lex: FigureLexicon) -> Any:
    """The named subject of the last reporting verb before "it"/"they" in this sentence or the one
    before ("The UN mission said ...; it counted 425 wounded" -> the UN mission)."""
    doc = pronoun.doc
    first = doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start > 0 else pronoun.sent.start
    for token in reversed(doc[first : pronoun.i]):
        if _is_verb(token) and token.lower_ in lex.speech_verbs:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in lex.pronouns | lex.not_claimants:
                plural = subject.tag_ in {"NNS", "NNPS"}
                if plural == (pronoun.lower_ == "they") or subject.ent_type_ in {"ORG", "GPE", "NORP"}:
                    return subject
    return None


def _text_span(tokens: Sequence[Any]) -> tuple[int, int, str] | None:
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return start, end, tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text  # Doc.text re-joins every token


def claimant(doc: Document, counted: Counted, ctx: ExtractContext, lex: FigureLexicon) -> str | None:
    """Who says so: "according to X", the subject of a reporting verb, or a quote's speaker."""
    span = _text_span(claimant_tokens(counted, lex))
    if span is None and counted.antecedent is not None:  # "100 of them ...": as the antecedent's
        earlier = counted_noun_of(counted.antecedent, lex)
        span = _text_span(claimant_tokens(earlier, lex)) if earlier is not None else None
    if span is None:
        return _quote_speaker(doc, counted, ctx)
    return _canonical(doc, span, ctx) or span[2]


def _raw(doc: Document, offset: int) -> int:
    return doc.cleaned.offsets.to_raw(offset)


def _canonical(doc: Document, span: tuple[int, int, str], ctx: ExtractContext) -> str | None:
    """The resolved entity name of a claimant that is just one entity mention."""
    start, end, text = span
    raw_start, raw_end = _raw(doc, start), _raw(doc, end)
    for mention in ctx.get("mentions", ()) or ():
        ev = getattr(mention, "evidence", None)
        if ev is None or not (raw_start <= ev.start and ev.end <= raw_end):
            continue
        if len(mention.text) >= 0.8 * len(text):
            return _with_canonical(text, str(mention.canonical))
    return None


def _with_canonical(written: str, canonical: str) -> str:
    """The claimant as written, with the resolved name: a short form becomes the full name
    ("Netanyahu" -> "Benjamin Netanyahu"); another wording keeps both ("U.N. refugee agency (UNHCR)")."""
    have, full = set(_norm(written).split()), set(_norm(canonical).split())
    if full <= have:
        return written
    if have <= full:
        return canonical
    return f"{written} ({canonical})"


def _quote_speaker(doc: Document, counted: Counted, ctx: ExtractContext) -> str | None:
    raw = _raw(doc, counted.anchor.idx)
    for quote in ctx.get("quotes", ()) or ():
        ev = getattr(quote, "evidence", None)
        if ev is not None and ev.start <= raw < ev.end and getattr(quote, "speaker", None):
            return str(quote.speaker)
    return None


def scope_of(counted: Counted, lex: FigureLexicon) -> str:
    """cumulative ("since the war began", "have been killed"), incident ("on Tuesday") or unknown."""
    _, verb = head_chain(counted)
    top = verb if verb is not None else counted.phrase
    tokens = list(top.subtree)
    words = {t.lower_ for t in tokens}
    perfect = verb is not None and any(c.dep_ == "aux" and c.lower_ in {"has", "have", "'ve"} for c in verb.children)
    if words & lex.cumulative or perfect:
        return "cumulative"
    if words & lex.incident or any(t.ent_type_ in {"DATE", "TIME"} for t in tokens):
        return "incident"
    return "unknown"


def as_of(doc: Document, sentence: Sentence, scope: str, ctx: ExtractContext) -> str | None:
    """The date a figure stands for: the publication date for a running total, the incident's
    date when the dating extractor resolved one in the sentence."""
    if scope == "cumulative":
        published = ctx.get("published", None)
        date = getattr(published, "date", None) or doc.cleaned.article.published
        return str(date) if date else None
    if scope == "incident":
        for time in ctx.get("times", ()) or ():
            ev = getattr(time, "evidence", None)
            same = ev is not None and ev.sentence_index == sentence.index
            if same and time.certain and time.start_date and time.kind in {"date", "weekday", "relative"}:
                return str(time.start_date)
    return None


# --------------------------------------------------------------------------- the extractor


def _amount_span(doc: Document, sentence: Sentence, amount: Amount) -> Any:
    start, end = sentence.start + amount.num_start, sentence.start + amount.num_end
    return doc.parse.char_span(start, end, alignment_mode="expand")


def _evidence_bounds(sentence: Sentence, amount: Amount, counted: Counted) -> tuple[int, int]:
    start, end = sentence.start + amount.start, sentence.start + amount.end
    noun = counted.noun if counted.noun is not None else counted.anchor
    chain, verb = head_chain(counted)
    for token in [noun] + ([verb] if verb is not None else []):
        if abs(token.idx - start) < 80:
            start, end = min(start, token.idx), max(end, token.idx + len(token.text))
    return start, end


def figures_in_sentence(doc: Document, sentence: Sentence, ctx: ExtractContext) -> list[Figure]:
    """Every figure about people in one sentence."""
    lex = lexicon()
    out: list[Figure] = []
    for amount in find_amounts(sentence.text):
        span = _amount_span(doc, sentence, amount)
        if span is None or len(span) == 0:
            continue
        counted = counted_noun(span, lex)
        if counted is None or not _determiner_ok(amount, counted):
            continue
        pairs = categorise(counted, lex)
        if not pairs:
            continue
        out += _build(doc, sentence, amount, counted, pairs, {t.i for t in span}, ctx)
    return out


def _determiner_ok(amount: Amount, counted: Counted) -> bool:
    """A vague determiner ("some") counts only right on its noun ("some prisoners", not "some of them")."""
    if not amount.vague or amount.value_text.lower() not in vague_determiners():
        return True
    return counted.noun is not None and counted.anchor.head.i == counted.noun.i and counted.antecedent is None


@lru_cache(maxsize=1)
def vague_determiners() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_lexicon()["numbers"].get("vague_determiners", []))


def _build(
    doc: Document,
    sentence: Sentence,
    amount: Amount,
    counted: Counted,
    pairs: list[tuple[str, str | None]],
    amount_tokens: set[int],
    ctx: ExtractContext,
) -> list[Figure]:
    lex = lexicon()
    who = who_text(counted, amount_tokens)
    claimed = claimant(doc, counted, ctx, lex)
    scope = scope_of(counted, lex)
    when = as_of(doc, sentence, scope, ctx)
    start, end = _evidence_bounds(sentence, amount, counted)
    evidence = doc.evidence(start, end)
    ranged = amount.value_high is not None  # a range is a vague amount: its words, no single value
    return [
        Figure(
            value=None if ranged else amount.value,
            qualifier="about" if ranged and amount.qualifier == "exact" else amount.qualifier,
            category=category,
            who=who,
            attributed_to=claimed,
            evidence=evidence,
            value_text=amount.value_text,
            value_high=amount.value_high,
            unit=unit,
            as_of=when,
            scope=scope,
            percent=amount.percent,
        )
        for category, unit in pairs
    ]


def _key(figure: Figure) -> tuple[str, str | None, str, str]:
    amount = repr(figure.value) if figure.value is not None else (figure.value_text or "").lower()
    return (figure.category, figure.unit, amount + ("%" if figure.percent else ""), _norm(figure.attributed_to))


def _norm(name: str | None) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in (name or "").casefold()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def dedupe(figures: Iterable[Figure]) -> tuple[Figure, ...]:
    """One figure per (category, unit, amount, claimant): repeats in one text are kept once."""
    seen: set[tuple[str, str | None, str, str]] = set()
    kept: list[Figure] = []
    for figure in figures:
        key = _key(figure)
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return tuple(kept)


def _rounded_restatement(figure: Figure, others: Sequence[Figure]) -> bool:
    """A round, qualified figure ("passed 40,000") close to a precise one of the same kind (40,005)."""
    value = figure.value
    if value is None or value < ROUND_STEP or value % ROUND_STEP or figure.qualifier == "exact":
        return False
    return any(
        o.value is not None
        and o.value % ROUND_STEP != 0
        and abs(o.value - value) <= ROUND_SHARE * o.value
        and (o.category, o.unit, o.percent) == (figure.category, figure.unit, figure.percent)
        for o in others
    )


def drop_rounded(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Drop rounded restatements of a precise figure given in the same text."""
    return tuple(f for f in figures if not _rounded_restatement(f, figures))


@lru_cache(maxsize=1)
def vague_ranges() -> dict[str, tuple[float, float]]:
    ranges = load_lexicon()["numbers"].get("vague_ranges", {})
    return {str(k).lower(): (float(v[0]), float(v[1])) for k, v in ranges.items()}


def _vague_restatement(figure: Figure, others: Sequence[Figure]) -> bool:
    """A vague amount ("hundreds of prisoners") that a precise one of the same kind (318) states."""
    span = vague_ranges().get(" ".join((figure.value_text or "").lower().split()))
    if figure.value is not None or figure.value_high is not None or span is None:
        return False
    return any(
        o.value is not None
        and span[0] <= o.value <= span[1]
        and (o.category, o.unit, o.percent) == (figure.category, figure.unit, figure.percent)
        for o in others
    )


def drop_vague(figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """Drop vague amounts that a precise figure of the same kind in the same text restates."""
    return tuple(f for f in figures if not _vague_restatement(f, figures))


def extract_figures(doc: Document, ctx: ExtractContext | None = None) -> tuple[Figure, ...]:
    """All figures about people in ``doc``, each once per claimant."""
    context = ctx if ctx is not None else ExtractContext()
    if doc.parse is None:
        return ()
    found: list[Figure] = []
    for sentence in doc.sentences:
        found += figures_in_sentence(doc, sentence, context)
    return drop_vague(drop_rounded(dedupe(found)))


@register("figures.v1", provides=("figures",), requires=())
def figures_v1(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Figure, ...]]:
    """Extractor entry point: ``{"figures": (Figure, ...)}``."""
    return {"figures": extract_figures(doc, ctx)}
