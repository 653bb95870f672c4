"""RSS and Atom feeds (``.xml``/``.rss``/``.atom``, or sniffed): one article per item.

feedparser reads the local bytes only (never a URL). An item's text is its full content
when the feed carries it, else its summary, with the HTML stripped. Items without either
are quarantined. A feed broken part-way yields the items read and one quarantined entry
for the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parley.ingest.build import ReadOptions, make_article, quarantine, url_domain
from parley.ingest.decode import binary_kind
from parley.ingest.html import fragment_text
from parley.records import Article, Quarantined

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a file look like RSS, Atom or RDF."""
    lowered = head[:2048].lower()
    return any(marker in lowered for marker in _FEED_MARKERS)


def _item_text(entry: Any) -> str:
    contents = [part.get("value", "") for part in entry.get("content", []) if isinstance(part, dict)]
    for markup in sorted(contents, key=len, reverse=True) + [entry.get("summary", "")]:
        text = fragment_text(markup or "")
        if text.strip():
            return text
    return ""


def _outlet(entry: Any, feed_title: str | None) -> str | None:
    source = entry.get("source") or {}
    title = source.get("title") if isinstance(source, dict) else None
    return title or url_domain(entry.get("link")) or feed_title


def _item(entry: Any, path: str, number: int, feed_title: str | None) -> Article | Quarantined:
    source = f"{path}:{number}"
    text = _item_text(entry)
    if not text:
        return quarantine(source, "E108", "the feed item has no content or summary", str(entry.get("title", "")))
    return make_article(
        id=str(entry.get("id") or entry.get("link") or f"{Path(path).stem}-{number}"),
        text=text,
        source=source,
        outlet=_outlet(entry, feed_title),
        url=entry.get("link"),
        title=entry.get("title"),
        published=entry.get("published") or entry.get("updated"),
        author=entry.get("author"),
    )


def _syntax_broken(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if exc is None or type(exc).__name__.startswith("CharacterEncoding"):
        return None
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def read_feed(path: str, data: bytes, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read one RSS/Atom file's bytes."""
    if not data.strip():
        yield quarantine(path, "E101")
        return
    kind = binary_kind(data)
    if kind is not None:
        yield quarantine(path, "E102", kind, data)
        return
    import feedparser

    parsed = feedparser.parse(data)  # bytes: parsed as a document, never fetched
    entries = list(parsed.get("entries", []))
    problem = _syntax_broken(parsed)
    if not entries:
        yield quarantine(path, "E110", problem or "no items in it", data)
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        yield _item(entry, path, number, feed_title)
    if problem:
        yield quarantine(path, "E110", f"{problem}; the {len(entries)} items before it were read", data)
