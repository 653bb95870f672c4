"""Entity resolution: who and where an article names, as ``Entity`` + ``Mention`` records.

Extractor ``entities.v1`` provides ``entities`` and ``mentions``. It joins three sources:

1. the profile's phrase index (``profiles.catalogue``): names and transliterations, titles
   ("the CIA chief", "Qatar's prime minister"), demonyms ("Egyptian" -> Egypt), capital
   phrases ("the Egyptian capital" -> Cairo) and loaded terms ("the Zionist regime" ->
   Israel); titles pick the holder by role dates when the publication date is known;
2. spaCy's NER spans, for every name no profile knows (kept as ``new:<slug>`` entities,
   typed from the NER label), with junk (dates, numbers, headline fragments, credit lines)
   left out;
3. fuzzy matching (rapidfuzz) of NER names against the profile's names, and joining of
   short forms within the article ("Burns" after "William Burns").

Without a profile the generic lexicons (countries, international bodies, media) and NER
still give a full record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from parley.extract.base import ExtractContext, register
from parley.profiles.catalogue import Catalogue, Known, Ref, catalogue_for
from parley.profiles.lexicons import read_lexicon, titles
from parley.profiles.names import Token, key_tuple, name_key, slug, tokens
from parley.profiles.phrases import Hit
from parley.records import Document, Entity, Mention, NerSpan

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_TYPE_OF_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "FACILITY", "NORP": "GPE"}
_FUNCTION = frozenset({"the", "s", "of", "for", "and", "de", "du", "des", "la", "le", "bin", "ibn", "bint", "al", "el",
                       "van", "von", "der", "da", "abu", "on", "in", "to"})
_FURNITURE = re.compile(r"\s[-–—|]\s|[,/|]")
_PREFIXED = re.compile(r"\b(?:pro|anti|non)-$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
_HYPHENATED = re.compile(r"(?:-[A-Z][\w'’]+)+")
_TRAILING = " \t\n,;:–—-"
FUZZY_CUTOFF = 88


@dataclass(frozen=True, slots=True)
class Vocab:
    """Words compiled from the lexicons: titles before names, junk names, media words."""

    title_words: frozenset[str]
    past_words: frozenset[str]
    honorifics: frozenset[str]
    junk: frozenset[str]
    media_words: frozenset[str]
    org_words: frozenset[str]
    kind_nouns: dict[str, str]
    credit_re: re.Pattern[str]
    road_re: re.Pattern[str]
    not_entities: frozenset[str]
    person_cues: frozenset[str]
    institution_re: re.Pattern[str]
    facility_re: re.Pattern[str]


def _noun_re(nouns: Iterable[str]) -> re.Pattern[str]:
    """A pattern for one of ``nouns`` right after a name (longest first, any case)."""
    alts = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?:['’]s)?\s+({alts})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    t = titles()
    data = read_lexicon("entities_words")
    words = {w for phrase in (*t.honorifics, *t.offices) for w in key_tuple(phrase)} | set(t.office_words)
    cues = "|".join(re.escape(c) for c in sorted(t.credit_cues, key=len, reverse=True))
    return Vocab(
        title_words=frozenset(words),
        past_words=frozenset(name_key(w) for w in read_lexicon("entities_titles").get("past_words") or ()),
        honorifics=frozenset(w for h in t.honorifics for w in key_tuple(h)),
        junk=frozenset(name_key(w) for w in data.get("not_names") or ()),
        media_words=frozenset(name_key(w) for w in data.get("media_words") or ()),
        org_words=frozenset(name_key(w) for w in data.get("org_words") or ()),
        kind_nouns={name_key(k): str(v) for k, v in (data.get("kind_nouns") or {}).items()},
        credit_re=re.compile(rf"^\W*(?:{cues})\b", re.IGNORECASE),
        not_entities=frozenset(name_key(w) for w in data.get("not_entities") or ()),
        person_cues=frozenset(name_key(w) for w in data.get("person_cues") or ()),
        institution_re=_noun_re(data.get("institutions") or ()),
        facility_re=_noun_re(data.get("facility_nouns") or ()),
        road_re=re.compile(rf"\b[A-Z][\w'’]+(?:-[A-Z][\w'’]+)+ (?:{'|'.join(data.get('road_nouns') or ['road'])})\b"),
    )


# --------------------------------------------------------------------------- working records


@dataclass(frozen=True, slots=True)
class NewEntity:
    """An entity no profile or lexicon knows: made from an NER span."""

    id: str
    canonical: str
    type: str
    kind: str | None = None
    party: str | None = None


Target = Known | NewEntity
Resolved = tuple[tuple[Entity, ...], tuple[Mention, ...]]


@dataclass(frozen=True, slots=True)
class Cand:
    """One mention before entities are built: the span as written and what it stands for."""

    start: int
    end: int
    target: Target
    via: str
    core: str = ""  # the name without titles (for short-form joining)
    inner: bool = False  # named inside a longer phrase (the country in a title)


Reconciled = tuple[Cand | None, list[int]]


def _known_refs(refs: Sequence[Ref], day: str | None) -> list[Ref]:
    valid = [r for r in refs if r.valid_on(day)]
    return valid or list(refs)


def _choose(refs: Sequence[Ref], day: str | None, named: set[str]) -> Ref:
    """The ref a phrase stands for: by date, a name over a title, one already named in the
    article over others, else the first listed in the profile."""
    candidates = _known_refs(refs, day)
    names = [r for r in candidates if r.via == "name"]
    if names:
        return names[0]
    in_article = [r for r in candidates if r.entity.id in named]
    return (in_article or candidates)[0]


def _publication_day(doc: Document, ctx: ExtractContext) -> str | None:
    published = ctx.get("published", None)
    day = getattr(published, "date", None)
    if day:
        return str(day)
    cleaned = doc.cleaned
    return cleaned.article.published or (cleaned.dateline.date if cleaned.dateline else None)


# --------------------------------------------------------------------------- spaCy helpers


def _token_at(doc: Document, offset: int) -> Any:
    parse = doc.parse
    if parse is None:
        return None
    span = parse.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _prefix_role(t: Any, words: frozenset[str]) -> str:
    """How a word before a name counts: part of a "title", a "name" inside a title
    ("Egyptian", "CIA"), or "stop"."""
    low = t.text.casefold()
    if low in words:
        return "title"
    if t.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return "stop"
    if t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG") or low in ("of", "'s", "’s", "."):
        return "name"
    if t.pos_ in ("ADJ", "NOUN") and t.text[:1].isupper():
        return "name"  # a demonym or acronym NER missed ("his Azerbaijani counterpart", "ELN chief")
    return "stop"


def _title_start(doc: Document, start: int) -> int:
    """Where a title written before a person's name begins ("Egyptian President" in
    "Egyptian President Abdel Fattah al-Sisi"); ``start`` when there is none."""
    tok = _token_at(doc, start)
    if tok is None:
        return start
    words = vocab().title_words
    first = tok.i
    for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
        role = _prefix_role(t, words)
        if role == "stop" or (role == "name" and first == tok.i):
            break
        first = t.i
    while first < tok.i and tok.doc[first].text.casefold() in ("of", "'s", "’s", ".", "-"):
        first += 1
    return int(tok.doc[first].idx)


def _is_metonym(doc: Document, start: int) -> bool:
    """A capital standing for its government: the subject of a clause ("Washington has
    pushed"), or a possessor ("Moscow's demands")."""
    tok = _token_at(doc, start)
    if tok is None or tok.text.isupper():
        return False
    top = tok.head if tok.dep_ == "conj" else tok
    if top.dep_ in _SUBJECT_DEPS and top.head.pos_ in ("VERB", "AUX", "NOUN"):
        return True
    if top.dep_ == "poss" or (top.dep_ == "pobj" and top.head.text.lower() in _ACTOR_PREPS):
        return True  # "Moscow's demands", "brokered by Washington", "between Kinshasa and Kigali"
    if top.dep_ == "pobj" and top.head.text.lower() == "to" and top.head.head.text.lower() == "according":
        return True  # "according to Kyiv"
    if top.dep_ == "pobj" and top.head.text.lower() == "between":
        return _place_verb_forms().isdisjoint({top.head.head.text.lower()})  # not "shuttled between Doha and Cairo"
    return top.dep_ in ("dobj", "dative") and top.head.text.lower() not in _place_verb_forms()  # "accused Kinshasa"


@lru_cache(maxsize=1)
def _place_verb_forms() -> frozenset[str]:
    from parley.extract.parties import inflect

    irregular = ("fled", "left", "took", "taken", "struck", "flew", "flown", "shook", "shaken", "retook", "retaken")
    verbs = read_lexicon("entities_words").get("place_verbs") or ()
    return frozenset(f for v in verbs for f in inflect(str(v))) | frozenset(irregular)


_ACTOR_PREPS = frozenset({"by", "with", "against"})


# --------------------------------------------------------------------------- name checks


def _strip(text: str) -> str:
    """A name without a leading "the" and a trailing possessive."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    return _POSSESSIVE.sub("", text).strip(" -–,.")


def _strip_titles(name: str) -> str:
    """A person's name without the titles written before it."""
    toks = list(tokens(name))
    words = vocab().title_words
    i = 0
    while i < len(toks) - 1 and toks[i].key in words:
        i += 1
    return name[toks[i].start :] if toks else name


def _is_junk(text: str, label: str) -> bool:
    """Dates, numbers, lower-case phrases, headline fragments and generic words."""
    toks = list(tokens(text))
    v = vocab()
    if not toks or len(text) < 2 or toks[0].text[:1].isdigit() or len(toks) > 7:
        return True
    if any(t.key in v.junk for t in toks) or not any(t.text[:1].isupper() for t in toks):
        return True
    if name_key(text) in v.not_entities or _FURNITURE.search(text):
        return True
    if len(toks) > 1 and all(t.text.isupper() for t in toks):
        return True  # a shouted headline fragment ("HOSTAGE HORROR")
    content = [t for t in toks if t.key not in _FUNCTION]
    if any(t.text[:1].islower() and not t.text[:1].isdigit() for t in content) and label != "ORG":
        return True
    return len(content) == 1 and label == "ORG" and content[0].key in v.title_words | v.org_words


def _type_of(label: str, name: str) -> str:
    kind = _TYPE_OF_LABEL.get(label, "ORG")
    if kind == "ORG" and any(k in vocab().media_words for k in key_tuple(name)):
        return "MEDIA"
    return kind


def _shaped(text: str, span: NerSpan) -> NerSpan:
    """An NER span without trailing punctuation ("State Commission on Prisoners of War,")
    and, for a person, with the rest of a hyphenated name NER cut ("Mlambo" of
    "Mlambo-Ngcuka")."""
    end = span.start + len(span.text.rstrip(_TRAILING))
    if span.label == "PERSON" and end == span.end:
        m = _HYPHENATED.match(text, end)
        end = m.end() if m else end
    if end == span.end or end <= span.start:
        return span
    return NerSpan(span.start, end, span.label, text[span.start : end])


_CITY_SITES = frozenset({"airport", "port", "crossing", "border crossing", "air base", "airbase", "prison"})
_NAME_AFTER_TITLE = re.compile(r"([A-Z][\w'’]*(?:-[A-Z][\w'’]*)*)((?:\s+[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*)*)$")


def _person_after_title(span: NerSpan) -> NerSpan:
    """ "Kazakh President Kassym-Jomart Tokayev" tagged as one organisation: the name after
    the last title word is a person (two words at least, or one hyphenated)."""
    if span.label == "PERSON":
        return span
    words = list(re.finditer(r"\S+", span.text))
    titles = [i for i, w in enumerate(words) if name_key(w.group()) in vocab().title_words]
    if not titles or titles[-1] == len(words) - 1:
        return span
    at = words[titles[-1] + 1].start()
    rest = span.text[at:]
    name = _NAME_AFTER_TITLE.fullmatch(rest)
    keys = key_tuple(rest)
    if name is None or any(k in vocab().title_words | vocab().org_words for k in keys):
        return span
    if len(keys) < 2 and "-" not in rest:
        return span
    return NerSpan(span.start + at, span.end, "PERSON", rest)


def _longer_name(text: str, span: NerSpan, phrase: list[Cand], inside: list[int]) -> bool:
    """ "the Ta'ang National Liberation Army": a known name ("National Liberation Army") that
    ends an organisation's name whose first words are a name of their own is another body."""
    if span.label != "ORG" or len(inside) != 1 or phrase[inside[0]].end != span.end:
        return False
    lead = re.sub(r"^(?:the|The)\s+", "", text[span.start : phrase[inside[0]].start]).strip()
    return bool(lead) and all(w[:1].isupper() and name_key(w) not in vocab().title_words for w in lead.split())


def _named_after_person(text: str, span: NerSpan, phrase: list[Cand], inside: list[int]) -> bool:
    """ "Trump Route for International Peace and Prosperity": a long name that opens with a
    known person's name is the thing named after them, not a mention of the person."""
    if span.label == "PERSON" or not all(_is_person(phrase[i]) for i in inside):
        return False
    rest = text[max(phrase[i].end for i in inside) : span.end]
    return len(re.findall(r"\b[A-Z][\w'’-]+", rest)) >= 2


def _in_credit_line(doc: Document, start: int) -> bool:
    sent = doc.sentence_at(start)
    line_start = doc.text.rfind("\n", sent.start, start) + 1 or sent.start
    return bool(vocab().credit_re.match(doc.text[max(line_start, sent.start) : start + 1]))


# --------------------------------------------------------------------------- the resolver


class Resolver:
    """Resolves one document's mentions against a catalogue."""

    def __init__(self, doc: Document, cat: Catalogue, day: str | None) -> None:
        self.doc, self.cat, self.day = doc, cat, day
        self.toks: list[Token] = list(tokens(doc.text))
        self.hits: list[Hit[Ref]] = cat.names.find(doc.text, self.toks)
        self.named = {r.entity.id for h in self.hits for r in h.values if r.via == "name"}

    # -- phrase hits ---------------------------------------------------------------

    def phrase_cands(self) -> list[Cand]:
        out = []
        for hit in self.hits:
            ref = _choose(hit.values, self.day, self.named)
            if ref.via == "demonym" and _PREFIXED.search(self.doc.text[max(0, hit.start - 5) : hit.start]):
                continue  # "pro-Iranian" names no country
            if self.is_modifier(hit, ref):
                out.extend(self.nested(hit, ref))
                continue
            out.append(Cand(hit.start, hit.end, ref.entity, "profile" if ref.via == "name" else ref.via, hit.text))
            out.extend(self.nested(hit, ref))
            out.extend(self.institution(hit, ref))
        return out

    def institution(self, hit: Hit[Ref], ref: Ref) -> list[Cand]:
        """"the Saudi foreign ministry": an institution of the country just named."""
        if ref.entity.kind != "country" or ref.via not in ("name", "demonym"):
            return []
        m = vocab().institution_re.match(self.doc.text, hit.end)
        if m is None or "\n" in m.group() or self.is_modifier_at(m.end()):
            return []
        name = f"{_strip(hit.text)} {m.group(1)}"
        new = NewEntity(f"new:{slug(name)}", name, "ORG", "state_body", ref.entity.canonical)
        return [Cand(hit.start, m.end(), new, "ner", name)]

    def is_modifier_at(self, end: int) -> bool:
        """Whether the phrase ending at ``end`` modifies a noun after it ("U.S. military aid")."""
        tok = _token_at(self.doc, end - 1)
        return tok is not None and tok.dep_ in ("amod", "compound") and tok.head.idx >= end

    def is_modifier(self, hit: Hit[Ref], ref: Ref) -> bool:
        """A descriptive body name used as a modifier ("an Israeli military withdrawal",
        "an Israeli army base"): no mention of the body."""
        first_word = self.toks[hit.first].key
        if ref.entity.type != "ORG" or ref.via != "name" or self.cat.demonym(first_word) is None:
            return False
        tok = _token_at(self.doc, self.toks[hit.last - 1].start)
        return tok is not None and tok.dep_ in ("amod", "compound") and tok.head.idx >= hit.end

    def nested(self, hit: Hit[Ref], ref: Ref) -> list[Cand]:
        """Names inside a longer phrase: the country in "the Qatari prime minister" or
        "Israel Defense Forces", the body in "CIA director"."""
        outer = ref.entity
        if outer.kind == "country" or outer.type == "MEDIA" or (outer.type == "PERSON" and ref.via == "name"):
            return []
        inner = self.cat.names.find(self.doc.text, self.toks[hit.first : hit.last], max_len=hit.last - hit.first - 1)
        out = []
        for h in inner:
            for value in h.values:
                entity = value.entity
                fits = entity.kind == "country" or (ref.via == "title" and entity.type == "ORG")
                if value.via in ("name", "demonym") and fits and entity.id != outer.id:
                    via = "demonym" if value.via == "demonym" else "profile"
                    out.append(Cand(h.start, h.end, entity, via, h.text, inner=True))
                    break
        return out

    # -- NER spans -------------------------------------------------------------------

    def ner_cands(self, phrase: list[Cand]) -> tuple[list[Cand], set[int]]:
        """Candidates from NER spans, and the indexes of phrase candidates they replace."""
        out: list[Cand] = []
        dropped: set[int] = set()
        for span in self.doc.entities:
            if span.label not in NER_LABELS or (span.label == "PERSON" and _in_credit_line(self.doc, span.start)):
                continue
            span = _person_after_title(_shaped(self.doc.text, span))
            inside = [i for i, c in enumerate(phrase) if c.start < span.end and span.start < c.end]
            cand, drop = self.reconcile(span, phrase, inside)
            dropped.update(drop)
            if cand is not None:
                out.append(cand)
        return out, dropped

    def reconcile(self, span: NerSpan, phrase: list[Cand], inside: list[int]) -> Reconciled:
        if not inside:
            return self.resolve_span(span), []
        if any(phrase[i].start <= span.start and span.end <= phrase[i].end for i in inside):
            return None, []  # the phrase index already has this name
        if span.label == "PERSON":
            return self.person_over_phrases(span, phrase, inside)
        if self.is_compound_org(span, phrase, inside):
            return self.resolve_span(span), []
        text = self.doc.text
        if _named_after_person(text, span, phrase, inside) or _longer_name(text, span, phrase, inside):
            return self.resolve_span(span), inside
        return None, []  # a fragment around a known name ("Hamas Heads")

    def person_over_phrases(self, span: NerSpan, phrase: list[Cand], inside: list[int]) -> Reconciled:
        """A person span that contains known names: the known person if the span ends with
        their name and the rest is titles or their own name; otherwise a new person."""
        v = vocab()
        persons = [i for i in inside if isinstance(phrase[i].target, Known) and phrase[i].target.type == "PERSON"]
        others = [i for i in inside if i not in persons]
        covered = {t.key for i in others for t in tokens(phrase[i].core or "")}
        for i in persons:
            cand = phrase[i]
            assert isinstance(cand.target, Known)
            own = {k for n in self.cat.written.get(cand.target.id, []) for k in key_tuple(n)}
            rest = [t.key for t in tokens(self.doc.text[span.start : cand.start])]
            if cand.end >= span.end - 2 and all(k in own | v.title_words | covered | _FUNCTION for k in rest):
                return None, []
        keep_countries = [i for i in others if isinstance(phrase[i].target, Known) and phrase[i].via == "demonym"]
        return self.resolve_span(span), [i for i in inside if i not in keep_countries]

    def is_compound_org(self, span: NerSpan, phrase: list[Cand], inside: list[int]) -> bool:
        """An organisation named after a country ("Egyptian Foreign Ministry")."""
        if span.label not in ("ORG", "FAC"):
            return False
        if not all(phrase[i].via in ("demonym", "profile") and phrase[i].target.kind == "country"
                   for i in inside):
            return False
        rest = self.doc.text[max(phrase[i].end for i in inside) : span.end]
        return any(k in vocab().org_words for k in key_tuple(rest))

    def city_site(self, span: NerSpan, known: Known) -> Cand | None:
        """ "Sanaa airport", "Hodeidah port": a known city's named site is a facility."""
        if known.type != "GPE" or not (known.capital_of or known.kind == "city"):
            return None
        m = vocab().facility_re.match(self.doc.text, span.end)
        if m is None or m.group(1).lower() not in _CITY_SITES or "\n" in m.group():
            return None
        name = f"{_strip(span.text)} {m.group(1)}"
        site = NewEntity(f"new:{slug(name)}", name, "FACILITY", m.group(1).lower())
        return Cand(span.start, m.end(), site, "ner", name)

    def resolve_span(self, span: NerSpan) -> Cand | None:
        name = _strip(span.text)
        if span.label == "NORP":
            known = self.cat.demonym(name) or self.cat.demonym(name.rstrip("s"))
            return Cand(span.start, span.end, known, "demonym") if known else None
        if span.label == "PERSON":
            name = _strip_titles(name)
        if _is_junk(name, span.label):
            return None
        known = self.cat.lookup(name)
        if known is not None and (site := self.city_site(span, known)) is not None:
            return site
        if known is not None:
            return Cand(span.start, span.end, known, "ner", name)
        fuzzy = self.fuzzy(name, span.label)
        if fuzzy is not None:
            return Cand(span.start, span.end, fuzzy, "fuzzy", name)
        if span.label in ("LOC", "GPE") and self.is_modifier_span(span):
            return None  # "the Mediterranean coast": a description, not a place named
        facility = vocab().facility_re.match(self.doc.text, span.end)
        if facility is not None and "\n" not in facility.group() and span.label != "PERSON":
            name = f"{name} {facility.group(1)}"
            new = NewEntity(f"new:{slug(name)}", name, "FACILITY", facility.group(1).casefold())
            return Cand(span.start, facility.end(), new, "ner", name)
        new = NewEntity(f"new:{slug(name)}", name, _type_of(span.label, name))
        return Cand(span.start, span.end, new, "ner", name)

    def is_modifier_span(self, span: NerSpan) -> bool:
        tok = _token_at(self.doc, span.end - 1)
        if tok is None:
            return False
        return bool(tok.dep_ in ("amod", "compound") and tok.head.idx >= span.end and tok.head.text.islower())

    def fuzzy(self, name: str, label: str) -> Known | None:
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if len(key) < 6:
            return None
        choices = self.cat.keys_of_type(_TYPE_OF_LABEL.get(label, "ORG"))
        best = process.extractOne(key, choices.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return choices[best[0]] if best else None


# --------------------------------------------------------------------------- article-level passes


def _merge(phrase: list[Cand], ner: list[Cand], dropped: set[int]) -> list[Cand]:
    kept = [c for i, c in enumerate(phrase) if i not in dropped] + ner
    return sorted(kept, key=lambda c: (c.start, -c.end))


def _is_person(c: Cand) -> bool:
    return c.target.type == "PERSON"


def _join_titles(doc: Document, cands: list[Cand]) -> list[Cand]:
    """A title right before a person's name is part of that name's form, not a mention
    of its own ("Qatari Prime Minister" + "Mohammed bin Abdulrahman Al Thani")."""
    out: list[Cand] = []
    for c in cands:
        prev = next((p for p in reversed(out) if not p.inner), None)
        gap = doc.text[prev.end : c.start] if prev else ""
        only_titles = all(t.key in vocab().honorifics for t in tokens(gap)) and len(gap) < 12 and "," not in gap
        if prev and prev.via == "title" and _is_person(prev) and _is_person(c) and only_titles:
            out.remove(prev)
            c = replace(c, start=prev.start)
        out.append(c)
    return out


def _with_titles(doc: Document, cands: list[Cand]) -> list[Cand]:
    """Persons' forms include the titles written before them."""
    out = []
    for c in cands:
        if _is_person(c) and c.via not in ("title", "framing"):
            c = replace(c, start=min(c.start, _title_start(doc, c.start)))
        out.append(c)
    return out


_PARTY_KINDS = frozenset({"country", "armed_group", "movement"})


def _party_named(c: Cand) -> str | None:
    """The party a mention inside a title names: a country or group, or a state body's state."""
    if _is_person(c):
        return None
    return c.target.canonical if c.target.kind in _PARTY_KINDS else c.target.party


def _party_in_title(doc: Document, cands: list[Cand], person: Cand) -> str | None:
    """The one party named in the title written before a new person's name ("Armenian
    Foreign Minister", "US envoy", "ELN chief negotiator", "Armenia's"); None when the
    title is a past one ("former Kenyan President") or names none or several parties."""
    name_at = doc.text.find(person.core, person.start, person.end) if person.core else -1
    end = name_at if name_at > person.start else person.start
    start = min(person.start, next((c.start for c in cands if c.end <= end and re.fullmatch(
        r"['’]s\s+", doc.text[c.end : end])), person.start))
    keys = {t.key for t in tokens(doc.text[start:end])}
    if keys & vocab().past_words:
        return None
    parties = {p for c in cands if start <= c.start and c.end <= end and (p := _party_named(c))}
    return next(iter(parties)) if len(parties) == 1 else None


def _title_parties(doc: Document, cands: list[Cand]) -> list[Cand]:
    """A person no profile knows acts for the party their title names, in every mention."""
    parties: dict[str, str] = {}
    for c in cands:
        if _is_person(c) and isinstance(c.target, NewEntity) and not c.target.party:
            party = _party_in_title(doc, cands, c)
            if party:
                parties.setdefault(c.target.id, party)
    return [
        replace(c, target=replace(c.target, party=parties[c.target.id]))
        if isinstance(c.target, NewEntity) and c.target.id in parties else c
        for c in cands
    ]


def _surname(c: Cand) -> str:
    keys = key_tuple(c.core or c.target.canonical)
    return keys[-1] if keys else ""


def _full_names(cands: list[Cand]) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, Target]]:
    """Multi-word persons of the article by surname and by first name."""
    last: dict[str, set[str]] = {}
    first: dict[str, set[str]] = {}
    targets: dict[str, Target] = {}
    for c in cands:
        keys = key_tuple(c.core or c.target.canonical)
        if _is_person(c) and len(keys) > 1:
            for k in {_surname(c), *key_tuple(c.target.canonical)[1:]}:  # "Kiir" of "Salva Kiir Mayardit"
                last.setdefault(k, set()).add(c.target.id)
            first.setdefault(keys[0], set()).add(c.target.id)
            targets[c.target.id] = c.target
    return last, first, targets


