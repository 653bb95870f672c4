"""Finding boilerplate in the raw text: whole lines, a title-line suffix, and the teaser
headlines that follow a "Related posts" header.

Lines are matched after folding (curly quotes and dashes made plain) against the rules
of ``boilerplate.yaml``; a line longer than its rule's ``max_words`` is never removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from parley.clean.fold import LINE_BREAKS, VANISHING, fold
from parley.clean.lexicon import Boilerplate, boilerplate

_LINES = re.compile(f"[^{re.escape(LINE_BREAKS)}]+")
_STRIP = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000" + VANISHING
_SENTENCE_END = re.compile(r"""[.!?:;"')\]]\s*$""")
_TITLE_MAX_WORDS = 30
_TEASER_MAX_WORDS = 20
_MIN_TITLE_WORDS = 3
_NAME_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # raw offsets of the line's text, surrounding spaces left out
    end: int
    text: str  # folded text


@dataclass(frozen=True, slots=True)
class Removal:
    start: int
    end: int
    text: str  # as written in the raw text
    group: str


def lines_of(raw: str) -> Iterator[Line]:
    """The non-blank lines of ``raw`` with their raw offsets."""
    for match in _LINES.finditer(raw):
        chunk = match.group()
        stripped = chunk.strip(_STRIP)
        if not stripped.strip():
            continue
        start = match.start() + len(chunk) - len(chunk.lstrip(_STRIP))
        yield Line(start, start + len(stripped), fold(stripped))


def _text_group(text: str, rules: Boilerplate) -> str | None:
    words = len(text.split())
    for rule in rules.lines:
        if words <= rule.max_words and rule.pattern.fullmatch(text):
            return rule.group
    return None


def _short_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= _NAME_MAX_WORDS and all(word[:1].isupper() or word[:1].isdigit() for word in words)


def line_group(line: Line, rules: Boilerplate) -> str | None:
    """The boilerplate group a whole line belongs to, or None for content.

    A line of " | "-separated parts ("Example Post | Share this story") is boilerplate
    when one part is and every other part is too, or is a short name."""
    text = line.text.strip()
    group = _text_group(text, rules)
    if group is not None or " | " not in text:
        return group
    parts = [part.strip() for part in text.split(" | ")]
    groups = [_text_group(part, rules) for part in parts]
    if any(groups) and all(g is not None or _short_name(p) for g, p in zip(groups, parts, strict=True)):
        return next(g for g in groups if g)
    return None


def reads_as_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) or len(text.split()) > _TEASER_MAX_WORDS


def title_suffix(line: Line, rules: Boilerplate) -> tuple[int, int] | None:
    """Raw span of a section/site suffix at the end of a headline-like first line."""
    if len(line.text.split()) > _TITLE_MAX_WORDS or reads_as_sentence(line.text.rstrip("\"'")):
        return None
    for pattern in rules.title_suffixes:
        match = pattern.search(line.text)
        if match and len(line.text[: match.start()].split()) >= _MIN_TITLE_WORDS:
            cut = match.start() + len(match.group()) - len(match.group().lstrip())
            return line.start + cut, line.end
    return None


def find_boilerplate(raw: str, lines: list[Line] | None = None) -> list[Removal]:
    """Every boilerplate span of ``raw`` (whose ``lines_of`` may be given), in order."""
    rules = boilerplate()
    found: list[Removal] = []
    in_tail = False
    for index, line in enumerate(lines_of(raw) if lines is None else lines):
        group = line_group(line, rules)
        if group is None and in_tail and not reads_as_sentence(line.text):
            group = "teasers"
        elif group is None:
            in_tail = False
        if group is not None:
            found.append(Removal(line.start, line.end, raw[line.start : line.end], group))
            in_tail = in_tail or any(p.fullmatch(line.text) for p in rules.tail_headers)
            continue
        suffix = title_suffix(line, rules) if index == 0 else None
        if suffix is not None:
            found.append(Removal(suffix[0], suffix[1], raw[suffix[0] : suffix[1]], "title_suffix"))
    return found
