# ruff: noqa: E501  (the corpus texts below keep one paragraph per line)
"""Copy detection on a small corpus written for this test: a wire story, three syndicated
copies with different boilerplate, one spun rewrite, and unrelated stories (one on the
same talks, sharing most names)."""

from __future__ import annotations

import pytest

from parley.clean import clean
from parley.link.dedup import fingerprint, group_copies, group_stored, is_spun
from parley.records import Article, CleanedArticle

WIRE = """Sudan truce talks reopen in Jeddah with U.S. and Saudi mediators

JEDDAH, May 6 (Reuters) - Delegations of Sudan's army and the paramilitary Rapid Support Forces returned to Jeddah on Monday for a fourth round of talks on a humanitarian truce, Saudi and U.S. mediators said in a joint statement.

The mediators said the two sides would first discuss a 10-day ceasefire and safe passage for aid convoys to Khartoum, El Fasher and Nyala, before any talks on a lasting settlement.

Fighting since April 15 has killed at least 14,600 people and forced about 8.2 million from their homes, according to figures from the United Nations.

Army envoy Omar Siddiq told reporters in Jeddah that his delegation had come "with open hands" but would not accept the paramilitary force keeping positions in the capital.

An adviser to RSF commander Mohamed Hamdan Dagalo said the group was ready to sign a truce if aid reached all regions, including Darfur and Kordofan.

Previous rounds in Jeddah collapsed in June after both sides accused each other of breaking a 7-day ceasefire within hours.

Diplomats said Egypt, the African Union and the United Arab Emirates had been invited to follow the talks as observers from Tuesday.
"""

SYNDICATED_SLIDER = (
    WIRE.replace("Sudan truce talks reopen in Jeddah with U.S. and Saudi mediators", "Sudan talks reopen | Africa News")
    + "\n(Reporting by Jane Roe in Jeddah; Editing by Ann Poe)\n\nRelated Posts\n\n1 of 12\n\nLeave a Comment\n"
)
SYNDICATED_CUT = (
    WIRE.replace("JEDDAH, May 6 (Reuters) - ", "")
    .replace("Diplomats said Egypt, the African Union and the United Arab Emirates had been invited to follow"
             " the talks as observers from Tuesday.\n", "")
    + "\nThe Daily Example is now on the WhatsApp channel. Click here\nSubscribe to our newsletter\n"
)  # fmt: skip
SYNDICATED_QUOTES = WIRE.replace('"with open hands"', "\u201cwith open hands\u201d").replace(" - ", " \u2013 ") + (
    "\nShare this article\nFacebook Twitter WhatsApp\n"
)

SPUN = """Sudan ceasefire negotiations resume in Jeddah alongside U.S. and Saudi go-betweens

Envoys representing Sudan's armed forces and the paramilitary Rapid Support Forces came back to Jeddah on Monday for a fourth session of negotiations over a humanitarian pause, Saudi and U.S. go-betweens stated in a shared declaration.

According to the go-betweens, both camps will initially examine a 10-day halt in hostilities plus secure routes for relief lorries heading to Khartoum, El Fasher and Nyala, ahead of any discussion of a durable deal.

Combat since April 15 has left no fewer than 14,600 people dead and pushed roughly 8.2 million out of their houses, United Nations data show.

Military emissary Omar Siddiq informed journalists in Jeddah that his team had arrived "with open arms" yet would reject the paramilitary group holding ground in the capital.

A counsellor to RSF chief Mohamed Hamdan Dagalo stated the movement stood prepared to agree a pause provided relief got to every area, Darfur and Kordofan among them.

Earlier sessions in Jeddah broke down in June once each camp blamed the other for violating a 7-day truce within hours.

Envoys noted Egypt, the African Union and the United Arab Emirates were asked to monitor the negotiations as observers starting Tuesday.
"""

SAME_TALKS_OTHER_STORY = """Sudan army walks out of Jeddah talks, mediators say

JEDDAH, May 9 (Reuters) - Sudan's army suspended its part in the Jeddah talks with the Rapid Support Forces on Thursday, three days after the fourth round began, U.S. and Saudi mediators said.

The army said the RSF had shelled a market in Omdurman on Wednesday, killing 23 people and wounding 61, and had not left hospitals in Khartoum as promised in 2023.

RSF spokesman Al-Fateh Qurashi denied the shelling and said the group's delegation would stay in Jeddah until Saturday.

The United Nations said 4,300 people had fled El Fasher in the past week and that 25 million Sudanese needed aid.

Mediators from Saudi Arabia and the United States said they would keep contacts with both sides and hoped to resume the round within 14 days.

Egypt and the African Union urged both sides to return to the table.
"""