def _introduced(doc: Document, c: Cand) -> bool:
    """A one-word name written as a person is introduced ("said Espoir, a driver")."""
    before = list(tokens(doc.text[max(0, c.start - 30) : c.start]))
    after = doc.text[c.end : c.end + 6]
    own = list(tokens(doc.text[c.start : c.end]))
    titled = len(own) > 1 and own[0].key in vocab().honorifics  # "Mr Burns" with its title in the form
    cue = bool(before) and (before[-1].key in vocab().person_cues or before[-1].key in vocab().honorifics)
    return titled or cue or bool(re.match(r",\s+(?:an?|the|\d)\b", after))


def _join_short_forms(doc: Document, cands: list[Cand]) -> list[Cand]:
    """"Burns" or "Mr Burns" after "William Burns": one person. A one-word name joins the
    only multi-word person of the article whose surname (else first name) it is; a lone
    word tagged as a person that joins none is dropped unless introduced as a person."""
    last, first, targets = _full_names(cands)
    out = []
    for c in cands:
        keys = key_tuple(c.core) if c.core else ()
        if _is_person(c) and isinstance(c.target, NewEntity) and len(keys) == 1:
            owners = last.get(keys[0]) or first.get(keys[0]) or set()
            if len(owners) == 1:
                c = replace(c, target=targets[next(iter(owners))], via="short-form")
            elif not _introduced(doc, c) and c.via != "title-name":
                continue  # "Famine", "Hrs": no person
        elif c.via == "ner" and isinstance(c.target, NewEntity) and len(keys) == 1:
            owners = last.get(keys[0]) or first.get(keys[0]) or set()  # "Aliyev", "Redwan" tagged ORG
            if len(owners) == 1:
                c = replace(c, target=targets[next(iter(owners))], via="short-form")
        out.append(c)
    return out


