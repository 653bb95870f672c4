"""Property: every cleaned character maps back to a raw character that normalises to it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parley.clean import clean, normal_char
from parley.clean.offsets import build
from parley.records import Article

# characters that exercise folding, collapsing and vanishing
_ALPHABET = st.sampled_from(
    list("ab Z.,;'\"-|:()[]0123456789")
    + ["\n", "\r", "\t", "\u00a0", "\u2028", "\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014"]
    + ["\u200b", "\ufeff", "\u00ad", "é", "ß", "ä", "\u0627"]
)
_WORDS = st.sampled_from(
    [
        "Related Posts",
        "1 of 80",
        "Leave a Comment",
        "(Reporting by Jo Doe; Editing by Al Roe)",
        "Source: Xinhua",
        "CAIRO (Reuters) - ",
        "Talks resumed in Doha.",
        " | World News",
        "- Reuters",
        "Read more",
        "\n",
        "\n\n",
        "  ",
    ]
)
_TEXT = st.one_of(
    st.lists(st.one_of(st.text(_ALPHABET, max_size=12), _WORDS), max_size=30).map("".join),
    st.text(max_size=300),  # any unicode at all
)


def _check(raw: str, text: str, to_raw) -> None:  # type: ignore[no-untyped-def]
    for index, char in enumerate(text):
        position = to_raw(index)
        assert 0 <= position < len(raw)
        assert normal_char(raw[position]) == char


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_clean_offsets_map_back(raw: str) -> None:
    cleaned = clean(Article(id="p", text=raw, source="<p>"))
    _check(raw, cleaned.text, cleaned.offsets.to_raw)
    if cleaned.dateline is not None:
        assert 0 <= cleaned.dateline.start < cleaned.dateline.end <= len(cleaned.text)
    for removed in cleaned.boilerplate:
        assert removed in raw


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)), max_size=4))
def test_build_offsets_map_back_with_any_removals(raw: str, cuts: list[tuple[int, int]]) -> None:
    removed = [(start, min(len(raw), start + size)) for start, size in cuts if start < len(raw)]
    text, offsets = build(raw, removed)
    _check(raw, text, offsets.to_raw)
    kept = [i for i in range(len(text))]
    raws = [offsets.to_raw(i) for i in kept]
    assert raws == sorted(raws)  # order is kept
    assert not any(start <= r < end for r in raws for start, end in removed)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_cleaned_text_is_normalised(raw: str) -> None:
    text = clean(Article(id="p", text=raw, source="<p>")).text
    assert text == text.strip(" \n")
    assert "  " not in text and "\n\n" not in text and " \n" not in text and "\n " not in text
    assert not set(text) & set("\u2018\u2019\u201c\u201d\u2013\u2014\u00a0\u200b\r\t")


def test_span_end_maps_to_the_end_of_the_raw_span() -> None:
    raw = "Title  here\r\n\r\n  The  talks \u2014 in Cairo \u2014 ended.\nRelated Posts\n"
    cleaned = clean(Article(id="p", text=raw, source="<p>"))
    start = cleaned.text.index("in Cairo")
    end = start + len("in Cairo")
    assert raw[cleaned.offsets.to_raw(start) : cleaned.offsets.to_raw(end)] == "in Cairo"
    assert cleaned.text == "Title here\nThe talks - in Cairo - ended."
