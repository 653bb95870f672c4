"""Helpers for the ingest tests: the fixture folder and a WARC writer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], gzip: bool = True) -> Path:
    """A WARC file of response records ``(url, payload, content type)`` plus one request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        request = writer.create_warc_record(pages[0][0], "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
        for url, payload, content_type in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)
    return path


@pytest.fixture
def warc_writer():  # type: ignore[no-untyped-def]
    """``write_warc`` for tests (conftest modules are not imported by name)."""
    return write_warc