_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "del", "la", "des", "du", "al", "el"})


def _initials(name: str) -> str:
    """ "Moro Islamic Liberation Front" -> "MILF", "Government of National Accord" -> "GNA"."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR_WORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _middle_names(cands: list[Cand]) -> list[Cand]:
    """ "William Samoei Ruto" after or before "William Ruto": a new person whose first and last
    names are those of exactly one other person of the article is that person."""
    by_ends: dict[tuple[str, str], set[str]] = {}
    targets: dict[str, Target] = {}
    for c in cands:
        keys = key_tuple(c.target.canonical)
        if _is_person(c) and len(keys) == 2:
            by_ends.setdefault((keys[0], keys[-1]), set()).add(c.target.id)
            targets[c.target.id] = c.target
    out = []
    for c in cands:
        keys = key_tuple(c.target.canonical)
        owners = by_ends.get((keys[0], keys[-1]), set()) if _is_person(c) and len(keys) >= 3 else set()
        if isinstance(c.target, NewEntity) and len(owners) == 1:
            c = replace(c, target=targets[next(iter(owners))], via="short-form")
        out.append(c)
    return out


def _abbreviations(cands: list[Cand]) -> list[Cand]:
    """ "MILF", "GNA", "NUG": an unknown all-capitals name whose letters are the initials of
    exactly one multi-word organisation or group named in the article is that organisation."""
    full: dict[str, set[str]] = {}
    targets: dict[str, Target] = {}
    for c in cands:
        if c.target.type in ("ORG", "GPE") and len(c.target.canonical.split()) >= 2:
            full.setdefault(_initials(c.target.canonical), set()).add(c.target.id)
            targets[c.target.id] = c.target
    out = []
    for c in cands:
        word = c.core or ""
        if isinstance(c.target, NewEntity) and re.fullmatch(r"[A-Z]{2,7}", word) and len(full.get(word, ())) == 1:
            c = replace(c, target=targets[next(iter(full[word]))], via="short-form")
        out.append(c)
    return out


_TITLED = re.compile(
    r"\b(?:(?:His|Her) Excellency|President|Vice President|Prime Minister|Foreign Minister|Defen[cs]e Minister|"
    r"Minister|Chancellor|Ambassador|Envoy|Speaker|Senator|General|Gen\.|Sheikh|Emir|King|Prince|Mr\.?|Mrs\.?|Ms\.?|"
    r"Dr\.?|Colonel|Commander)\s+((?:[A-Z][a-z'’-]+)(?:\s+[A-Z][a-z'’-]+){0,3})\b"
)


def _titled_names(doc: Document, cat: Catalogue, cands: list[Cand]) -> list[Cand]:
    """ "His Excellency Salva Kiir Mayardit", "President Kiir": capitalised words right after a
    personal title that the NER left out are a person's name, unless a word is a known name,
    an office or an institution ("General Assembly", "Prime Minister Office")."""
    taken = [(c.start, c.end) for c in cands]
    out = list(cands)
    v = vocab()
    for m in _TITLED.finditer(doc.text):
        name = m.group(1)
        words = name.split()
        keys = [name_key(w) for w in words]
        if any(a < m.end(1) and m.start(1) < b for a, b in taken) or "\n" in m.group():
            continue
        if any(k in v.title_words or k in v.org_words or k in _MINOR_WORDS for k in keys):
            continue
        if any(cat.lookup(w) or cat.demonym(w) for w in words) or cat.lookup(name):
            continue
        target = NewEntity(f"new:{slug(name)}", name, "PERSON", "person")
        out.append(Cand(m.start(1), m.end(1), target, "title-name", name))
        taken.append((m.start(1), m.end(1)))
    return sorted(out, key=lambda x: (x.start, -x.end))


def _after_other_name(text: str, at: int) -> bool:
    """Whether a capitalised word that is no title comes right before ``at`` ("Heydar Aliyev")."""
    prev = re.search(r"([A-Za-z][\w'’-]*)[ \t]+$", text[max(0, at - 40) : at])
    if prev is None or not prev.group(1)[0].isupper():
        return False
    keys = key_tuple(prev.group(1))
    return bool(keys) and keys[-1] not in vocab().honorifics


def _bare_surnames(doc: Document, cands: list[Cand]) -> list[Cand]:
    """ "Pashinyan and Aliyev last met": a surname of a person named in full earlier that the
    NER left out, written alone (not inside a longer capitalised name)."""
    last, _first, targets = _full_names(cands)
    taken = [(c.start, c.end) for c in cands]
    out = list(cands)
    for c in cands:
        if not (_is_person(c) and c.core and len(c.core.split()) > 1):
            continue
        name = c.core.split()[-1]
        if len(name) < 4 or not name[0].isupper() or len(last.get(_surname(c), ())) != 1:
            continue
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'-])(?!\s+[A-Z])", doc.text):
            free = not any(a < m.end() and m.start() < b for a, b in taken)
            if m.start() >= c.end and free and not _after_other_name(doc.text, m.start()):
                out.append(Cand(m.start(), m.end(), targets[c.target.id], "short-form", name))
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda x: (x.start, -x.end))


_DEMONYM_ENDINGS = ("ian", "an", "i", "ese", "n")


def _local_demonyms(doc: Document, cands: list[Cand]) -> list[Cand]:
    """ "The Tigrayan delegation ... airports in Tigray": an unknown one-word name that is a
    place named in the text plus a demonym ending stands for that place, and the place's
    own mentions the NER missed are added."""
    out, added = list(cands), []
    for c in cands:
        if not (c.via == "ner" and isinstance(c.target, NewEntity) and c.core and " " not in c.core):
            continue
        stem = _named_stem(doc.text, c.core)
        if stem is None:
            continue
        place = next((o.target for o in cands if o.target.canonical == stem), None)
        target = place or NewEntity(f"new:{slug(stem)}", stem, "GPE")
        out[out.index(c)] = replace(c, target=target, via="demonym")
        if place is None:
            added += [Cand(m.start(), m.end(), target, "ner", stem)
                      for m in re.finditer(rf"(?<![\w-]){re.escape(stem)}(?![\w-])", doc.text)]
    taken = [(c.start, c.end) for c in out]
    out += [a for a in added if not any(x < a.end and a.start < y for x, y in taken)]
    return sorted(out, key=lambda x: (x.start, -x.end))


def _named_stem(text: str, word: str) -> str | None:
    """The place ``word`` is the demonym of, when the text names it ("Tigrayan" -> "Tigray")."""
    for ending in _DEMONYM_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 4 and re.search(rf"(?<![\w-]){re.escape(stem)}(?![\w-])", text):
            return stem
    return None


def _metonyms(doc: Document, cat: Catalogue, cands: list[Cand]) -> list[Cand]:
    """A capital that is the subject of a clause stands for its country's government."""
    out = []
    for c in cands:
        country = cat.entities.get(c.target.capital_of or "") if isinstance(c.target, Known) else None
        if country is not None and c.via in ("profile", "ner") and _is_metonym(doc, c.start):
            c = replace(c, target=country, via="capital")
        out.append(c)
    return out


