"""The article-record JSON format of ``gold/SCHEMA.md``: what ``parley extract`` emits.

``to_schema`` turns an ``ArticleRecord`` into that plain-data shape, adding offsets and
sentence numbers for every fact (the scorer ignores fields it does not know).
"""

from __future__ import annotations

from typing import Any

from parley.records import ArticleRecord, Evidence, Figure, Meeting, Position, Quote


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {
        "evidence": ev.text,
        "start": ev.start,
        "end": ev.end,
        "sentence_index": ev.sentence_index,
        "sentence": ev.sentence,
    }


def _meeting(m: Meeting) -> dict[str, Any]:
    out = {
        "kind": m.kind,
        "venue": m.venue,
        "date": m.date,
        "date_text": m.date_text,
        "date_interval": list(m.date_interval) if m.date_interval else None,
        "participants": list(m.participants),
        "people": list(m.people),
        "status": m.status,
    }
    out.update(_evidence(m.evidence))
    return out


def _figure(f: Figure) -> dict[str, Any]:
    value: float | int | None = f.value
    if value is not None and float(value).is_integer():
        value = int(value)
    out: dict[str, Any] = {
        "value": value,
        "qualifier": f.qualifier,
        "category": f.category,
        "who": f.who,
        "attributed_to": f.attributed_to,
    }
    for key in ("value_text", "value_high", "unit", "as_of"):
        if getattr(f, key) is not None:
            out[key] = getattr(f, key)
    out["scope"] = f.scope
    out.update(_evidence(f.evidence))
    return out


def _position(p: Position) -> dict[str, Any]:
    out: dict[str, Any] = {"actor": p.actor, "issue": p.issue, "stance": p.stance}
    if p.detail:
        out["detail"] = p.detail
    out.update(_evidence(p.evidence))
    return out


def _quote(q: Quote) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": q.text,
        "speaker": q.speaker,
        "affiliation": q.affiliation,
        "direct": q.direct,
        "anonymous": q.anonymous,
    }
    out.update(_evidence(q.evidence))
    return out


def to_schema(record: ArticleRecord) -> dict[str, Any]:
    """The SCHEMA.md article record for ``record``, with provenance on every fact."""
    art = record.article
    pub = record.published
    return {
        "id": art.id,
        "outlet": record.outlet,
        "url": art.url,
        "title": art.title,
        "source": art.source,
        "published": pub.date,
        "published_interval": list(pub.interval) if pub.interval else None,
        "published_reasons": list(pub.reasons),
        "profile": record.profile,
        "entities": [
            {
                "id": e.id,
                "canonical": e.canonical,
                "type": e.type,
                "forms": list(e.forms),
                "party": e.party,
                "kind": e.kind,
            }
            for e in record.entities
        ],
        "meetings": [_meeting(m) for m in record.meetings],
        "figures": [_figure(f) for f in record.figures],
        "positions": [_position(p) for p in record.positions],
        "quotes": [_quote(q) for q in record.quotes],
        "framing_terms": sorted({t.term for t in record.framing}),
        "framing": [{"term": t.term, "stands_for": t.stands_for, **_evidence(t.evidence)} for t in record.framing],
        "boilerplate": list(record.boilerplate),
        "credits": {
            "wire": record.credits.wire,
            "cited": list(record.credits.cited),
            "lines": list(record.credits.lines),
        },
        "dateline": (
            {"place": record.dateline.place, "date": record.dateline.date, "agency": record.dateline.agency}
            if record.dateline
            else None
        ),
    }
