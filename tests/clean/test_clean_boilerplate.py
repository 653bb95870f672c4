"""Boilerplate removal on texts written for these tests (never seed text)."""

from __future__ import annotations

import pytest

from parley.clean import clean
from parley.records import Article


def _clean(text: str, **meta: str):  # type: ignore[no-untyped-def]
    return clean(Article(id="t", text=text, source="<t>", **meta))


BODY = (
    "Envoys from both sides met in Doha on Monday to discuss a phased truce.\n"
    "A mediator said the talks would continue on Tuesday.\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "Related Posts",
        "Related Articles:",
        "You may also like",
        "3 of 12",
        "Leave a Comment",
        "Leave a Reply",
        "12 Comments",
        "[ Negotiators race to close the gaps over the border strip Opens in new window ]",
        "The Daily Example is now on the WhatsApp channel. Click here",
        "Follow us on Telegram for the latest updates",
        "Sign up for our Middle East newsletter",
        "Subscribe now",
        "Read more",
        "READ MORE: Truce envoys head to Cairo",
        "Also read | Aid convoy reaches the north",
        "Share this article",
        "Facebook Twitter WhatsApp Email",
        "Advertisement",
        "(Reporting by Jane Roe in Doha; Writing by John Doe; Editing by Ann Poe)",
        "Reporting by Jane Roe; Editing by Ann Poe",
        "Source: Xinhua",
        "SOURCE: TRTWorld and agencies",
        "\u2014 AFP",
        "Copyright 2024 Example Media. All rights reserved.",
        "Tags: Gaza, ceasefire, Qatar",
        "By Jane Roe and Al Poe, Reuters",
        "By JANE ROE | Example Times",
        "FILE PHOTO: Trucks wait at the crossing in Rafah, May 5, 2024. REUTERS/Jo Lens/File Photo",
        "Image caption, Envoys arrive for the talks",
        "Associated Press writer Jo Bloggs in Cairo contributed to this report.",
        "(ANI)",
        "___",
        "Editor: Li Wei",
        "Join our WhatsApp channel for the latest news",
        "Sign up here.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Follow The Example Post on Telegram for breaking news",
        "WAM/ K.H",
        "Example Post | Share this story",
        "Example Post | Subscribe to our Telegram channel",
        "Get the Example Post morning briefing in your inbox. Sign up here.",
        "Read more regional news at example-post.com",
        "Support independent journalism - become an Example Post member.",
    ],
)
def test_boilerplate_line_is_removed_and_listed(line: str) -> None:
    cleaned = _clean(BODY + line + "\n")
    assert cleaned.boilerplate == (line,)
    assert cleaned.text == BODY.strip()


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more broadly, the plan gives both sides something.",
        "Watch groups said the truce was fragile.",
        "Sources: officials said the delegation left Cairo on Sunday night.",
        "Reporting by the agency showed the convoy was turned back at the crossing.",
        "More than 40 people were killed in the strike, medics said.",
        "Subscribers to the plan include Egypt, Qatar and the United States.",
        "Related talks in Cairo focused on the border strip.",
        "The minister said he would share the proposal with the cabinet.",
        "Copyright law was not on the agenda, the spokesman said.",
        "Source: a senior official said the talks had stalled.",
        "By Tuesday, the talks had collapsed.",
        "By then, Egypt had sent a delegation to Doha.",
        "Photographs of the meeting were not released.",
        "Editors of the paper said they had not seen the draft.",
        "The U.N. said 40 trucks crossed on Monday (AFP).",
        "Envoys follow the talks on Telegram, one official said.",
        "Egypt | Qatar | United States | Israel said they would keep talking.",
        "Israel/Gaza talks resumed on Monday in Doha with both delegations.",
    ],
)
def test_article_sentences_are_kept(sentence: str) -> None:
    cleaned = _clean(BODY + sentence + "\n")
    assert cleaned.boilerplate == ()
    assert sentence in cleaned.text


def test_title_suffix_is_cut_from_the_first_line_only() -> None:
    text = "Truce envoys return to Cairo for a new round | Middle East News\n" + BODY
    cleaned = _clean(text)
    assert cleaned.boilerplate == ("| Middle East News",)
    assert cleaned.text.startswith("Truce envoys return to Cairo for a new round\nEnvoys")


def test_pipe_inside_an_article_sentence_is_kept() -> None:
    text = BODY + "The plan | as one envoy put it | is a bridge.\n"
    assert _clean(text).boilerplate == ()


def test_teaser_headlines_after_a_related_header_go_until_a_sentence() -> None:
    tail = "Related Posts\nAid trucks wait at the crossing\nAugust 22, 2024\nThe envoy added that talks would go on.\n"
    text = BODY + tail
    cleaned = _clean(text)
    assert cleaned.boilerplate == ("Related Posts", "Aid trucks wait at the crossing", "August 22, 2024")
    assert cleaned.text.endswith("The envoy added that talks would go on.")


def test_quotes_and_dashes_are_folded_and_breaks_collapsed() -> None:
    cleaned = _clean("\u201cWe are close,\u201d she said \u2013 twice.\n\n\nIt\u2019s   late.")
    assert cleaned.text == '"We are close," she said - twice.\nIt\'s late.'


def test_outlet_comes_from_metadata_then_url() -> None:
    assert _clean(BODY, outlet="Example Times").outlet == "Example Times"
    assert _clean(BODY, url="https://www.example-news.org/a/1").outlet == "example-news.org"
    assert _clean(BODY + "\u2014 Reuters").outlet is None
