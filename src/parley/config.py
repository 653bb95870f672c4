"""Settings, with their defaults in one place.

Precedence: defaults < settings file (``parley.toml`` in the working directory, or the file
named by ``PARLEY_CONFIG``) < environment (``PARLEY_<NAME>``) < command line. Every
setting is listed in ``SETTINGS`` with its help text; ``docs/cli.md`` documents each one
(a test checks that).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import UsageError

SETTINGS: dict[str, str] = {
    "db": "DuckDB file that `ingest` writes and the views read",
    "profile": "conflict profile: a shipped name, a YAML path, 'auto' (detect per article) or 'none'",
    "max_bytes": "largest input file accepted, in bytes; larger ones are quarantined",
    "workers": "parallel worker threads for extraction (1 runs inline)",
    "batch_size": "articles per committed batch when ingesting",
    "extractors": "comma-separated extractor names (versioned), in any order",
    "field_map": "field mapping for JSONL/CSV exports, e.g. 'text=body,published=date'",
    "progress": "show a progress bar on stderr for long runs ('auto', 'always', 'never')",
}


@dataclass(frozen=True)
class Settings:
    db: str = "parley.duckdb"
    profile: str = "auto"
    max_bytes: int = 5_000_000
    workers: int = 1
    batch_size: int = 50
    extractors: tuple[str, ...] = ()  # empty: parley.extract.DEFAULT_EXTRACTORS
    field_map: tuple[tuple[str, str], ...] = ()
    progress: str = "auto"
    sources: tuple[str, ...] = field(default=(), compare=False)  # where values came from

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def parse_field_map(value: str) -> tuple[tuple[str, str], ...]:
    """``"text=body,published=date"`` -> ``(("text", "body"), ("published", "date"))``."""
    pairs = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        key, sep, source = item.partition("=")
        if not sep or not key.strip() or not source.strip():
            raise UsageError("E502", f"field_map item {item!r} is not FIELD=SOURCE")
        pairs.append((key.strip(), source.strip()))
    return tuple(pairs)


def _coerce(name: str, value: Any) -> Any:
    kind = type(getattr(Settings(), name))
    try:
        if name == "field_map":
            return parse_field_map(value) if isinstance(value, str) else tuple(tuple(p) for p in value)
        if name == "extractors":
            return (
                tuple(filter(None, (v.strip() for v in value.split(",")))) if isinstance(value, str) else tuple(value)
            )
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise UsageError("E502", f"{name}={value!r}: {exc}") from exc


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError("E502", f"cannot read {path}: {exc}") from exc
    section = data.get("parley", data)
    return {k.replace("-", "_"): v for k, v in section.items()}


def load_settings(overrides: Mapping[str, Any] | None = None, cwd: Path | None = None) -> Settings:
    """Settings from defaults, file, environment and ``overrides`` (command line)."""
    values: dict[str, Any] = {}
    sources: list[str] = []
    config_path = Path(os.environ.get("PARLEY_CONFIG", str((cwd or Path.cwd()) / "parley.toml")))
    if config_path.is_file():
        values.update(_read_file(config_path))
        sources.append(str(config_path))
    for name in SETTINGS:
        env = os.environ.get(f"PARLEY_{name.upper()}")
        if env is not None:
            values[name] = env
            sources.append(f"PARLEY_{name.upper()}")
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    unknown = sorted(set(values) - set(SETTINGS))
    if unknown:
        raise UsageError("E502", f"unknown setting(s) {', '.join(unknown)}")
    coerced = {name: _coerce(name, value) for name, value in values.items()}
    return Settings(**coerced, sources=tuple(sources))
