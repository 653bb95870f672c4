"""News-API exports: JSON Lines, JSON (array, object, or ``{"articles": [...]}``) and CSV.

Each record becomes one article (``source`` = ``path:N``, N the line of the record, or the
item number in a JSON array). A malformed line or row is quarantined and reading goes on.
JSONL and CSV are read as streams, so ``max_bytes`` limits each record, not the file.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from parley.ingest.build import ReadOptions, make_article, quarantine
from parley.ingest.decode import best_guess, binary_kind
from parley.ingest.fields import ALIASES, leftover_meta, pick_fields
from parley.records import Article, Quarantined

_LIST_KEYS = ("articles", "results", "data", "items", "documents", "docs", "hits", "records")
_DELIMITERS = (",", ";", "\t", "|")
_SAMPLE = 262_144


def article_from_record(
    record: Mapping[str, Any], source: str, default_id: str, options: ReadOptions
) -> Article | Quarantined:
    """One article from a decoded record, or why it cannot be one."""
    fields = pick_fields(record, options.field_map)
    text = fields.get("text")
    sample = json.dumps(record, ensure_ascii=False, default=str)[:200]
    if not isinstance(text, str) or not text.strip():
        wanted = options.field_map.get("text") or "/".join(ALIASES["text"][:4])
        return quarantine(source, "E108", f"the record has no {wanted} field, or it is empty", sample)
    if "\x00" in text:
        return quarantine(source, "E102", "the text field contains NUL bytes", sample)
    if len(text.encode("utf-8", "replace")) > options.max_bytes:
        return quarantine(source, "E103", f"text over {options.max_bytes} bytes", sample)
    return make_article(
        id=str(fields.get("id") or default_id).strip(),
        text=text,
        source=source,
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        title=fields.get("title"),
        published=fields.get("published"),
        author=fields.get("author"),
        meta=leftover_meta(record, options.field_map),
    )


# --------------------------------------------------------------------------- encoding


def detect_stream_encoding(sample: bytes) -> str | None:
    """The encoding of a streamed file from its first bytes (UTF-8 first), or None."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = best_guess(sample)
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    return best.encoding


