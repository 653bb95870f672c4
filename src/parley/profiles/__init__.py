"""Conflict profiles: YAML data + loader + validator, and what is compiled from them.

``load_profile(name_or_path)``, ``available_profiles()``, ``load_all()`` and
``detect_profile(text)`` choose a profile; ``gazetteer.lookup_place(name)`` finds a place's
coordinates; ``catalogue.catalogue_for(profile)`` compiles a profile (or None) with the
generic lexicons into the phrase indexes the extractors read.
"""

from parley.profiles.detect import detect_profile
from parley.profiles.loader import available_profiles, load_all, load_profile
from parley.profiles.model import Actor, FramingEntry, Issue, Place, Profile, Role

__all__ = [
    "Actor",
    "FramingEntry",
    "Issue",
    "Place",
    "Profile",
    "Role",
    "available_profiles",
    "detect_profile",
    "load_all",
    "load_profile",
]
