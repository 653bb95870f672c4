"""Quotes and their speakers ("quotes.v1").

Direct quotes are the spans between double quotation marks; indirect ones are what a
speech verb reports ("X said (that) ...", "according to X, ..."). Each speech verb's
speaker is read from the parse (its subject; the object of "quoted X as saying"; the
object of "according to") and resolved to a named entity, a party, or an unnamed source
with its affiliation ("a senior Egyptian official" -> Egypt, anonymous). Pronouns and
definite descriptions ("he said", "the official said") point back to earlier speakers;
a quote with no speech verb in its sentence takes the speaker of the adjacent sentence.
Lexicon: ``lexicons/quotes.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.extract.parties import Ref, RefIndex, build_refs, inflect, read_lexicon, sentence_units
from parley.records import Document, Quote

_SUBJ = ("nsubj", "nsubjpass")
_RELATIVE = frozenset({"who", "which", "that"})
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True)
class QuoteLexicon:
    speech: frozenset[str]
    quoting: frozenset[str]
    sources: frozenset[str]
    bodies: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    min_words: int = 4


def compile_lexicon(data: Mapping[str, Any]) -> QuoteLexicon:
    speech = {f for base, forms in (data.get("speech_verbs") or {}).items() for f in inflect(base, forms or ())}
    quoting = {f for base in data.get("quoting_verbs", []) for f in inflect(base)}
    pronouns = data.get("pronouns") or {}
    return QuoteLexicon(
        speech=frozenset(speech | quoting | {"according"}), quoting=frozenset(quoting | {"citing"}),
        sources=frozenset(data.get("source_nouns", [])), bodies=frozenset(data.get("body_nouns", [])),
        person_pronouns=frozenset(pronouns.get("person", [])), group_pronouns=frozenset(pronouns.get("group", [])),
        min_words=int(data.get("min_words", 4)),
    )


@functools.cache
def default_lexicon() -> QuoteLexicon:
    return compile_lexicon(read_lexicon("quotes"))


# --------------------------------------------------------------------------- quote spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotation marks. Curly quotes
    pair by shape; straight ones alternate within a paragraph."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        spans.extend((para.start() + a, para.start() + b) for a, b in _spans_in(para.group(0)))
    return spans


def _spans_in(line: str) -> list[tuple[int, int]]:
    spans = []
    opened: int | None = None
    closer = ""
    for i, ch in enumerate(line):
        if opened is None and (ch in _OPEN_CLOSE or ch == '"'):
            opened, closer = i + 1, _OPEN_CLOSE.get(ch, '"')
        elif opened is not None and (ch == closer or (ch == "”" and closer == '"')):
            spans.append((opened, i))
            opened = None
    return [(a, b) for a, b in spans if b > a]


# --------------------------------------------------------------------------- speakers


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    affiliation: str | None = None
    anonymous: bool = False
    person: bool = False
    head: str = ""  # head noun for anonymous sources ("official"), to resolve "the official"


@dataclass
class Attribution:
    """One speech act: the verb, who speaks, and what is said (for indirect quotes)."""

    verb: Any
    speaker: Speaker
    unit: int
    content: tuple[int, int] | None = None  # cleaned span of the reported clause


@dataclass
class _Memory:
    """Earlier speakers, for pronouns and definite descriptions."""

    last_person: Speaker | None = None
    last_group: Speaker | None = None
    last: Speaker | None = None
    by_head: dict[str, Speaker] = field(default_factory=dict)

    def remember(self, sp: Speaker) -> None:
        if sp.name is None:
            return
        self.last = sp
        if sp.person:
            self.last_person = sp
        elif not sp.anonymous:
            self.last_group = sp
        if sp.anonymous and sp.head:
            self.by_head[sp.head.rstrip("s")] = sp


def _speaker_head(verb: Any, lex: QuoteLexicon) -> Any | None:
    """The token naming who speaks through ``verb``."""
    low = verb.text.lower()
    if low == "according":
        to = [c for c in verb.children if c.text.lower() == "to"]
        objs = [g for t in to for g in t.children if g.dep_ == "pobj"]
        return objs[0] if objs else None
    if low == "saying" and verb.dep_ in ("pcomp", "advcl", "xcomp") and verb.head.text.lower() == "as":
        verb = verb.head.head
        low = verb.text.lower()
    if low in lex.quoting:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        return objs[0] if objs else None
    tok = verb
    for _ in range(3):
        subj = [c for c in tok.children if c.dep_ in _SUBJ and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
        if subj:
            if subj[0].text.lower() in _RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return subj[0]
        if tok.dep_ not in ("conj", "advcl", "xcomp") or tok.head.i == tok.i:
            break
        tok = tok.head
    return _word_before(verb)


def _word_before(verb: Any) -> Any | None:
    """ "... NDMT's Bernard Smith reports that": the noun right before a verb whose parse lost
    its subject."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX"):
        i -= 1
    return doc[i] if i >= 0 and doc[i].pos_ in ("PROPN", "NOUN") and doc[i].dep_ != "pobj" else None


