"""Tests for parley.extract.parties: refs at party level, offsets, inflections, sentence units."""

from __future__ import annotations

from parley.annotate.nlp import annotate_text
from parley.extract import run_extractors
from parley.extract.base import ExtractContext
from parley.extract.parties import (
    Ref,
    RefIndex,
    build_refs,
    capital_of,
    host_country,
    inflect,
    named_together,
    pairs_named,
    raw_to_clean,
    sentence_units,
)
from parley.records import OffsetMap


def test_inflect_regular_and_irregular() -> None:
    assert {"meet", "meets", "meeting", "met"} <= inflect("meet", ["met"])
    assert {"arrive", "arrived", "arriving"} <= inflect("arrive")
    assert {"carry", "carries", "carried"} <= inflect("carry")
    assert {"stop", "stopped", "stopping"} <= inflect("stop")


def test_raw_to_clean_inverts_the_offset_map() -> None:
    offsets = OffsetMap(((0, 0), (10, 14), (20, 30)))
    for clean in (0, 5, 10, 12, 20, 25):
        assert raw_to_clean(offsets, offsets.to_raw(clean)) == clean


def test_ref_index_lookups() -> None:
    refs = RefIndex([Ref(0, 5, "Hamas", "Hamas", "ORG", "armed_group", "Hamas"),
                     Ref(10, 30, "Hamas official Ali", "Ali", "PERSON", "person", None),
                     Ref(10, 15, "Hamas", "Hamas", "ORG", "armed_group", "Hamas")])
    assert [r.canonical for r in refs.overlapping(0, 12)] == ["Hamas", "Ali", "Hamas"]
    assert [r.start for r in refs.before(10)] == [0]


def test_refs_from_entities_results_are_party_level() -> None:
    doc = annotate_text("Egyptian mediators met the Hamas delegation in Cairo.")
    results = run_extractors(doc, ["dating.v1", "entities.v1"])
    refs = build_refs(doc, ExtractContext(results=results))
    by_text = {r.text: r for r in refs.refs}
    assert by_text["Egyptian"].party == "Egypt"
    assert by_text["Cairo"].is_city and by_text["Cairo"].party is None


def test_fallback_refs_from_spacy() -> None:
    doc = annotate_text("Qatari and Egyptian mediators met in Doha.")
    refs = build_refs(doc, None)
    assert {r.party for r in refs.refs if r.party} >= {"Qatar", "Egypt"}
    assert any(r.is_city and r.canonical == "Doha" for r in refs.refs)


def test_gazetteer_host_and_capital() -> None:
    assert host_country("Jeddah") == "Saudi Arabia"
    assert capital_of("Egypt") == "Cairo"


def test_sentence_units_split_at_line_breaks() -> None:
    doc = annotate_text("Talks resume in Doha\nThe delegation arrived on Monday.")
    assert [u.text.strip() for u in sentence_units(doc.parse)] == [
        "Talks resume in Doha", "The delegation arrived on Monday."]


def test_named_together() -> None:
    doc = annotate_text("Russia and Ukraine swapped prisoners.")
    refs = build_refs(doc, None)
    assert named_together(sentence_units(doc.parse)[0], refs) == ["Russia", "Ukraine"]


def test_pairs_named_weigh_subjects_and_between_double() -> None:
    doc = annotate_text("Talks between Russia and Ukraine resumed, with help from Turkey and Qatar.")
    refs = build_refs(doc, None)
    pairs = dict(pairs_named(sentence_units(doc.parse)[0], refs))
    assert pairs[("Russia", "Ukraine")] == 2 and pairs[("Turkey", "Qatar")] == 1
