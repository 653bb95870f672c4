"""HTML pages (``.html``/``.htm``): trafilatura finds the main text and the metadata.

Nothing is fetched: trafilatura works on the given markup only, and the date comes from
the page's own metadata (htmldate without its extensive text search). The original HTML
is kept in ``Article.html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parley.ingest.build import ReadOptions, make_article, quarantine
from parley.ingest.decode import decode_bytes
from parley.records import Article, Quarantined

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_BLOCK_TAGS = frozenset(
    ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")
    + ("table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr")
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _extract(markup: str) -> Any:
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        return None
    return trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )


def article_from_html(markup: str, source: str, ident: str, url: str | None = None) -> Article | Quarantined:
    """One article from a page's markup (``url`` from outside, e.g. a WARC header, wins)."""
    if "<" not in markup:
        return quarantine(source, "E107", "there is no HTML markup in it", markup)
    try:
        found = _extract(markup)
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        return quarantine(source, "E107", type(exc).__name__, markup)
    if found is None or not (found.text or "").strip():
        return quarantine(source, "E108", "no main text in the page", markup)
    return make_article(
        id=ident,
        text=found.text,
        source=source,
        outlet=found.sitename,
        url=url or found.url,
        title=found.title,
        published=found.date,
        author=found.author,
        html=markup,
    )


def read_html(path: str, data: bytes, options: ReadOptions) -> Iterator[Article | Quarantined]:
    """Read one ``.html``/``.htm`` file's bytes."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        yield quarantine(path, decoded.code, decoded.detail, data)
        return
    yield article_from_html(decoded.text, path, Path(path).stem)


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), one line per block."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    try:
        return _join_blocks(root)
    except RecursionError:
        return " ".join(root.text_content().split())


def _join_blocks(root: Any) -> str:
    chunks: list[str] = []

    def walk(element: Any) -> None:
        if not isinstance(element.tag, str):  # comments, processing instructions
            return
        is_block = isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS
        if is_block:
            chunks.append("\n")
        chunks.append(element.text or "")
        for child in element:
            walk(child)
            chunks.append(child.tail or "")
        if is_block:
            chunks.append("\n")

    walk(root)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(chunks).split("\n"))
    return "\n".join(line for line in lines if line)