def _np(head: Any) -> list[Any]:
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "appos", "punct", "cc", "conj", "advcl", "acl")
                     or (c.dep_ == "acl" and c.tag_ == "VBN"))
    return sorted(out, key=lambda t: t.i)


def resolve_speaker(head: Any, refs: RefIndex, lex: QuoteLexicon, memory: _Memory) -> Speaker:
    """Who ``head`` (a subject or object token) stands for."""
    low = _POSSESSIVE.get(head.text.lower(), head.text.lower())
    if low in lex.person_pronouns:
        return _person_antecedent(head, refs, memory) or Speaker(None)
    if low in lex.group_pronouns:
        return _group_antecedent(head, refs) or memory.last_group or memory.last or Speaker(None)
    np = _np(head)
    found = refs.in_tokens(np)
    persons = [r for r in found if r.is_person]
    parties = [r for r in found if r.party and not r.is_person and r.type != "MEDIA"]
    if persons:
        person = _covering(persons, head) or persons[-1]
        return Speaker(person.canonical, person.party or (parties[0].party if parties else None), person=True)
    if low in lex.sources or (low.rstrip("s") in lex.sources):
        return _anonymous(head, np, parties, memory)
    cover = _covering(found, head)
    if cover is not None:
        return Speaker(cover.canonical, cover.party)
    text = _np_text(np)
    return Speaker(text, parties[0].party if parties else None)


def _covering(refs: Sequence[Ref], tok: Any) -> Ref | None:
    for ref in refs:
        if ref.start <= tok.idx < ref.end:
            return ref
    return None


def _anonymous(head: Any, np: Sequence[Any], parties: Sequence[Ref], memory: _Memory) -> Speaker:
    low = head.text.lower()
    words = ("the", "this", "that", "these", "those")
    definite = any(c.dep_ == "det" and c.text.lower() in words for c in head.children)
    earlier = memory.by_head.get(low.rstrip("s"))
    if definite and earlier is not None and not parties:
        return earlier
    affiliation = parties[0].party if parties else None
    return Speaker(_np_text(np), affiliation, anonymous=True, head=low)


def _np_text(np: Sequence[Any]) -> str:
    words = [t for t in np if not t.is_space]
    if len(words) > 9:
        words = words[:9]
    text = words[0].doc[words[0].i : words[-1].i + 1].text if words else ""
    return re.sub(r"\s+", " ", text).strip(" ,")


def _person_antecedent(pron: Any, refs: RefIndex, memory: _Memory) -> Speaker | None:
    """ "he said": the last person who spoke or was the subject of a clause before the pronoun."""
    doc = pron.doc
    for ref in reversed([r for r in refs.before(pron.idx) if r.is_person]):
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            continue
        if span.root.dep_ in _SUBJ or (memory.last_person and memory.last_person.name == ref.canonical):
            return Speaker(ref.canonical, ref.party, person=True)
    return memory.last_person


_POSSESSIVE = {"its": "it", "their": "they", "his": "he", "her": "she", "our": "we", "my": "i", "them": "they"}