UKRAINE = """Prisoner swap agreed after talks in Istanbul

ISTANBUL (AP) - Russian and Ukrainian delegations agreed on Friday to exchange 1,000 prisoners each after two hours of talks in Istanbul hosted by Turkey, officials said.

Ukraine's defence minister Rustem Umerov said the swap would take place within 10 days and that Kyiv had also asked for a meeting of the two presidents.

Russian negotiator Vladimir Medinsky said Moscow would study the request and present its own ceasefire conditions in writing.
"""

SHORT = "Talks were postponed to next week, officials said."


def _article(ident: str, text: str, published: str | None) -> CleanedArticle:
    return clean(Article(id=ident, text=text, source=f"{ident}.txt", published=published))


CORPUS = [
    _article("other-story", SAME_TALKS_OTHER_STORY, "2024-05-09"),
    _article("copy-slider", SYNDICATED_SLIDER, "2024-05-07"),
    _article("wire", WIRE, "2024-05-06"),
    _article("ukraine", UKRAINE, "2025-05-16"),
    _article("copy-cut", SYNDICATED_CUT, None),
    _article("spun", SPUN, "2024-05-08"),
    _article("copy-quotes", SYNDICATED_QUOTES, "2024-05-06"),
    _article("exact-copy", WIRE, "2024-05-07"),
    _article("short", SHORT, None),
    _article("short-again", SHORT, None),
]
GROUPS = group_copies(CORPUS)


def _group_of(ident: str):  # type: ignore[no-untyped-def]
    found = [group for group in GROUPS if ident in group.members]
    assert len(found) <= 1
    return found[0] if found else None


def test_wire_is_the_origin_of_its_copies() -> None:
    group = _group_of("wire")
    assert group is not None and group.origin_id == "wire"
    assert set(group.members) == {"wire", "copy-slider", "copy-cut", "copy-quotes", "exact-copy", "spun"}
    assert group.members[0] == "wire"


def test_copy_kinds() -> None:
    group = _group_of("wire")
    assert dict(group.kinds) == {
        "exact-copy": "exact",
        "copy-quotes": "exact",  # same text once quotes, dashes and boilerplate are normalised
        "copy-slider": "near",
        "copy-cut": "near",
        "spun": "spun",
    }


def test_unrelated_stories_stay_alone() -> None:
    assert _group_of("other-story") is None
    assert _group_of("ukraine") is None


def test_identical_short_texts_are_exact_copies() -> None:
    group = _group_of("short")
    assert group is not None and group.members == ("short", "short-again")
    assert group.kinds == (("short-again", "exact"),)


def test_same_talks_with_shared_names_is_not_spun() -> None:
    assert not is_spun(fingerprint(CORPUS[2]), fingerprint(CORPUS[0]))


def test_origin_without_dates_is_the_first_in_input_order() -> None:
    undated = [_article("b", WIRE, None), _article("a", WIRE + "\nRelated Posts\n", None)]
    (group,) = group_copies(undated)
    assert group.origin_id == "b" and group.kinds == (("a", "exact"),)


def test_same_day_origin_is_the_agency_own_release() -> None:
    text = "ASWAN (NNA) - Envoys met on Monday to discuss a truce and aid routes.\n"
    copies = [
        clean(Article(id="copy", text=text, source="c", outlet="Example Post", published="2024-05-06")),
        clean(Article(id="own", text=text, source="o", outlet="Nile News Agency", published="2024-05-06")),
    ]
    (group,) = group_copies(copies)
    assert group.origin_id == "own" and group.kinds == (("copy", "exact"),)


def test_threshold_controls_near_copies() -> None:
    pair = [CORPUS[2], CORPUS[4]]  # wire and its cut copy (~85% of it)
    assert group_copies(pair, threshold=0.8)
    assert not group_copies(pair, threshold=0.99)


def test_group_stored_rows() -> None:
    rows = [{"id": c.article.id, "text": c.article.text, "published": c.article.published} for c in CORPUS]
    assert group_stored(rows) == GROUPS


@pytest.mark.slow
def test_ten_thousand_articles_in_reasonable_time() -> None:
    import random
    import time

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    base = [" ".join(rng.choice(vocabulary) for _ in range(250)) for _ in range(9000)]
    texts = base + [text + " extra words at the end" for text in base[:1000]]
    articles = [
        CleanedArticle(article=Article(id=f"a{i}", text=text, source="x"), text=text, offsets=clean_offsets())
        for i, text in enumerate(texts)
    ]
    started = time.perf_counter()
    groups = group_copies(articles)
    assert time.perf_counter() - started < 120
    assert len(groups) == 1000 and all(len(group.members) == 2 for group in groups)


def clean_offsets():  # type: ignore[no-untyped-def]
    from parley.records import OffsetMap

    return OffsetMap()
