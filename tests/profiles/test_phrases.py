"""Name normalisation and the phrase index: spellings join, case carries meaning."""

from __future__ import annotations

import pytest

from parley.profiles.names import name_key, slug
from parley.profiles.phrases import PhraseIndex


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the el-Sisi", "Sisi"),
        ("Al-Qahera News", "Qahera News"),
        ("U.S.", "United States"),
        ("USA", "US"),
        ("Erdoğan", "Erdogan"),
        ("GAZA STRIP", "the Gaza Strip"),
    ],
)
def test_spellings_that_normalise_together(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_slug_is_stable() -> None:
    assert slug("Abdel Fattah al-Sisi") == "abdel-fattah-al-sisi"


def index() -> PhraseIndex[str]:
    ix: PhraseIndex[str] = PhraseIndex()
    for phrase, value in [
        ("Burns", "burns"),
        ("US", "us"),
        ("Gaza Strip", "gaza"),
        ("Gaza", "gaza"),
        ("Abdel Fattah al-Sisi", "sisi"),
        ("resistance movement", "rm"),
        ("the resistance", "r"),
    ]:
        ix.add(phrase, value, keep_the=phrase.startswith("the "))
    return ix


def found(text: str) -> list[tuple[str, str]]:
    return [(h.text, h.values[0]) for h in index().find(text)]


def test_case_carries_meaning() -> None:
    assert found("Burns met us in the US; the fire burns.") == [("Burns", "burns"), ("US", "us")]


def test_article_prefixes_and_longest_phrase() -> None:
    assert found("President Abdel Fattah El-Sisi toured the GAZA STRIP.") == [
        ("Abdel Fattah El-Sisi", "sisi"),
        ("GAZA STRIP", "gaza"),
    ]


def test_longer_phrase_wins_over_an_earlier_shorter_one() -> None:
    assert found("Officials said the resistance movement would reply.") == [("resistance movement", "rm")]
    assert found("He praised the resistance.") == [("the resistance", "r")]
    assert found("They met resistance from the army.") == []


def test_a_line_break_splits_a_phrase() -> None:
    assert found("Gaza\nStrip") == [("Gaza", "gaza")]
