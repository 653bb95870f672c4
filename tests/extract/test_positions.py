"""Tests for parley.extract.positions (positions.v1): stance cues, negation, joint stances,
conditions, denials, quotes, issue taxonomy, and the seeds' gold."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parley.annotate.nlp import annotate_text
from parley.extract import REGISTRY, run_extractors
from parley.extract.parties import read_lexicon
from parley.extract.positions import compile_lexicon, default_lexicon, extract_positions, issue_specs, issues_of
from parley.profiles import load_profile
from parley.records import Position

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CHAIN = ["dating.v1", "entities.v1", "positions.v1"]
GAZA = "israel-hamas-2023"


@cache
def _profile(name: str | None) -> Any:
    return load_profile(name) if name else None


@cache
def positions_of(text: str, profile: str | None = GAZA) -> tuple[Position, ...]:
    return tuple(run_extractors(annotate_text(text), CHAIN, profile=_profile(profile))["positions"])


def triples(text: str, profile: str | None = GAZA) -> set[tuple[str, str, str]]:
    return {(p.actor, p.issue, p.stance) for p in positions_of(text, profile)}


CASES = [
    # demands
    ("Egypt as well as Hamas want Israel to withdraw from the Philadelphi corridor.",
     {("Egypt", "Philadelphi corridor", "demands"), ("Hamas", "Philadelphi corridor", "demands")}),
    ("Israel is insisting that Hamas has no presence at the Rafah crossing.",
     {("Israel", "Rafah crossing", "demands")}),
    ("Israeli demands to keep troops along the Netzarim corridor remain the main obstacle.",
     {("Israel", "Netzarim corridor", "demands")}),
    ("U.S. President Joe Biden pressed Netanyahu on the urgency of a deal.", {("United States", "other", "demands")}),
    ("The United States urged both sides to return to the negotiating table.",
     {("United States", "other", "demands")}),
    ("The talks broke down over an Israeli withdrawal demanded by Hamas.", {("Hamas", "withdrawal", "demands")}),
    ("Hamas negotiators maintained their position that any agreement must include an end to the war.",
     {("Hamas", "permanent ceasefire", "demands")}),
    # rejects
    ("Israel flatly rejects any permanent end to the war.", {("Israel", "permanent ceasefire", "rejects")}),
    ("Israeli Prime Minister Benjamin Netanyahu said Israel cannot accept a full withdrawal from Gaza.",
     {("Israel", "withdrawal", "rejects")}),
    ("Hamas did not accept the latest proposal.", {("Hamas", "other", "rejects")}),
    ("Israel insists any deal would bring only a pause in the fighting, not a permanent end to the war.",
     {("Israel", "permanent ceasefire", "rejects")}),
    # accepts
    ("Israel is considering leaving the Netzarim corridor as part of the deal.",
     {("Israel", "Netzarim corridor", "accepts")}),
    ("Hamas dropped its demand for an Israeli commitment to a permanent ceasefire.", {("Hamas", "other", "accepts")}),
    ("Israel was prepared to suspend fighting to secure the release of the hostages.",
     {("Israel", "hostage-prisoner exchange", "accepts")}),
    # proposes
    ("Egypt proposed a two-day truce under which four hostages would be freed.",
     {("Egypt", "hostage-prisoner exchange", "proposes")}),
    ("Qatar offered to host a new round of talks.", {("Qatar", "other", "proposes")}),
    # quotes and conditions
    ('"We will not accept any Israeli presence at the Rafah crossing," a senior Hamas official said.',
     {("Hamas", "Rafah crossing", "rejects")}),
    ("Hamas will not release more hostages until Israel agrees to end the war.",
     {("Hamas", "permanent ceasefire", "demands")}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_stance_patterns(text: str, expected: set[tuple[str, str, str]]) -> None:
    got = triples(text)
    assert expected <= got, got


def test_negated_participation_rejects() -> None:
    assert triples("The M23 said it would not attend the talks in Luanda.", "drc-m23") == {("M23", "other", "rejects")}


def test_negated_demand_says_nothing() -> None:
    assert triples("Hamas did not demand a permanent ceasefire in its latest reply.") == set()


def test_denied_acceptance_is_dropped() -> None:
    assert not any(s == "accepts" for _, _, s in triples("Hamas denied that it had agreed to a partial withdrawal."))


def test_condition_is_not_the_conditioned_party_s_stance() -> None:
    got = triples("Hamas will not release more hostages until Israel agrees to end the war.")
    assert ("Israel", "permanent ceasefire", "accepts") not in got


def test_inner_cue_of_a_demand_is_part_of_it() -> None:
    got = triples("The U.S. government pressured Hamas to accept Israel's latest offer.")
    assert got == {("United States", "other", "demands")}


def test_other_has_a_detail_and_evidence() -> None:
    (pos,) = positions_of("Qatar offered to host a new round of talks.")
    assert pos.detail and "host" in pos.detail
    assert pos.evidence.text.startswith("offered")


def test_other_conflicts_use_the_schema_taxonomy() -> None:
    text = "Russia demanded that Ukraine withdraw its troops from the four regions."
    assert ("Russia", "withdrawal", "demands") in triples(text, "russia-ukraine-2022")
    text = "Ukraine proposed a neutral status in exchange for security guarantees."
    got = positions_of(text, "russia-ukraine-2022")
    assert [(p.actor, p.issue, p.stance) for p in got] == [("Ukraine", "other", "proposes")]
    assert got[0].detail and got[0].detail.startswith("security guarantees")  # the profile's own issue names


def test_generic_taxonomy_without_a_profile() -> None:
    text = "The Democratic Republic of Congo demands the withdrawal of Rwandan troops from its territory."
    assert triples(text, None) == {("Democratic Republic of the Congo", "withdrawal", "demands")}


def test_joint_subjects_take_the_pair_named_before() -> None:
    text = ("Delegations from Sudan's army and the Rapid Support Forces met in Jeddah. "
            "Both sides agreed to a short humanitarian truce.")
    got = {a for a, _, s in triples(text, "sudan-2023") if s == "accepts"}
    assert {"Sudanese Armed Forces", "Rapid Support Forces"} <= got


def test_issue_matching() -> None:
    specs = issue_specs(load_profile(GAZA), default_lexicon())
    names = [s.name for s in issues_of("withdraw its troops from the Philadelphi corridor", specs)]
    assert names == ["Philadelphi corridor"]  # a named place wins over the generic withdrawal
    names = {s.name for s in issues_of("an end to the war and the full withdrawal of Israeli forces", specs)}
    assert names == {"permanent ceasefire", "withdrawal"}


def test_lexicon_is_data() -> None:
    data = read_lexicon("positions")
    data["stances"]["rejects"]["verbs"]["spurn"] = {}
    data["stances"]["rejects"]["verbs"]["snub"] = {}
    lex = compile_lexicon(data)
    doc = annotate_text("Egypt snubbed the plan.")
    assert [(p.actor, p.stance) for p in extract_positions(doc, lexicon=lex)] == [("Egypt", "rejects")]


def test_registered() -> None:
    ext = REGISTRY["positions.v1"]
    assert ext.provides == ("positions",) and set(ext.requires) == {"mentions", "entities"}


def test_seed_gold() -> None:
    """Positions F1 >= 0.70 on the seeds' gold (actor, issue and stance must match)."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is absent")
    from parley.config import Settings
    from parley.eval import evaluate

    scores = evaluate(SHARED / "gold" / "seeds", [str(SHARED / "seeds")], Settings())
    assert scores.counts["positions"].f1 >= 0.70


