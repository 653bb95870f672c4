"""Plain-text articles (``.txt``), with optional YAML front matter.

::

    ---
    id: cairo-talks-01
    outlet: Example Post
    published: 2024-08-22
    ---
    Body text ...

Known keys are ``id``, ``outlet``, ``url``, ``published``, ``title`` and ``author``; any
other key goes into ``Article.meta``. ``Article.text`` is the body after the front matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parley.ingest.build import ReadOptions, make_article, quarantine
from parley.records import Article, Quarantined

_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_KNOWN = ("id", "outlet", "url", "published", "title", "author")


class FrontMatterError(ValueError):
    """The front matter cannot be read as a YAML mapping."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(front matter, body)``; an empty mapping when the text has none."""
    opening = _OPEN.match(text)
    if not opening:
        return {}, text
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise FrontMatterError("no closing '---' line")
    import yaml

    block = text[opening.end() : closing.start()]
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        data = _plain_lines(block)  # "title: Istanbul's bargain: why ..." is not YAML, but is clear
        if data is None:
            raise FrontMatterError(str(exc).splitlines()[0]) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("it is not a list of 'key: value' lines")
    return {str(key): value for key, value in data.items()}, text[closing.end() :]


_PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(.*?)[ \t]*$")


def _plain_lines(block: str) -> dict[str, Any] | None:
    """Front matter read as plain ``key: value`` lines, the value the rest of the line (YAML
    would stop at a second colon); None when a line is not like that or a value opens YAML
    syntax ("[", "{", a quote) that the YAML reader already found broken."""
    data: dict[str, Any] = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _PLAIN_LINE.match(line)
        if m is None or m.group(2)[:1] in ("[", "{", "'", '"', "&", "*", "!", "|", ">"):
            return None
        data[m.group(1)] = m.group(2)
    return data or None


def _meta(front: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((key, str(value)) for key, value in front.items() if key not in _KNOWN and value is not None)


def article_from_text(text: str, path: str) -> Article | Quarantined:
    """One article from the decoded text of a ``.txt`` file."""
    try:
        front, body = split_front_matter(text)
    except FrontMatterError as exc:
        return quarantine(path, "E112", str(exc), text)
    if not body.strip():
        return quarantine(path, "E101" if not front else "E108", "the body after the front matter is empty", text)
    ident = str(front.get("id") or "").strip() or Path(path).stem
    return make_article(
        id=ident,
        text=body,
        source=path,
        outlet=front.get("outlet"),
        url=front.get("url"),
        title=front.get("title"),
        published=front.get("published"),
        author=front.get("author"),
        meta=_meta(front),
    )


def read_text(path: str, data: bytes, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read one ``.txt`` file's bytes."""
    from parley.ingest.decode import decode_bytes

    decoded = decode_bytes(data)
    if decoded.text is None:
        yield quarantine(path, decoded.code, decoded.detail, data)
        return
    yield article_from_text(decoded.text, path)
