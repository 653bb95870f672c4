"""Clean: remove boilerplate, normalise the text with an exact offsets map, and record
the dateline and the credits.

``clean(article)`` keeps every article sentence. The cleaned text folds curly quotes to
straight ones and dashes (– — ―) to "-" one character for one, drops zero-width
characters, collapses runs of spaces to one space and runs of blank lines to one "\\n".
``CleanedArticle.offsets.to_raw(i)`` is the offset in ``article.text`` of cleaned
character ``i``. Patterns live in ``profiles/data/lexicons/{boilerplate,credits,datelines}.yaml``.
"""

from __future__ import annotations

from parley.clean.boilerplate import find_boilerplate, lines_of
from parley.clean.credits import find_credits
from parley.clean.dateline import find_dateline
from parley.clean.fold import fold, normal_char
from parley.clean.offsets import build
from parley.ingest.build import url_domain
from parley.records import Article, CleanedArticle

__all__ = ["clean", "fold", "normal_char"]


def clean(article: Article) -> CleanedArticle:
    """The cleaned form of one article (never raises on odd text)."""
    raw = article.text
    lines = list(lines_of(raw))
    removals = find_boilerplate(raw, lines)
    text, offsets = build(raw, [(r.start, r.end) for r in removals])
    dateline = find_dateline(text, article.published)
    removed = {(r.start, r.end) for r in removals}
    content = [line for line in lines if (line.start, line.end) not in removed]
    outlet = article.outlet or url_domain(article.url)
    credits = find_credits(raw, lines, text, dateline, content, outlet)
    return CleanedArticle(
        article=article,
        text=text,
        offsets=offsets,
        boilerplate=tuple(r.text for r in removals),
        dateline=dateline,
        credits=credits,
        outlet=outlet,
    )
