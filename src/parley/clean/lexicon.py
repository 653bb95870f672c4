"""The clean stage's data files, read once and compiled.

``boilerplate.yaml`` (lines that are not content), ``credits.yaml`` (agencies and credit
lines) and ``datelines.yaml`` live in ``parley/profiles/data/lexicons/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_FLAGS = re.IGNORECASE


def load_yaml(name: str) -> dict[str, Any]:
    """One lexicon file of ``parley/profiles/data/lexicons`` as a mapping."""
    import yaml

    text = resources.files("parley.profiles").joinpath("data", "lexicons", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True, slots=True)
class LineRule:
    group: str
    pattern: re.Pattern[str]
    max_words: int


@dataclass(frozen=True, slots=True)
class Boilerplate:
    lines: tuple[LineRule, ...]
    title_suffixes: tuple[re.Pattern[str], ...]
    tail_headers: tuple[re.Pattern[str], ...]


@cache
def boilerplate() -> Boilerplate:
    data = load_yaml("boilerplate.yaml")
    default = int(data.get("default_max_words", 40))
    rules = tuple(
        LineRule(group, re.compile(rf"(?:{pattern})", _FLAGS), int(spec.get("max_words", default)))
        for group, spec in (data.get("lines") or {}).items()
        for pattern in spec.get("patterns", [])
    )
    return Boilerplate(
        lines=rules,
        title_suffixes=tuple(re.compile(p, _FLAGS) for p in data.get("title_suffixes", [])),
        tail_headers=tuple(re.compile(rf"(?:{p})", _FLAGS) for p in data.get("tail_headers", [])),
    )


@dataclass(frozen=True, slots=True)
class CreditRules:
    agencies: dict[str, str]  # written form -> canonical name
    agency_pattern: re.Pattern[str]
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    trailing: re.Pattern[str]


@cache
def credits() -> CreditRules:
    data = load_yaml("credits.yaml")
    forms = {form: name for name, written in (data.get("agencies") or {}).items() for form in [name, *written]}
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return CreditRules(
        agencies=forms,
        agency_pattern=re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
        lines=tuple((name, re.compile(rf"(?:{p})", _FLAGS)) for name, p in (data.get("credit_lines") or {}).items()),
        trailing=re.compile(data.get("trailing_credit", r"(?!)")),
    )


@dataclass(frozen=True, slots=True)
class DatelineRules:
    patterns: tuple[re.Pattern[str], ...]
    months: dict[str, int]  # lower-cased name -> month number
    not_places: frozenset[str]


@cache
def datelines() -> DatelineRules:
    data = load_yaml("datelines.yaml")
    months = {name.lower(): int(number) for number, names in (data.get("months") or {}).items() for name in names}
    month = "|".join(sorted((re.escape(m) for names in data["months"].values() for m in names), key=len, reverse=True))
    date = "|".join(f"(?:{p.replace('{month}', f'(?:{month})')})" for p in data.get("date_patterns", []))
    return DatelineRules(
        patterns=tuple(re.compile(p.replace("{date}", f"(?:{date})")) for p in data.get("patterns", [])),
        months=months,
        not_places=frozenset(data.get("not_places", [])),
    )
