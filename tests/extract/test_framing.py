"""framing.v1: loaded terms found with the actor they stand for; neutral wording never."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from parley.annotate import annotate_text
from parley.extract import DEFAULT_EXTRACTORS
from parley.extract.framing import find_framing
from parley.profiles import detect_profile, load_profile
from parley.records import FramingTerm

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@lru_cache(maxsize=32)
def terms(text: str, profile: str | None = "israel-hamas-2023") -> tuple[FramingTerm, ...]:
    return find_framing(annotate_text(text), load_profile(profile) if profile else None)


def test_registered_as_a_default_extractor() -> None:
    assert "framing.v1" in DEFAULT_EXTRACTORS


@pytest.mark.parametrize(
    ("text", "profile", "expected"),
    [
        ("Talks to halt the Zionist regime's onslaught stalled.", "israel-hamas-2023", ("Zionist regime", "Israel")),
        ("The occupying entity kept up its siege.", "israel-hamas-2023", ("occupying entity", "Israel")),
        ("Leaders of the resistance movement arrived in Doha.", "israel-hamas-2023", ("resistance movement", "Hamas")),
        ("The Hamas terror group released a video.", "israel-hamas-2023", ("Hamas terror group", "Hamas")),
        (
            "A statement by the terrorist group PIJ followed.",
            "israel-hamas-2023",
            ("terrorist group", "Palestinian Islamic Jihad"),
        ),
        ("Observers called the campaign a genocide.", "israel-hamas-2023", ("genocide", None)),
        ("The Kyiv regime refused to attend.", "russia-ukraine-2022", ("Kyiv regime", "Ukraine")),
        ("Russian occupiers shelled the town again.", "russia-ukraine-2022", ("Russian occupiers", "Russia")),
        (
            "The special military operation goes on, the minister said.",
            "russia-ukraine-2022",
            ("special military operation", None),
        ),
        ("Survivors blamed the Janjaweed for the killings.", "sudan-2023", ("Janjaweed", "Rapid Support Forces")),
    ],
)
def test_loaded_terms_are_found(text: str, profile: str, expected: tuple[str, str | None]) -> None:
    found = [(t.term, t.stands_for) for t in terms(text, profile)]
    assert expected in found
    t = terms(text, profile)[0]
    assert text[t.evidence.start : t.evidence.end] == t.term


@pytest.mark.parametrize(
    "text",
    [
        "The Israeli government said militants fired rockets as the war entered its tenth month.",
        "Hamas officials and Israeli negotiators met mediators in Cairo to discuss a ceasefire.",
        "The army met resistance near the occupied West Bank city, the military said.",
        "Ukrainian and Russian delegations discussed a prisoner exchange in Istanbul.",
        "The Rapid Support Forces and the Sudanese army agreed to a humanitarian truce.",
    ],
)
def test_neutral_wording_is_never_flagged(text: str) -> None:
    for profile in ("israel-hamas-2023", "russia-ukraine-2022", "sudan-2023", None):
        assert terms(text, profile) == (), (text, profile)


def test_a_term_inside_quoted_speech_is_the_sources_not_the_outlets() -> None:
    assert terms("“We will not accept the continuing genocide of our people,” he said in a speech.") == ()


def test_a_scare_quote_is_the_outlets_own_word() -> None:
    found = [t.term for t in terms("The mediators denounced the “genocidal campaign” on Friday.")]
    assert found == ["genocidal campaign"]


def test_a_past_event_after_a_year_is_not_framing() -> None:
    assert terms("The group was founded by perpetrators of the 1994 genocide.", "drc-m23") == ()


def test_a_loaded_modifier_makes_a_loaded_phrase() -> None:
    found = [(t.term, t.stands_for) for t in terms("Talks resumed despite Zionist aggression in the north.")]
    assert ("Zionist aggression", "Israel") in found


def test_every_framing_term_in_the_seed_gold_is_found() -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent")
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        gold = json.loads((SHARED / "gold" / "seeds" / f"{path.stem}.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        found = {t.term for t in find_framing(annotate_text(text, path.stem), detect_profile(text))}
        assert set(gold["framing_terms"]) <= found, path.stem
        assert not gold["framing_terms"] and not found or found <= set(gold["framing_terms"]), path.stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shells fell on the port as the Franco-British aggression entered its third week.",
            "Franco-British aggression",
        ),
        ("Captives languish in the prisons of Moscow's stooges, the paper wrote.", "Moscow's stooges"),
        ("The talks excluded the separatist regime in the north.", "separatist regime"),
        ("Armed men from the rebel thugs' camp looted the market.", "rebel thugs"),
        ("Villagers fled the brutal Georgian occupation and its thugs.", "Georgian occupation"),
        ("The warlord's criminal militia blocked the road again.", "criminal militia"),
        ("Twelve more people died in the country's savage civil war.", "savage civil war"),
        ("Relatives waited outside the hellhole prisons for news.", "hellhole prisons"),
        ("Convoys of the aggression coalition crossed the border at dawn.", "aggression coalition"),
        ("The revanchist politicians in the capital rejected the map.", "revanchist politicians"),
    ],
)
def test_a_loaded_head_or_adjective_takes_the_words_that_qualify_it(text: str, expected: str) -> None:
    found = [t.term for t in terms(text, None)]
    assert expected in found, found
    assert not any(t != expected and (t in expected or expected in t) for t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The finance ministry tightened the sanctions regime on Monday; regime change was not discussed.",
        "She gave her occupation as nurse, and the pro-Iranian militia leaders signed the deal.",
        "Residents of the besieged port queued for bread, the mayor said.",
        "Myanmar's junta extended the emergency, and Wagner mercenaries were seen near the border.",
        "Kyiv wants troops to leave areas under Russian occupation, the minister said.",
        "The so-called Quartet met in Brussels to discuss the road map.",
    ],
)
def test_neutral_or_weak_wording_alone_is_not_framing(text: str) -> None:
    assert terms(text, None) == ()


def test_weak_and_quoted_terms_count_in_a_text_that_frames_in_its_own_voice() -> None:
    text = (
        "The puppet regime kept up its siege of the northern towns on Sunday. "
        "“Our people will never forgive the massacre of the innocents in the valley,” a local elder said."
    )
    found = [t.term for t in terms(text, None)]
    assert found == ["puppet regime", "siege", "massacre"]


def test_a_bare_head_repeating_a_qualified_one_is_the_same_term() -> None:
    text = "The Franco-British aggression went on. Dozens died in the aggression's latest raids."
    assert [t.term for t in terms(text, None)] == ["Franco-British aggression"]


def test_a_named_massacre_keeps_its_place_name_but_a_genocide_drops_its_demonym() -> None:
    text = "Survivors of the Kibera massacre blamed the savage militias for an Orcish genocide."
    found = [t.term for t in terms(text, None)]
    assert "Kibera massacre" in found and "genocide" in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The junta's foreign minister accused the neighbouring army of genocide in the border villages.",
        "Last year the parliament designated the northern movement a terrorist organisation.",
    ],
)
def test_a_charge_or_label_a_verb_reports_is_the_sources(text: str) -> None:
    assert terms(text, None) == ()


def test_a_loaded_noun_qualified_by_a_demonym_names_the_actor() -> None:
    found = [(t.term, t.stands_for) for t in terms("Jets of the Turkish enemy circled over the valley.", None)]
    assert ("Turkish enemy", "Turkey") in found, found


def test_terror_and_jihadi_make_loaded_terms_of_their_noun() -> None:
    found = [t.term for t in terms("The terror state came begging after its jihadi proxies fled.", None)]
    assert "terror state" in found and "jihadi proxies" in found
    assert [t.term for t in terms("The International Criminal Court ruled on Monday.", None)] == []


def test_a_loaded_modifier_takes_the_whole_compound_it_qualifies() -> None:
    found = [t.term for t in terms("Militants crossed from terror launch pads near the border.", None)]
    assert "terror launch pads" in found
