"""Typed, frozen records that flow between parley's stages.

ingest -> ``Article``; clean -> ``CleanedArticle``; annotate -> ``Document``;
extract -> ``Mention``/``Entity``/``TimeExpr``/``Meeting``/``Figure``/``Position``/
``Quote``/``FramingTerm`` (each with ``Evidence``); the article-level result is an
``ArticleRecord``; link produces ``OriginGroup``/``Round``/``FigureSeries`` and friends.

Records hold tuples, never lists or dicts, so they are hashable and safe to share
between threads. Dates are ISO strings (``YYYY-MM-DD``) so records serialise as is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Article:
    """One input article as the user gave it (after decoding its container format).

    ``text`` is the body as given: every fact's offsets point into it.
    """

    id: str
    text: str
    source: str  # file path, with ":line" for rows of JSONL/CSV or records of WARC/feeds
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD from metadata only
    author: str | None = None
    html: str | None = None  # the original HTML, when the input was HTML
    meta: tuple[tuple[str, str], ...] = ()  # other metadata, as given
    content_hash: str = ""  # sha256 of the normalised text; set by the reader


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input item that could not be read, kept with the reason."""

    source: str  # file path (":line" where it applies)
    code: str  # error code from parley.errors, e.g. "E102"
    reason: str  # one line: what is wrong and what to do
    sample: str = ""  # the first bytes of the item, printable


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in cleaned text back to offsets in ``Article.text``.

    ``anchors`` is a sorted tuple of ``(clean_offset, raw_offset)``: from each anchor on,
    characters correspond one to one until the next anchor.
    """

    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def to_raw(self, clean_offset: int) -> int:
        lo, hi = 0, len(self.anchors) - 1
        while lo < hi:  # last anchor whose clean offset <= clean_offset
            mid = (lo + hi + 1) // 2
            if self.anchors[mid][0] <= clean_offset:
                lo = mid
            else:
                hi = mid - 1
        clean_at, raw_at = self.anchors[lo]
        return raw_at + (clean_offset - clean_at)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline such as ``CAIRO (Reuters) -`` or ``WASHINGTON, Aug 15 (Reuters) -``."""

    place: str | None
    date_text: str | None = None
    date: str | None = None  # YYYY-MM-DD when the dateline makes it certain
    agency: str | None = None
    start: int = 0  # offsets in the cleaned text
    end: int = 0


@dataclass(frozen=True, slots=True)
class Credits:
    """Which agency an article carries (``wire``) versus agencies it merely cites."""

    wire: str | None = None
    cited: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()  # credit lines as written ("(Reporting by ...)")


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    article: Article
    text: str  # cleaned text: boilerplate removed, quotes/dashes/space normalised
    offsets: OffsetMap
    boilerplate: tuple[str, ...] = ()  # removed lines, as written
    dateline: Dateline | None = None
    credits: Credits = field(default_factory=Credits)
    outlet: str | None = None  # best outlet: metadata, URL domain, credits


# --------------------------------------------------------------------------- annotate


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: offsets into ``Article.text`` and the sentence."""

    article_id: str
    start: int
    end: int
    sentence: str
    sentence_index: int
    text: str = ""  # the span itself


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int  # offsets in the cleaned text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class NerSpan:
    start: int  # offsets in the cleaned text
    end: int
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, FAC, LOC, DATE, CARDINAL, ...
    text: str


@dataclass(frozen=True)
class Document:
    """One annotated article. ``parse`` is the spaCy ``Doc`` (opaque to later stages'
    records; extractors may read its tokens). Offsets are in ``text`` (cleaned)."""

    cleaned: CleanedArticle
    text: str
    sentences: tuple[Sentence, ...]
    entities: tuple[NerSpan, ...]
    parse: Any = field(default=None, compare=False, repr=False)

    @property
    def article_id(self) -> str:
        return self.cleaned.article.id

    def sentence_at(self, offset: int) -> Sentence:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return self.sentences[-1] if self.sentences else Sentence(0, 0, len(self.text), self.text)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the cleaned-text span ``[start, end)``, mapped to raw offsets."""
        sent = self.sentence_at(start)
        to_raw = self.cleaned.offsets.to_raw
        return Evidence(
            article_id=self.article_id,
            start=to_raw(start),
            end=to_raw(end),
            sentence=sent.text,
            sentence_index=sent.index,
            text=self.text[start:end],
        )


# --------------------------------------------------------------------------- extract

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "FACILITY", "MEDIA")


