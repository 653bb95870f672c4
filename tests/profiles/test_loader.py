"""Profiles: the shipped ones load, broken ones fail with file, line and fix, detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.errors import ProfileError
from parley.profiles import available_profiles, detect_profile, load_all, load_profile

GOOD = """\
name: tiny
title: A tiny conflict
start_date: 2024-01-01
keywords: [Ruritania]
mediators: [Freedonia]
actors:
  - {id: ruritania, canonical: Ruritania, type: GPE, kind: country, demonyms: [Ruritanian]}
  - {id: freedonia, canonical: Freedonia, type: GPE, kind: country}
  - id: rufus
    canonical: Rufus Firefly
    type: PERSON
    party: Freedonia
    aliases: [Firefly]
    roles: [{title: president, party: Freedonia, start: 2023-05-01}]
places:
  - {id: strelsau, canonical: Strelsau, kind: city, lat: 50.1, lon: 14.4, capital_of: Ruritania}
framing:
  - {term: Ruritanian junta, stands_for: Ruritania}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load_profile(str(write(tmp_path, text)))
    return info.value


def test_shipped_profiles_load_and_cover_four_conflicts() -> None:
    names = available_profiles()
    assert {"israel-hamas-2023", "russia-ukraine-2022", "sudan-2023", "drc-m23"} <= set(names)
    profiles = load_all()
    assert [p.name for p in profiles] == names
    gaza = load_profile("israel-hamas-2023")
    assert gaza.start_date == "2023-10-07"
    assert set(gaza.mediators) == {"Egypt", "Qatar", "United States"}
    burns = gaza.actor("burns")
    assert burns is not None and burns.party == "United States"
    assert burns.roles[0].start == "2021-03-19" and burns.roles[0].end == "2025-01-20"
    assert load_profile("israel-hamas-2023") is gaza  # cached


def test_a_users_profile_loads_from_a_path(tmp_path: Path) -> None:
    profile = load_profile(str(write(tmp_path, GOOD)))
    assert profile.name == "tiny"
    assert profile.actor("rufus") is not None and profile.actor("rufus").roles[0].party == "Freedonia"
    place = profile.places[0]
    assert (place.lat, place.lon, place.type) == (50.1, 14.4, "GPE")


@pytest.mark.parametrize(
    ("broken", "code", "line", "words"),
    [
        (GOOD.replace("    canonical: Rufus Firefly\n", ""), "E201", 9, "needs 'canonical'"),
        (GOOD.replace("start: 2023-05-01", "start: 2023-13-45"), "E202", 14, "YYYY-MM-DD"),
        (GOOD.replace("start_date: 2024-01-01", "start_date: last spring"), "E202", 3, "start_date"),
        (GOOD.replace("aliases: [Firefly]", "aliases: [Firefly, Freedonia]"), "E203", 9, "freedonia"),
        (GOOD.replace("type: PERSON", "type: HUMAN"), "E204", 11, "PERSON"),
        (GOOD.replace("kind: city", "kind: metropolis"), "E204", 16, "city"),
        (GOOD.replace("party: Freedonia\n    aliases", "party: Atlantis\n    aliases"), "E204", 9, "Atlantis"),
        (GOOD.replace("    aliases: [Firefly]", "    alias: [Firefly]"), "E204", 13, "allowed"),
        (GOOD.replace("lat: 50.1", "lat: 95"), "E204", 16, "lat"),
        (GOOD.replace("actors:", "actors: [\n"), "E200", 8, "YAML"),
    ],
)
def test_a_broken_profile_names_file_line_and_fix(
    tmp_path: Path, broken: str, code: str, line: int, words: str
) -> None:
    err = error_of(tmp_path, broken)
    assert err.code == code
    assert err.where == f"tiny.yaml:{line}"
    message = str(err)
    assert message.startswith(f"error[{code}] tiny.yaml:{line}:")
    assert words in message and "Fix:" in message


def test_a_missing_top_level_field(tmp_path: Path) -> None:
    err = error_of(tmp_path, GOOD.replace("title: A tiny conflict\n", ""))
    assert (err.code, err.where) == ("E201", "tiny.yaml:1")
    assert "'title'" in err.detail


def test_unknown_profile_name_lists_the_shipped_ones() -> None:
    with pytest.raises(ProfileError) as info:
        load_profile("atlantis-war")
    assert info.value.code == "E205" and "israel-hamas-2023" in info.value.detail


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hamas negotiators met Egyptian and Qatari mediators in Cairo about the Philadelphi corridor and hostages.",
            "israel-hamas-2023",
        ),
        (
            "Ukrainian and Russian delegations met in Istanbul; Zelenskiy said Kyiv wants a ceasefire.",
            "russia-ukraine-2022",
        ),
        (
            "The RSF and the Sudanese army traded blame for the siege of El Fasher as talks in Jeddah stalled.",
            "sudan-2023",
        ),
        ("M23 rebels backed by Rwanda took Goma; Tshisekedi sent envoys to Doha for talks with the AFC.", "drc-m23"),
    ],
)
def test_detect_profile_picks_the_conflict(text: str, expected: str) -> None:
    profile = detect_profile(text)
    assert profile is not None and profile.name == expected


def test_detect_profile_returns_none_when_nothing_fits() -> None:
    assert detect_profile("The bakery on Main Street sold out of rye bread on Tuesday morning.") is None
    assert detect_profile("Officials in Washington discussed the budget.") is None


def test_the_example_in_the_docs_is_a_valid_profile(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "profiles.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    profile = load_profile(str(write(tmp_path, example)))
    assert profile.name == "tiny-war" and profile.places[1].type == "FACILITY"


@pytest.mark.parametrize(
    "text",
    [
        # another conflict's talks, naming mediators and places that profiles also know
        "Saudi and Omani envoys met the Houthi leadership in Sanaa to discuss salaries and a prisoner swap; "
        "the United States and the United Nations welcomed the talks, and Egypt and Qatar sent messages of support.",
        "The African Union brought Ethiopian government and Tigrayan negotiators to Pretoria; Kenya and the "
        "United States joined as observers, and Sudan's border was mentioned as a supply route.",
        "Armenian and Azerbaijani foreign ministers met in Washington with the US secretary of state; Russia "
        "and Turkey watched the talks closely.",
    ],
)
def test_detect_profile_does_not_pull_other_conflicts_into_a_profile(text: str) -> None:
    assert detect_profile(text) is None
