"""Every command, setting and error code is documented (datasette's rule)."""

from __future__ import annotations

import argparse
from pathlib import Path

from parley.cli import build_parser
from parley.config import SETTINGS
from parley.errors import CODES

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_is_in_the_readme_and_cli_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cli_doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"parley {name}" in readme, f"README lacks a section/example for `parley {name}`"
        assert f"| `{name}` |" in cli_doc, f"docs/cli.md lacks `{name}`"


def test_every_command_help_shows_an_example() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, cmd in sub.choices.items():
        assert "example: parley " + name in cmd.format_help(), name


def test_every_setting_is_documented() -> None:
    cli_doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in SETTINGS:
        assert f"| `{name}` |" in cli_doc, f"docs/cli.md lacks setting `{name}`"


def test_every_error_code_is_documented() -> None:
    errors_doc = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| {code} |" in errors_doc, f"docs/errors.md lacks {code}"
