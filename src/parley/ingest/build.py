"""Building the records a reader yields: ``Article`` (with outlet, date and hash filled in
the same way for every format) and ``Quarantined`` (with a one-line reason)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from parley.errors import InputError
from parley.ingest.dates import normalise_date
from parley.ingest.decode import printable_sample
from parley.records import Article, Quarantined

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What every reader is told: the size limit and the user's field map."""

    max_bytes: int = DEFAULT_MAX_BYTES
    field_map: Mapping[str, str] = field(default_factory=dict)


def content_hash(text: str) -> str:
    """sha256 of the text with runs of whitespace collapsed to one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def url_domain(url: str | None) -> str | None:
    """The host of ``url`` without a leading ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def one_line(value: object) -> str | None:
    """Metadata as one trimmed line, or None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def quarantine(source: str, code: str, detail: str = "", sample: bytes | str = b"") -> Quarantined:
    """A quarantined item whose reason is the coded message and its fix on one line."""
    error = InputError(code, " ".join(detail.split()))
    reason = f"{error.message}. Fix: {error.fix}."
    return Quarantined(source=source, code=code, reason=reason, sample=printable_sample(sample))


def make_article(
    *,
    id: str,
    text: str,
    source: str,
    outlet: object = None,
    url: object = None,
    title: object = None,
    published: object = None,
    author: object = None,
    html: str | None = None,
    meta: tuple[tuple[str, str], ...] = (),
) -> Article:
    """An ``Article`` with outlet (metadata, else URL domain), date and hash normalised."""
    clean_url = one_line(url)
    return Article(
        id=id,
        text=text,
        source=source,
        outlet=one_line(outlet) or url_domain(clean_url),
        url=clean_url,
        title=one_line(title),
        published=normalise_date(published),
        author=one_line(author),
        html=html,
        meta=meta,
        content_hash=content_hash(text),
    )
