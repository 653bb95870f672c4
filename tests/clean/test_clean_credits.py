"""Credits: the agency carried versus agencies merely cited."""

from __future__ import annotations

from parley.clean import clean
from parley.records import Article


def _credits(text: str):  # type: ignore[no-untyped-def]
    return clean(Article(id="t", text=text, source="<t>")).credits


def test_trailing_agency_credit_is_the_wire() -> None:
    credits = _credits("Envoys met in Doha on Monday.\nThey will meet again on Friday. \u2014 Reuters\n")
    assert credits.wire == "Reuters" and credits.lines == ("\u2014 Reuters",)


def test_dateline_agency_is_the_wire_and_others_are_cited() -> None:
    credits = _credits("CAIRO (Reuters) - A Hamas official told AFP the talks were over.\n")
    assert credits.wire == "Reuters" and credits.cited == ("AFP",)


def test_unknown_dateline_label_is_no_wire() -> None:
    credits = _credits("GAZA STRIP (Dispatches) - A source told Agence France-Presse the talks were over.\n")
    assert credits.wire is None and credits.cited == ("AFP",)


def test_source_lines() -> None:
    assert _credits("Envoys met in Beijing.\nSource: Xinhua\n").wire == "Xinhua"
    credits = _credits("Envoys met in Ankara.\nSOURCE: TRTWorld and agencies\n")
    assert credits.wire == "TRTWorld" and credits.lines == ("SOURCE: TRTWorld and agencies",)


def test_reporting_credit_is_a_line_but_no_wire() -> None:
    credits = _credits("Envoys met.\n(Reporting by Jane Roe; Editing by Ann Poe)\n")
    assert credits.wire is None and credits.lines == ("(Reporting by Jane Roe; Editing by Ann Poe)",)


def test_inputs_credit() -> None:
    assert _credits("Envoys met in Delhi.\n(With inputs from PTI)\n").wire == "PTI"


def test_byline_naming_an_agency() -> None:
    assert _credits("By Jane Roe and Al Poe, Reuters\nEnvoys met.\n").wire == "Reuters"
    assert _credits("By Jane Roe\nEnvoys met.\n").wire is None


def test_dateline_acronym_of_the_outlet_is_the_outlet() -> None:
    own = clean(Article(id="t", text="ASWAN (NNA) - Envoys met.", source="<t>", outlet="Nile News Agency"))
    other = clean(Article(id="t", text="ASWAN (NNA) - Envoys met.", source="<t>", outlet="Example Post"))
    assert own.credits.wire == "Nile News Agency" and other.credits.wire == "NNA"


def test_agency_signoff_of_the_outlet() -> None:
    cleaned = clean(Article(id="t", text="Envoys met.\nSNA/ M.K\n", source="<t>", outlet="Somali News Agency"))
    assert cleaned.credits.wire == "Somali News Agency" and cleaned.credits.lines == ("SNA/ M.K",)


def test_a_dash_before_a_name_that_is_no_agency_is_no_credit() -> None:
    credits = _credits("The envoy left early. - John Smith\n")
    assert credits.wire is None and credits.lines == ()