def test_the_two_leaders_are_the_pair_that_met() -> None:
    text = ("Rwandan President Paul Kagame and Congolese President Felix Tshisekedi held talks in Doha on Tuesday. "
            "The two leaders called for an end to the fighting in North Kivu.")
    got = {a for a, _, s in triples(text, "drc-m23") if s == "demands"}
    assert {"Rwanda", "Democratic Republic of the Congo"} <= got


def test_the_sides_are_not_the_mediators_named_last() -> None:
    text = ("Sudan's army and the Rapid Support Forces resumed talks in Jeddah on Saturday. "
            "The round is brokered by Saudi Arabia and the United States. "
            "Both forces committed to withdrawing from hospitals in Khartoum.")
    got = {a for a, i, s in triples(text, "sudan-2023") if (i, s) == ("withdrawal", "accepts")}
    assert got == {"Sudanese Armed Forces", "Rapid Support Forces"}


def test_a_plural_that_names_its_party_is_not_the_pair() -> None:
    text = ("Israel and Hamas traded accusations on Monday. "
            "The Israeli ministers rejected a permanent ceasefire. The leaders of Hamas demanded an end to the war.")
    got = triples(text)
    assert ("Israel", "permanent ceasefire", "rejects") in got and ("Hamas", "permanent ceasefire", "demands") in got
    assert ("Hamas", "permanent ceasefire", "rejects") not in got
    assert ("Israel", "permanent ceasefire", "demands") not in got


