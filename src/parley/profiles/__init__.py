"""Conflict profiles: YAML data + loader + validator."""

from parley.profiles.model import Actor, FramingEntry, Issue, Place, Profile, Role

__all__ = ["Actor", "FramingEntry", "Issue", "Place", "Profile", "Role"]