def _roads(doc: Document, cands: list[Cand]) -> list[Cand]:
    """"the Beirut-Damascus highway" is one road, not Beirut and Damascus."""
    roads = [
        Cand(m.start(), m.end(), NewEntity(f"new:{slug(m.group())}", m.group(), "FACILITY", "road"), "ner", m.group())
        for m in vocab().road_re.finditer(doc.text)
    ]
    if not roads:
        return cands
    kept = [c for c in cands if not any(r.start <= c.start and c.end <= r.end for r in roads)]
    return sorted(kept + roads, key=lambda c: (c.start, -c.end))


def _agency(doc: Document, cat: Catalogue) -> list[Cand]:
    """The news agency of a dateline ("CAIRO (Reuters) -"), as a MEDIA mention."""
    line = doc.cleaned.dateline
    if line is None or not line.agency:
        return []
    at = doc.text.find(line.agency, line.start, max(line.end, line.start + 80))
    if at < 0:
        return []
    known = cat.lookup(line.agency)
    target = known or NewEntity(f"new:{slug(line.agency)}", line.agency, "MEDIA", "media")
    return [Cand(at, at + len(line.agency), target, "ner", line.agency)]


def _place_name(place: str) -> str:
    """A dateline place as a name: "MEXICO CITY" -> "Mexico City" (mixed case kept)."""
    return " ".join(w.capitalize() for w in place.split()) if place.isupper() else place