def _group_antecedent(pron: Any, refs: RefIndex) -> Speaker | None:
    """ "it"/"they": the subject of the clause it is joined to or reported by ("the group
    said ..., and it urged"; "Hamas said it would"), else the nearest party named before it
    in its sentence."""
    verb = pron.head
    for _ in range(3):
        if verb.dep_ not in ("conj", "ccomp", "advcl", "xcomp") or verb.head.i == verb.i:
            break
        verb = verb.head
        for subj in (c for c in verb.children if c.dep_ in _SUBJ and c.i < pron.i):
            party = _party_ref(subj, refs)
            if party:
                return Speaker(party, party)
    sent = pron.sent
    before = [r for r in refs.overlapping(sent.start_char, pron.idx)
              if r.party and not r.is_person and r.type != "MEDIA"]
    if not before:
        return None
    ref = before[-1]
    return Speaker(ref.party, ref.party)


def _party_ref(head: Any, refs: RefIndex) -> str | None:
    for ref in refs.in_tokens(_np(head)):
        if ref.party and ref.type != "MEDIA":
            return ref.party
    return None


# --------------------------------------------------------------------------- attributions


def _units(doc: Document) -> list[Any]:
    return sentence_units(doc.parse)


def _inside(tok: Any, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in spans)


def _opens_quote(tok: Any, spans: Sequence[tuple[int, int]]) -> bool:
    """A speech verb that is the first word of a quote ('Hamas, which "says it ..."')."""
    return any(tok.idx == a for a, _ in spans)