def test_they_is_the_subject_of_the_reporting_clause() -> None:
    text = ("The M23 took the town of Sake last week. Rwanda denies backing it. "
            "The rebels announced on Monday that they would not attend the talks in Luanda.")
    assert {a for a, _, s in triples(text, "drc-m23") if s == "rejects"} == {"M23"}


def test_they_opening_a_sentence_is_the_joint_subject_before() -> None:
    text = "Russia and Ukraine signed a grain deal in Istanbul. They also agreed to an exchange of prisoners."
    got = {a for a, _, s in triples(text, "russia-ukraine-2022") if s == "accepts"}
    assert {"Russia", "Ukraine"} <= got


def test_each_thing_demanded_is_one_position() -> None:
    text = "Ukraine demanded compensation, a tribunal and a full withdrawal of Russian troops."
    got = [(p.actor, p.issue, p.stance, p.detail) for p in positions_of(text, "russia-ukraine-2022")]
    assert ("Ukraine", "withdrawal", "demands", None) in got
    others = sorted(d or "" for a, i, s, d in got if (a, i, s) == ("Ukraine", "other", "demands"))
    assert others == ["a tribunal", "compensation"], others


def test_alternatives_are_not_split() -> None:
    got = positions_of("Russia asked whether Ukraine wanted to sign the memorandum or continue the war.",
                       "russia-ukraine-2022")
    assert len([p for p in got if p.issue == "other"]) <= 1


def test_a_subject_parsed_into_the_headline_is_found_on_its_line() -> None:
    text = ("Khartoum and RSF sign truce in Jeddah\n\n"
            "Sudan's army and the Rapid Support Forces signed a pact on Saturday, committing to a permanent "
            "ceasefire.")
    got = {a for a, i, s in triples(text, "sudan-2023") if (i, s) == ("permanent ceasefire", "accepts")}
    assert got == {"Sudanese Armed Forces", "Rapid Support Forces"}


def test_only_accepting_a_deal_demands_its_terms() -> None:
    got = triples("Hamas says it will only sign an agreement that ends the war.")
    assert ("Hamas", "permanent ceasefire", "demands") in got
    assert ("Hamas", "permanent ceasefire", "accepts") not in got


def test_a_condition_on_a_refusal_is_demanded() -> None:
    text = "The army said it would not take part in the talks unless the RSF withdrew from the hospitals."
    got = triples(text, "sudan-2023")
    assert ("Sudanese Armed Forces", "withdrawal", "demands") in got
    assert ("Sudanese Armed Forces", "withdrawal", "rejects") not in got


def test_a_condition_on_an_offer_is_demanded_and_leaves_it() -> None:
    text = "Kyiv is ready to drop its bid for NATO membership if Western states give it binding guarantees."
    got = positions_of(text, "russia-ukraine-2022")
    demanded = [p for p in got if p.stance == "demands"]
    accepted = [p for p in got if p.stance == "accepts"]
    assert demanded and all(p.actor == "Ukraine" for p in demanded)
    assert accepted and not any("guarantees" in (p.detail or "") for p in accepted)


def test_it_opening_a_sentence_is_the_subject_before() -> None:
    text = ("The M23 seized the airport at Goma on Monday. "
            "It has insisted that any talks must include the withdrawal of Burundian troops.")
    assert ("M23", "withdrawal", "demands") in triples(text, "drc-m23")


def test_agreeing_to_a_step_of_the_talks_is_no_position() -> None:
    text = "Sudan's army and the Rapid Support Forces agreed to meet again in Jeddah within ten days."
    assert not [t for t in triples(text, "sudan-2023") if t[2] == "accepts"]
    assert triples("Hamas said it remained open to a deal.") == set()
    text = "Hamas agreed to send its delegation to Cairo and to release ten hostages."
    assert ("Hamas", "hostage-prisoner exchange", "accepts") in triples(text)


def test_joined_modifiers_name_each_party() -> None:
    text = "Russian and Ukrainian negotiators agreed on a swap of wounded soldiers in Istanbul."
    got = {a for a, _, s in triples(text, "russia-ukraine-2022") if s == "accepts"}
    assert got == {"Russia", "Ukraine"}


