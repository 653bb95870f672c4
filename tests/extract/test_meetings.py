"""Tests for parley.extract.meetings (meetings.v1): verb and noun patterns, venues, parties,
status, merging, and the seeds' gold (SCHEMA match rules, via parley.eval)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parley.annotate.nlp import annotate_text
from parley.extract import REGISTRY, run_extractors
from parley.extract.meetings import compile_lexicon, extract_meetings, find_events, sentence_units
from parley.extract.parties import RefIndex, read_lexicon
from parley.profiles import load_profile
from parley.records import Meeting

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CHAIN = ["dating.v1", "entities.v1", "meetings.v1"]


@cache
def _profile(name: str | None) -> Any:
    return load_profile(name) if name else None


@cache
def meetings_of(text: str, profile: str | None = None, published: str | None = None) -> tuple[Meeting, ...]:
    doc = annotate_text(text, published=published)
    return tuple(run_extractors(doc, CHAIN, profile=_profile(profile))["meetings"])


def only(text: str, profile: str | None = None, published: str | None = None) -> Meeting:
    found = meetings_of(text, profile, published)
    assert len(found) == 1, found
    return found[0]


# (text, profile, expected fields; participants/people are subsets)
CASES = [
    ("Ukrainian and Russian negotiators held talks in Istanbul on Friday.", None,
     {"kind": "talks", "venue": "Istanbul", "status": "held", "participants": {"Ukraine", "Russia", "Turkey"},
      "date_text": "on Friday"}),
    ("The Sudanese army chief met the Ethiopian prime minister in Addis Ababa on Monday.", None,
     {"kind": "meeting", "venue": "Addis Ababa", "status": "held", "participants": {"Ethiopia", "Sudan"}}),
    ("Qatar hosted a delegation of the M23 rebels in Doha on Tuesday.", "drc-m23",
     {"venue": "Doha", "status": "held", "participants": {"Qatar", "M23"}}),
    ("Egyptian President Abdel Fattah al-Sisi received U.S. Secretary of State Antony Blinken in Cairo.",
     "israel-hamas-2023",
     {"venue": "Cairo", "participants": {"Egypt", "United States"}, "people": {"Antony Blinken"}}),
    ("A Hamas delegation is heading to Cairo for talks with Egyptian mediators.", "israel-hamas-2023",
     {"kind": "visit", "venue": "Cairo", "status": "planned", "participants": {"Hamas", "Egypt"}}),
    ("An Israeli delegation arrived in Doha on Sunday.", None,
     {"kind": "visit", "venue": "Doha", "status": "held", "participants": {"Israel", "Qatar"}}),
    ("The Ukrainian delegation left Jeddah on Tuesday evening.", None,
     {"venue": "Jeddah", "status": "held", "participants": {"Ukraine", "Saudi Arabia"}}),
    ("The Sudanese army delegation will return to Jeddah next week.", None,
     {"kind": "visit", "venue": "Jeddah", "status": "planned", "participants": {"Sudan"}}),
    ("Negotiations between Russia and Ukraine will resume in Istanbul on Monday.", None,
     {"kind": "talks", "venue": "Istanbul", "status": "planned", "participants": {"Russia", "Ukraine"}}),
    ("A new round of talks between Congo and the M23 began in Doha on Wednesday.", "drc-m23",
     {"kind": "talks", "venue": "Doha", "status": "ongoing", "participants": {"Qatar", "M23"}}),
    ("Israel took part in negotiations in Cairo on Tuesday.", None,
     {"kind": "talks", "venue": "Cairo", "participants": {"Israel", "Egypt"}}),
    ("U.S. President Joe Biden spoke with Benjamin Netanyahu by phone on Thursday.", "israel-hamas-2023",
     {"kind": "call", "venue": None, "participants": {"United States", "Israel"}}),
    ("In a phone call on Monday, the Iranian president told the Emir of Qatar that the war must end.", None,
     {"kind": "call", "participants": {"Iran", "Qatar"}}),
    ("A Hamas delegation arrived in the Egyptian capital on Saturday.", "israel-hamas-2023",
     {"venue": "Cairo", "participants": {"Hamas", "Egypt"}}),
    ("Mediators met in the Saudi city of Jeddah on Saturday.", None,
     {"venue": "Jeddah", "participants": {"Saudi Arabia"}}),
    ("The American envoy is expected to travel to Moscow later this week.", None,
     {"kind": "visit", "venue": "Moscow", "status": "planned", "participants": {"United States", "Russia"}}),
    ("Ceasefire talks in Doha headed into a second day on Thursday.", None,
     {"kind": "talks", "venue": "Doha", "status": "ongoing"}),
    ("The negotiations in Geneva ended without a breakthrough on Friday.", None,
     {"venue": "Geneva", "status": "held"}),
    ("The Turkish president was due in Cairo on Wednesday for talks with the Egyptian president.", None,
     {"venue": "Cairo", "status": "planned", "participants": {"Turkey", "Egypt"}}),
    ("The Turkish foreign minister discussed the grain deal by telephone with his Ukrainian counterpart on Friday.",
     None, {"kind": "call", "status": "held", "participants": {"Turkey", "Ukraine"}}),
    ("The Egyptian president talked by phone with the Qatari emir on Sunday.", None,
     {"kind": "call", "participants": {"Egypt", "Qatar"}}),
    ("The Saudi crown prince held a call with the Jordanian king on Tuesday.", None,
     {"kind": "call", "participants": {"Saudi Arabia", "Jordan"}}),
    ("The Sudanese envoy was due to see the Ethiopian prime minister in Addis Ababa on Thursday.", None,
     {"kind": "meeting", "venue": "Addis Ababa", "status": "planned", "participants": {"Ethiopia", "Sudan"}}),
    ("The Egyptian president saw the Sudanese army chief in Cairo on Sunday.", None,
     {"kind": "meeting", "venue": "Cairo", "status": "held", "participants": {"Egypt", "Sudan"}}),
]

NOT_MEETINGS = [
    "CAIRO (Reuters) - Hamas and Israel remain far apart on a deal, officials said.",  # a dateline is no venue
    "Antony Blinken held a press conference in Doha on Tuesday.",
    "Israel's security cabinet met in Jerusalem on Sunday to discuss the proposal.",
    "The Russian delegation did not travel to Istanbul.",
    "Grain ships left Odesa on Monday.",
    "Thousands of families were forced to leave their homes in Gaza City.",
    "The fighting threatened the truce talks at a crucial moment.",
    "The Turkish foreign minister discussed the grain deal with his Ukrainian counterpart in a letter.",
    "The Egyptian president discussed the Qatari call for a truce with his ministers.",
    "Israeli officials see Hamas as the main obstacle in Cairo.",
    "Markets in Cairo saw a sharp rise in prices on Monday.",
    "Mediators hope to see progress in Doha this week.",
    "Hamas leaders were seen in Doha on Monday.",
    "The Qatari proposal met with resistance from Hamas in Cairo on Monday.",
    "The Egyptian plan was met with scepticism by Israeli officials in Cairo.",
]


@pytest.mark.parametrize(("text", "profile", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_meeting_patterns(text: str, profile: str | None, expected: dict[str, Any]) -> None:
    meeting = only(text, profile)
    for key, want in expected.items():
        got = getattr(meeting, key)
        if isinstance(want, set):
            assert want <= set(got), (key, got)
        else:
            assert got == want, (key, got)
    assert meeting.evidence.text and meeting.evidence.text in text


@pytest.mark.parametrize("text", NOT_MEETINGS, ids=[t[:40] for t in NOT_MEETINGS])
def test_not_meetings(text: str) -> None:
    assert meetings_of(text) == ()


def test_two_legs_of_a_round_are_two_meetings() -> None:
    found = meetings_of("The talks will resume in Doha on Wednesday and then move to Cairo on Thursday.")
    assert [(m.venue, m.date_text, m.status) for m in found] == [
        ("Doha", "on Wednesday", "planned"), ("Cairo", "on Thursday", "planned")]


def test_one_round_told_in_several_sentences_is_one_meeting() -> None:
    text = ("Israeli and Egyptian officials held talks in Cairo on Tuesday. "
            "The talks in Cairo also included a Qatari delegation, according to two officials.")
    meeting = only(text)
    assert {"Israel", "Egypt", "Qatar"} <= set(meeting.participants)
    assert len(meeting.more_evidence) == 1


def test_a_delegation_takes_the_party_of_its_source() -> None:
    meeting = only("A Hamas official said a delegation would travel to Cairo on Monday to meet Egyptian mediators.",
                   "israel-hamas-2023")
    assert {"Hamas", "Egypt"} <= set(meeting.participants)
    assert meeting.status == "planned"


def test_date_is_set_only_when_the_publication_date_makes_it_certain() -> None:
    text = "Russian and Ukrainian negotiators met in Istanbul on Tuesday."
    undated = only(text)
    assert undated.date is None and undated.date_text == "on Tuesday"
    dated = only(text, published="2025-06-05")
    assert dated.date == "2025-06-03"


def test_people_are_mapped_to_their_party_with_a_profile() -> None:
    meeting = only("William Burns met Mohammed bin Abdulrahman Al Thani in Doha on Sunday.", "israel-hamas-2023")
    assert {"William Burns", "Mohammed bin Abdulrahman Al Thani"} <= set(meeting.people)
    assert {"United States", "Qatar"} <= set(meeting.participants)


def test_works_without_entities_results() -> None:
    """Called alone (no entities.v1 results) it falls back to spaCy's entities."""
    doc = annotate_text("Egyptian and Qatari mediators held talks with an Israeli delegation in Cairo on Monday.")
    found = extract_meetings(doc)
    assert len(found) == 1
    assert found[0].venue == "Cairo" and {"Egypt", "Qatar", "Israel"} <= set(found[0].participants)