def _content(verb: Any, spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The clause a speech verb reports (its ccomp; for "according to X", the clause the
    phrase hangs from), in cleaned offsets."""
    if verb.text.lower() == "according" and verb.head.i != verb.i:
        skip = {t.i for t in verb.subtree}
        toks = [t for t in verb.head.subtree if t.i not in skip and not t.is_punct]
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else None
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i]
    if not comps:
        return None
    toks = sorted(comps[0].subtree, key=lambda t: t.i)
    toks = [t for t in toks if t.text.lower() != "that" or t.i != toks[0].i]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def find_attributions(doc: Document, refs: RefIndex, lex: QuoteLexicon | None = None) -> list[Attribution]:
    """Every speech act of the article, in text order, with speakers resolved."""
    lex = lex or default_lexicon()
    spans = quote_spans(doc.text)
    memory = _Memory()
    out: list[Attribution] = []
    for n, unit in enumerate(_units(doc)):
        for tok in unit:
            if tok.text.lower() not in lex.speech or (_inside(tok, spans) and not _opens_quote(tok, spans)):
                continue
            if tok.text.lower() != "according" and not tok.tag_.startswith("VB"):
                continue
            head = _speaker_head(tok, lex)
            if head is None or _inside(head, spans):
                continue
            speaker = resolve_speaker(head, refs, lex, memory)
            memory.remember(speaker)
            out.append(Attribution(tok, speaker, n, _content(tok, spans)))
    return out


# --------------------------------------------------------------------------- quotes


def _unit_of(units: Sequence[Any], offset: int) -> int:
    for n, unit in enumerate(units):
        if unit.start_char <= offset < unit.end_char + 1:
            return n
    return -1


def _governed(att: Attribution, span: tuple[int, int]) -> bool:
    """Whether the quote lies in the clause the verb reports (or next to the verb)."""
    a, b = span
    return any(a <= t.idx < b for t in att.verb.subtree)


def _pick(atts: Sequence[Attribution], span: tuple[int, int], units: Sequence[int]) -> Attribution | None:
    near = [x for x in atts if x.unit in units and x.speaker.name]
    if not near:
        return None

    def distance(x: Attribution) -> int:
        pos = x.verb.idx
        return 0 if span[0] <= pos <= span[1] else min(abs(pos - span[0]), abs(pos - span[1]))

    return min(near, key=distance)


def _assign(
    span: tuple[int, int], atts: Sequence[Attribution], units: Sequence[Any], lex: QuoteLexicon
) -> tuple[Speaker | None, bool]:
    """(speaker, governed) for one direct quote."""
    first, last = _unit_of(units, span[0]), _unit_of(units, max(span[0], span[1] - 1))
    touched = list(range(first, last + 1)) if first >= 0 and last >= 0 else []
    own = _pick(atts, span, touched)
    if own is not None:
        return own.speaker, True
    for n in ([first - 1, last + 1] if touched else []):
        adjacent = [x for x in atts if x.unit == n and x.speaker.name]
        if adjacent:
            return adjacent[-1 if n < first else 0].speaker, False
    return None, False


def extract_quotes(
    doc: Document, ctx: ExtractContext | None = None, lexicon: QuoteLexicon | None = None
) -> tuple[Quote, ...]:
    """Direct and indirect quotes of ``doc`` with their speakers."""
    if doc.parse is None:
        return ()
    lex = lexicon or default_lexicon()
    refs = build_refs(doc, ctx)
    units = _units(doc)
    atts = find_attributions(doc, refs, lex)
    spans = quote_spans(doc.text)
    quotes = [q for span in spans if (q := _direct(doc, span, atts, units, lex)) is not None]
    quotes += _indirect(doc, atts, spans)
    return tuple(sorted(quotes, key=lambda q: q.evidence.start))


def direct_speakers(
    doc: Document, refs: RefIndex, lex: QuoteLexicon | None = None
) -> list[tuple[tuple[int, int], Speaker]]:
    """Each direct quote's span (cleaned offsets) with its speaker (for "we" inside quotes)."""
    if doc.parse is None:
        return []
    lex = lex or default_lexicon()
    units = _units(doc)
    atts = find_attributions(doc, refs, lex)
    out = []
    for span in quote_spans(doc.text):
        speaker, _ = _assign(span, atts, units, lex)
        if speaker is not None:
            out.append((span, speaker))
    return out


def pronoun_speaker(pron: Any, refs: RefIndex, lex: QuoteLexicon | None = None) -> Speaker:
    """Who a pronoun outside quotes stands for ("it" -> the party named before it)."""
    return resolve_speaker(pron, refs, lex or default_lexicon(), _Memory())


def _direct(doc: Document, span: tuple[int, int], atts: Sequence[Attribution], units: Sequence[Any],
            lex: QuoteLexicon) -> Quote | None:
    text = doc.text[span[0] : span[1]].strip()
    words = len(text.split())
    speaker, governed = _assign(span, atts, units, lex)
    if words < lex.min_words and not (speaker and _speech_near(doc, span, atts)):
        return None
    sp = speaker or Speaker(None)
    return Quote(text, sp.name, sp.affiliation, True, doc.evidence(span[0], span[1]), sp.anonymous)


def _speech_near(doc: Document, span: tuple[int, int], atts: Sequence[Attribution]) -> bool:
    """A short quote counts when a speech verb reports it ("said the talks were 'positive'")."""
    return any(_governed(a, span) for a in atts)


def _indirect(doc: Document, atts: Iterable[Attribution], spans: Sequence[tuple[int, int]]) -> list[Quote]:
    out = []
    for att in atts:
        if att.content is None or not att.speaker.name:
            continue
        a, b = att.content
        inner = sum(min(b, y) - max(a, x) for x, y in spans if x < b and y > a)
        if inner > (b - a) / 2 or len(doc.text[a:b].split()) < 4:
            continue  # mostly a direct quote, or too short to be a statement
        sp = att.speaker
        out.append(Quote(doc.text[a:b], sp.name, sp.affiliation, False, doc.evidence(a, b), sp.anonymous))
    return out


@register("quotes.v1", provides=("quotes",), requires=("mentions", "entities"))
def quotes_v1(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Quote, ...]]:
    return {"quotes": extract_quotes(doc, ctx)}


__all__ = ["Attribution", "QuoteLexicon", "Speaker", "compile_lexicon", "default_lexicon", "direct_speakers",
           "extract_quotes", "find_attributions", "pronoun_speaker", "quote_spans", "quotes_v1", "resolve_speaker"]
