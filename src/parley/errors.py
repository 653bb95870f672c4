"""parley's errors: one hierarchy, each with a code, a message and a fix.

::

    ParleyError                  every error a user can see (code, message, fix)
    ├── InputError               one input item cannot be read; it is quarantined (E1xx)
    ├── ProfileError             a conflict profile is broken (E2xx)
    ├── StoreError               the database cannot be opened or migrated (E3xx)
    ├── GoldError                a gold record for `parley eval` is malformed (E4xx)
    └── UsageError               the command line or settings are wrong (E5xx)

A user sees ``error[E101] notes.txt: the file is empty. Fix: ...`` on one line, never a
traceback. ``codes`` below is the single list of codes; ``docs/errors.md`` mirrors it
(a test checks that both agree).
"""

from __future__ import annotations

from dataclasses import dataclass

CODES: dict[str, tuple[str, str]] = {
    # code: (message template, fix)
    "E100": ("cannot read the file: {detail}", "check that the path exists and is readable"),
    "E101": ("the file is empty", "remove it or give it text"),
    "E102": (
        "the file looks binary, not text ({detail})",
        "give parley .txt, .html, .jsonl, .csv, RSS/Atom or WARC files",
    ),
    "E103": ("the file is larger than the limit ({detail})", "split it, or raise the limit with --max-bytes"),
    "E104": ("the text encoding could not be detected", "save the file as UTF-8"),
    "E105": ("malformed JSON on this line: {detail}", "fix the line or remove it; one JSON object per line"),
    "E106": (
        "malformed CSV row: {detail}",
        "quote fields that contain commas or newlines; the header needs a text column",
    ),
    "E107": ("malformed HTML: {detail}", "save the complete page, or give its text as .txt"),
    "E108": ("no article text found ({detail})", "check the field mapping with --map text=FIELD"),
    "E109": (
        "unsupported file type {detail}",
        "use .txt, .html, .htm, .jsonl, .json, .csv, .xml/.rss/.atom or .warc(.gz)",
    ),
    "E110": ("malformed feed: {detail}", "give a complete RSS or Atom file"),
    "E111": ("malformed WARC file: {detail}", "give a complete WARC file (warc or warc.gz)"),
    "E112": ("bad front matter: {detail}", "write YAML between two '---' lines at the top"),
    "E199": (
        "parley failed on this article ({detail})",
        "report it as a bug with the input attached; the rest of the batch went on",
    ),
    "E200": ("cannot read the profile: {detail}", "check the path; profiles are YAML files"),
    "E201": ("profile field missing: {detail}", "add the field; see docs/profiles.md"),
    "E202": ("bad date in profile: {detail}", "write dates as YYYY-MM-DD"),
    "E203": ("duplicate alias in profile: {detail}", "give each alias to one actor or place only"),
    "E204": ("bad value in profile: {detail}", "see docs/profiles.md for the allowed values"),
    "E205": ("unknown profile {detail}", "run `parley profiles` to list the profiles"),
    "E300": ("cannot open the database: {detail}", "check the path, or remove a file that is not a parley database"),
    "E301": ("the database schema is newer than this parley ({detail})", "upgrade parley"),
    "E302": ("the database is locked by another process", "wait for the other parley command to finish"),
    "E400": ("cannot read the gold record: {detail}", "give a folder of JSON files in the format of gold/SCHEMA.md"),
    "E401": ("no gold record matches the inputs", "name inputs by the gold ids (file name without extension)"),
    "E500": ("bad command-line value: {detail}", "see `parley COMMAND --help`"),
    "E501": ("no input files found: {detail}", "give files, folders or globs that exist"),
    "E502": ("bad setting: {detail}", "see docs/cli.md for the settings"),
}


@dataclass
class ParleyError(Exception):
    """An error a user sees: ``error[CODE] WHERE: message. Fix: fix.``"""

    code: str
    detail: str = ""
    where: str = ""

    @property
    def message(self) -> str:
        template, _ = CODES[self.code]
        return template.format(detail=self.detail)

    @property
    def fix(self) -> str:
        return CODES[self.code][1]

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"error[{self.code}]{where} {self.message}. Fix: {self.fix}."


class InputError(ParleyError):
    """An input item cannot be read; the batch goes on and the item is quarantined."""


class ProfileError(ParleyError):
    """A conflict profile is broken; ``where`` names the file and line."""


class StoreError(ParleyError):
    """The database cannot be opened, read or migrated."""


class GoldError(ParleyError):
    """A gold record for ``parley eval`` is malformed."""


class UsageError(ParleyError):
    """The command line or settings are wrong."""