def _dateline_place(doc: Document, cat: Catalogue, cands: list[Cand]) -> list[Cand]:
    """The place of a dateline ("ALMATY, May 10 (Agency) -") is a place, whatever NER typed
    it, and the same entity as the place written later in the text ("Almaty")."""
    line = doc.cleaned.dateline
    place = line.place.strip() if line is not None and line.place else ""
    at = doc.text.find(place, line.start, max(line.end, line.start + 80)) if line is not None and place else -1
    if at < 0:
        return cands
    if any(c.start <= at and at + len(place) <= c.end and c.target.type == "GPE" for c in cands):
        return cands  # already read as a place
    name = _place_name(place)
    known = cat.lookup(name)
    target = known if known is not None and known.type == "GPE" else NewEntity(f"new:{slug(name)}", name, "GPE", "city")
    kept = [c for c in cands if c.end <= at or c.start >= at + len(place)]
    return sorted([*kept, Cand(at, at + len(place), target, "ner", name)], key=lambda c: (c.start, -c.end))


def _anaphora(doc: Document, cands: list[Cand]) -> list[Cand]:
    """"the crossing" after one crossing was named: that crossing."""
    nouns = vocab().kind_nouns
    if not nouns:
        return cands
    pattern = re.compile(r"\b[Tt]he (" + "|".join(re.escape(n) for n in nouns) + r")\b")
    extra = []
    for m in pattern.finditer(doc.text):
        kind = nouns[name_key(m.group(1))]
        before = {c.target.id: c.target for c in cands if c.end <= m.start() and c.target.kind == kind}
        if len(before) == 1 and not any(c.start <= m.start() < c.end for c in cands):
            extra.append(Cand(m.start(), m.end(), next(iter(before.values())), "short-form"))
    return sorted(cands + extra, key=lambda c: (c.start, -c.end))


