"""Picking the reader for one input: by file extension, else by sniffing the first bytes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import IO

from parley.ingest.build import ReadOptions, quarantine
from parley.ingest.feeds import looks_like_feed, read_feed
from parley.ingest.html import read_html
from parley.ingest.paths import STDIN
from parley.ingest.tabular import read_csv, read_json, read_jsonl_stream
from parley.ingest.text import read_text
from parley.ingest.warc import read_warc
from parley.records import Article, Quarantined

Items = Iterator[Article | Quarantined]
WholeReader = Callable[[str, bytes, ReadOptions], Items]
StreamReader = Callable[[str, IO[bytes], ReadOptions], Items]

# whole-file formats: max_bytes limits the file
WHOLE: dict[str, WholeReader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
# streamed formats: max_bytes limits each record
STREAMED: dict[str, StreamReader] = {
    ".jsonl": read_jsonl_stream,
    ".ndjson": read_jsonl_stream,
    ".json": read_json,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def extension(path: str) -> str:
    """The reader-relevant extension, lower-cased (``.warc.gz`` counts as one)."""
    lowered = path.lower()
    if lowered.endswith(".warc.gz"):
        return ".warc.gz"
    return os.path.splitext(lowered)[1]


def sniff(head: bytes) -> str | None:
    """An extension for a file without a known one, from its first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"warc/") or head.startswith(b"\x1f\x8b"):
        return ".warc.gz" if head.startswith(b"\x1f\x8b") else ".warc"
    if looks_like_feed(stripped):
        return ".xml"
    if stripped.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if stripped.startswith(b"{"):
        return ".jsonl"
    if stripped.startswith(b"["):
        return ".json"
    return None


def read_one(path: str, options: ReadOptions) -> Items:
    """Every item of one input path (``-`` is JSON Lines on standard input)."""
    if path == STDIN:
        yield from read_jsonl_stream("<stdin>", sys.stdin.buffer, options)
        return
    try:
        with open(path, "rb") as stream:
            yield from _read_open(path, stream, options)
    except OSError as exc:
        yield quarantine(path, "E100", exc.strerror or type(exc).__name__)


def _read_open(path: str, stream: IO[bytes], options: ReadOptions) -> Items:
    ext = extension(path)
    if ext not in WHOLE and ext not in STREAMED:
        head = stream.read(4096)
        stream.seek(0)
        if not head.strip():
            yield quarantine(path, "E101")
            return
        sniffed = sniff(head)
        if sniffed is None:
            yield quarantine(path, "E109", repr(ext or "(no extension)"), head)
            return
        ext = sniffed
    if ext in STREAMED:
        yield from STREAMED[ext](path, stream, options)
        return
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield quarantine(path, "E103", f"over {options.max_bytes} bytes", data)
        return
    yield from WHOLE[ext](path, data, options)