def _decode_line(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        best = best_guess(raw)
        return None if best is None else str(best)


# --------------------------------------------------------------------------- JSON


def _json_line(raw: bytes, source: str, number: int, encoding: str, options: ReadOptions) -> Article | Quarantined:
    if len(raw) > options.max_bytes:
        return quarantine(source, "E103", f"line over {options.max_bytes} bytes", raw)
    line = _decode_line(raw, encoding)
    if line is None:
        return quarantine(source, "E104", "", raw)
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return quarantine(source, "E105", str(exc).splitlines()[0], raw)
    if not isinstance(record, dict):
        return quarantine(source, "E105", f"a JSON {type(record).__name__}, not an object", raw)
    return article_from_record(record, source, f"{Path(source.rsplit(':', 1)[0]).stem}-{number}", options)


def read_jsonl_stream(path: str, stream: IO[bytes], options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read JSON Lines from a binary stream (a file or standard input)."""
    encoding = ""
    seen = False
    for number, raw in enumerate(bounded_lines(stream, options.max_bytes), start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        kind = binary_kind(raw[:_SAMPLE]) if not seen else None
        if kind is not None and not raw.lstrip().startswith(b"{"):
            yield quarantine(path, "E102", kind, raw)
            return
        if not seen:
            encoding = detect_stream_encoding(raw[:_SAMPLE]) or "utf-8"
        seen = True
        yield _json_line(raw.rstrip(b"\r\n"), f"{path}:{number}", number, encoding, options)
    if not seen:
        yield quarantine(path, "E101")


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes]:
    """Lines of a binary stream; a line over ``limit`` bytes is cut to ``limit + 1`` bytes."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                rest = stream.readline(65536)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _json_items(document: Any) -> list[Any] | None:
    if document is None:
        return None
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _LIST_KEYS:
            if isinstance(document.get(key), list):
                return list(document[key])
        return [document]
    return None


def read_json(path: str, stream: IO[bytes], options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read a ``.json`` file: one JSON document (array/object), else JSON Lines."""
    head = stream.read(_SAMPLE)
    kind = binary_kind(head)
    if kind is not None:
        yield quarantine(path, "E102", kind, head)
        return
    wanted = max(0, options.max_bytes + 1 - len(head))
    data = head + (stream.read(wanted) if len(head) == _SAMPLE and wanted else b"")
    too_big = len(data) > options.max_bytes
    items = None if too_big else _json_items(_whole_json(data))
    if items is not None:
        yield from _json_array_items(path, items, options)
        return
    if too_big and not _first_line_is_json(data):
        yield quarantine(path, "E103", f"a JSON document over {options.max_bytes} bytes", data)
        return
    stream.seek(0)
    yield from read_jsonl_stream(path, stream, options)


def _first_line_is_json(data: bytes) -> bool:
    first = data.lstrip().split(b"\n", 1)[0]
    return _whole_json(first) is not None


def _whole_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None


def _json_array_items(path: str, items: list[Any], options: ReadOptions) -> Iterator[Article | Quarantined]:
    if not items:
        yield quarantine(path, "E108", "the JSON holds no records")
    for number, item in enumerate(items, start=1):
        source = f"{path}:{number}"
        if not isinstance(item, dict):
            yield quarantine(source, "E105", f"item {number} is a JSON {type(item).__name__}, not an object", str(item))
            continue
        yield article_from_record(item, source, f"{Path(path).stem}-{number}", options)


# --------------------------------------------------------------------------- CSV


def _decoded_lines(stream: IO[bytes], encoding: str) -> Iterator[str]:
    for raw in stream:
        yield raw.decode(encoding, "replace")


def _delimiter(header: str, path: str) -> str:
    if path.lower().endswith(".tsv"):
        return "\t"
    return max(_DELIMITERS, key=header.count)


def _text_column(header: list[str], options: ReadOptions) -> bool:
    wanted = {options.field_map["text"].lower()} if "text" in options.field_map else set(ALIASES["text"])
    return any(name.strip().lower() in wanted for name in header)


def read_csv(path: str, stream: IO[bytes], options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read a CSV (or TSV) file row by row; the first row is the header."""
    head = stream.read(_SAMPLE)
    kind = binary_kind(head)
    if kind is not None:
        yield quarantine(path, "E102", kind, head)
        return
    encoding = detect_stream_encoding(head)
    if encoding is None:
        yield quarantine(path, "E104", "", head)
        return
    stream.seek(0)
    yield from _csv_rows(path, _decoded_lines(stream, encoding), options)


def _csv_rows(path: str, lines: Iterable[str], options: ReadOptions) -> Iterator[Article | Quarantined]:
    iterator = iter(lines)
    first = next(iterator, "")
    if not first.strip():
        yield quarantine(path, "E101", "no header row")
        return
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    reader = csv.reader(_chain_text(first.lstrip("\ufeff"), iterator), delimiter=_delimiter(first, path), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:  # an unclosed quote in the header, say
        yield quarantine(path, "E106", f"the header row cannot be read: {exc}", first)
        return
    if not _text_column(header, options):
        yield quarantine(path, "E106", f"the header has no text column ({', '.join(header)[:120]})", first)
        return
    yield from _csv_records(path, reader, [name.strip() for name in header], options)


def _chain_text(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _csv_records(path: str, reader: Any, header: list[str], options: ReadOptions) -> Iterator[Article | Quarantined]:
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            code = "E103" if "field limit" in str(exc) else "E106"
            yield quarantine(f"{path}:{start}", code, str(exc))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            detail = f"the row has {len(row)} fields, the header {len(header)}"
            yield quarantine(f"{path}:{start}", "E106", detail, ",".join(row))
            continue
        record = dict(zip(header, row, strict=True))
        yield article_from_record(record, f"{path}:{start}", f"{Path(path).stem}-{start}", options)