# --------------------------------------------------------------------------- records


def _party(target: Target, day: str | None) -> str | None:
    if not isinstance(target, Known):
        return target.party
    if target.party:
        return target.party
    roles = [r for r in target.roles if r.party and (day is None or ((r.start or "") <= day <= (r.end or "9999")))]
    return roles[0].party if roles else None


def _coords(target: Target, cat: Catalogue) -> tuple[float | None, float | None]:
    if isinstance(target, Known) and target.lat is not None:
        return target.lat, target.lon
    if target.type not in ("GPE", "FACILITY") or getattr(target, "kind", None) == "country":
        return None, None
    from parley.profiles.gazetteer import lookup_place

    place = lookup_place(target.canonical, cat.profile)
    return (place.lat, place.lon) if place else (None, None)


def _forms(mentions: Iterable[Mention], owned: dict[str, str], entity_id: str) -> tuple[str, ...]:
    """Surface forms of one entity, without forms that are another entity's own name."""
    forms: dict[str, None] = {}
    for m in mentions:
        other = owned.get(name_key(m.text))
        if other is None or other == entity_id:
            forms.setdefault(m.text, None)
    return tuple(forms)


def _mention(doc: Document, c: Cand) -> Mention:
    t = c.target
    return Mention(doc.text[c.start : c.end], t.id, t.canonical, t.type, doc.evidence(c.start, c.end), c.via)