def test_an_unowned_proposal_is_not_the_reporter_s() -> None:
    text = ("The talks stalled over a truce proposal that would free the hostages, "
            "two Egyptian officials said in a statement.")
    assert not [t for t in triples(text) if t[0] == "Egypt" and t[2] == "proposes"]


def test_a_participle_with_its_agent_accepts() -> None:
    text = "Turkey urged both sides to respect the grain truce agreed by Russia and Ukraine in March."
    got = {a for a, _, s in triples(text, "russia-ukraine-2022") if s == "accepts"}
    assert got == {"Russia", "Ukraine"}
    assert not [t for t in triples("Russia and Ukraine agreed.", "russia-ukraine-2022") if t[2] == "accepts"]


def test_the_titled_person_named_before_and_the_time_has_come() -> None:
    text = ("Egyptian President Abdel Fattah el-Sisi met the U.S. envoy in Cairo. "
            "The President said the time has come to end the war.")
    assert ("Egypt", "permanent ceasefire", "demands") in triples(text)
    text = "Egypt's foreign minister met the U.S. envoy in Cairo. The President said the time has come to end the war."
    assert not [t for t in triples(text) if t[0] == "United States"]


def test_ruling_out_the_end_of_an_offensive_rejects_a_permanent_ceasefire() -> None:
    got = triples("Netanyahu has ruled out ending the offensive in Gaza while Hamas holds hostages.")
    assert ("Israel", "permanent ceasefire", "rejects") in got


# --------------------------------------------------------------------------- any conflict, no profile


def test_generic_issues_serve_a_conflict_without_a_profile() -> None:
    text = ("The Houthis said they wanted the departure of foreign forces from the country and "
            "the release of all prisoners held by the army.")
    got = {(i, s) for _, i, s in triples(text, None)}
    assert {("withdrawal", "demands"), ("hostage-prisoner exchange", "demands")} <= got
    text = "Kinshasa has said the rebels must disarm and that federal forces must take control of the airports."
    issues = {i for _, i, s in triples(text, None) if s == "demands"}
    assert issues == {"other", "governance"}  # each "must" clause is a stance of its own


def test_a_profile_s_own_prisoner_issue_wins_over_the_generic_one() -> None:
    text = "Ukraine proposed a prisoner exchange of all for all."
    assert triples(text, "russia-ukraine-2022") == {("Ukraine", "other", "proposes")}
    assert triples(text, None) == {("Ukraine", "hostage-prisoner exchange", "proposes")}


def test_a_dateline_city_is_not_the_subject() -> None:
    text = ("KAMPALA, June 3 (Wire) - Sudan's army and the Rapid Support Forces agreed to a permanent "
            "cessation of hostilities, mediators said.")
    actors = {a for a, _, _ in triples(text, None)}
    assert "Uganda" not in actors and "Kampala" not in actors


def test_a_passive_acceptance_is_not_its_subject_s() -> None:
    got = triples("Armenia said the Azerbaijani proposals had been accepted in full.", None)
    assert ("Azerbaijan", "other", "accepts") not in got
    assert ("Armenia", "other", "accepts") in got  # whoever reports it


def test_the_two_sides_in_a_mediator_s_quote_are_the_sides() -> None:
    text = ("Delegations of the Ethiopian government and the Tigray People's Liberation Front met in Nairobi. "
            '"The two sides have agreed to an orderly programme of disarmament," said Kenyan mediator '
            "Uhuru Kenyatta.")
    actors = {a for a, _, s in triples(text, None) if s == "accepts"}
    assert actors == {"Ethiopia", "Tigray People's Liberation Front"}


def test_expecting_another_party_to_act_demands_it() -> None:
    text = "Bogota's chief negotiator said Colombia expected the guerrillas to free all hostages."
    assert ("Colombia", "hostage-prisoner exchange", "demands") in triples(text, None)
    assert not triples("Colombia expects to sign a deal with the guerrillas in May.", None)
    assert not triples("The talks between Colombia and the rebels are expected to resume in May.", None)


def test_the_government_is_the_state_whose_government_was_named() -> None:
    text = ("Colombia's government and the rebels met in Havana. "
            "The government wants the rebels to free all hostages, its negotiator said.")
    assert ("Colombia", "hostage-prisoner exchange", "demands") in triples(text, None)


