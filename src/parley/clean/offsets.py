"""Building the cleaned text and its ``OffsetMap`` in one pass.

The raw text is cut into runs: kept text (folded one character for one), whitespace
(a run with a line break becomes one "\\n", any other run one " ") and vanishing
characters (dropped). Spans listed as removed (boilerplate) are skipped, and the
whitespace on both sides of them merges. Every cleaned character maps to the raw
character it came from: for a collapsed run, its first line break, else its first
character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from parley.clean.fold import LINE_BREAKS, VANISHING, fold
from parley.records import OffsetMap

# text runs take single plain spaces along (they map one for one), so a line is mostly one run
_RUNS = re.compile(rf"(?P<text>[^\s{VANISHING}]+(?: [^\s{VANISHING}]+)*)|(?P<space>\s+)|(?P<gone>[{VANISHING}]+)")
_BREAK = re.compile(f"[{re.escape(LINE_BREAKS)}]")


def _kept_segments(length: int, removed: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    position = 0
    for start, end in sorted(removed):
        if start > position:
            yield position, start
        position = max(position, end)
    if position < length:
        yield position, length


class _Builder:
    """Accumulates cleaned pieces with the raw offset of their first character."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.length = 0
        self.next_raw = -1  # raw offset that would continue the current anchor
        self.pending: tuple[str, int] | None = None  # whitespace waiting for the next text

    def space(self, run: str, raw_at: int) -> None:
        found = _BREAK.search(run)
        piece = ("\n", raw_at + found.start()) if found else (" ", raw_at)
        if self.pending is None or (piece[0] == "\n" and self.pending[0] == " "):
            self.pending = piece

    def text(self, run: str, raw_at: int) -> None:
        if self.pending is not None and self.length:
            self._emit(*self.pending)
        self.pending = None
        self._emit(fold(run), raw_at)

    def _emit(self, piece: str, raw_at: int) -> None:
        if raw_at != self.next_raw:
            self.anchors.append((self.length, raw_at))
        self.pieces.append(piece)
        self.length += len(piece)
        self.next_raw = raw_at + len(piece)


def build(raw: str, removed: Sequence[tuple[int, int]] = ()) -> tuple[str, OffsetMap]:
    """The cleaned text of ``raw`` without the ``removed`` spans, and its offset map."""
    builder = _Builder()
    for seg_start, seg_end in _kept_segments(len(raw), removed):
        for match in _RUNS.finditer(raw, seg_start, seg_end):
            if match.lastgroup == "space":
                builder.space(match.group(), match.start())
            elif match.lastgroup == "text":
                builder.text(match.group(), match.start())
    anchors = tuple(builder.anchors) or ((0, 0),)
    return "".join(builder.pieces), OffsetMap(anchors=anchors)