def _drop_framing_only(cands: list[Cand]) -> list[Cand]:
    """A loaded term is a form of the actor it stands for. A party (a state, an armed
    group) named only through loaded terms is still an entity; a body of a party named only
    so ("occupation forces") is left to the framing record."""
    named = {c.target.id for c in cands if c.via != "framing"}
    parties = ("country", "armed_group", "movement")
    return [c for c in cands if c.via != "framing" or c.target.id in named or c.target.kind in parties]


def build_records(doc: Document, cat: Catalogue, cands: list[Cand], day: str | None) -> Resolved:
    cands = _drop_framing_only(cands)
    mentions = tuple(_mention(doc, c) for c in cands)
    targets: dict[str, Target] = {}
    for c in cands:
        targets.setdefault(c.target.id, c.target)
    owned = {name_key(t.canonical): t.id for t in targets.values()}
    entities = []
    for eid, target in targets.items():
        lat, lon = _coords(target, cat)
        own = [m for m in mentions if m.entity_id == eid]
        entities.append(Entity(eid, target.canonical, target.type, _forms(own, owned, eid), _party(target, day),
                               target.kind or _default_kind(target), lat, lon))
    return tuple(entities), mentions


def _default_kind(target: Target) -> str | None:
    return {"PERSON": "person", "MEDIA": "media"}.get(target.type)


