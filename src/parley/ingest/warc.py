"""Web archives (``.warc``/``.warc.gz``, read with warcio): every response (or resource)
record that holds an HTML page becomes an article through the HTML reader; its URL is
the record's ``WARC-Target-URI``. Other records (requests, images, metadata) are skipped.
A broken or truncated record is quarantined; reading stops at a broken archive.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from parley.ingest.build import ReadOptions, quarantine
from parley.ingest.decode import decode_bytes
from parley.ingest.html import article_from_html
from parley.records import Article, Quarantined

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_TYPES = ("response", "resource")


def _starts_like_warc(stream: IO[bytes]) -> bool:
    head = stream.read(2)
    stream.seek(0)
    if head == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=stream) as unzipped:
                head = unzipped.read(5)
        except (OSError, EOFError, zlib.error):
            head = b""
        stream.seek(0)
        return head == b"WARC/"
    head = stream.read(5)
    stream.seek(0)
    return head == b"WARC/"


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return (value or "").lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decode_payload(payload: bytes, content_type: str) -> tuple[str | None, str, str]:
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset), "", ""
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_bytes(payload)
    return decoded.text, decoded.code, decoded.detail


def _record(record: Any, path: str, number: int, options: ReadOptions) -> Article | Quarantined | None:
    content_type = _content_type(record)
    if record.rec_type not in _RECORD_TYPES or not content_type.startswith(_HTML_TYPES):
        return None
    source = f"{path}:{number}"
    if (record.length or 0) > options.max_bytes:
        return quarantine(source, "E103", f"record over {options.max_bytes} bytes")
    payload = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0):
        return quarantine(source, "E111", "the record is truncated", payload)
    markup, code, detail = _decode_payload(payload, content_type)
    if markup is None:
        return quarantine(source, code, detail, payload)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return article_from_html(markup, source, f"{Path(path).name.split('.')[0]}-{number}", url=url)


def read_warc(path: str, stream: IO[bytes], options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read a WARC file (plain or gzipped) from a seekable binary stream."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _starts_like_warc(stream):
        yield quarantine(path, "E111", "it does not start with a WARC/ header", stream.read(80))
        return
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            item = _record(record, path, number, options)
            if item is not None:
                yield item
    except (ArchiveLoadFailed, ValueError, AttributeError, TypeError, OSError, EOFError, zlib.error) as exc:
        detail = f"record {number + 1}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        yield quarantine(f"{path}:{number + 1}", "E111", detail)
