"""Expanding the user's inputs: files, folders (recursive, sorted), globs and ``-``."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

STDIN = "-"
_MAGIC = ("*", "?", "[")


def _walk(folder: str) -> list[str]:
    """Files under ``folder`` sorted by path (``a.txt``, ``b/one.txt``, ``c.txt``);
    hidden files and folders are left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda path: Path(path).parts)


def _expand_one(path: str) -> list[str]:
    if path == STDIN:
        return [STDIN]
    if os.path.isdir(path):
        return _walk(path)
    if os.path.exists(path) or not any(ch in path for ch in _MAGIC):
        return [path] if os.path.lexists(path) else []
    found: list[str] = []
    for match in sorted(glob.glob(path, recursive=True)):
        found.extend(_walk(match) if os.path.isdir(match) else [match])
    return found


def expand_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(inputs in order without repeats, paths that matched nothing)``."""
    seen: set[str] = set()
    found: list[str] = []
    missing: list[str] = []
    for path in paths:
        matches = _expand_one(path)
        if not matches:
            missing.append(path)
        for match in matches:
            key = match if match == STDIN else str(Path(match).resolve())
            if key not in seen:
                seen.add(key)
                found.append(match)
    return found, missing