def resolve(doc: Document, profile: Any = None, day: str | None = None) -> Resolved:
    """Entities and mentions of ``doc`` under ``profile`` (None: lexicons and NER only)."""
    cat = catalogue_for(profile)
    res = Resolver(doc, cat, day)
    phrase = res.phrase_cands()
    ner, dropped = res.ner_cands(phrase)
    cands = _roads(doc, _merge(phrase, ner, dropped) + _agency(doc, cat))
    cands = _dateline_place(doc, cat, cands)
    cands = _titled_names(doc, cat, cands)
    cands = _join_titles(doc, cands)
    cands = _with_titles(doc, cands)
    cands = _join_short_forms(doc, cands)
    cands = _bare_surnames(doc, cands)
    cands = _local_demonyms(doc, cands)
    cands = _abbreviations(cands)
    cands = _middle_names(cands)
    cands = _title_parties(doc, cands)
    cands = _metonyms(doc, cat, cands)
    cands = _anaphora(doc, cands)
    cands = list({(c.start, c.end, c.target.id): c for c in cands}.values())  # one mention per span and entity
    return build_records(doc, cat, cands, day)


@register("entities.v1", provides=("entities", "mentions"))
def extract_entities(doc: Document, ctx: ExtractContext) -> dict[str, tuple[Any, ...]]:
    entities, mentions = resolve(doc, ctx.profile, _publication_day(doc, ctx))
    return {"entities": entities, "mentions": mentions}
