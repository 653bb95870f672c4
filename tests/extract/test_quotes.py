"""Tests for parley.extract.quotes (quotes.v1): quote spans, speakers (named, pronouns,
anonymous sources with affiliation, adjacent sentences), indirect quotes, and the seeds."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parley.annotate.nlp import annotate_text
from parley.extract import REGISTRY, run_extractors
from parley.extract.quotes import extract_quotes, quote_spans
from parley.profiles import load_profile
from parley.records import Quote

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CHAIN = ["dating.v1", "entities.v1", "quotes.v1"]


@cache
def _profile(name: str | None) -> Any:
    return load_profile(name) if name else None


@cache
def quotes_of(text: str, profile: str | None = None) -> tuple[Quote, ...]:
    return tuple(run_extractors(annotate_text(text), CHAIN, profile=_profile(profile))["quotes"])


def quote_with(text: str, words: str, profile: str | None = None) -> Quote:
    found = [q for q in quotes_of(text, profile) if words in q.text]
    assert found, quotes_of(text, profile)
    return found[0]


def test_quote_spans_curly_and_straight() -> None:
    text = 'He said “we are close” and then "not yet" again.'
    assert [text[a:b] for a, b in quote_spans(text)] == ["we are close", "not yet"]


def test_named_speaker_of_a_direct_quote() -> None:
    text = '"We will not leave the table until there is a deal," Ukrainian Foreign Minister Andrii Sybiha said.'
    q = quote_with(text, "leave the table", "russia-ukraine-2022")
    assert q.direct and q.speaker == "Andrii Sybiha" and q.affiliation == "Ukraine" and not q.anonymous


def test_pronoun_speaker_is_the_last_named_person() -> None:
    text = ('Sudanese army chief Abdel Fattah al-Burhan spoke to troops in Port Sudan on Monday. '
            '"We will fight until the last militia fighter has left our cities," he said.')
    q = quote_with(text, "fight until", "sudan-2023")
    assert q.speaker == "Abdel Fattah al-Burhan"


def test_anonymous_source_with_affiliation() -> None:
    text = 'A senior Egyptian official said the mediators had "narrowed the gaps" on the hostage lists.'
    q = quote_with(text, "narrowed the gaps")
    assert q.speaker == "A senior Egyptian official" and q.affiliation == "Egypt" and q.anonymous


def test_plural_anonymous_sources() -> None:
    text = "Two Egyptian security sources said the Israeli team would stay in Cairo for another day."
    q = quote_with(text, "Israeli team would stay")
    assert not q.direct and q.anonymous and q.affiliation == "Egypt"
    assert q.speaker is not None and "sources" in q.speaker


def test_a_party_as_speaker() -> None:
    text = '"The ball is now in the court of the occupation," Hamas said in a statement on Sunday.'
    q = quote_with(text, "ball is now", "israel-hamas-2023")
    assert q.speaker == "Hamas" and q.affiliation == "Hamas"


def test_quoted_as_saying() -> None:
    text = 'Axios cited an Israeli official as saying "the gaps are still wide" after the meeting.'
    q = quote_with(text, "gaps are still wide")
    assert q.speaker == "an Israeli official" and q.affiliation == "Israel" and q.anonymous


def test_according_to() -> None:
    text = "According to a Hamas source, the movement wants guarantees that the war will not resume."
    found = [q for q in quotes_of(text, "israel-hamas-2023") if q.speaker == "a Hamas source"]
    assert found and found[0].affiliation == "Hamas" and found[0].anonymous


def test_definite_description_points_back() -> None:
    text = ('An Israeli official briefed on the talks said progress had been made. '
            '"We are not there yet," the official said.')
    q = quote_with(text, "not there yet")
    assert q.speaker is not None and q.speaker.startswith("An Israeli official") and q.affiliation == "Israel"


def test_quote_only_sentence_takes_the_adjacent_speaker() -> None:
    text = ('Turkish Foreign Minister Hakan Fidan told reporters in Ankara that both sides had shown goodwill. '
            '"Nobody should expect a miracle in one day."')
    q = quote_with(text, "Nobody should expect", "russia-ukraine-2022")
    assert q.speaker == "Hakan Fidan"


def test_scare_quotes_are_not_quotes() -> None:
    text = 'The militia\'s "parallel government" has no standing in the talks.'
    assert quotes_of(text) == ()


def test_indirect_quote() -> None:
    text = "Congo's foreign minister said the withdrawal of Rwandan troops was not negotiable."
    q = quote_with(text, "withdrawal of Rwandan troops", "drc-m23")
    assert not q.direct and q.affiliation == "Democratic Republic of the Congo"


def test_works_without_entities_results() -> None:
    doc = annotate_text('"There is an agreement over many points," an Egyptian official said.')
    found = extract_quotes(doc)
    assert found and found[0].speaker == "an Egyptian official" and found[0].affiliation == "Egypt"


def test_registered() -> None:
    ext = REGISTRY["quotes.v1"]
    assert ext.provides == ("quotes",) and set(ext.requires) == {"mentions", "entities"}


def test_nine_in_ten_seed_quotes_have_a_speaker() -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent")
    from parley.config import Settings
    from parley.pipeline import extract_paths
    from parley.records import ArticleRecord

    quotes = [q for item in extract_paths([str(SHARED / "seeds")], Settings()) if isinstance(item, ArticleRecord)
              for q in item.quotes]
    assert len(quotes) >= 20
    assert sum(1 for q in quotes if q.speaker) >= 0.9 * len(quotes)
