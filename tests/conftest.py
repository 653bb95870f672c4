"""Shared test helpers: where ../shared is, and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
EXAMPLES = ROOT / "examples"


def shared_or_skip() -> Path:
    """The ../shared folder (seeds and their gold), or skip the test when it is absent."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "gold" / "seeds").is_dir():
        pytest.skip("../shared is absent (as on a user's machine)")
    return SHARED


@pytest.fixture
def shared() -> Path:
    return shared_or_skip()


def _hypothesis_profiles() -> None:
    """CI runs the property tests on a fixed seed (a red CI must be reproducible); a
    developer's run explores new examples each time."""
    import os

    from hypothesis import settings

    settings.register_profile("ci", derandomize=True)
    if os.environ.get("CI"):
        settings.load_profile("ci")


_hypothesis_profiles()
