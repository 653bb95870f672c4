"""The extractor interface and its registry.

An extractor is a function ``(doc, ctx) -> {name: tuple_of_records}`` registered under a
versioned name (``"figures.v1"``). It declares what it ``requires`` (names provided by
earlier extractors) and what it ``provides``; ``run_extractors`` orders them so each runs
after what it needs. Swap one by registering a new version and naming it in settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parley.records import Document

ExtractFn = Callable[[Document, "ExtractContext"], Mapping[str, tuple[Any, ...]]]


@dataclass(frozen=True)
class ExtractContext:
    """What an extractor may read besides the document: the conflict profile (or None)
    and the outputs of the extractors that ran before it."""

    profile: Any = None  # parley.profiles.Profile | None
    results: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = ()) -> Any:
        return self.results.get(name, default)


@dataclass(frozen=True)
class Extractor:
    name: str  # versioned: "figures.v1"
    provides: tuple[str, ...]
    requires: tuple[str, ...]
    fn: ExtractFn


REGISTRY: dict[str, Extractor] = {}


def register(name: str, provides: Sequence[str], requires: Sequence[str] = ()) -> Callable[[ExtractFn], ExtractFn]:
    """Decorator: register ``fn`` as extractor ``name`` (e.g. ``"figures.v1"``)."""

    def wrap(fn: ExtractFn) -> ExtractFn:
        REGISTRY[name] = Extractor(name, tuple(provides), tuple(requires), fn)
        return fn

    return wrap


def order(names: Sequence[str]) -> list[Extractor]:
    """The named extractors in an order where each runs after those it requires."""
    pending = [REGISTRY[n] for n in names]
    done: set[str] = set()
    ordered: list[Extractor] = []
    while pending:
        ready = [e for e in pending if set(e.requires) <= done]
        if not ready:
            missing = {r for e in pending for r in e.requires} - done
            raise ValueError(f"no extractor provides {sorted(missing)}")
        for ext in ready:
            ordered.append(ext)
            done.update(ext.provides)
            pending.remove(ext)
    return ordered


def run_extractors(
    doc: Document, names: Sequence[str], profile: Any = None, seed: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Run the named extractors over ``doc``; return every name provided."""
    results: dict[str, Any] = dict(seed or {})
    for ext in order(names):
        ctx = ExtractContext(profile=profile, results=results)
        results.update(ext.fn(doc, ctx))
    return results