def test_lexicon_is_data() -> None:
    data = read_lexicon("meetings")
    data["nouns"] = {**data["nouns"], "parley": "talks"}
    lex = compile_lexicon(data)
    doc = annotate_text("The parley in Vienna lasted two days.")
    events = [e for u in sentence_units(doc.parse) for e in find_events(u, lex, RefIndex([]))]
    assert [e.trigger.text for e in events] == ["parley"]


def test_registered() -> None:
    ext = REGISTRY["meetings.v1"]
    assert ext.provides == ("meetings",) and set(ext.requires) == {"mentions", "entities", "times"}


def test_seed_gold() -> None:
    """Meetings F1 >= 0.80 on the seeds' gold (SCHEMA's match rules, through parley eval)."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent")
    from parley.config import Settings
    from parley.eval import evaluate

    scores = evaluate(SHARED / "gold" / "seeds", [str(SHARED / "seeds")], Settings())
    assert scores.counts["meetings"].f1 >= 0.80


@cache
def article_meetings(text: str, published: str = "2024-05-10") -> tuple[Meeting, ...]:
    """Meetings of a text cleaned like an ingested article (its dateline read)."""
    from parley.annotate.nlp import annotate
    from parley.clean import clean
    from parley.records import Article

    doc = annotate(clean(Article(id="t", text=text, source="<t>", published=published)))
    return tuple(run_extractors(doc, CHAIN)["meetings"])


def test_a_city_described_by_its_country_is_the_dateline_city() -> None:
    text = ("TASHKENT, May 6 (Reuters) - Kyrgyz and Tajik foreign ministers opened three days of talks "
            "in Uzbekistan's biggest city on Monday.")
    (meeting,) = article_meetings(text)
    assert meeting.venue == "Tashkent" and meeting.date_text == "on Monday"
    elsewhere = text.replace("TASHKENT", "MOSCOW")
    assert [m.venue for m in article_meetings(elsewhere)] == [None]  # a city of another country


def test_a_city_named_after_its_country() -> None:
    meeting = only("Guatemalan and Honduran negotiators wrapped up a round of talks in Guatemala City on Friday.")
    assert meeting.venue == "Guatemala City"
    assert meetings_of("Guatemala Foreign Minister Ana Lopez spoke to reporters on Friday.") == ()


def test_a_place_hung_from_the_topic_is_the_venue() -> None:
    meeting = only("Sudanese army and RSF envoys held talks on a humanitarian truce in Jeddah on Monday.")
    assert meeting.venue == "Jeddah"


def test_a_span_of_days_stands_for_the_talks() -> None:
    meeting = only("Serbian and Kosovar officials wrapped up four days of negotiations in Brussels on Thursday.")
    assert meeting.venue == "Brussels" and meeting.date_text == "on Thursday" and meeting.status == "held"


def test_a_round_naming_no_party_is_between_the_sides_that_met() -> None:
    found = meetings_of("Serbia and Kosovo held talks in Brussels on Monday. "
                        "The next round of talks will be held in Vienna.")
    assert [m.venue for m in found] == ["Brussels", "Vienna"]
    assert {"Serbia", "Kosovo"} <= set(found[1].participants)
    assert "Austria" not in found[1].participants  # Vienna seats international bodies; Austria is not named
    other = meetings_of("Russia and Ukraine exchanged prisoners on Monday. Talks will be held in Geneva next week.")
    assert [set(m.participants) & {"Russia", "Ukraine"} for m in other] == [set()]  # they never met



def test_talks_share_the_time_of_the_verb_they_hang_from() -> None:
    text = ("Kenya, Ethiopia and the African Union settled the outline of a deal on aid access "
            "at talks in Nairobi on Thursday, a mediator said.")
    found = only(text, published="2022-11-11")
    assert found.venue == "Nairobi" and found.date_text == "on Thursday" and found.date == "2022-11-10"


def test_a_time_of_another_clause_is_not_taken() -> None:
    text = "Diplomats said on Monday that talks in Nairobi would need more preparation."
    for found in meetings_of(text, published="2022-11-14"):
        assert found.date_text != "on Monday"


def _by_venue(text: str, published: str, profile: str | None = None) -> dict[str | None, Meeting]:
    return {m.venue: m for m in meetings_of(text, profile, published)}


def test_a_day_after_dates_the_event_after_it() -> None:
    found = _by_venue("The RSF commander met the Ethiopian prime minister in Addis Ababa on Thursday, a day after "
                      "holding talks with the Ugandan president in Kampala.", "2023-12-28")
    assert found["Addis Ababa"].date == "2023-12-28"
    assert (found["Kampala"].date, found["Kampala"].date_text) == ("2023-12-27", "a day after")


def test_talks_after_which_a_party_spoke_share_the_day_it_spoke() -> None:
    meeting = only("Russia said on Tuesday it would cut back its attacks near Kyiv, after peace talks in Istanbul "
                   "with Ukraine.", published="2022-03-29")
    assert (meeting.venue, meeting.date) == ("Istanbul", "2022-03-29")


def test_talks_after_a_future_decision_keep_no_day() -> None:
    meeting = only("Russia will decide on Friday after peace talks in Istanbul with Ukraine.", published="2022-03-29")
    assert meeting.date is None


def test_a_where_clause_takes_the_time_of_its_place() -> None:
    meeting = only("The signing follows a joint statement by the two sides on Wednesday in Doha, where Qatar has "
                   "been hosting direct talks.", "drc-m23", published="2025-04-25")
    assert (meeting.venue, meeting.date) == ("Doha", "2025-04-23")


def test_a_postponed_event_is_planned_for_its_new_day() -> None:
    meeting = only("Israel postponed the talks in Cairo with Hamas until Sunday.", "israel-hamas-2023",
                   published="2025-02-18")
    assert (meeting.venue, meeting.date, meeting.status) == ("Cairo", "2025-02-23", "planned")


def test_the_ministers_resume_where_their_talks_were() -> None:
    found = meetings_of("The foreign ministers of Armenia and Azerbaijan opened talks on a peace treaty in Almaty on "
                        "Friday. The ministers are due to resume on Saturday.", published="2024-05-10")
    assert [(m.venue, m.date, m.status) for m in found] == [
        ("Almaty", "2024-05-10", "ongoing"), ("Almaty", "2024-05-11", "planned")]
    assert {"Armenia", "Azerbaijan"} <= set(found[1].participants)


def test_commanders_from_the_two_sides_are_the_sides() -> None:
    found = meetings_of("Ethiopia and the Tigrayan rebels signed a truce in Pretoria on Wednesday. Senior commanders "
                        "from the two sides are to meet within five days.", published="2022-11-02")
    planned = [m for m in found if m.status == "planned"]
    assert len(planned) == 1 and "Ethiopia" in planned[0].participants


def test_a_handshake_at_a_place_is_a_meeting() -> None:
    meeting = only("The Armenian and Azerbaijani leaders shook hands in Washington on Friday.", published="2025-08-09")
    assert (meeting.kind, meeting.venue, meeting.date) == ("meeting", "Washington", "2025-08-08")
    assert {"Armenia", "Azerbaijan"} <= set(meeting.participants)


def test_fighting_that_resumes_is_no_meeting() -> None:
    assert meetings_of("Fighting resumed on Monday near the border.") == ()


def test_talks_after_which_someone_speaks_somewhere_were_held_there() -> None:
    meeting = only("Speaking in Doha after talks with the Qatari prime minister, the envoy said a deal was close.")
    assert (meeting.venue, meeting.status) == ("Doha", "held")


def test_a_purpose_clause_takes_the_place_of_its_verb() -> None:
    found = meetings_of("The Sudanese army delegation will remain in Jeddah to continue discussions with the "
                        "Saudi facilitators.", published="2023-05-21")
    assert [m.venue for m in found] == ["Jeddah"]


def test_the_mediators_are_those_the_article_named() -> None:
    found = meetings_of("Israel and the mediators from Qatar and Egypt opened talks in Doha on Thursday. A Hamas "
                        "official said the mediators would brief its leaders.", "israel-hamas-2023", "2024-08-15")
    briefing = [m for m in found if m.status == "planned"]
    assert len(briefing) == 1
    assert set(briefing[0].participants) == {"Hamas", "Qatar", "Egypt"}


def test_the_first_talks_since_march_are_not_dated_march() -> None:
    meeting = only("Military delegations from Russia and Ukraine met Turkish officials for four hours, the first "
                   "direct talks between the two sides since March.", published="2022-07-13")
    assert meeting.date is None and meeting.date_text is None


def test_a_meeting_earlier_the_same_day_is_held_where_the_day_s_talks_were() -> None:
    found = meetings_of("Turkish Foreign Minister Hakan Fidan opened talks between Russia and Ukraine in Istanbul on "
                        "Friday. Earlier on Friday, Ukrainian Foreign Minister Andrii Sybiha met Fidan.",
                        published="2025-05-16")
    assert {m.venue for m in found} == {"Istanbul"}


def test_hours_spent_with_a_minister_are_talks() -> None:
    meeting = only("The US envoy spent about four hours with the Russian foreign minister in Riyadh.")
    assert (meeting.kind, meeting.venue) == ("talks", "Riyadh")
    assert {"United States", "Russia"} <= set(meeting.participants)
    assert meetings_of("She spent two days with her family in Cairo.") == ()


def test_their_talks_are_the_subject_s_and_share_its_day() -> None:
    meeting = only("The United States and Russia agreed on Tuesday to restore their embassies, after their most "
                   "senior talks in years.", published="2025-02-18")
    assert {"United States", "Russia"} <= set(meeting.participants)
    assert (meeting.date, meeting.status) == ("2025-02-18", "held")


@pytest.mark.parametrize(
    ("text", "host", "takes_part"),
    [
        ("Israeli negotiators held talks in Doha on Monday.", "Qatar", True),
        ("The negotiations in Geneva ended without a breakthrough on Friday.", "Switzerland", False),
        ("Swiss diplomats hosted Armenian and Azerbaijani envoys in Geneva on Friday.", "Switzerland", True),
    ],
)
def test_a_city_seating_international_bodies_adds_its_country_only_when_named(
    text: str, host: str, takes_part: bool
) -> None:
    (meeting,) = meetings_of(text, published="2025-05-16")
    assert (host in meeting.participants) == takes_part


def test_a_summit_at_a_place_whose_country_is_never_named_is_no_meeting() -> None:
    assert meetings_of("The plan echoes the one agreed at a summit in Vilnius.") == ()


def test_a_meeting_of_one_side_s_own_chiefs_is_internal() -> None:
    assert meetings_of("Prime Minister Narendra Modi chaired a meeting of the service chiefs late last night.") == ()
    found = meetings_of("Angola hosted a meeting of the three countries' foreign ministers on Saturday in Luanda.")
    assert [m.venue for m in found] == ["Luanda"]


def test_someone_expected_in_a_city_is_a_planned_visit() -> None:
    meeting = only("The EU envoy Miroslav Lajcak is expected in Belgrade in the coming days.", published="2023-02-27")
    assert (meeting.kind, meeting.venue, meeting.status) == ("visit", "Belgrade", "planned")
    (talks,) = meetings_of("A further round was expected in Muscat in the coming weeks.", published="2023-09-20")
    assert talks.kind == "talks"


def test_a_return_to_power_is_no_visit() -> None:
    assert meetings_of("The Taliban returned to power four years ago in Kabul.") == ()


def test_coming_close_to_a_deal_is_no_visit() -> None:
    assert meetings_of("The two sides came close to a deal in 2008, but the court struck it down.") == ()


def test_a_city_known_by_another_spelling_is_a_venue() -> None:
    meeting = only("The talks between the two leaders were held in New York on Monday.", published="2025-03-19")
    assert meeting.venue == "New York"
