"""Read and validate conflict profiles (YAML) into ``Profile`` records.

``load_profile("israel-hamas-2023")`` loads a shipped profile, ``load_profile("my.yaml")``
a user's file. Every problem raises ``ProfileError`` naming the file and line:
E200 unreadable, E201 missing field, E202 bad date, E203 duplicate alias, E204 bad value,
E205 unknown profile name. Loaded profiles are cached (per path and modification time).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from parley.errors import ProfileError
from parley.profiles.model import ACTOR_TYPES, PLACE_KINDS, Actor, FramingEntry, Issue, Place, Profile, Role
from parley.profiles.names import name_key
from parley.profiles.yamlnodes import LineDict, LineList, load_yaml

DATA_DIR = Path(__file__).parent / "data"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
T = TypeVar("T")

_FIELDS: dict[str, tuple[set[str], set[str]]] = {  # section: (required, optional)
    "profile": ({"name", "title", "actors"}, {"start_date", "keywords", "mediators", "places", "issues", "framing"}),
    "actor": ({"id", "canonical", "type"}, {"kind", "aliases", "titles", "party", "demonyms", "roles", "died"}),
    "role": ({"title"}, {"party", "start", "end"}),
    "place": ({"id", "canonical", "kind"}, {"aliases", "lat", "lon", "country", "capital_of", "titles"}),
    "issue": ({"name"}, {"keywords"}),
    "framing": ({"term"}, {"stands_for", "note"}),
}


class _Ctx:
    """Where we are: the file name, for error locations."""

    def __init__(self, path: Path) -> None:
        self.file = path.name

    def error(self, code: str, detail: str, line: int) -> ProfileError:
        return ProfileError(code, detail, where=f"{self.file}:{line}")


# --------------------------------------------------------------------------- fields


def _check_fields(ctx: _Ctx, node: Any, section: str, label: str, line: int) -> LineDict:
    if not isinstance(node, LineDict):
        raise ctx.error("E204", f"{label} must be a mapping of fields", getattr(node, "line", line))
    required, optional = _FIELDS[section]
    for key in sorted(required):
        if node.get(key) in (None, ""):
            raise ctx.error("E201", f"{label} needs '{key}'", node.line)
    for key in node:
        if key not in required | optional:
            allowed = ", ".join(sorted(required | optional))
            raise ctx.error("E204", f"{label} has unknown field '{key}' (allowed: {allowed})", node.line_of(key))
    return node


def _text(ctx: _Ctx, node: LineDict, key: str, label: str) -> str | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise ctx.error("E204", f"{label} field '{key}' must be text", node.line_of(key))
    return str(value)


def _texts(ctx: _Ctx, node: LineDict, key: str, label: str) -> tuple[str, ...]:
    value = node.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or any(isinstance(v, dict | list) or v is None for v in value):
        raise ctx.error("E204", f"{label} field '{key}' must be a list of texts", node.line_of(key))
    return tuple(str(v) for v in value)


def _date(ctx: _Ctx, node: LineDict, key: str, label: str) -> str | None:
    value = _text(ctx, node, key, label)
    if value is None:
        return None
    try:
        if not _DATE_RE.match(value):
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        detail = f"{label} field '{key}' is '{value}', not a YYYY-MM-DD date"
        raise ctx.error("E202", detail, node.line_of(key)) from None
    return value


def _coord(ctx: _Ctx, node: LineDict, key: str, label: str, limit: float) -> float | None:
    value = node.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
        detail = f"{label} field '{key}' is {value!r}, not a number within ±{limit:g}"
        raise ctx.error("E204", detail, node.line_of(key))
    return float(value)


def _enum(ctx: _Ctx, node: LineDict, key: str, label: str, allowed: tuple[str, ...]) -> str:
    value = _text(ctx, node, key, label) or ""
    if value not in allowed:
        detail = f"{label} field '{key}' is '{value}'; use one of {', '.join(allowed)}"
        raise ctx.error("E204", detail, node.line_of(key))
    return value


def _items(ctx: _Ctx, node: LineDict, key: str, build: Callable[[Any, str, int], T]) -> tuple[T, ...]:
    value = node.get(key)
    if value is None:
        return ()
    if not isinstance(value, LineList):
        raise ctx.error("E204", f"'{key}' must be a list", node.line_of(key))
    return tuple(build(item, f"{key}[{i}]", value.line_of(i)) for i, item in enumerate(value))


# --------------------------------------------------------------------------- records


def _role(ctx: _Ctx, item: Any, label: str, line: int) -> Role:
    node = _check_fields(ctx, item, "role", label, line)
    role = Role(
        title=str(node["title"]),
        party=_text(ctx, node, "party", label),
        start=_date(ctx, node, "start", label),
        end=_date(ctx, node, "end", label),
    )
    if role.start and role.end and role.end < role.start:
        raise ctx.error("E202", f"{label} ends ({role.end}) before it starts ({role.start})", node.line_of("end"))
    return role


def _actor(ctx: _Ctx, item: Any, label: str, line: int) -> Actor:
    node = _check_fields(ctx, item, "actor", label, line)
    label = f"actor '{node['id']}'"
    return Actor(
        id=str(node["id"]),
        canonical=str(node["canonical"]),
        type=_enum(ctx, node, "type", label, ACTOR_TYPES),
        kind=_text(ctx, node, "kind", label),
        aliases=_texts(ctx, node, "aliases", label),
        titles=_texts(ctx, node, "titles", label),
        party=_text(ctx, node, "party", label),
        demonyms=_texts(ctx, node, "demonyms", label),
        roles=_items(ctx, node, "roles", lambda it, lab, ln: _role(ctx, it, f"{label} {lab}", ln)),
        died=_date(ctx, node, "died", label),
    )


def _place(ctx: _Ctx, item: Any, label: str, line: int) -> Place:
    node = _check_fields(ctx, item, "place", label, line)
    label = f"place '{node['id']}'"
    return Place(
        id=str(node["id"]),
        canonical=str(node["canonical"]),
        kind=_enum(ctx, node, "kind", label, PLACE_KINDS),
        aliases=_texts(ctx, node, "aliases", label),
        lat=_coord(ctx, node, "lat", label, 90),
        lon=_coord(ctx, node, "lon", label, 180),
        country=_text(ctx, node, "country", label),
        capital_of=_text(ctx, node, "capital_of", label),
        titles=_texts(ctx, node, "titles", label),
    )


def _issue(ctx: _Ctx, item: Any, label: str, line: int) -> Issue:
    node = _check_fields(ctx, item, "issue", label, line)
    return Issue(name=str(node["name"]), keywords=_texts(ctx, node, "keywords", label))


def _framing(ctx: _Ctx, item: Any, label: str, line: int) -> FramingEntry:
    node = _check_fields(ctx, item, "framing", label, line)
    return FramingEntry(
        term=str(node["term"]),
        stands_for=_text(ctx, node, "stands_for", label),
        note=_text(ctx, node, "note", label) or "",
    )


# --------------------------------------------------------------------------- whole-profile checks


def _named(root: LineDict, profile: Profile) -> list[tuple[Actor | Place, int]]:
    """Every actor and place with the line where it starts."""
    actors: list[tuple[Actor | Place, int]] = [(a, root["actors"].line_of(i)) for i, a in enumerate(profile.actors)]
    places = [(p, root["places"].line_of(i)) for i, p in enumerate(profile.places)]
    return actors + places


def _check_unique_names(ctx: _Ctx, root: LineDict, profile: Profile) -> None:
    """E203: an alias (after normalisation) may name one actor or place only."""
    owners: dict[str, str] = {}
    for item, line in _named(root, profile):
        for name in sorted({name_key(n) for n in (item.canonical, *item.aliases)} - {""}):
            other = owners.setdefault(name, item.id)
            if other != item.id:
                raise ctx.error("E203", f"'{name}' names both '{other}' and '{item.id}'", line)


def _check_references(ctx: _Ctx, root: LineDict, profile: Profile) -> None:
    """E204: parties, countries, mediators and framing targets must name an actor."""
    known = {a.canonical for a in profile.actors} | {a.id for a in profile.actors}

    def check(name: str | None, what: str, line: int) -> None:
        if name and name not in known:
            raise ctx.error("E204", f"{what} '{name}' names no actor of this profile", line)

    for i, actor in enumerate(profile.actors):
        line = root["actors"].line_of(i)
        check(actor.party, f"actor '{actor.id}' party", line)
        for role in actor.roles:
            check(role.party, f"actor '{actor.id}' role party", line)
    for i, place in enumerate(profile.places):
        line = root["places"].line_of(i)
        check(place.country, f"place '{place.id}' country", line)
        check(place.capital_of, f"place '{place.id}' capital_of", line)
    for i, entry in enumerate(profile.framing):
        check(entry.stands_for, f"framing term '{entry.term}' stands_for", root["framing"].line_of(i))
    for name in profile.mediators:
        check(name, "mediator", root.line_of("mediators"))


def _check_ids(ctx: _Ctx, root: LineDict, profile: Profile) -> None:
    seen: set[str] = set()
    for item, line in _named(root, profile):
        if item.id in seen:
            raise ctx.error("E203", f"id '{item.id}' is used twice", line)
        seen.add(item.id)


def parse_profile(text: str, path: Path) -> Profile:
    """Validate the YAML ``text`` of a profile read from ``path``."""
    ctx = _Ctx(path)
    try:
        root = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = f"not valid YAML ({getattr(exc, 'problem', exc)})"
        raise ctx.error("E200", detail, mark.line + 1 if mark else 1) from None
    node = _check_fields(ctx, root, "profile", "the profile", 1)
    profile = Profile(
        name=str(node["name"]),
        title=str(node["title"]),
        start_date=_date(ctx, node, "start_date", "the profile"),
        actors=_items(ctx, node, "actors", lambda it, lab, ln: _actor(ctx, it, lab, ln)),
        places=_items(ctx, node, "places", lambda it, lab, ln: _place(ctx, it, lab, ln)),
        issues=_items(ctx, node, "issues", lambda it, lab, ln: _issue(ctx, it, lab, ln)),
        framing=_items(ctx, node, "framing", lambda it, lab, ln: _framing(ctx, it, lab, ln)),
        keywords=_texts(ctx, node, "keywords", "the profile"),
        path=str(path),
        mediators=_texts(ctx, node, "mediators", "the profile"),
    )
    _check_ids(ctx, node, profile)
    _check_unique_names(ctx, node, profile)
    _check_references(ctx, node, profile)
    return profile


# --------------------------------------------------------------------------- public API


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> Profile:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError("E200", str(exc), where=file.name) from None
    return parse_profile(text, file)


def load_path(path: str | Path) -> Profile:
    """Load and validate the profile at ``path`` (cached until the file changes)."""
    file = Path(path).expanduser().resolve()
    if not file.is_file():
        raise ProfileError("E200", f"no file at {path}", where=str(path))
    return _load_cached(str(file), file.stat().st_mtime_ns)


def available_profiles() -> list[str]:
    """Names of the profiles shipped with parley."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


def load_profile(name_or_path: str) -> Profile:
    """A shipped profile by name, or a user's profile by path (``.yaml``/``.yml``)."""
    shipped = DATA_DIR / f"{name_or_path}.yaml"
    if "/" not in name_or_path and shipped.is_file():
        return load_path(shipped)
    candidate = Path(name_or_path).expanduser()
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return load_path(candidate)
    choices = ", ".join(available_profiles())
    raise ProfileError("E205", f"'{name_or_path}' (shipped profiles: {choices})")


def load_all() -> tuple[Profile, ...]:
    """Every shipped profile."""
    return tuple(load_profile(name) for name in available_profiles())
