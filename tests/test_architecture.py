"""Rules of the house, checked on the source: a stage never imports a later one, and only
``annotate`` imports spaCy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "parley"
ORDER = ["ingest", "clean", "annotate", "extract", "link", "store", "report", "serve"]
SHARED = {"records", "errors", "config", "profiles", "schema"}  # usable by every stage


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _stage_modules() -> list[tuple[str, Path]]:
    return [(stage, path) for stage in ORDER for path in sorted((SRC / stage).rglob("*.py"))]


@pytest.mark.parametrize(("stage", "path"), _stage_modules(), ids=lambda v: str(v).split("parley/")[-1])
def test_stage_imports_only_earlier_stages(stage: str, path: Path) -> None:
    allowed = set(ORDER[: ORDER.index(stage) + 1]) | SHARED
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "parley" or len(parts) < 2:
            continue
        assert parts[1] in allowed, f"{path.name} ({stage}) imports {name}, a later stage or an orchestrator"


def test_only_annotate_imports_spacy() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if any(n == "spacy" or n.startswith("spacy.") for n in _imports(path)) and "annotate" not in path.parts
    ]
    assert offenders == []


def test_profiles_and_records_depend_on_no_stage() -> None:
    for path in [SRC / "records.py", SRC / "errors.py", *sorted((SRC / "profiles").rglob("*.py"))]:
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "parley" and len(parts) > 1:
                assert parts[1] in {"records", "errors", "config", "profiles"}, f"{path.name} imports {name}"
