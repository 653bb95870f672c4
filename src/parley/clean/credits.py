"""Credits: which agency an article carries (``wire``) and which it merely cites.

The carried agency comes from, in this order: the dateline's "(Agency)", a credit line
("Source: Xinhua", "SOURCE: TRTWorld and agencies", "(With inputs from PTI)", a line
"- AFP") and a trailing credit at the end of the text ("... to the south. - Reuters").
Reporting credits ("(Reporting by ...)") are kept as lines but name no agency. Every
other agency named in the text is ``cited`` ("a Hamas source told AFP").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parley.clean.boilerplate import Line
from parley.clean.lexicon import CreditRules, credits
from parley.records import Credits, Dateline

_SPLIT = re.compile(r"\s*(?:,|/|;|\||\band\b|\bwith\b|&)\s*", re.IGNORECASE)
_MAX_WORDS = 45
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# credit rules whose named source counts even when it is no known agency
_NAMES_ANY_SOURCE = ("source", "inputs")
# credit rules whose name is read like a dateline's "(Agency)": an agency sign-off "WAM/ M.A"
_LIKE_DATELINE = ("signoff",)


def agency_name(written: str, rules: CreditRules) -> str | None:
    """The canonical agency for ``written``, or None when it is no known agency."""
    return rules.agencies.get(written.strip().strip(".")) or rules.agencies.get(written.strip().strip(".").title())


def _carried_name(written: str, rule: str, rules: CreditRules) -> str | None:
    parts = [part for part in _SPLIT.split(written.strip().strip(".")) if part]
    for part in parts:
        name = agency_name(part, rules)
        if name:
            return name
    if rule in _NAMES_ANY_SOURCE and parts and parts[0].lower() not in ("agencies", "wires", "news agencies"):
        return parts[0]
    return None


def _credit_line(line: Line, raw: str, rules: CreditRules, outlet: str | None) -> tuple[str, str | None] | None:
    if len(line.text.split()) > _MAX_WORDS:
        return None
    for rule, pattern in rules.lines:
        match = pattern.fullmatch(line.text)
        if match is None:
            continue
        written = match.groupdict().get("carried")
        if not written:
            return raw[line.start : line.end], None
        if rule in _LIKE_DATELINE:
            return raw[line.start : line.end], dateline_agency(written, outlet, rules)
        return raw[line.start : line.end], _carried_name(written, rule, rules)
    return None


def _trailing(lines: list[Line], raw: str, rules: CreditRules) -> tuple[str, str] | None:
    if not lines:
        return None
    last = lines[-1]
    match = rules.trailing.search(last.text)
    if match is None:
        return None
    name = _carried_name(match.group("carried"), "dash", rules)
    if name is None:
        return None
    start = last.start + match.start() + 1
    return raw[start : last.end].strip(), name


def _cited(text: str, wire: str | None, skip: Iterable[tuple[int, int]], rules: CreditRules) -> tuple[str, ...]:
    spans = list(skip)
    found: list[str] = []
    for match in rules.agency_pattern.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        name = rules.agencies[match.group()]
        if name != wire and name not in found:
            found.append(name)
    return tuple(found)


def dateline_agency(written: str, outlet: str | None, rules: CreditRules) -> str | None:
    """The agency a dateline's brackets name: a known agency; an acronym that spells the
    outlet's initials ("NNA" in Nile News Agency's own story) is the outlet; any other
    acronym is kept as written; a word or name ("Dispatches") is no agency."""
    known = agency_name(written, rules)
    if known or not _ACRONYM.fullmatch(written.strip()):
        return known
    if outlet and "".join(word[0] for word in outlet.split() if word[0].isupper()) == written.strip():
        return outlet
    return written.strip()


def find_credits(
    raw: str,
    lines: list[Line],
    cleaned: str,
    dateline: Dateline | None,
    content: list[Line] | None = None,
    outlet: str | None = None,
) -> Credits:
    """Credits of one article from its raw lines (all, and the ``content`` ones left after
    boilerplate removal), its cleaned text and its dateline."""
    rules = credits()
    carried: list[str] = []
    written: list[str] = []
    if dateline is not None and dateline.agency:
        name = dateline_agency(dateline.agency, outlet, rules)
        carried += [name] if name else []
    for line in lines:
        found = _credit_line(line, raw, rules, outlet)
        if found is not None:
            written.append(found[0])
            carried += [found[1]] if found[1] else []
    trailing = _trailing(lines if content is None else content, raw, rules)
    skip = [(dateline.start, dateline.end)] if dateline is not None else []
    if trailing is not None:
        written.append(trailing[0])
        carried.append(trailing[1])
        tail = cleaned.rfind(trailing[0][1:].strip())
        skip += [(tail, len(cleaned))] if tail >= 0 else []
    wire = carried[0] if carried else None
    return Credits(wire=wire, cited=_cited(cleaned, wire, skip, rules), lines=tuple(written))