def test_not_obstructing_an_agreement_accepts_it() -> None:
    got = triples("Hezbollah said it would not obstruct an agreement that ends the war.", None)
    assert got == {("Hezbollah", "permanent ceasefire", "accepts")}


def test_that_framework_takes_the_issues_said_before() -> None:
    text = ("The American draft provides for a period in which Israeli troops would withdraw from southern Lebanon. "
            "Lebanon has accepted that framework.")
    assert ("Lebanon", "withdrawal", "accepts") in triples(text, None)


def test_a_signed_agreement_is_accepted_but_not_one_hoped_for() -> None:
    text = "Colombia and the ELN signed a bilateral ceasefire agreement in Havana."
    assert {a for a, _, s in triples(text, None) if s == "accepts"} == {"Colombia", "National Liberation Army"}
    assert not triples("Colombia hopes to sign a final agreement with the ELN next year.", None)


def test_a_list_the_parse_hung_on_the_reporting_verb_is_still_demanded() -> None:
    text = ("The Houthis' negotiator said the group wanted state salaries to be paid from oil revenues, "
            "the reopening of the airport, and the departure of foreign forces from Yemen.")
    assert ("Houthis", "withdrawal", "demands") in triples(text, None)


def test_a_text_that_is_ready_is_no_party_s_stance() -> None:
    text = "Armenia's foreign minister said the treaty was ready for signature."
    assert not triples(text, None)
    text = "Armenia's foreign minister said Armenia was ready to sign."
    assert ("Armenia", "other", "accepts") in triples(text, None)


def test_the_parties_are_never_the_observers_alone() -> None:
    text = ("Ethiopia and Eritrea met in Nairobi, in a round witnessed by the African Union and the United Nations. "
            "The parties undertook to allow unhindered humanitarian access to the border areas.")
    got = {a for a, i, s in triples(text, None) if (i, s) == ("humanitarian aid", "accepts")}
    assert got == {"Ethiopia", "Eritrea"}
    text = ("Talks on the ceasefire were witnessed by the African Union and the United Nations. "
            "The parties agreed to open two border crossings.")
    assert not {a for a, _, _ in triples(text, None)} & {"African Union", "United Nations"}


def test_a_mediator_named_with_the_sides_is_not_a_mediator() -> None:
    text = ("Angola, which had mediated between Rwanda and Uganda for a year, hosted the meeting. "
            "The two leaders called for an end to the fighting.")
    assert {a for a, _, s in triples(text, None) if s == "demands"} == {"Rwanda", "Uganda"}


def test_pledges_out_of_the_question_and_off_the_table() -> None:
    assert ("Armenia", "other", "accepts") in triples("Armenia promised not to shell the border villages.", None)
    text = "Azerbaijan said a return to the old borders was out of the question."
    assert ("Azerbaijan", "other", "rejects") in triples(text, None)
    text = "Serbia said recognition of Kosovo was not on the table."
    assert ("Serbia", "other", "rejects") in triples(text, None)
    assert not triples("Villagers have waited for years for the bridges promised to them.", None)


def test_a_verb_joined_to_a_denial_is_not_denied() -> None:
    text = "Thailand denied any violation and proposed that observers be sent to the border."
    assert ("Thailand", "other", "proposes") in triples(text, None)
    assert not triples("Thailand denied that it had proposed sending observers to the border.", None)


def test_handing_back_seized_towns_is_a_withdrawal() -> None:
    text = "Myanmar demanded that the rebels hand back the towns they have seized."
    assert ("Myanmar", "withdrawal", "demands") in triples(text, None)


def test_pressing_a_proposal_proposes_it() -> None:
    text = "The breakthrough was a plan pressed by the Kenyan and Ethiopian mediators: a joint border patrol."
    assert {(a, s) for a, _, s in triples(text, None)} == {("Kenya", "proposes"), ("Ethiopia", "proposes")}
    got = triples("Sudan demanded a plan for the return of its refugees.", None)
    assert got and {(a, s) for a, _, s in got} == {("Sudan", "demands")}


def test_the_government_is_the_one_state_among_the_sides() -> None:
    text = "Colombia and the ELN opened a round in Caracas. The government demanded an end to kidnappings."
    assert ("Colombia", "other", "demands") in triples(text, None)
    text = "Russia and Ukraine met in Istanbul. The government demanded an end to the shelling."
    assert not triples(text, None)