@dataclass(frozen=True, slots=True)
class Mention:
    """One surface form of an entity in an article."""

    text: str
    entity_id: str
    canonical: str
    type: str  # one of ENTITY_TYPES
    evidence: Evidence
    via: str = "ner"  # ner | profile | fuzzy | title | demonym | capital | short-form | framing


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, place or outlet resolved within an article (stable ``id`` across articles
    when the profile knows it: ``profile:<slug>``; else ``new:<slug>``)."""

    id: str
    canonical: str
    type: str
    forms: tuple[str, ...]
    party: str | None = None  # the party a person acts for (Burns -> United States)
    kind: str | None = (
        None  # country | city | region | crossing | corridor | armed_group | state_body | media | person | ...
    )
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression resolved against its anchor."""

    text: str
    start_date: str | None  # YYYY-MM-DD; None when it cannot be resolved
    end_date: str | None  # equal to start_date for a single day
    certain: bool  # resolved from a known date (not an estimated interval)
    kind: str  # date | weekday | relative | month | range | duration | age | background
    evidence: Evidence
    tense: str = "unknown"  # past | future | present | unknown
    cstart: int = 0  # offsets of the expression in the cleaned text (evidence holds raw offsets)
    cend: int = 0
    scope: str = "clause"  # "complement": dates the event after it ("a day after holding talks")


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """The publication date (when known) or the tightest interval the text implies."""

    date: str | None
    interval: tuple[str, str] | None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    kind: str  # talks | meeting | visit | call
    venue: str | None
    date: str | None  # YYYY-MM-DD when certain
    date_text: str | None
    participants: tuple[str, ...]  # party-level canonical names, mediators included
    people: tuple[str, ...]
    status: str  # held | ongoing | planned
    evidence: Evidence
    date_interval: tuple[str, str] | None = None  # when only a range is known
    more_evidence: tuple[Evidence, ...] = ()  # further sentences on the same meeting


@dataclass(frozen=True, slots=True)
class Figure:
    value: float | None
    qualifier: str  # exact | at least | more than | about | nearly | up to
    category: str  # killed | injured | hostages_held | hostages_released | ...
    who: str
    attributed_to: str | None
    evidence: Evidence
    value_text: str | None = None
    value_high: float | None = None  # upper bound of a range
    unit: str | None = None  # for category "other": what is counted
    as_of: str | None = None  # YYYY-MM-DD or None
    scope: str = "unknown"  # cumulative | incident | unknown
    percent: bool = False


@dataclass(frozen=True, slots=True)
class Position:
    actor: str
    issue: str
    stance: str  # demands | rejects | accepts | proposes
    evidence: Evidence
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str | None  # canonical entity name or description ("a senior Egyptian official")
    affiliation: str | None  # party the speaker speaks for
    direct: bool
    evidence: Evidence
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class FramingTerm:
    term: str  # as written
    stands_for: str | None  # neutral actor ("Israel") or None for a loaded description
    evidence: Evidence


@dataclass(frozen=True)
class ArticleRecord:
    """Everything parley knows about one article: what ``parley extract`` emits."""

    article: Article
    outlet: str | None
    published: PublicationDate
    boilerplate: tuple[str, ...]
    credits: Credits
    dateline: Dateline | None
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    figures: tuple[Figure, ...] = ()
    positions: tuple[Position, ...] = ()
    quotes: tuple[Quote, ...] = ()
    framing: tuple[FramingTerm, ...] = ()
    profile: str | None = None


# --------------------------------------------------------------------------- link


@dataclass(frozen=True, slots=True)
class OriginGroup:
    """Articles that are copies of one origin (syndication, exact or spun copies)."""

    origin_id: str
    members: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...] = ()  # (article_id, exact|near|spun)


@dataclass(frozen=True, slots=True)
class Round:
    """One timeline entry: meetings from several articles that are the same encounter."""

    id: str
    kind: str
    venue: str | None
    date_from: str | None
    date_to: str | None
    participants: tuple[str, ...]
    people: tuple[str, ...]
    status: str
    outlets: tuple[str, ...]
    independent_outlets: int
    evidence: tuple[Evidence, ...]
    conflicts: tuple[str, ...] = ()


def as_dict(record: Any) -> Any:
    """Plain-data view of a record (tuples become lists), for JSON."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: as_dict(getattr(record, f.name)) for f in dataclasses.fields(record) if f.name != "parse"}
    if isinstance(record, tuple | list):
        return [as_dict(item) for item in record]
    return record
