"""Ingest: read the user's files into ``Article`` records (or ``Quarantined`` ones).

One module per format: ``text`` (.txt with YAML front matter), ``html`` (trafilatura),
``tabular`` (JSONL/JSON/CSV news-API exports), ``feeds`` (RSS/Atom), ``warc`` (web
archives). ``read_paths`` expands the inputs and picks the reader. Bad input never
raises: it comes out as ``Quarantined`` with a code from ``parley.errors``. Nothing is
ever fetched from the network.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from parley.errors import UsageError
from parley.ingest.build import DEFAULT_MAX_BYTES, ReadOptions, content_hash
from parley.ingest.dispatch import read_one
from parley.ingest.fields import ARTICLE_FIELDS, parse_field_map
from parley.ingest.paths import expand_paths
from parley.records import Article, Quarantined

__all__ = ["ARTICLE_FIELDS", "DEFAULT_MAX_BYTES", "content_hash", "parse_field_map", "read_paths"]


def read_paths(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    field_map: Mapping[str, str] | None = None,
) -> Iterator[Article | Quarantined]:
    """Articles (and quarantined items) from files, folders, globs and ``-`` (JSONL on stdin).

    Raises ``UsageError`` E501 when no path matches anything, and E500 for a field map
    naming an unknown article field; every problem with the input itself is yielded as
    ``Quarantined``.
    """
    if isinstance(paths, str):
        paths = [paths]
    found, missing = expand_paths(paths)
    if not found:
        raise UsageError("E501", ", ".join(paths) or "no paths given")
    if max_bytes <= 0:
        raise UsageError("E500", f"max_bytes must be positive, not {max_bytes}")
    options = ReadOptions(max_bytes=max_bytes, field_map=parse_field_map(field_map or {}))
    return _read_all(found, missing, options)


def _read_all(found: list[str], missing: list[str], options: ReadOptions) -> Iterator[Article | Quarantined]:
    from parley.ingest.build import quarantine

    for path in missing:
        yield quarantine(path, "E100", "no file matches it")
    for path in found:
        yield from read_one(path, options)
